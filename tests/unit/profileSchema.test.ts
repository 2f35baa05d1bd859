/**
 * One profile schema (src/core/profile/schema.ts): the validation, the form's field list, the
 * draft mapping and the form's markup must not drift apart. Profiles are generated from the
 * schema's own limits and options, so a limit the form shows is one validation accepts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ISO6391 from 'iso-639-1';
import { describe, expect, it } from 'vitest';
import type { Field } from '../../src/core/profile/fields';
import { FIELDS } from '../../src/core/profile/schema';
import type { Profile } from '../../src/core/profile/types';
import { validateProfile } from '../../src/core/profile/validate';
import { VOCAB, type VocabName } from '../../src/core/profile/vocab';
import {
  FIELD_PATHS, coerceDraft, draftToInput, emptyDraft, fieldOf, profileToDraft, serializeDraft,
} from '../../src/ui/draft';
import { PERSONAS } from '../../src/ui/personas';
import { BASE } from './profiles';

const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined;
const runs = { numRuns: 300, ...(seed === undefined ? {} : { seed }) };

type Meta = Partial<{ min: number; max: number; lo: number; hi: number; integer: boolean; exclusiveLo: boolean; itemMax: number; multiline: boolean; options: readonly string[]; vocab: VocabName }>;
const meta = (f: Field) => f as Field & Meta;

/** Letters, digits, symbols and inner spaces: text every text field accepts (no list separators). */
const CHARS = ['a', 'Z', 'é', 'ß', '李', '🙂', '7', '-', '.', ' '];
const textOf = (min: number, max: number) => fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: max })
  .map((cs) => cs.join('').trim())
  .filter((s) => s.length >= min);
const idOf = (max: number) => textOf(1, max - 2).map((s) => `u_${s}`);

/** A value inside the limits the schema states for this field. */
function valid(path: string, field: Field): fc.Arbitrary<unknown> {
  const f = meta(field);
  switch (field.kind) {
    case 'id': return idOf(f.max!);
    case 'text': return textOf(f.min!, f.max!);
    case 'number': return f.integer
      ? fc.integer({ min: f.lo!, max: f.hi! })
      : fc.double({ min: f.lo!, max: f.hi!, noNaN: true }).filter((n) => !Object.is(n, -0) && (!f.exclusiveLo || n > f.lo!));
    case 'switch': return fc.boolean();
    case 'choice': return fc.constantFrom(...f.options!);
    case 'choices': return fc.subarray([...f.options!], { minLength: f.min!, maxLength: Math.min(f.max!, f.options!.length) });
    case 'range': return fc.option(fc.tuple(fc.integer({ min: f.lo!, max: f.hi! }), fc.integer({ min: f.lo!, max: f.hi! })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]));
    case 'list':
      if (path === 'languages') return fc.subarray(ISO6391.getAllCodes(), { minLength: f.min!, maxLength: f.max! });
      if (path === 'companion.blocklist') return fc.array(idOf(f.itemMax!), { maxLength: 20 });
      return fc.array(textOf(1, f.itemMax!), { maxLength: f.max! });
  }
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let block = target;
  for (const key of keys.slice(0, -1)) block = (block[key] ??= {}) as Record<string, unknown>;
  block[keys[keys.length - 1]] = value;
}

