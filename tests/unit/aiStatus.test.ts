/**
 * The AI status lines, the download question and the plain reasons (src/ui/aiStatus.ts,
 * src/ui/consent.ts, src/core/plainReason.ts): what a person reads about each AI stage.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { hostLabel, plainReason, reasonKind } from '../../src/core/plainReason';
import type { SearchResult } from '../../src/core/result';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { WorkerStatus } from '../../src/protocol';
import { aiStatusLines } from '../../src/ui/aiStatus';
import { CONSENT_KEY, declinedModels, loadConsent, modelsToAsk, saveConsent } from '../../src/ui/consent';

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

function status(patch: Partial<WorkerStatus> = {}): WorkerStatus {
  return {
    pool: { count: 10, memory_bytes: 1 },
    device: {} as WorkerStatus['device'],
    plan: { backend: 'wasm', threads: 2, reason: 'no GPU' },
    similarity: { state: 'idle', modelId: 'Xenova/bge-small-en-v1.5', device: 'wasm' },
    rankers: [
      { name: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', device: 'webgpu', skipReason: 'no WebGPU adapter', activity: [] },
      { name: 'transformers', modelId: 'onnx-community/Qwen2.5-0.5B-Instruct', device: 'wasm', downloadBytes: 793e6, skipReason: null, activity: [] },
    ],
    ...patch,
  };
}

function result(patch: Omit<Partial<SearchResult>, 'ranking'> & { ranking?: Partial<SearchResult['ranking']> } = {}): SearchResult {
  const { ranking, ...rest } = patch;
  return {
    results: [{ id: 'a' }],
    similarity: null,
    engine: 'heuristic',
    timings_ms: { embed: 0 },
    ranking: { stats: null, chain: [], partial: false, waiting: null, ...ranking },
    ...rest,
  } as unknown as SearchResult;
}

const line = (lines: ReturnType<typeof aiStatusLines>, stage: string) => lines.find((l) => l.stage === stage)!;

describe('plain reasons', () => {
  it('name the host for a network failure and never repeat the library text', () => {
    expect(plainReason('TypeError: Failed to fetch', 'https://huggingface.co/')).toBe('huggingface.co could not be reached (this device may be offline)');
    expect(plainReason("Failed to execute 'add' on 'Cache': Quota exceeded")).toMatch(/storage is full/);
    expect(plainReason("Cannot read properties of undefined (reading 'tokenizer_class')", '/models/')).toBe('its files are missing on this site (/models/) or are not a model this app can load');
    expect(plainReason('404 Not Found', '/models/')).toBe('its files are not on this site (/models/)');
    expect(reasonKind('GPU device was lost')).toBe('gpu');
    expect(reasonKind('something odd')).toBe('other');
    expect(hostLabel('https://hf-mirror.com/base/')).toBe('hf-mirror.com');
  });
});

describe('AI status lines', () => {
  it('models off: both stages skipped, saying why', () => {
    const lines = aiStatusLines(status({ plan: { backend: 'off', threads: 1, reason: 'off' } }), null, settings({ device: 'off' }));
    expect(lines.map((l) => [l.stage, l.state])).toEqual([['prefilter', 'skipped'], ['ranking', 'skipped']]);
    expect(line(lines, 'prefilter').text).toMatch(/turned off/);
  });

  it('before the first search: what loads, and from where', () => {
    const lines = aiStatusLines(status(), null, settings());
    expect(line(lines, 'prefilter')).toMatchObject({ state: 'idle', text: expect.stringContaining('huggingface.co') });
    expect(line(lines, 'ranking').text).toMatch(/on-device language model.*onnx-community\/Qwen2\.5-0\.5B-Instruct/);
  });

  it('a failed embedder: the host and what to do in the line, the library text only in the detail', () => {
    const s = status({ similarity: { state: 'failed', modelId: 'Xenova/bge-small-en-v1.5', device: 'wasm', notice: { code: 'embedder_unavailable', message: 'x', detail: 'TypeError: Failed to fetch' } } });
    const l = line(aiStatusLines(s, null, settings()), 'prefilter');
    expect(l.state).toBe('failed');
    expect(l.text).toContain('huggingface.co could not be reached');
    expect(l.text).not.toMatch(/fetch/i);
    expect(l.detail).toBe('TypeError: Failed to fetch');
    expect(l.retry).toBe(true);
  });

  it('indexing: how far, and that searches use the rules meanwhile', () => {
    const s = status({ similarity: { state: 'indexing', modelId: 'm', device: 'wasm', indexing: { file: 'index', loaded: 1200, total: 10000, phase: 'index', rate: 8, etaMs: 1_100_000 } } });
    expect(line(aiStatusLines(s, null, settings()), 'prefilter').text).toMatch(/1 200 of 10 000 travellers, about 18 min left\. Searches use the rules/);
  });

  it('the prefilter ran: model, device and time', () => {
    const r = result({ similarity: { model: 'm', backend: 'webgpu' }, timings_ms: { embed: 12.5 } as SearchResult['timings_ms'] });
    expect(line(aiStatusLines(status({ similarity: { state: 'ready', modelId: 'm', device: 'webgpu' } }), r, settings()), 'prefilter'))
      .toMatchObject({ state: 'ran', text: 'Ran: m on the GPU (WebGPU), 12.5 ms for your profile.' });
  });

  it('ranking: working says the cards may reorder; failed names the reason plainly; skipped says why', () => {
    const working = result({ ranking: { partial: true, waiting: { engine: 'transformers', model: 'q', device: 'wasm', step: 'scoring', prompt_tokens: 257, expected_ms: 5100 } } });
    expect(line(aiStatusLines(status(), working, settings()), 'ranking').text).toMatch(/about 5\.1 s\)\. These cards may reorder/);
    const failed = result({ ranking: { chain: [{ engine: 'transformers', model: 'q', status: 'failed', reason: 'TypeError: Failed to fetch' }, { engine: 'heuristic', model: null, status: 'used', reason: '' }] } });
    const f = line(aiStatusLines(status(), failed, settings()), 'ranking');
    expect(f.state).toBe('failed');
    expect(f.text).toMatch(/on-device language model \(WebAssembly\): huggingface\.co could not be reached/);
    expect(f.text).not.toMatch(/fetch/i);
    expect(f.detail).toContain('Failed to fetch');
    const skipped = result({ ranking: { chain: [{ engine: 'webllm', model: 'w', status: 'skipped', reason: 'no WebGPU adapter' }] } });
    expect(line(aiStatusLines(status(), skipped, settings()), 'ranking')).toMatchObject({ state: 'skipped', text: 'Skipped: no WebGPU adapter. The heuristic ordered these matches.' });
  });

  it('an empty search has no ranking line', () => {
    expect(aiStatusLines(status(), result({ results: [] }), settings()).map((l) => l.stage)).toEqual(['prefilter']);
  });
});

describe('the download question', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => { store.set(k, v); },
      removeItem: (k: string) => { store.delete(k); },
    };
  });

  it('asks for the embedder while it is not loaded and for each ranker the chain would try', () => {
    const asks = modelsToAsk(status(), settings(), { all: false, models: {} });
    expect(asks.map((a) => [a.modelId, a.role])).toEqual([['Xenova/bge-small-en-v1.5', 'embedder'], ['onnx-community/Qwen2.5-0.5B-Instruct', 'wasm ranker']]);
    expect(asks[0].bytes).toBeGreaterThan(30e6);
    expect(asks[1].bytes).toBe(793e6);
  });

  it('asks nothing with warm=1, after "don\'t ask again", with models off, or for answered models', () => {
    expect(modelsToAsk(status(), settings({ warm: true }), { all: false, models: {} })).toEqual([]);
    expect(modelsToAsk(status(), settings(), { all: true, models: {} })).toEqual([]);
    expect(modelsToAsk(status({ plan: { backend: 'off', threads: 1, reason: '' } }), settings(), { all: false, models: {} })).toEqual([]);
    const answered = { all: false, models: { 'Xenova/bge-small-en-v1.5': 'yes' as const, 'onnx-community/Qwen2.5-0.5B-Instruct': 'no' as const } };
    expect(modelsToAsk(status(), settings(), answered)).toEqual([]);
    expect(declinedModels(answered)).toEqual(['onnx-community/Qwen2.5-0.5B-Instruct']);
  });

  it('the answers are remembered; a corrupt record asks again', () => {
    saveConsent({ all: false, models: { a: 'yes', b: 'no' } });
    expect(loadConsent()).toEqual({ all: false, models: { a: 'yes', b: 'no' } });
    localStorage.setItem(CONSENT_KEY, '{"all": "yes", "models": {"a": "maybe", "b": "no"}}');
    expect(loadConsent()).toEqual({ all: false, models: { b: 'no' } });
    localStorage.setItem(CONSENT_KEY, 'not json');
    expect(loadConsent()).toEqual({ all: false, models: {} });
  });
});

describe('a search that went without the loaded model', () => {
  it('says the prefilter was skipped for it, with the reason, not "ready"', () => {
    const r = result({ skipped_reasons: { embed: 'no similarity (pool embeddings do not match): rule-only shortlist' } });
    expect(line(aiStatusLines(status({ similarity: { state: 'ready', modelId: 'm', device: 'wasm' } }), r, settings()), 'prefilter'))
      .toMatchObject({ state: 'skipped', text: 'Skipped for this search: no similarity (pool embeddings do not match): rule-only shortlist.' });
  });
});
