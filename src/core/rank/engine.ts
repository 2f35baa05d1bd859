/**
 * Ranker role (SPEC §5): language-model engines behind one interface. The chain talks only to
 * this; web-llm (WebGPU) and transformers.js (WASM or WebGPU) implement it.
 */
import type { Progress } from '../progress';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmStats {
  promptTokens: number;
  generatedTokens: number;
  prefillMs: number;
  decodeMs: number;
}

export type LlmEngineName = 'custom' | 'webllm' | 'transformers';
export type EngineName = LlmEngineName | 'heuristic';

/** The labels' probabilities for the answer's first token (SPEC §5). */
export interface LabelScores {
  /** One per label, renormalised over the labels (they sum to 1). */
  probs: number[];
  /** Share of the whole next-token distribution that fell on the labels, when known. */
  labelMass: number | null;
  /** Prompt positions the model computed logits for (1 when it can be asked for the last only). */
  logitPositions?: number;
  stats: LlmStats;
}

export interface JsonRequest {
  /** JSON schema of the answer (schema-constrained where the engine supports it). */
  schema: object;
  maxTokens: number;
  /** Bound on each string value's length, in characters, where the engine can enforce it. */
  maxTextChars?: number;
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface JsonOutput {
  text: string;
  finish: FinishReason;
  stats: LlmStats;
}

/** One request an engine ran (the device panel's engine log). */
export interface EngineActivity {
  kind: 'score' | 'explain';
  promptTokens: number;
  generatedTokens: number;
  maxTokens: number;
  finish: FinishReason | 'error';
  /** Whole request, prompt prefill (to the first token) and the decode steps after it. */
  ms: number;
  prefillMs: number;
  decodeMs: number;
}

export interface LlmEngine {
  readonly modelId: string;
  /** Where it runs: webgpu, wasm or cpu. */
  readonly device: string;
  /**
   * Probability of each label as the answer's first token, from one forward pass over the
   * prompt, renormalised over the labels (SPEC §5: rank from token probabilities, not from
   * generated text).
   */
  labelProbabilities(messages: ChatMessage[], labels: string[], signal: AbortSignal): Promise<LabelScores>;
  /** Generate JSON; `onText` sees the text so far. An abort stops the generation. */
  generateJson(messages: ChatMessage[], request: JsonRequest, signal: AbortSignal, onText?: (text: string) => void): Promise<JsonOutput>;
  /** The latest requests, newest last (optional). */
  activity?(): EngineActivity[];
  /**
   * How long the scoring pass over `messages` should take here (prompt tokens at this engine's
   * measured prefill rate), when the engine can tell before it starts — shown to the person.
   */
  estimateScoring?(messages: ChatMessage[]): { promptTokens: number; ms: number } | null | Promise<{ promptTokens: number; ms: number } | null>;
  dispose(): Promise<void>;
}

export interface EngineInfo {
  name: LlmEngineName;
  modelId: string;
  device: string;
  /** Download size and memory need, shown before loading (bytes; approximate). */
  downloadBytes?: number;
  memoryBytes?: number;
}

/** One link of the chain: an engine that may be skipped, and loads once per session. */
export interface EngineSlot {
  info: EngineInfo;
  /** Why this engine is not tried at all (no WebGPU, models off, …), or null. */
  skipReason: string | null;
  load(onProgress?: (p: Progress) => void): Promise<LlmEngine>;
  /** The loaded engine's latest requests, if it keeps them. */
  activity?(): EngineActivity[];
  /** Mark the engine unusable for the rest of the session (device lost, out of memory, …). */
  fail?(reason: string): void;
}

export class AbortedError extends Error {
  constructor() {
    super('aborted by a newer search');
    this.name = 'AbortedError';
  }
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortedError();
}

/** Softmax of `logits` (log-space values), stable. */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((x) => Math.exp(x - max));
  const z = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / z);
}

/** log Σ exp(x), stable; −∞ for an empty list. */
export function logSumExp(xs: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < xs.length; i++) if (xs[i] > max) max = xs[i];
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.exp(xs[i] - max);
  return max + Math.log(s);
}

/**
 * The labels' probabilities from the raw logits of the answer's first token: each label's token
 * forms pooled (log-sum-exp), then a softmax over the labels; `labelMass` is their share of the
 * whole distribution, whose log-normaliser is `logNormaliser` (by default, of `logits` itself).
 */
export function labelScoresFromLogits(
  logits: ArrayLike<number>,
  labelIds: readonly (readonly number[])[],
  logNormaliser = logSumExp(logits),
): { probs: number[]; labelMass: number | null } {
  const perLabel = labelIds.map((ids) => logSumExp(ids.map((id) => logits[id])));
  if (!perLabel.every((x) => Number.isFinite(x))) throw new Error('the model gave no finite logits for the labels');
  const labelMass = Math.exp(logSumExp(perLabel) - logNormaliser);
  return { probs: softmax(perLabel), labelMass: Number.isFinite(labelMass) ? labelMass : null };
}
