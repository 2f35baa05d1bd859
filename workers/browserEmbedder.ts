/**
 * Loads the transformers.js embedder in the worker: the library is imported only here, on
 * first use, and ONNX Runtime's wasm files come from the app's own bundle (never a CDN).
 */
import wasmMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import wasmBinary from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { DevicePlan } from '../src/core/device/plan';
import type { Embedder } from '../src/core/engines/embedder';
import { loadTransformersEmbedder } from '../src/core/engines/transformersEmbedder';
import { configureTransformers } from '../src/core/engines/transformersEnv';
import type { Progress } from '../src/core/service';

export async function loadBrowserEmbedder(
  modelId: string,
  plan: DevicePlan,
  modelHost: string,
  onProgress?: (p: Progress) => void,
): Promise<Embedder> {
  if (plan.backend === 'off') throw new Error('models are off');
  const { env } = await import('@huggingface/transformers');
  configureTransformers(env as never, {
    modelHost,
    wasmPaths: { mjs: new URL(wasmMjs, self.location.href).href, wasm: new URL(wasmBinary, self.location.href).href },
    numThreads: plan.threads,
  });
  return loadTransformersEmbedder({ modelId, device: plan.backend, onProgress });
}
