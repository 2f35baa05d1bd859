import { describe, expect, it } from 'vitest';
import { packProfiles, packQuery } from '../../src/core/pool/packed';
import type { Profile } from '../../src/core/profile/types';
import { type RuleName, hardFilter } from '../../src/core/stages/hardFilter';
import { profile } from './profiles';

/** Run stage 1 for `q` over `candidates`; returns surviving ids and the removal counts. */
function run(q: Profile, candidates: Profile[]) {
  const pool = packProfiles(candidates);
  const out = hardFilter(pool, packQuery(pool, q), q.id, q.companion.blocklist);
  const ids = Array.from(out.survivors.subarray(0, out.count), (i) => pool.id.get(i));
  return { ids, removed: out.removed };
}

/** Assert that `c` is removed by `rule` for `q`, and that the control `ok` passes. */
function expectRemoved(q: Profile, c: Profile, rule: RuleName) {
  const { ids, removed } = run(q, [c]);
  expect(ids).toEqual([]);
  expect(removed[rule]).toBe(1);
}
const expectPasses = (q: Profile, c: Profile) => expect(run(q, [c]).ids).toEqual([c.id]);

const Q = (over: Parameters<typeof profile>[0] = {}) => profile({ id: 'u_query', ...over });
const C = (over: Parameters<typeof profile>[0] = {}) => profile({ id: 'c_1', ...over });

