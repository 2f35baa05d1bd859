/**
 * The transformers.js ranker in a worker of its own, started by the matcher worker. ONNX Runtime
 * Web runs a forward pass synchronously on the thread that calls it: a 0.5B model's scoring pass
 * (seconds on WASM) would otherwise hold the matcher worker, and a new search would wait for its
 * heuristic answer until the pass ends. Here it holds only this worker.
 *
 * Requests carry a token; `abort(token)` stops a generation at its next token (a scoring pass is
 * one forward call and ends on its own).
 */
import * as Comlink from 'comlink';
import type { DevicePlan } from '../src/core/device/plan';
import type { ChatMessage, JsonRequest, LlmEngine } from '../src/core/rank/engine';
import { loadTransformersLlm } from '../src/core/rank/transformersEngine';
import type { Progress } from '../src/core/progress';
import { prepareTransformers } from './transformersLib';

let engine: LlmEngine | null = null;
const running = new Map<number, AbortController>();

function controller(token: number): AbortController {
  const c = new AbortController();
  running.set(token, c);
  return c;
}

const api = {
  async load(opts: { modelId: string; device: 'webgpu' | 'wasm'; dtype: string; plan: DevicePlan; modelHost: string; priorPrefillTokensPerS?: number }, onProgress?: (p: Progress) => void): Promise<{ modelId: string; device: string }> {
    await prepareTransformers(opts.plan, opts.modelHost);
    engine = await loadTransformersLlm({ modelId: opts.modelId, device: opts.device, dtype: opts.dtype, onProgress, priorPrefillTokensPerS: opts.priorPrefillTokensPerS });
    return { modelId: engine.modelId, device: engine.device };
  },
  async labelProbabilities(messages: ChatMessage[], labels: string[], token: number) {
    if (!engine) throw new Error('the ranker is not loaded');
    try {
      return await engine.labelProbabilities(messages, labels, controller(token).signal);
    } finally {
      running.delete(token);
    }
  },
  async generateJson(messages: ChatMessage[], request: JsonRequest, token: number, onText?: (text: string) => void) {
    if (!engine) throw new Error('the ranker is not loaded');
    try {
      return await engine.generateJson(messages, request, controller(token).signal, onText);
    } finally {
      running.delete(token);
    }
  },
  async estimateScoring(messages: ChatMessage[]) {
    return (await engine?.estimateScoring?.(messages)) ?? null;
  },
  abort(token: number): void {
    running.get(token)?.abort();
  },
  async dispose(): Promise<void> {
    await engine?.dispose();
    engine = null;
  },
};

export type LlmWorkerApi = typeof api;
Comlink.expose(api);
