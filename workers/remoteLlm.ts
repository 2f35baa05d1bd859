/**
 * The matcher worker's side of the ranker worker (llm.worker.ts): an `LlmEngine` whose calls run
 * there. An abort is passed on (a generation stops at its next token); the answer of a request
 * whose search was aborted is dropped here.
 */
import * as Comlink from 'comlink';
import type { DevicePlan } from '../src/core/device/plan';
import { AbortedError, type ChatMessage, type JsonOutput, type JsonRequest, type LabelScores, type LlmEngine, throwIfAborted } from '../src/core/rank/engine';
import type { Progress } from '../src/core/progress';
import type { LlmWorkerApi } from './llm.worker';

let nextToken = 1;

export async function loadRemoteLlm(
  opts: { modelId: string; device: 'webgpu' | 'wasm'; dtype: string; plan: DevicePlan; modelHost: string; priorPrefillTokensPerS?: number },
  onProgress?: (p: Progress) => void,
): Promise<LlmEngine> {
  const worker = new Worker(new URL('./llm.worker.ts', import.meta.url), { type: 'module', name: 'ranker' });
  const remote = Comlink.wrap<LlmWorkerApi>(worker);
  const close = () => { remote[Comlink.releaseProxy](); worker.terminate(); };
  let loaded: { modelId: string; device: string };
  try {
    loaded = await remote.load(opts, onProgress ? Comlink.proxy(onProgress) : undefined);
  } catch (e) {
    close();
    throw e;
  }
  /** Run `call` there with a token the signal aborts. */
  const withToken = async <T>(signal: AbortSignal, call: (token: number) => Promise<T>): Promise<T> => {
    throwIfAborted(signal);
    const token = nextToken++;
    const abort = () => { void remote.abort(token); };
    signal.addEventListener('abort', abort, { once: true });
    try {
      const out = await call(token);
      if (signal.aborted) throw new AbortedError();
      return out;
    } finally {
      signal.removeEventListener('abort', abort);
    }
  };
  return {
    modelId: loaded.modelId,
    device: loaded.device,
    labelProbabilities: (messages: ChatMessage[], labels: string[], signal: AbortSignal): Promise<LabelScores> =>
      withToken(signal, (token) => remote.labelProbabilities(messages, labels, token)),
    generateJson: (messages: ChatMessage[], request: JsonRequest, signal: AbortSignal, onText?: (text: string) => void): Promise<JsonOutput> =>
      withToken(signal, (token) => remote.generateJson(messages, request, token, onText ? Comlink.proxy(onText) : undefined)),
    estimateScoring: (messages: ChatMessage[]) => remote.estimateScoring(messages),
    async dispose() {
      try { await remote.dispose(); } finally { close(); }
    },
  };
}
