/**
 * Validation messages a person reads (issue 15, item 5): every problem's message starts with the
 * field's label as the form shows it and says what to do in plain words — no internal path
 * ("budget.amount"), no schema words ("item", "enum", "string"), never the refused value — and
 * states the same limits as the hint the form shows next to the field (hints.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Field } from '../../src/core/profile/fields';
import { HINTS } from '../../src/core/profile/hints';
import { ADVICE, amount, problemMessage, rangeWords } from '../../src/core/profile/problems';
import { FIELDS, SCHEMA } from '../../src/core/profile/schema';
import type { Problem } from '../../src/core/profile/types';
import { labelOf, scanKeys, validateProfile } from '../../src/core/profile/validate';
import { FIELD_PATHS, draftToInput, emptyDraft, fieldOf, profileToDraft } from '../../src/ui/draft';
import { BASE } from './profiles';

type Meta = Partial<{ min: number; max: number; lo: number; hi: number; integer: boolean; itemMax: number; options: readonly string[] }>;
const meta = (f: Field) => f as Field & Meta;

const SECRET = 'me.query@mail.example';
/** Numbers no limit of the schema has: a message that shows one repeats the value. */
const ODD_HIGH = 987_654_321;
const ODD_LOW = -4_321;

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let block = target;
  for (const key of keys.slice(0, -1)) block = (block[key] ??= {}) as Record<string, unknown>;
  block[keys[keys.length - 1]] = value;
}

/** The problems of BASE with `value` at `path`. */
function problemsAt(path: string, value: unknown): Problem[] {
  const input = structuredClone(BASE) as unknown as Record<string, unknown>;
  setAt(input, path, value);
  const r = validateProfile(input);
  return r.ok ? [] : r.problems;
}

/** Values each kind of field refuses, each one a different rule broken. */
function badValues(field: Field): unknown[] {
  const f = meta(field);
  const common = [SECRET, 42, [SECRET], { x: SECRET }, true];
  switch (field.kind) {
    case 'id': return [...common, '', '\u200B', 'x'.repeat(f.max! + 1), 'a\u0000b'];
    case 'text': return [...common, 'x'.repeat(f.max! + 1), 'a\u0000b', ...(f.min ? ['', '\u200B\u200B'] : [])];
    case 'number': return [...common, ODD_HIGH, ODD_LOW, -0, '0x1e', 'NaN', ...(f.integer ? [f.lo! + 0.5] : []), ...(f.lo === 0 && field.def === undefined ? [0] : [])];
    case 'switch': return [SECRET, 42, [true], 'yes'];
    case 'choice': return [...common, ...(field.def === undefined ? ['', null] : [])];
    case 'choices': return [...common, [42], [...f.options!, ...f.options!], ...(f.min ? [[]] : [])];
    case 'list': return [...common, [42], [''], ['a\u0000b'], ['x'.repeat(f.itemMax ?? 8) + 'x'.repeat(41)], Array.from({ length: f.max! + 1 }, (_, i) => `u_${i}`), ...(f.min ? [[]] : [])];
    case 'range': return [...common, [SECRET, 30], [1, 200], [77, 31], [30.5, 40], [30]];
  }
}

/** What a message must never hold: internal names, schema words, the value it refuses. */
function expectReadable(message: string, label: string, value: unknown): void {
  expect(message.startsWith(`${label}: `), message).toBe(true);
  expect(message.endsWith('.'), message).toBe(true);
  // No dotted path ("budget.amount", "languages.2") and no key in snake_case ("home_base").
  expect(message, message).not.toMatch(/\b[a-z_]+\.[a-z0-9_]+\b/i);
  expect(message, message).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  // No schema words, no "got …", no "must be …".
  expect(message, message).not.toMatch(/\b(items?|enum|string|null|object|array|boolean|integer|undefined|got|must be|must have|ISO 639|code points?)\b/i);
  // No internal name in parentheses: "(languages)"; a list entry's position "(entry 2)" is fine.
  expect(message.replace(/\(entry \d+\)/g, ''), message).not.toMatch(/\([a-z_]+\)/);
  // Never the value.
  expect(message, message).not.toMatch(/me\.query|mail\.example|@/);
  if (typeof value === 'number' && ![0, 42].includes(value)) {
    expect(message, message).not.toContain(String(value));
    expect(message, message).not.toContain(amount(value));
  }
  expect(message, message).not.toContain('xxxxxxxx');
}

