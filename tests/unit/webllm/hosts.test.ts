/**
 * web-llm's records moved to the configured hosts (appConfig.ts), the adapter chosen for the
 * shader-f16 check (detect.ts) and the load progress (loadProgress.ts), against web-llm 0.2.79's
 * real records, library prefix and progress texts.
 */
import { describe, expect, it } from 'vitest';
import { detectDevice, type GpuAdapterLike } from '../../../src/core/device/detect';
import { llmChoice, LLM_CATALOG } from '../../../src/core/models/catalog';
import { HF_HUB, moveRecord, normaliseHost, webllmAppConfig } from '../../../src/core/rank/webllm/appConfig';
import { webllmProgress } from '../../../src/core/rank/webllm/loadProgress';
import type { Progress } from '../../../src/core/progress';
import { webllmInternals } from './harness';

const origin = 'http://localhost:4173';
const hosts = (modelHost: string, libHost = '') => ({ modelHost, libHost, cache: 'cache' as const, origin });

describe('model and library hosts', async () => {
  const { webllm } = await webllmInternals();
  const prebuilt = webllm.prebuiltAppConfig;
  const prefix = webllm.modelLibURLPrefix;
  const id = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
  const original = prebuilt.model_list.find((r) => r.model_id === id)!;

  it('every catalog model is in web-llm’s records, with a library of its version folder', () => {
    for (const c of LLM_CATALOG) for (const modelId of Object.values(c.webllm)) {
      const r = prebuilt.model_list.find((x) => x.model_id === modelId);
      expect(r, modelId).toBeDefined();
      expect(r!.model_lib.startsWith(`${prefix}${webllm.modelVersion}/`)).toBe(true);
    }
  });

  it('the hub spelled without its slash is the hub: nothing moves', () => {
    for (const h of ['https://huggingface.co', 'https://huggingface.co/', 'https://huggingface.co/?x=1']) {
      const r = moveRecord(original, prefix, hosts(h));
      expect(r.model).toBe(original.model);
      expect(r.model_lib).toBe(original.model_lib);
    }
  });

  it('a mirror moves the weights, never the library (hubs do not serve web-llm’s libraries)', () => {
    const r = moveRecord(original, prefix, hosts('https://hf-mirror.com'));
    expect(r.model).toBe('https://hf-mirror.com/mlc-ai/Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(r.model_lib).toBe(original.model_lib);
  });

  it('a same-origin model path resolves against the origin', () => {
    expect(moveRecord(original, prefix, hosts('/models')).model).toBe(`${origin}/models/mlc-ai/Llama-3.2-1B-Instruct-q4f16_1-MLC`);
  });

  it('only a configured library host moves the library, and web-llm’s version folder is kept', () => {
    const r = moveRecord(original, prefix, hosts('/models/', '/libs'));
    expect(r.model_lib).toBe(`${origin}/libs/${webllm.modelVersion}/Llama-3.2-1B-Instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm`);
    expect(moveRecord(original, prefix, hosts('/models/', 'https://cdn.example/web-llm/')).model_lib)
      .toBe(`https://cdn.example/web-llm/${webllm.modelVersion}/Llama-3.2-1B-Instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm`);
  });

  it('q4f16 records declare shader-f16 (web-llm’s do not), q4f32 records need nothing', () => {
    expect(original.required_features).toBeUndefined();
    expect(moveRecord(original, prefix, hosts(HF_HUB)).required_features).toEqual(['shader-f16']);
    const f32 = prebuilt.model_list.find((r) => r.model_id === llmChoice('llama-3.2-1b').webllm.q4f32_1)!;
    expect(moveRecord(f32, prefix, hosts(HF_HUB)).required_features).toBeUndefined();
  });

  it('the cache backend is passed the way web-llm 0.2.79 reads it', () => {
    expect(webllmAppConfig(prebuilt, prefix, id, { ...hosts(HF_HUB), cache: 'indexeddb' }).useIndexedDBCache).toBe(true);
    expect(webllmAppConfig(prebuilt, prefix, id, hosts(HF_HUB)).useIndexedDBCache).toBe(false);
    expect(() => webllmAppConfig(prebuilt, prefix, 'No-Such-Model', hosts(HF_HUB))).toThrow(/no model/);
  });

  it('a host that is not http(s) is not a host', () => {
    expect(normaliseHost('javascript:alert(1)', origin)).toBeNull();
    expect(normaliseHost('', origin)).toBeNull();
  });
});

describe('the adapter the shader-f16 check reads', () => {
  const adapter = (f16: boolean): GpuAdapterLike => ({ features: { has: (n) => f16 && n === 'shader-f16' }, limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30 }, info: { vendor: f16 ? 'discrete' : 'integrated' } });
  // A two-GPU machine: the default adapter is the integrated one without shader-f16.
  const gpu = { requestAdapter: async (o?: { powerPreference?: string }) => adapter(o?.powerPreference === 'high-performance') };

  it('is the high-performance one, as web-llm requests it', async () => {
    const d = await detectDevice(gpu, { crossOriginIsolated: true, hardwareConcurrency: 4 });
    expect(d).toMatchObject({ webgpu: true, shaderF16: true, adapter: 'discrete', limits: { maxBufferSize: 2 ** 30 } });
  });

  it('no WebGPU, or no adapter: no f16, no limits', async () => {
    expect(await detectDevice(undefined, { crossOriginIsolated: false, hardwareConcurrency: 2 })).toMatchObject({ webgpu: false, shaderF16: null, limits: null });
    expect(await detectDevice({ requestAdapter: async () => null }, { crossOriginIsolated: false, hardwareConcurrency: 2 })).toMatchObject({ webgpu: false });
  });
});