/** Canonical profiles: every field generated within its limits, then validated. */
const profiles: fc.Arbitrary<Profile> = fc.tuple(...FIELDS.map(({ path, field }) => valid(path, field))).map((values) => {
  const input: Record<string, unknown> = {};
  FIELDS.forEach(({ path }, i) => setAt(input, path, values[i]));
  const r = validateProfile(input);
  if (!r.ok) throw new Error(`generated profile invalid: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.profile;
});

const roundTrip = (p: Profile) => validateProfile(draftToInput(profileToDraft(p)));

describe('the profile schema', () => {
  it('lists every field once, in the canonical key order', () => {
    const paths = FIELDS.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    const leaves = (v: unknown, prefix: string): string[] => (v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.entries(v).flatMap(([k, c]) => leaves(c, `${prefix}${k}.`))
      : [prefix.slice(0, -1)]);
    expect(paths).toEqual(leaves(BASE, ''));
  });

  it('offers as options exactly the canonical words of each vocabulary', () => {
    for (const { path, field } of FIELDS) {
      const { vocab, options } = meta(field);
      if (!vocab) continue;
      expect(new Set(options), path).toEqual(new Set(VOCAB[vocab].values()));
    }
  });

  it('states limits that validation enforces: just inside is accepted, just outside refused at that field', () => {
    const problemsAt = (path: string, value: unknown) => {
      const input = structuredClone(BASE) as unknown as Record<string, unknown>;
      setAt(input, path, value);
      const r = validateProfile(input);
      return r.ok ? [] : r.problems.map((p) => p.path);
    };
    for (const { path, field } of FIELDS) {
      const f = meta(field);
      if (field.kind === 'number' || field.kind === 'range') {
        const inside = field.kind === 'number' ? [f.hi, f.exclusiveLo ? f.lo! + 1 : f.lo] : [[f.lo, f.hi]];
        const outside = field.kind === 'number' ? [f.hi! + 1, f.lo! - 1, ...(f.exclusiveLo ? [f.lo] : [])] : [[f.lo! - 1, f.hi], [f.lo, f.hi! + 1]];
        for (const v of inside) expect(problemsAt(path, v), `${path} = ${v}`).toEqual([]);
        for (const v of outside) expect(problemsAt(path, v), `${path} = ${v}`).toEqual([path]);
      }
      if (field.kind === 'text') {
        expect(problemsAt(path, 'x'.repeat(f.max!)), path).toEqual([]);
        expect(problemsAt(path, 'x'.repeat(f.max! + 1)), path).toEqual([path]);
      }
      if (field.kind === 'choices') {
        const tooMany = [...f.options!, ...f.options!].slice(0, f.max! + 1);
        if (new Set(tooMany).size > f.max!) expect(problemsAt(path, tooMany), path).toEqual([path]);
      }
    }
  });
});

describe('the form and the schema', () => {
  it('has a form field for every schema field but the id, and every problem of a field is shown at it', () => {
    expect(FIELD_PATHS).toEqual(FIELDS.map((f) => f.path).filter((p) => p !== 'id'));
    for (const path of FIELD_PATHS) {
      const input = structuredClone(BASE) as unknown as Record<string, unknown>;
      setAt(input, path, { not: 'a value' });
      const r = validateProfile(input);
      expect(r.ok, path).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => fieldOf(p.path)), path).toEqual([path]);
    }
  });

  it('round-trips every profile through the draft: validateProfile(draftToInput(profileToDraft(p))) is p', () => {
    for (const p of [BASE, ...PERSONAS.map((x) => x.profile)]) expect(roundTrip(p)).toEqual({ ok: true, profile: p });
    fc.assert(fc.property(profiles, (p) => {
      expect(roundTrip(p)).toEqual({ ok: true, profile: p });
    }), runs);
  });

  it('restores a stored draft whole: every draft entry has a stored shape that takes its values', () => {
    fc.assert(fc.property(profiles, (p) => {
      const d = profileToDraft(p);
      expect(coerceDraft(JSON.parse(serializeDraft(d)))).toEqual({ draft: d, dropped: [] });
    }), { ...runs, numRuns: 100 });
    expect(coerceDraft(JSON.parse(serializeDraft(emptyDraft())))).toEqual({ draft: emptyDraft(), dropped: [] });
  });

  it('starts empty at the defaults: only the required fields are missing, each at its form field', () => {
    const r = validateProfile(draftToInput(emptyDraft()));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const required = FIELDS.filter((f) => f.field.def === undefined).map((f) => f.path);
    expect(r.problems.map((p) => p.path)).toEqual(required);
    expect(r.problems.every((p) => fieldOf(p.path) === p.path)).toBe(true);

    const filled = { ...emptyDraft(), name: 'Ana', age: 30, gender: 'female', languages: 'en', interests: ['yoga'], budget_amount: 50 };
    const minimal = validateProfile({ name: 'Ana', age: 30, gender: 'female', languages: ['en'], interests: ['yoga'], budget: { amount: 50 } });
    expect(validateProfile(draftToInput(filled))).toEqual(minimal);
  });

  it('has markup for every form field: an input named by its path, its errors, its draft entries bound', () => {
    const source = readFileSync(fileURLToPath(new URL('../../src/ui/ProfileForm.svelte', import.meta.url)), 'utf8');
    const markup = source.slice(source.indexOf('</script>'));
    const attrs = (name: string) => new Set([...markup.matchAll(new RegExp(`\\b${name}="([^"]+)"`, 'g'))].map((m) => m[1]));
    const inputs = attrs('name');
    const errors = attrs('field');
    for (const path of FIELD_PATHS) {
      expect(inputs.has(path), `an input named ${path}`).toBe(true);
      expect(errors.has(path), `errors shown for ${path}`).toBe(true);
    }
    expect([...inputs, ...errors].filter((n) => !FIELD_PATHS.includes(n))).toEqual([]);
    for (const key of Object.keys(emptyDraft()).filter((k) => k !== 'id')) {
      expect(markup, `draft.${key} in the markup`).toMatch(new RegExp(`\\bdraft\\.${key}\\b`));
    }
  });
});
