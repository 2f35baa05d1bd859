/**
 * What a search gives back (SPEC §1, §7, §9): the result cards, the funnel, the removals per rule,
 * the timings per stage, the notices, and what stage 3's engines did — and the events that
 * refine it while the model engines work. Plain data: it crosses the worker boundary and goes
 * into the CLI's JSON as it is.
 */
import type { Notice } from './outcome';
import type { BudgetBand, Pace } from './profile/types';
import type { EngineName } from './rank/engine';
import type { ChainStep, ChainWait, RankingStats } from './rank/ranker';
import type { RuleName } from './stages/hardFilter';

/** The stages, in order; `total` spans the whole search. */
export const STAGES = ['validate', 'hard', 'embed', 'shortlist', 'rank', 'explain', 'total'] as const;
export type StageName = (typeof STAGES)[number];

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
  /** Query embedding (0 without similarity: see `skipped_stages`; every skipped stage's timing is 0). */
  embed: number;
  /** Waiting for the embedding model to load during this search (first search only). */
  embed_load_wait: number;
  shortlist: number;
  rank: number;
  explain: number;
  /**
   * The whole search to its first answer, validation and the waits between stages included: it
   * is more than the stages' sum (the timeline shows the difference as its own row).
   */
  total: number;
}

export interface Ranking {
  /** Timings and tokens of the engine that ranked (null: the heuristic). */
  stats: RankingStats | null;
  /** Every link of the chain: used, skipped, failed, with its reason. */
  chain: ChainStep[];
  /** Model engines are still working: `ranked` and `final` events will follow. */
  partial: boolean;
  /** A model engine is about to score: what it does and how long it should take. */
  waiting?: ChainWait | null;
}

export interface SearchResult {
  results: MatchResult[];
  funnel: Funnel;
  removed_by_rule: Record<RuleName, number>;
  timings_ms: Timings;
  /**
   * Stages that did not run in this search (their timing is 0): `embed` without similarity;
   * `shortlist`, `rank` and `explain` when no candidate passed the hard filters.
   */
  skipped_stages: StageName[];
  /** Why each skipped stage did not run, in a few words ("no similarity (models off): rule-only shortlist"). */
  skipped_reasons?: Partial<Record<StageName, string>>;
  notices: Notice[];
  /** Engine that produced the order of the results. */
  engine: EngineName;
  ranking: Ranking;
  /** The model and backend that embedded the query, or null when the shortlist is rule-only. */
  similarity: { model: string; backend: string } | null;
  /** Ids of the stage-3 input (the first 10 of the shortlist), in order. */
  ranked_input_ids: string[];
  hard_ids?: string[];
  shortlist_ids?: string[];
}

/** The first answer of a search: the heuristic's, final at once when no model engine will run. */
export interface SearchAnswer {
  /** Names this search for `follow` (the events that refine it). */
  searchId: number;
  result: SearchResult;
}

/**
 * What refines a search's answer while the model engines work, in this order: `waiting` (an
 * engine is about to score, with the expected wait), `ranked` (a model's order; its sentences
 * are still templates), then exactly one `final` (the chain's answer: a model's order and
 * explanations, or the heuristic's when every model failed). Each names the engine behind it and
 * carries the whole result as it now stands. Events come only through `follow`, which a caller
 * starts after it has the answer: an event can never arrive before the answer it refines.
 */
export type SearchEvent =
  | { kind: 'waiting'; searchId: number; engine: EngineName; result: SearchResult }
  | { kind: 'ranked'; searchId: number; engine: EngineName; result: SearchResult }
  | { kind: 'final'; searchId: number; engine: EngineName; result: SearchResult };
