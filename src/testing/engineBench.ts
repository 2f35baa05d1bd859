/**
 * Measure one ranking engine on a fixed, realistic job (10 candidates scored, 5 explanations of
 * up to 40 tokens): load time, prefill and decode speed. For `npm run bench:llm` and the
 * worker's test hooks; it does not touch any search.
 */
import type { ExplainFacts } from '../core/explain/facts';
import type { EngineSlot } from '../core/rank/engine';
import { explanationChars } from '../core/rank/modelRanker';
import { LABELS, TOKENS_PER_EXPLANATION, explanationMessages, explanationSchema, scoringMessages } from '../core/rank/prompt';

export interface EngineBench {
  engine: string;
  model: string;
  device: string;
  load_ms: number;
  scoring: { prompt_tokens: number; prefill_ms: number; prefill_tokens_per_s: number };
  explanations: { prompt_tokens: number; prefill_ms: number; generated_tokens: number; decode_ms: number; decode_tokens_per_s: number };
}

const INTERESTS = ['museums', 'old towns', 'food tours', 'photography', 'long hikes', 'lakes', 'castles', 'markets', 'live music', 'yoga'];

function facts(i: number): ExplainFacts {
  return {
    sharedInterests: INTERESTS.slice(i % 4, (i % 4) + 2), sharedLanguages: ['en'], candidatePace: 'balanced', queryPace: 'balanced',
    candidateBand: 'mid', queryBand: 'mid', sameDiet: null, sharedTransport: ['train'], sharedMustHaves: [], remoteWork: false, forbidden: [],
  };
}

export async function benchEngine(slot: EngineSlot): Promise<EngineBench> {
  const t0 = performance.now();
  const engine = await slot.load();
  const load = performance.now() - t0;
  const query = { pace: 'balanced', band: 'mid', interests: INTERESTS.slice(0, 6), values: ['culture'], diet: 'none', transport: ['train'], remoteWork: false };
  const candidates = LABELS.map((label, i) => ({ label, facts: facts(i), otherInterests: INTERESTS.slice(6, 9) }));
  const signal = new AbortController().signal;
  const scored = await engine.labelProbabilities(scoringMessages(query, candidates), [...LABELS], signal);
  const top = candidates.slice(0, 5);
  const chars = explanationChars(TOKENS_PER_EXPLANATION);
  const gen = await engine.generateJson(explanationMessages(query, top), { schema: explanationSchema(top.map((c) => c.label), chars), maxTokens: TOKENS_PER_EXPLANATION * top.length, maxTextChars: chars }, signal);
  const rate = (n: number, ms: number) => (ms > 0 ? Math.round((n / ms) * 10000) / 10 : 0);
  return {
    engine: slot.info.name,
    model: slot.info.modelId,
    device: engine.device,
    load_ms: Math.round(load),
    scoring: { prompt_tokens: scored.stats.promptTokens, prefill_ms: Math.round(scored.stats.prefillMs * 10) / 10, prefill_tokens_per_s: rate(scored.stats.promptTokens, scored.stats.prefillMs) },
    explanations: {
      prompt_tokens: gen.stats.promptTokens, prefill_ms: Math.round(gen.stats.prefillMs * 10) / 10, generated_tokens: gen.stats.generatedTokens,
      decode_ms: Math.round(gen.stats.decodeMs * 10) / 10, decode_tokens_per_s: rate(gen.stats.generatedTokens, gen.stats.decodeMs),
    },
  };
}
