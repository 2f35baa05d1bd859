/**
 * The matcher service behind the worker's API (SPEC §1): loads the pool once, then answers
 * searches, with stage 2's semantic half when a semantic stage is configured. Environment-
 * neutral (only `fetch` and `performance`), so the worker entry stays a thin shell and tests
 * drive the same object in Node.
 */
import { type MatchError, type Notice, matchError, toMatchError } from './errors';
import { MANIFEST_FILE, PACKED_FILE } from './pool/files';
import { type LoadedPool, loadPool, parseManifest } from './pool/load';
import type { PackedPool } from './pool/packed';
import { profileText } from './profile/text';
import { poolMemoryBytes } from './pool/packed';
import { type ChainOutcome, type RankOptions, runChain } from './rank/chain';
import type { EngineSlot } from './rank/engine';
import { type SearchOptions, type SearchOutcome, type StageName, searchProfile, validateQuery, withRanking } from './search';
import type { SemanticStage, SemanticStatus } from './similarity/semantic';
import type { Progress } from './util/fetchBytes';
import { loadPair } from './util/savedPair';

export type { Progress };

export interface PoolInfo {
  count: number;
  /** Bytes downloaded (the packed pool file). */
  bytes: number;
  /** Bytes the loaded pool holds in the worker (columns, strings, scratch; not the embeddings). */
  memory_bytes: number;
  /** One-time pool load: download, checksum, validation and packing. */
  load_ms: number;
  /** Set when the pool came from the device, not the server (offline, or the server's pair was broken). */
  saved?: Notice & { detail: string };
}

export type InitOutcome = { ok: true; info: PoolInfo } | { ok: false; error: MatchError };

export type PublicSearchOptions = Pick<SearchOptions, 'top' | 'engine' | 'withIds'>;

export interface SemanticContext {
  poolBaseUrl: string;
  sha256: string;
  count: number;
  onProgress?: (p: Progress) => void;
}

export interface ServiceHooks {
  onStage?: (stage: StageName, start: number, end: number) => void;
  /** Build stage 2's semantic half once the pool is known, or say (as a notice) why there is none. */
  semantic?: (ctx: SemanticContext) => SemanticStage | Notice;
  /** Stage 3's model engines, in chain order (the heuristic is always the last link). */
  rankers?: EngineSlot[];
  /** Model download progress of the rankers. */
  onProgress?: (p: Progress) => void;
  /** Stage 3's size (the ranking-size settings); defaults: 10 candidates, full prompts, 40 tokens per explanation. */
  ranking?: { stageInput: number; options: RankOptions };
}

export class MatcherService {
  private pool: PackedPool | null = null;
  private loading: Promise<InitOutcome> | null = null;
  private semantic: SemanticStage | Notice | null = null;
  /** The search whose stage-3 models are running; a new search aborts it. */
  private inflight: AbortController | null = null;
  /** Settles when the latest search's ranking chain is done (tests, CLI). */
  lastRanking: Promise<SearchOutcome | null> = Promise.resolve(null);

  constructor(private readonly hooks: ServiceHooks = {}) {}

  /** Load the pool from `<baseUrl>manifest.json`; later calls return the first load's outcome. */
  init(baseUrl: string, onProgress?: (p: Progress) => void): Promise<InitOutcome> {
    this.loading ??= this.load(baseUrl, onProgress).then((outcome) => {
      if (!outcome.ok) this.loading = null; // a failed load may be retried
      return outcome;
    });
    return this.loading;
  }

  private async load(baseUrl: string, onProgress?: (p: Progress) => void): Promise<InitOutcome> {
    const t0 = performance.now();
    try {
      // The manifest and pool.bin are one unit: fetched together, saved together (savedPair.ts).
      const got = await loadPair<LoadedPool>({
        name: `pool:${baseUrl}`,
        manifestUrl: `${baseUrl}${MANIFEST_FILE}`,
        label: 'pool manifest',
        dataUrl: (m) => { const parsed = parseManifest(m); return 'code' in parsed ? parsed : `${baseUrl}${parsed.files.packed.path}`; },
        dataFile: () => PACKED_FILE,
        check: (m, bytes) => loadPool(m, bytes),
        onProgress,
      });
      if (!got.ok) return { ok: false, error: got.error };
      const loaded = got.value;
      this.usePool(loaded.pool);
      this.semantic = this.hooks.semantic?.({ poolBaseUrl: baseUrl, sha256: loaded.sha256, count: loaded.pool.n, onProgress }) ?? null;
      const info: PoolInfo = { count: loaded.pool.n, bytes: got.bytes, memory_bytes: poolMemoryBytes(loaded.pool), load_ms: Math.round(performance.now() - t0) };
      if (got.saved) {
        info.saved = { code: 'pool_saved', message: 'Using the pool saved on this device: the server’s could not be loaded (offline, or its files did not match).', detail: `${got.why.code}: ${got.why.message}` };
      }
      this.loading = Promise.resolve({ ok: true, info });
      return { ok: true, info };
    } catch (e) {
      return { ok: false, error: toMatchError(e, 'pool_fetch_failed') };
    }
  }

