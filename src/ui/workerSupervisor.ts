/**
 * Main-thread supervisor of the matcher worker (SPEC §11: "a crashed worker is restarted and the
 * search retried once"). Pure TypeScript: the worker comes from a factory, so the unit tests drive
 * it with a fake worker.
 *
 * - A worker has **failed** when it reports an uncaught error (`error` event) or a message it sent
 *   cannot be read (`messageerror`) — a crash — or when a call gets no answer and no sign of life
 *   within its watchdog — a hang. Signs of life are progress reports (downloads of the pool or of
 *   a model) and early model updates: each one re-arms the watchdog, so a long model download on
 *   the first search is not mistaken for a hang.
 * - Bounded calls: `init` (the pool load, `initTimeoutMs`) and `search` up to the heuristic answer
 *   (`searchTimeoutMs`). The model engines' refinements arrive later through `onUpdate` and are
 *   not watched.
 * - On a failure the worker is terminated, a new one is started and initialised with the same
 *   pool and settings, and the call is retried ONCE; when the retry fails too the call returns
 *   `{ok: false, error: {code: 'worker_failed', message}}`. A call never stays pending.
 * - A crash while idle restarts the worker at once (when it had loaded its pool), so the next
 *   search does not pay for it. At most `maxRestarts` restarts in a row without a successful
 *   search: a worker that keeps failing is not restarted forever.
 * - `prepareFirst` runs on the FIRST worker alone, before its `init` (a test build arms a fault
 *   there, see `faultFromParams`); restarted workers never get it.
 */
import { MESSAGES, type Result, fail, failure, reasonOf } from '../core/outcome';
import type { OnProgress } from '../core/progress';
import { type ActivePool, FAULT_KINDS, type SessionSettings, type FaultKind, type SearchAnswer, type SearchEvent, type SearchOptions } from '../protocol';

export const DEFAULT_SEARCH_TIMEOUT_MS = 15_000;
export const DEFAULT_INIT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESTARTS = 3;

/** What the supervisor needs of the matcher (the comlink proxy of the protocol's `MatcherApi`). */
export interface SupervisedMatcher {
  init(poolBaseUrl: string, settings: SessionSettings, onProgress?: OnProgress): Promise<Result<ActivePool>>;
  search(profile: unknown, options?: SearchOptions): Promise<Result<SearchAnswer>>;
  follow(searchId: number, onEvent: (e: SearchEvent) => void): Promise<void>;
}

/** The worker object's events and `terminate` (a DOM `Worker`, or a fake in the tests). */
export interface WorkerLike {
  addEventListener(type: string, listener: (e: Event) => void): void;
  removeEventListener(type: string, listener: (e: Event) => void): void;
  terminate(): void;
}

export interface StartedWorker<M extends SupervisedMatcher> {
  matcher: M;
  worker: WorkerLike;
  /** Release the proxy and terminate the worker; `worker.terminate()` when absent. */
  dispose?: () => void;
}

export type FailureKind = 'crash' | 'hang';

export interface RestartInfo<M extends SupervisedMatcher> {
  reason: FailureKind;
  /** Readable, for a notice: what happened and what was done. */
  message: string;
  /** The new worker's matcher. */
  matcher: M;
  /** Restarts in a row so far (1 for the first). */
  restarts: number;
}


export interface SupervisorOptions<M extends SupervisedMatcher> {
  /** Starts a worker (in the app: `startMatcher()`). */
  start: () => StartedWorker<M>;
  /** `init`'s arguments, the same for every worker of this supervisor. */
  poolBaseUrl: string;
  settings: SessionSettings;
  onProgress?: OnProgress;
  /** Wraps a callback before it crosses to the worker (in the app: `Comlink.proxy`). */
  proxy?: <T extends object>(fn: T) => T;
  /** Run on the first worker only, before its `init` (a test build's fault injection). */
  prepareFirst?: (matcher: M) => Promise<unknown> | unknown;
  /** No answer (nor progress) to `search` within this many ms: a hang. */
  searchTimeoutMs?: number;
  /** No answer (nor progress) to `init`, the pool load, within this many ms: a hang. */
  initTimeoutMs?: number;
  maxRestarts?: number;
  /** A worker was replaced; called before the retry. */
  onRestart?: (info: RestartInfo<M>) => void;
}

