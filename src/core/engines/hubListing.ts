/**
 * What the transformers.js models of the catalog really download (SPEC §8: "before a model's
 * first download the page says … its true size"): the hub files of each model with their sizes
 * in bytes, and which of them transformers.js fetches for a task and a weights variant.
 *
 * The sizes are the hub's, at the revisions named, as public projects that pin these files by
 * size and SHA-256 record them (the hub itself cannot be reached from where this is built):
 *
 * - onnx-community/Qwen2.5-0.5B-Instruct @ cc5cc01a65cc3ff17bdb73a7de33d879f62599b0 —
 *   github.com/kou971223/project-infinity `docs/IOS_STARTUP_FIX.md` @ 2f0e7a98 ("q4 786156820
 *   bytes, q8 512096557 bytes, q4f16 483003582 bytes") and `chatlearn/config.js` @ aa4933b8
 *   ("checked against the pinned ONNX bytes on 2026-10-02"); github.com/axonzeta/aibrow
 *   `src/web-library/frame/AI/AIModelManager.ts` @ 24ceb4cc (model_q4.onnx, config.json,
 *   generation_config.json, tokenizer_config.json); github.com/XiaoXiaoSN/magic-box
 *   `docs/local-ai.md` @ 071cac61 (q4f16 and the total with tokenizer.json).
 * - Xenova/bge-small-en-v1.5 @ ea104dacec62c0de699686887e3f920caeb4f3e3 —
 *   github.com/memory-graph/exocortex `scripts/fetch-embedding-model.sh` @ 2d33cb9c (model.onnx,
 *   tokenizer.json, config.json, tokenizer_config.json, special_tokens_map.json, each with its
 *   SHA-256); model_quantized.onnx (34 014 426 B, SHA-256 6c9c6101…) as pinned by several
 *   projects in the same index.
 *
 * Read on 2026-12-01. `tests/unit/hubListing.test.ts` asks transformers.js itself which files it
 * fetches for each catalog model and variant and checks them against this listing, so a wrong
 * file name or a file missing here fails a test.
 */

export interface HubModel {
  revision: string;
  /** File path in the repository → size in bytes. */
  files: Record<string, number>;
}

export const HUB_LISTING_READ = '2026-12-01';

export const HUB_FILES: Record<string, HubModel> = {
  'onnx-community/Qwen2.5-0.5B-Instruct': {
    revision: 'cc5cc01a65cc3ff17bdb73a7de33d879f62599b0',
    files: {
      'config.json': 678,
      'generation_config.json': 242,
      'tokenizer.json': 7_031_673,
      'tokenizer_config.json': 7_306,
      'onnx/model_q4.onnx': 786_156_820,
      'onnx/model_q4f16.onnx': 483_003_582,
      'onnx/model_quantized.onnx': 512_096_557,
      'onnx/model_int8.onnx': 512_096_557,
    },
  },
  'Xenova/bge-small-en-v1.5': {
    revision: 'ea104dacec62c0de699686887e3f920caeb4f3e3',
    files: {
      'config.json': 683,
      'tokenizer.json': 711_396,
      'tokenizer_config.json': 366,
      'special_tokens_map.json': 125,
      'onnx/model.onnx': 133_093_490,
      'onnx/model_quantized.onnx': 34_014_426,
      'onnx/model_fp16.onnx': 66_749_212,
      'onnx/model_q4f16.onnx': 36_190_171,
    },
  },
};

/** transformers.js' file name for each weights variant (its `DEFAULT_DTYPE_SUFFIX_MAPPING`). */
const SUFFIX: Record<string, string> = {
  fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', q4f16: '_q4f16', bnb4: '_bnb4',
};

export type ModelTask = 'text-generation' | 'feature-extraction';

/** The files transformers.js fetches to load a model for `task` with weights `dtype`. */
export function transformersFiles(task: ModelTask, dtype: string): string[] {
  const suffix = SUFFIX[dtype];
  if (suffix === undefined) throw new Error(`unknown weights variant ${dtype}`);
  const common = ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${suffix}.onnx`];
  return task === 'text-generation' ? [...common, 'generation_config.json'].sort() : common.sort();
}

/** The true download of a catalog model (bytes), or null when it is not in the listing. */
export function downloadBytes(modelId: string, task: ModelTask, dtype: string): number | null {
  const model = HUB_FILES[modelId];
  if (!model) return null;
  let total = 0;
  for (const f of transformersFiles(task, dtype)) {
    const size = model.files[f];
    if (size === undefined) return null;
    total += size;
  }
  return total;
}
