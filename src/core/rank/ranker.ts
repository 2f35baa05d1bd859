/**
 * Stage 3's shapes (SPEC §5): what a ranker is given (`RankJob`: the stage-3 input with its
 * facts and scores), what it gives back (`RankedCard`s, `RankingStats`), and the `Ranker`
 * interface every link of the chain implements — the model engines and the heuristic alike.
 */
import type { ExplainFacts } from '../explain/facts';
import type { OnProgress } from '../progress';
import type { EngineName } from './engine';
import type { QuerySummary, RankDetail } from './prompt';
import { TOKENS_PER_EXPLANATION } from './prompt';

export interface JobCandidate {
  /** Pool index. */
  index: number;
  facts: ExplainFacts;
  otherInterests: string[];
  /** Heuristic score (SPEC §5) in [0, 0.95]. */
  heuristic: number;
  /** Normalised similarity in [0, 1], or null without embeddings. */
  sim: number | null;
}

export interface RankJob {
  query: QuerySummary;
  /** The stage-3 input, in shortlist order (at most 10). */
  candidates: JobCandidate[];
  top: number;
  options?: RankOptions;
}

export interface RankedCard {
  index: number;
  score: number;
  explanation: string;
  explanationEngine: EngineName | 'template';
  /** The model's renormalised probability for this candidate, when a model ranked. */
  modelP?: number;
}

export type StepStatus = 'used' | 'skipped' | 'failed' | 'cancelled';

/** What happened to one link of the chain in this search. */
export interface ChainStep {
  engine: EngineName;
  model: string | null;
  status: StepStatus;
  reason: string;
  /**
   * Time this attempt took, load included (ms; model links that ran only). On a `ranked` event,
   * the time to the link's order (its explanations still being written).
   */
  ms?: number;
  /** Of `ms`, the time spent waiting for the model to load (when the link reported it). */
  load_ms?: number;
}

export interface RankingStats {
  engine: EngineName;
  model: string | null;
  device: string | null;
  load_wait_ms: number;
  prefill_ms: number;
  decode_ms: number;
  prompt_tokens: number;
  generated_tokens: number;
  tokens_per_s: number;
  /** Share of the model's next-token distribution on the labels (null: not known, or no model). */
  label_mass: number | null;
  /** The model's probability for each candidate of stage 3's input, in shortlist order, renormalised over them. */
  label_probs: number[];
  /** Prompt positions the scoring pass computed logits for (1: the last only). */
  logit_positions: number | null;
  /** What the explanation pass returned: a whole JSON object, a valid prefix of one, or neither. */
  explain_json: 'complete' | 'cut off' | 'invalid' | null;
  /** Each pass on its own (the totals above add them up). */
  scoring: { prompt_tokens: number; prefill_ms: number } | null;
  explanation: { prompt_tokens: number; generated_tokens: number; prefill_ms: number; decode_ms: number } | null;
}

export function emptyStats(engine: EngineName, model: string | null = null, device: string | null = null): RankingStats {
  return {
    engine, model, device, load_wait_ms: 0, prefill_ms: 0, decode_ms: 0, prompt_tokens: 0, generated_tokens: 0, tokens_per_s: 0,
    label_mass: null, label_probs: [], logit_positions: null, explain_json: null, scoring: null, explanation: null,
  };
}

/** A link's answer: its cards (top N, in its order), its stats and what it did. */
export interface LinkAnswer {
  engine: EngineName;
  cards: RankedCard[];
  stats: RankingStats;
  /** For the chain's record: what the link did ("ranked 10 candidates from …"). */
  reason: string;
}

/** An engine is about to work for a while: what it does and how long it should take. */
export interface ChainWait {
  engine: EngineName;
  model: string | null;
  device: string;
  step: 'scoring';
  prompt_tokens: number;
  expected_ms: number;
}

export interface RankContext {
  signal: AbortSignal;
  onProgress?: OnProgress;
  /** Before a pass that takes long enough to say so (the expected wait is shown). */
  onWait?: (w: ChainWait) => void;
  /** The link's order is in; its explanations are still being written. */
  onRanked?: (a: LinkAnswer) => void;
}

/** One link of the ranking chain (SPEC §5). */
export interface Ranker {
  readonly name: EngineName;
  readonly model: string | null;
  /** Why this link is not tried in this search (no WebGPU, models off, failed earlier), or null. */
  skipReason(): string | null;
  /** Rank and explain; throws (with the reason) to hand over to the next link. */
  rank(job: RankJob, ctx: RankContext): Promise<LinkAnswer>;
  /** The link broke mid-run (device lost, out of memory): skip it for the rest of the session. */
  fail?(reason: string): void;
}

/**
 * How big the model's part of a search is (the ranking-size settings). `auto` picks per engine
 * device, from what a person waits for there (measured with models of the real architectures;
 * README *Measured*): on WebGPU the full prompt and 40 tokens per explanation; on WASM (two
 * cores: the scoring prefill runs at ~36–46 prompt tokens/s, generation at ~1 token/s) the brief
 * prompt and no explanation pass — the model orders the candidates within seconds, and the
 * template writes the sentences (`explanation_engine: template`).
 */
export interface RankOptions {
  /** How much of each candidate the prompts carry. */
  detail: RankDetail | 'auto';
  /** Generated tokens allowed per explanation; 0: no explanation pass (template sentences). */
  tokensPerExplanation: number | 'auto';
}

export const DEFAULT_RANK_OPTIONS: RankOptions = { detail: 'auto', tokensPerExplanation: 'auto' };

/** The options for an engine running on `device`. */
export function rankOptionsFor(o: RankOptions, device: string): { detail: RankDetail; tokensPerExplanation: number } {
  const gpu = device === 'webgpu';
  return {
    detail: o.detail === 'auto' ? (gpu ? 'full' : 'brief') : o.detail,
    tokensPerExplanation: o.tokensPerExplanation === 'auto' ? (gpu ? TOKENS_PER_EXPLANATION : 0) : o.tokensPerExplanation,
  };
}
