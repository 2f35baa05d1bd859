/**
 * Main-thread side of the worker API: starts the worker and wraps it with comlink. The main
 * thread never imports an ML library; it only talks to this typed proxy.
 */
import * as Comlink from 'comlink';
import type { MatcherApi } from '../workers/matcher.worker';
import type { SearchResult, StageName } from './core/search';

export type Matcher = Comlink.Remote<MatcherApi>;

export function startMatcher(): { matcher: Matcher; worker: Worker } {
  const worker = new Worker(new URL('../workers/matcher.worker.ts', import.meta.url), { type: 'module', name: 'matcher' });
  return { matcher: Comlink.wrap<MatcherApi>(worker), worker };
}

/**
 * Absolute URL of the pool folder: the app's own under Vite's `base` (the app may live under a
 * sub-path), or another same-origin folder given by the `pool` setting.
 */
export function poolBaseUrl(pool = ''): string {
  return new URL(pool || `${import.meta.env.BASE_URL}pool/`, location.href).href;
}

const MEASURED_STAGES: StageName[] = ['hard', 'embed', 'shortlist', 'rank', 'explain', 'total'];

/**
 * Mirror the worker's per-stage timings as `rm:<stage>` measures on the main thread's timeline.
 * Only the latest search's are kept: the browser keeps every measure until it is cleared, so a
 * long session would otherwise grow the timeline by seven entries a search.
 */
export function recordMeasures(result: SearchResult, clickedAt: number): void {
  const stages = MEASURED_STAGES;
  for (const s of stages) performance.clearMeasures(`rm:${s}`);
  performance.clearMeasures('rm:click-to-result');
  let start = clickedAt;
  for (const s of stages) {
    const duration = result.timings_ms[s];
    performance.measure(`rm:${s}`, { start: s === 'total' ? clickedAt : start, duration });
    if (s !== 'total') start += duration;
  }
  performance.measure('rm:click-to-result', { start: clickedAt, end: performance.now() });
}

export { Comlink };