describe('every field: a bad value gets a message that starts with its label, in plain words', () => {
  for (const { path, field } of FIELDS) {
    it(`${path} (“${field.label}”)`, () => {
      let reported = 0;
      for (const value of badValues(field)) {
        const mine = problemsAt(path, value).filter((p) => p.path === path || p.path.startsWith(`${path}.`));
        reported += mine.length;
        for (const p of mine) {
          expect(labelOf(p.path), p.path).toBe(field.label);
          expectReadable(p.message, field.label, value);
        }
      }
      expect(reported, `${path}: some bad value is refused`).toBeGreaterThan(2);
    });
  }

  it('has a label for every field, each one different, as people write them', () => {
    const labels = FIELDS.map((f) => f.field.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]*(?:[ -][A-Za-z-]+)*$/);
  });

  it('keeps the machine-readable path and code', () => {
    expect(problemsAt('budget.amount', 1e12)).toEqual([{ path: 'budget.amount', code: 'out_of_range', message: 'Budget: enter an amount above 0, up to 100,000.' }]);
    expect(problemsAt('languages', [])).toEqual([{ path: 'languages', code: 'too_few', message: 'Languages: choose at least one language you speak.' }]);
    expect(problemsAt('languages', ['en', SECRET])).toEqual([{ path: 'languages.1', code: 'unknown_value', message: expect.stringMatching(/^Languages: .*\(entry 2\)\.$/) }]);
    expect(problemsAt('interests', [...SCHEMA.interests.options].slice(0, 16))).toEqual([{ path: 'interests', code: 'too_many', message: 'Interests: choose at most 15 interests.' }]);
    expect(problemsAt('home_base.city', 'x'.repeat(81))).toEqual([{ path: 'home_base.city', code: 'too_long', message: 'Home city: use at most 80 characters.' }]);
    expect(problemsAt('companion.blocklist', [SECRET])).toEqual([{ path: 'companion.blocklist.0', code: 'invalid_format', message: 'Blocked travellers: use traveller ids, not e-mail addresses (entry 1).' }]);
  });

  it('names a block, or the profile, by its label too, never by its key', () => {
    expect(problemsAt('travel_prefs', 7)).toEqual([{ path: 'travel_prefs', code: 'invalid_type', message: problemMessage('Travel preferences', ADVICE.sectionShape) }]);
    const { budget: _, ...noBudget } = BASE;
    expect(validateProfile(noBudget)).toEqual({ ok: false, problems: [{ path: 'budget', code: 'required', message: 'Budget: this section is missing.' }] });
    for (const v of [null, 'x', [BASE], 5]) {
      const r = validateProfile(v);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => [p.path, p.message])).toEqual([['(root)', problemMessage('Profile', ADVICE.profileShape)]]);
    }
  });

  it('names a refused key, never a key it does not know (which may be anything a file holds)', () => {
    const input = JSON.parse(`{"comfort": {"constructor": 1}, "${SECRET}": {"__proto__": {}}}`);
    expect(scanKeys(input)).toEqual([
      { path: 'comfort.constructor', code: 'forbidden_key', message: 'Comfort: remove the key “constructor”; it is not allowed.' },
      { path: `${SECRET}.__proto__`, code: 'forbidden_key', message: 'Profile: remove the key “__proto__”; it is not allowed.' },
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { [SECRET]: deep };
    const [tooDeep] = scanKeys({ interests: deep });
    expect(tooDeep).toMatchObject({ code: 'too_deep', message: 'Interests: nested too deeply (more than 32 levels); not read.' });
  });

  it('labelOf: a field, an entry of a list, a block, the profile', () => {
    expect(labelOf('budget.amount')).toBe('Budget');
    expect(labelOf('languages.3')).toBe('Languages');
    expect(labelOf('companion')).toBe('Companions');
    expect(labelOf('companion.nope.deeper')).toBe('Companions');
    expect(labelOf('(root)')).toBe('Profile');
    expect(labelOf('')).toBe('Profile');
    expect(labelOf('toString')).toBe('Profile');
  });
});

/** The limits a text states: its numbers ("100,000" → 100000), without a list entry's position. */
const numbersIn = (s: string) => [...s.replace(/\(entry \d+\)/g, '').matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));

