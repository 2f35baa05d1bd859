import { describe, expect, it } from 'vitest';
import { validateExplanation } from '../../src/core/explain/validate';
import { packProfiles } from '../../src/core/pool/packed';
import { BLEND, MIN_LABEL_MASS, blendScores, runChain } from '../../src/core/rank/chain';
import type { EngineSlot, LlmEngine } from '../../src/core/rank/engine';
import { memoSlot } from '../../src/core/rank/slot';
import { WebLlmEngine } from '../../src/core/rank/webllmEngine';
import type { SearchOutcome, SearchResult } from '../../src/core/search';
import { MatcherService } from '../../src/core/service';
import { FakeMlcEngine, type Step, labelLogprobs } from './fakeWebLlm';
import { profile } from './profiles';

// A small pool: 6 candidates pass stage 1 for the query; c_hidden hides its home city (Zurich).
const query = profile({ id: 'u_query', interests: ['museums', 'old towns', 'food tours', 'photography'], languages: ['en', 'fr'], faith: { consider_in_matching: true, religion: 'Islam', policy: 'prefer_same' } });
const candidates = [
  profile({ id: 'c_a', interests: ['museums', 'old towns', 'yoga'] }),
  profile({ id: 'c_b', interests: ['photography', 'chess'], travel_prefs: { pace: 'packed' } }),
  profile({ id: 'c_c', interests: ['food tours', 'museums', 'castles'] }),
  profile({ id: 'c_hidden', interests: ['museums', 'surfing'], home_base: { city: 'Zurich', country: 'Switzerland' }, privacy: { show_home_city: false } }),
  profile({ id: 'c_e', interests: ['diving'] }),
  profile({ id: 'c_f', interests: ['old towns', 'photography', 'food tours'] }),
];
const pool = packProfiles(candidates);

/** The labels in stage-3 order (shortlist order) for this query, as the chain assigns them. */
async function heuristicRun(): Promise<SearchResult> {
  const s = new MatcherService();
  s.usePool(pool);
  const r = await s.search(query, { top: 3 });
  if (!r.ok) throw new Error(r.error.message);
  return r.result;
}

function slotFor(engine: LlmEngine | (() => Promise<LlmEngine>), name: 'webllm' | 'transformers' = 'webllm'): EngineSlot & { fail(r: string): void } {
  return memoSlot({ name, modelId: `${name}-model`, device: name === 'webllm' ? 'webgpu' : 'wasm' }, null, typeof engine === 'function' ? engine : async () => engine);
}

/** Run a search with the given slots; resolves with every update and the final outcome. */
async function searchWith(slots: EngineSlot[], top = 3) {
  const service = new MatcherService({ rankers: slots });
  service.usePool(pool);
  const updates: SearchOutcome[] = [];
  const first = await service.search(query, { top }, (o) => updates.push(o));
  const final = await service.lastRanking;
  return { first, updates, final };
}

const explanationJson = (items: { label: string; text: string }[]) => JSON.stringify({ explanations: items });
/** A sentence that passes the validator for candidate `id` (a shared interest, its pace). */
const goodFor = (label: string, id: string) => {
  const c = candidates.find((x) => x.id === id)!;
  const interest = c.interests.find((i) => query.interests.includes(i));
  const love = interest ? `shares your love of ${interest}` : 'brings fresh ideas for your trip';
  return { label, text: `For you, this companion ${love}, travels at a ${c.travel_prefs.pace} pace on a mid budget, and speaks English with you on the road.` };
};

