/**
 * The stages of one search over the pool (SPEC §3–§5, §7), as pure functions of the pool and a
 * validated query: stage 1 (hard filter), stage 2 (shortlist, with the query's similarity when
 * given), stage 3's input and the heuristic's answer, then the result cards. Synchronous and
 * environment-neutral; the matcher (matcher.ts) adds what needs waiting for — the query
 * embedding before, the model engines after.
 */
import { explainFacts } from '../explain/facts';
import { type Failure, type Notice, failure, notice } from '../outcome';
import type { PackedFacts, PackedPool } from '../pool/packed';
import { FLAG_FAITH_PREFER_SAME, FLAG_REQUIRES_SAME_FAITH, INTEREST_WORDS, packQuery } from '../pool/packed';
import type { Profile } from '../profile/types';
import { BANDS, INTERESTS, PACES } from '../profile/vocab';
import type { ChainOutcome } from '../rank/chain';
import type { EngineName } from '../rank/engine';
import { heuristicAnswer, heuristicOrder, heuristicScore } from '../rank/heuristic';
import type { JobCandidate, LinkAnswer, RankJob, RankOptions, RankedCard } from '../rank/ranker';
import type { MatchResult, SearchResult, StageName } from '../result';
import { type PoolEmbeddings, scanSimilarity } from '../similarity/poolEmbeddings';
import type { SimdScanner } from '../similarity/simdScan';
import { bitsToIndices } from '../util/bits';
import { chipsFor } from './chips';
import { type HardFilterOutput, hardFilter } from './hardFilter';
import { shortlist } from './shortlist';

/** Stage 3 takes at most this many candidates (SPEC §5). */
export const STAGE_INPUT = 10;
export const WEAKER_BELOW = 0.75;

/** The query's side of stage 2's semantic half, when the similarity is available. */
export interface QuerySimilarity {
  query: Float32Array;
  embeddings: PoolEmbeddings;
  scanner?: SimdScanner | null;
  embedMs: number;
  loadWaitMs: number;
  backend: string;
  /** Shown with the result (e.g. the index was built for this session only). */
  notice?: Notice;
}

export interface StageOptions {
  /** How many matches to return, 1–10 (default 5). */
  top?: number;
  /** Also return the stage-1 ids (sorted) and the shortlist ids (in order), unless faith shaped them (`faithShapedIds`). */
  withIds?: boolean;
  similarity?: QuerySimilarity;
  /** Why similarity is unavailable, shown as a notice when `similarity` is absent. */
  simUnavailable?: Notice;
  /** Stage 3's input size: the first N of the shortlist (default 10; the ranking-size setting). */
  stageInput?: number;
  /** How big the models' part of stage 3 is (prompt detail, explanation budget). */
  rankOptions?: RankOptions;
  /** Called with each stage's start and end (performance.now()). */
  onStage?: (stage: StageName, start: number, end: number) => void;
  /** Time spent validating the query, and when the search began (for `total`). */
  validateMs?: number;
  startedAt?: number;
}

/** The stages' output: the heuristic result, and what stage 3's model engines need. */
export interface StagesRun {
  result: SearchResult;
  job: RankJob;
  q: PackedFacts;
  /** The heuristic's answer (the chain's last link reuses it). */
  heuristic: LinkAnswer;
}

