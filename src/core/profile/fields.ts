/**
 * The kinds of profile field — text, number, switch, choice, choices, lists, a range — from
 * which schema.ts builds the profile. Each field is one object that knows
 *   - how it validates: a zod leaf that takes any JSON value, normalises it through the
 *     vocabulary and reports its own stable code, or fills its default when the value is missing;
 *   - its limits, default and options (read by the form's markup);
 *   - how the profile form holds it: its draft key(s) and the conversions both ways.
 *
 * A message names the rule ("must be a whole number from 18 to 99") and never repeats the value
 * it refuses: values reach logs, notices and terminals, and a mistyped field may hold an e-mail
 * address or a faith.
 *
 * Text is measured in code points (what a person counts as characters: one emoji is one), must
 * not contain control characters (a NUL, an escape sequence; line breaks only where a field is
 * free text) and, where it is required, must show something: a name of zero-width spaces is
 * empty. Numbers given as text must be plain decimals ("30", "4.5"; never "0x1e" or "1e1"), and
 * -0 is refused (it would survive validation and turn into 0 after a JSON round trip).
 *
 * No DOM, no Svelte: this runs in Node, in a worker and in the browser.
 */
import * as z from 'zod';
import type { ProblemCode } from './problems';
import {
  EUR_PER_UNIT, VOCAB, languageName, normalize, normalizeLanguage, type VocabName,
} from './vocab';

// No generated code: the app runs under a Content Security Policy without 'unsafe-eval', and
// zod's probe for `new Function` would be reported as a violation even though it is caught.
// (Set before any schema is built: zod decides when an object schema is constructed.)
z.config({ jitless: true });

// ---- Checks ----

class Fail {
  constructor(readonly code: ProblemCode, readonly message: string) {}
}
const fail = (code: ProblemCode, message: string) => new Fail(code, message);

/** What kind of value was given — never the value itself. */
function show(v: unknown): string {
  if (typeof v === 'string') return v.trim() === '' ? 'empty text' : 'text';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isFinite(v) ? 'a number' : 'a non-finite number';
  if (typeof v === 'boolean') return 'true or false';
  return typeof v;
}

/** Length in code points: "🙂" is one character, as a person counts it. */
export const textLength = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else { const d = s.charCodeAt(i + 1); n++; if (d >= 0xdc00 && d <= 0xdfff) i++; }
  }
  return n;
};

/** Control characters: never in a single-line field; in free text only tab and line breaks. */
const CONTROL_LINE = /\p{Cc}/u;
const CONTROL_FREE = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
/** Something a reader sees: a letter, digit, symbol or punctuation mark (not a zero-width space)… */
const VISIBLE_CHAR = /[\p{L}\p{N}\p{S}\p{P}]/u;
/** …other than the blank "letters" (Hangul fillers, the braille blank, …) that show nothing. */
const BLANK_LETTERS = /[\u115F\u1160\u3164\uFFA0\u2800\u180E\u034F]/gu;
const VISIBLE = { test: (s: string) => VISIBLE_CHAR.test(s.replace(BLANK_LETTERS, '')) };
/** A number written as text: plain decimal notation only. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

const isMissing = (v: unknown) => v === undefined || v === null;

/** A zod leaf from a check that returns the normalised value or a Fail. */
function leaf<T>(check: (v: unknown) => T | Fail) {
  return z.any().transform((v, ctx): T => {
    const out = check(v);
    if (out instanceof Fail) {
      ctx.issues.push({ code: 'custom', message: out.message, input: v, params: { code: out.code } });
      return z.NEVER;
    }
    return out;
  });
}

const unknownWord = (vocab: VocabName) => fail('unknown_value', `unknown value; expected one of ${[...new Set(VOCAB[vocab].values())].join(', ')}`);

/** A list whose items are normalised by `one`; de-duplicated; length checked after that. */
function list<T extends string>(one: (item: unknown) => T | Fail, opts: { min: number; max: number; sort?: boolean; def?: readonly T[]; what: string }) {
  return z.any().transform((v, ctx): T[] => {
    if (isMissing(v)) {
      if (opts.def) return [...opts.def];
      ctx.issues.push({ code: 'custom', message: 'is required', input: v, params: { code: 'required' } });
      return z.NEVER;
    }
    if (!Array.isArray(v)) {
      ctx.issues.push({ code: 'custom', message: `must be a list, got ${show(v)}`, input: v, params: { code: 'invalid_type' } });
      return z.NEVER;
    }
    if (v.length > Math.max(opts.max * 4, 64)) {
      ctx.issues.push({ code: 'custom', message: `must have at most ${opts.max} ${opts.what}, got ${v.length}`, input: v, params: { code: 'too_many' } });
      return z.NEVER;
    }
    const out: T[] = [];
    let bad = false;
    v.forEach((item, i) => {
      const r = one(item);
      if (r instanceof Fail) {
        bad = true;
        ctx.issues.push({ code: 'custom', message: r.message, input: item, path: [i], params: { code: r.code } });
      } else if (!out.includes(r)) out.push(r);
    });
    if (bad) return z.NEVER;
    if (out.length < opts.min) {
      ctx.issues.push({ code: 'custom', message: `must have at least ${opts.min} ${opts.min === 1 ? `item (${opts.what})` : opts.what}`, input: v, params: { code: 'too_few' } });
      return z.NEVER;
    }
    if (out.length > opts.max) {
      ctx.issues.push({ code: 'custom', message: `must have at most ${opts.max} ${opts.what}, got ${out.length}`, input: v, params: { code: 'too_many' } });
      return z.NEVER;
    }
    return opts.sort ? out.sort() : out;
  });
}

