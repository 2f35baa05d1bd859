/**
 * The page's matcher session: the worker's lifecycle and the searches, as reactive state the
 * components read. It starts the matcher worker under a supervisor (workerSupervisor.ts: a
 * crashed or hung worker is restarted and the call retried once), loads the pool, runs each
 * search — the heuristic's answer first, then the model engines' events through `follow`, only
 * for the search on screen — and mirrors each search's stage timings on the page's timeline.
 * The main thread never imports an ML library: it talks to the worker through the protocol
 * (src/protocol.ts) only.
 */
import * as Comlink from 'comlink';
import { tick } from 'svelte';
import { type ModelRef, cachedModels } from '../core/models/cached';
import { type Failure, type Notice, type Result, failure, notice, toFailure } from '../core/outcome';
import { PACKED_FILE } from '../core/pool/files';
import type { Progress } from '../core/progress';
import type { Profile } from '../core/profile/types';
import { STAGES, type SearchResult } from '../core/result';
import type { Settings } from '../core/settings';
import type { ActivePool, FaultKind, ImportSummary, MatcherApi, PoolSource, SessionSettings, TestWorkerApi, WorkerStatus } from '../protocol';
import { type ConsentRecord, type ModelAsk, declinedModels, loadConsent, modelsToAsk, saveConsent, withCachedState } from './consent';
import { type ModelDownload, ingestProgress } from './modelDownloads';
import type { UiNotice } from './Notices.svelte';
import type { PoolPhase } from './PoolStatus.svelte';
import { WorkerSupervisor, faultFromParams } from './workerSupervisor';

type Matcher = Comlink.Remote<MatcherApi>;

function startMatcher(): { matcher: Matcher; worker: Worker } {
  const worker = new Worker(new URL('../../workers/matcher.worker.ts', import.meta.url), { type: 'module', name: 'matcher' });
  return { matcher: Comlink.wrap<MatcherApi>(worker), worker };
}

/**
 * Absolute URL of the pool folder: the app's own under Vite's `base` (the app may live under a
 * sub-path), or another same-origin folder given by the `pool` setting.
 */
export function poolBaseUrl(pool = ''): string {
  return new URL(pool || `${import.meta.env.BASE_URL}pool/`, location.href).href;
}

/** The stages mirrored as `rm:<stage>` measures (validate happens before the click is handled). */
const MEASURED_STAGES = STAGES.filter((s) => s !== 'validate');

/**
 * Mirror the worker's per-stage timings as `rm:<stage>` measures on the main thread's timeline,
 * each stage after the one before; a stage that did not run has a measure of duration 0 with
 * `detail: {skipped: true}`. Only the latest search's are kept: the browser keeps every measure
 * until it is cleared, so a long session would otherwise grow the timeline by seven a search.
 */
export function recordMeasures(result: SearchResult, clickedAt: number): void {
  for (const s of MEASURED_STAGES) performance.clearMeasures(`rm:${s}`);
  performance.clearMeasures('rm:click-to-result');
  let start = clickedAt;
  for (const s of MEASURED_STAGES) {
    const duration = result.timings_ms[s];
    const skipped = result.skipped_stages.includes(s);
    performance.measure(`rm:${s}`, { start: s === 'total' ? clickedAt : start, duration, detail: { skipped } });
    if (s !== 'total') start += duration;
  }
  performance.measure('rm:click-to-result', { start: clickedAt, end: performance.now() });
}

const asUi = (n: Notice, level: UiNotice['level']): UiNotice => ({ ...n, level });

/** The largest original file this page reads (the CLI's limit for a users file is 64 MiB). */
const MAX_IMPORT_BYTES = 256e6;

/** Test fault injection from the page's URL: a build made for tests only. */
const testFault = (): { fault: FaultKind | null; searchTimeoutMs: number | null } =>
  (__TEST_HOOKS__ ? faultFromParams(new URLSearchParams(location.search)) : { fault: null, searchTimeoutMs: null });