describe('ranking chain with a scripted web-llm engine', () => {
  it('valid output: the model’s order and its explanations replace the heuristic answer', async () => {
    const base = await heuristicRun();
    const labelsInOrder = base.ranked_input_ids; // A = first of the stage-3 input, …
    const labelOf = (id: string) => 'ABCDEFGHIJ'[labelsInOrder.indexOf(id)];
    // The model prefers c_e (no shared interest), then c_b.
    const fake = new FakeMlcEngine([
      // Blended: c_e 0.5·1 + 0.5·0.70 = 0.85; c_b 0.5·0.6 + 0.5·0.70 = 0.65; c_a 0.5·0.4 + 0.5·0.80 = 0.60.
      { kind: 'logprobs', top: labelLogprobs({ [labelOf('c_e')]: 0.5, [labelOf('c_b')]: 0.3, [labelOf('c_a')]: 0.2 }) },
      { kind: 'stream', text: explanationJson([goodFor(labelOf('c_e'), 'c_e'), goodFor(labelOf('c_b'), 'c_b'), goodFor(labelOf('c_a'), 'c_a')]) },
    ]);
    const { first, updates, final } = await searchWith([slotFor(new WebLlmEngine(fake, 'Llama-3.2-1B-Instruct-q4f16_1-MLC'))]);
    expect(first.ok && first.result.engine).toBe('heuristic');
    expect(first.ok && first.result.ranking.partial).toBe(true);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates[0].ok && updates[0].result.ranking.partial).toBe(true);
    if (!final?.ok) throw new Error('no final');
    const r = final.result;
    expect(r.engine).toBe('webllm');
    expect(r.results.map((m) => m.id)).toEqual(['c_e', 'c_b', 'c_a']);
    expect(r.results.every((m) => m.explanation_engine === 'webllm')).toBe(true);
    expect(r.ranking.chain).toEqual([expect.objectContaining({ engine: 'webllm', status: 'used' })]);
    expect(r.ranking.stats).toMatchObject({ engine: 'webllm', prompt_tokens: 800, generated_tokens: expect.any(Number) });
    expect(r.ranking.stats!.tokens_per_s).toBeGreaterThan(0);
    for (const m of r.results) expect(m.score).toBeGreaterThanOrEqual(0), expect(m.score).toBeLessThanOrEqual(1);
    // JSON schema mode was requested for the explanations, with the top labels only.
    const req = fake.requests[1] as { response_format: { type: string; schema: string }; max_tokens: number };
    expect(req.response_format.type).toBe('json_object');
    expect(JSON.parse(req.response_format.schema).properties.explanations.items.properties.label.enum).toHaveLength(3);
    expect(req.max_tokens).toBeLessThanOrEqual(5 * 40);
    // Scoring: a single token answer with top logprobs, one forward pass.
    expect(fake.requests[0]).toMatchObject({ max_tokens: 1, logprobs: true });
  });

  it('invalid JSON: the order stands, every explanation is the template sentence', async () => {
    const fake = new FakeMlcEngine([{ kind: 'logprobs', top: labelLogprobs({ A: 0.9 }) }, { kind: 'stream', text: 'Sure! Here are {the explanations: [oops' }]);
    const { final } = await searchWith([slotFor(new WebLlmEngine(fake, 'm'))]);
    if (!final?.ok) throw new Error('no final');
    expect(final.result.engine).toBe('webllm');
    expect(final.result.results.every((m) => m.explanation_engine === 'template' && m.explanation.startsWith('For you,'))).toBe(true);
    expect(final.result.ranking.chain[0].reason).toMatch(/0 of 3 explanations passed/);
  });

  it('invented and duplicate labels are ignored; only real, first-seen labels count', async () => {
    const base = await heuristicRun();
    const [idA, idB] = base.ranked_input_ids;
    const fake = new FakeMlcEngine([
      { kind: 'logprobs', top: [...labelLogprobs({ A: 0.5, B: 0.3, C: 0.15 }), { token: 'Z', logprob: Math.log(0.04) }] },
      { kind: 'stream', text: explanationJson([goodFor('Z', idA), goodFor('A', idA), { label: 'A', text: 'For you, duplicate.' }, goodFor('B', idB), goodFor('Q', idB)]) },
    ]);
    const { final } = await searchWith([slotFor(new WebLlmEngine(fake, 'm'))]);
    if (!final?.ok) throw new Error('no final');
    const byId = new Map(final.result.results.map((m) => [m.id, m]));
    const a = byId.get(base.ranked_input_ids[0])!;
    expect(a.explanation_engine).toBe('webllm');
    expect(a.explanation).not.toContain('duplicate');
    expect(final.result.ranking.chain[0].reason).toMatch(/unknown label; duplicate label A/);
  });

  it('out-of-range scores: probabilities are validated and the blended score stays in [0, 1]', async () => {
    // logprob > 0 gives a "probability" above 1: scores are normalised and clamped.
    const fake = new FakeMlcEngine([{ kind: 'logprobs', top: [{ token: 'A', logprob: 3 }, { token: 'B', logprob: 0.5 }] }, { kind: 'stream', text: '{}' }]);
    const { final } = await searchWith([slotFor(new WebLlmEngine(fake, 'm'))]);
    if (!final?.ok) throw new Error('no final');
    expect(final.result.results.every((m) => m.score >= 0 && m.score <= 1)).toBe(true);
    const nan = new FakeMlcEngine([{ kind: 'logprobs', top: [{ token: 'A', logprob: Number.NaN }] }]);
    const r2 = await searchWith([slotFor(new WebLlmEngine(nan, 'm'))]);
    if (!r2.final?.ok) throw new Error('no final');
    expect(r2.final.result.engine).toBe('heuristic');
    expect(r2.final.result.ranking.chain[0]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/did not answer with a label/) });
  });

  it('explanations naming faith, a hidden city or an interest not shared are replaced by the template', async () => {
    const base = await heuristicRun();
    const hiddenLabel = 'ABCDEFGHIJ'[base.ranked_input_ids.indexOf('c_hidden')];
    const weights: Record<string, number> = {};
    weights[hiddenLabel] = 0.7;
    for (const l of 'ABCDEF'.split('').filter((l) => l !== hiddenLabel).slice(0, 2)) weights[l] = 0.1;
    const [l2, l3] = Object.keys(weights).filter((l) => l !== hiddenLabel);
    const fake = new FakeMlcEngine([
      { kind: 'logprobs', top: labelLogprobs(weights) },
      { kind: 'stream', text: explanationJson([
        { label: hiddenLabel, text: 'For you, this companion from Zurich shares your love of museums, travels at a balanced pace on a mid budget, and speaks English with you.' },
        { label: l2, text: 'For you, this companion shares your Islam faith and your love of museums, travels at a balanced pace on a mid budget, speaking English.' },
        { label: l3, text: 'For you, this companion shares your love of surfing and yoga, travels at a balanced pace on a mid budget, and speaks English with you.' },
      ]) },
    ]);
    const { final } = await searchWith([slotFor(new WebLlmEngine(fake, 'm'))]);
    if (!final?.ok) throw new Error('no final');
    // Rule names and fault codes may say "faith"; no shown text and no reason carries the model's words.
    expect(JSON.stringify([final.result.results, final.result.notices])).not.toMatch(/zurich|islam|faith|surfing and yoga/i);
    expect(JSON.stringify(final.result.ranking)).not.toMatch(/zurich|islam|surfing and yoga/i);
    expect(final.result.results.every((m) => m.explanation_engine === 'template')).toBe(true);
    expect(final.result.ranking.chain[0].reason).toMatch(/mentions_forbidden|mentions_faith|interest_not_shared/);
  });

  it('a slow stream is aborted by a new search: interruptGenerate is called and the old search never updates again', async () => {
    const fake = new FakeMlcEngine([
      { kind: 'logprobs', top: labelLogprobs({ A: 0.9 }) },
      { kind: 'slow-stream', text: '{"explanations": [' },
      { kind: 'logprobs', top: labelLogprobs({ B: 0.9 }) },
      { kind: 'stream', text: '{}' },
    ]);
    const service = new MatcherService({ rankers: [slotFor(new WebLlmEngine(fake, 'm'))] });
    service.usePool(pool);
    const firstUpdates: SearchOutcome[] = [];
    await service.search(query, { top: 3 }, (o) => firstUpdates.push(o));
    const firstRanking = service.lastRanking;
    // Wait until the first search is streaming its explanations.
    while (fake.requests.length < 2) await new Promise((r) => setImmediate(r));
    const seenBefore = firstUpdates.length;
    await service.search(query, { top: 3 });
    expect(await firstRanking).toBeNull();
    expect(fake.interrupts).toBe(1);
    const second = await service.lastRanking;
    expect(second?.ok && second.result.engine).toBe('webllm');
    expect(firstUpdates.length).toBe(seenBefore);
  });

  it('a device lost mid-run falls to the next engine and the search still completes', async () => {
    const lost = new FakeMlcEngine([
      { kind: 'logprobs', top: labelLogprobs({ A: 0.9 }) },
      { kind: 'reject', error: 'Device was lost. This can happen due to insufficient memory or other GPU constraints.' },
    ]);
    const next = new FakeMlcEngine([{ kind: 'logprobs', top: labelLogprobs({ C: 0.8, A: 0.1 }) }, { kind: 'stream', text: '{}' }]);
    const webllm = slotFor(new WebLlmEngine(lost, 'm'));
    const { final } = await searchWith([webllm, slotFor(new WebLlmEngine(next, 'wasm-m'), 'transformers')]);
    if (!final?.ok) throw new Error('no final');
    expect(final.result.engine).toBe('transformers');
    expect(final.result.ranking.chain[0]).toMatchObject({ engine: 'webllm', status: 'failed', reason: expect.stringMatching(/Device was lost/) });
    expect(final.result.ranking.chain[1]).toMatchObject({ engine: 'transformers', status: 'used' });
    // The lost engine is not tried again in this session.
    expect(webllm.skipReason).toMatch(/failed earlier in this session: Device was lost/);
    expect(lost.unloaded).toBe(true);
  });

  it('a load that rejects with a plain string (web-llm offline) is recorded, not retried, and the heuristic answers', async () => {
    let loads = 0;
    const slot = slotFor(async () => { loads++; throw 'TypeError: Failed to fetch'; });
    const r1 = await searchWith([slot]);
    const r2 = await searchWith([slot]);
    for (const r of [r1, r2]) {
      if (!r.final?.ok) throw new Error('no final');
      expect(r.final.result.engine).toBe('heuristic');
      expect(r.final.result.results.length).toBeGreaterThan(0);
    }
    expect(r1.final?.ok && r1.final.result.ranking.chain[0]).toMatchObject({ status: 'failed', reason: 'TypeError: Failed to fetch' });
    expect(r2.final?.ok && r2.final.result.ranking.chain[0]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('Failed to fetch') });
    expect(loads).toBe(1);
  });
});

