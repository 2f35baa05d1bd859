/**
 * The matching pipeline (SPEC §3–§5, §7): validate the query, stage 1 hard filter, stage 2
 * shortlist, stage 3 ranking and explanations, with the funnel, per-rule removals, notices and
 * per-stage timings. Environment-neutral: the worker, the CLI and the tests run this same code.
 */
import { type Notice, type MatchError, matchError } from './errors';
import { explainFacts } from './explain/facts';
import type { PackedPool } from './pool/packed';
import { packQuery } from './pool/packed';
import type { BudgetBand, Pace, Profile } from './profile/types';
import { validateProfile } from './profile/validate';
import { BANDS, INTERESTS, PACES } from './profile/vocab';
import { chipsFor } from './stages/chips';
import { type ChainOutcome, type ChainStep, type ChainWait, type JobCandidate, type RankJob, type RankOptions, type RankedCard, type RankingStats, heuristicOrder, templateCards } from './rank/chain';
import type { EngineName } from './rank/engine';
import { bitsToIndices } from './util/bits';
import { INTEREST_WORDS, type PackedFacts } from './pool/packed';
import { type RuleName, hardFilter } from './stages/hardFilter';
import { heuristicScore } from './stages/heuristicRank';
import { shortlist } from './stages/shortlist';
import { type PoolEmbeddings, scanSimilarity } from './similarity/poolEmbeddings';
import type { SimdScanner } from './similarity/simdScan';

export type EngineChoice = 'auto' | 'heuristic';

export const STAGE_INPUT = 10;
export const WEAKER_BELOW = 0.75;

export interface SearchOptions {
  /** How many matches to return, 1–10 (default 5). */
  top?: number;
  engine?: EngineChoice;
  /** Also return the stage-1 ids (sorted) and the shortlist ids (in order). */
  withIds?: boolean;
  /** Stage 2's semantic half: the query vector and the pool's embeddings, when available. */
  similarity?: { query: Float32Array; embeddings: PoolEmbeddings; scanner?: SimdScanner | null; embedMs: number; loadWaitMs: number; backend: string };
  /** Time the caller spent validating the query (reported in timings). */
  validateMs?: number;
  /** Why similarity is unavailable, shown as a notice when `similarity` is absent. */
  simUnavailable?: Notice;
  /** Called with each stage's start and end (performance.now()), e.g. to emit `rm:<stage>` measures. */
  onStage?: (stage: StageName, start: number, end: number) => void;
  /** Stage 3's input size: the first N of the shortlist (default 10; the ranking-size setting). */
  stageInput?: number;
  /** How big the models' part of stage 3 is (prompt detail, explanation budget). */
  rankOptions?: RankOptions;
}

export type StageName = 'validate' | 'hard' | 'embed' | 'shortlist' | 'rank' | 'explain' | 'total';

export interface MatchResult {
  id: string;
  name: string;
  /** compatibility_score in [0, 1], two decimals. */
  score: number;
  weaker: boolean;
  explanation: string;
  /** Engine that produced the order. */
  engine: EngineName;
  /** Engine that wrote the explanation ('template' when it is the validated template sentence). */
  explanation_engine: EngineName | 'template';
  /** The model's probability for this candidate relative to its best one (null when no model ranked). */
  model_p: number | null;
  chips: string[];
  /** Home city only when the candidate shows it; otherwise null. */
  city: string | null;
  country: string;
  pace: Pace;
  budget: { amount: number; currency: string; band: BudgetBand };
  languages: string[];
  shared_interests: string[];
}

export interface Funnel {
  pool: number;
  hard: number;
  shortlist: number;
  ranked: number;
  final: number;
}

export interface Timings {
  validate: number;
  hard: number;
  /** Query embedding (0 without similarity). */
  embed: number;
  /** Waiting for the embedding model to load during this search (first search only). */
  embed_load_wait: number;
  shortlist: number;
  rank: number;
  explain: number;
  total: number;
}

export interface SearchResult {
  results: MatchResult[];
  funnel: Funnel;
  removed_by_rule: Record<RuleName, number>;
  timings_ms: Timings;
  notices: Notice[];
  /** Engine that produced the order of the results. */
  engine: EngineName;
  /** Stage 3's engines: timings and tokens of the one that ranked, and why others did not. */
  ranking: { stats: RankingStats | null; chain: ChainStep[]; partial: boolean; waiting?: ChainWait | null };
  /** The model and backend that embedded the query, or null when the shortlist is rule-only. */
  similarity: { model: string; backend: string } | null;
  /** Ids of the stage-3 input (the first 10 of the shortlist), in order. */
  ranked_input_ids: string[];
  hard_ids?: string[];
  shortlist_ids?: string[];
}

export type SearchOutcome = { ok: true; result: SearchResult } | { ok: false; error: MatchError };

/** A search outcome with the data stage 3's engines need (kept in the worker, never sent). */
export type SearchRun = { ok: true; result: SearchResult; job: RankJob; q: PackedFacts } | { ok: false; error: MatchError };

export const NO_EMBEDDINGS_NOTICE: Notice = {
  code: 'similarity_off',
  message: 'Semantic similarity is not available yet, so the shortlist uses the rule bonus only (sim = 0).',
};