export class MatcherSession {
  pool = $state<PoolPhase>({ phase: 'starting' });
  status = $state<WorkerStatus | null>(null);
  deviceError = $state<string | null>(null);
  /**
   * Downloads other than the pool file: one entry per model (its files, phase, rate, time left),
   * and one per other file (the pool's embeddings). Emptied when a worker starts.
   */
  downloads = $state.raw<ModelDownload[]>([]);
  result = $state.raw<SearchResult | null>(null);
  /** Number of the search whose result is on screen (each new result changes it). */
  shownSearch = $state(0);
  clickMs = $state<number | null>(null);
  busy = $state(false);
  /** Notices of the latest search (and its error); replaced by each search. */
  searchNotices = $state<UiNotice[]>([]);
  /** Which pool is searched, and the person's imported pool kept on this device (if any). */
  source = $state<PoolSource>('builtin');
  imported = $state.raw<ImportSummary | null>(null);
  /** An import in progress (records so far), and why the last one was refused. */
  importing = $state<Progress | null>(null);
  importError = $state.raw<Failure | null>(null);
  /** The pool's index being built on this device (candidates so far), while it is. */
  indexing = $state<Progress | null>(null);
  /** Models the search waiting on screen would download: the person is asked first (consent.ts). */
  consentAsk = $state.raw<ModelAsk[] | null>(null);
  /** The profile of the latest search: a restart (settings, retry) runs it again. */
  private lastProfile: Profile | null = null;
  private consent: ConsentRecord = loadConsent();

  private supervisor: WorkerSupervisor<Matcher> | null = null;
  private ready: Promise<boolean> = Promise.resolve(false);
  private seq = 0;
  private fault: FaultKind | null;
  private readonly searchTimeoutMs: number | null;

  /**
   * `settings` are read at each (re)start; `notify` shows a notice of the session (the pool, a
   * worker restart, the model cache) until dismissed; `onShown` runs once a new result is on screen.
   */
  constructor(
    private readonly settings: () => Settings,
    private readonly notify: (n: UiNotice) => void,
    private readonly onShown: () => void = () => undefined,
  ) {
    const injected = testFault();
    this.fault = injected.fault;
    this.searchTimeoutMs = injected.searchTimeoutMs;
  }

  private get matcher(): Matcher | null {
    return this.supervisor?.matcher ?? null;
  }

  refreshStatus(): void {
    this.matcher?.status().then((s) => { this.status = s; }).catch((e: unknown) => { this.deviceError = toFailure(e).message; });
  }

  /** A test build's diagnostics hook: the current worker's API, for the browser tests. */
  private expose(m: Matcher | null): void {
    if (__TEST_HOOKS__ && m) (globalThis as { rovermitra?: { matcher: Comlink.Remote<TestWorkerApi> } }).rovermitra = { matcher: m as unknown as Comlink.Remote<TestWorkerApi> };
  }

  private onProgress = (p: Progress): void => {
    if (p.phase === 'index') {
      this.indexing = p.loaded < p.total ? p : null;
      if (p.loaded >= p.total) this.refreshStatus();
      return;
    }
    if (p.file === 'import') {
      this.importing = p;
      return;
    }
    if (p.file === PACKED_FILE) {
      if (this.pool.phase === 'loading' || this.pool.phase === 'starting') this.pool = { phase: 'loading', progress: p };
      return;
    }
    this.downloads = ingestProgress(this.downloads, p, performance.now());
  };

  /** Whether a restart will run a search again (there was one). */
  get hasSearched(): boolean {
    return this.lastProfile !== null;
  }

  /** The settings the worker runs with: the person's, and the models they chose not to download. */
  private sessionSettings(): SessionSettings {
    return { ...this.settings(), declinedModels: declinedModels(this.consent) };
  }

  /** Start the worker with the current settings and load the pool. */
  start(): void {
    this.pool = { phase: 'loading', progress: null };
    this.downloads = [];
    const settings = this.sessionSettings();
    const sup = new WorkerSupervisor<Matcher>({
      start: () => {
        const started = startMatcher();
        return { matcher: started.matcher, worker: started.worker, dispose: () => { started.matcher[Comlink.releaseProxy](); started.worker.terminate(); } };
      },
      poolBaseUrl: poolBaseUrl(settings.pool),
      settings,
      onProgress: this.onProgress,
      proxy: Comlink.proxy,
      // A build made for tests arms the fault of its URL on the first worker (TestHooksApi).
      prepareFirst: __TEST_HOOKS__ && this.fault
        ? ((fault) => (m: Matcher) => (m as unknown as Comlink.Remote<TestWorkerApi>).injectFault(fault))(this.fault)
        : undefined,
      // The search watchdog counts from the last sign of life (an answer, a download's
      // progress). Rules only (device=off) answer in well under a second: 15 s means hung (a
      // test build's shorter `watchdog_ms` applies here only). With models, the first search
      // also compiles the embedding model, and a software GPU (device=webgpu on SwiftShader)
      // takes up to ~20 s per query embedding: 60 s.
      searchTimeoutMs: settings.device === 'off' ? (this.searchTimeoutMs ?? 15_000) : 60_000,
      onRestart: (info) => {
        if (this.supervisor !== sup) return;
        this.expose(info.matcher);
        this.notify({ code: 'worker_restarted', message: info.message, level: 'warning' });
      },
    });
    this.fault = null; // the first worker only
    this.supervisor = sup;
    this.ready = sup.start().then(
      (outcome) => {
        if (this.supervisor !== sup) return false;
        this.expose(sup.matcher);
        this.refreshStatus();
        if (!outcome.ok) {
          this.pool = { phase: 'error', code: outcome.error.code, message: outcome.error.message };
          this.notify(asUi(outcome.error, 'error'));
          return false;
        }
        this.usePool(outcome.value);
        return true;
      },
      (e: unknown) => {
        const err = toFailure(e, 'pool_fetch_failed');
        this.pool = { phase: 'error', code: err.code, message: err.message };
        this.notify(asUi(err, 'error'));
        return false;
      },
    );
    this.expose(sup.matcher);
  }

