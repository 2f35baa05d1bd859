/**
 * Model downloads as the page shows them (src/ui/modelDownloads.ts): one entry per model over
 * all its files, with phase, rate and time left; and which models are cached on this device
 * (src/core/models/cached.ts).
 */
import { describe, expect, it } from 'vitest';
import { type Progress, forModel } from '../../src/core/progress';
import { type CacheStorageLike, TRANSFORMERS_CACHE, WEBLLM_MODEL_CACHE, cachedModels, transformersCached, transformersWeights } from '../../src/core/models/cached';
import { type ModelDownload, describeDownload, expectedModelBytes, fmtSize, fmtTimeLeft, ingestProgress } from '../../src/ui/modelDownloads';

const EMBED = 'Xenova/bge-small-en-v1.5';
const WASM = 'onnx-community/Qwen2.5-0.5B-Instruct';
const noExpected = { expectedBytes: () => null };

/** Feed reports at the times given; returns the entries after the last. */
function feed(reports: [number, Progress][], opts = noExpected as Parameters<typeof ingestProgress>[3]): ModelDownload[] {
  let list: ModelDownload[] = [];
  for (const [t, p] of reports) list = ingestProgress(list, p, t, opts);
  return list;
}

describe('one entry per model', () => {
  it('two models’ files of the same name stay apart', () => {
    const list = feed([
      [0, { file: 'config.json', loaded: 600, total: 600, model: EMBED, role: 'embedder' }],
      [10, { file: 'config.json', loaded: 700, total: 700, model: WASM, role: 'wasm ranker' }],
      [20, { file: 'onnx/model_quantized.onnx', loaded: 1000, total: 34_000_000, model: EMBED, role: 'embedder' }],
    ]);
    expect(list.map((d) => [d.role, d.model])).toEqual([['embedder', EMBED], ['wasm ranker', WASM]]);
    const [embed, wasm] = list;
    expect(embed.files.map((f) => f.file)).toEqual(['config.json', 'onnx/model_quantized.onnx']);
    expect(embed.loaded).toBe(1600);
    expect(embed.total).toBe(34_000_600);
    expect(wasm.loaded).toBe(700);
    expect(wasm.files).toHaveLength(1);
  });

  it('the same model in two roles is two entries; a file of no model is an entry of its own', () => {
    const list = feed([
      [0, { file: 'config.json', loaded: 1, total: 2, model: WASM, role: 'wasm ranker' }],
      [0, { file: 'config.json', loaded: 1, total: 2, model: WASM, role: 'custom' }],
      [0, { file: 'bge.bin', loaded: 5, total: 10 }],
    ]);
    expect(list.map((d) => d.key)).toHaveLength(3);
    expect(list[2]).toMatchObject({ model: 'bge.bin', role: null, phase: 'download' });
    expect(describeDownload(list[2])).toMatch(/^Download: bge\.bin — downloading/);
  });

  it('a later report of a file replaces the earlier one; the list given is not changed', () => {
    const first = feed([[0, { file: 'a', loaded: 10, total: 100, model: EMBED, role: 'embedder' }]]);
    const next = ingestProgress(first, { file: 'a', loaded: 60, total: 100, model: EMBED, role: 'embedder' }, 1000, noExpected);
    expect(first[0].loaded).toBe(10);
    expect(next[0].loaded).toBe(60);
    expect(next[0].files).toHaveLength(1);
  });

  it('the catalog’s size stands for files not started yet, and the model is done only when all is in', () => {
    // bge-small q8: 34 727 xxx bytes in the catalog's hub listing.
    const expected = expectedModelBytes(EMBED, 'embedder')!;
    expect(expected).toBeGreaterThan(34_000_000);
    expect(expected).toBeLessThan(35_000_000);
    let list = feed([[0, { file: 'config.json', loaded: 683, total: 683, model: EMBED, role: 'embedder' }]], {});
    expect(list[0].total).toBe(expected);
    expect(list[0].done).toBe(false);
    for (const [file, size] of [['tokenizer.json', 711_396], ['tokenizer_config.json', 366], ['onnx/model_quantized.onnx', 34_014_426]] as const) {
      list = ingestProgress(list, { file, loaded: size, total: size, model: EMBED, role: 'embedder' }, 100, {});
    }
    expect(list[0].loaded).toBe(expected);
    expect(list[0].total).toBe(expected);
    expect(list[0].done).toBe(true);
    expect(list[0].etaMs).toBeNull();
    expect(describeDownload(list[0])).toBe(`Embedder: ${EMBED} — downloaded, 35 MB`);
    // web-llm reports its own total: the catalog is not asked.
    expect(expectedModelBytes('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 'webgpu ranker')).toBeNull();
    expect(expectedModelBytes(WASM, 'wasm ranker')).toBe(793_196_719);
  });
});

describe('rate and time left', () => {
  it('bytes per second over the window, and the time left at that rate', () => {
    const p = (loaded: number): Progress => ({ file: 'onnx/model_q4.onnx', loaded, total: 793e6, model: WASM, role: 'wasm ranker' });
    const list = feed([[0, p(0)], [1000, p(4.2e6)], [2000, p(8.4e6)], [3000, p(12.6e6)]]);
    const d = list[0];
    expect(d.rate).toBeCloseTo(4.2e6, -3);
    expect(d.etaMs! / 1000).toBeCloseTo((793e6 - 12.6e6) / 4.2e6, 0);
    expect(describeDownload(d)).toBe(`WASM ranker: ${WASM} — downloading 13 MB of 793 MB, 4.2 MB/s, about 3 min left`);
  });

  it('only the last few seconds count', () => {
    const p = (loaded: number): Progress => ({ file: 'w', loaded, total: 100e6, model: EMBED, role: 'embedder' });
    // 10 MB/s for 10 s, then 1 MB/s: after 5 s more the rate is the new one.
    const reports: [number, Progress][] = [];
    for (let s = 0; s <= 10; s++) reports.push([s * 1000, p(s * 10e6 / 2)]);
    for (let s = 1; s <= 6; s++) reports.push([10_000 + s * 1000, p(50e6 + s * 1e6)]);
    const d = feed(reports, { ...noExpected, windowMs: 5000 })[0];
    expect(d.rate).toBeCloseTo(1e6, -3);
  });

  it('no rate from one report, or from reports a moment apart', () => {
    const p = (loaded: number): Progress => ({ file: 'w', loaded, total: 100, model: EMBED, role: 'embedder' });
    expect(feed([[0, p(1)]])[0]).toMatchObject({ rate: null, etaMs: null });
    expect(feed([[0, p(1)], [10, p(50)]])[0]).toMatchObject({ rate: null, etaMs: null });
  });

  it('a file that starts over starts the measurement over', () => {
    const p = (loaded: number): Progress => ({ file: 'w', loaded, total: 100e6, model: EMBED, role: 'embedder' });
    const d = feed([[0, p(0)], [1000, p(50e6)], [2000, p(1e6)], [2100, p(2e6)]])[0];
    expect(d.loaded).toBe(2e6);
    expect(d.samples.map((s) => s.t)).toEqual([2000, 2100]);
  });
});

describe('phases', () => {
  const MLC = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
  const wl = (loaded: number, phase: Progress['phase']): Progress => ({ file: `${MLC} (web-llm)`, loaded, total: 1000e6, phase, model: MLC, role: 'webgpu ranker' });

  it('web-llm’s bar goes through download, cache and compile; the rate is measured per phase', () => {
    let list = feed([[0, wl(0, 'download')], [1000, wl(100e6, 'download')]]);
    expect(list[0]).toMatchObject({ phase: 'download', rate: 100e6 });
    list = ingestProgress(list, wl(700e6, 'cache'), 7000, noExpected);
    expect(list[0].phase).toBe('cache');
    expect(list[0].samples).toHaveLength(1);
    // No rate (nor time left) until the new phase has been measured.
    expect(list[0]).toMatchObject({ rate: null, etaMs: null });
    expect(describeDownload(list[0])).toMatch(new RegExp(`^WebGPU ranker: ${MLC} — loading from this device 70 %`));
    list = ingestProgress(list, wl(850e6, 'compile'), 8000, noExpected);
    list = ingestProgress(list, wl(865e6, 'compile'), 9000, noExpected);
    expect(list[0]).toMatchObject({ phase: 'compile', rate: 15e6 });
    expect(describeDownload(list[0])).toBe(`WebGPU ranker: ${MLC} — preparing for the GPU 86 %, about 10 s left`);
    list = ingestProgress(list, wl(1000e6, 'compile'), 10_000, noExpected);
    expect(list[0].done).toBe(true);
    expect(describeDownload(list[0])).toBe(`WebGPU ranker: ${MLC} — ready, 1.00 GB`);
    expect(list).toHaveLength(1);
  });

  it('a report without a phase is a download; an index is counted in profiles', () => {
    expect(feed([[0, { file: 'x', loaded: 1, total: 2, model: EMBED, role: 'embedder' }]])[0].phase).toBe('download');
    const idx = feed([
      [0, { file: `index:${EMBED}`, loaded: 0, total: 10_000, phase: 'index', model: EMBED, role: 'embedder' }],
      [2000, { file: `index:${EMBED}`, loaded: 1000, total: 10_000, phase: 'index', model: EMBED, role: 'embedder' }],
    ])[0];
    expect(describeDownload(idx)).toBe(`Embedder: ${EMBED} — indexing 1000 of 10000 profiles, 500 profiles/s, about 20 s left`);
  });
});

describe('words', () => {
  it('sizes and waits', () => {
    expect(fmtSize(120_400_000)).toBe('120 MB');
    expect(fmtSize(4_230_000)).toBe('4.2 MB');
    expect(fmtSize(12_000)).toBe('12 kB');
    expect(fmtSize(1_800_000_000)).toBe('1.80 GB');
    expect(fmtTimeLeft(2000)).toBe('a few seconds left');
    expect(fmtTimeLeft(42_000)).toBe('about 40 s left');
    expect(fmtTimeLeft(125_000)).toBe('about 2 min left');
  });
  it('an unknown total shows what came so far', () => {
    const d = feed([[0, { file: 'x', loaded: 2_500_000, total: 0, model: 'fixtures/tiny-encoder', role: 'embedder' }]])[0];
    expect(d.total).toBe(2_500_000); // a file of unknown size counts what it has
    const none = feed([[0, { file: 'x', loaded: 0, total: 0, model: 'fixtures/tiny-encoder', role: 'embedder' }]])[0];
    expect(none.total).toBe(0);
    expect(describeDownload(none)).toBe('Embedder: fixtures/tiny-encoder — downloading 0 B');
  });
});

// ---- cached on this device ------------------------------------------------------------------

/** A fake CacheStorage: cache name → URL → body. */
function fakeCaches(content: Record<string, Record<string, unknown>>): CacheStorageLike & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    keys: async () => Object.keys(content),
    open: async (name) => {
      opened.push(name);
      const entries = content[name] ?? {};
      return {
        keys: async () => Object.keys(entries).map((url) => ({ url })),
        match: async (url) => (url in entries ? { json: async () => entries[url] } : undefined),
      };
    },
  };
}

