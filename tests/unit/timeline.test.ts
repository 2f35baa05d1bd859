/**
 * Honest timings (issue 15): the stage timeline shows a stage that did not run as skipped (with
 * why), names what did each stage, lists the model attempts with their time, and its total is
 * the sum of its rows. The rows come from src/ui/timelineRows.ts (pure); the search results here
 * come from the real matcher, with scripted model engines.
 */
import { describe, expect, it, vi } from 'vitest';
import { Matcher } from '../../src/core/matcher';
import { fail, notice } from '../../src/core/outcome';
import { packProfiles } from '../../src/core/pool/packed';
import type { EngineSlot, LlmEngine } from '../../src/core/rank/engine';
import { modelRanker } from '../../src/core/rank/modelRanker';
import type { ChainStep } from '../../src/core/rank/ranker';
import { memoSlot } from '../../src/core/rank/slot';
import type { SearchEvent, SearchResult, Timings } from '../../src/core/result';
import { type Similarity, type SimilarityOff, noSimilarity } from '../../src/core/similarity/semantic';
import { engineLabel, fmtDuration } from '../../src/ui/format';
import { OTHER_MIN_MS, type Timeline, timelineRows } from '../../src/ui/timelineRows';
import { profile } from './profiles';
import { ScriptedLlm } from './scriptedLlm';
import { search } from './searchPool';

const pool = packProfiles(['c_1', 'c_2', 'c_3', 'c_4'].map((id, i) => profile({ id, interests: ['museums', ['yoga', 'chess', 'castles', 'diving'][i]] })));
const query = profile({ id: 'u_query' });
/** Nobody in the pool speaks Korean: no candidate passes the hard filters. */
const lonely = profile({ id: 'u_query', languages: ['ko'] });

const row = (tl: Timeline, stage: string) => tl.stages.find((s) => s.stage === stage);
/** Everything the timeline shows in words (what a person reads). */
const words = (tl: Timeline) => [...tl.stages.flatMap((s) => [s.label, s.by, s.text, s.note]), tl.other?.text, tl.total.text, ...tl.attempts.map((a) => a.text)].filter(Boolean).join('\n');
/** The rows that make up the total: the stages shown and the "Other" row. */
const shownSum = (tl: Timeline) => tl.stages.reduce((s, r) => s + r.ms, 0) + (tl.other?.ms ?? 0);

async function ruleOnly(input = query, why: SimilarityOff | Similarity = 'models_off'): Promise<SearchResult> {
  const matcher = new Matcher();
  matcher.usePool(pool, typeof why === 'string' ? noSimilarity(why) : why);
  const out = await matcher.search(input);
  if (!out.ok) throw new Error(out.error.message);
  return out.value.result;
}

const timings = (over: Partial<Timings> = {}): Timings => ({ validate: 0.1, hard: 1, embed: 0, embed_load_wait: 0, shortlist: 2, rank: 0.5, explain: 0.4, total: 4, ...over });
/** A result as the timeline reads it, from parts. */
const resultOf = (over: Partial<SearchResult> & { timings_ms: Timings }): SearchResult => ({
  results: [], funnel: { pool: 4, hard: 4, shortlist: 4, ranked: 4, final: 3 }, removed_by_rule: {} as SearchResult['removed_by_rule'],
  skipped_stages: [], notices: [], engine: 'heuristic', ranking: { stats: null, chain: [], partial: false }, similarity: null, ranked_input_ids: [],
  ...over,
});

