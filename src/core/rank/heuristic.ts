/**
 * The heuristic ranker (SPEC §5): the ranking chain's last link, always available and instant.
 * score = 0.60 + 0.25 × J(interests) + 0.05 × [shared language] + 0.05 × [same pace], at most
 * 0.95, rounded to two decimals half up; order by rounded score, ties in shortlist order; the
 * template writes every sentence. It answers each search first (the cards on screen at once)
 * and is the chain's answer when no model link can.
 */
import { templateExplanation } from '../explain/template';
import type { PackedFacts, PackedPool } from '../pool/packed';
import { INTEREST_WORDS } from '../pool/packed';
import { popcount32, roundHalfUp } from '../util/bits';
import { type JobCandidate, type LinkAnswer, type RankJob, type RankedCard, type Ranker, emptyStats } from './ranker';

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

/** The heuristic order: rounded score descending, ties in shortlist order; top N. */
export function heuristicOrder(job: RankJob): JobCandidate[] {
  return job.candidates
    .map((c, order) => ({ c, order }))
    .sort((a, b) => b.c.heuristic - a.c.heuristic || a.order - b.order)
    .slice(0, job.top)
    .map(({ c }) => c);
}

/** Cards for candidates in the given order, with heuristic scores and template sentences (each card's rank picks its sentence shape). */
export function templateCards(order: JobCandidate[]): RankedCard[] {
  return order.map((c, rank) => ({ index: c.index, score: c.heuristic, explanation: templateExplanation(c.facts, rank), explanationEngine: 'template' as const }));
}

/**
 * The heuristic's answer for a job (synchronous: it is the first answer of every search): its
 * order (`heuristicOrder`, given when the caller timed it apart) with template sentences.
 */
export function heuristicAnswer(job: RankJob, order: JobCandidate[] = heuristicOrder(job)): LinkAnswer {
  return { engine: 'heuristic', cards: templateCards(order), stats: emptyStats('heuristic'), reason: 'always available' };
}

/** The chain's last link. `answer` is the search's first answer, reused instead of recomputed. */
export function heuristicRanker(answer?: LinkAnswer): Ranker {
  return {
    name: 'heuristic',
    model: null,
    skipReason: () => null,
    rank: async (job) => answer ?? heuristicAnswer(job),
  };
}