  /** The pool in use after a load, an import or a switch. */
  private usePool(info: ActivePool): void {
    this.pool = { phase: 'ready', count: info.count, bytes: info.bytes, loadMs: info.load_ms, source: info.source };
    this.source = info.source;
    this.imported = info.imported;
    this.indexing = null;
    if (info.saved) this.notify(asUi(info.saved, 'info'));
    for (const n of info.notices) this.notify(asUi(n, 'warning'));
  }

  /** A pool switch: the shown result belonged to the other pool. */
  private async switchPool(call: (m: Matcher) => Promise<Result<ActivePool>>): Promise<boolean> {
    const m = this.matcher;
    if (!m) return false;
    this.seq++;
    this.busy = false;
    try {
      const outcome = await call(m);
      if (!outcome.ok) {
        this.importError = outcome.error;
        return false;
      }
      this.importError = null;
      this.result = null;
      this.searchNotices = [];
      this.usePool(outcome.value);
      this.refreshStatus();
      return true;
    } catch (e) {
      this.importError = toFailure(e);
      return false;
    }
  }

  /**
   * Import the person's original RoverMitra files and search them: read here (no upload), parsed
   * and imported in the worker. A file over the size limit is refused before it is read.
   */
  async importFiles(users: File, matchmaker: File): Promise<boolean> {
    for (const f of [users, matchmaker]) {
      if (f.size > MAX_IMPORT_BYTES) {
        this.importError = failure('import_failed', { why: `${f.name}: ${Math.round(f.size / 1e6)} MB is more than the ${MAX_IMPORT_BYTES / 1e6} MB this page reads` });
        return false;
      }
    }
    this.importError = null;
    this.importing = { file: 'import', loaded: 0, total: 1 };
    try {
      const progress = Comlink.proxy((p: Progress) => this.onProgress(p));
      return await this.switchPool((matcher) => matcher.importOriginal(users, matchmaker, progress));
    } catch (e) {
      this.importError = toFailure(e);
      return false;
    } finally {
      this.importing = null;
    }
  }

  selectPool(source: PoolSource): Promise<boolean> {
    return this.switchPool((m) => m.selectPool(source));
  }

  removeImported(): Promise<boolean> {
    return this.switchPool((m) => m.removeImported());
  }

  stop(): void {
    this.supervisor?.dispose();
    this.supervisor = null;
  }

  /**
   * A fresh worker with the current settings; the old one and its models are released (and the
   * failures it remembered: this is also "try the models again"). The last search, if any, runs
   * again on the new worker, with its own notices; `why` says so on the page.
   */
  restart(why?: UiNotice, { rerun = true } = {}): void {
    this.stop();
    this.seq++; // a search in flight on the old worker no longer owns the screen
    this.busy = false;
    this.status = null;
    this.consentAsk = null;
    if (rerun) {
      this.result = null;
      this.searchNotices = [];
    }
    this.start();
    if (why) this.notify(why);
    if (rerun && this.lastProfile) void this.search(this.lastProfile);
  }

  /**
   * The person's answer to the download question: the models they accepted may load, the others
   * never will (remembered on this device; `always` stops the questions). A model declined now
   * takes a fresh worker that knows it; then the waiting search runs.
   */
  answerConsent(accepted: readonly string[], always: boolean): void {
    const asked = this.consentAsk ?? [];
    const before = declinedModels(this.consent).join('\n');
    const models = { ...this.consent.models };
    for (const a of asked) models[a.modelId] = accepted.includes(a.modelId) ? 'yes' : 'no';
    this.consent = { all: always || this.consent.all, models };
    if (!saveConsent(this.consent)) this.notify(asUi(notice('storage_full'), 'warning'));
    this.consentAsk = null;
    if (declinedModels(this.consent).join('\n') !== before) this.restart();
    else if (this.lastProfile) void this.search(this.lastProfile);
  }

