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
  /** Mean-pooled, L2-normalised sentence vectors, one per text. */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface EmbedderOptions {
  modelId: string;
  device: ModelDevice;
  /** Weights variant, e.g. fp32 or q8; defaults per model and device from the catalog. */
  dtype?: string;
  onProgress?: (p: Progress) => void;
}

/** Known embedding models: dimensions and the weights variant per device. */
export const EMBED_MODELS: Record<string, { dims: number; dtype: Partial<Record<ModelDevice, string>> }> = {
  'Xenova/bge-small-en-v1.5': { dims: 384, dtype: { wasm: 'q8', cpu: 'q8', webgpu: 'fp32' } },
  'fixtures/tiny-encoder': { dims: 64, dtype: {} },
  'fixtures/perf-encoder': { dims: 384, dtype: {} },
};

export const DEFAULT_EMBED_MODEL = 'Xenova/bge-small-en-v1.5';

export function embedDtype(modelId: string, device: ModelDevice): string {
  return EMBED_MODELS[modelId]?.dtype[device] ?? 'fp32';
}
