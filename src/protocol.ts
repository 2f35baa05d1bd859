/**
 * The worker boundary (SPEC §1): what the page may ask the matcher worker, and what comes back.
 * Imported by the worker (which implements it), the page (which calls it through comlink) and
 * the tests. Every answer is plain data: a `Result`, a `SearchEvent`, a `WorkerStatus`.
 *
 * `MatcherApi` is the product's surface. `TestHooksApi` (fault injection, benchmarks, raw
 * embeddings) exists only in a build made for tests (`vite build --mode test`): the production
 * worker does not contain its code (see workers/matcher.worker.ts).
 */
import type { DeviceInfo } from './core/device/detect';
import type { DevicePlan } from './core/device/plan';
import type { PoolInfo, SearchOptions } from './core/matcher';
import type { ModelRef } from './core/models/cached';
import type { Notice, Result } from './core/outcome';
import type { ImportSummary } from './core/pool/importedStore';
import type { OnProgress } from './core/progress';
import type { EngineActivity, EngineInfo } from './core/rank/engine';
import type { SearchAnswer, SearchEvent } from './core/result';
import type { Settings } from './core/settings';
import type { SimilarityStatus } from './core/similarity/semantic';
import type { EngineBench } from './testing/engineBench';
import type { ScanBench } from './testing/scanBench';

export type { ImportSummary, PoolInfo, SearchAnswer, SearchEvent, SearchOptions };

/** Which pool is searched: the site's own, or the person's imported RoverMitra data. */
export type PoolSource = 'builtin' | 'imported';

/** The pool in use, and the imported one kept on this device (if any, in use or not). */
export interface ActivePool extends PoolInfo {
  source: PoolSource;
  imported: ImportSummary | null;
  /** About the switch itself (e.g. an import that could not be stored). */
  notices: Notice[];
}

/** One model engine of the ranking chain, as the device panel shows it. */
export interface RankerStatus extends EngineInfo {
  skipReason: string | null;
  /** The engine's latest requests (prompt and generated tokens, how each ended), newest last. */
  activity: EngineActivity[];
}

/**
 * The settings a worker runs with: the person's settings and the models they chose not to
 * download (the consent of the page, src/ui/consent.ts): those are never loaded.
 */
export type SessionSettings = Settings & { declinedModels?: readonly string[] };

export interface WorkerStatus {
  /** The loaded pool's size and memory in the worker. */
  pool: { count: number; memory_bytes: number } | null;
  device: DeviceInfo;
  plan: DevicePlan | null;
  similarity: SimilarityStatus | null;
  /** Stage 3's model engines in chain order, with sizes shown before loading. */
  rankers: RankerStatus[];
}

export interface MatcherApi {
  /**
   * Plan the device, load the pool — the imported one when the person left it in use, else the
   * site's — and, with `warm`, start loading the models.
   */
  init(poolBaseUrl: string, settings: SessionSettings, onProgress?: OnProgress): Promise<Result<ActivePool>>;
  /**
   * Import the original `users.json` and `matchmaker.json` (their bytes) and search them from
   * now on; kept on this device until removed. A file of the wrong shape is refused and the pool
   * in use stays.
   */
  /** The files themselves (a handle each, cheap to post): the worker reads them, so the page never holds their bytes. */
  importOriginal(users: Blob, matchmaker: Blob, onProgress?: OnProgress): Promise<Result<ActivePool>>;
  /** Search the site's pool or the imported one. */
  selectPool(source: PoolSource): Promise<Result<ActivePool>>;
  /** Delete the imported pool from this device (and search the site's pool). */
  removeImported(): Promise<Result<ActivePool>>;
  /** The heuristic's answer at once; `follow` it for the model engines' events when `partial`. */
  search(profile: unknown, options?: SearchOptions): Promise<Result<SearchAnswer>>;
  /** The events of the latest search (those so far, then the rest); resolves after its `final`, or when a newer search replaced it. */
  follow(searchId: number, onEvent: (e: SearchEvent) => void): Promise<void>;
  /** Load the models now (the `warm=1` behaviour, on demand). */
  warm(): Promise<SimilarityStatus | null>;
  /**
   * Which of `models` are on this device: in Cache Storage, or — with `cache=indexeddb` — in
   * web-llm's IndexedDB, which only web-llm's own check (loaded here, never on the page) reads.
   */
  modelsOnDevice(models: ModelRef[], where: Pick<Settings, 'modelHost' | 'libHost' | 'cache'>): Promise<string[]>;
  status(): Promise<WorkerStatus>;
}

/**
 * Faults a test build injects: the next search crashes or hangs the worker (once), or the
 * device's storage refuses the pool's index (for the rest of the worker's life).
 */
export const FAULT_KINDS = ['worker_crash_once', 'worker_hang_once', 'index_storage_full'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Only in a build made for tests. */
export interface TestHooksApi {
  /** Arm a fault: see FAULT_KINDS. */
  injectFault(kind: FaultKind): boolean;
  /** Embed texts with the session's model (the vectors, transferred). */
  embed(texts: string[]): Promise<Result<Float32Array[]>>;
  /** Measure the similarity scan here, on synthetic int8 embeddings. */
  benchScan(candidates: number, runs: number, dims?: number): Promise<Result<ScanBench>>;
  /** Measure one ranking engine (load, prefill, decode) on a fixed job. */
  benchRanker(name: string): Promise<Result<EngineBench>>;
}

export type TestWorkerApi = MatcherApi & TestHooksApi;
