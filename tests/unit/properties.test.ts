/**
 * Property-based tests for bad input of any shape (SPEC §11 "Input", §2.1, §2.4, §9).
 *
 * fast-check throws arbitrary JSON, wrong types, out-of-range numbers, unknown vocabulary,
 * megabyte strings, deep nesting and prototype-pollution keys at the four entry points that take
 * outside input: `validateProfile`, the RoverMitra importer, `Matcher.search` (the
 * worker's API, in Node) and the CLI's `main`. Every property runs with one seed, taken from
 * PROPERTY_SEED (default 42) and printed, so a failure reproduces: `PROPERTY_SEED=99991 npx
 * vitest run tests/unit/properties.test.ts`. `npm run test:seeds` runs the file with a few more
 * seeds (part of `npm test`); the number of inputs each property tried is printed at the end.
 *
 * Objects with `__proto__`, `constructor` or `prototype` keys are built with `JSON.parse`, so
 * the keys are own properties (as they are when the worker or the CLI reads JSON).
 *
 * Bugs the properties found are not part of the properties' assertions: each one is a focused
 * regression test in the describe "regressions found by the properties" at the end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePool } from '../../scripts/generate-pool';
import { main } from '../../scripts/match';
import { importRoverMitra, importRoverMitraQuery, type ImportResult } from '../../src/core/import/rovermitra';
import { generatePoolArray } from '../../scripts/pool/generate';
import { packProfiles } from '../../src/core/pool/packed';
import type { Problem, ProblemCode, Profile } from '../../src/core/profile/types';
import { labelOf, validateProfile } from '../../src/core/profile/validate';
import { DEALBREAKERS, VOCAB, type VocabName } from '../../src/core/profile/vocab';
import { Matcher } from '../../src/core/matcher';
import { BASE } from './profiles';

/** The seed of every property (PROPERTY_SEED, default 42): a failure names it and reproduces with it. */
const SEED = ((raw) => {
  const n = raw === undefined || raw.trim() === '' ? 42 : Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`PROPERTY_SEED must be a whole number, got ${JSON.stringify(raw)}`);
  return n;
})(process.env.PROPERTY_SEED);

// ---------------------------------------------------------------------------------------------
// Bookkeeping: how many inputs each property tried (printed in afterAll).

const tried: Record<string, number> = {};
const count = (name: string) => { tried[name] = (tried[name] ?? 0) + 1; };
const valid: Record<string, number> = {};
/** Inputs accepted (validation, search, CLI exit 0) or, for the importer, profiles imported. */
const countValid = (name: string, n = 1) => { valid[name] = (valid[name] ?? 0) + n; };