const HF = 'https://huggingface.co';
const MLC16 = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
const MLC32 = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const base = (id: string) => `${HF}/mlc-ai/${id}/resolve/main/`;

describe('cachedModels', () => {
  it('knows the weights file transformers.js fetches for a catalog model', () => {
    expect(transformersWeights(EMBED, 'feature-extraction')).toBe('onnx/model_quantized.onnx');
    expect(transformersWeights(WASM, 'text-generation')).toBe('onnx/model_q4.onnx');
    expect(transformersWeights('someone/unknown', 'feature-extraction')).toBeUndefined();
    expect(transformersWeights('someone/unknown', 'text-generation')).toBeUndefined();
  });

  it('a transformers.js model is cached when its weights file is; another variant or another model is not', async () => {
    const storage = fakeCaches({
      [TRANSFORMERS_CACHE]: {
        [`${HF}/${EMBED}/resolve/main/config.json`]: {},
        [`${HF}/${EMBED}/resolve/main/onnx/model_quantized.onnx`]: {},
        [`${HF}/${WASM}/resolve/main/config.json`]: {},
        [`${HF}/${WASM}/resolve/main/onnx/model_q4f16.onnx`]: {},
        'http://localhost:5173/models/fixtures/tiny-encoder/onnx/model.onnx': {},
      },
      unrelated: { [`${HF}/${WASM}/resolve/main/onnx/model_q4.onnx`]: {} },
    });
    const got = await cachedModels([
      { id: EMBED, engine: 'transformers', weights: transformersWeights(EMBED, 'feature-extraction') },
      { id: WASM, engine: 'transformers', weights: transformersWeights(WASM, 'text-generation') },
      { id: 'fixtures/tiny-encoder', engine: 'transformers' },
      { id: 'fixtures/tiny', engine: 'transformers' }, // a prefix of another id is not that model
    ], storage);
    expect([...got].sort()).toEqual([EMBED, 'fixtures/tiny-encoder']);
    expect(storage.opened).not.toContain('unrelated');
  });

  it('a web-llm model is cached when every shard its ndarray-cache.json names is there', async () => {
    const storage = fakeCaches({
      [WEBLLM_MODEL_CACHE]: {
        [`${base(MLC16)}ndarray-cache.json`]: { records: [{ dataPath: 'params_shard_0.bin' }, { dataPath: 'params_shard_1.bin' }] },
        [`${base(MLC16)}params_shard_0.bin`]: {},
        [`${base(MLC16)}params_shard_1.bin`]: {},
        // q4f32_1: one shard of two (an interrupted download)
        [`${base(MLC32)}ndarray-cache.json`]: { records: [{ dataPath: 'params_shard_0.bin' }, { dataPath: 'params_shard_1.bin' }] },
        [`${base(MLC32)}params_shard_0.bin`]: {},
      },
      'webllm/config': { [`${base('Llama-3.2-1B-Instruct-q4f16_1-MLC')}mlc-chat-config.json`]: {} },
    });
    const got = await cachedModels([MLC16, MLC32, 'Llama-3.2-1B-Instruct-q4f16_1-MLC'].map((id) => ({ id, engine: 'webllm' as const })), storage);
    expect([...got]).toEqual([MLC16]);
  });

  it('a transformers.js load is named a read from this device when its weights are cached from the host in use, else a download', async () => {
    const storage = fakeCaches({ [TRANSFORMERS_CACHE]: { [`${HF}/${EMBED}/resolve/main/onnx/model_quantized.onnx`]: {} } });
    const hub = { modelHost: `${HF}/`, origin: 'http://localhost:5173' };
    expect(await transformersCached(EMBED, 'feature-extraction', hub, storage)).toBe(true);
    expect(await transformersCached(WASM, 'text-generation', hub, storage)).toBe(false);
    // Fetched from the hub, not from the mirror now set: the mirror's files are downloaded.
    expect(await transformersCached(EMBED, 'feature-extraction', { ...hub, modelHost: 'https://mirror.example/hf' }, storage)).toBe(false);
    const seen: Progress[] = [];
    const report = forModel((p) => seen.push(p), EMBED, 'embedder', 'cache');
    report?.({ file: 'onnx/model_quantized.onnx', loaded: 10, total: 100 });
    report?.({ file: 'x', loaded: 1, total: 2, phase: 'compile' });
    expect(seen).toEqual([
      { file: 'onnx/model_quantized.onnx', loaded: 10, total: 100, model: EMBED, role: 'embedder', phase: 'cache' },
      { file: 'x', loaded: 1, total: 2, model: EMBED, role: 'embedder', phase: 'compile' },
    ]);
    expect(describeDownload(feed(seen.slice(0, 1).map((p) => [0, p]))[0])).toMatch(/^Embedder: .* — loading from this device 10 %$/);
  });

  it('an unreadable index, no Cache Storage or a refusing one: nothing is cached, nothing thrown', async () => {
    const bad = fakeCaches({ [WEBLLM_MODEL_CACHE]: { [`${base(MLC16)}ndarray-cache.json`]: 'not an index' } });
    expect((await cachedModels([{ id: MLC16, engine: 'webllm' }], bad)).size).toBe(0);
    expect((await cachedModels([{ id: EMBED, engine: 'transformers' }], undefined)).size).toBe(0);
    const refusing: CacheStorageLike = { keys: () => Promise.reject(new DOMException('denied', 'SecurityError')), open: () => Promise.reject(new Error('no')) };
    expect((await cachedModels([{ id: EMBED, engine: 'transformers' }], refusing)).size).toBe(0);
  });
});

describe('many reports', () => {
  it('reports a moment apart are merged, so the samples kept stay few', () => {
    const p = (loaded: number): Progress => ({ file: 'w', loaded, total: 100e6, model: EMBED, role: 'embedder' });
    const reports: [number, Progress][] = [];
    for (let i = 0; i <= 5000; i++) reports.push([i, p(i * 10_000)]); // one report a millisecond for 5 s, 10 MB/s
    const d = feed(reports)[0];
    expect(d.samples.length).toBeLessThanOrEqual(60);
    expect(d.rate).toBeCloseTo(10e6, -4);
    expect(d.loaded).toBe(50e6);
  });
});