describe('a stage that did not run', () => {
  it('rule-only search: the embedding is skipped, with why, never "0.00 ms"', async () => {
    const r = await ruleOnly();
    expect(r.skipped_stages).toEqual(['embed']);
    expect(r.skipped_reasons?.embed).toBe('no similarity (models off): rule-only shortlist');
    expect(r.timings_ms.embed).toBe(0);
    const tl = timelineRows(r);
    expect(row(tl, 'embed')).toMatchObject({ skipped: true, ms: 0, text: 'skipped — no similarity (models off): rule-only shortlist', engine: null });
    expect(words(tl)).not.toMatch(/0\.00 ms/);
    // Every stage that ran is there, with its time.
    expect(tl.stages.map((s) => s.stage)).toEqual(['validate', 'hard', 'embed', 'shortlist', 'rank', 'explain']);
    for (const s of tl.stages.filter((x) => !x.skipped)) expect(s.text).toMatch(/ms$/);
  });

  it('the reason says why there was no similarity', async () => {
    expect((await ruleOnly(query, 'not_ready')).skipped_reasons?.embed).toBe('no similarity (not ready yet): rule-only shortlist');
    // The reason comes from the similarity's status (`off`), as data: not from its notice's words.
    const declined = noSimilarity('declined');
    expect(declined.status).toMatchObject({ state: 'off', off: 'declined', notice: notice('similarity_off', { why: 'declined' }) });
    const reworded: Similarity = { ...declined, embedQuery: async () => fail({ ...notice('similarity_off', { why: 'declined' }), message: 'Reworded.' }) };
    expect((await ruleOnly(query, reworded)).skipped_reasons?.embed).toBe('no similarity (model download declined): rule-only shortlist');
    // Timings alone (no result): an embedding of 0 ms is still not shown as having run.
    const tl = timelineRows({ timings_ms: timings() });
    expect(row(tl, 'embed')).toMatchObject({ skipped: true, text: 'skipped — no similarity: rule-only shortlist' });
  });

  it('a stage that ran under the clock’s resolution reads "< 0.01 ms", not "0.00 ms"', () => {
    const tl = timelineRows(resultOf({ timings_ms: timings({ validate: 0, hard: 0.004, total: 3 }), skipped_stages: ['embed'] }));
    expect(row(tl, 'validate')?.text).toBe('< 0.01 ms');
    expect(row(tl, 'hard')?.text).toBe('< 0.01 ms');
    expect(words(tl)).not.toMatch(/0\.00 ms/);
  });
});

describe('each stage names what did it', () => {
  it('rule-only: the heuristic ranked, the template wrote the sentences', async () => {
    const tl = timelineRows(await ruleOnly());
    expect(row(tl, 'rank')).toMatchObject({ engine: 'heuristic', by: 'heuristic', note: null });
    expect(row(tl, 'explain')).toMatchObject({ engine: 'template', by: 'template', note: null });
    expect(row(tl, 'shortlist')?.by).toBe('rules only');
    expect(tl.attempts).toEqual([]);
    expect(tl.total.label).toBe('Total');
  });

  it('the query embedding names its model and backend; the first search’s wait for the model is a row', () => {
    const tl = timelineRows(resultOf({
      timings_ms: timings({ embed: 3.2, embed_load_wait: 400, total: 410 }),
      similarity: { model: 'Xenova/bge-small-en-v1.5', backend: 'wasm' },
    }));
    expect(row(tl, 'embed')).toMatchObject({ skipped: false, ms: 3.2, engine: 'Xenova/bge-small-en-v1.5', by: 'Xenova/bge-small-en-v1.5 on wasm', text: '3.20 ms' });
    expect(row(tl, 'embed_load_wait')).toMatchObject({ ms: 400, text: '400 ms' });
    expect(row(tl, 'shortlist')?.by).toBe('similarity + rules');
    expect(shownSum(tl)).toBeCloseTo(410, 6);
  });

  it('a model’s order and sentences on screen: the rows still name what they timed, and say what is shown', () => {
    const card = (explanation_engine: 'webllm' | 'template') => ({ explanation_engine }) as SearchResult['results'][number];
    const tl = timelineRows(resultOf({
      timings_ms: timings(), skipped_stages: ['embed'], engine: 'webllm', results: [card('webllm'), card('webllm'), card('template')],
      ranking: { stats: null, chain: [{ engine: 'webllm', model: 'm', status: 'used', reason: 'ranked', ms: 2000, load_ms: 0 }], partial: false },
    }));
    expect(row(tl, 'rank')).toMatchObject({ engine: 'heuristic', note: expect.stringContaining("the order shown is web-llm's") });
    expect(row(tl, 'explain')).toMatchObject({ engine: 'template', note: expect.stringContaining('web-llm (2) and template (1)') });
    expect(tl.attempts).toMatchObject([{ engine: 'webllm', status: 'used', shown: true, text: 'web-llm — ranked in 2.0 s' }]);
    expect(tl.total.label).toBe('Total (to the first answer)');
  });
});