  /** Use an already packed pool (tests, imports), optionally with a semantic stage. */
  usePool(pool: PackedPool, semantic: SemanticStage | Notice | null = null): void {
    this.pool = pool;
    this.semantic = semantic;
    this.loading = Promise.resolve({ ok: true, info: { count: pool.n, bytes: 0, memory_bytes: poolMemoryBytes(pool), load_ms: 0 } });
  }

  /** Load the models now instead of on the first search (`warm=1`): embedder and first ranker. */
  async warm(): Promise<SemanticStatus | null> {
    const semantic = this.semantic;
    const ranker = this.hooks.rankers?.find((s) => !s.skipReason);
    await Promise.all([
      semantic && !('code' in semantic) ? semantic.prepare() : null,
      ranker?.load(this.hooks.onProgress).catch(() => undefined),
    ]);
    return semantic && !('code' in semantic) ? semantic.status : null;
  }

  /** The loaded pool's size and memory, or null before it is loaded. */
  poolMemory(): { count: number; memory_bytes: number } | null {
    return this.pool ? { count: this.pool.n, memory_bytes: poolMemoryBytes(this.pool) } : null;
  }

  /** Embed texts with the session's embedding model, or say why it cannot. */
  async embedTexts(texts: string[]): Promise<Float32Array[] | Notice> {
    const s = this.semantic;
    if (!s) return { code: 'similarity_off', message: 'No embedding model is configured.' };
    return 'code' in s ? s : s.embedTexts(texts);
  }

  /** Stage 3's model engines, in chain order. */
  rankers(): EngineSlot[] {
    return this.hooks.rankers ?? [];
  }

  semanticStatus(): SemanticStatus | Notice | null {
    const s = this.semantic;
    return s && !('code' in s) ? s.status : s;
  }

  /**
   * Search: the heuristic answer comes back at once; when model engines are configured they run
   * afterwards and `onUpdate` receives their order, then their explanations. A new search
   * aborts the models still working on the previous one.
   */
  async search(profile: unknown, options: PublicSearchOptions = {}, onUpdate?: (o: SearchOutcome) => void): Promise<SearchOutcome> {
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    if (!this.pool) return { ok: false, error: matchError('pool_not_loaded', 'The candidate pool is not loaded yet.') };
    const pool = this.pool;
    try {
      const t0 = performance.now();
      const validated = validateQuery(profile);
      const validateMs = performance.now() - t0;
      this.hooks.onStage?.('validate', t0, t0 + validateMs);
      if (!validated.ok) return validated;

      const opts: SearchOptions = { ...options, validateMs, onStage: this.hooks.onStage, stageInput: this.hooks.ranking?.stageInput, rankOptions: this.hooks.ranking?.options };
      const semantic = this.semantic;
      if (semantic && !('code' in semantic)) {
        const q = await semantic.embedQuery(profileText(validated.profile));
        if ('code' in q) opts.simUnavailable = q;
        else {
          opts.similarity = { query: q.vector, embeddings: q.embeddings, scanner: q.scanner, embedMs: q.embedMs, loadWaitMs: q.loadWaitMs, backend: semantic.status.device };
          const end = performance.now();
          this.hooks.onStage?.('embed', end - q.embedMs, end);
        }
      } else if (semantic) {
        opts.simUnavailable = semantic;
      }
      const run = searchProfile(pool, validated.profile, opts, t0);
      if (!run.ok) return run;
      const { result, job, q } = run;
      const slots = options.engine === 'heuristic' ? [] : (this.hooks.rankers ?? []);
      if (slots.length > 0 && job.candidates.length > 0 && !controller.signal.aborted) {
        result.ranking.partial = true;
        const emit = (o: ChainOutcome): SearchOutcome => ({ ok: true, result: withRanking(pool, q, result, job, o) });
        let latest = result;
        this.lastRanking = runChain(slots, job, {
          signal: controller.signal,
          onProgress: this.hooks.onProgress,
          onUpdate: (o) => {
            if (controller.signal.aborted) return;
            const update = emit(o);
            if (update.ok) latest = update.result;
            onUpdate?.(update);
          },
          // The order on screen stays; the wait is added to it.
          onWait: (w) => { if (!controller.signal.aborted) onUpdate?.({ ok: true, result: { ...latest, ranking: { ...latest.ranking, waiting: w } } }); },
        }).then((o) => (o ? emit(o) : null), (e: unknown) => ({ ok: false as const, error: toMatchError(e) }));
      } else {
        this.lastRanking = Promise.resolve({ ok: true, result });
      }
      return { ok: true, result };
    } catch (e) {
      return { ok: false, error: toMatchError(e) };
    }
  }
}
