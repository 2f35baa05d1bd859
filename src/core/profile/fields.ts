/**
 * The kinds of profile field — text, number, switch, choice, choices, lists, a range — from
 * which schema.ts builds the profile. Each field is one object that knows
 *   - how it validates: a zod leaf that takes any JSON value, normalises it through the
 *     vocabulary and reports its own stable code, or fills its default when the value is missing;
 *   - its limits, default and options (read by the form's markup);
 *   - how the profile form holds it: its draft key(s) and the conversions both ways.
 *
 * Every field has a label, the name the form shows it by. A message is that label and what to
 * do, in plain words ("Age: enter a whole number from 18 to 99."), from the phrases in
 * problems.ts; it never repeats the value it refuses: values reach logs, notices and terminals,
 * and a mistyped field may hold an e-mail address or a faith.
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
import { ADVICE, type Noun, type ProblemCode, problemMessage, rangeWords } from './problems';
import {
  EUR_PER_UNIT, VOCAB, languageName, normalize, normalizeLanguage, type VocabName,
} from './vocab';

// No generated code: the app runs under a Content Security Policy without 'unsafe-eval', and
// zod's probe for `new Function` would be reported as a violation even though it is caught.
// (Set before any schema is built: zod decides when an object schema is constructed.)
z.config({ jitless: true });

// ---- Checks ----

/** A broken rule: its code and what to do (an ADVICE phrase; the field adds its label). */
class Fail {
  constructor(readonly code: ProblemCode, readonly advice: string) {}
}
const fail = (code: ProblemCode, advice: string) => new Fail(code, advice);

