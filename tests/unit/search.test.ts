import { describe, expect, it } from 'vitest';
import { packProfiles } from '../../src/core/pool/packed';
import { Matcher } from '../../src/core/matcher';
import { notice } from '../../src/core/outcome';
import { search } from './searchPool';
import { profile } from './profiles';

const candidates = [
  profile({ id: 'c_01', interests: ['museums', 'old towns', 'food tours'] }),
  profile({ id: 'c_02', interests: ['museums', 'chess'], home_base: { city: 'Basel' }, privacy: { show_home_city: false } }),
  profile({ id: 'c_03', interests: ['yoga'], travel_prefs: { pace: 'packed' } }),
  profile({ id: 'c_04', age: 70 }),
  profile({ id: 'c_05', languages: ['ja'] }),
  profile({ id: 'c_06', interests: ['photography', 'food tours'] }),
  profile({ id: 'c_07', interests: ['chess'], values: [] }),
];
const query = profile({ id: 'u_query', companion: { age_range: [20, 60] } });

describe('search pipeline', () => {
  const pool = packProfiles(candidates);

  it('returns results, funnel, removals, timings and the similarity notice', async () => {
    const out = await search(pool, query, { withIds: true });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const r = out.value;
    expect(r.funnel).toEqual({ pool: 7, hard: 5, shortlist: 5, ranked: 5, final: 5 });
    expect(r.removed_by_rule).toMatchObject({ age: 1, languages: 1 });
    expect(r.hard_ids).toEqual(['c_01', 'c_02', 'c_03', 'c_06', 'c_07']);
    expect(r.shortlist_ids?.[0]).toBe('c_01');
    expect(r.notices).toContainEqual(notice('similarity_off', { why: 'not_ready' }));
    // Every stage that ran has a positive duration; the one that did not (embed) says so.
    expect(r.skipped_stages).toEqual(['embed']);
    expect(r.timings_ms.embed).toBe(0);
    for (const k of ['validate', 'hard', 'shortlist', 'rank', 'explain', 'total'] as const) expect(r.timings_ms[k]).toBeGreaterThan(0);
    expect(r.results.map((m) => m.score)).toEqual([...r.results.map((m) => m.score)].sort((a, b) => b - a));
    for (const m of r.results) {
      expect(m.explanation.startsWith('For you,')).toBe(true);
      expect(m.engine).toBe('heuristic');
      expect(m.weaker).toBe(m.score < 0.75);
    }
    const hidden = r.results.find((m) => m.id === 'c_02');
    expect(hidden?.city).toBeNull();
    expect(JSON.stringify(r)).not.toContain('Basel');
  });

  it('honours top and returns every validation problem as an error', async () => {
    const top = await search(pool, query, { top: 2 });
    expect(top.ok && top.value.results).toHaveLength(2);
    const bad = await search(pool, { ...query, age: 7, languages: [] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_profile');
    expect(bad.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'age' }), expect.objectContaining({ path: 'languages' })]));
    const badTop = await search(pool, query, { top: 11 });
    expect(!badTop.ok && badTop.error.code).toBe('invalid_options');
  });

  it('says so when nobody passes stage 1', async () => {
    const out = await search(pool, profile({ id: 'u_query', languages: ['ko'] }));
    expect(out.ok && out.value.results).toEqual([]);
    expect(out.ok && out.value.notices.map((n) => n.code)).toContain('no_candidates');
  });

  it('never outputs faith, the hidden city or the query’s private data', async () => {
    const q = profile({ id: 'u_query', faith: { consider_in_matching: true, religion: 'Zoroastrianism', policy: 'prefer_same' } });
    const out = await search(pool, q, { withIds: true });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    // The rule is named in removed_by_rule, and the notice that the id lists are left out names
    // it too; no value about anyone's faith is anywhere.
    const { removed_by_rule: _rules, notices, ...rest } = out.value;
    expect(JSON.stringify(rest)).not.toMatch(/zoroastrian|basel|religion|faith/i);
    expect(JSON.stringify(notices.filter((n) => n.code !== 'ids_withheld'))).not.toMatch(/zoroastrian|basel|religion|faith/i);
  });

  it('withIds leaves the id lists out, with the ids_withheld notice, when faith took part (for every caller, not only the CLI)', async () => {
    const christian = { consider_in_matching: true, religion: 'christianity', policy: 'same_only' as const };
    const faithPool = packProfiles([...candidates, profile({ id: 'c_08', faith: christian }), profile({ id: 'c_09', faith: { ...christian, religion: 'islam' } })]);
    const out = await search(faithPool, profile({ id: 'u_query', companion: { age_range: [20, 60] }, faith: christian }), { withIds: true });
    if (!out.ok) throw new Error(out.error.message);
    // The lists would be exactly the people of the query's religion (and those without a faith rule).
    expect(out.value).not.toHaveProperty('hard_ids');
    expect(out.value).not.toHaveProperty('shortlist_ids');
    expect(out.value.notices).toContainEqual(notice('ids_withheld'));
    expect(out.value.removed_by_rule.faith).toBeGreaterThan(0);
    expect(out.value.results.length).toBeGreaterThan(0);
    // Where faith decided nothing, the lists are there, without the notice.
    const plain = await search(pool, query, { withIds: true });
    if (!plain.ok) throw new Error(plain.error.message);
    expect(plain.value.hard_ids?.length).toBeGreaterThan(0);
    expect(plain.value.notices.map((n) => n.code)).not.toContain('ids_withheld');
  });

  it('the matcher refuses to search before the pool is loaded, then works', async () => {
    const matcher = new Matcher();
    const before = await matcher.search(query);
    expect(!before.ok && before.error.code).toBe('pool_not_loaded');
    const stages: string[] = [];
    const s2 = new Matcher({ onStage: (stage) => { stages.push(stage); } });
    s2.usePool(pool);
    expect((await s2.search(query)).ok).toBe(true);
    expect(stages).toEqual(['validate', 'hard', 'shortlist', 'rank', 'explain', 'total']);
  });
});
