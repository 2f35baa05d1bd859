/**
 * The web-llm engine adapter (WebGPU). It talks to an MLCEngine-shaped object, injected so that
 * unit tests drive a scripted fake: scoring reads `top_logprobs` of a one-token answer (one
 * prefill), explanations use web-llm's JSON-schema mode and stream, and an abort calls
 * `interruptGenerate()`. web-llm sometimes rejects with plain strings; callers get them as
 * reasons via `reasonOf`.
 */
import { type ChatMessage, type LlmEngine, type LlmStats, throwIfAborted } from './engine';

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  extra?: { prefill_tokens_per_s?: number; decode_tokens_per_s?: number; time_to_first_token_s?: number; time_per_output_token_s?: number };
}

interface TopLogprob { token: string; logprob: number }

interface Completion {
  choices: { message?: { content?: string | null }; logprobs?: { content?: { top_logprobs?: TopLogprob[] }[] | null } | null }[];
  usage?: Usage;
}

interface Chunk {
  choices: { delta?: { content?: string | null } }[];
  usage?: Usage;
}

/** The part of web-llm's MLCEngine this adapter uses. */
export interface MlcEngineLike {
  chat: {
    completions: {
      create(request: Record<string, unknown>): Promise<Completion | AsyncIterable<Chunk>>;
    };
  };
  interruptGenerate(): void | Promise<void>;
  unload(): Promise<void>;
}

function statsOf(usage: Usage | undefined, fallbackMs: number): LlmStats {
  const prompt = usage?.prompt_tokens ?? 0;
  const generated = usage?.completion_tokens ?? 0;
  const prefillRate = usage?.extra?.prefill_tokens_per_s ?? 0;
  const decodeRate = usage?.extra?.decode_tokens_per_s ?? 0;
  const prefillMs = prefillRate > 0 ? (prompt / prefillRate) * 1000 : (usage?.extra?.time_to_first_token_s ?? 0) * 1000;
  const decodeMs = decodeRate > 0 ? (generated / decodeRate) * 1000 : Math.max(0, fallbackMs - prefillMs);
  return { promptTokens: prompt, generatedTokens: generated, prefillMs, decodeMs };
}

export class WebLlmEngine implements LlmEngine {
  readonly device = 'webgpu';

  constructor(private readonly engine: MlcEngineLike, readonly modelId: string) {}

  async labelProbabilities(messages: ChatMessage[], labels: string[], signal: AbortSignal): Promise<{ probs: number[]; stats: LlmStats }> {
    throwIfAborted(signal);
    const t0 = performance.now();
    const res = (await this.engine.chat.completions.create({
      messages, stream: false, max_tokens: 1, temperature: 0, logprobs: true, top_logprobs: 20,
    })) as Completion;
    const top = res.choices?.[0]?.logprobs?.content?.[0]?.top_logprobs ?? [];
    const probs = labels.map((label) => top
      .filter((t) => typeof t?.token === 'string' && t.token.trim() === label && Number.isFinite(t.logprob))
      .reduce((sum, t) => sum + Math.exp(t.logprob), 0));
    return { probs, stats: statsOf(res.usage, performance.now() - t0) };
  }

  async generateJson(messages: ChatMessage[], schema: object, maxTokens: number, signal: AbortSignal, onText?: (text: string) => void): Promise<{ text: string; stats: LlmStats }> {
    throwIfAborted(signal);
    const t0 = performance.now();
    const interrupt = () => { void this.engine.interruptGenerate(); };
    signal.addEventListener('abort', interrupt, { once: true });
    try {
      const stream = (await this.engine.chat.completions.create({
        messages, stream: true, stream_options: { include_usage: true }, max_tokens: maxTokens, temperature: 0,
        response_format: { type: 'json_object', schema: JSON.stringify(schema) },
      })) as AsyncIterable<Chunk>;
      let text = '';
      let usage: Usage | undefined;
      for await (const chunk of stream) {
        throwIfAborted(signal);
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) { text += delta; onText?.(text); }
        if (chunk.usage) usage = chunk.usage;
      }
      throwIfAborted(signal);
      return { text, stats: statsOf(usage, performance.now() - t0) };
    } finally {
      signal.removeEventListener('abort', interrupt);
    }
  }

  async dispose(): Promise<void> {
    await this.engine.unload();
  }
}
