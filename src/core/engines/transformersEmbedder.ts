/**
 * Embedder on transformers.js (`feature-extraction`, mean pooling, normalised). Loaded lazily:
 * the library itself is imported only when the first embedder is created.
 */
import type { Embedder, EmbedderOptions } from './embedder';
import { embedDtype } from './embedder';
import { progressCallback } from './transformersEnv';

interface TensorLike {
  dims: number[];
  data: Float32Array;
}

export async function loadTransformersEmbedder(opts: EmbedderOptions): Promise<Embedder> {
  const { pipeline } = await import('@huggingface/transformers');
  const extractor = await pipeline('feature-extraction', opts.modelId, {
    device: opts.device,
    dtype: (opts.dtype ?? embedDtype(opts.modelId, opts.device)) as 'fp32',
    progress_callback: progressCallback(opts.onProgress),
  });
  let dims = 0;
  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const out = (await extractor(texts, { pooling: 'mean', normalize: true })) as unknown as TensorLike;
    const [n, d] = out.dims;
    dims = d;
    return Array.from({ length: n }, (_, i) => out.data.slice(i * d, (i + 1) * d));
  };
  const probe = await embed(['probe']);
  dims = probe[0].length;
  return {
    modelId: opts.modelId,
    device: opts.device,
    get dims() { return dims; },
    embed,
    dispose: async () => { await extractor.dispose(); },
  };
}
