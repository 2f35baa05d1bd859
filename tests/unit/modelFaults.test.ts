/**
 * Injected model failures (SPEC §11): each one falls down the §5 chain, the search still returns
 * results, and the chain says what happened (the device panel shows it).
 */
import { describe, expect, it } from 'vitest';
import { type DeviceFacts, planDevice } from '../../src/core/device/plan';
import { packProfiles } from '../../src/core/pool/packed';
import { webllmVariant } from '../../src/core/models/catalog';
import type { EngineSlot, LlmEngine } from '../../src/core/rank/engine';
import { memoSlot } from '../../src/core/rank/slot';
import { modelRanker } from '../../src/core/rank/modelRanker';
import { search } from './searchPool';
import { profile } from './profiles';
import { ScriptedLlm } from './scriptedLlm';

const pool = packProfiles(['c_1', 'c_2', 'c_3', 'c_4'].map((id, i) => profile({ id, interests: ['museums', ['yoga', 'chess', 'castles', 'diving'][i]] })));
const query = profile({ id: 'u_query' });

async function runWith(slots: EngineSlot[]) {
  const out = await search(pool, query, { top: 3 }, { rankers: slots.map(modelRanker) });
  if (!out.ok) throw new Error('search failed');
  return out.value;
}

const failingLoad = (name: 'webllm' | 'transformers', error: unknown) =>
  memoSlot({ name, modelId: `${name}-m`, device: name === 'webllm' ? 'webgpu' : 'wasm' }, null, async () => { throw error; });
const failingRun = (name: 'webllm' | 'transformers', error: unknown): EngineSlot => memoSlot({ name, modelId: `${name}-m`, device: 'webgpu' }, null, async (): Promise<LlmEngine> => ({
  modelId: `${name}-m`, device: 'webgpu',
  labelProbabilities: async () => { throw error; },
  generateJson: async () => { throw error; },
  dispose: async () => undefined,
}));
const working = () => memoSlot({ name: 'transformers', modelId: 'wasm-m', device: 'wasm' }, null, async () => new ScriptedLlm([{ kind: 'probs', probs: { B: 0.9 } }, { kind: 'text', text: '{}' }], 'wasm-m'));

describe('injected model failures', () => {
  const noGpu: DeviceFacts = { webgpu: false, fallbackAdapter: null, shaderF16: null, crossOriginIsolated: true, hardwareConcurrency: 2 };

  it('no WebGPU: the web-llm engine is skipped with the reason, WASM is planned', () => {
    const plan = planDevice('auto', noGpu);
    expect(plan).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/no WebGPU adapter/) });
  });

  it('no shader-f16: the q4f32_1 variant is chosen', () => {
    expect(webllmVariant(false)).toBe('q4f32_1');
    expect(webllmVariant(null)).toBe('q4f32_1');
    expect(webllmVariant(true)).toBe('q4f16_1');
  });

  const faults: [string, unknown, 'load' | 'run', RegExp][] = [
    ['download error (offline)', new TypeError('Failed to fetch'), 'load', /Failed to fetch/],
    ['404 from the model host', new Error('Could not locate file: "https://huggingface.co/x/resolve/main/config.json" (404)'), 'load', /404/],
    ['cache quota exceeded', new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'load', /quota/],
    ['device lost mid-run', 'Device was lost. This can happen due to insufficient memory or other GPU constraints.', 'run', /Device was lost/],
    ['out of memory mid-run', new RangeError('WebAssembly.Memory(): could not allocate memory'), 'run', /could not allocate memory/],
    ['hostile output (an object thrown)', { toString: () => '<img src=x onerror=alert(1)>' }, 'run', /unknown error/],
  ];

  it.each(faults)('%s: the next engine ranks and the chain says why', async (_label, error, when, reason) => {
    const broken = when === 'load' ? failingLoad('webllm', error) : failingRun('webllm', error);
    const r = await runWith([broken, working()]);
    expect(r.engine).toBe('transformers');
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.ranking.chain[0]).toMatchObject({ engine: 'webllm', status: 'failed', reason: expect.stringMatching(reason) });
    expect(r.ranking.chain[1]).toMatchObject({ engine: 'transformers', status: 'used' });
  });

  it('when every model fails, the heuristic answers and every failure is listed', async () => {
    const r = await runWith([failingLoad('webllm', new TypeError('Failed to fetch')), failingRun('transformers', new RangeError('out of memory'))]);
    expect(r.engine).toBe('heuristic');
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.ranking.chain.map((s) => `${s.engine}:${s.status}`)).toEqual(['webllm:failed', 'transformers:failed', 'heuristic:used']);
  });
});
