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
import type { Progress } from '../util/fetchBytes';
import { AbortedError, type EngineName, type EngineSlot, type LlmStats, throwIfAborted } from './engine';
import { scanJsonPrefix } from './jsonPrefix';
import { type CandidateSummary, LABELS, type QuerySummary, type RankDetail, TOKENS_PER_EXPLANATION, explanationMessages, explanationSchema, scoringMessages } from './prompt';

export { TOKENS_PER_EXPLANATION };

/**
 * Each explanation's length bound in characters, from its token budget: the JSON around one
 * entry takes ~6 tokens and English runs ~4.5 characters per token; never more than a 28-word
 * sentence needs.
 */
export function explanationChars(tokensPerExplanation: number): number {
  return Math.max(8, Math.min(190, Math.round((tokensPerExplanation - 6) * 4.5)));
}

/**
 * How big the model's part of a search is (the ranking-size settings). `auto` picks per engine
 * device, from what a person waits for there (measured with models of the real architectures;
 * README *Measured*): on WebGPU the full prompt and 40 tokens per explanation; on WASM (two
 * cores: the scoring prefill runs at ~50 prompt tokens/s, generation at ~1 token/s) the brief
 * prompt and no explanation pass — the model orders the candidates within seconds, and the
 * template writes the sentences (`explanation_engine: template`).
 */
export interface RankOptions {
  /** How much of each candidate the prompts carry. */
  detail: RankDetail | 'auto';
  /** Generated tokens allowed per explanation; 0: no explanation pass (template sentences). */
  tokensPerExplanation: number | 'auto';
}

export const DEFAULT_RANK_OPTIONS: RankOptions = { detail: 'auto', tokensPerExplanation: 'auto' };

/** The options for an engine running on `device`. */
export function rankOptionsFor(o: RankOptions, device: string): { detail: RankDetail; tokensPerExplanation: number } {
  const gpu = device === 'webgpu';
  return {
    detail: o.detail === 'auto' ? (gpu ? 'full' : 'brief') : o.detail,
    tokensPerExplanation: o.tokensPerExplanation === 'auto' ? (gpu ? TOKENS_PER_EXPLANATION : 0) : o.tokensPerExplanation,
  };
}

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
  options?: RankOptions;
}

export interface RankedCard {
  index: number;
  score: number;
  explanation: string;
  explanationEngine: EngineName | 'template';
  /** The model's renormalised probability for this candidate, when a model ranked. */
  modelP?: number;
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
  /** Share of the model's next-token distribution on the labels (null: not known, or no model). */
  label_mass: number | null;
  /** The model's probability for each candidate of stage 3's input, in shortlist order, renormalised over them. */
  label_probs: number[];
  /** Prompt positions the scoring pass computed logits for (1: the last only). */
  logit_positions: number | null;
  /** What the explanation pass returned: a whole JSON object, a valid prefix of one, or neither. */
  explain_json: 'complete' | 'cut off' | 'invalid' | null;
  /** Each pass on its own (the totals above add them up). */
  scoring: { prompt_tokens: number; prefill_ms: number } | null;
  explanation: { prompt_tokens: number; generated_tokens: number; prefill_ms: number; decode_ms: number } | null;
}

export interface ChainOutcome {
  engine: EngineName;
  cards: RankedCard[];
  chain: ChainStep[];
  stats: RankingStats;
  /** Still working: explanations not yet in. */
  partial: boolean;
}

/** An engine is about to work for a while: what it does and how long it should take. */
export interface ChainWait {
  engine: EngineName;
  model: string | null;
  device: string;
  step: 'scoring';
  prompt_tokens: number;
  expected_ms: number;
}

export interface ChainHooks {
  signal: AbortSignal;
  onUpdate?: (o: ChainOutcome) => void;
  /** Before a pass that takes long enough to say so (the expected wait is shown). */
  onWait?: (w: ChainWait) => void;
  onProgress?: (p: Progress) => void;
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
  label_mass: null, label_probs: [], logit_positions: null, explain_json: null, scoring: null, explanation: null,
});

/**
 * Validate the labels' probabilities (renormalised over the labels by the engine) and blend them
 * into scores; throws with the reason when invalid.
 */
export function blendScores(job: RankJob, probs: number[]): number[] {
  if (probs.length !== job.candidates.length || probs.some((p) => !Number.isFinite(p) || p < 0)) {
    throw new Error('invalid label probabilities');
  }
  const max = Math.max(...probs);
  if (!(max > 0)) throw new Error('invalid label probabilities (all zero)');
  return job.candidates.map((c, i) => {
    const m = max > 0 ? probs[i] / max : 0;
    const s = c.sim ?? c.heuristic;
    return roundHalfUp(clamp01(BLEND.model * m + BLEND.heuristic * c.heuristic + BLEND.similarity * s), 2);
  });
}

/**
 * Model explanations from its JSON text (`{"A": "For you, …"}`), also when it was cut off: the
 * complete entries count. Only real labels, the first entry per label, each through the
 * validator. Reasons never repeat the model's words: they are shown in the device panel.
 */
