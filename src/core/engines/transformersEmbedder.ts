/**
 * Embedder on transformers.js (`feature-extraction`, pooled and normalised as the model was
 * trained: CLS for bge, mean for mean-trained models; see the catalog). Loaded lazily: the
 * library itself is imported only when the first embedder is created.
 */
import type { Embedder, EmbedderOptions } from './embedder';
import { embedModel } from '../models/catalog';
import { progressCallback } from './transformersEnv';

interface TensorLike {
  dims: number[];
  data: Float32Array;
}

export async function loadTransformersEmbedder(opts: EmbedderOptions): Promise<Embedder> {
  const { pipeline } = await import('@huggingface/transformers');
  const model = opts.catalog ?? embedModel(opts.modelId);
  const weights = opts.dtype ?? model.weights;
  const extractor = await pipeline('feature-extraction', opts.modelId, {
    device: opts.device,
    dtype: weights as 'fp32',
    progress_callback: progressCallback(opts.onProgress),
  });
  let dims = 0;
  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const input = model.prefix ? texts.map((t) => model.prefix + t) : texts;
    const out = (await extractor(input, { pooling: model.pooling, normalize: true })) as unknown as TensorLike;
    const [n, d] = out.dims;
    dims = d;
    return Array.from({ length: n }, (_, i) => out.data.slice(i * d, (i + 1) * d));
  };
  const probe = await embed(['probe']);
  dims = probe[0].length;
  return {
    modelId: opts.modelId,
    device: opts.device,
    weights,
    pooling: model.pooling,
    get dims() { return dims; },
    embed,
    dispose: async () => { await extractor.dispose(); },
  };
}
