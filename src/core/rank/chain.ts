/**
 * The ranking chain (SPEC §5): custom model → base model on WebGPU (web-llm) → small model on
 * WASM (transformers.js) → heuristic. Each engine scores the stage-3 input from the label
 * probabilities of one forward pass, then writes explanations for the final top N as JSON.
 * Everything it returns is validated: labels real and unique, probabilities finite and mostly
 * on the labels, scores clamped; every sentence through the §5 validator, replaced by the
 * template when it fails. A failure (load, device lost, out of memory, invalid output) is
 * recorded with its reason and the next engine is tried; the heuristic always answers.
 */
import type { ExplainFacts } from '../explain/facts';
import { templateExplanation } from '../explain/template';
import { validateExplanation } from '../explain/validate';
import { reasonOf } from '../similarity/semantic';
import { roundHalfUp } from '../util/bits';
import { AbortedError, type EngineName, type EngineSlot, type LlmStats, throwIfAborted } from './engine';
import { type CandidateSummary, LABELS, type QuerySummary, explanationMessages, explanationSchema, scoringMessages } from './prompt';

/** Below this share of probability on the labels, the model is not answering the question. */
export const MIN_LABEL_MASS = 0.5;
/** Generated tokens allowed per explanation (SPEC §10: ≤ 5 × 40). */
export const TOKENS_PER_EXPLANATION = 40;

/** compatibility_score when a model ranked: 0.5 model + 0.3 heuristic + 0.2 similarity. */
export const BLEND = { model: 0.5, heuristic: 0.3, similarity: 0.2 } as const;

export interface JobCandidate {
  /** Pool index. */
  index: number;
  facts: ExplainFacts;
  otherInterests: string[];
  /** Heuristic score (SPEC §5) in [0, 0.95]. */
  heuristic: number;
  /** Normalised similarity in [0, 1], or null without embeddings. */
  sim: number | null;
}

export interface RankJob {
  query: QuerySummary;
  /** The stage-3 input, in shortlist order (at most 10). */
  candidates: JobCandidate[];
  top: number;
}

export interface RankedCard {
  index: number;
  score: number;
  explanation: string;
  explanationEngine: EngineName | 'template';
}

export type StepStatus = 'used' | 'skipped' | 'failed' | 'cancelled';

export interface ChainStep {
  engine: EngineName;
  model: string | null;
  status: StepStatus;
  reason: string;
}

export interface RankingStats {
  engine: EngineName;
  model: string | null;
  device: string | null;
  load_wait_ms: number;
  prefill_ms: number;
  decode_ms: number;
  prompt_tokens: number;
  generated_tokens: number;
  tokens_per_s: number;
}

export interface ChainOutcome {
  engine: EngineName;
  cards: RankedCard[];
  chain: ChainStep[];
  stats: RankingStats;
  /** Still working: explanations not yet in. */
  partial: boolean;
}

export interface ChainHooks {
  signal: AbortSignal;
  onUpdate?: (o: ChainOutcome) => void;
  onProgress?: (p: { file: string; loaded: number; total: number }) => void;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** The heuristic order (SPEC §5): rounded score descending, ties in shortlist order; top N. */
export function heuristicOrder(job: RankJob): JobCandidate[] {
  return job.candidates
    .map((c, order) => ({ c, order }))
    .sort((a, b) => b.c.heuristic - a.c.heuristic || a.order - b.order)
    .slice(0, job.top)
    .map(({ c }) => c);
}

/** Cards for candidates in the given order, with heuristic scores and template sentences. */
export function templateCards(order: JobCandidate[]): RankedCard[] {
  return order.map((c) => ({ index: c.index, score: c.heuristic, explanation: templateExplanation(c.facts), explanationEngine: 'template' as const }));
}

export function heuristicCards(job: RankJob): RankedCard[] {
  return templateCards(heuristicOrder(job));
}

const emptyStats = (engine: EngineName, model: string | null = null, device: string | null = null): RankingStats => ({
  engine, model, device, load_wait_ms: 0, prefill_ms: 0, decode_ms: 0, prompt_tokens: 0, generated_tokens: 0, tokens_per_s: 0,
});

/** Validate label probabilities and blend them into scores; throws with the reason when invalid. */
export function blendScores(job: RankJob, probs: number[]): number[] {
  if (probs.length !== job.candidates.length || probs.some((p) => !Number.isFinite(p) || p < 0)) {
    throw new Error('invalid label probabilities');
  }
  const mass = probs.reduce((a, b) => a + b, 0);
  if (mass < MIN_LABEL_MASS) throw new Error(`the model did not answer with a label (${Math.round(mass * 100)} % of probability on the labels)`);
  const max = Math.max(...probs);
  return job.candidates.map((c, i) => {
    const m = max > 0 ? probs[i] / max : 0;
    const s = c.sim ?? c.heuristic;
    return roundHalfUp(clamp01(BLEND.model * m + BLEND.heuristic * c.heuristic + BLEND.similarity * s), 2);
  });
}

/** Pull the first JSON object out of model text ("```json {…}```", leading words, …). */
export function parseJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) return null;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
}