describe('blend and validation of model scores', () => {
  const job = {
    query: { pace: 'balanced', band: 'mid', interests: [], values: [], diet: 'none', transport: [], remoteWork: false },
    candidates: [0.8, 0.7].map((h, i) => ({ index: i, facts: {} as never, otherInterests: [], heuristic: h, sim: i === 0 ? 1 : 0 })),
    top: 2,
  };
  it('is 0.5 × model (relative to the best) + 0.3 × heuristic + 0.2 × similarity', () => {
    expect(BLEND).toEqual({ model: 0.5, heuristic: 0.3, similarity: 0.2 });
    expect(blendScores(job, [0.6, 0.3])).toEqual([0.5 * 1 + 0.3 * 0.8 + 0.2 * 1, 0.5 * 0.5 + 0.3 * 0.7 + 0.2 * 0].map((x) => Math.round(x * 100) / 100));
  });
  it(`refuses probabilities with less than ${MIN_LABEL_MASS * 100} % on the labels, or of the wrong length`, () => {
    expect(() => blendScores(job, [0.2, 0.1])).toThrow(/did not answer with a label/);
    expect(() => blendScores(job, [0.9])).toThrow(/invalid/);
  });
  it('every explanation shown passes the validator', async () => {
    const { final } = await searchWith([]);
    if (!final?.ok) throw new Error('no final');
    expect(final.result.results.length).toBeGreaterThan(0);
    expect(final.result.results.every((m) => m.explanation.startsWith('For you,'))).toBe(true);
    expect(validateExplanation).toBeTypeOf('function');
  });
});

describe('runChain directly', () => {
  it('skips slots with a reason and ends with the heuristic', async () => {
    const skipped = memoSlot({ name: 'webllm', modelId: 'm', device: 'webgpu' }, 'WebGPU is not used here: no adapter', async () => { throw new Error('never'); });
    const base = await heuristicRun();
    expect(base.results.length).toBeGreaterThan(0);
    const out = await runChain([skipped], { query: { pace: 'balanced', band: 'mid', interests: [], values: [], diet: 'none', transport: [], remoteWork: false }, candidates: [], top: 3 }, { signal: new AbortController().signal });
    expect(out?.chain).toEqual([
      { engine: 'webllm', model: 'm', status: 'skipped', reason: 'WebGPU is not used here: no adapter' },
      { engine: 'heuristic', model: null, status: 'used', reason: 'always available' },
    ]);
  });
});

export type { Step };