/** One word of a vocabulary, as its canonical form; `T` is that vocabulary's list of words. */
function vocabItem<T extends string>(vocab: VocabName) {
  return (item: unknown): T | Fail => {
    if (typeof item !== 'string') return fail('invalid_type', `must be text, got ${show(item)}`);
    return (normalize(vocab, item) as T | undefined) ?? unknownWord(vocab);
  };
}

function languageItem(item: unknown): string | Fail {
  if (typeof item !== 'string') return fail('invalid_type', `must be a language, got ${show(item)}`);
  return normalizeLanguage(item) ?? fail('unknown_value', 'unknown language; use an ISO 639-1 code or a language name');
}

/** One line of text that shows something, at most `max` characters. */
function freeText(max: number) {
  return (item: unknown): string | Fail => {
    if (typeof item !== 'string') return fail('invalid_type', `must be text, got ${show(item)}`);
    const s = item.trim();
    if (!VISIBLE.test(s)) return fail('required', s === '' ? 'must not be empty' : 'must not be empty or invisible');
    if (CONTROL_LINE.test(s)) return fail('invalid_format', 'must be one line without control characters');
    return textLength(s) > max ? fail('too_long', `must be at most ${max} characters`) : s;
  };
}

function idText(max: number) {
  const text = freeText(max);
  return (item: unknown): string | Fail => {
    const s = text(item);
    if (s instanceof Fail) return s;
    return s.includes('@') ? fail('invalid_format', 'must be an opaque id, not an email') : s;
  };
}

// ---- Fields ----

/** What one form input holds: text, a number (null while empty), a switch, or the words ticked. */
export type DraftValue = string | number | null | boolean | string[];
type DraftPart = Record<string, DraftValue>;

/** One field of the profile: `T` is its validated value, `D` the form state (draft entries) that holds it. */
export interface Field<T = unknown, D extends DraftPart = DraftPart> {
  readonly kind: 'id' | 'text' | 'number' | 'switch' | 'choice' | 'choices' | 'list' | 'range';
  /** Any JSON value in; the normalised value out, or problems. A missing value takes `def`. */
  readonly schema: z.ZodType<T>;
  /** The value when the field is left out; undefined when it is required. */
  readonly def: T | undefined;
  /** Whether a form input edits it (the id is carried by the form, never shown). */
  readonly input: boolean;
  /** The form state for a value. */
  toDraft(value: T): D;
  /** The form state of a new form: the default, or blank where there is none. */
  empty(): D;
  /** The form state as profile input, validated afterwards like any input. */
  toInput(draft: D): unknown;
}

export const isField = (node: unknown): node is Field =>
  typeof node === 'object' && node !== null && typeof (node as Field).toDraft === 'function';

type One<K extends string, V extends DraftValue> = { [P in K]: V };

/** A field held by one draft entry `key`; values pass through unchanged unless converted. */
function field<T, K extends string, V extends DraftValue>(
  kind: Field['kind'], key: K, schema: z.ZodType<T>, def: T | undefined,
  form: { blank: () => V; toDraft: (value: T) => V; toInput?: (value: V) => unknown; input?: boolean },
): Field<T, One<K, V>> {
  const entry = (v: V) => ({ [key]: v }) as One<K, V>;
  return {
    kind, schema, def, input: form.input ?? true,
    toDraft: (value) => entry(form.toDraft(value)),
    empty: () => entry(def === undefined ? form.blank() : form.toDraft(def)),
    toInput: (draft) => (form.toInput ? form.toInput(draft[key]) : draft[key]),
  };
}

const same = <T>(v: T) => v;
const copy = <T>(v: readonly T[]) => [...v];

