/**
 * The transformers.js engine adapter (text generation on WASM, WebGPU or the Node CPU; 4-bit
 * `q4` weights by default). Scoring runs one forward pass over the chat prompt and reads the
 * next-token distribution at the last position — asking the model for that position only
 * (`num_logits_to_keep = 1`) when its export has the input, so the output head (151 936 × 896
 * for Qwen2.5) runs once instead of once per prompt token; explanations use `generate` with a
 * stopping criterion that honours the abort signal.
 */
import { progressCallback } from '../engines/transformersEnv';
import type { Progress } from '../progress';
import { type ChatMessage, type LlmEngine, type LlmStats, labelScoresFromLogits, throwIfAborted } from './engine';

interface TensorLike { dims: number[]; data: Float32Array | BigInt64Array }
interface Tokenized { input_ids: TensorLike; attention_mask: TensorLike; num_logits_to_keep?: TensorLike }
interface TokenizerLike {
  (text: string, opts?: Record<string, unknown>): Tokenized;
  apply_chat_template(messages: ChatMessage[], opts: Record<string, unknown>): string;
  encode(text: string, opts?: Record<string, unknown>): number[];
  decode(ids: number[], opts?: Record<string, unknown>): string;
}
interface ModelLike {
  (inputs: Tokenized): Promise<{ logits: TensorLike }>;
  sessions?: Record<string, { inputNames?: string[] }>;
  generate(opts: Record<string, unknown>): Promise<TensorLike>;
  dispose(): Promise<unknown>;
}

export interface TransformersLlmOptions {
  modelId: string;
  device: 'webgpu' | 'wasm' | 'cpu';
  dtype?: string;
  onProgress?: (p: Progress) => void;
  /** Expected prompt tokens per second before the first measurement (for the shown wait), if known. */
  priorPrefillTokensPerS?: number;
}

export async function loadTransformersLlm(opts: TransformersLlmOptions): Promise<LlmEngine> {
  const tf = await import('@huggingface/transformers');
  const progress_callback = progressCallback(opts.onProgress);
  const tokenizer = (await tf.AutoTokenizer.from_pretrained(opts.modelId, { progress_callback })) as unknown as TokenizerLike;
  const model = (await tf.AutoModelForCausalLM.from_pretrained(opts.modelId, {
    device: opts.device, dtype: (opts.dtype ?? 'q4') as 'q4', progress_callback,
  })) as unknown as ModelLike;

  /** Token ids that spell `label` as the first answer token ("A" and " A" where distinct). */
  const labelIds = (label: string) => [...new Set([label, ` ${label}`].map((t) => tokenizer.encode(t, { add_special_tokens: false })).filter((ids) => ids.length === 1).map((ids) => ids[0]))];
  const prompt = (messages: ChatMessage[]) => tokenizer(tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: true }) as string, { add_special_tokens: false });
  /** The export computes only the positions asked for (otherwise logits for every prompt token). */
  const lastOnly = Boolean(model.sessions?.model?.inputNames?.includes('num_logits_to_keep'));

  class StopOnAbort extends tf.StoppingCriteria {
    constructor(private readonly signal: AbortSignal) { super(); }
    _call(inputIds: number[][]): boolean[] { return inputIds.map(() => this.signal.aborted); }
  }

  /** Prompt tokens per ms of the last scoring pass here (the measured rate beats the prior). */
  let rate: number | null = opts.priorPrefillTokensPerS ? opts.priorPrefillTokensPerS / 1000 : null;

  return {
    modelId: opts.modelId,
    device: opts.device,
    estimateScoring(messages) {
      if (!rate) return null;
      const n = prompt(messages).input_ids.dims[1];
      return { promptTokens: n, ms: n / rate };
    },
    async labelProbabilities(messages, labels, signal) {
      throwIfAborted(signal);
      const inputs = prompt(messages);
      if (lastOnly) inputs.num_logits_to_keep = new tf.Tensor('int64', [1n], []) as unknown as TensorLike;
      const t0 = performance.now();
      const { logits } = await model(inputs);
      const prefillMs = performance.now() - t0;
      if (prefillMs > 0) rate = inputs.input_ids.dims[1] / prefillMs;
      const [, positions, vocab] = logits.dims;
      const seq = inputs.input_ids.dims[1];
      const row = (logits.data as Float32Array).subarray((positions - 1) * vocab, positions * vocab);
      const ids = labels.map(labelIds);
      const missing = labels.filter((_, i) => ids[i].length === 0);
      if (missing.length) throw new Error(`the model's vocabulary has no token for the label(s) ${missing.join(', ')}`);
      const { probs, labelMass } = labelScoresFromLogits(row, ids);
      const stats: LlmStats = { promptTokens: seq, generatedTokens: 0, prefillMs, decodeMs: 0 };
      return { probs, labelMass, logitPositions: positions, stats };
    },
    async generateJson(messages, request, signal, onText) {
      const maxTokens = request.maxTokens;
      throwIfAborted(signal);
      const inputs = prompt(messages);
      const promptTokens = inputs.input_ids.dims[1];
      const t0 = performance.now();
      // A streamer that sees every token: the first one ends the prefill, each one extends the text.
      let firstTokenAt = 0;
      let seenPrompt = false;
      const ids: number[] = [];
      let text = '';
      class TokenStreamer extends tf.BaseStreamer {
        put(value: bigint[][]): void {
          if (!seenPrompt) { seenPrompt = true; return; } // generate() first pushes the prompt
          if (!firstTokenAt) firstTokenAt = performance.now();
          ids.push(...value[0].map(Number));
          text = tokenizer.decode(ids, { skip_special_tokens: true });
          onText?.(text);
        }
        end(): void {}
      }
      const criteria = new tf.StoppingCriteriaList();
      criteria.push(new StopOnAbort(signal));
      await model.generate({ ...inputs, max_new_tokens: maxTokens, do_sample: false, streamer: new TokenStreamer(), stopping_criteria: criteria });
      throwIfAborted(signal);
      const end = performance.now();
      const first = firstTokenAt || end;
      return { text, finish: ids.length >= maxTokens ? 'length' : 'stop', stats: { promptTokens, generatedTokens: ids.length, prefillMs: first - t0, decodeMs: end - first } };
    },
    async dispose() {
      await model.dispose();
    },
  };
}
