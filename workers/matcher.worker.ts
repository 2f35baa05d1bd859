/**
 * The matcher worker (SPEC §1): the only file that knows it runs in a worker. It reads the
 * device, plans the backend, builds the matcher (src/core/matcher.ts) with this session's
 * similarity (the pool's embeddings, or an index built here in the background) and ranking
 * chain, keeps a person's imported pool on the device, records each stage as a `rm:<stage>`
 * performance measure, and exposes the protocol's `MatcherApi` (src/protocol.ts) over comlink.
 * A build made for tests (`vite build --mode test`) adds the `TestHooksApi`; in production
 * builds that branch and the test hooks' module are dropped.
 */
import * as Comlink from 'comlink';
import { type DevicePlan, planDevice } from '../src/core/device/plan';
import { importOriginalFiles } from '../src/core/import/importFiles';
import { Matcher, type PoolIdentity } from '../src/core/matcher';
import { type WebLlmCacheModule, modelsOnDevice } from '../src/core/models/cached';
import { embedModel } from '../src/core/models/catalog';
import { type Notice, type Result, fail, failure, notice, ok, toFailure } from '../src/core/outcome';
import { type ImportSummary, type ImportedStore, cacheImportedStore } from '../src/core/pool/importedStore';
import type { PackedPool } from '../src/core/pool/packed';
import { PROFILE_TEXT_VERSION } from '../src/core/profile/text';
import type { OnProgress } from '../src/core/progress';
import type { EngineSlot } from '../src/core/rank/engine';
import { modelRanker } from '../src/core/rank/modelRanker';
import { fetchPoolEmbeddings } from '../src/core/similarity/fetchEmbeddings';
import { cacheIndexStore } from '../src/core/similarity/indexStore';
import { SemanticStage, noSimilarity } from '../src/core/similarity/semantic';
import type { ActivePool, MatcherApi, PoolInfo, PoolSource, SessionSettings, WorkerStatus } from '../src/protocol';
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
  poolBaseUrl: string;
  source: PoolSource;
  imported: ImportedStore | null;
}

let session: WorkerSession | null = null;
let facts: Promise<DeviceInfo> | null = null;
const deviceFacts = () => (facts ??= detectDevice());

/** Candidates embedded per call while indexing (small batches: a search never waits long for the thread). */
const INDEX_BATCH = 16;

function makeSession(settings: SessionSettings, plan: DevicePlan, device: DeviceInfo, poolBaseUrl: string, onProgress?: OnProgress): WorkerSession {
  const slots = rankerSlots(settings, plan, device);
  const matcher = new Matcher({
    rankers: slots.map(modelRanker),
    ranking: { stageInput: settings.rankCandidates, options: { detail: settings.rankDetail, tokensPerExplanation: settings.explainTokens } },
    onProgress,
    onStage: (stage, start, end) => { performance.measure(`rm:${stage}`, { start, end }); },
    similarity: (pool: PoolIdentity) => {
      if (plan.backend === 'off') return noSimilarity('models_off');
      if (settings.declinedModels?.includes(settings.embedModel)) return noSimilarity('declined');
      const backend = plan.backend;
      const { weights, pooling } = embedModel(settings.embedModel);
      const key = { poolSha256: pool.sha256, modelId: settings.embedModel, weights, pooling, textVersion: PROFILE_TEXT_VERSION };
      return new SemanticStage({
        modelId: settings.embedModel,
        device: backend,
        // A pool made on this device ships no embeddings: it is always indexed here.
        loadPoolEmbeddings: () => (pool.baseUrl === null
          ? Promise.resolve(fail(notice('embeddings_missing', { model: settings.embedModel })))
          : fetchPoolEmbeddings(pool.baseUrl, settings.embedModel, pool, onProgress)),
        loadEmbedder: (progress) => loadBrowserEmbedder(settings.embedModel, plan, settings.modelHost, progress),
        onProgress,
        indexing: { texts: pool.texts, store: cacheIndexStore(key), poolSha256: pool.sha256, weights, pooling, textVersion: PROFILE_TEXT_VERSION, batchSize: INDEX_BATCH },
      });
    },
  });
  return { matcher, slots, plan, onProgress, poolBaseUrl, source: 'builtin', imported: cacheImportedStore() };
}

