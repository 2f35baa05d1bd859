import { describe, expect, it } from 'vitest';
import { packProfiles, packQuery } from '../../src/core/pool/packed';
import { chipsFor } from '../../src/core/stages/chips';
import { heuristicOrder, heuristicScore } from '../../src/core/rank/heuristic';
import { rankInput } from '../../src/core/stages/pipeline';
import { roundHalfUp } from '../../src/core/util/bits';
import { profile } from './profiles';

const q = profile({ id: 'u_query', interests: ['museums', 'old towns', 'food tours', 'photography'], languages: ['en', 'fr'] });

function scoreOf(c: Parameters<typeof profile>[0]) {
  const pool = packProfiles([profile(c)]);
  return heuristicScore(pool, packQuery(pool, q), 0);
}

describe('stage 3 — heuristic score (SPEC §5)', () => {
  it('is 0.60 + 0.25 J(interests) + 0.05 shared language + 0.05 same pace', () => {
    // J = 2/6; shared language; same pace → 0.6 + 0.0833 + 0.05 + 0.05 = 0.7833 → 0.78
    expect(scoreOf({ interests: ['museums', 'old towns', 'chess', 'yoga'] })).toBe(0.78);
    // no shared language, other pace, J = 0 → 0.60
    expect(scoreOf({ interests: ['chess'], languages: ['ja'], travel_prefs: { pace: 'packed' }, companion: { min_shared_languages: 0 } })).toBe(0.6);
  });

  it('is capped at 0.95', () => {
    expect(scoreOf({ interests: ['museums', 'old towns', 'food tours', 'photography'] })).toBe(0.95);
  });

  it('rounds half up to two decimals', () => {
    // J = 1/2 → 0.6 + 0.125 = 0.725 → 0.73 (not 0.72 from binary noise)
    const q2 = profile({ id: 'u_query', interests: ['museums', 'chess'], languages: ['ja'], companion: { min_shared_languages: 0 }, travel_prefs: { pace: 'packed' } });
    const pool = packProfiles([profile({ interests: ['museums'], companion: { min_shared_languages: 0 } })]);
    expect(heuristicScore(pool, packQuery(pool, q2), 0)).toBe(0.73);
    expect(roundHalfUp(0.725, 2)).toBe(0.73);
    expect(roundHalfUp(0.7249, 2)).toBe(0.72);
    expect(roundHalfUp(0.785, 2)).toBe(0.79);
  });

  it('orders by rounded score, ties in shortlist order', () => {
    const pool = packProfiles([
      profile({ id: 'c_1', interests: ['chess'] }),
      profile({ id: 'c_2', interests: ['museums', 'old towns', 'food tours', 'photography'] }),
      profile({ id: 'c_3', interests: ['yoga'] }),
      profile({ id: 'c_4', interests: ['museums', 'old towns', 'food tours', 'photography', 'yoga'] }),
    ]);
    // Shortlist order given as 2, 0, 3, 1 (pool indices): c_3 and c_1 tie at 0.70; c_2 0.95 and c_4 0.90.
    const job = rankInput(pool, packQuery(pool, q), q, [2, 0, 3, 1], null, 10);
    const ranked = heuristicOrder(job).map((c) => [pool.id.get(c.index), c.heuristic]);
    expect(ranked).toEqual([['c_2', 0.95], ['c_4', 0.9], ['c_3', 0.7], ['c_1', 0.7]]);
  });
});

describe('chips', () => {
  it('lists shared interests first, then other interests, then values, up to 4, title-cased', () => {
    const pool = packProfiles([profile({ interests: ['chess', 'photography', 'yoga', 'food tours'], values: ['nature'] })]);
    expect(chipsFor(pool, packQuery(pool, q), 0)).toEqual(['Food Tours', 'Photography', 'Yoga', 'Chess']);
    const pool2 = packProfiles([profile({ interests: ['yoga'], values: ['budget_minded', 'nature'] })]);
    expect(chipsFor(pool2, packQuery(pool2, q), 0)).toEqual(['Yoga', 'Nature', 'Budget Minded']);
  });
});