describe('model attempts', () => {
  /** A clock the test moves (installed as `performance.now` where a test needs exact times). */
  let clock = 0;
  /** A web-llm link that fails after `tookMs` of the test's clock. */
  const failingRun = (error: unknown, tookMs: number): EngineSlot => memoSlot({ name: 'webllm', modelId: 'webllm-m', device: 'webgpu' }, null, async (): Promise<LlmEngine> => ({
    modelId: 'webllm-m', device: 'webgpu',
    labelProbabilities: async () => { clock += tookMs; throw error; },
    generateJson: async () => { throw error; },
    dispose: async () => undefined,
  }));
  const working = () => memoSlot({ name: 'transformers', modelId: 'wasm-m', device: 'wasm' }, null, async () => new ScriptedLlm([{ kind: 'probs', probs: { B: 0.9 } }, { kind: 'text', text: '{}' }], 'wasm-m'));

  it('a failed model attempt is recorded and shown with its time; the one that ranked too', async () => {
    // Time moves only while the failing link works (730 ms): its attempt took exactly that.
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const out = await search(pool, query, { top: 3 }, { rankers: [failingRun(new RangeError('out of memory'), 730), working()].map(modelRanker) }).finally(() => now.mockRestore());
    if (!out.ok) throw new Error(out.error.message);
    const r = out.value;
    expect(r.engine).toBe('transformers');
    const [failed, used] = r.ranking.chain;
    expect(failed).toMatchObject({ engine: 'webllm', status: 'failed', ms: 730 });
    expect(failed.load_ms).toBeUndefined();
    expect(used).toMatchObject({ engine: 'transformers', status: 'used', ms: expect.any(Number), load_ms: expect.any(Number) });
    expect(used.load_ms!).toBeLessThanOrEqual(used.ms!);
    const tl = timelineRows(r);
    expect(tl.attempts.map((a) => [a.engine, a.status, a.ms, a.shown])).toEqual([['webllm', 'failed', failed.ms, false], ['transformers', 'used', used.ms, true]]);
    expect(tl.attempts[0].text).toBe('web-llm — failed after 730 ms');
    expect(tl.attempts[0].reason).toMatch(/out of memory/);
    // The heuristic's time is the Ranking row's, not an attempt.
    expect(tl.attempts.some((a) => a.engine === 'heuristic')).toBe(false);
  });

  it('every event carries the times so far: the order’s on `ranked`, the whole attempt’s on `final`', async () => {
    const matcher = new Matcher({ rankers: [modelRanker(working())] });
    matcher.usePool(pool);
    const first = await matcher.search(query, { top: 3 });
    if (!first.ok) throw new Error(first.error.message);
    const events: SearchEvent[] = [];
    await matcher.follow(first.value.searchId, (e) => events.push(e));
    const ranked = events.find((e) => e.kind === 'ranked');
    const final = events.find((e) => e.kind === 'final');
    const step = (e: SearchEvent | undefined) => e?.result.ranking.chain.find((s) => s.engine === 'transformers');
    expect(step(ranked)?.ms).toEqual(expect.any(Number));
    expect(step(final)!.ms!).toBeGreaterThanOrEqual(step(ranked)!.ms!);
    expect(timelineRows(ranked!.result).attempts[0].text).toMatch(/explanations still being written$/);
    // The stage rows are the first answer's, unchanged by the events.
    expect(final!.result.timings_ms).toEqual(first.value.result.timings_ms);
  });

  it('the words of an attempt: failed after its time; loaded in, then ranked in', () => {
    const tl = (chain: ChainStep[], engine: SearchResult['engine'] = 'heuristic') => timelineRows(resultOf({ timings_ms: timings(), skipped_stages: ['embed'], engine, ranking: { stats: null, chain, partial: false } })).attempts;
    expect(tl([{ engine: 'webllm', model: 'm', status: 'failed', reason: 'Device was lost', ms: 730 }])).toMatchObject([
      { engine: 'webllm', status: 'failed', ms: 730, text: 'web-llm — failed after 730 ms', reason: 'Device was lost', shown: false },
    ]);
    expect(tl([{ engine: 'transformers', model: 'm', status: 'used', reason: 'ranked', ms: 18_600, load_ms: 13_000 }], 'transformers')[0].text)
      .toBe('transformers.js — loaded in 13 s, ranked in 5.6 s');
    // Skipped links were not attempted (the device panel lists them); an unrecorded time is not made up.
    expect(tl([{ engine: 'webllm', model: 'm', status: 'skipped', reason: 'no WebGPU' }, { engine: 'transformers', model: 'm', status: 'failed', reason: 'x' }]))
      .toMatchObject([{ engine: 'transformers', ms: null, text: 'transformers.js — failed' }]);
  });
});

