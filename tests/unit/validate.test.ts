import { describe, expect, it } from 'vitest';
import { validateProfile } from '../../src/core/profile/validate';
import { normalize, normalizeLanguage } from '../../src/core/profile/vocab';
import { BASE } from './profiles';

const problems = (input: unknown) => {
  const r = validateProfile(input);
  return r.ok ? [] : r.problems;
};

describe('profile validation (SPEC §2.1)', () => {
  it('accepts a canonical profile unchanged', () => {
    expect(validateProfile(BASE)).toEqual({ ok: true, profile: BASE });
  });

  it('reports every problem at once, with field paths, codes and readable messages', () => {
    const ps = problems({ ...BASE, age: -56, name: '', languages: ['en', 'klingon'], interests: [], budget: { amount: 0 }, travel_prefs: 7 });
    expect(ps).toEqual(expect.arrayContaining([
      { path: 'age', code: 'out_of_range', message: 'Age: enter a whole number from 18 to 99.' },
      expect.objectContaining({ path: 'name', code: 'required' }),
      expect.objectContaining({ path: 'languages.1', code: 'unknown_value' }),
      expect.objectContaining({ path: 'interests', code: 'too_few' }),
      expect.objectContaining({ path: 'budget.amount', code: 'out_of_range' }),
      expect.objectContaining({ path: 'travel_prefs', code: 'invalid_type' }),
    ]));
    expect(ps).toHaveLength(6);
  });

  it('fills documented defaults for missing optional blocks', () => {
    const r = validateProfile({ name: 'Ana', age: 30, gender: 'female', languages: ['en'], interests: ['yoga'], budget: { amount: 50 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profile.travel_prefs.pace).toBe('balanced');
    expect(r.profile.comfort).toMatchObject({ chronotype: 'flexible', smoking: 'never', alcohol: 'moderate' });
    expect(r.profile.diet_health.diet).toBe('none');
    expect(r.profile.companion).toMatchObject({ genders_ok: ['any'], age_range: null, min_shared_languages: 1 });
    expect(r.profile.privacy.show_home_city).toBe(true);
    expect(r.profile.id).toBe('u_query');
  });

  it('normalises vocabulary through aliases; languages become sorted unique codes', () => {
    const r = validateProfile({ ...BASE, gender: 'Woman', languages: ['Deutsch', 'english', 'EN', 'Farsi'], interests: ['Museum hopping', 'Old-Towns', 'old_towns', 'Architecture walks'], comfort: { smoking: 'non-smoker', alcohol: 'social', chronotype: 'night owl' }, budget: { amount: 100, currency: 'usd', split_rule: '50/50' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profile.gender).toBe('female');
    expect(r.profile.languages).toEqual(['de', 'en', 'fa']);
    expect(r.profile.interests).toEqual(['museums', 'old towns', 'architecture']);
    expect(r.profile.comfort).toMatchObject({ smoking: 'never', alcohol: 'moderate', chronotype: 'night_owl' });
    expect(r.profile.budget).toEqual({ amount: 100, currency: 'USD', split_rule: 'fifty_fifty' });
  });

  it('rejects unknown vocabulary instead of keeping it', () => {
    expect(problems({ ...BASE, travel_prefs: { pace: 'warp speed' } })).toEqual([expect.objectContaining({ path: 'travel_prefs.pace', code: 'unknown_value' })]);
    expect(normalize('interests', 'underwater basket weaving')).toBeUndefined();
    expect(normalizeLanguage('mandarin')).toBe('zh');
    expect(normalizeLanguage('español')).toBe('es');
  });

  it('rejects prototype-pollution keys anywhere, without polluting anything', () => {
    const input = JSON.parse('{"name":"A","__proto__":{"polluted":true},"comfort":{"constructor":{"x":1}},"faith":{"prototype":1}}');
    const ps = problems(input);
    expect(ps.filter((p) => p.code === 'forbidden_key').map((p) => p.path)).toEqual(['__proto__', 'comfort.constructor', 'faith.prototype']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on any JSON value', () => {
    const deep: unknown = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    for (const v of [null, undefined, 0, 'x', [], true, deep, { age: { toString: null } }, { name: 'x'.repeat(1_000_000) }]) {
      expect(() => validateProfile(v)).not.toThrow();
      expect(validateProfile(v).ok).toBe(false);
    }
    expect(problems({ ...BASE, name: 'x'.repeat(1_000_000) })).toEqual([expect.objectContaining({ path: 'name', code: 'too_long' })]);
  });

  it('rejects an email as id', () => {
    expect(problems({ ...BASE, id: 'ana@example.com' })).toEqual([expect.objectContaining({ path: 'id', code: 'invalid_format' })]);
  });

  describe('messages never repeat the value they refuse', () => {
    const secret = 'me.query@mail.example';
    const everywhere = {
      ...BASE, gender: secret, name: 7, age: secret, languages: [secret], interests: [secret], bio: 42,
      budget: { amount: secret, currency: secret, split_rule: secret }, travel_prefs: { pace: secret, transport_allowed: [secret] },
      comfort: { smoking: secret }, faith: { religion: 5, policy: secret }, companion: { age_range: [secret, 3], blocklist: [secret] },
      diet_health: { allergies: [secret] },
    };
    it('not an e-mail given where a word, a number or a code was expected', () => {
      const ps = problems(everywhere);
      expect(ps.length).toBeGreaterThan(12);
      for (const p of ps) expect(p.message).not.toMatch(/me\.query|mail\.example|@/);
      expect(ps).toContainEqual({ path: 'gender', code: 'unknown_value', message: 'Gender: choose one of: male, female, non binary, other.' });
    });
    it('not a number either', () => {
      expect(problems({ ...BASE, age: 123456 })).toEqual([{ path: 'age', code: 'out_of_range', message: 'Age: enter a whole number from 18 to 99.' }]);
      expect(problems({ ...BASE, companion: { age_range: [77, 31] } })[0].message).not.toMatch(/77|31/);
    });
  });

  describe('numbers', () => {
    it('refuses -0 (it would change the canonical profile after a JSON round trip)', () => {
      expect(problems({ ...BASE, work: { hours_online_needed: -0 } })).toEqual([expect.objectContaining({ path: 'work.hours_online_needed', code: 'invalid_format' })]);
      expect(problems({ ...BASE, companion: { min_shared_languages: -0 } })).toEqual([expect.objectContaining({ path: 'companion.min_shared_languages', code: 'invalid_format' })]);
      expect(problems({ ...BASE, work: { hours_online_needed: '-0' } })).toHaveLength(1);
      expect(problems({ ...BASE, work: { hours_online_needed: 0 } })).toEqual([]);
    });
    it('reads numbers written as text only in decimal digits', () => {
      for (const bad of ['0x1e', '0b11110', '0o36', '3e1', 'Infinity', ' ', '30 years', '١٢']) {
        expect(problems({ ...BASE, age: bad })).toEqual([expect.objectContaining({ path: 'age', code: 'invalid_type' })]);
      }
      const ok = validateProfile({ ...BASE, age: ' 30 ', budget: { ...BASE.budget, amount: '99.5' } });
      expect(ok.ok && [ok.profile.age, ok.profile.budget.amount]).toEqual([30, 99.5]);
    });
  });

  describe('text', () => {
    it('counts characters as a person does (code points): 41 emoji are 41, not 82', () => {
      const ps = problems({ ...BASE, home_base: { city: '🏔'.repeat(81), country: 'X' } });
      expect(ps).toEqual([{ path: 'home_base.city', code: 'too_long', message: 'Home city: use at most 80 characters.' }]);
      expect(problems({ ...BASE, name: '🙂'.repeat(80) })).toEqual([]);
    });
    it('refuses a name that is invisible or holds a NUL or an escape sequence', () => {
      for (const name of ['\u200B\u200B\u200B', '\u2060\uFEFF', '\u3164', 'Ana\u0000', 'Ana\u001b[31m', 'Ana\nBob']) {
        const ps = problems({ ...BASE, name });
        expect(ps, JSON.stringify(name)).toHaveLength(1);
        expect(ps[0].path).toBe('name');
      }
      expect(problems({ ...BASE, name: 'Zoë 李' })).toEqual([]);
    });
    it('allows line breaks in free text, never a NUL', () => {
      expect(problems({ ...BASE, bio: 'Line one.\nLine two.' })).toEqual([]);
      expect(problems({ ...BASE, bio: 'a\u0000b' })).toEqual([expect.objectContaining({ path: 'bio', code: 'invalid_format' })]);
      expect(problems({ ...BASE, diet_health: { allergies: ['\u200B'] } })).toEqual([expect.objectContaining({ path: 'diet_health.allergies.0' })]);
    });
  });
});
