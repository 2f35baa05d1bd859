/**
 * Every model the app knows, in one place (SPEC §4, §5, §6): the embedding models (dimensions,
 * pooling, weights — one variant per model for the pool and the query alike) and the language
 * models of the ranking chain (the WebGPU choices with their sizes, the WASM model, their weights
 * and measured speeds). A model outside the catalog still runs with the most common settings.
 * Generated test models are not here: a build or a tool made for tests registers them
 * (`registerModels`, src/testing/fixtureModels.ts).
 *
 * On WebGPU (web-llm) the variant follows the adapter: `q4f16_1` when it has `shader-f16`, else
 * `q4f32_1`. Sizes are shown before anything is downloaded; they are approximate (web-llm's own
 * records give the memory need, the download is the weights' size on the hub).
 */
import { downloadBytes } from '../engines/hubListing';

export type Pooling = 'cls' | 'mean';

/**
 * An embedding model (SPEC §4: pooled and normalised as it was trained). `prefix` is put before
 * every text where a model wants an instruction for symmetric similarity (profile to profile);
 * bge-en-v1.5 wants none (its instruction is for short queries against long passages).
 */
export interface EmbedModel {
  dims: number;
  pooling: Pooling;
  weights: string;
  prefix: string;
}

export const DEFAULT_EMBED_MODEL = 'Xenova/bge-small-en-v1.5';

const EMBED_MODELS: Record<string, EmbedModel> = {
  // bge is trained with CLS pooling; q8 is the 34 MB file a WASM user loads.
  [DEFAULT_EMBED_MODEL]: { dims: 384, pooling: 'cls', weights: 'q8', prefix: '' },
};

/** A model outside the catalog: mean pooling and fp32, the most common sentence-transformers setup. */
const UNKNOWN_EMBED: Omit<EmbedModel, 'dims'> = { pooling: 'mean', weights: 'fp32', prefix: '' };

export function embedModel(modelId: string): Omit<EmbedModel, 'dims'> & { dims?: number } {
  return EMBED_MODELS[modelId] ?? UNKNOWN_EMBED;
}

/**
 * What loading an embedding model downloads (bytes, from the hub listing: bge-small's `q8`
 * files are ≈ 34.7 MB), or null when unknown.
 */
export function embedModelDownload(modelId: string): number | null {
  return downloadBytes(modelId, 'feature-extraction', embedModel(modelId).weights);
}

/** The embedding models in the catalog, by id. */
export function embedModels(): Readonly<Record<string, EmbedModel>> {
  return EMBED_MODELS;
}

export interface LlmChoice {
  key: string;
  label: string;
  role: 'smaller' | 'default' | 'larger';
  webllm: { q4f16_1: string; q4f32_1: string };
  /** Approximate download and memory need, in MB, per variant. */
  downloadMB: { q4f16_1: number; q4f32_1: number };
  memoryMB: { q4f16_1: number; q4f32_1: number };
}

export const LLM_CATALOG: readonly LlmChoice[] = [
  {
    key: 'qwen2.5-0.5b', label: 'Qwen2.5 0.5B Instruct', role: 'smaller',
    webllm: { q4f16_1: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', q4f32_1: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC' },
    downloadMB: { q4f16_1: 280, q4f32_1: 290 }, memoryMB: { q4f16_1: 945, q4f32_1: 1060 },
  },
  {
    key: 'llama-3.2-1b', label: 'Llama 3.2 1B Instruct', role: 'default',
    webllm: { q4f16_1: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', q4f32_1: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' },
    downloadMB: { q4f16_1: 700, q4f32_1: 720 }, memoryMB: { q4f16_1: 879, q4f32_1: 1129 },
  },
  {
    key: 'llama-3.2-3b', label: 'Llama 3.2 3B Instruct', role: 'larger',
    webllm: { q4f16_1: 'Llama-3.2-3B-Instruct-q4f16_1-MLC', q4f32_1: 'Llama-3.2-3B-Instruct-q4f32_1-MLC' },
    downloadMB: { q4f16_1: 1800, q4f32_1: 1850 }, memoryMB: { q4f16_1: 2264, q4f32_1: 2952 },
  },
];

export const DEFAULT_LLM = 'llama-3.2-1b';

/** The small 4-bit model for the WASM engine (transformers.js, `q4`). */
export const DEFAULT_WASM_LLM = 'onnx-community/Qwen2.5-0.5B-Instruct';

/**
 * Prompt tokens per second of the WASM ranker's scoring pass, by WASM threads, measured on two
 * cores with a model of the default's architecture in the published export's layout
 * (Qwen2.5-0.5B, q4, no `num_logits_to_keep`: the head runs for every prompt position; README
 * *Measured*): 2 threads, 251 tokens in 6.9 s (36/s); 1 thread, 247 tokens in 13 s (19/s). The
 * prior for the wait shown before the first scoring pass; later passes use the rate measured on
 * the person's own device. More threads than two are counted as two (not measured).
 */
export const WASM_PREFILL_TOKENS_PER_S: Record<number, number> = { 1: 19, 2: 36 };
/** Transformers.js language models of the default's architecture (their measured rate applies). */
const QWEN_05B = new Set([DEFAULT_WASM_LLM]);

/** The measured rate for `modelId` on WASM with `threads`, or undefined for a model not measured. */
export function wasmPrefillPrior(modelId: string, threads: number): number | undefined {
  return QWEN_05B.has(modelId) ? WASM_PREFILL_TOKENS_PER_S[Math.min(2, Math.max(1, threads))] : undefined;
}

/** What loading a transformers.js ranking model downloads (bytes, from the hub listing), or null when unknown. */
export function transformersLlmDownload(modelId: string): number | null {
  return downloadBytes(modelId, 'text-generation', transformersLlmDtype(modelId));
}

export type WebLlmVariant = 'q4f16_1' | 'q4f32_1';

/** Checked on the adapter ourselves: several web-llm records do not declare shader-f16. */
export function webllmVariant(shaderF16: boolean | null): WebLlmVariant {
  return shaderF16 ? 'q4f16_1' : 'q4f32_1';
}

export function llmChoice(key: string): LlmChoice {
  return LLM_CATALOG.find((c) => c.key === key) ?? LLM_CATALOG.find((c) => c.key === DEFAULT_LLM)!;
}

/** Transformers.js language models whose only weights are fp32 (real models are loaded as `q4`). */
const FP32_ONLY = new Set<string>();

/** Weights variant for a transformers.js model. */
export function transformersLlmDtype(modelId: string): string {
  return FP32_ONLY.has(modelId) ? 'fp32' : 'q4';
}

/** Models made for tests, known to a build or a tool made for tests only (src/testing/fixtureModels.ts). */
export interface ExtraModels {
  embed?: Record<string, EmbedModel>;
  /** Transformers.js language models: `fp32` weights only, and whether the default's measured rate applies. */
  llm?: Record<string, { fp32Only?: boolean; defaultArchitecture?: boolean }>;
}

export function registerModels(extra: ExtraModels): void {
  Object.assign(EMBED_MODELS, extra.embed ?? {});
  for (const [id, m] of Object.entries(extra.llm ?? {})) {
    if (m.fp32Only) FP32_ONLY.add(id);
    if (m.defaultArchitecture) QWEN_05B.add(id);
  }
}
