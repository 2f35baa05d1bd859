/**
 * The worker entry: the only file that knows it runs in a worker. It reads the device, plans
 * the backend, wires the lazy model loaders, emits `performance.measure` entries named
 * `rm:<stage>`, and exposes the matcher service over comlink. The pipeline is in the core.
 */
import * as Comlink from 'comlink';
import { type DevicePlan, planDevice } from '../src/core/device/plan';
import { toMatchError } from '../src/core/errors';
import type { SearchOutcome } from '../src/core/search';
import { type InitOutcome, MatcherService, type Progress, type PublicSearchOptions } from '../src/core/service';
import type { Settings } from '../src/core/settings';
import { fetchPoolEmbeddings } from '../src/core/similarity/fetchEmbeddings';
import { SemanticStage, type SemanticStatus } from '../src/core/similarity/semantic';
import type { Notice } from '../src/core/errors';
import { type EngineBench, benchEngine } from '../src/core/rank/benchEngine';
import { type ScanBench, benchScan } from '../src/core/similarity/scanBench';
import type { EngineActivity, EngineInfo } from '../src/core/rank/engine';
import { loadBrowserEmbedder } from './browserEmbedder';
import { rankerSlots } from './rankers';
import { type DeviceInfo, detectDevice } from './device';

let service: MatcherService | null = null;
let plan: DevicePlan | null = null;
let facts: Promise<DeviceInfo> | null = null;

const deviceFacts = () => (facts ??= detectDevice());

/**
 * Fault injection for the reliability tests (`?fault=…`, see src/workerSupervisor.ts): set by the
 * supervisor on the first worker only, used by the next search only. A crash throws an uncaught
 * error from a timer (the page sees the worker's `error` event); a hang never answers.
 */
let fault: 'worker_crash_once' | 'worker_hang_once' | null = null;

function makeService(settings: Settings, devicePlan: DevicePlan, device: DeviceInfo, onProgress?: (p: Progress) => void): MatcherService {
  return new MatcherService({
    rankers: rankerSlots(settings, devicePlan, device),
    ranking: { stageInput: settings.rankCandidates, options: { detail: settings.rankDetail, tokensPerExplanation: settings.explainTokens } },
    onProgress,
    onStage: (stage, start, end) => { performance.measure(`rm:${stage}`, { start, end }); },
    semantic: (ctx): SemanticStage | Notice => {
      if (devicePlan.backend === 'off') {
        return { code: 'similarity_off', message: 'Models are off (device=off), so the shortlist uses the rule bonus only (sim = 0).' };
      }
      const backend = devicePlan.backend;
      return new SemanticStage({
        modelId: settings.embedModel,
        device: backend,
        loadPoolEmbeddings: () => fetchPoolEmbeddings(ctx.poolBaseUrl, settings.embedModel, ctx, ctx.onProgress),
        loadEmbedder: (onProgress) => loadBrowserEmbedder(settings.embedModel, devicePlan, settings.modelHost, onProgress),
        onProgress: ctx.onProgress,
      });
    },
  });
}

export interface RankerStatus extends EngineInfo {
  skipReason: string | null;
  /** The engine's latest requests (prompt and generated tokens, how each ended), newest last. */
  activity: EngineActivity[];
}

export interface WorkerStatus {
  /** The loaded pool's size and memory in the worker. */
  pool: { count: number; memory_bytes: number } | null;
  device: DeviceInfo;
  plan: DevicePlan | null;
  similarity: SemanticStatus | Notice | null;
  /** Stage 3's model engines in chain order, with sizes shown before loading. */
  rankers: RankerStatus[];
}

const api = {
  async init(poolBaseUrl: string, settings: Settings, onProgress?: (p: Progress) => void): Promise<InitOutcome> {
    try {
      const device = await deviceFacts();
      plan = planDevice(settings.device, device, settings.threads);
      service ??= makeService(settings, plan, device, onProgress);
      const outcome = await service.init(poolBaseUrl, onProgress);
      if (outcome.ok && settings.warm) void service.warm();
      return outcome;
    } catch (e) {
      return { ok: false, error: toMatchError(e) };
    }
  },
  /** The heuristic answer at once; the model engines' order and explanations via `onUpdate`. */
  async search(profile: unknown, options?: PublicSearchOptions, onUpdate?: (o: SearchOutcome) => void): Promise<SearchOutcome> {
    if (!service) return { ok: false, error: { code: 'pool_not_loaded', message: 'The matcher is not initialised.' } };
    if (fault) {
      const kind = fault;
      fault = null;
      if (kind === 'worker_crash_once') setTimeout(() => { throw new Error('injected fault: worker_crash_once'); }, 0);
      return new Promise<SearchOutcome>(() => {});
    }
    performance.clearMeasures();
    return service.search(profile, options, onUpdate);
  },
  /** Arm a test fault for the next search (only these two kinds; anything else is refused). */
  injectFault(kind: string): boolean {
    if (kind !== 'worker_crash_once' && kind !== 'worker_hang_once') return false;
    fault = kind;
    return true;
  },
  /** Load the models now (the `warm=1` behaviour, on demand). */
  async warm(): Promise<SemanticStatus | null> {
    return service ? service.warm() : null;
  },
  /** Embed texts with the session's model (vectors are transferred, not copied). */
  async embed(texts: string[]): Promise<Float32Array[] | Notice> {
    if (!service) return { code: 'pool_not_loaded', message: 'The matcher is not initialised.' };
    const out = await service.embedTexts(texts);
    return 'code' in out ? out : Comlink.transfer(out, out.map((v) => v.buffer as ArrayBuffer));
  },
  /** Measure the similarity scan here, in the worker, on synthetic int8 embeddings; for benchmarks. */
  benchScan(candidates: number, runs: number, dims = 384): ScanBench | { code: string; message: string } {
    if (!Number.isInteger(candidates) || candidates < 1 || candidates > 1_000_000) return { code: 'invalid_options', message: 'candidates: 1–1 000 000' };
    try {
      return benchScan(candidates, Math.max(1, Math.min(1000, runs)), { dims });
    } catch (e) {
      return toMatchError(e);
    }
  },
  /** Measure one ranking engine (load, prefill, decode) on a fixed job; for benchmarks. */
  async benchRanker(name: string): Promise<EngineBench | { code: string; message: string }> {
    const slot = service?.rankers().find((s) => s.info.name === name);
    if (!slot) return { code: 'engine_unavailable', message: `no ${name} engine in this session` };
    if (slot.skipReason) return { code: 'engine_skipped', message: slot.skipReason };
    try {
      return await benchEngine(slot);
    } catch (e) {
      return toMatchError(e, 'model_load_failed');
    }
  },
  async status(): Promise<WorkerStatus> {
    return {
      pool: service?.poolMemory() ?? null,
      device: await deviceFacts(),
      plan,
      similarity: service?.semanticStatus() ?? null,
      rankers: service?.rankers().map((s) => ({ ...s.info, skipReason: s.skipReason, activity: s.activity?.() ?? [] })) ?? [],
    };
  },
};

export type MatcherApi = typeof api;
Comlink.expose(api);
