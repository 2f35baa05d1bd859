/**
 * The worker supervisor (SPEC §11) with a fake worker factory: crashes and hangs restart the
 * worker and retry once; a second failure is an error outcome, never a pending promise.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/core/outcome';
import type { Progress } from '../../src/core/progress';
import type { SearchResult } from '../../src/core/result';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { ActivePool, FaultKind, SearchAnswer, SearchEvent } from '../../src/protocol';
import {
  type RestartInfo,
  type SupervisedMatcher,
  type SupervisorOptions,
  WorkerSupervisor,
  faultFromParams,
} from '../../src/ui/workerSupervisor';

/** How one fake worker behaves. */
type Behaviour = {
  init?: 'ok' | 'hang' | 'crash' | 'fail' | 'slow_with_progress';
  search?: 'ok' | 'hang' | 'crash' | 'slow_with_progress' | 'messageerror';
};

const INIT_OK: Result<ActivePool> = { ok: true, value: { count: 3, bytes: 100, memory_bytes: 100, load_ms: 1, source: 'builtin', imported: null, notices: [] } };
const resultFor = (worker: number): Result<SearchAnswer> => ({ ok: true, value: { searchId: worker, result: { worker } as unknown as SearchResult } });
const eventFor = (worker: number): SearchEvent => ({ kind: 'final', searchId: worker, engine: 'heuristic', result: { worker } as unknown as SearchResult });

class FakeWorker extends EventTarget {
  terminated = false;
  terminate() {
    this.terminated = true;
  }
  crash(message: string) {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

class FakeMatcher implements SupervisedMatcher {
  faults: FaultKind[] = [];
  searches = 0;
  progress?: (p: Progress) => void;
  constructor(
    readonly index: number,
    readonly worker: FakeWorker,
    readonly behaviour: Behaviour,
  ) {}

  injectFault(kind: FaultKind) {
    this.faults.push(kind);
    return true;
  }

  init(_url: string, _settings: unknown, onProgress?: (p: Progress) => void): Promise<Result<ActivePool>> {
    this.progress = onProgress;
    switch (this.behaviour.init ?? 'ok') {
      case 'hang':
        return new Promise(() => {});
      case 'crash':
        setTimeout(() => this.worker.crash(`init crash in worker ${this.index}`), 1);
        return new Promise(() => {});
      case 'fail':
        return Promise.resolve({ ok: false, error: { code: 'pool_fetch_failed', message: 'HTTP 404' } });
      case 'slow_with_progress':
        return this.slowly(INIT_OK);
      default:
        return Promise.resolve(INIT_OK);
    }
  }

  async follow(searchId: number, onEvent: (e: SearchEvent) => void): Promise<void> {
    onEvent(eventFor(searchId));
  }

  search(): Promise<Result<SearchAnswer>> {
    this.searches++;
    switch (this.behaviour.search ?? 'ok') {
      case 'hang':
        return new Promise(() => {});
      case 'crash':
        setTimeout(() => this.worker.crash(`search crash in worker ${this.index}`), 1);
        return new Promise(() => {});
      case 'messageerror':
        setTimeout(() => this.worker.dispatchEvent(new Event('messageerror')), 1);
        return new Promise(() => {});
      case 'slow_with_progress':
        return this.slowly(resultFor(this.index));
      default:
        return Promise.resolve(resultFor(this.index));
    }
  }

  /** Answers after 5 × 30 ms, reporting progress every 30 ms (longer than a 50 ms watchdog in all). */
  private slowly<T>(value: T): Promise<T> {
    return new Promise((resolve) => {
      let n = 0;
      const tick = () => {
        if (++n > 5) return resolve(value);
        this.progress?.({ file: 'x', loaded: n, total: 5 } as Progress);
        setTimeout(tick, 30);
      };
      setTimeout(tick, 30);
    });
  }
}

/** A supervisor whose n-th worker behaves as `behaviours[n]` (the last one repeats). */
function setup(behaviours: Behaviour[], opts: Partial<SupervisorOptions<FakeMatcher>> = {}) {
  const matchers: FakeMatcher[] = [];
  const restarts: RestartInfo<FakeMatcher>[] = [];
  const sup = new WorkerSupervisor<FakeMatcher>({
    start: () => {
      const worker = new FakeWorker();
      const m = new FakeMatcher(matchers.length, worker, behaviours[Math.min(matchers.length, behaviours.length - 1)]!);
      matchers.push(m);
      return { matcher: m, worker };
    },
    poolBaseUrl: 'http://localhost/pool/',
    settings: DEFAULT_SETTINGS,
    searchTimeoutMs: 50,
    initTimeoutMs: 80,
    onRestart: (info) => restarts.push(info),
    ...opts,
  });
  return { sup, matchers, restarts };
}

/** Fails the test if `p` is still pending after `ms` (a forever-pending promise is the bug). */
function settlesWithin<T>(p: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms))]);
}