describe('load progress', () => {
  const run = (texts: [number, string][]) => {
    const seen: Progress[] = [];
    const report = webllmProgress('m', 1000, (p) => seen.push(p));
    for (const [progress, text] of texts) report({ progress, text });
    return seen;
  };
  // Texts as web-llm 0.2.79's runtime writes them (tvmjs fetchNDArrayCache, asyncLoadWebGPUPipelines).
  const download: [number, string][] = [
    [0, 'Start to fetch params'],
    [0.3, 'Fetching param cache[0/3]: 90MB fetched. 30% completed, 1 secs elapsed.'],
    [0.6, 'Fetching param cache[1/3]: 180MB fetched. 60% completed, 2 secs elapsed.'],
    [1, 'Fetching param cache[2/3]: 295MB fetched. 100% completed, 3 secs elapsed.'],
    [1, 'Loading model from cache[1/3]: 295MB loaded. 100% completed, 4 secs elapsed.'],
    [1, 'Loading model from cache[3/3]: 295MB loaded. 100% completed, 5 secs elapsed.'],
    [0.5, 'Loading GPU shader modules[36/73]: 49% completed, 9 secs elapsed.'],
    [1, 'Loading GPU shader modules[73/73]: 100% completed, 12 secs elapsed.'],
    [1, 'Finish loading on WebGPU - google'],
  ];

  it('is one bar that only goes up, through named phases, to 100 %', () => {
    const seen = run(download);
    const fractions = seen.map((p) => p.loaded / p.total);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(new Set(fractions).size).toBeGreaterThan(5);
    expect(seen.map((p) => p.phase)).toEqual(['download', 'download', 'download', 'cache', 'cache', 'compile', 'compile', 'compile']);
    expect(seen.at(-1)).toMatchObject({ loaded: 1000, total: 1000 });
  });

  it('a cached load is never shown as a download, and its counters drive the bar', () => {
    const seen = run([
      [0, 'Start to fetch params'],
      [0, 'Loading model from cache[1/3]: 0MB loaded. 0% completed, 1 secs elapsed.'],
      [0, 'Loading model from cache[3/3]: 0MB loaded. 0% completed, 2 secs elapsed.'],
      [1, 'Loading GPU shader modules[73/73]: 100% completed, 5 secs elapsed.'],
      [1, 'Finish loading on WebGPU - google'],
    ]);
    expect(seen.some((p) => p.phase === 'download')).toBe(false);
    expect(seen.map((p) => p.loaded)).toEqual([167, 500, 1000, 1000]);
  });
});
