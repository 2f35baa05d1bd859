/** Loads the transformers.js embedder in the worker, on first use. */
import type { DevicePlan } from '../src/core/device/plan';
import type { Embedder } from '../src/core/engines/embedder';
import { loadTransformersEmbedder } from '../src/core/engines/transformersEmbedder';
import type { Progress } from '../src/core/progress';
import { prepareTransformers } from './transformersLib';

export async function loadBrowserEmbedder(
  modelId: string,
  plan: DevicePlan,
  modelHost: string,
  onProgress?: (p: Progress) => void,
): Promise<Embedder> {
  if (plan.backend === 'off') throw new Error('models are off');
  await prepareTransformers(plan, modelHost);
  return loadTransformersEmbedder({ modelId, device: plan.backend, onProgress });
}