/** Model explanations by label: only real labels, first one wins, each through the validator. */
export function acceptExplanations(
  parsed: unknown,
  byLabel: Map<string, JobCandidate>,
): { texts: Map<string, string>; rejected: string[] } {
  const texts = new Map<string, string>();
  const rejected: string[] = [];
  const items = (parsed as { explanations?: unknown })?.explanations;
  if (!Array.isArray(items)) return { texts, rejected: ['no explanations array'] };
  for (const item of items) {
    const label = (item as { label?: unknown })?.label;
    const text = (item as { text?: unknown })?.text;
    // Reasons never repeat the model's words: they are shown in the device panel.
    if (typeof label !== 'string' || !byLabel.has(label)) { rejected.push('unknown label'); continue; }
    if (texts.has(label)) { rejected.push(`duplicate label ${label}`); continue; }
    const check = validateExplanation(text, byLabel.get(label)!.facts);
    if (!check.ok) { rejected.push(`${label}: ${check.faults.join(', ')}`); continue; }
    texts.set(label, (text as string).trim());
  }
  return { texts, rejected };
}

function addStats(a: LlmStats, b: LlmStats): LlmStats {
  return { promptTokens: a.promptTokens + b.promptTokens, generatedTokens: a.generatedTokens + b.generatedTokens, prefillMs: a.prefillMs + b.prefillMs, decodeMs: a.decodeMs + b.decodeMs };
}

export async function runChain(slots: EngineSlot[], job: RankJob, hooks: ChainHooks): Promise<ChainOutcome | null> {
  const chain: ChainStep[] = [];
  const summaries: CandidateSummary[] = job.candidates.map((c, i) => ({ label: LABELS[i], facts: c.facts, otherInterests: c.otherInterests }));
  const labels = summaries.map((s) => s.label);

  for (const slot of slots) {
    const model = slot.info.modelId;
    if (slot.skipReason) {
      chain.push({ engine: slot.info.name, model, status: 'skipped', reason: slot.skipReason });
      continue;
    }
    try {
      const t0 = performance.now();
      const engine = await slot.load(hooks.onProgress);
      const loadWait = performance.now() - t0;
      throwIfAborted(hooks.signal);

      const scored = await engine.labelProbabilities(scoringMessages(job.query, summaries), labels, hooks.signal);
      throwIfAborted(hooks.signal);
      const scores = blendScores(job, scored.probs);
      const order = job.candidates.map((c, i) => ({ c, i, score: scores[i] }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .slice(0, job.top);
      const stats = (s: LlmStats): RankingStats => ({
        engine: slot.info.name, model, device: engine.device, load_wait_ms: Math.round(loadWait),
        prefill_ms: Math.round(s.prefillMs), decode_ms: Math.round(s.decodeMs), prompt_tokens: s.promptTokens,
        generated_tokens: s.generatedTokens, tokens_per_s: s.decodeMs > 0 ? Math.round((s.generatedTokens / s.decodeMs) * 10000) / 10 : 0,
      });
      const cards = (texts: Map<string, string>): RankedCard[] => order.map(({ c, i, score }) => {
        const text = texts.get(labels[i]);
        return { index: c.index, score, explanation: text ?? templateExplanation(c.facts), explanationEngine: text ? slot.info.name : 'template' };
      });
      const used: ChainStep = { engine: slot.info.name, model, status: 'used', reason: `ranked ${job.candidates.length} candidates from label probabilities` };
      hooks.onUpdate?.({ engine: slot.info.name, cards: cards(new Map()), chain: [...chain, used], stats: stats(scored.stats), partial: true });

      const top = order.map(({ i }) => summaries[i]);
      const byLabel = new Map(order.map(({ c, i }) => [labels[i], c]));
      const generated = await engine.generateJson(explanationMessages(job.query, top), explanationSchema(top.map((s) => s.label)), TOKENS_PER_EXPLANATION * top.length, hooks.signal);
      throwIfAborted(hooks.signal);
      const { texts, rejected } = acceptExplanations(parseJsonObject(generated.text), byLabel);
      if (rejected.length > 0 || texts.size < top.length) {
        used.reason += `; ${texts.size} of ${top.length} explanations passed validation, template sentences for the rest${rejected.length ? ` (${rejected.slice(0, 3).join('; ')})` : ''}`;
      }
      const outcome: ChainOutcome = { engine: slot.info.name, cards: cards(texts), chain: [...chain, used], stats: stats(addStats(scored.stats, generated.stats)), partial: false };
      hooks.onUpdate?.(outcome);
      return outcome;
    } catch (e) {
      if (e instanceof AbortedError || hooks.signal.aborted) return null;
      const reason = reasonOf(e);
      slot.fail?.(reason);
      chain.push({ engine: slot.info.name, model, status: 'failed', reason });
    }
  }
  chain.push({ engine: 'heuristic', model: null, status: 'used', reason: 'always available' });
  const outcome: ChainOutcome = { engine: 'heuristic', cards: heuristicCards(job), chain, stats: emptyStats('heuristic'), partial: false };
  hooks.onUpdate?.(outcome);
  return outcome;
}
