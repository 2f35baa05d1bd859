import { describe, expect, it } from 'vitest';
import { packProfiles, packQuery } from '../../src/core/pool/packed';
import type { Profile } from '../../src/core/profile/types';
import { hardFilter } from '../../src/core/stages/hardFilter';
import { ruleBonus, shortlist, shortlistSize } from '../../src/core/stages/shortlist';
import { profile } from './profiles';

function bonusOf(q: Profile, c: Profile): number {
  const pool = packProfiles([c]);
  return ruleBonus(pool, packQuery(pool, q), 0);
}

function shortlistIds(q: Profile, candidates: Profile[], sim?: number[]) {
  const pool = packProfiles(candidates);
  const qf = packQuery(pool, q);
  const h = hardFilter(pool, qf, q.id, []);
  const out = shortlist(pool, qf, h.survivors, h.count, sim ? Float32Array.from(sim) : undefined);
  return { ids: Array.from(out.order, (i) => pool.id.get(i)), scores: Array.from(out.scores) };
}

describe('stage 2 — rule bonus (SPEC §4)', () => {
  const q = profile({ id: 'u_query', interests: ['museums', 'old towns', 'yoga'], values: ['culture', 'food'] });

  it('adds 0.60 J(interests) + 0.30 J(values) + pace + language + band', () => {
    // interests: 2 shared of 4 in the union; values: 1 shared of 3; same pace, shared language, same band.
    const c = profile({ interests: ['museums', 'old towns', 'chess'], values: ['culture', 'nature'] });
    expect(bonusOf(q, c)).toBeCloseTo(0.6 * (2 / 4) + 0.3 * (1 / 3) + 0.2 + 0.2 + 0.2, 12);
  });

  it('gives 0.10 for bands one step apart and nothing for different paces or no shared language', () => {
    const c = profile({ interests: ['chess'], values: [], languages: ['ja'], travel_prefs: { pace: 'packed' }, budget: { amount: 200 }, companion: { min_shared_languages: 0 } });
    expect(bonusOf(q, c)).toBeCloseTo(0.1, 12);
  });

  it('treats empty sets as J = 0 (max(1, |A∪B|))', () => {
    const a = profile({ values: [] });
    const b = profile({ values: [], interests: ['chess'] });
    expect(bonusOf(a, b)).toBeCloseTo(0.2 + 0.2 + 0.2, 12);
  });

  it('adds 0.15 for the same faith only when the query opted in with prefer_same or same_only and the candidate opted in', () => {
    const withFaith = (consider: boolean, policy: 'open' | 'prefer_same' | 'same_only', religion = 'Islam') =>
      profile({ interests: ['yoga'], values: [], faith: { consider_in_matching: consider, religion, policy } });
    const qf = (policy: 'open' | 'prefer_same' | 'same_only', consider = true) => profile({ id: 'u_query', interests: ['yoga'], values: [], faith: { consider_in_matching: consider, religion: 'islam', policy } });
    const plain = bonusOf(qf('open'), withFaith(true, 'open'));
    expect(bonusOf(qf('prefer_same'), withFaith(true, 'open')) - plain).toBeCloseTo(0.15, 12);
    expect(bonusOf(qf('same_only'), withFaith(true, 'open')) - plain).toBeCloseTo(0.15, 12);
    expect(bonusOf(qf('prefer_same'), withFaith(false, 'open')) - plain).toBeCloseTo(0, 12);
    expect(bonusOf(qf('prefer_same', false), withFaith(true, 'open')) - plain).toBeCloseTo(0, 12);
    expect(bonusOf(qf('prefer_same'), withFaith(true, 'open', 'Judaism')) - plain).toBeCloseTo(0, 12);
  });
});

describe('stage 2 — shortlist size and order', () => {
  it('k = min(N, max(80, ⌈0.02 N⌉))', () => {
    expect(shortlistSize(0)).toBe(0);
    expect(shortlistSize(50)).toBe(50);
    expect(shortlistSize(80)).toBe(80);
    expect(shortlistSize(1000)).toBe(80);
    expect(shortlistSize(4000)).toBe(80);
    expect(shortlistSize(4001)).toBe(81);
    expect(shortlistSize(10_000)).toBe(200);
    expect(shortlistSize(1_000_000)).toBe(20_000);
  });

  it('orders by score descending, then id ascending; equal facts tie exactly despite float noise', () => {
    const q = profile({ id: 'u_query' });
    const same = (id: string) => profile({ id, interests: ['museums', 'yoga', 'chess'] });
    const best = profile({ id: 'c_z', interests: ['museums', 'old towns', 'food tours', 'photography'] });
    const { ids } = shortlistIds(q, [same('c_c'), best, same('c_a'), same('c_b')]);
    expect(ids).toEqual(['c_z', 'c_a', 'c_b', 'c_c']);
  });

  it('keeps only the best k of many survivors', () => {
    const q = profile({ id: 'u_query' });
    const many = Array.from({ length: 150 }, (_, i) => profile({
      id: `c_${String(i).padStart(3, '0')}`,
      interests: i % 3 === 0 ? ['museums', 'old towns'] : ['chess'],
    }));
    const { ids, scores } = shortlistIds(q, many);
    expect(ids).toHaveLength(80);
    expect(ids.slice(0, 50).every((id) => Number(id.slice(2)) % 3 === 0)).toBe(true);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const tail = ids.slice(50);
    expect(tail).toEqual([...tail].sort());
  });

  it('min–max normalises sim over the survivors, 0.5 for all when max = min', () => {
    const q = profile({ id: 'u_query' });
    const cs = ['c_a', 'c_b', 'c_c'].map((id) => profile({ id, interests: ['chess'] }));
    const withSim = shortlistIds(q, cs, [0.1, 0.9, 0.5]);
    expect(withSim.ids).toEqual(['c_b', 'c_c', 'c_a']);
    const base = shortlistIds(q, cs).scores[0];
    expect(withSim.scores[0] - base).toBeCloseTo(1, 6);
    expect(withSim.scores[1] - base).toBeCloseTo(0.5, 6);
    expect(withSim.scores[2] - base).toBeCloseTo(0, 6);
    const flat = shortlistIds(q, cs, [0.3, 0.3, 0.3]);
    expect(flat.ids).toEqual(['c_a', 'c_b', 'c_c']);
    expect(flat.scores[0] - base).toBeCloseTo(0.5, 6);
  });
});