/** "English, Deutsch; fa" → ["English", "Deutsch", "fa"]: how the form reads a typed list. */
export function splitList(text: string): string[] {
  return text.split(/[,;\n]+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Text, trimmed, at most `max` characters; `min` 1: it must show something. `multiline`: free text. */
export function text<K extends string>(key: K, o: { min?: number; max: number; def?: string; multiline?: boolean }) {
  const min = o.min ?? 0;
  const multiline = o.multiline ?? false;
  const schema = leaf((v) => {
    if (isMissing(v)) return o.def ?? fail('required', 'is required');
    if (typeof v !== 'string') return fail('invalid_type', `must be text, got ${show(v)}`);
    const s = v.trim();
    const length = textLength(s);
    if (length > o.max) return fail('too_long', `must be at most ${o.max} characters, got ${length}`);
    if ((multiline ? CONTROL_FREE : CONTROL_LINE).test(s)) return fail('invalid_format', multiline ? 'must not contain control characters' : 'must be one line without control characters');
    if (min > 0 && !VISIBLE.test(s)) return fail('required', s === '' ? 'must not be empty' : 'must not be empty or invisible');
    if (length < min) return fail(min === 1 ? 'required' : 'too_short', min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    return s;
  });
  return { ...field('text', key, schema, o.def, { blank: () => '', toDraft: same<string> }), min, max: o.max, multiline };
}

/** An opaque id (never an e-mail address). The form carries it without showing it; empty means the default. */
export function id<K extends string>(key: K, o: { max: number; def: string }) {
  const check = idText(o.max);
  const schema = leaf((v) => (isMissing(v) ? o.def : check(v)));
  return { ...field('id', key, schema, o.def, { blank: () => '', toDraft: same<string>, toInput: (v) => v || null, input: false }), max: o.max };
}

/** A number from `lo` to `hi` (above `lo` when `exclusiveLo`); an empty number input holds null. */
export function number<K extends string>(key: K, o: { lo: number; hi: number; integer?: boolean; exclusiveLo?: boolean; def?: number }) {
  const integer = o.integer ?? false;
  const exclusiveLo = o.exclusiveLo ?? false;
  const range = exclusiveLo ? `greater than ${o.lo} and at most ${o.hi}` : `from ${o.lo} to ${o.hi}`;
  const rule = `must be ${integer ? 'a whole number' : 'a number'} ${range}`;
  const schema = leaf((v) => {
    if (isMissing(v)) return o.def ?? fail('required', 'is required');
    if (typeof v === 'string' && !DECIMAL.test(v.trim())) return fail('invalid_type', `must be a number written in decimal digits, got ${show(v)}`);
    const n = typeof v === 'string' ? Number(v.trim()) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) return fail('invalid_type', `must be a number, got ${show(v)}`);
    if (Object.is(n, -0)) return fail('invalid_format', `${rule} (not -0)`);
    if (integer && !Number.isInteger(n)) return fail('not_integer', rule);
    const low = exclusiveLo ? n <= o.lo : n < o.lo;
    if (low || n > o.hi) return fail('out_of_range', rule);
    return n;
  });
  return { ...field('number', key, schema, o.def, { blank: (): number | null => null, toDraft: same<number | null> }), lo: o.lo, hi: o.hi, integer, exclusiveLo };
}

/** True or false. */
export function toggle<K extends string>(key: K, def: boolean) {
  const schema = leaf((v) => {
    if (isMissing(v)) return def;
    if (typeof v !== 'boolean') return fail('invalid_type', `must be true or false, got ${show(v)}`);
    return v;
  });
  return field('switch', key, schema, def, { blank: () => def, toDraft: same<boolean> });
}

/**
 * One word of vocabulary `vocab` (SPEC §2.2), any spelling in, the canonical word out; `options`
 * are its canonical words (the form's options), which also give the field its type.
 */
export function choice<K extends string, T extends string>(key: K, vocab: VocabName, options: readonly T[], def?: T) {
  const schema = leaf((v): T | Fail => {
    if (isMissing(v) || v === '') return def ?? fail('required', 'is required');
    if (typeof v !== 'string') return fail('invalid_type', `must be text, got ${show(v)}`);
    return (normalize(vocab, v) as T | undefined) ?? unknownWord(vocab);
  });
  return { ...field<T, K, string>('choice', key, schema, def, { blank: () => '', toDraft: same }), vocab, options };
}

/** A supported currency code (the static rate table), upper-cased. */
export function currency<K extends string>(key: K, def: string) {
  const codes = Object.keys(EUR_PER_UNIT);
  const schema = leaf((v) => {
    if (isMissing(v)) return def;
    if (typeof v !== 'string') return fail('invalid_type', `must be a currency code, got ${show(v)}`);
    const c = v.trim().toUpperCase();
    return Object.hasOwn(EUR_PER_UNIT, c) ? c : fail('unknown_value', `unknown currency; supported: ${codes.join(', ')}`);
  });
  return { ...field<string, K, string>('choice', key, schema, def, { blank: () => '', toDraft: same }), options: [...codes].sort() };
}

/**
 * Words of vocabulary `vocab`, `min` to `max` of them, as in `choice`. An `exclusive` word
 * ("any") stands for all the others: chosen with them, it is kept alone.
 */
export function choices<K extends string, T extends string>(
  key: K, vocab: VocabName, options: readonly T[],
  o: { min?: number; max: number; def?: readonly T[]; what: string; exclusive?: T },
) {
  const min = o.min ?? 0;
  const { exclusive } = o;
  const all = list(vocabItem<T>(vocab), { min, max: o.max, def: o.def, what: o.what });
  const schema = exclusive === undefined ? all : all.transform((words) => (words.includes(exclusive) ? [exclusive] : words));
  return {
    ...field<T[], K, string[]>('choices', key, schema, o.def && copy(o.def), { blank: () => [], toDraft: copy, toInput: copy }),
    vocab, options, min, max: o.max, exclusive,
  };
}

/** Languages as ISO 639-1 codes, sorted; the form holds them as typed text ("English, Deutsch"). */
export function languages<K extends string>(key: K, o: { min: number; max: number }) {
  const schema = list(languageItem, { min: o.min, max: o.max, sort: true, what: 'languages' });
  const toDraft = (codes: readonly string[]) => codes.map(languageName).join(', ');
  return { ...field<string[], K, string>('list', key, schema, undefined, { blank: () => '', toDraft, toInput: splitList }), min: o.min, max: o.max };
}

/** Short free-text items, at most `max` of `itemMax` characters each; the form holds them as "a, b". */
export function textList<K extends string>(key: K, o: { max: number; itemMax: number; what: string }) {
  const schema = list(freeText(o.itemMax), { min: 0, max: o.max, def: [], what: o.what });
  const toDraft = (items: readonly string[]) => items.join(', ');
  return { ...field<string[], K, string>('list', key, schema, [], { blank: () => '', toDraft, toInput: splitList }), max: o.max, itemMax: o.itemMax };
}

/** Opaque ids (never e-mail addresses), at most `max` of `itemMax` characters each. */
export function idList<K extends string>(key: K, o: { max: number; itemMax: number; what: string }) {
  const schema = list(idText(o.itemMax), { min: 0, max: o.max, def: [], what: o.what });
  return { ...field<string[], K, string[]>('list', key, schema, [], { blank: () => [], toDraft: copy, toInput: copy }), max: o.max, itemMax: o.itemMax };
}

/**
 * `[lowest, highest]` within `lo`–`hi`, or null for no limit. The form holds the two ends
 * under two keys; one end left empty means the bound of the range.
 */
export function range<L extends string, H extends string>(keys: readonly [L, H], o: { lo: number; hi: number }) {
  const [lowKey, highKey] = keys;
  type D = One<L, number | null> & One<H, number | null>;
  const schema = leaf((v): [number, number] | null | Fail => {
    if (isMissing(v)) return null;
    if (!Array.isArray(v) || v.length !== 2) return fail('invalid_type', `must be [lowest, highest] or null, got ${show(v)}`);
    const [lo, hi] = v;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || Object.is(lo, -0) || Object.is(hi, -0)) return fail('not_integer', 'must be two whole numbers');
    if (lo < o.lo || hi > o.hi) return fail('out_of_range', `must lie within ${o.lo}–${o.hi}`);
    if (lo > hi) return fail('out_of_range', 'the lowest age is above the highest');
    return [lo, hi];
  });
  const toDraft = (v: [number, number] | null) => ({ [lowKey]: v ? v[0] : null, [highKey]: v ? v[1] : null }) as D;
  const self: Field<[number, number] | null, D> = {
    kind: 'range', schema, def: null, input: true,
    toDraft,
    empty: () => toDraft(null),
    toInput: (d) => {
      const low: number | null = d[lowKey], high: number | null = d[highKey];
      return low === null && high === null ? null : [low ?? o.lo, high ?? o.hi];
    },
  };
  return { ...self, lo: o.lo, hi: o.hi };
}

/**
 * An object of known keys. Only the known keys are read (unknown ones are dropped), and a
 * missing key is passed to its leaf as null, so every leaf decides its own default. An
 * `optional` object that is missing is read as an empty one: every field takes its default.
 */
export function group(shape: Record<string, z.ZodType>, opts: { optional: boolean }): z.ZodType {
  const keys = Object.keys(shape);
  return z.preprocess((v) => {
    if (v === undefined || v === null) return opts.optional ? Object.fromEntries(keys.map((k) => [k, null])) : v;
    if (typeof v !== 'object' || Array.isArray(v)) return v;
    const src = v as Record<string, unknown>;
    return Object.fromEntries(keys.map((k) => [k, Object.hasOwn(src, k) ? (src[k] ?? null) : null]));
  }, z.object(shape, {
    error: (iss) => (iss.input === undefined || iss.input === null ? 'is required' : `must be an object, got ${show(iss.input)}`),
  }));
}
