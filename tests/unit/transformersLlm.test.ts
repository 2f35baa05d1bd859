import { env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR, TINY_DECODER } from '../../scripts/make-fixtures';
import { configureTransformers } from '../../src/core/engines/transformersEnv';
import { AbortedError, type LlmEngine } from '../../src/core/rank/engine';
import { LABELS, explanationMessages, scoringMessages } from '../../src/core/rank/prompt';
import { loadTransformersLlm } from '../../src/core/rank/transformersEngine';

const query = { pace: 'relaxed', band: 'mid', interests: ['museums', 'old towns'], values: ['culture'], diet: 'none', transport: ['train'], remoteWork: false };
const facts = (shared: string[]) => ({
  sharedInterests: shared, sharedLanguages: ['en'], candidatePace: 'relaxed' as const, queryPace: 'relaxed' as const,
  candidateBand: 'mid' as const, queryBand: 'mid' as const, sameDiet: null, sharedTransport: ['train'], sharedMustHaves: [], remoteWork: false, forbidden: ['Zurich'],
});
const candidates = LABELS.slice(0, 10).map((label, i) => ({ label, facts: facts(i % 2 ? ['museums'] : []), otherInterests: ['chess'] }));

describe('transformers.js engine on the generated fixture decoder (the WASM engine’s code)', () => {
  let engine: LlmEngine;
  beforeAll(async () => {
    configureTransformers(env as never, { modelHost: `${MODELS_DIR}/` });
    engine = await loadTransformersLlm({ modelId: TINY_DECODER, device: 'cpu', dtype: 'fp32' });
  });

  it('scores all 10 candidates from one forward pass over the prompt', async () => {
    const messages = scoringMessages(query, candidates);
    const { probs, stats, labelMass, logitPositions } = await engine.labelProbabilities(messages, [...LABELS], new AbortController().signal);
    expect(probs).toHaveLength(10);
    expect(probs.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)).toBe(true);
    // Renormalised over the ten labels (SPEC §5).
    expect(Math.abs(probs.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
    expect(stats.generatedTokens).toBe(0);
    // The fixture export has no `num_logits_to_keep` input (like tiny-gpt2's): logits for every position.
    expect(logitPositions).toBe(stats.promptTokens);
    expect(labelMass).toBeGreaterThan(0);
    expect(labelMass).toBeLessThan(1);
    expect(stats.promptTokens).toBeGreaterThan(100);
    const prompt = JSON.stringify(messages);
    expect(prompt).not.toMatch(/zurich|name|age|gender|faith|religion|c_\d/i);
  });

  it('generates at most 40 tokens per explanation, with timings, and stops when aborted', async () => {
    const messages = explanationMessages(query, candidates.slice(0, 5));
    const out = await engine.generateJson(messages, { schema: {}, maxTokens: 5 * 40 }, new AbortController().signal);
    expect(out.stats.generatedTokens).toBeGreaterThan(0);
    expect(out.stats.generatedTokens).toBeLessThanOrEqual(200);
    expect(out.stats.prefillMs).toBeGreaterThan(0);
    const controller = new AbortController();
    const pending = engine.generateJson(messages, { schema: {}, maxTokens: 200 }, controller.signal, () => controller.abort());
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});