/** Why a worker was given up: a crash or a hang, and what happened. */
interface Fault {
  kind: FailureKind;
  message: string;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Fault };

interface Session<M extends SupervisedMatcher> {
  matcher: M;
  /** Resolves with the failure that ended this worker (crash, hang, or stopped). */
  dead: Promise<Fault>;
  isDead(): boolean;
  kill(failure: Fault): void;
  /** Re-arms every watchdog of this worker (a sign of life). */
  heartbeat(): void;
  watchers: Set<() => void>;
  /** The bounded `init` (and fault injection) of this worker. */
  ready: Promise<Attempt<Result<ActivePool>>>;
  /** The init answered `ok` (the pool is loaded). */
  loaded: boolean;
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);


export class WorkerSupervisor<M extends SupervisedMatcher> {
  private readonly opts: SupervisorOptions<M>;
  private readonly searchTimeoutMs: number;
  private readonly initTimeoutMs: number;
  private readonly maxRestarts: number;
  private current: Session<M> | null = null;
  private spawned = 0;
  private restartsInRow = 0;
  private disposed = false;
  private searchSeq = 0;

  constructor(opts: SupervisorOptions<M>) {
    this.opts = opts;
    this.searchTimeoutMs = opts.searchTimeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS;
    this.initTimeoutMs = opts.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS;
    this.maxRestarts = opts.maxRestarts ?? DEFAULT_MAX_RESTARTS;
  }

  /** The current worker's matcher (for calls that are not supervised: status, warm, benchmarks). */
  get matcher(): M | null {
    return this.current?.matcher ?? null;
  }

  /** Workers started so far. */
  get workersStarted(): number {
    return this.spawned;
  }

  /** Start the first worker and load the pool; a failed worker is restarted and the init retried once. */
  async start(): Promise<Result<ActivePool>> {
    if (this.disposed) return this.stopped();
    const session = (this.current ??= this.spawn());
    const first = await session.ready;
    if (first.ok) return first.value;
    if (this.disposed) return this.stopped();
    const next = this.restart(session, first.failure);
    if (!next) return this.failed([first.failure]);
    const second = await next.ready;
    if (second.ok) return second.value;
    if (this.disposed) return this.stopped();
    this.kill(next, second.failure);
    return this.failed([first.failure, second.failure]);
  }

  /**
   * Search on the current worker, up to the heuristic answer under the watchdog; on a crash or a
   * hang, restart and retry once. Only the latest search is retried: an older one that fails
   * returns `worker_failed` at once. The model engines' events come through `follow`.
   */
  async search(profile: unknown, options?: SearchOptions): Promise<Result<SearchAnswer>> {
    if (this.disposed) return this.stopped();
    const seq = ++this.searchSeq;
    let session = this.current;
    if (!session || session.isDead()) {
      // The worker failed earlier (e.g. both attempts of an earlier search): a fresh one.
      const next = session ? this.restart(session, { kind: 'crash', message: 'it had failed before' }) : (this.current = this.spawn());
      if (!next) return this.failed([{ kind: 'crash', message: 'the worker failed and was restarted too often' }]);
      session = next;
    }
    const first = await this.attemptSearch(session, profile, options);
    if (first.ok) return this.succeeded(first.value);
    if (this.disposed) return this.stopped();
    if (seq !== this.searchSeq) {
      this.kill(session, first.failure); // a newer search owns the retry (and restarts the worker)
      return this.failed([first.failure]);
    }
    const next = this.restart(session, first.failure);
    if (!next) return this.failed([first.failure]);
    const second = await this.attemptSearch(next, profile, options);
    if (second.ok) return this.succeeded(second.value);
    if (this.disposed) return this.stopped();
    this.kill(next, second.failure);
    return this.failed([first.failure, second.failure]);
  }

