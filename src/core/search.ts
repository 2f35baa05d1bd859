/**
 * The matching pipeline (SPEC §3–§5, §7): validate the query, stage 1 hard filter, stage 2
 * shortlist, stage 3 ranking and explanations, with the funnel, per-rule removals, notices and
 * per-stage timings. Environment-neutral: the worker, the CLI and the tests run this same code.
 */
import { type Notice, type MatchError, matchError } from './errors';
import { explainFacts } from './explain/facts';
import { templateExplanation } from './explain/template';
import type { PackedPool } from './pool/packed';
import { packQuery } from './pool/packed';
import type { BudgetBand, Pace, Profile } from './profile/types';
import { validateProfile } from './profile/validate';
import { BANDS, PACES } from './profile/vocab';
import { chipsFor } from './stages/chips';
import { type RuleName, hardFilter } from './stages/hardFilter';
import { heuristicRank } from './stages/heuristicRank';
import { shortlist } from './stages/shortlist';

export type EngineName = 'heuristic';
export type EngineChoice = 'auto' | 'heuristic';

export const STAGE_INPUT = 10;
export const WEAKER_BELOW = 0.75;

export interface SearchOptions {
  /** How many matches to return, 1–10 (default 5). */
  top?: number;
  engine?: EngineChoice;
  /** Also return the stage-1 ids (sorted) and the shortlist ids (in order). */
  withIds?: boolean;
  /** Raw cosine similarity per pool index (stage 2's semantic half), when embeddings exist. */
  sim?: Float32Array;
  /** Why similarity is unavailable, shown as a notice when `sim` is absent. */
  simUnavailable?: Notice;
  /** Called with each stage's start and end (performance.now()), e.g. to emit `rm:<stage>` measures. */
  onStage?: (stage: StageName, start: number, end: number) => void;
}

export type StageName = 'validate' | 'hard' | 'embed' | 'shortlist' | 'rank' | 'explain' | 'total';

export interface MatchResult {
  id: string;
  name: string;
  /** compatibility_score in [0, 1], two decimals. */
  score: number;
  weaker: boolean;
  explanation: string;
  /** Engine that produced the order and the explanation. */
  engine: EngineName;
  explanation_engine: EngineName | 'template';
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
  embed: number;
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
  engine: EngineName;
  hard_ids?: string[];
  shortlist_ids?: string[];
}

export type SearchOutcome = { ok: true; result: SearchResult } | { ok: false; error: MatchError };

export const NO_EMBEDDINGS_NOTICE: Notice = {
  code: 'similarity_off',
  message: 'Semantic similarity is not available yet, so the shortlist uses the rule bonus only (sim = 0).',
};

function checkOptions(o: SearchOptions): MatchError | null {
  if (o.top !== undefined && (!Number.isInteger(o.top) || o.top < 1 || o.top > 10)) {
    return matchError('invalid_options', `top: must be a whole number 1–10, got ${String(o.top)}`);
  }
  if (o.engine !== undefined && o.engine !== 'auto' && o.engine !== 'heuristic') {
    return matchError('invalid_options', `engine: must be auto or heuristic, got ${String(o.engine)}`);
  }
  if (o.sim !== undefined && o.sim.length === 0) return matchError('invalid_options', 'sim: must hold one value per pool candidate');
  return null;
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

export function search(pool: PackedPool, input: unknown, options: SearchOptions = {}): SearchOutcome {
  const optionError = checkOptions(options);
  if (optionError) return { ok: false, error: optionError };
  const top = options.top ?? 5;
  const stage = (name: StageName, start: number) => {
    const end = performance.now();
    options.onStage?.(name, start, end);
    return end - start;
  };

  const t0 = performance.now();
  const validated = validateProfile(input);
  const tValidate = stage('validate', t0);
  if (!validated.ok) {
    return { ok: false, error: matchError('invalid_profile', validated.problems.map((p) => p.message).join('; '), validated.problems) };
  }
  const query: Profile = validated.profile;
  const notices: Notice[] = [];
  const q = packQuery(pool, query);

  const t1 = performance.now();
  const hard = hardFilter(pool, q, query.id, query.companion.blocklist);
  const tHard = stage('hard', t1);

  const t2 = performance.now();
  const sim = options.sim && options.sim.length === pool.n ? options.sim : undefined;
  if (!sim) notices.push(options.simUnavailable ?? NO_EMBEDDINGS_NOTICE);
  const tEmbed = stage('embed', t2);

  const t3 = performance.now();
  const short = shortlist(pool, q, hard.survivors, hard.count, sim);
  const tShort = stage('shortlist', t3);

  const t4 = performance.now();
  const stageInput = short.order.subarray(0, Math.min(STAGE_INPUT, short.order.length));
  const ranked = heuristicRank(pool, q, stageInput).slice(0, top);
  const tRank = stage('rank', t4);

  const t5 = performance.now();
  const results = ranked.map(({ index: i, score }): MatchResult => {
    const facts = explainFacts(pool, q, query, i);
    const explanation = templateExplanation(facts);
    const band = BANDS[pool.band[i]];
    return {
      id: pool.ids[i],
      name: pool.names[i],
      score,
      weaker: score < WEAKER_BELOW,
      explanation,
      engine: 'heuristic',
      explanation_engine: 'template',
      chips: chipsFor(pool, q, i),
      city: pool.cities[i] || null,
      country: pool.countries[i],
      pace: PACES[pool.pace[i]],
      budget: { amount: pool.budgetAmount[i], currency: pool.currencyCodes[pool.currency[i]], band },
      languages: pool.langCodes.filter((_, b) => (pool.langs[i * pool.langWords + (b >>> 5)] & (1 << (b & 31))) !== 0),
      shared_interests: facts.sharedInterests,
    };
  });
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
      validate: round3(tValidate), hard: round3(tHard), embed: round3(tEmbed), shortlist: round3(tShort),
      rank: round3(tRank), explain: round3(tExplain), total: round3(tTotal),
    },
    notices,
    engine: 'heuristic',
  };
  if (options.withIds) {
    result.hard_ids = Array.from(hard.survivors.subarray(0, hard.count), (i) => pool.ids[i]).sort();
    result.shortlist_ids = Array.from(short.order, (i) => pool.ids[i]);
  }
  return { ok: true, result };
}