describe('stage 1 — hard prefilter (SPEC §3)', () => {
  it('passes two compatible profiles', () => expectPasses(Q(), C()));

  describe('rule 1: not self, not blocked', () => {
    it('removes the query itself', () => expectRemoved(Q({ id: 'c_1' }), C(), 'self_or_blocked'));
    it('removes someone the query blocked', () => expectRemoved(Q({ companion: { blocklist: ['c_1'] } }), C(), 'self_or_blocked'));
    it('removes someone who blocked the query', () => expectRemoved(Q(), C({ companion: { blocklist: ['u_query'] } }), 'self_or_blocked'));
    it('keeps a blocklist that names someone else', () => expectPasses(Q({ companion: { blocklist: ['c_9'] } }), C({ companion: { blocklist: ['c_8'] } })));
  });

  describe('rule 2: languages', () => {
    it('uses the query’s minimum', () => {
      expectRemoved(Q({ languages: ['en', 'fr'], companion: { min_shared_languages: 2 } }), C({ languages: ['en', 'de'] }), 'languages');
      expectPasses(Q({ languages: ['en', 'fr'], companion: { min_shared_languages: 2 } }), C({ languages: ['en', 'fr'] }));
    });
    it('uses the candidate’s minimum', () => {
      expectRemoved(Q({ languages: ['en', 'fr'] }), C({ languages: ['en', 'de'], companion: { min_shared_languages: 2 } }), 'languages');
    });
    it('passes when both need 0, even with nothing shared', () => {
      expectPasses(Q({ languages: ['ja'], companion: { min_shared_languages: 0 } }), C({ languages: ['de'], companion: { min_shared_languages: 0 } }));
    });
    it('fails with nothing shared when one side needs 1', () => {
      expectRemoved(Q({ languages: ['ja'], companion: { min_shared_languages: 0 } }), C({ languages: ['de'] }), 'languages');
    });
  });

  describe('rule 3: age', () => {
    it('the query must be within the candidate’s range', () => {
      expectRemoved(Q({ age: 45 }), C({ companion: { age_range: [20, 40] } }), 'age');
      expectPasses(Q({ age: 40 }), C({ companion: { age_range: [20, 40] } }));
    });
    it('the candidate must be within the query’s range', () => {
      expectRemoved(Q({ companion: { age_range: [18, 25] } }), C({ age: 26 }), 'age');
      expectPasses(Q({ companion: { age_range: [18, 26] } }), C({ age: 26 }));
    });
    it('a missing range accepts everyone', () => expectPasses(Q({ age: 99 }), C({ age: 18 })));
  });

  describe('rule 4: gender', () => {
    it('the candidate must accept the query’s gender', () => {
      expectRemoved(Q({ gender: 'male' }), C({ companion: { genders_ok: ['female'] } }), 'gender');
      expectPasses(Q({ gender: 'male' }), C({ companion: { genders_ok: ['female', 'male'] } }));
    });
    it('the query must accept the candidate’s gender', () => {
      expectRemoved(Q({ companion: { genders_ok: ['non_binary', 'other'] } }), C({ gender: 'female' }), 'gender');
      expectPasses(Q({ companion: { genders_ok: ['non_binary', 'other'] } }), C({ gender: 'other' }));
    });
    it('any accepts all', () => expectPasses(Q({ gender: 'non_binary', companion: { genders_ok: ['any'] } }), C({ gender: 'other' })));
  });

  describe('rule 5: budget band', () => {
    it('budget ↔ lux fails in both directions', () => {
      expectRemoved(Q({ budget: { amount: 50 } }), C({ budget: { amount: 200 } }), 'budget');
      expectRemoved(Q({ budget: { amount: 200 } }), C({ budget: { amount: 50 } }), 'budget');
    });
    it('one step apart passes; boundaries are ≤ 90 budget and ≥ 180 lux', () => {
      expectPasses(Q({ budget: { amount: 90 } }), C({ budget: { amount: 179 } }));
      expectRemoved(Q({ budget: { amount: 90 } }), C({ budget: { amount: 180 } }), 'budget');
      expectPasses(Q({ budget: { amount: 91 } }), C({ budget: { amount: 180 } }));
    });
    it('compares EUR-equivalent amounts', () => {
      // 9 000 INR ≈ 99 EUR (mid) vs 200 EUR (lux): one step apart.
      expectPasses(Q({ budget: { amount: 9000, currency: 'INR' } }), C({ budget: { amount: 200 } }));
      // 5 000 INR ≈ 55 EUR (budget) vs 200 EUR (lux).
      expectRemoved(Q({ budget: { amount: 5000, currency: 'INR' } }), C({ budget: { amount: 200 } }), 'budget');
    });
  });

  describe('rule 6: pace', () => {
    it('applies when the query wants the same pace', () => {
      expectRemoved(Q({ companion: { same_pace: true } }), C({ travel_prefs: { pace: 'packed' } }), 'pace');
    });
    it('applies when the candidate wants the same pace', () => {
      expectRemoved(Q(), C({ travel_prefs: { pace: 'packed' }, companion: { same_pace: true } }), 'pace');
    });
    it('does not apply when neither does', () => expectPasses(Q(), C({ travel_prefs: { pace: 'packed' } })));
  });

  describe('rule 7: faith (private, opt-in)', () => {
    const faith = (religion: string, policy: 'open' | 'prefer_same' | 'same_only', consider = true) => ({ faith: { consider_in_matching: consider, religion, policy } });
    it('a query requiring the same faith needs an opted-in candidate of the same religion', () => {
      expectPasses(Q(faith('Islam', 'same_only')), C(faith(' islam ', 'open')));
      expectRemoved(Q(faith('Islam', 'same_only')), C(faith('Christianity', 'open')), 'faith');
      expectRemoved(Q(faith('Islam', 'same_only')), C(faith('Islam', 'open', false)), 'faith');
    });
    it('a candidate requiring the same faith is applied to the query', () => {
      expectRemoved(Q(faith('Hinduism', 'open')), C(faith('Buddhism', 'same_only')), 'faith');
      expectPasses(Q(faith('Buddhism', 'open')), C(faith('Buddhism', 'same_only')));
    });
    it('never uses the religion of someone who did not opt in', () => {
      // Same religion string, but the query did not opt in: a candidate requiring same faith must not see it.
      expectRemoved(Q(faith('Judaism', 'open', false)), C(faith('Judaism', 'same_only')), 'faith');
    });
    it('the same_faith_required dealbreaker requires it too, in both directions', () => {
      expectRemoved(Q({ ...faith('Sikhism', 'open'), companion: { dealbreakers: ['same_faith_required'] } }), C(faith('Islam', 'open')), 'faith');
      expectRemoved(Q(faith('Sikhism', 'open')), C({ ...faith('Islam', 'open'), companion: { dealbreakers: ['same_faith_required'] } }), 'faith');
    });
    it('empty religions never count as equal', () => {
      expectRemoved(Q(faith('', 'same_only')), C(faith('', 'open')), 'faith');
    });
    it('an opted-in query with policy open or prefer_same requires nothing', () => {
      expectPasses(Q(faith('Islam', 'prefer_same')), C(faith('Christianity', 'open')));
    });
  });

  describe('rule 8: dealbreakers, each side applied to the other', () => {
    const db = (...d: string[]) => ({ companion: { dealbreakers: d as Profile['companion']['dealbreakers'] } });
    it('no_smokers', () => {
      expectRemoved(Q(db('no_smokers')), C({ comfort: { smoking: 'occasionally' } }), 'dealbreakers');
      expectRemoved(Q({ comfort: { smoking: 'occasionally' } }), C(db('no_smokers')), 'dealbreakers');
      expectPasses(Q(db('no_smokers')), C({ comfort: { smoking: 'never' } }));
    });
    it('no_smoking_roommates', () => {
      expectRemoved(Q(db('no_smoking_roommates')), C({ comfort: { smoking: 'regular' } }), 'dealbreakers');
      expectRemoved(Q({ comfort: { smoking: 'regular' } }), C(db('no_smoking_roommates')), 'dealbreakers');
      expectPasses(Q(db('no_smoking_roommates')), C({ comfort: { smoking: 'occasionally' } }));
    });
    it('no_heavy_drinkers', () => {
      expectRemoved(Q(db('no_heavy_drinkers')), C({ comfort: { alcohol: 'heavy' } }), 'dealbreakers');
      expectRemoved(Q({ comfort: { alcohol: 'heavy' } }), C(db('no_heavy_drinkers')), 'dealbreakers');
      expectPasses(Q(db('no_heavy_drinkers')), C({ comfort: { alcohol: 'moderate' } }));
    });
    it('min_2_shared_interests and min_3_shared_interests', () => {
      const two = { interests: ['museums', 'old towns', 'yoga'] };
      expectPasses(Q(db('min_2_shared_interests')), C(two));
      expectRemoved(Q(db('min_3_shared_interests')), C(two), 'dealbreakers');
      expectRemoved(Q(), C({ ...two, ...db('min_3_shared_interests') }), 'dealbreakers');
      expectRemoved(Q(db('min_2_shared_interests')), C({ interests: ['museums', 'yoga'] }), 'dealbreakers');
      expectRemoved(Q(), C({ interests: ['museums', 'yoga'], ...db('min_2_shared_interests') }), 'dealbreakers');
    });
    it('no_zero_shared_values applies only when both list values', () => {
      expectRemoved(Q(db('no_zero_shared_values')), C({ values: ['fitness'] }), 'dealbreakers');
      expectRemoved(Q({ values: ['fitness'] }), C(db('no_zero_shared_values')), 'dealbreakers');
      expectPasses(Q(db('no_zero_shared_values')), C({ values: [] }));
      expectPasses(Q(db('no_zero_shared_values')), C({ values: ['food', 'fitness'] }));
    });
    it('same_chronotype, flexible being compatible with any', () => {
      expectRemoved(Q({ ...db('same_chronotype'), comfort: { chronotype: 'early_bird' } }), C({ comfort: { chronotype: 'night_owl' } }), 'dealbreakers');
      expectRemoved(Q({ comfort: { chronotype: 'early_bird' } }), C({ ...db('same_chronotype'), comfort: { chronotype: 'night_owl' } }), 'dealbreakers');
      expectPasses(Q({ ...db('same_chronotype'), comfort: { chronotype: 'early_bird' } }), C({ comfort: { chronotype: 'flexible' } }));
      expectPasses(Q({ ...db('same_chronotype'), comfort: { chronotype: 'night_owl' } }), C({ comfort: { chronotype: 'night_owl' } }));
    });
  });

  it('counts each removal against the first failing rule, in rule order', () => {
    const q = Q({ age: 30, companion: { age_range: [25, 35] } });
    const { ids, removed } = run(q, [
      C({ id: 'c_a', languages: ['ja'], age: 60 }), // languages (also age)
      C({ id: 'c_b', age: 60, gender: 'male', companion: { genders_ok: ['male'] } }), // age (also gender)
      C({ id: 'c_c', companion: { genders_ok: ['male'] }, budget: { amount: 500 } }), // gender
      C({ id: 'c_d' }),
      C({ id: 'c_e', companion: { blocklist: ['u_query'] }, languages: ['ja'] }), // self_or_blocked
    ]);
    expect(ids).toEqual(['c_d']);
    expect(removed).toEqual({ self_or_blocked: 1, languages: 1, age: 1, gender: 1, budget: 0, pace: 0, faith: 0, dealbreakers: 0 });
  });

  it('leaves no marks behind between searches', () => {
    const pool = packProfiles([C({ id: 'c_1' }), C({ id: 'c_2' })]);
    const q = Q({ companion: { blocklist: ['c_1'] } });
    expect(hardFilter(pool, packQuery(pool, q), q.id, q.companion.blocklist).count).toBe(1);
    const q2 = Q();
    expect(hardFilter(pool, packQuery(pool, q2), q2.id, []).count).toBe(2);
  });
});