  /**
   * The model engines' events for search `searchId` on the current worker (not watched: they
   * may take minutes); ends at once when that worker is gone.
   */
  async follow(searchId: number, onEvent: (e: SearchEvent) => void): Promise<void> {
    const wrap = this.opts.proxy ?? (<T extends object>(fn: T) => fn);
    await this.ask((matcher, alive) => matcher.follow(searchId, wrap((e: SearchEvent) => { if (alive()) onEvent(e); })));
  }

  /**
   * An unwatched call to the current worker (it may take its time): its answer, or null when it
   * fails or that worker is gone first — a call on a stopped worker would never settle.
   */
  async ask<T>(call: (matcher: M, alive: () => boolean) => Promise<T>): Promise<T | null> {
    const session = this.current;
    if (!session || session.isDead()) return null;
    return Promise.race([call(session.matcher, () => !session.isDead()).catch(() => null), session.dead.then(() => null)]);
  }

  /** Terminate the worker; pending calls return `worker_stopped`. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.current) this.kill(this.current, { kind: 'crash', message: 'stopped' });
  }

  // ---- internals ----

  private succeeded(outcome: Result<SearchAnswer>): Result<SearchAnswer> {
    this.restartsInRow = 0;
    return outcome;
  }

  private stopped<T>(): Result<T> {
    return fail(failure('worker_stopped'));
  }

  private failed<T>(failures: Fault[]): Result<T> {
    return fail(failure('worker_failed', { what: failures.map((f) => f.message).join('; then '), again: failures.length > 1 }));
  }

  private async attemptSearch(session: Session<M>, profile: unknown, options: SearchOptions | undefined): Promise<Attempt<Result<SearchAnswer>>> {
    const ready = await session.ready;
    if (!ready.ok) return ready;
    // The worker is fine but has no pool (fetch failed, corrupt file): the init's error.
    if (!ready.value.ok) return { ok: true, value: ready.value };
    return this.watch(session, () => session.matcher.search(profile, options), this.searchTimeoutMs, 'search');
  }

  /** Run `call` on `session` until it answers, the worker dies, or the watchdog fires. */
  private watch<T>(session: Session<M>, call: () => Promise<T>, timeoutMs: number, what: string): Promise<Attempt<T>> {
    return new Promise<Attempt<T>>((resolve) => {
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (a: Attempt<T>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        session.watchers.delete(arm);
        resolve(a);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const failure: Fault = { kind: 'hang', message: `no answer to ${what} within ${seconds(timeoutMs)}` };
          this.kill(session, failure);
          finish({ ok: false, failure });
        }, timeoutMs);
      };
      session.watchers.add(arm);
      arm();
      void session.dead.then((failure) => finish({ ok: false, failure }));
      let pending: Promise<T>;
      try {
        pending = call();
      } catch (e) {
        pending = Promise.reject(e);
      }
      pending.then(
        (value) => finish({ ok: true, value }),
        // A rejected call (not a crash: the worker answers errors as data) is passed on as data.
        (e: unknown) => finish({ ok: true, value: fail(failure('internal', { why: reasonOf(e) })) as T }),
      );
    });
  }

  private kill(session: Session<M>, failure: Fault): void {
    session.kill(failure);
  }

  /**
   * Replace `failed` by a new worker (once: callers that share a failed worker share its
   * replacement), or null when restarts are exhausted or the supervisor is stopped.
   */
  private restart(failed: Session<M>, failure: Fault, retrying = true): Session<M> | null {
    this.kill(failed, failure);
    if (this.current !== failed && this.current && !this.current.isDead()) return this.current;
    if (this.disposed || this.restartsInRow >= this.maxRestarts) return null;
    this.restartsInRow++;
    const next = this.spawn();
    this.current = next;
    const message = MESSAGES.worker_restarted({ hang: failure.kind === 'hang', what: failure.message, retried: retrying });
    this.opts.onRestart?.({ reason: failure.kind, message, matcher: next.matcher, restarts: this.restartsInRow });
    return next;
  }

  private spawn(): Session<M> {
    const first = this.spawned === 0;
    this.spawned++;
    let resolveDead!: (f: Fault) => void;
    const dead = new Promise<Fault>((r) => { resolveDead = r; });
    let isDead = false;
    let started: StartedWorker<M> | null = null;
    const onFatal = (e: Event) => {
      const failure: Fault =
        e.type === 'messageerror'
          ? { kind: 'crash', message: 'a message from the worker could not be read' }
          : { kind: 'crash', message: reasonOf(e) };
      const wasLoaded = session.loaded;
      const idle = session.watchers.size === 0;
      session.kill(failure);
      // A crash while idle: replace the worker now, if it had loaded its pool (no restart loop
      // for a worker that cannot even start; the next search tries again).
      if (idle && wasLoaded && this.current === session) {
        const next = this.restart(session, failure, false);
        if (next) void next.ready;
      }
    };
    const session: Session<M> = {
      matcher: null as unknown as M,
      dead,
      isDead: () => isDead,
      kill: (failure) => {
        if (isDead) return;
        isDead = true;
        if (started) {
          started.worker.removeEventListener('error', onFatal);
          started.worker.removeEventListener('messageerror', onFatal);
          try {
            (started.dispose ?? (() => started?.worker.terminate()))();
          } catch {
            // already gone
          }
        }
        resolveDead(failure);
      },
      heartbeat: () => {
        for (const arm of [...session.watchers]) arm();
      },
      watchers: new Set(),
      ready: Promise.resolve({ ok: false, failure: { kind: 'crash', message: 'not started' } }),
      loaded: false,
    };
    try {
      started = this.opts.start();
    } catch (e) {
      session.kill({ kind: 'crash', message: `the worker could not be started: ${reasonOf(e)}` });
      session.ready = dead.then((failure) => ({ ok: false, failure }));
      return session;
    }
    session.matcher = started.matcher;
    started.worker.addEventListener('error', onFatal);
    started.worker.addEventListener('messageerror', onFatal);

    const wrap = this.opts.proxy ?? (<T extends object>(fn: T) => fn);
    const userProgress = this.opts.onProgress;
    const onProgress = wrap((p: Parameters<OnProgress>[0]) => {
      if (session.isDead()) return;
      session.heartbeat();
      userProgress?.(p);
    });
    const prepare = first ? this.opts.prepareFirst : undefined;
    const matcher = started.matcher;
    session.ready = this.watch(
      session,
      async () => {
        if (prepare) await prepare(matcher);
        return matcher.init(this.opts.poolBaseUrl, this.opts.settings, onProgress);
      },
      this.initTimeoutMs,
      'init (pool load)',
    ).then((a) => {
      if (a.ok && a.value.ok) session.loaded = true;
      return a;
    });
    return session;
  }
}

/**
 * Fault injection from the page's URL, read by a build made for tests only (matcher.svelte.ts):
 * `fault=worker_crash_once|worker_hang_once`, and
 * `watchdog_ms=N` (a shorter search watchdog, so a test of a hang need not wait 15 s). Both are
 * harmless in a user's hands by design: they are not settings (never stored, this visit only);
 * the fault hits the first worker once and the restarted worker answers, the profile draft is
 * kept; `watchdog_ms` is honoured only together with a valid `fault`, clamped to 1–60 s, and the
 * app applies it only to the rules-only path (device=off, answers in milliseconds), so a link
 * cannot make searches time out. Unknown values are ignored.
 */
export function faultFromParams(params: URLSearchParams): { fault: FaultKind | null; searchTimeoutMs: number | null } {
  const raw = params.get('fault');
  const fault = FAULT_KINDS.includes(raw as FaultKind) ? (raw as FaultKind) : null;
  if (!fault) return { fault: null, searchTimeoutMs: null };
  const ms = params.get('watchdog_ms');
  const n = ms !== null && /^\d{1,6}$/.test(ms) ? Number(ms) : NaN;
  return { fault, searchTimeoutMs: Number.isFinite(n) ? Math.min(60_000, Math.max(1_000, n)) : null };
}
