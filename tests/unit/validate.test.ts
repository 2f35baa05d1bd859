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
      { path: 'age', code: 'out_of_range', message: 'age: must be 18–99, got -56' },
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
});