  /** Forget the download answers: the next search asks again (the settings panel's button). */
  resetConsent(): void {
    this.consent = { all: false, models: {} };
    saveConsent(this.consent);
    this.restart(undefined, { rerun: false }); // a fresh worker: no model is declined any more
  }

  /**
   * Which of `models` are on this device. The worker knows best (it also reads web-llm's
   * IndexedDB, with web-llm's own check); without a worker, Cache Storage is looked up here.
   */
  modelsOnDevice = async (models: ModelRef[]): Promise<ReadonlySet<string>> => {
    const { modelHost, libHost, cache } = this.settings();
    // null when the worker is gone meanwhile (a restart): then Cache Storage, looked up here.
    const ids = await this.supervisor?.ask((m) => m.modelsOnDevice(models, { modelHost, libHost, cache }));
    return ids ? new Set(ids) : cachedModels(models);
  };

  /**
   * Search: the heuristic's answer on screen first; when model engines work on it, their events
   * replace it as they come (the order, then the explanations) while it is still the latest.
   */
  async search(profile: Profile): Promise<void> {
    const sup = this.supervisor;
    if (!sup) return;
    const clickedAt = performance.now();
    const seq = ++this.seq;
    const current = () => seq === this.seq && this.supervisor === sup;
    this.lastProfile = profile;
    this.busy = true;
    try {
      if (this.pool.phase !== 'ready' && !(await this.ready)) {
        if (current()) this.searchNotices = [asUi(failure('pool_not_loaded'), 'error')];
        return;
      }
      // Before the first download of a model, the person decides (the search waits on screen).
      if (!this.status) this.status = await sup.matcher?.status().catch(() => null) ?? null;
      const asks = modelsToAsk(this.status, this.settings(), this.consent);
      if (asks.length > 0) {
        const withState = await withCachedState(asks, this.modelsOnDevice);
        if (current()) this.consentAsk = withState;
        return;
      }
      // Supervised: a crashed or hung worker is restarted and the search retried once; the
      // answer is always an outcome (never a promise that stays pending).
      const outcome = await sup.search(profile, { top: 5 });
      if (!current()) return;
      if (!outcome.ok) {
        this.searchNotices = [asUi(outcome.error, 'error')];
        return;
      }
      const { searchId, result } = outcome.value;
      this.result = result;
      this.shownSearch = seq;
      this.searchNotices = result.notices.map((n) => asUi(n, 'info'));
      await tick();
      this.clickMs = performance.now() - clickedAt;
      recordMeasures(result, clickedAt);
      this.refreshStatus();
      this.onShown();
      if (result.ranking.partial) {
        // Followed only now that the answer is on screen: no event can overtake it.
        void sup.follow(searchId, (e) => {
          if (!current()) return;
          this.result = e.result;
          if (e.kind === 'final') this.refreshStatus();
        });
      }
    } catch (e) {
      if (current()) this.searchNotices = [asUi(toFailure(e), 'error')];
    } finally {
      if (current()) this.busy = false;
    }
  }

  /**
   * Delete the model libraries' own caches (transformers.js and web-llm: Cache API, and web-llm's
   * IndexedDB stores); the app shell and the pool stay. The models load again when next needed,
   * in a fresh worker.
   */
  async clearModelCache(): Promise<void> {
    let count = 0;
    try {
      const names = (await caches.keys()).filter((n) => /transformers|webllm|tvmjs/i.test(n));
      await Promise.all(names.map((n) => caches.delete(n)));
      count += names.length;
      const dbs = (await indexedDB.databases?.()) ?? [];
      for (const db of dbs) {
        if (db.name && /webllm/i.test(db.name)) { indexedDB.deleteDatabase(db.name); count++; }
      }
      this.notify(asUi(notice('cache_cleared', { count }), 'info'));
    } catch (e) {
      this.notify(asUi(notice('cache_clear_failed', undefined, { detail: toFailure(e).message }), 'error'));
    }
    // The results on screen stay (they do not depend on the cache); no search runs, so nothing
    // is downloaded again until the person searches.
    this.restart(undefined, { rerun: false });
  }
}

