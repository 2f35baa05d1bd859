import { describe, expect, it } from 'vitest';
import { type DeviceFacts, planDevice, wasmThreads } from '../../src/core/device/plan';
import { DEFAULT_SETTINGS, paramsToSource, resolveSettings } from '../../src/core/settings';

const gpu: DeviceFacts = { webgpu: true, fallbackAdapter: false, shaderF16: true, crossOriginIsolated: true, hardwareConcurrency: 8 };
const swiftshader: DeviceFacts = { ...gpu, fallbackAdapter: true, shaderF16: false };
const noGpu: DeviceFacts = { ...gpu, webgpu: false, fallbackAdapter: null, shaderF16: null };

describe('device plan (SPEC §6)', () => {
  it('auto prefers a hardware WebGPU adapter', () => {
    expect(planDevice('auto', gpu).backend).toBe('webgpu');
  });
  it('auto treats a fallback (software) adapter as slow and prefers WASM', () => {
    expect(planDevice('auto', swiftshader)).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/software|fallback/) });
  });
  it('device=webgpu forces WebGPU even on a fallback adapter', () => {
    expect(planDevice('webgpu', swiftshader)).toMatchObject({ backend: 'webgpu', reason: expect.stringMatching(/software/) });
  });
  it('device=webgpu without any adapter falls back to WASM and says why', () => {
    expect(planDevice('webgpu', noGpu)).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/no adapter/) });
    expect(planDevice('auto', noGpu).backend).toBe('wasm');
  });
  it('device=wasm and device=off are obeyed', () => {
    expect(planDevice('wasm', gpu).backend).toBe('wasm');
    expect(planDevice('off', gpu).backend).toBe('off');
  });
  it('sets WASM threads explicitly: cores up to 4 when isolated, 1 otherwise, or as requested', () => {
    expect(wasmThreads(gpu)).toBe(4);
    expect(wasmThreads({ ...gpu, hardwareConcurrency: 2 })).toBe(2);
    expect(wasmThreads({ ...gpu, crossOriginIsolated: false })).toBe(1);
    expect(wasmThreads({ ...gpu, crossOriginIsolated: false }, 2)).toBe(1);
    expect(wasmThreads(gpu, 1)).toBe(1);
    expect(planDevice('wasm', { ...gpu, hardwareConcurrency: 2 }, 1).threads).toBe(1);
  });
});

describe('settings (SPEC §6)', () => {
  it('defaults to the real model on the Hugging Face hub, device auto', () => {
    expect(resolveSettings().settings).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ device: 'auto', embedModel: 'Xenova/bge-small-en-v1.5', modelHost: 'https://huggingface.co/', warm: false });
  });
  it('takes URL parameters over stored values', () => {
    const url = paramsToSource(new URLSearchParams('device=wasm&warm=1&embed_model=fixtures/tiny-encoder&model_host=/models/&threads=2'));
    const { settings, problems } = resolveSettings(url, { device: 'webgpu', embedModel: 'a/b' });
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, device: 'wasm', warm: true, embedModel: 'fixtures/tiny-encoder', modelHost: '/models/', threads: 2 });
    const llm = resolveSettings(paramsToSource(new URLSearchParams('llm=llama-3.2-3b&wasm_llm=fixtures/tiny-decoder&custom_model=me/my-finetune'))).settings;
    expect(llm).toMatchObject({ llm: 'llama-3.2-3b', wasmLlm: 'fixtures/tiny-decoder', customModel: 'me/my-finetune' });
    expect(resolveSettings({ llm: 'gpt-5' }).problems).toHaveLength(1);
  });
  it('reports and ignores invalid values, falling back to the next source', () => {
    const linkProblems: string[] = [];
    const url = paramsToSource(new URLSearchParams('device=gpu&model_host=javascript:alert(1)&embed_model=../../etc&threads=99'), linkProblems);
    // A model host that is not a same-origin path is not taken from a link at all.
    expect(linkProblems).toEqual([expect.stringContaining('model_host')]);
    const { settings, problems } = resolveSettings(url, { device: 'wasm' });
    expect(settings.device).toBe('wasm');
    expect(settings.modelHost).toBe(DEFAULT_SETTINGS.modelHost);
    expect(settings.embedModel).toBe(DEFAULT_SETTINGS.embedModel);
    expect(settings.threads).toBe(0);
    expect(problems).toHaveLength(3);
    expect(resolveSettings({ modelHost: '//evil.example/' }).settings.modelHost).toBe(DEFAULT_SETTINGS.modelHost);
  });
});

describe('ranking size per engine device (ranker.ts rankOptionsFor)', async () => {
  const { rankOptionsFor, DEFAULT_RANK_OPTIONS } = await import('../../src/core/rank/ranker');
  it('auto: the full prompt and 40 tokens per explanation on WebGPU, the brief prompt and no explanation pass on WASM', () => {
    expect(rankOptionsFor(DEFAULT_RANK_OPTIONS, 'webgpu')).toEqual({ detail: 'full', tokensPerExplanation: 40 });
    expect(rankOptionsFor(DEFAULT_RANK_OPTIONS, 'wasm')).toEqual({ detail: 'brief', tokensPerExplanation: 0 });
    expect(rankOptionsFor({ detail: 'minimal', tokensPerExplanation: 1 }, 'webgpu')).toEqual({ detail: 'minimal', tokensPerExplanation: 1 });
  });
  it('the settings take auto or a value, and refuse the rest', () => {
    expect(resolveSettings(paramsToSource(new URLSearchParams('rank_detail=auto&explain_tokens=0&rank_n=4'))).settings).toMatchObject({ rankDetail: 'auto', explainTokens: 0, rankCandidates: 4 });
    const bad = resolveSettings(paramsToSource(new URLSearchParams('rank_detail=huge&explain_tokens=61&rank_n=1')));
    expect(bad.settings).toMatchObject({ rankDetail: 'auto', explainTokens: 'auto', rankCandidates: 10 });
    expect(bad.problems).toHaveLength(3);
    expect(DEFAULT_SETTINGS.libHost).toBe('');
  });
});