export function acceptExplanations(
  text: string,
  byLabel: Map<string, JobCandidate>,
): { texts: Map<string, string>; rejected: string[]; json: 'complete' | 'cut off' | 'invalid' } {
  const scan = scanJsonPrefix(text);
  const json = scan.complete ? 'complete' : scan.validPrefix ? 'cut off' : 'invalid';
  const texts = new Map<string, string>();
  const rejected: string[] = [];
  if (json === 'invalid' && scan.entries.size === 0) rejected.push('no JSON object');
  for (const [label, value] of scan.entries) {
    if (!byLabel.has(label)) { rejected.push('unknown label'); continue; }
    const check = validateExplanation(value, byLabel.get(label)!.facts);
    if (!check.ok) { rejected.push(`${label}: ${check.faults.join(', ')}`); continue; }
    texts.set(label, value.trim());
  }
  return { texts, rejected, json };
}

const formatShare = (x: number) => (x >= 0.01 ? `${Math.round(x * 100)} %` : x > 0 ? `${x.toExponential(1)}` : '0 %');

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
      const opts = rankOptionsFor(job.options ?? DEFAULT_RANK_OPTIONS, engine.device);

      const scoring = scoringMessages(job.query, summaries, opts.detail);
      const estimate = await engine.estimateScoring?.(scoring);
      throwIfAborted(hooks.signal);
      if (estimate) hooks.onWait?.({ engine: slot.info.name, model, device: engine.device, step: 'scoring', prompt_tokens: estimate.promptTokens, expected_ms: Math.round(estimate.ms) });
      const scored = await engine.labelProbabilities(scoring, labels, hooks.signal);
      throwIfAborted(hooks.signal);
      const scores = blendScores(job, scored.probs);
      const maxP = Math.max(...scored.probs);
      const order = job.candidates.map((c, i) => ({ c, i, score: scores[i] }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .slice(0, job.top);
      const stats = (s: LlmStats, explainJson: RankingStats['explain_json'] = null, explained: LlmStats | null = null): RankingStats => ({
        engine: slot.info.name, model, device: engine.device, load_wait_ms: Math.round(loadWait),
        prefill_ms: Math.round(s.prefillMs), decode_ms: Math.round(s.decodeMs), prompt_tokens: s.promptTokens,
        generated_tokens: s.generatedTokens, tokens_per_s: s.decodeMs > 0 ? Math.round((s.generatedTokens / s.decodeMs) * 10000) / 10 : 0,
        label_mass: scored.labelMass, label_probs: scored.probs.map((p) => Math.round(p * 1e6) / 1e6),
        logit_positions: scored.logitPositions ?? null, explain_json: explainJson,
        scoring: { prompt_tokens: scored.stats.promptTokens, prefill_ms: Math.round(scored.stats.prefillMs) },
        explanation: explained && {
          prompt_tokens: explained.promptTokens, generated_tokens: explained.generatedTokens,
          prefill_ms: Math.round(explained.prefillMs), decode_ms: Math.round(explained.decodeMs),
        },
      });
      const cards = (texts: Map<string, string>): RankedCard[] => order.map(({ c, i, score }) => {
        const text = texts.get(labels[i]);
        return {
          index: c.index, score, explanation: text ?? templateExplanation(c.facts), explanationEngine: text ? slot.info.name : 'template',
          modelP: Math.round((scored.probs[i] / maxP) * 1000) / 1000,
        };
      });
      const mass = scored.labelMass === null ? '' : ` (${formatShare(scored.labelMass)} of its next-token probability was on the labels)`;
      const used: ChainStep = { engine: slot.info.name, model, status: 'used', reason: `ranked ${job.candidates.length} candidates from label probabilities${mass}` };
      hooks.onUpdate?.({ engine: slot.info.name, cards: cards(new Map()), chain: [...chain, used], stats: stats(scored.stats), partial: true });

      if (opts.tokensPerExplanation === 0) {
        used.reason += `; template sentences (no explanation pass on ${engine.device}: generating them would take minutes)`;
        const outcome: ChainOutcome = { engine: slot.info.name, cards: cards(new Map()), chain: [...chain, used], stats: stats(scored.stats), partial: false };
        hooks.onUpdate?.(outcome);
        return outcome;
      }
      const top = order.map(({ i }) => summaries[i]);
      const byLabel = new Map(order.map(({ c, i }) => [labels[i], c]));
      const request = {
        schema: explanationSchema(top.map((s) => s.label), explanationChars(opts.tokensPerExplanation)),
        maxTokens: opts.tokensPerExplanation * top.length,
        maxTextChars: explanationChars(opts.tokensPerExplanation),
      };
      const generated = await engine.generateJson(explanationMessages(job.query, top, opts.detail), request, hooks.signal);
      throwIfAborted(hooks.signal);
      const { texts, rejected, json } = acceptExplanations(generated.text, byLabel);
      if (rejected.length > 0 || texts.size < top.length) {
        const cut = json === 'cut off' ? `; the JSON was cut off after ${generated.stats.generatedTokens} tokens` : '';
        used.reason += `; ${texts.size} of ${top.length} explanations passed validation, template sentences for the rest${rejected.length ? ` (${rejected.slice(0, 3).join('; ')})` : ''}${cut}`;
      }
      const outcome: ChainOutcome = { engine: slot.info.name, cards: cards(texts), chain: [...chain, used], stats: stats(addStats(scored.stats, generated.stats), json, generated.stats), partial: false };
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
