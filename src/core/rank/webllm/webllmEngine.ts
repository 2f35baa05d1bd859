/**
 * The web-llm engine (WebGPU), written against @mlc-ai/web-llm 0.2.79's `MLCEngine` and tested
 * on it (tests/unit/webllm/: the real engine with only its GPU pipeline scripted; tests/engines/:
 * the whole engine in Chromium). What web-llm does, and what this adapter does about it:
 *
 * - **Scoring** reads the raw logits of the answer's first token through the `LogitTap`
 *   (`logitProcessorRegistry`), for every label's token ids, and renormalises over the labels:
 *   one forward pass ranks all ten. No `logprobs`: web-llm caps `top_logprobs` at 5 and applies
 *   the temperature first.
 * - **Explanations** use web-llm's JSON-schema mode; each text is bounded by the tap (the
 *   schema's `maxLength` is ignored by this version's grammar engine).
 * - **One request at a time**, queued here: web-llm holds a lock per request and releases it
 *   only when its stream has been read to the end, so a stream is never abandoned midway — an
 *   abort interrupts it and the rest is drained. Because nothing else holds web-llm's lock, the
 *   abort check just before `create()` is the last moment an abort can land before web-llm's
 *   request starts; an abort after that is re-asserted on every chunk, since web-llm clears its
 *   interrupt flag when a request begins. An aborted search never starts a prefill.
 * - **Stats** come from the stream's usage chunk (web-llm reports NaN rates for a request with
 *   no decode step; those count as 0).
 */
import type { AppConfig, ChatCompletionChunk, ChatCompletionRequestStreaming, CompletionUsage, InitProgressReport, LogitProcessor, MLCEngineConfig } from '@mlc-ai/web-llm';
import type { Progress } from '../../progress';
import {
  type ChatMessage, type EngineActivity, type FinishReason, type JsonOutput, type JsonRequest, type LabelScores,
  type LlmEngine, type LlmStats, labelScoresFromLogits, throwIfAborted,
} from '../engine';
import { TokenVocab } from '../tokenVocab';
import { type WebLlmHosts, webllmAppConfig } from './appConfig';
import { webllmProgress } from './loadProgress';
import { type CapturedLogits, LogitTap } from './logitTap';

/** The part of web-llm's `MLCEngine` this adapter uses (its real types). */
export interface MlcEngine {
  chat: { completions: { create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> } };
  interruptGenerate(): void | Promise<void>;
  unload(): Promise<void>;
}

const ACTIVITY_KEPT = 12;
const finite = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

interface StreamOutcome {
  text: string;
  finish: FinishReason;
  usage: CompletionUsage | undefined;
}

export class WebLlmEngine implements LlmEngine {
  readonly device = 'webgpu';
  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: EngineActivity[] = [];

  constructor(
    private readonly engine: MlcEngine,
    readonly modelId: string,
    private readonly tap: LogitTap,
    private readonly vocab: TokenVocab,
  ) {}

  activity(): EngineActivity[] {
    return [...this.log];
  }

  labelProbabilities(messages: ChatMessage[], labels: string[], signal: AbortSignal): Promise<LabelScores> {
    const forms = labels.map((l) => this.vocab.labelIds(l));
    const missing = labels.filter((_, i) => forms[i].length === 0);
    if (missing.length) return Promise.reject(new Error(`the model's vocabulary has no token for the label(s) ${missing.join(', ')}`));
    return this.exclusive(async () => {
      this.tap.startRequest({ captureIds: forms.flat() });
      let out: StreamOutcome;
      let captured: CapturedLogits | null;
      try {
        out = await this.stream('score', { messages, stream: true, stream_options: { include_usage: true }, max_tokens: 1, temperature: 0 }, signal);
      } finally {
        captured = this.tap.endRequest();
      }
      throwIfAborted(signal);
      if (!captured) throw new Error('web-llm reported no logits for the answer');
      // The captured values are the label forms in arming order: regroup them per label.
      let k = 0;
      const local = forms.map((f) => f.map(() => k++));
      const { probs, labelMass } = labelScoresFromLogits(captured.values, local, captured.logNormaliser);
      // web-llm's prefill computes the last position's logits only.
      return { probs, labelMass, logitPositions: 1, stats: this.stats(out.usage) };
    });
  }

  generateJson(messages: ChatMessage[], request: JsonRequest, signal: AbortSignal, onText?: (text: string) => void): Promise<JsonOutput> {
    return this.exclusive(async () => {
      this.tap.startRequest({ boundChars: request.maxTextChars });
      let out: StreamOutcome;
      try {
        out = await this.stream('explain', {
          messages, stream: true, stream_options: { include_usage: true }, max_tokens: request.maxTokens, temperature: 0,
          response_format: { type: 'json_object', schema: JSON.stringify(request.schema) },
        }, signal, onText);
      } finally {
        this.tap.endRequest();
      }
      throwIfAborted(signal);
      return { text: out.text, finish: out.finish, stats: this.stats(out.usage) };
    });
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.engine.unload();
  }

