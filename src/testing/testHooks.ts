/**
 * The worker's test hooks (src/protocol.ts `TestHooksApi`): fault injection for the reliability
 * tests, raw embeddings and benchmarks for the performance suite, and the generated test models
 * in the catalog. Installed only by a build made for tests (`vite build --mode test`); a
 * production build drops this module (workers/matcher.worker.ts).
 */
import type { Matcher } from '../core/matcher';
import { type Result, fail, failure, ok, toFailure } from '../core/outcome';
import type { EngineSlot } from '../core/rank/engine';
import { FAULT_KINDS, type FaultKind, type MatcherApi, type TestHooksApi } from '../protocol';
import { INDEX_CACHE_PREFIX } from '../core/similarity/indexStore';
import { benchEngine } from './engineBench';
import { registerFixtureModels } from './fixtureModels';
import { benchScan } from './scanBench';

/** From now on, Cache Storage refuses every write to a pool index (as a full disk would). */
function refuseIndexStorage(): void {
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  if (!storage) return;
  const open = storage.open.bind(storage);
  storage.open = async (name: string) => {
    const cache = await open(name);
    if (!name.startsWith(INDEX_CACHE_PREFIX)) return cache;
    cache.put = async () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    return cache;
  };
}

interface Session {
  matcher: Matcher;
  slots: EngineSlot[];
}

/**
 * Add the test hooks to `api`. A fault hits the next search once: a crash throws an uncaught
 * error from a timer (the page sees the worker's `error` event); a hang never answers.
 */
export function installTestHooks(api: MatcherApi, session: () => Session | null, transfer: <T>(value: T, buffers: ArrayBuffer[]) => T): void {
  registerFixtureModels();
  let fault: FaultKind | null = null;
  const search = api.search.bind(api);
  api.search = (profile, options) => {
    if (!fault) return search(profile, options);
    const kind = fault;
    fault = null;
    if (kind === 'worker_crash_once') setTimeout(() => { throw new Error('injected fault: worker_crash_once'); }, 0);
    return new Promise(() => {});
  };
  const hooks: TestHooksApi = {
    injectFault(kind) {
      if (!FAULT_KINDS.includes(kind)) return false;
      if (kind === 'index_storage_full') refuseIndexStorage();
      else fault = kind;
      return true;
    },
    async embed(texts) {
      const s = session();
      if (!s) return fail(failure('pool_not_loaded'));
      const out = await s.matcher.similarity.embedTexts(texts);
      return out.ok ? transfer(out, out.value.map((v) => v.buffer as ArrayBuffer)) : out;
    },
    async benchScan(candidates, runs, dims = 384) {
      if (!Number.isInteger(candidates) || candidates < 1 || candidates > 1_000_000) return fail(failure('invalid_options', { why: 'candidates: 1–1 000 000' }));
      try {
        return ok(benchScan(candidates, Math.max(1, Math.min(1000, runs)), { dims }));
      } catch (e) {
        return fail(toFailure(e));
      }
    },
    async benchRanker(name): Promise<Result<Awaited<ReturnType<typeof benchEngine>>>> {
      const slot = session()?.slots.find((s) => s.info.name === name);
      if (!slot) return fail(failure('engine_unavailable', { engine: name }));
      if (slot.skipReason) return fail(failure('engine_skipped', { engine: name, why: slot.skipReason }));
      try {
        return ok(await benchEngine(slot));
      } catch (e) {
        return fail(failure('model_load_failed', { model: slot.info.modelId }, { detail: toFailure(e).message }));
      }
    },
  };
  Object.assign(api, hooks);
}
