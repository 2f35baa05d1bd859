/**
 * Stage 3, heuristic engine (SPEC §5): always available and instant.
 * score = 0.60 + 0.25 × J(interests) + 0.05 × [shared language] + 0.05 × [same pace], at most
 * 0.95, rounded to two decimals half up. The order (rounded score, ties in shortlist order) is
 * `heuristicOrder` in rank/chain.ts.
 */
import type { PackedFacts, PackedPool } from '../pool/packed';
import { INTEREST_WORDS } from '../pool/packed';
import { popcount32, roundHalfUp } from '../util/bits';

export function heuristicScore(pool: PackedPool, q: PackedFacts, i: number): number {
  const ib = i * INTEREST_WORDS;
  let inter = 0, union = 0;
  for (let w = 0; w < INTEREST_WORDS; w++) {
    inter += popcount32(q.interests[w] & pool.interests[ib + w]);
    union += popcount32(q.interests[w] | pool.interests[ib + w]);
  }
  let sharedLanguage = 0;
  for (let w = 0; w < pool.langWords; w++) if ((q.langs[w] & pool.langs[i * pool.langWords + w]) !== 0) sharedLanguage = 1;
  // A missing pace is stored as `balanced` by validation, as §5 asks.
  const samePace = pool.pace[i] === q.pace ? 1 : 0;
  const raw = 0.6 + 0.25 * (inter / Math.max(1, union)) + 0.05 * sharedLanguage + 0.05 * samePace;
  return roundHalfUp(Math.min(0.95, raw), 2);
}
