/**
 * web-llm's load progress as one bar (SPEC §6: real progress while models load). web-llm reports
 * three separate 0→1 fractions — downloading the weights ("Fetching param cache[i/n]"), loading
 * them from the browser's cache onto the GPU ("Loading model from cache[i/n]", reported with the
 * download's fraction, so its `progress` is stuck at 1 after a download and at 0 on a cached
 * load: the shard counter is used instead) and compiling the GPU shaders ("Loading GPU shader
 * modules[i/n]"). Here they become one fraction that only goes up, with the phase named; a load
 * with no download phase is a cached load, and is never shown as a download.
 */
import type { ModelLoadPhase, Progress } from '../../progress';

export interface WebLlmReport {
  progress: number;
  text: string;
}

const PHASES: [RegExp, ModelLoadPhase][] = [
  [/^Fetching param cache\[(\d+)\/(\d+)\]/, 'download'],
  [/^Loading model from cache\[(\d+)\/(\d+)\]/, 'cache'],
  [/^Loading GPU shader modules\[(\d+)\/(\d+)\]/, 'compile'],
];

/** Share of the bar per phase: with a download, and for a cached load. */
const SPLIT_DOWNLOAD: Record<ModelLoadPhase, [number, number]> = { download: [0, 0.7], cache: [0.7, 0.85], compile: [0.85, 1] };
const SPLIT_CACHED: Record<ModelLoadPhase, [number, number]> = { download: [0, 0], cache: [0, 0.5], compile: [0.5, 1] };

export function webllmProgress(file: string, totalBytes: number, onProgress?: (p: Progress) => void): (r: WebLlmReport) => void {
  let downloaded = false;
  let fraction = 0;
  let phase: ModelLoadPhase | null = null;
  return (r) => {
    let next: { phase: ModelLoadPhase; within: number } | null = null;
    for (const [re, p] of PHASES) {
      const m = re.exec(r.text ?? '');
      if (!m) continue;
      const n = Number(m[2]);
      // Downloads report bytes (their `progress` is the byte fraction); the others count steps.
      next = { phase: p, within: p === 'download' && Number.isFinite(r.progress) ? r.progress : n > 0 ? Number(m[1]) / n : 0 };
      break;
    }
    if (/^Finish loading/.test(r.text ?? '')) next = { phase: phase ?? 'compile', within: 1 };
    if (!next) return; // "Start to fetch params" and the like: nothing to show yet
    if (next.phase === 'download') downloaded = true;
    const [a, b] = (downloaded ? SPLIT_DOWNLOAD : SPLIT_CACHED)[next.phase];
    const overall = Math.min(1, Math.max(fraction, a + (b - a) * Math.min(1, Math.max(0, next.within))));
    // A later phase never hands the bar back to an earlier one.
    if (phase && order(next.phase) < order(phase)) return;
    phase = next.phase;
    fraction = overall;
    onProgress?.({ file, loaded: Math.round(fraction * totalBytes), total: totalBytes, phase });
  };
}

const order = (p: ModelLoadPhase) => (p === 'download' ? 0 : p === 'cache' ? 1 : 2);