const identityOf = (sha256: string, count: number, texts: string[]): PoolIdentity => ({ baseUrl: null, sha256, count, texts: async () => ok(texts) });

function active(s: WorkerSession, info: PoolInfo, imported: ImportSummary | null, notices: Notice[] = []): ActivePool {
  return { ...info, source: s.source, imported, notices };
}

function importedInfo(pool: PackedPool): PoolInfo {
  return { count: pool.n, bytes: 0, memory_bytes: 0, load_ms: 0 };
}

async function useBuiltin(s: WorkerSession, onProgress?: OnProgress): Promise<Result<ActivePool>> {
  const loaded = await s.matcher.loadPool(s.poolBaseUrl, onProgress ?? s.onProgress);
  if (!loaded.ok) return loaded;
  s.source = 'builtin';
  return ok(active(s, loaded.value, (await s.imported?.summary().catch(() => null)) ?? null));
}

async function useImported(s: WorkerSession): Promise<Result<ActivePool> | null> {
  const saved = await s.imported?.load().catch(() => null);
  if (!saved) return null;
  s.matcher.usePool(saved.pool, identityOf(saved.summary.sha256, saved.pool.n, saved.texts));
  s.source = 'imported';
  return ok(active(s, importedInfo(saved.pool), saved.summary));
}

const notInitialised = () => fail(failure('pool_not_loaded'));

const api: MatcherApi = {
  async init(poolBaseUrl, settings, onProgress) {
    try {
      const device = await deviceFacts();
      session ??= makeSession(settings, planDevice(settings.device, device, settings.threads), device, poolBaseUrl, onProgress);
      const s = session;
      const summary = await s.imported?.summary().catch(() => null);
      const outcome = (summary?.active && (await useImported(s))) || (await useBuiltin(s, onProgress));
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
  async importOriginal(users, matchmaker, onProgress) {
    const s = session;
    if (!s) return notInitialised();
    try {
      const [u, m] = await Promise.all([users.arrayBuffer(), matchmaker.arrayBuffer()]);
      const imported = await importOriginalFiles(new Uint8Array(u), new Uint8Array(m), onProgress);
      if (!imported.ok) return imported;
      const { pool, texts, sha256, skipped, notices } = imported.value;
      const summary: ImportSummary = { count: pool.n, skipped, notices, importedAt: Date.now(), sha256, active: true };
      s.matcher.usePool(pool, identityOf(sha256, pool.n, texts));
      s.source = 'imported';
      const stored = s.imported ? await s.imported.save({ pool, texts, summary }).then(() => true, () => false) : false;
      return ok(active(s, importedInfo(pool), summary, stored ? [] : [notice('import_not_saved')]));
    } catch (e) {
      return fail(toFailure(e));
    }
  },
  async selectPool(source) {
    const s = session;
    if (!s) return notInitialised();
    if (source === 'imported') {
      const used = await useImported(s);
      if (!used) return fail(failure('import_failed', { why: 'no imported data is kept on this device' }));
      await s.imported?.setActive(true).catch(() => undefined);
      return used;
    }
    await s.imported?.setActive(false).catch(() => undefined);
    return useBuiltin(s);
  },
  async removeImported() {
    const s = session;
    if (!s) return notInitialised();
    await s.imported?.remove().catch(() => undefined);
    return useBuiltin(s);
  },
  async warm() {
    if (!session) return null;
    const first = session.slots.find((s) => !s.skipReason);
    await Promise.all([session.matcher.similarity.prepare(), first?.load(session.onProgress).catch(() => undefined)]);
    return session.matcher.similarity.status;
  },
  async modelsOnDevice(models, where) {
    const webllm = () => import('@mlc-ai/web-llm') as Promise<WebLlmCacheModule>;
    return [...(await modelsOnDevice(models, { ...where, origin: self.location.origin }, webllm))];
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
