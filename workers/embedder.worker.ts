/**
 * The embedding model in a worker of its own, started by the matcher worker. ONNX Runtime Web
 * runs a forward pass on the thread that calls it: here a query embedding, or the background
 * indexing of a whole pool (batch after batch, for minutes), holds only this worker, and the
 * matcher worker answers every search at once meanwhile.
 */
import * as Comlink from 'comlink';
import type { DevicePlan } from '../src/core/device/plan';
import type { Embedder } from '../src/core/engines/embedder';
import type { Pooling } from '../src/core/models/catalog';
import { loadTransformersEmbedder } from '../src/core/engines/transformersEmbedder';
import type { Progress } from '../src/core/progress';
import { prepareTransformers } from './transformersLib';

let embedder: Embedder | null = null;

export interface EmbedderLoad {
  modelId: string;
  plan: DevicePlan;
  modelHost: string;
  catalog: { pooling: Pooling; weights: string; prefix: string };
}

const api = {
  async load(opts: EmbedderLoad, onProgress?: (p: Progress) => void): Promise<{ dims: number; weights: string; pooling: Pooling }> {
    if (opts.plan.backend === 'off') throw new Error('models are off');
    await prepareTransformers(opts.plan, opts.modelHost);
    embedder = await loadTransformersEmbedder({ modelId: opts.modelId, device: opts.plan.backend, catalog: opts.catalog, onProgress });
    return { dims: embedder.dims, weights: embedder.weights, pooling: embedder.pooling };
  },
  async embed(texts: string[]): Promise<Float32Array[]> {
    if (!embedder) throw new Error('the embedding model is not loaded');
    const out = await embedder.embed(texts);
    return Comlink.transfer(out, out.map((v) => v.buffer as ArrayBuffer));
  },
  async dispose(): Promise<void> {
    await embedder?.dispose();
    embedder = null;
  },
};

export type EmbedderWorkerApi = typeof api;
Comlink.expose(api);