describe('WorkerSupervisor', () => {
  it('answers from the first worker when nothing fails', async () => {
    const { sup, matchers, restarts } = setup([{}]);
    expect(await sup.start()).toEqual(INIT_OK);
    const answer = await sup.search({}, { top: 5 });
    expect(answer).toEqual(resultFor(0));
    const events: SearchEvent[] = [];
    await sup.follow(0, (e) => events.push(e));
    expect(events).toEqual([eventFor(0)]);
    expect(matchers).toHaveLength(1);
    expect(restarts).toEqual([]);
  });

  it('a crash during a search: restart, re-init, retry once, success', async () => {
    const { sup, matchers, restarts } = setup([{ search: 'crash' }, {}]);
    await sup.start();
    const outcome = await settlesWithin(sup.search({}));
    expect(outcome).toEqual(resultFor(1));
    expect(matchers).toHaveLength(2);
    expect(matchers[0]!.worker.terminated).toBe(true);
    expect(matchers[1]!.worker.terminated).toBe(false);
    expect(matchers[1]!.progress).toBeDefined(); // the new worker was initialised
    expect(restarts).toHaveLength(1);
    expect(restarts[0]!.reason).toBe('crash');
    expect(restarts[0]!.message).toContain('search crash in worker 0');
    expect(restarts[0]!.matcher).toBe(matchers[1]);
    expect(sup.matcher).toBe(matchers[1]);
  });

  it('an unreadable message (messageerror) counts as a crash', async () => {
    const { sup, matchers, restarts } = setup([{ search: 'messageerror' }, {}]);
    await sup.start();
    expect(await settlesWithin(sup.search({}))).toEqual(resultFor(1));
    expect(matchers).toHaveLength(2);
    expect(restarts.map((r) => r.reason)).toEqual(['crash']);
  });

  it('a hang: the watchdog fires, the worker is replaced and the search retried', async () => {
    const { sup, matchers, restarts } = setup([{ search: 'hang' }, {}]);
    await sup.start();
    const t0 = Date.now();
    const outcome = await settlesWithin(sup.search({}));
    expect(outcome).toEqual(resultFor(1));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(matchers[0]!.worker.terminated).toBe(true);
    expect(restarts).toHaveLength(1);
    expect(restarts[0]!.reason).toBe('hang');
    expect(restarts[0]!.message).toMatch(/no answer to search within 50 ms/);
  });

  it('progress is a sign of life: a slow search that reports progress is not a hang', async () => {
    const progress: Progress[] = [];
    const { sup, matchers, restarts } = setup([{ init: 'slow_with_progress', search: 'slow_with_progress' }], { onProgress: (p) => progress.push(p) });
    expect(await settlesWithin(sup.start())).toEqual(INIT_OK);
    expect(progress).toHaveLength(5); // the app's own progress callback still gets them
    expect(await settlesWithin(sup.search({}))).toEqual(resultFor(0));
    expect(matchers).toHaveLength(1);
    expect(restarts).toEqual([]);
  });

  it('a crash twice: a worker_failed outcome, not a pending promise', async () => {
    const { sup, matchers, restarts } = setup([{ search: 'crash' }]);
    await sup.start();
    const outcome = await settlesWithin(sup.search({}));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('worker_failed');
    expect(outcome.error.message).toContain('search crash in worker 0');
    expect(outcome.error.message).toContain('search crash in worker 1');
    expect(matchers).toHaveLength(2);
    expect(matchers.every((m) => m.worker.terminated)).toBe(true);
    expect(restarts).toHaveLength(1); // retried once only
    expect(matchers.map((m) => m.searches)).toEqual([1, 1]);
  });

  it('a hang twice: worker_failed after two watchdogs', async () => {
    const { sup, matchers } = setup([{ search: 'hang' }]);
    await sup.start();
    const outcome = await settlesWithin(sup.search({}));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'worker_failed' } });
    expect(matchers).toHaveLength(2);
  });

  it('after worker_failed, the next search starts a fresh worker; restarts in a row are capped', async () => {
    const { sup, matchers } = setup([{ search: 'crash' }], { maxRestarts: 2 });
    await sup.start();
    expect((await settlesWithin(sup.search({}))).ok).toBe(false); // workers 0, 1
    expect((await settlesWithin(sup.search({}))).ok).toBe(false); // worker 2, then the cap
    expect(matchers).toHaveLength(3);
    const capped = await settlesWithin(sup.search({}));
    expect(capped).toMatchObject({ ok: false, error: { code: 'worker_failed' } });
    expect(matchers).toHaveLength(3);
  });

  it('init that never answers is bounded: restart, init again, success', async () => {
    const { sup, matchers, restarts } = setup([{ init: 'hang' }, {}]);
    const outcome = await settlesWithin(sup.start());
    expect(outcome).toEqual(INIT_OK);
    expect(matchers).toHaveLength(2);
    expect(matchers[0]!.worker.terminated).toBe(true);
    expect(restarts.map((r) => r.reason)).toEqual(['hang']);
    expect(restarts[0]!.message).toMatch(/no answer to init \(pool load\) within 80 ms/);
    expect(await sup.search({})).toEqual(resultFor(1));
  });

  it('init timeout twice: worker_failed, and a search then still answers (never pending)', async () => {
    const { sup, matchers } = setup([{ init: 'hang' }]);
    const outcome = await settlesWithin(sup.start());
    expect(outcome).toMatchObject({ ok: false, error: { code: 'worker_failed' } });
    expect(matchers).toHaveLength(2);
    const search = await settlesWithin(sup.search({}));
    expect(search).toMatchObject({ ok: false, error: { code: 'worker_failed' } });
  });

  it('a crash during init restarts too', async () => {
    const { sup, matchers } = setup([{ init: 'crash' }, {}]);
    expect(await settlesWithin(sup.start())).toEqual(INIT_OK);
    expect(matchers).toHaveLength(2);
  });

  it('a pool that fails to load is an error, not a worker failure: no restart', async () => {
    const { sup, matchers, restarts } = setup([{ init: 'fail' }]);
    expect(await sup.start()).toMatchObject({ ok: false, error: { code: 'pool_fetch_failed' } });
    expect(await sup.search({})).toMatchObject({ ok: false, error: { code: 'pool_fetch_failed' } });
    expect(matchers).toHaveLength(1);
    expect(restarts).toEqual([]);
  });

  it('a crash while idle replaces the worker at once', async () => {
    const { sup, matchers, restarts } = setup([{}]);
    await sup.start();
    matchers[0]!.worker.crash('boom');
    expect(matchers).toHaveLength(2);
    expect(restarts).toHaveLength(1);
    expect(restarts[0]!.message).toContain('boom');
    expect(restarts[0]!.message).not.toContain('retried');
    expect(await sup.search({})).toEqual(resultFor(1));
  });

  it('prepareFirst (a test build’s fault) goes to the first worker only', async () => {
    const { sup, matchers } = setup([{ search: 'crash' }, {}], { prepareFirst: (m) => m.injectFault('worker_crash_once') });
    await sup.start();
    expect(await settlesWithin(sup.search({}))).toEqual(resultFor(1));
    expect(matchers[0]!.faults).toEqual(['worker_crash_once']);
    expect(matchers[1]!.faults).toEqual([]);
  });

  it('searches on a failed worker share one restart; only the latest is retried', async () => {
    const { sup, matchers, restarts } = setup([{ search: 'hang' }, {}]);
    await sup.start();
    const older = sup.search({});
    const newer = sup.search({});
    const [a, b] = await settlesWithin(Promise.all([older, newer]));
    expect(a).toMatchObject({ ok: false, error: { code: 'worker_failed' } });
    expect(b).toEqual(resultFor(1));
    expect(matchers).toHaveLength(2);
    expect(restarts).toHaveLength(1);
  });

  it('dispose settles pending calls with worker_stopped and terminates the worker', async () => {
    const { sup, matchers } = setup([{ search: 'hang' }], { searchTimeoutMs: 10_000 });
    await sup.start();
    const pending = sup.search({});
    sup.dispose();
    expect(await settlesWithin(pending, 200)).toMatchObject({ ok: false, error: { code: 'worker_stopped' } });
    expect(matchers[0]!.worker.terminated).toBe(true);
    expect(matchers).toHaveLength(1);
    expect(await sup.search({})).toMatchObject({ ok: false, error: { code: 'worker_stopped' } });
  });

  it('a worker that cannot be started is a failure outcome', async () => {
    const sup = new WorkerSupervisor<FakeMatcher>({
      start: () => {
        throw new Error('blocked by CSP');
      },
      poolBaseUrl: '/pool/',
      settings: DEFAULT_SETTINGS,
    });
    const outcome = await settlesWithin(sup.start());
    expect(outcome).toMatchObject({ ok: false, error: { code: 'worker_failed' } });
    if (!outcome.ok) expect(outcome.error.message).toContain('blocked by CSP');
  });
});

describe('faultFromParams', () => {
  const read = (q: string) => faultFromParams(new URLSearchParams(q));
  it('reads the two fault kinds only', () => {
    expect(read('fault=worker_crash_once')).toEqual({ fault: 'worker_crash_once', searchTimeoutMs: null });
    expect(read('fault=worker_hang_once&watchdog_ms=2000')).toEqual({ fault: 'worker_hang_once', searchTimeoutMs: 2000 });
    expect(read('fault=delete_everything')).toEqual({ fault: null, searchTimeoutMs: null });
    expect(read('')).toEqual({ fault: null, searchTimeoutMs: null });
  });
  it('honours watchdog_ms only with a fault, clamped to 1–60 s', () => {
    expect(read('watchdog_ms=1')).toEqual({ fault: null, searchTimeoutMs: null });
    expect(read('fault=worker_hang_once&watchdog_ms=1').searchTimeoutMs).toBe(1000);
    expect(read('fault=worker_hang_once&watchdog_ms=999999').searchTimeoutMs).toBe(60_000);
    expect(read('fault=worker_hang_once&watchdog_ms=abc').searchTimeoutMs).toBeNull();
  });
});