export function checkStageOptions(o: StageOptions): Failure | null {
  if (o.top !== undefined && (!Number.isInteger(o.top) || o.top < 1 || o.top > 10)) {
    return failure('invalid_options', { why: 'top: must be a whole number 1–10' });
  }
  if (o.stageInput !== undefined && (!Number.isInteger(o.stageInput) || o.stageInput < 1 || o.stageInput > STAGE_INPUT)) {
    return failure('invalid_options', { why: `stageInput: must be a whole number 1–${STAGE_INPUT}` });
  }
  return null;
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

/** Run stages 1–3 (heuristic) for a validated query. Options are checked by the caller. */
export function runStages(pool: PackedPool, query: Profile, options: StageOptions = {}): StagesRun {
  const top = options.top ?? 5;
  const stage = (name: StageName, start: number) => {
    const end = performance.now();
    options.onStage?.(name, start, end);
    return end - start;
  };
  const t0 = options.startedAt ?? performance.now();
  const notices: Notice[] = [];
  const q = packQuery(pool, query);

  const t1 = performance.now();
  const hard = hardFilter(pool, q, query.id, query.companion.blocklist);
  const tHard = stage('hard', t1);

  const similarity = options.similarity && options.similarity.embeddings.count === pool.n ? options.similarity : undefined;
  if (!similarity) notices.push(options.simUnavailable ?? notice('similarity_off', { why: 'not_ready' }));
  else if (similarity.notice) notices.push(similarity.notice);

  const t3 = performance.now();
  let sim: Float32Array | undefined;
  if (similarity) {
    sim = pool.scratch.sim;
    if (similarity.scanner) similarity.scanner.scan(similarity.query, hard.survivors, hard.count, sim);
    else scanSimilarity(similarity.embeddings, similarity.query, hard.survivors, hard.count, sim);
  }
  const short = shortlist(pool, q, hard.survivors, hard.count, sim);
  const tShort = stage('shortlist', t3);

  const t4 = performance.now();
  const stageInput = short.order.subarray(0, Math.min(options.stageInput ?? STAGE_INPUT, short.order.length));
  const job = rankInput(pool, q, query, stageInput, sim ? short.sims : null, top);
  job.options = options.rankOptions;
  const order = heuristicOrder(job);
  const tRank = stage('rank', t4);

  // The template's sentences are the explain stage's work, not the ranking's.
  const t5 = performance.now();
  const heuristic = heuristicAnswer(job, order);
  const results = toResults(pool, q, heuristic.cards, 'heuristic', job);
  const tExplain = stage('explain', t5);
  const tTotal = stage('total', t0);

  if (hard.count === 0) notices.push(notice('no_candidates'));
  else if (results.length > 0 && results.every((r) => r.weaker)) notices.push(notice('weaker_matches_only'));

  const result: SearchResult = {
    results,
    funnel: { pool: pool.n, hard: hard.count, shortlist: short.order.length, ranked: stageInput.length, final: results.length },
    removed_by_rule: hard.removed,
    timings_ms: {
      validate: round3(options.validateMs ?? 0), hard: round3(tHard), embed: round3(similarity?.embedMs ?? 0),
      embed_load_wait: round3(similarity?.loadWaitMs ?? 0), shortlist: round3(tShort),
      rank: round3(tRank), explain: round3(tExplain), total: round3(tTotal),
    },
    skipped_stages: similarity ? [] : ['embed'],
    notices,
    engine: 'heuristic',
    ranking: { stats: null, chain: [], partial: false },
    similarity: similarity ? { model: similarity.embeddings.modelId, backend: similarity.backend } : null,
    ranked_input_ids: Array.from(stageInput, (i) => pool.id.get(i)),
  };
  if (options.withIds && faithShapedIds(pool, q, hard)) {
    notices.push(notice('ids_withheld'));
  } else if (options.withIds) {
    result.hard_ids = Array.from(hard.survivors.subarray(0, hard.count), (i) => pool.id.get(i)).sort();
    result.shortlist_ids = Array.from(short.order, (i) => pool.id.get(i));
  }
  return { result, job, q, heuristic };
}

/**
 * Whether faith took part in this search, so that `hard_ids` / `shortlist_ids` would tell who
 * has which faith. Faith is private (SPEC §2.1: never shown to anyone): the rule of §3 (7) and
 * the bonus of §4 may use it, but a list of everyone who passed would be a faith oracle — a
 * query that requires the same faith gets back exactly the people of its religion, and a
 * query that does not still sees who requires the same faith (they are the ones missing).
 * The lists are left out (with the notice `ids_withheld`; the search itself is valid) whenever:
 * - the query requires the same faith (its policy `same_only` with consider_in_matching, or the
 *   dealbreaker `same_faith_required`) or prefers it (the §4 bonus reorders the shortlist);
 * - the faith rule removed anyone (they required the same faith, or the query did);
 * - anyone who passed requires the same faith (they passed because the religions are equal).
 * Otherwise faith decided nothing in this search and the lists reveal nothing about it.
 * The counts (`removed_by_rule.faith`, the funnel) stay: they are about no one in particular.
 */
function faithShapedIds(pool: PackedPool, q: PackedFacts, hard: HardFilterOutput): boolean {
  if ((q.flags & (FLAG_REQUIRES_SAME_FAITH | FLAG_FAITH_PREFER_SAME)) !== 0) return true;
  if (hard.removed.faith > 0) return true;
  return hard.survivors.subarray(0, hard.count).some((i) => (pool.flags[i] & FLAG_REQUIRES_SAME_FAITH) !== 0);
}

/** Stage 3's input: for each candidate, the facts it may be explained by, its heuristic score and similarity. */
export function rankInput(pool: PackedPool, q: PackedFacts, query: Profile, input: ArrayLike<number>, sims: Float64Array | null, top: number): RankJob {
  const candidates = Array.from(input, (index, r): JobCandidate => {
    const facts = explainFacts(pool, q, query, index);
    const own = bitsToIndices(pool.interests, index * INTEREST_WORDS, INTEREST_WORDS).map((b) => INTERESTS[b]);
    return {
      index,
      facts,
      otherInterests: own.filter((i) => !facts.sharedInterests.includes(i)).slice(0, 4),
      heuristic: heuristicScore(pool, q, index),
      sim: sims ? sims[r] : null,
    };
  });
  return {
    query: {
      pace: query.travel_prefs.pace,
      band: BANDS[q.band],
      interests: query.interests,
      values: query.values,
      diet: query.diet_health.diet,
      transport: query.travel_prefs.transport_allowed,
      remoteWork: query.work.remote_work_ok,
    },
    candidates,
    top,
  };
}

/** Result cards for ranked pool indices. */
export function toResults(pool: PackedPool, q: PackedFacts, cards: RankedCard[], engine: EngineName, job: RankJob): MatchResult[] {
  const factsOf = new Map(job.candidates.map((c) => [c.index, c.facts]));
  return cards.map(({ index: i, score, explanation, explanationEngine, modelP }): MatchResult => ({
    id: pool.id.get(i),
    name: pool.name.get(i),
    score,
    weaker: score < WEAKER_BELOW,
    explanation,
    engine,
    explanation_engine: explanationEngine,
    model_p: modelP ?? null,
    chips: chipsFor(pool, q, i),
    city: pool.city.get(i) || null,
    country: pool.country.get(i),
    pace: PACES[pool.pace[i]],
    budget: { amount: pool.budgetAmount[i], currency: pool.currencyCodes[pool.currency[i]], band: BANDS[pool.band[i]] },
    languages: pool.langCodes.filter((_, b) => (pool.langs[i * pool.langWords + (b >>> 5)] & (1 << (b & 31))) !== 0),
    shared_interests: factsOf.get(i)?.sharedInterests ?? [],
  }));
}

/** The result with stage 3 redone by the chain's outcome (`partial` while engines still work). */
export function withRanking(run: StagesRun, pool: PackedPool, outcome: ChainOutcome, partial: boolean): SearchResult {
  const results = toResults(pool, run.q, outcome.cards, outcome.engine, run.job);
  return {
    ...run.result,
    results,
    engine: outcome.engine,
    funnel: { ...run.result.funnel, final: results.length },
    ranking: { stats: outcome.engine === 'heuristic' ? null : outcome.stats, chain: outcome.chain, partial },
  };
}
