/**
 * The matcher worker (SPEC §1): the only file that knows it runs in a worker. It reads the
 * device, plans the backend, builds the matcher (src/core/matcher.ts) with this session's
 * similarity and ranking chain, records each stage as a `rm:<stage>` performance measure, and
 * exposes the protocol's `MatcherApi` (src/protocol.ts) over comlink. A build made for tests
 * (`vite build --mode test`) adds the `TestHooksApi`; in production builds that branch and the
 * test hooks' module are dropped.
 */
import * as Comlink from 'comlink';
import { type DevicePlan, planDevice } from '../src/core/device/plan';
import { Matcher } from '../src/core/matcher';
import { fail, failure, notice, toFailure } from '../src/core/outcome';
import type { OnProgress } from '../src/core/progress';
import type { EngineSlot } from '../src/core/rank/engine';
import { modelRanker } from '../src/core/rank/modelRanker';
import type { Settings } from '../src/core/settings';
import { fetchPoolEmbeddings } from '../src/core/similarity/fetchEmbeddings';
import { SemanticStage, noSimilarity } from '../src/core/similarity/semantic';
import type { MatcherApi, WorkerStatus } from '../src/protocol';
import { installTestHooks } from '../src/testing/testHooks';
import { loadBrowserEmbedder } from './browserEmbedder';
import { type DeviceInfo, detectDevice } from './device';
import { rankerSlots } from './rankers';

/** This worker's session: built by the first `init`, kept for the worker's life. */
export interface WorkerSession {
  matcher: Matcher;
  slots: EngineSlot[];
  plan: DevicePlan;
  onProgress?: OnProgress;
}

let session: WorkerSession | null = null;
let facts: Promise<DeviceInfo> | null = null;
const deviceFacts = () => (facts ??= detectDevice());

function makeSession(settings: Settings, plan: DevicePlan, device: DeviceInfo, onProgress?: OnProgress): WorkerSession {
  const slots = rankerSlots(settings, plan, device);
  const matcher = new Matcher({
    rankers: slots.map(modelRanker),
    ranking: { stageInput: settings.rankCandidates, options: { detail: settings.rankDetail, tokensPerExplanation: settings.explainTokens } },
    onProgress,
    onStage: (stage, start, end) => { performance.measure(`rm:${stage}`, { start, end }); },
    similarity: (pool) => {
      if (plan.backend === 'off') return noSimilarity(notice('similarity_off', { why: 'models_off' }));
      const backend = plan.backend;
      return new SemanticStage({
        modelId: settings.embedModel,
        device: backend,
        loadPoolEmbeddings: () => fetchPoolEmbeddings(pool.baseUrl, settings.embedModel, pool, onProgress),
        loadEmbedder: (progress) => loadBrowserEmbedder(settings.embedModel, plan, settings.modelHost, progress),
        onProgress,
      });
    },
  });
  return { matcher, slots, plan, onProgress };
}

const notInitialised = () => fail(failure('pool_not_loaded'));

const api: MatcherApi = {
  async init(poolBaseUrl, settings, onProgress) {
    try {
      const device = await deviceFacts();
      session ??= makeSession(settings, planDevice(settings.device, device, settings.threads), device, onProgress);
      const outcome = await session.matcher.loadPool(poolBaseUrl, onProgress);
      if (outcome.ok && settings.warm) void api.warm();
      return outcome;
    } catch (e) {
      return fail(toFailure(e));
    }
  },
  async search(profile, options) {
    if (!session) return notInitialised();
    // Only this search's measures are on the worker's timeline.
    performance.clearMeasures();
    return session.matcher.search(profile, options);
  },
  follow(searchId, onEvent) {
    return session ? session.matcher.follow(searchId, onEvent) : Promise.resolve();
  },
  async warm() {
    if (!session) return null;
    const first = session.slots.find((s) => !s.skipReason);
    await Promise.all([session.matcher.similarity.prepare(), first?.load(session.onProgress).catch(() => undefined)]);
    return session.matcher.similarity.status;
  },
  async status(): Promise<WorkerStatus> {
    return {
      pool: session?.matcher.poolMemory() ?? null,
      device: await deviceFacts(),
      plan: session?.plan ?? null,
      similarity: session?.matcher.similarity.status ?? null,
      rankers: session?.slots.map((s) => ({ ...s.info, skipReason: s.skipReason, activity: s.activity?.() ?? [] })) ?? [],
    };
  },
};

if (__TEST_HOOKS__) installTestHooks(api, () => session, Comlink.transfer);

Comlink.expose(api);

