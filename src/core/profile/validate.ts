/**
 * Profile validation and normalisation (SPEC §2.1, §2.2).
 *
 * `validateProfile(anyJsonValue)` never throws: it returns either the canonical profile or
 * every problem found, each as `{path, code, message}` with a message that names the field and
 * the rule ("age: must be a whole number from 18 to 99"). A message never repeats the value it
 * refuses: values reach logs, notices and terminals, and a mistyped field may hold an e-mail
 * address or a faith. zod walks the structure and collects the problems; each leaf is a small
 * check that normalises through the vocabulary and reports its own stable code.
 *
 * Text is measured in code points (what a person counts as characters: one emoji is one), must
 * not contain control characters (a NUL, an escape sequence; line breaks only where a field is
 * free text) and, where it is required, must show something: a name of zero-width spaces is
 * empty. Numbers given as text must be plain decimals ("30", "4.5"; never "0x1e" or "1e1"), and
 * -0 is refused (it would survive validation and turn into 0 after a JSON round trip).
 */
import * as z from 'zod';
import type { Profile, Problem, ProblemCode } from './types';
import {
  EUR_PER_UNIT, VOCAB, normalize, normalizeLanguage, type VocabName,
} from './vocab';

// No generated code: the app runs under a Content Security Policy without 'unsafe-eval', and
// zod's probe for `new Function` would be reported as a violation even though it is caught.
z.config({ jitless: true });

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Longest text per field, in characters (code points); the form's inputs use the same limits. */
export const TEXT_LIMITS = {
  name: 80, city: 80, country: 80, bio: 500, accessibility: 200, religion: 80,
  /** Per item; at most LIST_LIMITS.allergies items. */
  allergy: 40,
} as const;
export const LIST_LIMITS = { languages: 10, allergies: 10 } as const;
const MAX_DEPTH = 32;
const MAX_KEYS_SCANNED = 100_000;

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

const isMissing = (v: unknown) => v === undefined || v === null;

function str(opts: { min?: number; max: number; def?: string; multiline?: boolean }) {
  const min = opts.min ?? 0;
  return leaf((v) => {
    if (isMissing(v)) return opts.def ?? fail('required', 'is required');
    if (typeof v !== 'string') return fail('invalid_type', `must be text, got ${show(v)}`);
    const s = v.trim();
    const length = textLength(s);
    if (length > opts.max) return fail('too_long', `must be at most ${opts.max} characters, got ${length}`);
    if ((opts.multiline ? CONTROL_FREE : CONTROL_LINE).test(s)) return fail('invalid_format', opts.multiline ? 'must not contain control characters' : 'must be one line without control characters');
    if (min > 0 && !VISIBLE.test(s)) return fail('required', s === '' ? 'must not be empty' : 'must not be empty or invisible');
    if (length < min) return fail(min === 1 ? 'required' : 'too_short', min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    return s;
  });
}

function num(opts: { lo: number; hi: number; integer?: boolean; exclusiveLo?: boolean; def?: number }) {
  const range = opts.exclusiveLo ? `greater than ${opts.lo} and at most ${opts.hi}` : `from ${opts.lo} to ${opts.hi}`;
  const rule = `must be ${opts.integer ? 'a whole number' : 'a number'} ${range}`;
  return leaf((v) => {
    if (isMissing(v)) return opts.def ?? fail('required', 'is required');
    if (typeof v === 'string' && !DECIMAL.test(v.trim())) return fail('invalid_type', `must be a number written in decimal digits, got ${show(v)}`);
    const n = typeof v === 'string' ? Number(v.trim()) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) return fail('invalid_type', `must be a number, got ${show(v)}`);
    if (Object.is(n, -0)) return fail('invalid_format', `${rule} (not -0)`);
    if (opts.integer && !Number.isInteger(n)) return fail('not_integer', rule);
    const low = opts.exclusiveLo ? n <= opts.lo : n < opts.lo;
    if (low || n > opts.hi) return fail('out_of_range', rule);
    return n;
  });
}

function bool(def: boolean) {
  return leaf((v) => {
    if (isMissing(v)) return def;
    if (typeof v !== 'boolean') return fail('invalid_type', `must be true or false, got ${show(v)}`);
    return v;
  });
}

function word(vocab: VocabName, def?: string) {
  return leaf((v) => {
    if (isMissing(v) || v === '') return def ?? fail('required', 'is required');
    if (typeof v !== 'string') return fail('invalid_type', `must be text, got ${show(v)}`);
    const c = normalize(vocab, v);
    if (c === undefined) return fail('unknown_value', `unknown value; expected one of ${[...new Set(VOCAB[vocab].values())].join(', ')}`);
    return c;
  });
}

