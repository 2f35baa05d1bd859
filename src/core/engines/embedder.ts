/**
 * Embedder role (SPEC §1, §4, §6): one interface, interchangeable implementations. The
 * pipeline only ever talks to this.
 */
import type { Progress } from '../service';

/** Where a model runs: WebGPU or WebAssembly in the browser, the CPU in Node. */
export type ModelDevice = 'webgpu' | 'wasm' | 'cpu';

export interface Embedder {
  readonly modelId: string;
  readonly device: ModelDevice;
  readonly dims: number;
  /** The weights variant and pooling it embeds with (recorded with the pool's embeddings). */
  readonly weights: string;
  readonly pooling: Pooling;
  /** Sentence vectors, pooled and L2-normalised as the model was trained, one per text. */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export type Pooling = 'cls' | 'mean';

export interface EmbedderOptions {
  modelId: string;
  device: ModelDevice;
  /** Weights variant, e.g. fp32 or q8; by default the model's own from the catalog (benchmarks override it). */
  dtype?: string;
  onProgress?: (p: Progress) => void;
}

/**
 * Known embedding models (SPEC §4: pooled and normalised as each was trained). One weights
 * variant per model for the pool and the query alike, on every device: a cosine between vectors
 * from different weights would compare two models. `prefix` is put before every text where a
 * model wants an instruction for symmetric similarity (profile to profile); bge-en-v1.5 wants
 * none (its instruction is for short queries against long passages).
 */
export interface EmbedModel {
  dims: number;
  pooling: Pooling;
  weights: string;
  prefix: string;
}

export const EMBED_MODELS: Record<string, EmbedModel> = {
  // bge is trained with CLS pooling; q8 is the 34 MB file a WASM user loads.
  'Xenova/bge-small-en-v1.5': { dims: 384, pooling: 'cls', weights: 'q8', prefix: '' },
  // Generated fixtures: the tiny encoder is built for mean pooling; the perf encoder has bge-small's shape.
  'fixtures/tiny-encoder': { dims: 64, pooling: 'mean', weights: 'fp32', prefix: '' },
  'fixtures/perf-encoder': { dims: 384, pooling: 'cls', weights: 'q8', prefix: '' },
  // The same files, loaded as fp32 (what a WebGPU figure is measured with; its own pool index).
  'fixtures/perf-encoder-fp32': { dims: 384, pooling: 'cls', weights: 'fp32', prefix: '' },
};

export const DEFAULT_EMBED_MODEL = 'Xenova/bge-small-en-v1.5';

/** A model outside the catalog: mean pooling and fp32, the most common sentence-transformers setup. */
const UNKNOWN: Omit<EmbedModel, 'dims'> = { pooling: 'mean', weights: 'fp32', prefix: '' };

export function embedModel(modelId: string): Omit<EmbedModel, 'dims'> & { dims?: number } {
  return EMBED_MODELS[modelId] ?? UNKNOWN;
}
