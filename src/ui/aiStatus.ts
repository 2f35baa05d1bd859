/**
 * The AI status of the page, in plain words, where the results are: one line per AI stage (the
 * prefilter's embedding model, the ranking's language models) — ran (what, on which device, how
 * long), working (loading, indexing, scoring), skipped and why, or failed and what to do — with
 * the technical detail kept apart for a disclosure. Pure: built from the worker's status, the
 * result on screen and the settings, so the tests check it without a browser.
 */
import { timeLeft } from '../core/outcome';
import { hostLabel, plainReason, reasonKind } from '../core/plainReason';
import type { SearchResult } from '../core/result';
import type { Settings } from '../core/settings';
import type { WorkerStatus } from '../protocol';
import { fmtDuration } from './format';

export type AiState = 'ran' | 'working' | 'skipped' | 'failed' | 'idle';

export interface AiLine {
  stage: 'prefilter' | 'ranking';
  label: string;
  state: AiState;
  text: string;
  /** The library's own words, for the disclosure (never in `text`). */
  detail?: string;
  /** Offer to try the models again (a fresh worker), and to change the model host. */
  retry?: boolean;
}

const ENGINE_LABEL: Record<string, string> = {
  webllm: 'the GPU language model',
  transformers: 'the on-device language model (WebAssembly)',
  custom: 'your custom model',
};

const n = (x: number) => x.toLocaleString('en').replace(/,/g, ' ');
const FAILED_EARLIER = 'failed earlier in this session: ';

function prefilterLine(status: WorkerStatus | null, result: SearchResult | null, settings: Settings): AiLine | null {
  const base = { stage: 'prefilter' as const, label: 'AI prefilter' };
  if (settings.device === 'off' || status?.plan?.backend === 'off') return { ...base, state: 'skipped', text: 'Off: models are turned off in the settings (Device: off). The shortlist uses the rules.' };
  const sim = status?.similarity;
  if (!sim) return null;
  const model = sim.modelId ?? settings.embedModel;
  if (result?.similarity) {
    const ms = result.timings_ms.embed;
    return { ...base, state: 'ran', text: `Ran: ${result.similarity.model} on ${result.similarity.backend === 'webgpu' ? 'the GPU (WebGPU)' : 'the processor (WebAssembly)'}, ${fmtDuration(ms)} for your profile.` };
  }
  if (result && result.results.length > 0 && (sim.state === 'ready' || sim.state === 'idle')) {
    // The model is there but this search went without it (e.g. the pool's embeddings did not match).
    return { ...base, state: 'skipped', text: `Skipped for this search: ${result.skipped_reasons?.embed ?? 'no similarity: rule-only shortlist'}.` };
  }
  switch (sim.state) {
    case 'off':
      return { ...base, state: 'skipped', text: `Skipped: ${sim.notice?.message ?? 'no embedding model in this session.'}` };
    case 'failed': {
      const raw = sim.notice?.detail ?? sim.notice?.message ?? '';
      if (sim.notice && !sim.notice.detail && sim.notice.code !== 'embedder_unavailable') return { ...base, state: 'skipped', text: `Skipped: ${sim.notice.message}` };
      return { ...base, state: 'failed', text: `Could not load ${model}: ${plainReason(raw, settings.modelHost)}. The shortlist uses the rules. Try again, or change the model host in the settings.`, detail: raw || undefined, retry: true };
    }
    case 'indexing': {
      const p = sim.indexing;
      if (!p || p.total === 0 || p.loaded === 0) {
        const count = p && p.total > 0 ? ` (${n(p.total)} travellers)` : '';
        return { ...base, state: 'working', text: `Getting ready: loading ${model}, then building this pool’s search index on this device${count}, once; it is kept. Searches use the rules until it is done.` };
      }
      const left = p.etaMs === null ? '' : `, ${timeLeft(p.etaMs)}`;
      return { ...base, state: 'working', text: `Building this pool’s search index on this device: ${n(p.loaded)} of ${n(p.total)} travellers${left}. Searches use the rules until it is done.` };
    }
    case 'loading':
      return { ...base, state: 'working', text: `Loading ${model}${sim.device ? ` for ${sim.device === 'webgpu' ? 'the GPU' : 'the processor'}` : ''}…` };
    case 'ready':
      return { ...base, state: 'idle', text: `Ready: ${model}.` };
    default:
      return { ...base, state: 'idle', text: `Loads on your first search: ${model} from ${hostLabel(settings.modelHost)}.` };
  }
}

function rankingLine(status: WorkerStatus | null, result: SearchResult | null, settings: Settings): AiLine | null {
  const base = { stage: 'ranking' as const, label: 'AI ranking' };
  if (!status) return null;
  if (settings.device === 'off' || status.plan?.backend === 'off') return { ...base, state: 'skipped', text: 'Off: models are turned off in the settings (Device: off). The heuristic orders the matches.' };
  if (!result) {
    const next = status.rankers.find((r) => !r.skipReason);
    if (next) return { ...base, state: 'idle', text: `Loads on your first search: ${ENGINE_LABEL[next.name] ?? next.name} (${next.modelId}).` };
    const why = status.rankers.map((r) => r.skipReason).filter(Boolean)[0];
    return { ...base, state: 'skipped', text: `Skipped: ${why ?? 'no ranking model in this session'}. The heuristic orders the matches.` };
  }
  if (result.results.length === 0) return null;
  if (result.ranking.partial) {
    const w = result.ranking.waiting;
    const who = ENGINE_LABEL[w?.engine ?? ''] ?? 'a language model';
    return { ...base, state: 'working', text: `Working: ${who} is reading your top candidates${w ? ` (about ${fmtDuration(w.expected_ms)})` : ''}. These cards may reorder when it is done.` };
  }
  if (result.engine !== 'heuristic') {
    const s = result.ranking.stats;
    const time = s ? `, ${fmtDuration(s.prefill_ms + s.decode_ms)}${s.load_wait_ms > 0 ? ` after ${fmtDuration(s.load_wait_ms)} loading` : ''}` : '';
    return { ...base, state: 'ran', text: `Ran: ${ENGINE_LABEL[result.engine] ?? result.engine}${s?.model ? ` (${s.model})` : ''} ordered these matches${time}.` };
  }
  const failed = result.ranking.chain.filter((c) => c.status === 'failed' || (c.status === 'skipped' && c.reason.startsWith(FAILED_EARLIER)));
  if (failed.length > 0) {
    const raw = failed.map((c) => `${c.engine}: ${c.reason}`).join('\n');
    const parts = failed.map((c) => `${ENGINE_LABEL[c.engine] ?? c.engine}: ${plainReason(c.reason.replace(FAILED_EARLIER, ''), settings.modelHost)}`);
    return { ...base, state: 'failed', text: `Could not run — ${parts.join('; ')}. The heuristic ordered these matches. Try again, or change the model host in the settings.`, detail: raw, retry: true };
  }
  const skipped = result.ranking.chain.filter((c) => c.status === 'skipped');
  const whys = [...new Set(skipped.map((c) => (reasonKind(c.reason) === 'declined' ? 'you chose not to download the ranking models' : c.reason)))];
  return { ...base, state: 'skipped', text: `Skipped${whys.length ? `: ${whys.join('; ')}` : ''}. The heuristic ordered these matches.` };
}

export function aiStatusLines(status: WorkerStatus | null, result: SearchResult | null, settings: Settings): AiLine[] {
  return [prefilterLine(status, result, settings), rankingLine(status, result, settings)].filter((l): l is AiLine => l !== null);
}