describe('a message and the hint next to its field state the same limits', () => {
  /** Values beyond each limit a hinted field has. */
  const beyond: Record<keyof typeof HINTS, unknown[]> = {
    languages: [[], Array.from({ length: SCHEMA.languages.max + 1 }, (_, i) => ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'fi', 'pl', 'cs', 'el'][i])],
    'budget.amount': [1_000_000_000_000, 0, -5, null],
    'diet_health.allergies': [Array.from({ length: SCHEMA.diet_health.allergies.max + 1 }, (_, i) => `a${i}`), ['x'.repeat(SCHEMA.diet_health.allergies.itemMax + 1)]],
    'work.hours_online_needed': [13, -1, 'lots'],
    'companion.age_range': [[10, 50], [18, 100], [50, 40], [20.5, 30]],
    'companion.blocklist': [Array.from({ length: SCHEMA.companion.blocklist.max + 1 }, (_, i) => `u_${i}`)],
  };

  for (const [path, values] of Object.entries(beyond)) {
    it(path, () => {
      const hint = HINTS[path as keyof typeof HINTS];
      expect(FIELD_PATHS).toContain(path);
      for (const value of values) {
        const mine = problemsAt(path, value).filter((p) => fieldOf(p.path) === path);
        expect(mine.length, `${path} = ${JSON.stringify(value)?.slice(0, 40)}`).toBeGreaterThan(0);
        for (const p of mine) {
          for (const n of numbersIn(p.message)) expect(numbersIn(hint), `${p.message} | ${hint}`).toContain(n);
          if (/at least one/.test(p.message)) expect(hint).toContain('at least one');
        }
      }
    });
  }

  it('the hints state the schema limits, in the words of the messages', () => {
    expect(HINTS['budget.amount']).toContain(rangeWords(SCHEMA.budget.amount));
    expect(HINTS['budget.amount']).toContain('100,000');
    expect(HINTS['work.hours_online_needed']).toMatch(new RegExp(rangeWords(SCHEMA.work.hours_online_needed), 'i'));
    expect(HINTS['companion.age_range']).toContain(rangeWords(SCHEMA.companion.age_range));
    expect(numbersIn(HINTS.languages)).toEqual([SCHEMA.languages.max]);
    expect(numbersIn(HINTS['diet_health.allergies'])).toEqual([SCHEMA.diet_health.allergies.max, SCHEMA.diet_health.allergies.itemMax]);
    expect(numbersIn(HINTS['companion.blocklist'])).toEqual([SCHEMA.companion.blocklist.max]);
  });

  it('every number field and the age range state exactly their range, as the inputs’ min and max do', () => {
    for (const { path, field } of FIELDS) {
      if (field.kind !== 'number' && field.kind !== 'range') continue;
      const f = meta(field);
      const value = field.kind === 'number' ? f.hi! + 1 : [f.lo! - 1, f.hi];
      const [p] = problemsAt(path, value);
      expect(p?.code, path).toBe('out_of_range');
      expect(numbersIn(p.message), p.message).toEqual([f.lo, f.hi]);
    }
  });

  it('counted choices (the form shows “n / max”) state the same most', () => {
    for (const path of ['interests', 'values']) {
      const field = FIELDS.find((f) => f.path === path)!.field;
      const f = meta(field);
      const [p] = problemsAt(path, f.options!.slice(0, f.max! + 1));
      expect(numbersIn(p.message), p.message).toEqual([f.max]);
    }
    const [bio] = problemsAt('bio', 'x'.repeat(SCHEMA.bio.max + 1));
    expect(numbersIn(bio.message)).toEqual([SCHEMA.bio.max]);
  });

  it('the form shows these hints from hints.ts, and writes no limit of its own into a hint', () => {
    const source = readFileSync(fileURLToPath(new URL('../../src/ui/ProfileForm.svelte', import.meta.url)), 'utf8');
    const markup = source.slice(source.indexOf('</script>'));
    for (const path of Object.keys(HINTS)) {
      expect(markup, path).toMatch(new RegExp(`HINTS(\\.${path}\\b|\\['${path.replace(/\./g, '\\.')}'\\])`));
    }
    // The hints' own text (outside {…}) holds no digits: every limit comes from the schema.
    const hints = [...markup.matchAll(/<p class="hint[^"]*"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1].replace(/\{[^}]*\}/g, ''));
    expect(hints.length).toBeGreaterThan(5);
    for (const h of hints) expect(h, h).not.toMatch(/\d/);
    expect(source).toMatch(/\{S\.interests\.max\}/);
    expect(source).toMatch(/\{S\.values\.max\}/);
    expect(source).toMatch(/\{S\.bio\.max\}/);
  });
});

describe('the form: an out-of-range budget and no language', () => {
  it('gets the plain messages the page shows at those fields', () => {
    const draft = { ...profileToDraft(BASE), languages: '', budget_amount: 1_000_000_000_000 };
    const r = validateProfile(draftToInput(draft));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { path: 'languages', code: 'too_few', message: 'Languages: choose at least one language you speak.' },
      { path: 'budget.amount', code: 'out_of_range', message: 'Budget: enter an amount above 0, up to 100,000.' },
    ]);
  });

  it('an empty form: each required field says what to do', () => {
    const r = validateProfile(draftToInput(emptyDraft()));
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      'Name: fill this in.',
      'Age: enter a whole number from 18 to 99.',
      'Gender: choose one of the options.',
      'Languages: choose at least one language you speak.',
      'Interests: choose at least one interest.',
      'Budget: enter an amount above 0, up to 100,000.',
    ]);
  });
});