afterAll(() => {
  const names = Object.keys(tried);
  const total = names.reduce((s, n) => s + tried[n], 0);
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${String(tried[n]).padStart(6)}${valid[n] ? `  (${valid[n]} ${n.startsWith('import:') && n !== 'import: query' ? 'profiles imported' : 'accepted'})` : ''}`);
  console.log(`generated inputs per property (seed ${SEED}):\n${lines.join('\n')}\n  ${'TOTAL'.padEnd(width)}  ${String(total).padStart(6)}`);
});

// ---------------------------------------------------------------------------------------------
// Prototype pollution: nothing new on the built-in prototypes, nothing replaced.

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const;
const INJECTED = ['polluted', 'isAdmin', 'rmPolluted'] as const;
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Boolean.prototype];

function protoSnapshot(): [string, unknown][][] {
  return PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).map((k) => {
    const d = Object.getOwnPropertyDescriptor(p, k)!;
    return [k, 'value' in d ? d.value : d.get];
  }));
}
const PRISTINE = protoSnapshot();

/** Throws (with what changed) when a built-in prototype gained or lost a property or had one replaced. */
function expectUnpolluted(): void {
  const changes: string[] = [];
  if (Object.keys(Object.prototype).length !== 0) changes.push(`Object.prototype keys: ${Object.keys(Object.prototype).join(', ')}`);
  if (Object.keys(Array.prototype).length !== 0) changes.push(`Array.prototype keys: ${Object.keys(Array.prototype).join(', ')}`);
  for (const k of INJECTED) {
    if (({} as Record<string, unknown>)[k] !== undefined) changes.push(`({}).${k}`);
    if (([] as unknown as Record<string, unknown>)[k] !== undefined) changes.push(`[].${k}`);
    if (((() => 0) as unknown as Record<string, unknown>)[k] !== undefined) changes.push(`(() => 0).${k}`);
  }
  if (({}).constructor !== Object || Object.getPrototypeOf({}) !== Object.prototype) changes.push('({}).constructor');
  PROTOTYPES.forEach((p, i) => {
    const names = Object.getOwnPropertyNames(p);
    if (names.length !== PRISTINE[i].length) changes.push(`prototype ${i}: ${names.length} properties, was ${PRISTINE[i].length}`);
    PRISTINE[i].forEach(([k, v]) => {
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (!d || ('value' in d ? d.value : d.get) !== v) changes.push(`prototype ${i}: ${k} replaced`);
    });
  });
  if (changes.length > 0) expect(changes).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Problems (SPEC §2.1): non-empty path, a stable code, a message for people that starts with the
// label of the field at that path (validation) or with the path (the JSON reader's key problems).

// Record<ProblemCode, true> makes the compiler check that this list is the whole union.
const ALL_CODES: Record<ProblemCode, true> = {
  required: true, invalid_type: true, out_of_range: true, too_long: true, too_short: true, too_many: true,
  too_few: true, unknown_value: true, not_integer: true, forbidden_key: true, too_deep: true, invalid_format: true,
  invalid_json: true, not_utf8: true, duplicate_key: true,
};
const CODES = new Set(Object.keys(ALL_CODES));
const READER_CODES = new Set<ProblemCode>(['duplicate_key', 'forbidden_key', 'too_deep']);

function expectProblems(problems: unknown): asserts problems is Problem[] {
  expect(Array.isArray(problems)).toBe(true);
  const list = problems as Problem[];
  expect(list.length).toBeGreaterThan(0);
  const bad = list.filter((p) => {
    if (p === null || typeof p !== 'object' || Object.keys(p).sort().join() !== 'code,message,path') return true;
    if (typeof p.path !== 'string' || !CODES.has(p.code) || typeof p.message !== 'string') return true;
    // Text that is not JSON: one problem for the text as a whole (path ""), with the position.
    if (p.path === '') return !(list.length === 1 && /^not (valid JSON|UTF-8) at line \d+, column \d+: /.test(p.message));
    if (p.message.startsWith(`${labelOf(p.path)}: `)) return false;
    // Reading the text (src/core/util/json.ts) names a key problem by its path.
    if (READER_CODES.has(p.code) && p.message.startsWith(`${p.path}: `)) return false;
    // The original-format importer's own check of the query as a whole.
    return !(p.path === '(root)' && p.message.startsWith('profile: '));
  });
  expect(bad).toEqual([]);
}

/** A canonical profile re-validates to itself, also after a JSON round trip. */
function expectCanonical(profile: Profile): void {
  const again = validateProfile(profile);
  expect(again).toEqual({ ok: true, profile });
  const viaJson = validateProfile(JSON.parse(JSON.stringify(profile)));
  expect(viaJson).toEqual({ ok: true, profile });
}

/** Whether `v` has a forbidden own key that validation must see (≤ 32 levels deep, < 100 000 keys before it). */
function hasForbiddenKey(v: unknown): boolean {
  let scanned = 0;
  const walk = (x: unknown, depth: number): boolean => {
    if (x === null || typeof x !== 'object' || depth > 32) return false;
    for (const k of Object.keys(x)) {
      if (++scanned > 100_000) return false;
      if ((FORBIDDEN as readonly string[]).includes(k)) return true;
      if (walk((x as Record<string, unknown>)[k], depth + 1)) return true;
    }
    return false;
  };
  return walk(v, 0);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const MB = 1 << 20;
/** Megabyte strings. Long runs of combining marks are pinned in the regressions below. */
const HUGE = ['x'.repeat(MB), ' '.repeat(MB), `${'word '.repeat(MB / 5)}`, 'é'.repeat(MB), '9'.repeat(MB), '@'.repeat(MB), `${'a@b.c '.repeat(MB / 6)}`, '-_'.repeat(MB / 2), '中'.repeat(MB)];
/** Megabyte strings for the importer's free-text fields (whitespace every few characters). */
const HUGE_TEXT = [' '.repeat(MB), `${'word '.repeat(MB / 5)}`, '@'.repeat(MB), `${'a@b.c '.repeat(MB / 6)}`, `${'é中 '.repeat(MB / 3)}`];
const huge = fc.constantFrom(...HUGE);

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(null, '', ' ', 0, -0, -1, 1e308, -1e308, 5e-324, true, false, [], {}, [[]], [null], 'NaN', 'Infinity', '1e999', 'null', '[]', '{}'),
  fc.string({ maxLength: 30 }),
  fc.double(),
  fc.integer(),
);
/** Known words of a vocabulary in random spellings (case, spaces, hyphens, underscores). */
function spelled(words: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...words), fc.constantFrom('as is', 'upper', 'title', 'hyphen', 'underscore', 'padded')).map(([w, how]) => {
    switch (how) {
      case 'upper': return w.toUpperCase();
      case 'title': return w.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());
      case 'hyphen': return w.replace(/\s/g, '-');
      case 'underscore': return w.replace(/\s/g, '_');
      case 'padded': return `  ${w.replace(/\s/g, '  ')} `;
      default: return w;
    }
  });
}
const UNKNOWN_WORDS = ['klingon', 'teleporting', 'xx', 'maybe', 'ANY?', 'n/a', 'none', 'hotel@home', '__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const LANGUAGE_WORDS = ['en', 'de', 'fr', 'es', 'it', 'pt', 'fa', 'zh', 'ja', 'EN', ' de ', 'english', 'English', 'Deutsch', 'deutsch', 'español', 'farsi', 'persian', 'mandarin', '中文', 'русский', 'bahasa indonesia', 'Norwegian'];
const CURRENCIES = ['EUR', 'usd', ' gbp ', 'JPY', 'chf', 'Inr'];
const EMAILS = ['ana@example.com', ' Ana@Example.com ', 'ben.smith+travel@mail.example.org', 'CARA@EXAMPLE.NET', 'dev@localhost.test'];
const email = fc.oneof(fc.constantFrom(...EMAILS), fc.emailAddress());
const plainId = fc.string({ minLength: 1, maxLength: 12 }).filter((x) => x.trim() !== '' && !x.includes('@'));

/**
 * Field arbitraries, clean (valid values in any accepted spelling) or noisy (also junk of any
 * type, unknown words, out-of-range numbers, too long texts and lists).
 */
function kit(noisy: boolean) {
  const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<unknown> => (noisy ? fc.oneof({ weight: 6, arbitrary: a as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junk }) : a);
  const word = (name: VocabName): fc.Arbitrary<string> => (noisy
    ? fc.oneof({ weight: 5, arbitrary: spelled([...VOCAB[name].keys()]) }, { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) })
    : spelled([...VOCAB[name].keys()]));
  /** A list of words: at most `max` when clean, a few more when noisy. */
  const words = (name: VocabName, max: number, min = 0) => fc.array(maybe(word(name)), { minLength: min, maxLength: noisy ? max + 3 : max });
  const language = noisy
    ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...LANGUAGE_WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) })
    : fc.constantFrom(...LANGUAGE_WORDS);
  const num = (lo: number, hi: number, integer = true): fc.Arbitrary<unknown> => (noisy
    ? fc.oneof(
      fc.integer({ min: lo, max: hi }),
      fc.integer({ min: lo - 50, max: hi + 50 }),
      fc.double({ min: lo - 1, max: hi + 1 }),
      fc.integer({ min: lo, max: hi }).map((n) => (n % 2 ? String(n) : ` ${n} `)),
      fc.constantFrom<unknown>(NaN, Infinity, -Infinity, '', 'ten', '0x1e', '1e2', Number.MAX_SAFE_INTEGER + 2),
    )
    : fc.oneof(fc.integer({ min: lo, max: hi }), integer ? fc.integer({ min: lo, max: hi }).map(String) : fc.double({ min: lo, max: hi, noNaN: true }).filter((x) => x > 0)));
  const bool: fc.Arbitrary<unknown> = noisy ? fc.oneof({ weight: 4, arbitrary: fc.boolean() as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.constantFrom<unknown>('true', 'false', 'no', 0, 1) }) : fc.boolean();
  const text = (max: number) => (noisy ? fc.oneof(fc.string({ maxLength: max }), fc.string({ minLength: max - 5, maxLength: max + 10 }), fc.constantFrom('   ', '\u00a0x\u2003')) : fc.string({ maxLength: max }));
  const name = noisy ? fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), text(80)) : fc.string({ minLength: 1, maxLength: 20 }).filter((x) => x.trim() !== '');
  const ageRange = noisy
    ? fc.oneof(fc.constant(null), fc.tuple(fc.integer({ min: 10, max: 110 }), fc.integer({ min: 10, max: 110 })), fc.array(fc.integer({ min: 18, max: 99 }), { maxLength: 3 }))
    : fc.oneof(fc.constant(null), fc.tuple(fc.integer({ min: 18, max: 99 }), fc.integer({ min: 18, max: 99 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]));
  return { maybe, word, words, language, num, bool, text, name, ageRange };
}
const NOISY = kit(true);

const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) => fc.record(model, { requiredKeys: [] });

/** Canonical-shaped profiles: every field valid, misspelt, out of range, of the wrong type or missing. */
function canonicalShaped(noisy: boolean): fc.Arbitrary<Record<string, unknown>> {
  const k = kit(noisy);
  const m = k.maybe;
  return fc.record({
    id: m(noisy ? fc.oneof(fc.constantFrom('u_1', 'c_x', 'u_query'), fc.string({ maxLength: 70 }), email) : fc.oneof(fc.constantFrom('u_1', 'c_x'), plainId)),
    name: m(k.name),
    age: m(k.num(18, 99)),
    gender: m(k.word('gender')),
    home_base: m(partial({ city: m(k.text(80)), country: m(k.text(80)) })),
    languages: m(fc.array(m(k.language), { minLength: 1, maxLength: noisy ? 12 : 10 })),
    interests: m(k.words('interests', 15, 1)),
    values: m(k.words('values', 5)),
    bio: m(k.text(500)),
    budget: m(partial({
      amount: m(k.num(1, 100_000, false)),
      currency: m(noisy ? fc.oneof(fc.constantFrom(...CURRENCIES, 'XYZ', 'constructor', '__proto__', 'toString'), fc.string({ maxLength: 4 })) : fc.constantFrom(...CURRENCIES)),
      split_rule: m(k.word('split_rule')),
    })),
    travel_prefs: m(partial({
      pace: m(k.word('pace')),
      accommodation_types: m(k.words('accommodation_types', 8)),
      room_setup: m(k.word('room_setup')),
      transport_allowed: m(k.words('transport_allowed', 7)),
      must_haves: m(k.words('must_haves', 9)),
      trip_intentions: m(k.words('trip_intentions', 10)),
    })),
    diet_health: m(partial({ diet: m(k.word('diet')), allergies: m(fc.array(m(k.text(40).filter((x) => noisy || x.trim() !== '')), { maxLength: noisy ? 12 : 10 })), accessibility: m(k.text(200)) })),
    comfort: m(partial({
      smoking: m(k.word('smoking')), alcohol: m(k.word('alcohol')), risk_tolerance: m(k.word('level')),
      noise_tolerance: m(k.word('level')), cleanliness_preference: m(k.word('level')), chronotype: m(k.word('chronotype')),
    })),
    work: m(partial({ remote_work_ok: m(k.bool), hours_online_needed: m(k.num(0, 12)), wifi_quality_needed: m(k.word('wifi')) })),
    companion: m(partial({
      genders_ok: m(k.words('genders_ok', 5)),
      age_range: m(k.ageRange),
      min_shared_languages: m(k.num(0, 3)),
      same_pace: m(k.bool),
      dealbreakers: m(k.words('dealbreakers', 8)),
      blocklist: m(fc.array(m(noisy ? fc.oneof(fc.string({ maxLength: 70 }), email) : plainId), { maxLength: 6 })),
    })),
    faith: m(partial({ consider_in_matching: m(k.bool), religion: m(k.text(80)), policy: m(k.word('policy')) })),
    privacy: m(partial({ show_home_city: m(k.bool) })),
    // Unknown keys are ignored.
    extra: fc.jsonValue({ maxDepth: 2 }),
  }, { requiredKeys: ['name', 'age', 'gender', 'languages', 'interests', 'budget'] });
}
const profileish = fc.oneof(canonicalShaped(false), canonicalShaped(true));

/** Valid canonical profiles to start mutations from. */
const VALID: Profile[] = [BASE, ...generatePoolArray(40, 5)];

type Path = (string | number)[];

/** Every field of a profile: top-level keys, block fields and list items (not the items of age_range). */
function fieldPaths(p: Profile): Path[] {
  const out: Path[] = [];
  for (const [k, v] of Object.entries(p)) {
    out.push([k]);
    if (Array.isArray(v)) v.forEach((_, i) => out.push([k, i]));
    else if (v !== null && typeof v === 'object') {
      for (const [k2, v2] of Object.entries(v)) {
        out.push([k, k2]);
        if (Array.isArray(v2) && k2 !== 'age_range') v2.forEach((_, i) => out.push([k, k2, i]));
      }
    }
  }
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]] = value;
  return copy;
}

/** A replacement value for one field: any JSON, junk, a megabyte string, a big list. */
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: junk },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 3 }), { minLength: 60, maxLength: 2_000 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(...LANGUAGE_WORDS, ...[...VOCAB.interests.values()].slice(0, 5)) },
);

const mutation = fc.tuple(fc.constantFrom(...VALID), fc.nat(), replacement).map(([p, i, value]) => {
  const paths = fieldPaths(p);
  const path = paths[i % paths.length];
  return { path, input: setAt(p, path, value) };
});

// Prototype-pollution keys: a forbidden key with a payload, wrapped in objects and arrays, placed
// at the root, under a new key or as the value of any field of a valid profile.

const PAYLOADS = [
  '{"polluted":"yes","isAdmin":true}',
  '{"rmPolluted":1}',
  '{"toString":"hacked","hasOwnProperty":null}',
  '{"prototype":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '[{"polluted":1}]',
  '"polluted"',
  'null',
];
const step = fc.oneof(
  fc.record({ kind: fc.constant('key' as const), key: fc.oneof(fc.constantFrom<string>(...FORBIDDEN, 'a', 'interests', 'city', 'en'), fc.string({ maxLength: 4 })), sibling: fc.boolean() }),
  fc.record({ kind: fc.constant('arr' as const), before: fc.nat(2) }),
);
const forbiddenFragment = fc.tuple(fc.constantFrom(...FORBIDDEN), fc.constantFrom(...PAYLOADS), fc.array(step, { maxLength: 10 })).map(([key, payload, steps]) => {
  let t = `{${JSON.stringify(key)}:${payload}}`;
  for (const s of steps) {
    // Sibling keys longer than any generated key, so that a duplicate key never drops the fragment.
    if (s.kind === 'key') t = s.sibling ? `{"sibling_a":1,${JSON.stringify(s.key)}:${t},"sibling_b":[]}` : `{${JSON.stringify(s.key)}:${t}}`;
    else t = `[${'1,'.repeat(s.before)}${t}]`;
  }
  return { key, text: t };
});
const SLOT = '\u0000forbidden-slot\u0000';
const withForbidden = fc.tuple(fc.constantFrom(...VALID), forbiddenFragment, fc.constantFrom('root', 'extra', 'field'), fc.nat()).map(([p, frag, where, i]) => {
  let textJson: string;
  if (where === 'root') {
    textJson = `{${JSON.stringify(frag.key)}:${frag.text},${JSON.stringify(p).slice(1)}`;
  } else if (where === 'extra') {
    textJson = `${JSON.stringify(p).slice(0, -1)},"extra_${i % 7}":${frag.text}}`;
  } else {
    const paths = fieldPaths(p);
    textJson = JSON.stringify(setAt(p, paths[i % paths.length], SLOT)).replace(JSON.stringify(SLOT), () => frag.text);
  }
  return JSON.parse(textJson) as unknown;
});

// Deep nesting, built without recursion.
function deepArray(depth: number, leaf: unknown = 'x'): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
function deepObject(depth: number, key = 'a', leaf: unknown = 'x'): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { [key]: v };
  return v;
}
/** Deep JSON text with a forbidden key at the bottom, parsed (own keys). */
function deepForbidden(depth: number): unknown {
  return JSON.parse(`${'{"a":['.repeat(depth)}{"__proto__":{"polluted":1}}${']}'.repeat(depth)}`);
}
const DEPTHS = [5_000, 100_000];

/** Inputs for the search: anything, shaped or not. */
const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: profileish },
  { weight: 3, arbitrary: mutation.map((m) => m.input) },
  { weight: 2, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: withForbidden },
  { weight: 1, arbitrary: junk },
);

// ---------------------------------------------------------------------------------------------
// 1. Validation.

function checkValidation(name: string, input: unknown): ReturnType<typeof validateProfile> {
  count(name);
  let r: ReturnType<typeof validateProfile>;
  try {
    r = validateProfile(input);
  } catch (e) {
    throw new Error(`validateProfile threw: ${String(e)}`);
  }
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) {
    countValid(name);
    expect(Object.keys(r)).toEqual(['ok', 'profile']);
    expectCanonical(r.profile);
  } else {
    expect(Object.keys(r)).toEqual(['ok', 'problems']);
    expectProblems(r.problems);
  }
  if (hasForbiddenKey(input)) {
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.code === 'forbidden_key')).toBe(true);
  }
  expectUnpolluted();
  return r;
}

describe('properties: validateProfile (SPEC §2.1, §11)', () => {
  it('any JSON value: never throws, a canonical profile or well-formed problems', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => { checkValidation('validate: any JSON', v); }), { seed: SEED, numRuns: 2_500 });
  });

  it('any JS value a worker could receive (dates, maps, bigints, null prototypes, sparse arrays)', () => {
    const anything = fc.anything({ maxDepth: 3, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true });
    fc.assert(fc.property(anything, (v) => { checkValidation('validate: any JS value', v); }), { seed: SEED, numRuns: 1_500 });
  });

  it('profile-shaped input with wrong types, out-of-range numbers and unknown words', () => {
    fc.assert(fc.property(profileish, (v) => {
      const r = checkValidation('validate: profile-shaped', v);
      // Everything the profile keeps is canonical: known words only.
      if (r.ok) {
        for (const i of r.profile.interests) expect(VOCAB.interests.get(i)).toBe(i);
        for (const l of r.profile.languages) expect(l).toMatch(/^[a-z]{2}$/);
        expect(r.profile.languages).toEqual([...new Set(r.profile.languages)].sort());
        expect(r.profile.id).not.toContain('@');
      }
    }), { seed: SEED, numRuns: 3_000 });
  });

  it('mutation: one field of a valid profile replaced by any value is valid or reported at that field', () => {
    fc.assert(fc.property(mutation, ({ path, input }) => {
      const r = checkValidation('validate: mutation', input);
      if (!r.ok) {
        const field = path.join('.');
        const inField = (p: Problem) => p.path === field || p.path.startsWith(`${field}.`);
        expect(r.problems.some(inField)).toBe(true);
        // The rest of the profile is valid, so every problem lies in that field.
        expect(r.problems.filter((p) => !inField(p))).toEqual([]);
      }
    }), { seed: SEED, numRuns: 3_000 });
  });

  it('prototype-pollution keys anywhere (root, nested, in arrays): rejected with forbidden_key, nothing polluted', () => {
    fc.assert(fc.property(withForbidden, (v) => {
      expect(hasForbiddenKey(v)).toBe(true);
      const r = checkValidation('validate: forbidden keys', v);
      expect(r.ok).toBe(false);
    }), { seed: SEED, numRuns: 1_500 });
  });

  it('megabyte strings in any field: rejected or kept within limits, quickly', () => {
    fc.assert(fc.property(fc.constantFrom(...VALID), fc.nat(), huge, (p, i, big) => {
      const paths = fieldPaths(p);
      const path = paths[i % paths.length];
      const t0 = performance.now();
      const r = checkValidation('validate: megabyte strings', setAt(p, path, big));
      expect(performance.now() - t0).toBeLessThan(2_000);
      if (r.ok) expect(JSON.stringify(r.profile).length).toBeLessThan(20_000);
    }), { seed: SEED, numRuns: 150 });
  });

  it('5 000- and 100 000-deep arrays and objects: too_deep (forbidden_key when it comes first), no stack overflow', () => {
    for (const depth of DEPTHS) {
      const cases: [unknown, ProblemCode][] = [
        [deepArray(depth), 'too_deep'],
        [deepObject(depth), 'too_deep'],
        // The forbidden key is met before the depth limit; validation does not look inside it.
        [deepObject(depth, '__proto__'), 'forbidden_key'],
        // A forbidden key below the depth limit: too_deep is reported (validation stops there).
        [deepForbidden(depth), 'too_deep'],
      ];
      for (const [deep, code] of cases) {
        for (const input of [deep, { ...BASE, interests: deep }, { ...BASE, companion: { ...BASE.companion, blocklist: deep } }, { ...BASE, extra: deep }]) {
          const r = checkValidation('validate: deep nesting (fixed cases)', input);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.problems.map((p) => p.code)).toContain(code);
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The importer (SPEC §2.4).

const EMAIL_SHAPED = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/** Every string in a value (keys included), each to be checked on its own. */
function stringsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out);
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push(k); stringsIn(x, out); }
  return out;
}
const emailShaped = (v: unknown) => stringsIn(v).filter((x) => EMAIL_SHAPED.test(x));

/**
 * Free text for the importer: whitespace-separated tokens, each with at most one '@' (emails,
 * words, stray '@'). Tokens with several "@" are pinned in the regressions at the end.
 */
const freeToken = fc.oneof(
  email.map((e) => e.trim()),
  fc.string({ unit: fc.constantFrom('a', 'b', 'é', '.', '-', '_', '中', '1'), maxLength: 8 }),
  fc.constantFrom('@', 'a@', '@b', 'me@home', 'x@y.z', 'Lyon', 'Porto', 'from', 'hello'),
);
const freeTextOf = (maxTokens: number) => fc.tuple(fc.array(freeToken, { maxLength: maxTokens }), fc.constantFrom(' ', '\n', '\t', '  ')).map(([ts, sep]) => ts.join(sep));
const freeText = freeTextOf(8);
const importerText = fc.oneof({ weight: 20, arbitrary: freeText }, { weight: 1, arbitrary: fc.constantFrom(...HUGE_TEXT) });
const originalString = fc.oneof({ weight: 20, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: huge });

const USER_IDS = ['u1', 'u2', 'u3', ' u1 '];
const QUERY_PHRASES = ["I'm open to travel with anyone", 'Im open to travel with anyone', 'Men', 'Women', 'Nonbinary travelers', 'Non-binary travelers', 'anyone'];
const MM_GENDERS = ['any', 'male', 'Female', 'non-binary', 'Other'];
const MM_DEALBREAKERS = [...DEALBREAKERS, 'prefer_same_chronotype', 'no_flights', 'vegan_only'];

/** Records of the original users file (and query users): clean or noisy, like canonicalShaped. */
function originalShaped(noisy: boolean) {
  const k = kit(noisy);
  const m = k.maybe;
  /** List fields whose unknown words the importer drops: clean ones still have unknown words, but no junk items. */
  const lw = (name: VocabName, max: number) => (noisy ? NOISY.words(name, max) : fc.array(NOISY.word(name), { maxLength: max }));
  // Clean free text: a few tokens (emails in it are scrubbed); noisy: more, and megabyte texts.
  const t = noisy ? importerText : freeTextOf(3);
  const emailArb = noisy ? fc.oneof({ weight: 6, arbitrary: email as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: huge }, { weight: 1, arbitrary: junk }) : email;
  const user = fc.record({
    email: emailArb,
    user_id: m(fc.constantFrom(...USER_IDS)),
    name: m(noisy ? importerText : freeTextOf(3).filter((x) => x.trim() !== '')),
    firstName: m(t),
    lastName: m(t),
    age: m(k.num(18, 99)),
    gender: m(noisy ? fc.oneof(k.word('gender'), originalString) : k.word('gender')),
    // Cities are kept short here; a long hidden home city is pinned in the regressions at the end.
    home_base: m(partial({ city: m(freeTextOf(3)), country: m(t) })),
    city: m(freeTextOf(3)),
    country: m(t),
    languages: m(noisy ? fc.oneof(fc.array(m(k.language), { maxLength: 12 }), k.language, originalString) : fc.oneof(fc.array(k.language, { minLength: 1, maxLength: 4 }), k.language)),
    // Unknown words in these lists are dropped (and counted in a notice), not fatal.
    interests: m(fc.oneof(fc.array(m(NOISY.word('interests')), { minLength: noisy ? 0 : 1, maxLength: noisy ? 20 : 12 }), k.word('interests'))),
    values: m(fc.oneof(lw('values', 5), k.word('values'))),
    trip_intentions: m(lw('trip_intentions', 10)),
    bio: m(t),
    budget: m(partial({ amount: m(k.num(1, 100_000, false)), currency: m(originalString), split_rule: m(k.word('split_rule')) })),
    travel_prefs: m(partial({
      pace: m(k.word('pace')), accommodation_types: m(lw('accommodation_types', 8)), room_setup: m(k.word('room_setup')),
      transport_allowed: m(lw('transport_allowed', 7)), must_haves: m(lw('must_haves', 9)), trip_intentions: m(lw('trip_intentions', 10)),
    })),
    diet_health: m(partial({
      diet: m(k.word('diet')),
      allergies: m(fc.oneof(fc.array(m(t), { maxLength: noisy ? 12 : 4 }), t)),
      accessibility: m(fc.oneof(t, fc.array(m(t), { maxLength: 4 }))),
    })),
    comfort: m(partial({
      smoking: m(k.word('smoking')), alcohol: m(k.word('alcohol')), risk_tolerance: m(k.word('level')),
      noise_tolerance: m(k.word('level')), cleanliness_preference: m(k.word('level')), chronotype: m(k.word('chronotype')),
    })),
    work: m(partial({ remote_work_ok: m(k.bool), hours_online_needed: m(k.num(0, 12)), wifi_quality_needed: m(k.word('wifi')) })),
    companion_preferences: m(partial({
      genders_ok: m(fc.oneof(fc.array(m(fc.constantFrom(...QUERY_PHRASES, ...(noisy ? ['robots'] : []))), { maxLength: 3 }), fc.constantFrom(...QUERY_PHRASES))),
      age_range_preferred: m(k.ageRange),
    })),
    faith: m(partial({ consider_in_matching: m(k.bool), religion: m(t), policy: m(k.word('policy')) })),
    privacy: m(partial({ share_home_city: m(k.bool) })),
    extra: fc.jsonValue({ maxDepth: 2 }),
  }, { requiredKeys: ['email', 'name', 'age', 'gender', 'languages', 'interests', 'budget'] });

  const matchmaker = fc.record({
    email: emailArb,
    user_id: m(fc.constantFrom(...USER_IDS)),
    language_policy: m(partial({ preferred_chat_languages: m(fc.oneof(fc.array(m(k.language), { maxLength: 6 }), k.language)), min_shared_languages: m(k.num(0, 3)) })),
    preferred_companion: m(partial({
      genders: m(fc.oneof(fc.array(m(fc.constantFrom(...MM_GENDERS, ...(noisy ? ['Men', 'robot'] : []))), { maxLength: 5 }), fc.constantFrom('any', 'male'))),
      age_range: m(k.ageRange),
    })),
    soft_preferences: m(partial({ prefer_same_pace: m(fc.oneof(fc.constantFrom('prefer_same', 'Prefer same', 'no'), fc.boolean())) })),
    hard_dealbreakers: m(fc.oneof(fc.array(m(fc.constantFrom(...MM_DEALBREAKERS)), { maxLength: 8 }), fc.constantFrom('no_smokers'))),
    blocklist_user_emails: m(fc.array(emailArb, { maxLength: 4 })),
    blocklist_user_ids: m(fc.array(m(fc.constantFrom(...USER_IDS)), { maxLength: 3 })),
    visibility: m(partial({ show_home_city: m(k.bool) })),
  }, { requiredKeys: ['email'] });
  return { user, matchmaker };
}
const ORIGINAL_CLEAN = originalShaped(false);
const ORIGINAL_NOISY = originalShaped(true);
const originalUser = fc.oneof(ORIGINAL_CLEAN.user, ORIGINAL_NOISY.user);
const originalMatchmaker = fc.oneof(ORIGINAL_CLEAN.matchmaker, ORIGINAL_NOISY.matchmaker);

const records = <T>(a: fc.Arbitrary<T>) => fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.oneof({ weight: 8, arbitrary: a as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: withForbidden }), { maxLength: 6 }) },
  { weight: 1, arbitrary: junk },
);

/** The emails given in the input (strings with an '@'), to check that none comes out. */
function inputEmails(...values: unknown[]): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string' || !v.includes('@') || v.length > 200) return;
    out.add(v.trim());
    out.add(v.trim().toLowerCase());
  };
  for (const list of values) {
    if (!Array.isArray(list)) continue;
    for (const r of list) {
      if (r === null || typeof r !== 'object') continue;
      add((r as Record<string, unknown>).email);
      const blocked = (r as Record<string, unknown>).blocklist_user_emails;
      if (Array.isArray(blocked)) blocked.forEach(add);
    }
  }
  return [...out].filter((e) => EMAIL_SHAPED.test(e));
}

function checkImport(name: string, users: unknown, mm: unknown): ImportResult {
  count(name);
  let r: ImportResult;
  try {
    r = importRoverMitra(users, mm);
  } catch (e) {
    throw new Error(`importRoverMitra threw: ${String(e)}`);
  }
  expect(Object.keys(r)).toEqual(['profiles', 'notices', 'skipped']);
  expect(r.notices.every((n) => typeof n.code === 'string' && typeof n.message === 'string')).toBe(true);
  expect(r.notices.map((n) => n.code)).not.toContain('import_failed');
  expect(Number.isInteger(r.skipped) && r.skipped >= 0).toBe(true);
  if (Array.isArray(users)) expect(r.profiles.length + r.skipped).toBeLessThanOrEqual(users.length);
  expect(new Set(r.profiles.map((p) => p.id)).size).toBe(r.profiles.length);
  countValid(name, r.profiles.length);
  for (const p of r.profiles) {
    expect(p.id).toMatch(/^u_[0-9a-f]{12}$/);
    expectCanonical(p);
    for (const b of p.companion.blocklist) expect(b).toMatch(/^u_[0-9a-f]{12}$/);
  }
  // Emails never kept: nothing email-shaped in the profiles, no input email anywhere.
  expect(emailShaped(r.profiles)).toEqual([]);
  const all = JSON.stringify(r).toLowerCase();
  for (const e of inputEmails(users, mm)) expect(all).not.toContain(e.toLowerCase());
  expectUnpolluted();
  return r;
}

describe('properties: RoverMitra importer (SPEC §2.4, §11)', () => {
  it('importRoverMitra: arbitrary user and matchmaker arrays never throw; valid profiles, no email kept', () => {
    // Shared emails and user ids, so that joins, duplicates and blocklists happen.
    fc.assert(fc.property(records(originalUser), records(originalMatchmaker), (users, mm) => { checkImport('import: original records', users, mm); }), { seed: SEED, numRuns: 1_200 });
  });

  it('importRoverMitra: any JSON for either file', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), fc.jsonValue({ maxDepth: 5 }), (users, mm) => { checkImport('import: any JSON', users, mm); }), { seed: SEED, numRuns: 1_000 });
  });

  it('importRoverMitraQuery: any query never throws; a canonical profile without emails, or problems', () => {
    const query = fc.oneof({ weight: 5, arbitrary: originalUser as fc.Arbitrary<unknown> }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) }, { weight: 1, arbitrary: withForbidden }, { weight: 1, arbitrary: junk });
    fc.assert(fc.property(query, (q) => {
      count('import: query');
      const r = importRoverMitraQuery(q);
      if (r.ok) {
        countValid('import: query');
        expect(r.profile.id).toMatch(/^u_query$|^u_[0-9a-f]{12}$/);
        expectCanonical(r.profile);
        expect(emailShaped(r.profile)).toEqual([]);
        expect(JSON.stringify(r.notices)).not.toContain('@');
      } else {
        expectProblems(r.problems);
      }
      // The importer reads known fields only: a forbidden key elsewhere is never read (and the
      // query may still be accepted); one inside a value it passes on is rejected by validation.
      expectUnpolluted();
    }), { seed: SEED, numRuns: 2_000 });
  });

  it('deep nesting (5 000 and 100 000 levels) and forbidden keys in the files: handled, no stack overflow', () => {
    const user = { email: 'deep@example.com', name: 'Dee', age: 30, gender: 'female', languages: ['en'], interests: ['museums'], budget: { amount: 50 } };
    for (const depth of DEPTHS) {
      for (const deep of [deepArray(depth), deepObject(depth), deepForbidden(depth)]) {
        checkImport('import: deep nesting (fixed cases)', deep, deep);
        checkImport('import: deep nesting (fixed cases)', [deep, user], [deep]);
        for (const key of ['name', 'age', 'interests', 'languages', 'bio', 'home_base', 'faith', 'email']) {
          const r = checkImport('import: deep nesting (fixed cases)', [{ ...user, [key]: deep }], [{ email: user.email, hard_dealbreakers: deep, blocklist_user_emails: deep, language_policy: { preferred_chat_languages: deep } }]);
          expect(r.profiles.length).toBeLessThanOrEqual(1);
        }
        count('import: deep nesting (fixed cases)');
        const q = importRoverMitraQuery({ ...user, interests: deep });
        expect(q.ok).toBe(false);
        expectUnpolluted();
      }
    }
    // Forbidden keys as own properties (JSON.parse), anywhere in a record — inside a value the
    // importer passes on, or on a key it never reads: the record is refused whole, as a canonical
    // profile would be. Nothing is polluted either way (checkImport).
    const user1 = '"email":"p@example.com","name":"P","gender":"male","languages":["en"],"budget":{"amount":50}';
    for (const bad of ['"age":{"__proto__":{"polluted":1}},"interests":["museums"]', '"age":30,"interests":[{"constructor":{"prototype":{"polluted":1}}}]', '"age":30,"interests":["museums"],"faith":{"religion":{"prototype":1}}', '"age":30,"interests":["museums"],"__proto__":{"polluted":1}']) {
      const skipped = checkImport('import: deep nesting (fixed cases)', JSON.parse(`[{${user1},${bad}}]`), []);
      expect(skipped.profiles).toEqual([]);
      expect(skipped.notices.map((n) => n.code)).toContain('import_skipped_malformed');
    }
    // A matchmaker record with one is ignored: its user is imported with the defaults.
    const ignored = checkImport('import: deep nesting (fixed cases)', JSON.parse(`[{${user1},"age":30,"interests":["museums"]}]`), JSON.parse('[{"email":"p@example.com","__proto__":{"isAdmin":true}}]'));
    expect(ignored.profiles).toHaveLength(1);
    expect(ignored.notices.map((n) => n.code)).toEqual(expect.arrayContaining(['import_skipped_malformed', 'import_defaults_no_matchmaker']));
    expect(JSON.stringify(ignored.profiles)).not.toContain('polluted');
  });
});

// ---------------------------------------------------------------------------------------------
// 3. The search pipeline behind the worker's API, in Node.

describe('properties: Matcher.search (SPEC §1, §11)', () => {
  const service = new Matcher();
  beforeAll(() => { service.usePool(packProfiles(generatePoolArray(200, 1))); });

  async function checkSearch(name: string, input: unknown): Promise<void> {
    count(name);
    const t0 = performance.now();
    let outcome;
    try {
      outcome = await service.search(input);
    } catch (e) {
      throw new Error(`search rejected: ${String(e)}`);
    }
    expect(performance.now() - t0).toBeLessThan(2_000);
    if (outcome.ok) {
      countValid(name);
      const { results } = outcome.value.result;
      expect(results.length).toBeLessThanOrEqual(5);
      for (const m of results) {
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(1);
        expect(m.explanation.startsWith('For you,')).toBe(true);
      }
    } else {
      expect(outcome.error.code).toBe('invalid_profile');
      expect(typeof outcome.error.message).toBe('string');
      expectProblems(outcome.error.problems);
    }
    expectUnpolluted();
  }

  it('any input: never rejects; invalid_profile with problems, or 0–5 results with scores in [0, 1]', async () => {
    await fc.assert(fc.asyncProperty(anyInput, (v) => checkSearch('search: any input', v)), { seed: SEED, numRuns: 1_500 });
  });

  it('megabyte strings in any field finish quickly', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...VALID), fc.nat(), huge, (p, i, big) => {
      const paths = fieldPaths(p);
      return checkSearch('search: megabyte strings', setAt(p, paths[i % paths.length], big));
    }), { seed: SEED, numRuns: 100 });
  });

  it('5 000- and 100 000-deep input finishes quickly without a stack overflow', async () => {
    for (const depth of DEPTHS) {
      for (const deep of [deepArray(depth), deepObject(depth), deepForbidden(depth)]) {
        await checkSearch('search: deep nesting (fixed cases)', deep);
        await checkSearch('search: deep nesting (fixed cases)', { ...BASE, interests: deep });
        await checkSearch('search: deep nesting (fixed cases)', { ...BASE, budget: { amount: deep } });
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The CLI (SPEC §9): exit 0 or 2 for any query file, never 1, never a stack trace.

describe('properties: CLI main (SPEC §9)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rm-prop-cli-'));
  const poolDir = join(dir, 'pool');
  const queryFile = join(dir, 'q.json');
  beforeAll(() => { writePool({ count: 100, seed: 3, outDir: poolDir }); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  async function checkCli(name: string, content: string | Uint8Array, format: 'canonical' | 'rovermitra', json: boolean): Promise<void> {
    count(name);
    writeFileSync(queryFile, content);
    const out: string[] = [];
    const err: string[] = [];
    let code: number;
    try {
      code = await main(['--query', queryFile, '--query-format', format, '--pool', poolDir, ...(json ? ['--json'] : [])], { out: (s) => out.push(s), err: (s) => err.push(s) });
    } catch (e) {
      throw new Error(`main threw: ${String(e)}`);
    }
    expect([0, 2]).toContain(code);
    if (code === 0) {
      countValid(name);
      expect(err).toEqual([]);
      if (json) expect((JSON.parse(out.join('\n')) as { results: unknown[] }).results.length).toBeLessThanOrEqual(5);
    } else {
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0]).not.toMatch(/\n\s+at /);
      expect(err[0]).not.toContain('\n');
      const parsed = JSON.parse(err[0]) as { error: { code: string; message: string; problems?: unknown } };
      expect(Object.keys(parsed)).toEqual(['error']);
      expect(['invalid_profile', 'invalid_options']).toContain(parsed.error.code);
      expect(typeof parsed.error.message).toBe('string');
      if (parsed.error.problems !== undefined) expectProblems(parsed.error.problems);
    }
    expectUnpolluted();
  }

  const queryText = fc.oneof(
    { weight: 3, arbitrary: profileish.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: mutation.map((m) => JSON.stringify(m.input)) },
    { weight: 2, arbitrary: originalUser.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: withForbidden.map((v) => JSON.stringify(v)) },
  );
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 100 }), fc.constantFrom('', '{', '{"name":', '\uFEFF{}', 'null', '[]', 'NaN', '{"a":1}}', '\u0000'));

  it('arbitrary JSON query files, both formats', async () => {
    await fc.assert(fc.asyncProperty(queryText, fc.constantFrom('canonical' as const, 'rovermitra' as const), fc.boolean(), (q, format, json) => checkCli('cli: JSON query files', q, format, json)), { seed: SEED, numRuns: 45 });
  });

  it('arbitrary bytes as the query file', async () => {
    await fc.assert(fc.asyncProperty(bytes, fc.constantFrom('canonical' as const, 'rovermitra' as const), (b, format) => checkCli('cli: arbitrary bytes', b, format, true)), { seed: SEED, numRuns: 15 });
  });

  it('a megabyte string, 5 000- and 100 000-deep query files: exit 2', async () => {
    await checkCli('cli: fixed cases', JSON.stringify({ ...BASE, name: 'x'.repeat(MB) }), 'canonical', true);
    for (const depth of DEPTHS) {
      await checkCli('cli: fixed cases', `${'['.repeat(depth)}${']'.repeat(depth)}`, 'canonical', true);
      await checkCli('cli: fixed cases', `${'{"a":['.repeat(depth)}{"__proto__":{"polluted":1}}${']}'.repeat(depth)}`, 'rovermitra', true);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Regressions: bugs the properties found, each pinned on its minimal counterexample (the
// comments say where it was and why). The time bounds are ten times or more above what the
// fixed code takes, and far below what the bugs took.

describe('regressions found by the properties', () => {
  const query = { name: 'Ana', age: 30, gender: 'female', languages: ['en'], interests: ['museums'], budget: { amount: 50 } };

  // 1. src/core/import/rovermitra.ts, scrub(): EMAIL_LIKE = /[^\s@]+@[^\s@]+/g replaces one
  //    "x@y" at a time, so a run of '@' leaves an email-shaped rest. Found by the importer
  //    property with free text over ['a', '.', '@', ' ', '-'] (seed 42, shrunk):
  //    home_base.city "a@a@a.a" → "[email removed]@a.a"; "bob@alice@example.com" → "[email removed]@example.com".
  it('importer: no email-shaped text is left after scrubbing ("a@a@a.a")', () => {
    for (const text of ['a@a@a.a', 'bob@alice@example.com']) {
      const r = importRoverMitraQuery({ ...query, name: text, bio: text, home_base: { city: text, country: text } });
      expect(r.ok).toBe(true);
      if (r.ok) expect(emailShaped(r.profile)).toEqual([]);
    }
  });

  // 2. src/core/import/rovermitra.ts, redactCity() runs after scrub(): replacing a hidden city
  //    that ends next to '@' joins "their home city" with what follows into an email shape.
  //    Found by the property "redacting the city never adds an email shape" (seed 42, shrunk):
  //    city ".@", bio ".@@a..@" → bio "their home city@a.their home city". By hand: city "@@",
  //    bio "-@@@y.com" → "-their home city@y.com".
  it('importer: redacting a hidden home city never forms an email ("-their home city@y.com")', () => {
    for (const [city, bio] of [['.@', '.@@a..@'], ['@@', '-@@@y.com']]) {
      const r = importRoverMitraQuery({ ...query, bio, home_base: { city, country: 'PT' }, privacy: { share_home_city: false } });
      expect(r.ok).toBe(true);
      if (r.ok) expect(emailShaped(r.profile.bio)).toEqual([]);
    }
  });

  // 3. src/core/import/rovermitra.ts, problemSummary(): the notice for a skipped record lists
  //    problem paths, and a path is made of the input's own object keys, emails included.
  //    Found by the property with email-like keys in field values (seed 42, shrunk):
  //    users [{email: "ana@example.com", …, age: {"a@a.aa": {"__proto__": 1}}}] → notice
  //    "… u_…: age.a@a.aa.__proto__ (forbidden_key), …".
  it('importer: notices never contain an email (email as an object key in a field)', () => {
    const users = JSON.parse('[{"email":"ana@example.com","name":"Ana","age":{"bob@example.com":{"__proto__":1}},"gender":"female","languages":["en"],"interests":["museums"],"budget":{"amount":50}}]');
    const r = importRoverMitra(users, []);
    expect(JSON.stringify(r.notices)).not.toContain('bob@example.com');
  });

  // 4. src/core/import/rovermitra.ts, redactCity(): the hidden city becomes a RegExp; from about
  //    12 265 letters (32 768 '@') V8 cannot compile it ("SyntaxError: … Stack overflow"), the
  //    importer's catch-all answers import_failed and every other valid record is lost (§2.4: a
  //    bad record is skipped, the import goes on). The query importer answers a (root) "could not
  //    be read (SyntaxError)" instead of city: too_long. Found by the importer property with
  //    megabyte texts (seed 42): a user with home_base.city = "@" × 1 MB, privacy.share_home_city
  //    false, bio "".
  it('importer: a long hidden home city skips that record only', () => {
    const ok = { ...query, email: 'ok@example.com' };
    const bad = { ...query, email: 'bad@example.com', bio: 'hi', home_base: { city: 'a'.repeat(20_000), country: 'PT' }, privacy: { share_home_city: false } };
    const r = importRoverMitra([ok, bad], []);
    expect(r.notices.map((n) => n.code)).not.toContain('import_failed');
    expect(r.profiles).toHaveLength(1);
  });

  // 5. src/core/import/rovermitra.ts, scrub(): /[^\s@]+@[^\s@]+/g backtracks quadratically on a
  //    long run without whitespace or '@' (30 000 'a' ≈ 0.9 s here, 100 000 ≈ 10 s, 1 MB ≈ 15
  //    min), in every free-text field (name, bio, city, country, religion, allergies,
  //    accessibility), before any length check: `--query-format rovermitra` or `--users` with
  //    a 1 MB name hangs the CLI. The importer properties use megabyte texts with whitespace.
  it('importer: a 30 000-character name without spaces is handled in < 1 s', () => {
    const t0 = performance.now();
    importRoverMitraQuery({ ...query, name: 'a'.repeat(30_000) });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  // 6. src/core/profile/vocab.ts, foldKey(): String.prototype.normalize('NFC') is quadratic on
  //    a long run of combining marks of alternating classes (U+0301 U+0316 …: 40 000 chars ≈
  //    0.65 s, 200 000 ≈ 10 s, 1 MB ≈ minutes), and validation folds vocabulary fields (gender,
  //    pace, languages, interests, …) before any length check, so one such string in a search
  //    blocks the worker (Matcher.search) and the CLI. The megabyte properties above
  //    leave combining marks out.
  it('validation: a 40 000-character run of combining marks in gender is rejected in < 1 s', async () => {
    const marks = '\u0301\u0316'.repeat(20_000);
    const t0 = performance.now();
    const r = validateProfile({ ...BASE, gender: marks });
    expect(r.ok).toBe(false);
    const service = new Matcher();
    service.usePool(packProfiles(generatePoolArray(20, 1)));
    const outcome = await service.search({ ...BASE, languages: [marks] });
    expect(outcome.ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  // 7. src/core/profile/validate.ts, scanKeys(): after MAX_KEYS_SCANNED (100 000) keys the scan
  //    stops silently, so a forbidden key after them is accepted (ok: true), against §2.1
  //    ("__proto__ … anywhere in the input … are a validation error"). No pollution follows
  //    (only known keys are read). Counterexample: a valid profile with an unknown key holding
  //    100 001 keys, then an own "__proto__" key.
  it('validation: a forbidden key after 100 000 other keys is still rejected', () => {
    const many = Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, 0]));
    const input = JSON.parse(`${JSON.stringify({ ...BASE, extra: many }).slice(0, -1)},"__proto__":{"polluted":1}}`);
    expect(Object.hasOwn(input, '__proto__')).toBe(true);
    const r = validateProfile(input);
    expectUnpolluted();
    expect(r.ok).toBe(false);
  });
});
