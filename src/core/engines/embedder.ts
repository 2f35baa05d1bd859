/**
 * Embedder role (SPEC §1, §4, §6): one interface, interchangeable implementations. The
 * pipeline only ever talks to this.
 */
import type { OnProgress } from '../progress';
import type { Pooling } from '../models/catalog';

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

export interface EmbedderOptions {
  modelId: string;
  device: ModelDevice;
  /** Weights variant, e.g. fp32 or q8; by default the model's own from the catalog (benchmarks override it). */
  dtype?: string;
  /** The model's pooling, weights and prefix, when the caller knows them (default: the catalog's here). */
  catalog?: { pooling: Pooling; weights: string; prefix: string };
  onProgress?: OnProgress;
}
