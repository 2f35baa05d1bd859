/**
 * Consent to model downloads (issue: a person decides what the page downloads). Before the first
 * download of each model the page says what it is for, its size and whether it is already on
 * this device, and asks once; the answer is remembered per model in localStorage
 * (`rovermitra.consent.v1`), or for every model when the person ticks "don't ask again".
 * `warm=1` (load the models at start) counts as consent. A model the person declined is passed
 * to the worker as declined (SessionSettings.declinedModels) and never loaded: its AI stage is
 * skipped with that reason, and the settings panel can ask again.
 */
import type { ModelRole } from '../core/progress';
import type { Settings } from '../core/settings';
import type { WorkerStatus } from '../protocol';
import { type ModelRef, cachedModels, transformersWeights } from '../core/models/cached';
import { expectedModelBytes } from './modelDownloads';

export const CONSENT_KEY = 'rovermitra.consent.v1';

export interface ConsentRecord {
  /** "Don't ask again": every model may be downloaded. */
  all: boolean;
  models: Record<string, 'yes' | 'no'>;
}

export function loadConsent(): ConsentRecord {
  try {
    const v = JSON.parse(localStorage.getItem(CONSENT_KEY) ?? 'null') as Partial<ConsentRecord> | null;
    const models: Record<string, 'yes' | 'no'> = {};
    for (const [k, a] of Object.entries(v?.models ?? {})) if (a === 'yes' || a === 'no') models[k] = a;
    return { all: v?.all === true, models };
  } catch {
    return { all: false, models: {} };
  }
}

/** Returns false when storage refused it (the answer then holds for this visit only). */
export function saveConsent(r: ConsentRecord): boolean {
  try {
    localStorage.setItem(CONSENT_KEY, JSON.stringify(r));
    return true;
  } catch {
    return false;
  }
}

export const declinedModels = (r: ConsentRecord): string[] => (r.all ? [] : Object.keys(r.models).filter((k) => r.models[k] === 'no'));

/** A model a search may download, as the consent prompt shows it. */
export interface ModelAsk {
  modelId: string;
  role: ModelRole;
  purpose: string;
  bytes: number | null;
  cached: boolean;
}

const PURPOSE: Record<ModelRole, string> = {
  embedder: 'the AI prefilter: finds the travellers whose profiles read most like yours',
  'webgpu ranker': 'AI ranking on your GPU: orders your top candidates and writes why each fits',
  'wasm ranker': 'AI ranking on the processor: orders your top candidates',
  custom: 'your custom ranking model',
};

/**
 * The models the next search may load that the person has not answered for: the embedder while
 * it is not loaded, and each ranking model the chain would try. None with `warm=1`, with models
 * off, or after "don't ask again".
 */
export function modelsToAsk(status: WorkerStatus | null, settings: Settings, consent: ConsentRecord): Omit<ModelAsk, 'cached'>[] {
  if (!status || settings.warm || consent.all || status.plan?.backend === 'off') return [];
  const out: Omit<ModelAsk, 'cached'>[] = [];
  const sim = status.similarity;
  if (sim && sim.modelId && (sim.state === 'idle')) {
    out.push({ modelId: sim.modelId, role: 'embedder', purpose: PURPOSE.embedder, bytes: expectedModelBytes(sim.modelId, 'embedder') });
  }
  for (const r of status.rankers) {
    if (r.skipReason) continue;
    const role: ModelRole = r.name === 'custom' ? 'custom' : r.name === 'webllm' ? 'webgpu ranker' : 'wasm ranker';
    out.push({ modelId: r.modelId, role, purpose: PURPOSE[role], bytes: r.downloadBytes ?? expectedModelBytes(r.modelId, role) });
  }
  return out.filter((m) => !(m.modelId in consent.models));
}

/**
 * The same, with whether each is already on this device (nothing to download then): `onDevice`
 * looks them up (the session asks the worker, which also reads web-llm's IndexedDB).
 */
export async function withCachedState(asks: Omit<ModelAsk, 'cached'>[], onDevice: (refs: ModelRef[]) => Promise<ReadonlySet<string>> = cachedModels): Promise<ModelAsk[]> {
  const refs: ModelRef[] = asks.map((a) => (a.role === 'webgpu ranker'
    ? { id: a.modelId, engine: 'webllm' }
    : { id: a.modelId, engine: 'transformers', weights: transformersWeights(a.modelId, a.role === 'embedder' ? 'feature-extraction' : 'text-generation') }));
  const cached = await onDevice(refs);
  return asks.map((a) => ({ ...a, cached: cached.has(a.modelId) }));
}
