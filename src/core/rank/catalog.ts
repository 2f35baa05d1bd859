/**
 * Language models the app offers (SPEC §5, §6): a default ~1B instruct model with a smaller
 * and a larger choice. On WebGPU (web-llm) the variant follows the adapter: `q4f16_1` when it
 * has `shader-f16`, else `q4f32_1`. Sizes are shown before anything is downloaded; they are
 * approximate (web-llm's own records give the memory need, the download is the weights'
 * size on the hub).
 */
import { downloadBytes } from '../engines/hubListing';

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
 * cores with a model of the default's architecture (Qwen2.5-0.5B, q4; README *Measured*): the
 * prior for the wait shown before the first scoring pass; later passes use the rate measured
 * on the person's own device. More threads than two are counted as two (not measured).
 */
export const WASM_PREFILL_TOKENS_PER_S: Record<number, number> = { 1: 28, 2: 48 };
/** Models of that architecture: the default and its generated stand-in (scripts/fixtures/qwenDecoder.ts). */
const QWEN_05B = new Set([DEFAULT_WASM_LLM, 'fixtures/qwen2.5-0.5b-perf', 'fixtures/qwen2.5-0.5b-perf-fullhead']);

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

/** Generated fixture decoders that exist only in fp32 (the perf-shape decoder is `q4`, as real models). */
const FP32_ONLY = new Set(['fixtures/tiny-decoder']);

/** Weights variant for a transformers.js model. */
export function transformersLlmDtype(modelId: string): string {
  return FP32_ONLY.has(modelId) ? 'fp32' : 'q4';
}
