/**
 * The ranking chain (SPEC §5): custom model → base model on WebGPU (web-llm) → small model on
 * WASM (transformers.js) → heuristic. The links a search will not try (no WebGPU, models off, a
 * failure earlier in the session) are set aside before it starts (`planChain`): with none left
 * but the heuristic, the search's first answer is its final one. The others are tried in order;
 * a link that throws is recorded with its reason and the next one runs; the heuristic, last,
 * always answers. Events say what a link is doing (`waiting`, `ranked`) and which link it is.
 */
import { type Notice, notice, reasonOf } from '../outcome';
import type { OnProgress } from '../progress';
import { AbortedError, type EngineName } from './engine';
import type { ChainStep, ChainWait, LinkAnswer, RankJob, RankedCard, Ranker, RankingStats } from './ranker';

export interface ChainPlan {
  /** The links to try, in order; the heuristic is always the last. */
  links: Ranker[];
  /** The links set aside for this search, with their reasons. */
  skipped: ChainStep[];
}

/** The chain for one search: skipped links set aside, the heuristic last. */
export function planChain(rankers: readonly Ranker[], heuristic: Ranker): ChainPlan {
  const links: Ranker[] = [];
  const skipped: ChainStep[] = [];
  for (const r of rankers) {
    const why = r.skipReason();
    if (why) skipped.push({ engine: r.name, model: r.model, status: 'skipped', reason: why });
    else links.push(r);
  }
  return { links: [...links, heuristic], skipped };
}

/**
 * The links of a search's chain that failed or were set aside, as `engine_failed` /
 * `engine_skipped` notices naming the engine and its model (the CLI lists them; the page shows
 * the chain itself).
 */
export function chainNotices(chain: readonly ChainStep[]): Notice[] {
  return chain.filter((s) => s.status === 'failed' || s.status === 'skipped')
    .map((s) => notice(s.status === 'failed' ? 'engine_failed' : 'engine_skipped', { engine: `${s.engine}${s.model ? ` (${s.model})` : ''}`, why: s.reason }));
}

/** The chain's answer: the link that ranked, its cards and stats, and every link's step. */
export interface ChainOutcome {
  engine: EngineName;
  cards: RankedCard[];
  chain: ChainStep[];
  stats: RankingStats;
}

/** What a link is doing, while the chain runs. */
export type ChainEvent =
  /** A model link is about to score: how long it should take. */
  | { kind: 'waiting'; engine: EngineName; wait: ChainWait }
  /** A model link's order is in; its explanations are being written. */
  | { kind: 'ranked'; engine: EngineName; outcome: ChainOutcome };

export interface ChainHooks {
  signal: AbortSignal;
  onProgress?: OnProgress;
  onEvent?: (e: ChainEvent) => void;
}

const outcomeOf = (a: LinkAnswer, chain: ChainStep[]): ChainOutcome => ({ engine: a.engine, cards: a.cards, chain, stats: a.stats });

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * A model link's time so far (load included), and its load wait when its stats say it; the
 * heuristic link's time is the search's `rank` stage, so its step carries none.
 */
function timed(link: Ranker, startedAt: number, stats?: RankingStats): Pick<ChainStep, 'ms' | 'load_ms'> {
  if (link.name === 'heuristic') return {};
  const ms = round3(performance.now() - startedAt);
  return stats && stats.engine !== 'heuristic' ? { ms, load_ms: round3(Math.min(stats.load_wait_ms, ms)) } : { ms };
}

/** Run the plan's links in order until one answers; null when the search was aborted. */
export async function runChain(plan: ChainPlan, job: RankJob, hooks: ChainHooks): Promise<ChainOutcome | null> {
  const steps: ChainStep[] = [...plan.skipped];
  for (const link of plan.links) {
    const startedAt = performance.now();
    try {
      const answer = await link.rank(job, {
        signal: hooks.signal,
        onProgress: hooks.onProgress,
        onWait: (wait) => { if (!hooks.signal.aborted) hooks.onEvent?.({ kind: 'waiting', engine: link.name, wait }); },
        onRanked: (a) => {
          if (!hooks.signal.aborted) hooks.onEvent?.({ kind: 'ranked', engine: link.name, outcome: outcomeOf(a, [...steps, { engine: a.engine, model: link.model, status: 'used', reason: a.reason, ...timed(link, startedAt, a.stats) }]) });
        },
      });
      if (hooks.signal.aborted) return null;
      return outcomeOf(answer, [...steps, { engine: answer.engine, model: link.model, status: 'used', reason: answer.reason, ...timed(link, startedAt, answer.stats) }]);
    } catch (e) {
      if (e instanceof AbortedError || hooks.signal.aborted) return null;
      const reason = reasonOf(e);
      link.fail?.(reason);
      steps.push({ engine: link.name, model: link.model, status: 'failed', reason, ...timed(link, startedAt) });
    }
  }
  // Unreachable: the heuristic link never throws.
  throw new Error('the ranking chain ended without an answer');
}