function checkOptions(o: SearchOptions): MatchError | null {
  if (o.top !== undefined && (!Number.isInteger(o.top) || o.top < 1 || o.top > 10)) {
    return matchError('invalid_options', `top: must be a whole number 1–10, got ${String(o.top)}`);
  }
  if (o.stageInput !== undefined && (!Number.isInteger(o.stageInput) || o.stageInput < 1 || o.stageInput > STAGE_INPUT)) {
    return matchError('invalid_options', `stageInput: must be a whole number 1–${STAGE_INPUT}, got ${String(o.stageInput)}`);
  }
  if (o.engine !== undefined && o.engine !== 'auto' && o.engine !== 'heuristic') {
    return matchError('invalid_options', `engine: must be auto or heuristic, got ${String(o.engine)}`);
  }
  return null;
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

/** Validate any JSON value as a query profile; every problem in the error's detail. */
export function validateQuery(input: unknown): { ok: true; profile: Profile } | { ok: false; error: MatchError } {
  const validated = validateProfile(input);
  if (validated.ok) return validated;
  return { ok: false, error: matchError('invalid_profile', validated.problems.map((p) => p.message).join('; '), validated.problems) };
}

/** Validate, then search (no similarity unless given). */
export function search(pool: PackedPool, input: unknown, options: SearchOptions = {}): SearchRun {
  const t0 = performance.now();
  const validated = validateQuery(input);
  const t1 = performance.now();
  options.onStage?.('validate', t0, t1);
  if (!validated.ok) return validated;
  return searchProfile(pool, validated.profile, { ...options, validateMs: t1 - t0 }, t0);
}

/** Search for an already validated profile; `startedAt` is when the search began (for `total`). */
export function searchProfile(pool: PackedPool, query: Profile, options: SearchOptions = {}, startedAt = performance.now()): SearchRun {
  const optionError = checkOptions(options);
  if (optionError) return { ok: false, error: optionError };
  const top = options.top ?? 5;
  const stage = (name: StageName, start: number) => {
    const end = performance.now();
    options.onStage?.(name, start, end);
    return end - start;
  };
  const t0 = startedAt;
  const tValidate = options.validateMs ?? 0;
  const notices: Notice[] = [];
  const q = packQuery(pool, query);

  const t1 = performance.now();
  const hard = hardFilter(pool, q, query.id, query.companion.blocklist);
  const tHard = stage('hard', t1);

  const similarity = options.similarity && options.similarity.embeddings.count === pool.n ? options.similarity : undefined;
  if (!similarity) notices.push(options.simUnavailable ?? NO_EMBEDDINGS_NOTICE);

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
  const job = rankJob(pool, q, query, stageInput, sim ? short.sims : null, top);
  job.options = options.rankOptions;
  const order = heuristicOrder(job);
  const tRank = stage('rank', t4);

  const t5 = performance.now();
  const results = toResults(pool, q, templateCards(order), 'heuristic', job);
  const tExplain = stage('explain', t5);
  const tTotal = stage('total', t0);

  if (hard.count === 0) {
    notices.push({ code: 'no_candidates', message: 'Nobody in the pool passes the mutual-consent filters for this profile; try widening the age range, genders or languages.' });
  } else if (results.length > 0 && results.every((r) => r.weaker)) {
    notices.push({ code: 'weaker_matches_only', message: 'All matches score below 75 %: they are shown as weaker matches.' });
  }

  const result: SearchResult = {
    results,
    funnel: { pool: pool.n, hard: hard.count, shortlist: short.order.length, ranked: stageInput.length, final: results.length },
    removed_by_rule: hard.removed,
    timings_ms: {
      validate: round3(tValidate), hard: round3(tHard), embed: round3(similarity?.embedMs ?? 0),
      embed_load_wait: round3(similarity?.loadWaitMs ?? 0), shortlist: round3(tShort),
      rank: round3(tRank), explain: round3(tExplain), total: round3(tTotal),
    },
    notices,
    engine: 'heuristic',
    ranking: { stats: null, chain: [], partial: false },
    similarity: similarity ? { model: similarity.embeddings.modelId, backend: similarity.backend } : null,
    ranked_input_ids: Array.from(stageInput, (i) => pool.id.get(i)),
  };
  if (options.withIds) {
    result.hard_ids = Array.from(hard.survivors.subarray(0, hard.count), (i) => pool.id.get(i)).sort();
    result.shortlist_ids = Array.from(short.order, (i) => pool.id.get(i));
  }
  return { ok: true, result, job, q };
}

/** What stage 3's engines need for the stage-3 input: facts, heuristic scores, similarity. */
export function rankJob(pool: PackedPool, q: PackedFacts, query: Profile, input: ArrayLike<number>, sims: Float64Array | null, top: number): RankJob {
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

/** The search result with stage 3 redone by the chain's outcome. */
export function withRanking(pool: PackedPool, q: PackedFacts, base: SearchResult, job: RankJob, outcome: ChainOutcome): SearchResult {
  const results = toResults(pool, q, outcome.cards, outcome.engine, job);
  return {
    ...base,
    results,
    engine: outcome.engine,
    funnel: { ...base.funnel, final: results.length },
    ranking: { stats: outcome.stats, chain: outcome.chain, partial: outcome.partial },
  };
}