describe('the total is the sum of what is shown', () => {
  it('the difference is a labelled "Other" row', () => {
    const tl = timelineRows(resultOf({ timings_ms: timings({ total: 36 }), skipped_stages: ['embed'] }));
    // Shown: 0.1 + 1 + 2 + 0.5 + 0.4 = 4 ms of 36.
    expect(tl.other).toMatchObject({ kind: 'other', ms: 32, text: '32.0 ms', label: expect.stringMatching(/^Other/) });
    expect(shownSum(tl)).toBeCloseTo(tl.total.ms, 9);
  });

  it('no "Other" row for a rounding difference', () => {
    expect(timelineRows(resultOf({ timings_ms: timings({ total: 4 + OTHER_MIN_MS }), skipped_stages: ['embed'] })).other).toBeNull();
    expect(timelineRows(resultOf({ timings_ms: timings({ total: 4.06 }), skipped_stages: ['embed'] })).other?.ms).toBeCloseTo(0.06, 9);
  });

  it('a real search: the rows add up to its total', async () => {
    for (const r of [await ruleOnly(), await ruleOnly(lonely)]) {
      const tl = timelineRows(r);
      expect(Math.abs(shownSum(tl) - r.timings_ms.total)).toBeLessThanOrEqual(OTHER_MIN_MS + 1e-9);
    }
  });
});

describe('an empty search', () => {
  it('lists the stages after the hard filters as skipped, with no time', async () => {
    const r = await ruleOnly(lonely);
    expect(r.funnel.hard).toBe(0);
    expect(r.skipped_stages).toEqual(['embed', 'shortlist', 'rank', 'explain']);
    expect(r.skipped_reasons).toMatchObject({ shortlist: 'no candidates passed the hard filters', rank: 'no candidates to rank', explain: 'no candidates to rank' });
    for (const s of ['embed', 'shortlist', 'rank', 'explain'] as const) expect(r.timings_ms[s]).toBe(0);
  });

  it('shows only the stages that ran: no ranking or explanation rows', async () => {
    const tl = timelineRows(await ruleOnly(lonely));
    expect(tl.stages.map((s) => s.stage)).toEqual(['validate', 'hard']);
    expect(tl.attempts).toEqual([]);
    // With similarity the embedding ran before the hard filters: it stays.
    const withSim = timelineRows(resultOf({
      timings_ms: timings({ embed: 2, shortlist: 0, rank: 0, explain: 0 }), similarity: { model: 'm/x', backend: 'cpu' },
      funnel: { pool: 4, hard: 0, shortlist: 0, ranked: 0, final: 0 }, skipped_stages: ['shortlist', 'rank', 'explain'],
    }));
    expect(withSim.stages.map((s) => s.stage)).toEqual(['validate', 'hard', 'embed']);
  });

  it('the matcher runs no model link for it', async () => {
    const out = await search(pool, lonely, {}, { rankers: [modelRanker(memoSlot({ name: 'webllm', modelId: 'm', device: 'webgpu' }, null, async () => new ScriptedLlm([])))] });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.ranking.chain).toEqual([]);
    expect(timelineRows(out.value).attempts).toEqual([]);
  });
});

describe('format helpers', () => {
  it('fmtDuration picks the unit and never says 0.00 ms', () => {
    expect([0, 0.004, 0.042, 12.34, 730, 5_612, 13_200, 95_000].map(fmtDuration)).toEqual(['< 0.01 ms', '< 0.01 ms', '0.04 ms', '12.3 ms', '730 ms', '5.6 s', '13 s', '1 min 35 s']);
    expect(fmtDuration(Number.NaN)).toBe('–');
  });

  it('engineLabel names engines as the page does', () => {
    expect(['webllm', 'transformers', 'custom', 'heuristic', 'template'].map(engineLabel)).toEqual(['web-llm', 'transformers.js', 'custom model', 'heuristic', 'template']);
  });
});