type Issues = { issues: unknown[] };
/** Report a problem at the field (or at `path` below it, a list's entry). */
function report(ctx: Issues, label: string, code: ProblemCode, advice: string, input: unknown, path?: (string | number)[]): void {
  ctx.issues.push({ code: 'custom', message: problemMessage(label, advice), input, params: { code }, ...(path ? { path } : {}) });
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

/** A zod leaf from a check that returns the normalised value or a Fail, reported under `label`. */
function leaf<T>(label: string, check: (v: unknown) => T | Fail) {
  return z.any().transform((v, ctx): T => {
    const out = check(v);
    if (out instanceof Fail) {
      report(ctx, label, out.code, out.advice, v);
      return z.NEVER;
    }
    return out;
  });
}

/** The canonical words of a vocabulary, each once. */
const wordsOf = (vocab: VocabName) => [...new Set(VOCAB[vocab].values())];

/** How a list speaks of its entries: `noun` ['interest', 'interests'], `verb` "choose" or "list". */
type ListWords = { noun: Noun; verb: 'choose' | 'list' };

/**
 * A list whose entries are checked by `one`, which gives the entry's advice (ADVICE.entry…);
 * de-duplicated; its length checked after that.
 */
function list<T extends string>(label: string, one: (item: unknown) => T | Fail, opts: ListWords & { min: number; max: number; sort?: boolean; def?: readonly T[] }) {
  const { noun, verb } = opts;
  return z.any().transform((v, ctx): T[] => {
    if (isMissing(v)) {
      if (opts.def) return [...opts.def];
      report(ctx, label, 'required', opts.min > 0 ? ADVICE.atLeast(verb, opts.min, noun) : ADVICE.list(noun), v);
      return z.NEVER;
    }
    if (!Array.isArray(v)) {
      report(ctx, label, 'invalid_type', ADVICE.list(noun), v);
      return z.NEVER;
    }
    if (v.length > Math.max(opts.max * 4, 64)) {
      report(ctx, label, 'too_many', ADVICE.atMost(verb, opts.max, noun), v);
      return z.NEVER;
    }
    const out: T[] = [];
    let bad = false;
    v.forEach((item, i) => {
      const r = one(item);
      if (r instanceof Fail) {
        bad = true;
        report(ctx, label, r.code, ADVICE.entry(i, r.advice), item, [i]);
      } else if (!out.includes(r)) out.push(r);
    });
    if (bad) return z.NEVER;
    if (out.length < opts.min) {
      report(ctx, label, 'too_few', ADVICE.atLeast(verb, opts.min, noun), v);
      return z.NEVER;
    }
    if (out.length > opts.max) {
      report(ctx, label, 'too_many', ADVICE.atMost(verb, opts.max, noun), v);
      return z.NEVER;
    }
    return opts.sort ? out.sort() : out;
  });
}

/** One word of a vocabulary, as its canonical form; `T` is that vocabulary's list of words. */
function vocabItem<T extends string>(vocab: VocabName) {
  const options = wordsOf(vocab);
  return (item: unknown): T | Fail => {
    if (typeof item !== 'string') return fail('invalid_type', ADVICE.entryUnknown(options));
    return (normalize(vocab, item) as T | undefined) ?? fail('unknown_value', ADVICE.entryUnknown(options));
  };
}

function languageItem(item: unknown): string | Fail {
  if (typeof item !== 'string') return fail('invalid_type', ADVICE.entryLanguage);
  return normalizeLanguage(item) ?? fail('unknown_value', ADVICE.entryLanguage);
}

/** One entry of a list of short texts: one line that shows something, at most `max` characters. */
function textEntry(max: number) {
  return (item: unknown): string | Fail => {
    if (typeof item !== 'string') return fail('invalid_type', ADVICE.entryText);
    const s = item.trim();
    if (!VISIBLE.test(s)) return fail('required', ADVICE.entryEmpty);
    if (CONTROL_LINE.test(s)) return fail('invalid_format', ADVICE.entryOneLine);
    return textLength(s) > max ? fail('too_long', ADVICE.entryTooLong(max)) : s;
  };
}

/** One entry of a list of ids: as `textEntry`, and never an e-mail address. */
function idEntry(max: number) {
  const text = textEntry(max);
  return (item: unknown): string | Fail => {
    const s = text(item);
    if (s instanceof Fail) return s;
    return s.includes('@') ? fail('invalid_format', ADVICE.entryNotEmail) : s;
  };
}

// ---- Fields ----

/** What one form input holds: text, a number (null while empty), a switch, or the words ticked. */
export type DraftValue = string | number | null | boolean | string[];
type DraftPart = Record<string, DraftValue>;

/** One field of the profile: `T` is its validated value, `D` the form state (draft entries) that holds it. */
export interface Field<T = unknown, D extends DraftPart = DraftPart> {
  readonly kind: 'id' | 'text' | 'number' | 'switch' | 'choice' | 'choices' | 'list' | 'range';
  /** Its name for people, as the form shows it: every problem's message starts with it. */
  readonly label: string;
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
  kind: Field['kind'], key: K, label: string, schema: z.ZodType<T>, def: T | undefined,
  form: { blank: () => V; toDraft: (value: T) => V; toInput?: (value: V) => unknown; input?: boolean },
): Field<T, One<K, V>> {
  const entry = (v: V) => ({ [key]: v }) as One<K, V>;
  return {
    kind, label, schema, def, input: form.input ?? true,
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
export function text<K extends string>(key: K, o: { label: string; min?: number; max: number; def?: string; multiline?: boolean }) {
  const min = o.min ?? 0;
  const multiline = o.multiline ?? false;
  const schema = leaf(o.label, (v) => {
    if (isMissing(v)) return o.def ?? fail('required', ADVICE.fillIn);
    if (typeof v !== 'string') return fail('invalid_type', ADVICE.text);
    const s = v.trim();
    const length = textLength(s);
    if (length > o.max) return fail('too_long', ADVICE.tooLong(o.max));
    if ((multiline ? CONTROL_FREE : CONTROL_LINE).test(s)) return fail('invalid_format', multiline ? ADVICE.noControl : ADVICE.oneLine);
    if (min > 0 && !VISIBLE.test(s)) return fail('required', s === '' ? ADVICE.fillIn : ADVICE.visible);
    if (length < min) return min === 1 ? fail('required', ADVICE.fillIn) : fail('too_short', ADVICE.tooShort(min));
    return s;
  });
  return { ...field('text', key, o.label, schema, o.def, { blank: () => '', toDraft: same<string> }), min, max: o.max, multiline };
}

/** An opaque id (never an e-mail address). The form carries it without showing it; empty means the default. */
export function id<K extends string>(key: K, o: { label: string; max: number; def: string }) {
  const schema = leaf(o.label, (v) => {
    if (isMissing(v)) return o.def;
    if (typeof v !== 'string') return fail('invalid_type', ADVICE.text);
    const s = v.trim();
    if (!VISIBLE.test(s)) return fail('required', s === '' ? ADVICE.fillIn : ADVICE.visible);
    if (CONTROL_LINE.test(s)) return fail('invalid_format', ADVICE.oneLine);
    if (textLength(s) > o.max) return fail('too_long', ADVICE.tooLong(o.max));
    return s.includes('@') ? fail('invalid_format', ADVICE.notEmail) : s;
  });
  return { ...field('id', key, o.label, schema, o.def, { blank: () => '', toDraft: same<string>, toInput: (v) => v || null, input: false }), max: o.max };
}

/**
 * A number from `lo` to `hi` (above `lo` when `exclusiveLo`); an empty number input holds null.
 * `noun` names what to enter ("an amount"); by default "a whole number" or "a number".
 */
export function number<K extends string>(key: K, o: { label: string; lo: number; hi: number; integer?: boolean; exclusiveLo?: boolean; def?: number; noun?: string }) {
  const integer = o.integer ?? false;
  const exclusiveLo = o.exclusiveLo ?? false;
  const noun = o.noun ?? (integer ? 'a whole number' : 'a number');
  const range = rangeWords({ lo: o.lo, hi: o.hi, exclusiveLo });
  const schema = leaf(o.label, (v) => {
    if (isMissing(v)) return o.def ?? fail('required', ADVICE.number(noun, range));
    if (typeof v === 'string' && !DECIMAL.test(v.trim())) return fail('invalid_type', ADVICE.digits(noun, range));
    const n = typeof v === 'string' ? Number(v.trim()) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) return fail('invalid_type', ADVICE.number(noun, range));
    if (Object.is(n, -0)) return fail('invalid_format', ADVICE.noMinusZero(noun, range));
    if (integer && !Number.isInteger(n)) return fail('not_integer', ADVICE.number(noun, range));
    const low = exclusiveLo ? n <= o.lo : n < o.lo;
    if (low || n > o.hi) return fail('out_of_range', ADVICE.number(noun, range));
    return n;
  });
  return { ...field('number', key, o.label, schema, o.def, { blank: (): number | null => null, toDraft: same<number | null> }), lo: o.lo, hi: o.hi, integer, exclusiveLo };
}

/** True or false. */
export function toggle<K extends string>(key: K, o: { label: string; def: boolean }) {
  const { def } = o;
  const schema = leaf(o.label, (v) => {
    if (isMissing(v)) return def;
    if (typeof v !== 'boolean') return fail('invalid_type', ADVICE.yesNo);
    return v;
  });
  return field('switch', key, o.label, schema, def, { blank: () => def, toDraft: same<boolean> });
}

/**
 * One word of vocabulary `vocab` (SPEC §2.2), any spelling in, the canonical word out; `options`
 * are its canonical words (the form's options), which also give the field its type.
 */
export function choice<K extends string, T extends string>(key: K, vocab: VocabName, options: readonly T[], o: { label: string; def?: T }) {
  const { def } = o;
  const words = wordsOf(vocab);
  const schema = leaf(o.label, (v): T | Fail => {
    if (isMissing(v) || v === '') return def ?? fail('required', ADVICE.chooseOne);
    if (typeof v !== 'string') return fail('invalid_type', ADVICE.chooseFrom(words));
    return (normalize(vocab, v) as T | undefined) ?? fail('unknown_value', ADVICE.chooseFrom(words));
  });
  return { ...field<T, K, string>('choice', key, o.label, schema, def, { blank: () => '', toDraft: same }), vocab, options };
}

/** A supported currency code (the static rate table), upper-cased. */
export function currency<K extends string>(key: K, o: { label: string; def: string }) {
  const { def } = o;
  const codes = Object.keys(EUR_PER_UNIT);
  const examples = ['EUR', 'USD', 'GBP'].filter((c) => Object.hasOwn(EUR_PER_UNIT, c));
  const schema = leaf(o.label, (v) => {
    if (isMissing(v)) return def;
    if (typeof v !== 'string') return fail('invalid_type', ADVICE.currency(examples));
    const c = v.trim().toUpperCase();
    return Object.hasOwn(EUR_PER_UNIT, c) ? c : fail('unknown_value', ADVICE.currency(examples));
  });
  return { ...field<string, K, string>('choice', key, o.label, schema, def, { blank: () => '', toDraft: same }), options: [...codes].sort() };
}

/**
 * Words of vocabulary `vocab`, `min` to `max` of them, as in `choice`. An `exclusive` word
 * ("any") stands for all the others: chosen with them, it is kept alone. `noun`: what one and
 * several of them are called ("interest", "interests").
 */
export function choices<K extends string, T extends string>(
  key: K, vocab: VocabName, options: readonly T[],
  o: { label: string; min?: number; max: number; def?: readonly T[]; noun: Noun; exclusive?: T },
) {
  const min = o.min ?? 0;
  const { exclusive } = o;
  const all = list(o.label, vocabItem<T>(vocab), { min, max: o.max, def: o.def, noun: o.noun, verb: 'choose' });
  const schema = exclusive === undefined ? all : all.transform((words) => (words.includes(exclusive) ? [exclusive] : words));
  return {
    ...field<T[], K, string[]>('choices', key, o.label, schema, o.def && copy(o.def), { blank: () => [], toDraft: copy, toInput: copy }),
    vocab, options, min, max: o.max, exclusive, noun: o.noun,
  };
}

/** Languages as ISO 639-1 codes, sorted; the form holds them as typed text ("English, Deutsch"). */
export function languages<K extends string>(key: K, o: { label: string; min: number; max: number; noun: Noun }) {
  const schema = list(o.label, languageItem, { min: o.min, max: o.max, sort: true, noun: o.noun, verb: 'choose' });
  const toDraft = (codes: readonly string[]) => codes.map(languageName).join(', ');
  return { ...field<string[], K, string>('list', key, o.label, schema, undefined, { blank: () => '', toDraft, toInput: splitList }), min: o.min, max: o.max, noun: o.noun };
}

/** Short free-text items, at most `max` of `itemMax` characters each; the form holds them as "a, b". */
export function textList<K extends string>(key: K, o: { label: string; max: number; itemMax: number; noun: Noun }) {
  const schema = list(o.label, textEntry(o.itemMax), { min: 0, max: o.max, def: [], noun: o.noun, verb: 'list' });
  const toDraft = (items: readonly string[]) => items.join(', ');
  return { ...field<string[], K, string>('list', key, o.label, schema, [], { blank: () => '', toDraft, toInput: splitList }), max: o.max, itemMax: o.itemMax, noun: o.noun };
}

/** Opaque ids (never e-mail addresses), at most `max` of `itemMax` characters each. */
export function idList<K extends string>(key: K, o: { label: string; max: number; itemMax: number; noun: Noun }) {
  const schema = list(o.label, idEntry(o.itemMax), { min: 0, max: o.max, def: [], noun: o.noun, verb: 'list' });
  return { ...field<string[], K, string[]>('list', key, o.label, schema, [], { blank: () => [], toDraft: copy, toInput: copy }), max: o.max, itemMax: o.itemMax, noun: o.noun };
}

/**
 * `[lowest, highest]` within `lo`–`hi`, or null for no limit. The form holds the two ends
 * under two keys; one end left empty means the bound of the range.
 */
export function range<L extends string, H extends string>(keys: readonly [L, H], o: { label: string; lo: number; hi: number }) {
  const [lowKey, highKey] = keys;
  type D = One<L, number | null> & One<H, number | null>;
  const limits = rangeWords(o);
  const schema = leaf(o.label, (v): [number, number] | null | Fail => {
    if (isMissing(v)) return null;
    if (!Array.isArray(v) || v.length !== 2) return fail('invalid_type', ADVICE.rangePair);
    const [lo, hi] = v;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || Object.is(lo, -0) || Object.is(hi, -0)) return fail('not_integer', ADVICE.rangeWhole(limits));
    if (lo < o.lo || hi > o.hi) return fail('out_of_range', ADVICE.rangeLimits(limits));
    if (lo > hi) return fail('out_of_range', ADVICE.rangeOrder);
    return [lo, hi];
  });
  const toDraft = (v: [number, number] | null) => ({ [lowKey]: v ? v[0] : null, [highKey]: v ? v[1] : null }) as D;
  const self: Field<[number, number] | null, D> = {
    kind: 'range', label: o.label, schema, def: null, input: true,
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
 * An object of known keys, called `label` in messages (`root`: the profile itself). Only the
 * known keys are read (unknown ones are dropped), and a missing key is passed to its leaf as
 * null, so every leaf decides its own default. An `optional` object that is missing is read as
 * an empty one: every field takes its default.
 */
export function group(label: string, shape: Record<string, z.ZodType>, opts: { optional: boolean; root?: boolean }): z.ZodType {
  const keys = Object.keys(shape);
  return z.preprocess((v, ctx) => {
    if (v === undefined || v === null) {
      if (opts.optional) return Object.fromEntries(keys.map((k) => [k, null]));
      report(ctx, label, 'required', opts.root ? ADVICE.profileShape : ADVICE.sectionMissing, v);
      return z.NEVER;
    }
    if (typeof v !== 'object' || Array.isArray(v)) {
      report(ctx, label, 'invalid_type', opts.root ? ADVICE.profileShape : ADVICE.sectionShape, v);
      return z.NEVER;
    }
    const src = v as Record<string, unknown>;
    return Object.fromEntries(keys.map((k) => [k, Object.hasOwn(src, k) ? (src[k] ?? null) : null]));
  }, z.object(shape));
}
