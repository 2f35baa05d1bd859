/**
 * The matcher worker's embedder (SPEC §4, §6): transformers.js in a worker of its own
 * (embedder.worker.ts), loaded on first use. The query embedding and the pool's background
 * indexing both run there; the matcher worker only waits for the vectors.
 */
import * as Comlink from 'comlink';
import type { DevicePlan } from '../src/core/device/plan';
import type { Embedder } from '../src/core/engines/embedder';
import { embedModel } from '../src/core/models/catalog';
import { transformersCached } from '../src/core/models/cached';
import { type Progress, forModel } from '../src/core/progress';
import type { EmbedderWorkerApi } from './embedder.worker';

export async function loadBrowserEmbedder(
  modelId: string,
  plan: DevicePlan,
  modelHost: string,
  onProgress?: (p: Progress) => void,
): Promise<Embedder> {
  if (plan.backend === 'off') throw new Error('models are off');
  const device = plan.backend;
  const worker = new Worker(new URL('./embedder.worker.ts', import.meta.url), { type: 'module', name: 'embedder' });
  const remote = Comlink.wrap<EmbedderWorkerApi>(worker);
  const close = () => { remote[Comlink.releaseProxy](); worker.terminate(); };
  const { prefix, pooling, weights } = embedModel(modelId);
  try {
    // Each file's progress names its model (the page shows one bar per model, not per file name)
    // and whether it is read from this device's cache or downloaded.
    const phase = (await transformersCached(modelId, 'feature-extraction', { modelHost, origin: self.location.origin })) ? 'cache' : 'download';
    const tagged = forModel(onProgress, modelId, 'embedder', phase);
    const loaded = await remote.load({ modelId, plan, modelHost, catalog: { prefix, pooling, weights } }, tagged ? Comlink.proxy(tagged) : undefined);
    return {
      modelId,
      device,
      dims: loaded.dims,
      weights: loaded.weights,
      pooling: loaded.pooling,
      embed: (texts) => remote.embed(texts),
      async dispose() {
        try { await remote.dispose(); } finally { close(); }
      },
    };
  } catch (e) {
    close();
    throw e;
  }
}
