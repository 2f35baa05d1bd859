/**
 * Which files transformers.js really fetches for each catalog model and weights variant, asked of
 * transformers.js itself (offline: its requests go through its own network hook, `env.fetch`, and
 * are answered here, the ONNX file with a 404, so it stops there), against the committed listing
 * of the hub's files and sizes. A wrong file name,
 * a variant missing from the listing, or a size the page would show wrongly fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env, AutoModelForCausalLM, AutoTokenizer, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qwenTokenizer } from '../../scripts/fixtures/qwenTokenizer';
import { FIXTURES_DIR } from '../../scripts/make-fixtures';
import { embedModels } from '../../src/core/models/catalog';
import { HUB_FILES, downloadBytes, transformersFiles } from '../../src/core/engines/hubListing';
import { DEFAULT_WASM_LLM, transformersLlmDownload, transformersLlmDtype } from '../../src/core/models/catalog';
import { transformersBase } from '../../src/core/models/cached';

const HOST = 'https://hub.invalid/';

/** Minimal but well-formed answers for everything but the weights. */
function answer(url: string): Response {
  const file = url.split('/resolve/main/')[1] ?? '';
  const json = (v: unknown) => new Response(JSON.stringify(v), { status: 200, headers: { 'content-type': 'application/json' } });
  const qwen = url.includes('Qwen2.5');
  if (file === 'config.json') {
    return json(qwen
      ? { model_type: 'qwen2', architectures: ['Qwen2ForCausalLM'], hidden_size: 896, num_attention_heads: 14, num_key_value_heads: 2, num_hidden_layers: 24, vocab_size: 151936 }
      : { model_type: 'bert', architectures: ['BertModel'], hidden_size: 384, num_attention_heads: 12, num_hidden_layers: 12 });
  }
  if (file === 'generation_config.json') return json({ eos_token_id: 151645 });
  if (file === 'tokenizer.json' || file === 'tokenizer_config.json') {
    if (qwen) return json(file === 'tokenizer.json' ? qwenTokenizer().tokenizer : qwenTokenizer().tokenizerConfig);
    return new Response(readFileSync(path.join(FIXTURES_DIR, 'tiny-encoder', file)), { status: 200 });
  }
  return new Response('not here', { status: 404 });
}

describe('the hub files transformers.js fetches', () => {
  const requested: string[] = [];
  const saved = { allowRemoteModels: env.allowRemoteModels, allowLocalModels: env.allowLocalModels, remoteHost: env.remoteHost, useFSCache: env.useFSCache, useBrowserCache: env.useBrowserCache, fetch: env.fetch };
  beforeAll(() => {
    Object.assign(env, {
      allowRemoteModels: true, allowLocalModels: false, remoteHost: HOST, useFSCache: false, useBrowserCache: false,
      fetch: async (input: string | URL) => {
        const url = typeof input === 'string' ? input : input.href;
        requested.push(url);
        return answer(url);
      },
    });
  });
  afterAll(() => {
    Object.assign(env, saved);
  });

  /** The files (relative to the model) transformers.js asked for while loading. */
  async function filesFetched(modelId: string, load: () => Promise<unknown>): Promise<string[]> {
    requested.length = 0;
    await load().catch(() => undefined); // it stops at the 404 of the weights
    const prefix = `${HOST}${modelId}/resolve/main/`;
    return [...new Set(requested.filter((u) => u.startsWith(prefix)).map((u) => u.slice(prefix.length)))].sort();
  }

  it('the WASM ranker (text generation, q4): exactly the listed files, and the size shown is their sum', async () => {
    const dtype = transformersLlmDtype(DEFAULT_WASM_LLM);
    const files = await filesFetched(DEFAULT_WASM_LLM, async () => {
      await AutoTokenizer.from_pretrained(DEFAULT_WASM_LLM);
      await AutoModelForCausalLM.from_pretrained(DEFAULT_WASM_LLM, { dtype: dtype as 'q4', device: 'cpu' });
    });
    expect(files).toEqual(transformersFiles('text-generation', dtype));
    for (const f of files) expect(HUB_FILES[DEFAULT_WASM_LLM].files[f], f).toBeGreaterThan(0);
    // Every file it fetched (and so every cache key it writes) is under the base the app looks its cache up by.
    const base = transformersBase(DEFAULT_WASM_LLM, { modelHost: HOST, origin: 'http://localhost' });
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) expect(url.startsWith(base), url).toBe(true);
    // 786 MB of weights (not the 483 MB of the q4f16 file) plus 7 MB of tokenizer.
    const bytes = downloadBytes(DEFAULT_WASM_LLM, 'text-generation', dtype)!;
    expect(bytes).toBe(793_196_719);
    expect(transformersLlmDownload(DEFAULT_WASM_LLM)).toBe(bytes);
  });

  it.each(Object.entries(embedModels()).filter(([id]) => !id.startsWith('fixtures/')))('the embedder %s (feature extraction, its catalog weights): exactly the listed files', async (modelId, model) => {
    const files = await filesFetched(modelId, () => pipeline('feature-extraction', modelId, { dtype: model.weights as 'q8', device: 'cpu' }));
    expect(files).toEqual(transformersFiles('feature-extraction', model.weights));
    for (const f of files) expect(HUB_FILES[modelId].files[f], f).toBeGreaterThan(0);
    expect(downloadBytes(modelId, 'feature-extraction', model.weights)).toBe(683 + 711_396 + 366 + 34_014_426);
  });

  it('every variant of the listing maps to a file transformers.js would ask for', () => {
    expect(transformersFiles('text-generation', 'q4f16')).toContain('onnx/model_q4f16.onnx');
    expect(transformersFiles('feature-extraction', 'fp32')).toContain('onnx/model.onnx');
    expect(downloadBytes(DEFAULT_WASM_LLM, 'text-generation', 'q4f16')).toBe(490_035_255 + 678 + 242 + 7_306);
    expect(downloadBytes('no/such-model', 'text-generation', 'q4')).toBeNull();
    expect(() => transformersFiles('text-generation', 'q3')).toThrow(/unknown weights variant/);
  });
});
