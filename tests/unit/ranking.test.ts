import { describe, expect, it } from 'vitest';
import { validateExplanation } from '../../src/core/explain/validate';
import { packProfiles } from '../../src/core/pool/packed';
import { Matcher } from '../../src/core/matcher';
import { notice } from '../../src/core/outcome';
import { chainNotices, planChain, runChain } from '../../src/core/rank/chain';
import type { EngineSlot, LlmEngine } from '../../src/core/rank/engine';
import { heuristicRanker } from '../../src/core/rank/heuristic';
import { BLEND, acceptExplanations, blendScores, explanationChars, modelRanker } from '../../src/core/rank/modelRanker';
import { memoSlot } from '../../src/core/rank/slot';
import type { SearchEvent, SearchResult } from '../../src/core/result';
import { search } from './searchPool';
import { profile } from './profiles';
import { ScriptedLlm } from './scriptedLlm';

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
  const r = await search(pool, query, { top: 3 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function slotFor(engine: LlmEngine | (() => Promise<LlmEngine>), name: 'webllm' | 'transformers' = 'webllm'): EngineSlot & { fail(r: string): void } {
  return memoSlot({ name, modelId: `${name}-model`, device: name === 'webllm' ? 'webgpu' : 'wasm' }, null, typeof engine === 'function' ? engine : async () => engine);
}

/** Run a search with the given slots; resolves with its answer, every event and the final result. */
async function searchWith(slots: EngineSlot[], top = 3) {
  const matcher = new Matcher({ rankers: slots.map(modelRanker) });
  matcher.usePool(pool);
  const events: SearchEvent[] = [];
  const first = await matcher.search(query, { top });
  if (!first.ok) throw new Error(first.error.message);
  await matcher.follow(first.value.searchId, (e) => events.push(e));
  const final = await matcher.settled(first.value);
  return { first: first.value, events, final };
}

const explanationJson = (items: { label: string; text: string }[]) => `{\n${items.map((i) => `  ${JSON.stringify(i.label)}: ${JSON.stringify(i.text)}`).join(',\n')}\n}`;
/** A sentence that passes the validator for candidate `id` (a shared interest, its pace). */
const goodFor = (label: string, id: string) => {
  const c = candidates.find((x) => x.id === id)!;
  const interest = c.interests.find((i) => query.interests.includes(i));
  const love = interest ? `shares your love of ${interest}` : 'brings fresh ideas for your trip';
  return { label, text: `For you, this companion ${love}, travels at a ${c.travel_prefs.pace} pace on a mid budget, and speaks English with you on the road.` };
};

describe('ranking chain with a scripted model engine', () => {
  it('valid output: the model’s order and its explanations replace the heuristic answer', async () => {
    const base = await heuristicRun();
    const labelsInOrder = base.ranked_input_ids; // A = first of the stage-3 input, …
    const labelOf = (id: string) => 'ABCDEFGHIJ'[labelsInOrder.indexOf(id)];
    // The model prefers c_e (no shared interest), then c_b.
    const fake = new ScriptedLlm([
      // Blended: c_e 0.5·1 + 0.5·0.70 = 0.85; c_b 0.5·0.6 + 0.5·0.70 = 0.65; c_a 0.5·0.4 + 0.5·0.80 = 0.60.
      { kind: 'probs', probs: { [labelOf('c_e')]: 0.5, [labelOf('c_b')]: 0.3, [labelOf('c_a')]: 0.2 } },
      { kind: 'text', text: explanationJson([goodFor(labelOf('c_e'), 'c_e'), goodFor(labelOf('c_b'), 'c_b'), goodFor(labelOf('c_a'), 'c_a')]) },
    ], 'Llama-3.2-1B-Instruct-q4f16_1-MLC');
    const { first, events, final } = await searchWith([slotFor(fake)]);
    expect(first.result.engine).toBe('heuristic');
    expect(first.result.ranking.partial).toBe(true);
    // The model's order first (its sentences still templates), then exactly one final, each naming the engine.
    expect(events.map((e) => [e.kind, e.engine, e.result.ranking.partial])).toEqual([['ranked', 'webllm', true], ['final', 'webllm', false]]);
    if (!final) throw new Error('no final');
    const r = final;
    expect(r.engine).toBe('webllm');
    expect(r.results.map((m) => m.id)).toEqual(['c_e', 'c_b', 'c_a']);
    expect(r.results.every((m) => m.explanation_engine === 'webllm')).toBe(true);
    expect(r.ranking.chain).toEqual([expect.objectContaining({ engine: 'webllm', status: 'used' })]);
    expect(r.ranking.stats).toMatchObject({ engine: 'webllm', prompt_tokens: 800, generated_tokens: expect.any(Number), explain_json: 'complete' });
    expect(r.ranking.stats!.tokens_per_s).toBeGreaterThan(0);
    expect(r.results.map((m) => m.model_p)).toEqual([1, 0.6, 0.4]);
    for (const m of r.results) expect(m.score).toBeGreaterThanOrEqual(0), expect(m.score).toBeLessThanOrEqual(1);
    // The explanations' schema has the top labels only, in the model's order, each text bounded.
    const req = fake.calls[1].request!;
    expect(Object.keys((req.schema as { properties: object }).properties)).toEqual(['c_e', 'c_b', 'c_a'].map(labelOf));
    expect(req.maxTokens).toBe(3 * 40);
    expect(req.maxTextChars).toBe(explanationChars(40));
  });

  it('invalid JSON: the order stands, every explanation is the template sentence', async () => {
    const fake = new ScriptedLlm([{ kind: 'probs', probs: { A: 0.9 } }, { kind: 'text', text: 'Sure! Here are {the explanations: [oops' }]);
    const { final } = await searchWith([slotFor(fake)]);
    if (!final) throw new Error('no final');
    expect(final.engine).toBe('webllm');
    expect(final.results.every((m) => m.explanation_engine === 'template' && m.explanation.startsWith('For you,'))).toBe(true);
    expect(final.ranking.chain[0].reason).toMatch(/0 of 3 explanations passed/);
  });

  it('invented and duplicate labels are ignored; only real, first-seen labels count', async () => {
    const base = await heuristicRun();
    const [idA, idB] = base.ranked_input_ids;
    const fake = new ScriptedLlm([
      { kind: 'probs', probs: { A: 0.5, B: 0.3, C: 0.15, Z: 0.04 } },
      { kind: 'text', text: explanationJson([goodFor('Z', idA), goodFor('A', idA), { label: 'A', text: 'For you, duplicate.' }, goodFor('B', idB), goodFor('Q', idB)]) },
    ]);
    const { final } = await searchWith([slotFor(fake)]);
    if (!final) throw new Error('no final');
    const byId = new Map(final.results.map((m) => [m.id, m]));
    const a = byId.get(base.ranked_input_ids[0])!;
    expect(a.explanation_engine).toBe('webllm');
    expect(a.explanation).not.toContain('duplicate');
    expect(final.ranking.chain[0].reason).toMatch(/unknown label; unknown label/);
  });

  it('out-of-range scores: probabilities are validated and the blended score stays in [0, 1]', async () => {
    const odd: LlmEngine = {
      modelId: 'm', device: 'webgpu',
      labelProbabilities: async (_m, labels) => ({ probs: labels.map((_, i) => (i === 0 ? 20 : 0.5)), labelMass: null, stats: { promptTokens: 1, generatedTokens: 1, prefillMs: 1, decodeMs: 0 } }),
      generateJson: async () => ({ text: '{}', finish: 'stop', stats: { promptTokens: 1, generatedTokens: 1, prefillMs: 1, decodeMs: 1 } }),
      dispose: async () => undefined,
    };
    const { final } = await searchWith([slotFor(odd)]);
    if (!final) throw new Error('no final');
    expect(final.results.every((m) => m.score >= 0 && m.score <= 1)).toBe(true);
    const nan = new ScriptedLlm([{ kind: 'probs', probs: { A: Number.NaN } }]);
    const r2 = await searchWith([slotFor(nan)]);
    if (!r2.final) throw new Error('no final');
    expect(r2.final.engine).toBe('heuristic');
    expect(r2.final.ranking.chain[0]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/invalid label probabilities/) });
  });

  it('explanations naming faith, a hidden city or an interest not shared are replaced by the template', async () => {
    const base = await heuristicRun();
    const hiddenLabel = 'ABCDEFGHIJ'[base.ranked_input_ids.indexOf('c_hidden')];
    const weights: Record<string, number> = {};
    weights[hiddenLabel] = 0.7;
    for (const l of 'ABCDEF'.split('').filter((l) => l !== hiddenLabel).slice(0, 2)) weights[l] = 0.1;
    const [l2, l3] = Object.keys(weights).filter((l) => l !== hiddenLabel);
    const fake = new ScriptedLlm([
      { kind: 'probs', probs: weights },
      { kind: 'text', text: explanationJson([
        { label: hiddenLabel, text: 'For you, this companion from Zurich shares your love of museums, travels at a balanced pace on a mid budget, and speaks English with you.' },
        { label: l2, text: 'For you, this companion shares your Islam faith and your love of museums, travels at a balanced pace on a mid budget, speaking English.' },
        { label: l3, text: 'For you, this companion shares your love of surfing and yoga, travels at a balanced pace on a mid budget, and speaks English with you.' },
      ]) },
    ]);
    const { final } = await searchWith([slotFor(fake)]);
    if (!final) throw new Error('no final');
    // Rule names and fault codes may say "faith"; no shown text and no reason carries the model's words.
    expect(JSON.stringify([final.results, final.notices])).not.toMatch(/zurich|islam|faith|surfing and yoga/i);
    expect(JSON.stringify(final.ranking)).not.toMatch(/zurich|islam|surfing and yoga/i);
    expect(final.results.every((m) => m.explanation_engine === 'template')).toBe(true);
    expect(final.ranking.chain[0].reason).toMatch(/mentions_forbidden|mentions_faith|interest_not_shared/);
  });

  it('a slow generation is aborted by a new search, and the old search never updates again', async () => {
    const fake = new ScriptedLlm([
      { kind: 'probs', probs: { A: 0.9 } },
      { kind: 'slow', text: '{"A": "For' },
      { kind: 'probs', probs: { B: 0.9 } },
      { kind: 'text', text: '{}' },
    ]);
    const matcher = new Matcher({ rankers: [modelRanker(slotFor(fake))] });
    matcher.usePool(pool);
    const firstEvents: SearchEvent[] = [];
    const first = await matcher.search(query, { top: 3 });
    if (!first.ok) throw new Error(first.error.message);
    const followed = matcher.follow(first.value.searchId, (e) => firstEvents.push(e));
    const firstFinal = matcher.settled(first.value);
    // Wait until the first search is streaming its explanations.
    while (fake.calls.length < 2) await new Promise((r) => setImmediate(r));
    const seenBefore = firstEvents.length;
    const second = await matcher.search(query, { top: 3 });
    if (!second.ok) throw new Error(second.error.message);
    expect(await firstFinal).toBeNull();
    await followed; // ended without a final
    expect((await matcher.settled(second.value))?.engine).toBe('webllm');
    expect(firstEvents.length).toBe(seenBefore);
    expect(firstEvents.some((e) => e.kind === 'final')).toBe(false);
    // Following the replaced search delivers nothing.
    const late: SearchEvent[] = [];
    await matcher.follow(first.value.searchId, (e) => late.push(e));
    expect(late).toEqual([]);
  });

  it('with every model link set aside, the first answer is final: no event follows it', async () => {
    const skipped = memoSlot({ name: 'webllm', modelId: 'm', device: 'webgpu' }, 'WebGPU is not used here: no adapter', async () => { throw new Error('never'); });
    const { first, events, final } = await searchWith([skipped]);
    expect(first.result.ranking.partial).toBe(false);
    expect(first.result.ranking.chain.map((s) => [s.engine, s.status])).toEqual([['webllm', 'skipped'], ['heuristic', 'used']]);
    expect(events).toEqual([]);
    expect(final).toBe(first.result);
  });

  it('a device lost mid-run falls to the next engine and the search still completes', async () => {
    const lost = new ScriptedLlm([
      { kind: 'probs', probs: { A: 0.9 } },
      { kind: 'error', error: 'Device was lost. This can happen due to insufficient memory or other GPU constraints.' },
    ]);
    const next = new ScriptedLlm([{ kind: 'probs', probs: { C: 0.8, A: 0.1 } }, { kind: 'text', text: '{}' }], 'wasm-m');
    const webllm = slotFor(lost);
    const { final } = await searchWith([webllm, slotFor(next, 'transformers')]);
    if (!final) throw new Error('no final');
    expect(final.engine).toBe('transformers');
    expect(final.ranking.chain[0]).toMatchObject({ engine: 'webllm', status: 'failed', reason: expect.stringMatching(/Device was lost/) });
    expect(final.ranking.chain[1]).toMatchObject({ engine: 'transformers', status: 'used' });
    // The lost engine is not tried again in this session.
    expect(webllm.skipReason).toMatch(/failed earlier in this session: Device was lost/);
    expect(lost.disposed).toBe(true);
  });

  it('a load that rejects with a plain string (web-llm offline) is recorded, not retried, and the heuristic answers', async () => {
    let loads = 0;
    const slot = slotFor(async () => { loads++; throw 'TypeError: Failed to fetch'; });
    const r1 = await searchWith([slot]);
    const r2 = await searchWith([slot]);
    for (const r of [r1, r2]) {
      if (!r.final) throw new Error('no final');
      expect(r.final.engine).toBe('heuristic');
      expect(r.final.results.length).toBeGreaterThan(0);
    }
    expect(r1.final?.ranking.chain[0]).toMatchObject({ status: 'failed', reason: 'TypeError: Failed to fetch' });
    expect(r2.final?.ranking.chain[0]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('Failed to fetch') });
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
  it('takes renormalised probabilities whatever their mass on the labels was; refuses the wrong length or all zero', () => {
    // A model with 0.3 % of its probability on the labels still orders them (SPEC §5: renormalised).
    expect(blendScores(job, [0.002, 0.001])).toEqual(blendScores(job, [0.6, 0.3]));
    expect(() => blendScores(job, [0.9])).toThrow(/invalid/);
    expect(() => blendScores(job, [0, 0])).toThrow(/invalid/);
  });
  it('every explanation shown passes the validator', async () => {
    const { final } = await searchWith([]);
    if (!final) throw new Error('no final');
    expect(final.results.length).toBeGreaterThan(0);
    expect(final.results.every((m) => m.explanation.startsWith('For you,'))).toBe(true);
    expect(validateExplanation).toBeTypeOf('function');
  });
});

describe('the chain directly', () => {
  it('sets skipped links aside with their reason and ends with the heuristic', async () => {
    const skipped = memoSlot({ name: 'webllm', modelId: 'm', device: 'webgpu' }, 'WebGPU is not used here: no adapter', async () => { throw new Error('never'); });
    const plan = planChain([modelRanker(skipped)], heuristicRanker());
    expect(plan.links.map((l) => l.name)).toEqual(['heuristic']);
    const out = await runChain(plan, { query: { pace: 'balanced', band: 'mid', interests: [], values: [], diet: 'none', transport: [], remoteWork: false }, candidates: [], top: 3 }, { signal: new AbortController().signal });
    expect(out?.chain).toEqual([
      { engine: 'webllm', model: 'm', status: 'skipped', reason: 'WebGPU is not used here: no adapter' },
      { engine: 'heuristic', model: null, status: 'used', reason: 'always available' },
    ]);
  });

  it('its failed and skipped links, as notices naming the engine and its model (what the CLI lists)', () => {
    expect(chainNotices([
      { engine: 'webllm', model: 'm', status: 'skipped', reason: 'no WebGPU adapter' },
      { engine: 'transformers', model: 'fixtures/x', status: 'failed', reason: 'out of memory', ms: 12 },
      { engine: 'custom', model: null, status: 'failed', reason: 'no answer' },
      { engine: 'heuristic', model: null, status: 'used', reason: 'always available' },
    ])).toEqual([
      notice('engine_skipped', { engine: 'webllm (m)', why: 'no WebGPU adapter' }),
      notice('engine_failed', { engine: 'transformers (fixtures/x)', why: 'out of memory' }),
      notice('engine_failed', { engine: 'custom', why: 'no answer' }),
    ]);
  });
});

describe('explanations from a cut-off JSON', () => {
  const c = (i: number) => ({ index: i, facts: { sharedInterests: ['museums'], sharedLanguages: ['en'], candidatePace: 'balanced', queryPace: 'balanced', candidateBand: 'mid', queryBand: 'mid', sameDiet: null, sharedTransport: [], sharedMustHaves: [], remoteWork: false, forbidden: [] } as never, otherInterests: [], heuristic: 0.8, sim: null });
  const good = 'For you, this companion shares your love of museums, travels at a balanced pace on a mid budget, and speaks English with you on every trip.';
  it('keeps the complete entries and says the JSON was cut off', () => {
    const byLabel = new Map([['A', c(0)], ['B', c(1)]]);
    const out = acceptExplanations(`{\n  "A": ${JSON.stringify(good)},\n  "B": "For you, this comp`, byLabel);
    expect(out.json).toBe('cut off');
    expect([...out.texts.keys()]).toEqual(['A']);
    expect(acceptExplanations(`{"A": ${JSON.stringify(good)}, "B": ${JSON.stringify(good)}}`, byLabel)).toMatchObject({ json: 'complete' });
    expect(acceptExplanations('no json here', byLabel)).toMatchObject({ json: 'invalid', rejected: ['no JSON object'] });
  });
});