/** A list whose items are normalised by `one`; de-duplicated; length checked after that. */
function list(one: (item: unknown) => string | Fail, opts: { min: number; max: number; sort?: boolean; def?: string[]; what: string }) {
  return z.any().transform((v, ctx): string[] => {
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
    const out: string[] = [];
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

function vocabItem(vocab: VocabName) {
  return (item: unknown): string | Fail => {
    if (typeof item !== 'string') return fail('invalid_type', `must be text, got ${show(item)}`);
    return normalize(vocab, item) ?? fail('unknown_value', `unknown value; expected one of ${[...new Set(VOCAB[vocab].values())].join(', ')}`);
  };
}

function languageItem(item: unknown): string | Fail {
  if (typeof item !== 'string') return fail('invalid_type', `must be a language, got ${show(item)}`);
  return normalizeLanguage(item) ?? fail('unknown_value', 'unknown language; use an ISO 639-1 code or a language name');
}

function freeText(max: number) {
  return (item: unknown): string | Fail => {
    if (typeof item !== 'string') return fail('invalid_type', `must be text, got ${show(item)}`);
    const s = item.trim();
    if (!VISIBLE.test(s)) return fail('required', s === '' ? 'must not be empty' : 'must not be empty or invisible');
    if (CONTROL_LINE.test(s)) return fail('invalid_format', 'must be one line without control characters');
    return textLength(s) > max ? fail('too_long', `must be at most ${max} characters`) : s;
  };
}

const idText = (item: unknown): string | Fail => {
  const s = freeText(64)(item);
  if (s instanceof Fail) return s;
  return s.includes('@') ? fail('invalid_format', 'must be an opaque id, not an email') : s;
};

/**
 * An object of known keys. Only the known keys are read (unknown ones are dropped), and a
 * missing key is passed to its leaf as null, so every leaf decides its own default.
 */
function obj<T extends z.ZodRawShape>(shape: T, opts: { optional: boolean }) {
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
const block = <T extends z.ZodRawShape>(shape: T) => obj(shape, { optional: true });

const ageRange = leaf((v): [number, number] | null | Fail => {
  if (isMissing(v)) return null;
  if (!Array.isArray(v) || v.length !== 2) return fail('invalid_type', `must be [lowest, highest] or null, got ${show(v)}`);
  const [lo, hi] = v;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || Object.is(lo, -0) || Object.is(hi, -0)) return fail('not_integer', 'must be two whole numbers');
  if (lo < 18 || hi > 99) return fail('out_of_range', 'must lie within 18–99');
  if (lo > hi) return fail('out_of_range', 'the lowest age is above the highest');
  return [lo, hi];
});

const gendersOk = list(vocabItem('genders_ok'), { min: 1, max: 5, def: ['any'], what: 'gender choices' })
  .transform((g) => (g.includes('any') ? ['any'] : g));

const currency = leaf((v) => {
  if (isMissing(v)) return 'EUR';
  if (typeof v !== 'string') return fail('invalid_type', `must be a currency code, got ${show(v)}`);
  const c = v.trim().toUpperCase();
  return Object.hasOwn(EUR_PER_UNIT, c) ? c : fail('unknown_value', `unknown currency; supported: ${Object.keys(EUR_PER_UNIT).join(', ')}`);
});

const schema = obj({
  id: leaf((v) => (isMissing(v) ? 'u_query' : idText(v))),
  name: str({ min: 1, max: TEXT_LIMITS.name }),
  age: num({ lo: 18, hi: 99, integer: true }),
  gender: word('gender'),
  home_base: block({ city: str({ max: TEXT_LIMITS.city, def: '' }), country: str({ max: TEXT_LIMITS.country, def: '' }) }),
  languages: list(languageItem, { min: 1, max: LIST_LIMITS.languages, sort: true, what: 'languages' }),
  interests: list(vocabItem('interests'), { min: 1, max: 15, what: 'interests' }),
  values: list(vocabItem('values'), { min: 0, max: 5, def: [], what: 'values' }),
  bio: str({ max: TEXT_LIMITS.bio, def: '', multiline: true }),
  budget: obj({
    amount: num({ lo: 0, hi: 100_000, exclusiveLo: true }),
    currency,
    split_rule: word('split_rule', 'each_own'),
  }, { optional: false }),
  travel_prefs: block({
    pace: word('pace', 'balanced'),
    accommodation_types: list(vocabItem('accommodation_types'), { min: 0, max: 8, def: [], what: 'accommodation types' }),
    room_setup: word('room_setup', 'flexible'),
    transport_allowed: list(vocabItem('transport_allowed'), { min: 0, max: 7, def: [], what: 'transport modes' }),
    must_haves: list(vocabItem('must_haves'), { min: 0, max: 9, def: [], what: 'must-haves' }),
    trip_intentions: list(vocabItem('trip_intentions'), { min: 0, max: 10, def: [], what: 'trip intentions' }),
  }),
  diet_health: block({
    diet: word('diet', 'none'),
    allergies: list(freeText(TEXT_LIMITS.allergy), { min: 0, max: LIST_LIMITS.allergies, def: [], what: 'allergies' }),
    accessibility: str({ max: TEXT_LIMITS.accessibility, def: '', multiline: true }),
  }),
  comfort: block({
    smoking: word('smoking', 'never'),
    alcohol: word('alcohol', 'moderate'),
    risk_tolerance: word('level', 'medium'),
    noise_tolerance: word('level', 'medium'),
    cleanliness_preference: word('level', 'medium'),
    chronotype: word('chronotype', 'flexible'),
  }),
  work: block({
    remote_work_ok: bool(false),
    hours_online_needed: num({ lo: 0, hi: 12, def: 0 }),
    wifi_quality_needed: word('wifi', 'normal'),
  }),
  companion: block({
    genders_ok: gendersOk,
    age_range: ageRange,
    min_shared_languages: num({ lo: 0, hi: 3, integer: true, def: 1 }),
    same_pace: bool(false),
    dealbreakers: list(vocabItem('dealbreakers'), { min: 0, max: 8, def: [], what: 'dealbreakers' }),
    blocklist: list(idText, { min: 0, max: 1000, def: [], what: 'blocked ids' }),
  }),
  faith: block({
    consider_in_matching: bool(false),
    religion: str({ max: TEXT_LIMITS.religion, def: '' }),
    policy: word('policy', 'open'),
  }),
  privacy: block({ show_home_city: bool(true) }),
}, { optional: false });

/**
 * Keys that could pollute prototypes, and nesting deeper than any profile has, anywhere in a
 * value: every input format (canonical profiles, the original's records and queries) refuses them.
 */
export function scanKeys(value: unknown): Problem[] {
  const problems: Problem[] = [];
  let scanned = 0;
  const walk = (v: unknown, path: string[], depth: number): void => {
    if (v === null || typeof v !== 'object' || problems.length >= 20 || scanned > MAX_KEYS_SCANNED) return;
    if (depth > MAX_DEPTH) {
      problems.push({ path: path.join('.') || '(root)', code: 'too_deep', message: `${path.join('.') || 'profile'}: nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    for (const key of Object.keys(v)) {
      if (++scanned > MAX_KEYS_SCANNED) {
        problems.push({ path: '(root)', code: 'too_many', message: `profile: more than ${MAX_KEYS_SCANNED} keys in all; not read further` });
        return;
      }
      const p = [...path, key];
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: p.join('.'), code: 'forbidden_key', message: `${p.join('.')}: this key is not allowed` });
        continue;
      }
      walk((v as Record<string, unknown>)[key], p, depth + 1);
    }
  };
  walk(value, [], 0);
  return problems;
}

export type Validated = { ok: true; profile: Profile } | { ok: false; problems: Problem[] };

const ZOD_CODE: Partial<Record<string, ProblemCode>> = { invalid_type: 'invalid_type' };

function toProblem(iss: z.core.$ZodIssue): Problem {
  const path = iss.path.map(String).join('.');
  const params = (iss as { params?: { code?: ProblemCode } }).params;
  const code: ProblemCode = params?.code ?? ZOD_CODE[iss.code] ?? 'invalid_type';
  return { path: path || '(root)', code: iss.message === 'is required' ? 'required' : code, message: `${path || 'profile'}: ${iss.message}` };
}

/** Validate and normalise any JSON value into a canonical profile. Never throws. */
export function validateProfile(input: unknown): Validated {
  try {
    const keyProblems = scanKeys(input);
    if (keyProblems.some((p) => p.code === 'too_deep' || (p.code === 'too_many' && p.path === '(root)'))) return { ok: false, problems: keyProblems };
    const parsed = schema.safeParse(input);
    const problems = [...keyProblems, ...(parsed.success ? [] : parsed.error.issues.map(toProblem))];
    if (problems.length > 0 || !parsed.success) return { ok: false, problems };
    return { ok: true, profile: parsed.data as Profile };
  } catch (e) {
    return { ok: false, problems: [{ path: '(root)', code: 'invalid_type', message: `profile: could not be read (${e instanceof Error ? e.name : 'error'})` }] };
  }
}
