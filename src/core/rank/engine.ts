/**
 * Ranker role (SPEC §5): language-model engines behind one interface. The chain talks only to
 * this; web-llm (WebGPU), transformers.js (WASM or WebGPU) and test fakes implement it.
 */
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

export interface LlmEngine {
  readonly modelId: string;
  /** Where it runs: webgpu, wasm or cpu. */
  readonly device: string;
  /**
   * Probability of each label as the answer's first token, from one forward pass over the
   * prompt (SPEC §5: rank from token probabilities, not from generated text).
   */
  labelProbabilities(messages: ChatMessage[], labels: string[], signal: AbortSignal): Promise<{ probs: number[]; stats: LlmStats }>;
  /** Generate JSON (schema-constrained where the engine supports it); `onText` sees the text so far. */
  generateJson(messages: ChatMessage[], schema: object, maxTokens: number, signal: AbortSignal, onText?: (text: string) => void): Promise<{ text: string; stats: LlmStats }>;
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
  load(onProgress?: (p: { file: string; loaded: number; total: number }) => void): Promise<LlmEngine>;
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
