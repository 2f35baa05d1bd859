/**
 * A language-model link of the ranking chain (SPEC §5): an engine slot (custom model, web-llm on
 * WebGPU, transformers.js on WASM) that scores the stage-3 input from the label probabilities of
 * one forward pass, then writes explanations for the final top N as JSON. Everything it returns
 * is validated: labels real and unique, probabilities finite, scores clamped; every sentence
 * through the §5 validator, replaced by the template when it fails. Any failure throws, and the
 * chain hands over to the next link.
 */
import { templateExplanation } from '../explain/template';
import { validateExplanation } from '../explain/validate';
import { roundHalfUp } from '../util/bits';
import { type EngineSlot, type LlmStats, throwIfAborted } from './engine';
import { scanJsonPrefix } from './jsonPrefix';
import { type CandidateSummary, LABELS, explanationMessages, explanationSchema, scoringMessages } from './prompt';
import {
  DEFAULT_RANK_OPTIONS, type JobCandidate, type LinkAnswer, type RankJob, type RankedCard, type Ranker, type RankingStats, rankOptionsFor,
} from './ranker';

/** compatibility_score when a model ranked: 0.5 model + 0.3 heuristic + 0.2 similarity. */
export const BLEND = { model: 0.5, heuristic: 0.3, similarity: 0.2 } as const;

/**
 * Each explanation's length bound in characters, from its token budget: the JSON around one
 * entry takes ~6 tokens and English runs ~4.5 characters per token; never more than a 28-word
 * sentence needs.
 */
export function explanationChars(tokensPerExplanation: number): number {
  return Math.max(8, Math.min(190, Math.round((tokensPerExplanation - 6) * 4.5)));
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

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
    const m = probs[i] / max;
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

/** The chain link of a model engine slot. */
export function modelRanker(slot: EngineSlot): Ranker {
  const name = slot.info.name;
  const model = slot.info.modelId;
  return {
    name,
    model,
    skipReason: () => slot.skipReason,
    fail: (reason) => slot.fail?.(reason),
    async rank(job, ctx): Promise<LinkAnswer> {
      const summaries: CandidateSummary[] = job.candidates.map((c, i) => ({ label: LABELS[i], facts: c.facts, otherInterests: c.otherInterests }));
      const labels = summaries.map((s) => s.label);
      const t0 = performance.now();
      const engine = await slot.load(ctx.onProgress);
      const loadWait = performance.now() - t0;
      throwIfAborted(ctx.signal);
      const opts = rankOptionsFor(job.options ?? DEFAULT_RANK_OPTIONS, engine.device);

      const scoring = scoringMessages(job.query, summaries, opts.detail);
      const estimate = await engine.estimateScoring?.(scoring);
      throwIfAborted(ctx.signal);
      if (estimate) ctx.onWait?.({ engine: name, model, device: engine.device, step: 'scoring', prompt_tokens: estimate.promptTokens, expected_ms: Math.round(estimate.ms) });
      const scored = await engine.labelProbabilities(scoring, labels, ctx.signal);
      throwIfAborted(ctx.signal);
      const scores = blendScores(job, scored.probs);
      const maxP = Math.max(...scored.probs);
      const order = job.candidates.map((c, i) => ({ c, i, score: scores[i] }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .slice(0, job.top);
      const stats = (s: LlmStats, explainJson: RankingStats['explain_json'] = null, explained: LlmStats | null = null): RankingStats => ({
        engine: name, model, device: engine.device, load_wait_ms: Math.round(loadWait),
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
      const cards = (texts: Map<string, string>): RankedCard[] => order.map(({ c, i, score }, rank) => {
        const text = texts.get(labels[i]);
        return {
          // The card's place picks the template's sentence shape, as on the heuristic path.
          index: c.index, score, explanation: text ?? templateExplanation(c.facts, rank), explanationEngine: text ? name : 'template',
          modelP: Math.round((scored.probs[i] / maxP) * 1000) / 1000,
        };
      });
      const mass = scored.labelMass === null ? '' : ` (${formatShare(scored.labelMass)} of its next-token probability was on the labels)`;
      let reason = `ranked ${job.candidates.length} candidates from label probabilities${mass}`;

      if (opts.tokensPerExplanation === 0) {
        reason += `; template sentences (no explanation pass on ${engine.device}: generating them would take minutes)`;
        return { engine: name, cards: cards(new Map()), stats: stats(scored.stats), reason };
      }
      ctx.onRanked?.({ engine: name, cards: cards(new Map()), stats: stats(scored.stats), reason });
      const top = order.map(({ i }) => summaries[i]);
      const byLabel = new Map(order.map(({ c, i }) => [labels[i], c]));
      const request = {
        schema: explanationSchema(top.map((s) => s.label), explanationChars(opts.tokensPerExplanation)),
        maxTokens: opts.tokensPerExplanation * top.length,
        maxTextChars: explanationChars(opts.tokensPerExplanation),
      };
      const generated = await engine.generateJson(explanationMessages(job.query, top, opts.detail), request, ctx.signal);
      throwIfAborted(ctx.signal);
      const { texts, rejected, json } = acceptExplanations(generated.text, byLabel);
      if (rejected.length > 0 || texts.size < top.length) {
        const cut = json === 'cut off' ? `; the JSON was cut off after ${generated.stats.generatedTokens} tokens` : '';
        reason += `; ${texts.size} of ${top.length} explanations passed validation, template sentences for the rest${rejected.length ? ` (${rejected.slice(0, 3).join('; ')})` : ''}${cut}`;
      }
      return { engine: name, cards: cards(texts), stats: stats(addStats(scored.stats, generated.stats), json, generated.stats), reason };
    },
  };
}