  /** Run after every earlier request has fully ended. */
  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const job = this.queue.then(run);
    this.queue = job.catch(() => undefined);
    return job;
  }

  private record(a: EngineActivity): void {
    this.log.push(a);
    if (this.log.length > ACTIVITY_KEPT) this.log.shift();
  }

  /** One streamed request, read to its end whatever happens (web-llm's lock is released there). */
  private async stream(kind: EngineActivity['kind'], request: ChatCompletionRequestStreaming, signal: AbortSignal, onText?: (text: string) => void): Promise<StreamOutcome> {
    // The last point where an abort can land before web-llm starts the request (see above).
    throwIfAborted(signal);
    const t0 = performance.now();
    const maxTokens = request.max_tokens ?? 0;
    let text = '';
    let finish: FinishReason = 'stop';
    let usage: CompletionUsage | undefined;
    const interrupt = () => { void this.engine.interruptGenerate(); };
    signal.addEventListener('abort', interrupt);
    try {
      const stream = await this.engine.chat.completions.create(request);
      for await (const chunk of stream) {
        if (signal.aborted) interrupt();
        const choice = chunk.choices[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          try { onText?.(text); } catch { /* a listener's error never abandons the stream */ }
        }
        if (choice?.finish_reason === 'length' || choice?.finish_reason === 'abort' || choice?.finish_reason === 'stop') finish = choice.finish_reason;
        if (chunk.usage) usage = chunk.usage;
      }
    } catch (e) {
      this.record({ kind, promptTokens: 0, generatedTokens: this.tap.sampled, maxTokens, finish: 'error', ms: Math.round(performance.now() - t0), prefillMs: 0, decodeMs: 0 });
      throw e;
    } finally {
      signal.removeEventListener('abort', interrupt);
    }
    const stats = this.stats(usage);
    this.record({ kind, promptTokens: stats.promptTokens, generatedTokens: stats.generatedTokens, maxTokens, finish, ms: Math.round(performance.now() - t0), prefillMs: Math.round(stats.prefillMs), decodeMs: Math.round(stats.decodeMs) });
    return { text, finish, usage };
  }

  private stats(usage: CompletionUsage | undefined): LlmStats {
    const extra = usage?.extra;
    const prefillMs = finite(extra?.time_to_first_token_s) * 1000;
    const decodeMs = finite(extra?.time_per_output_token_s) * finite(usage?.completion_tokens) * 1000;
    return { promptTokens: finite(usage?.prompt_tokens), generatedTokens: this.tap.sampled, prefillMs, decodeMs };
  }
}

/** What the loader needs of the web-llm module (the real one in the worker). */
export interface WebLlmModule {
  MLCEngine: new (config?: MLCEngineConfig) => MlcEngine & { reload(modelId: string): Promise<void> };
  prebuiltAppConfig: AppConfig;
  modelLibURLPrefix: string;
}

export interface WebLlmLoadOptions {
  modelId: string;
  hosts: WebLlmHosts;
  /** Expected download (bytes), for the progress bar: web-llm reports fractions. */
  totalBytes: number;
  label: string;
  onProgress?: (p: Progress) => void;
  /** The model's `tokenizer.json`, as web-llm fetched it (see `readTokenizerJson`). */
  tokenizerJson: (modelUrl: string, appConfig: AppConfig) => Promise<unknown>;
}

/** The folder web-llm reads a model from (its `cleanModelUrl`). */
export function modelBaseUrl(model: string): string {
  let url = model.endsWith('/') ? model : `${model}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

/** Create web-llm's engine for `modelId` with the app's records, tap and progress, and load it. */
export async function loadWebLlm(webllm: WebLlmModule, opts: WebLlmLoadOptions): Promise<WebLlmEngine> {
  const appConfig = webllmAppConfig(webllm.prebuiltAppConfig, webllm.modelLibURLPrefix, opts.modelId, opts.hosts);
  const modelUrl = modelBaseUrl(appConfig.model_list[0].model);
  // The tap needs the vocabulary before the first request; the engine's reload fetches the same file.
  const holder: { tap: LogitTap | null } = { tap: null };
  const proxy: LogitProcessor = {
    processLogits: (l) => holder.tap?.processLogits(l) ?? l,
    processSampledToken: (t) => holder.tap?.processSampledToken(t),
    resetState: () => holder.tap?.resetState(),
  };
  const report = webllmProgress(opts.label, opts.totalBytes, opts.onProgress);
  const engine = new webllm.MLCEngine({
    appConfig,
    logitProcessorRegistry: new Map([[opts.modelId, proxy]]),
    initProgressCallback: (r: InitProgressReport) => report(r),
  });
  await engine.reload(opts.modelId);
  const vocab = new TokenVocab(await opts.tokenizerJson(modelUrl, appConfig));
  holder.tap = new LogitTap(vocab);
  return new WebLlmEngine(engine, opts.modelId, holder.tap, vocab);
}
