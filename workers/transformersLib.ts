/**
 * transformers.js in the worker: imported on first use only, configured once with the app's
 * own ONNX Runtime wasm files (bundled by Vite, never a CDN), the thread count and the model host.
 */
import wasmMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import wasmBinary from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { DevicePlan } from '../src/core/device/plan';
import { configureTransformers } from '../src/core/engines/transformersEnv';

let configured: Promise<void> | null = null;

export function prepareTransformers(plan: DevicePlan, modelHost: string): Promise<void> {
  configured ??= import('@huggingface/transformers').then(({ env }) => {
    configureTransformers(env as never, {
      modelHost,
      wasmPaths: { mjs: new URL(wasmMjs, self.location.href).href, wasm: new URL(wasmBinary, self.location.href).href },
      numThreads: plan.threads,
    });
  });
  return configured;
}
