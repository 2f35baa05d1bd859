/**
 * The matcher service behind the worker's API (SPEC §1): loads the pool once, then answers
 * searches, with stage 2's semantic half when a semantic stage is configured. Environment-
 * neutral (only `fetch` and `performance`), so the worker entry stays a thin shell and tests
 * drive the same object in Node.
 */
import { type MatchError, type Notice, matchError, toMatchError } from './errors';
import { loadPool, parseManifest } from './pool/load';
import type { PackedPool } from './pool/packed';
import { profileText } from './profile/text';
import { type SearchOptions, type SearchOutcome, type StageName, searchProfile, validateQuery } from './search';
import type { SemanticStage, SemanticStatus } from './similarity/semantic';
import { type Progress, fetchBytes } from './util/fetchBytes';

export type { Progress };

export interface PoolInfo {
  count: number;
  bytes: number;
  /** One-time pool load: download, checksum, validation and packing. */
  load_ms: number;
  notices: Notice[];
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
}

export class MatcherService {
  private pool: PackedPool | null = null;
  private poolNotices: Notice[] = [];
  private loading: Promise<InitOutcome> | null = null;
  private semantic: SemanticStage | Notice | null = null;

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
      const manifestRes = await fetch(`${baseUrl}manifest.json`);
      if (!manifestRes.ok) return { ok: false, error: matchError('pool_fetch_failed', `pool manifest: HTTP ${manifestRes.status}`) };
      let manifestJson: unknown;
      try {
        manifestJson = await manifestRes.json();
      } catch {
        return { ok: false, error: matchError('pool_manifest_invalid', 'pool manifest: not valid JSON') };
      }
      const manifest = parseManifest(manifestJson);
      if ('code' in manifest) return { ok: false, error: manifest };
      const entry = manifest.files.profiles;
      const bytes = await fetchBytes(`${baseUrl}${entry.path}`, entry.path, onProgress);
      const loaded = loadPool(manifest, bytes);
      if ('code' in loaded) return { ok: false, error: loaded };
      this.usePool(loaded.pool, loaded.notices);
      this.semantic = this.hooks.semantic?.({ poolBaseUrl: baseUrl, sha256: loaded.sha256, count: loaded.pool.n, onProgress }) ?? null;
      const info = { count: loaded.pool.n, bytes: bytes.byteLength, load_ms: Math.round(performance.now() - t0), notices: loaded.notices };
      this.loading = Promise.resolve({ ok: true, info });
      return { ok: true, info };
    } catch (e) {
      return { ok: false, error: toMatchError(e, 'pool_fetch_failed') };
    }
  }

  /** Use an already packed pool (tests, imports), optionally with a semantic stage. */
  usePool(pool: PackedPool, notices: Notice[] = [], semantic: SemanticStage | Notice | null = null): void {
    this.pool = pool;
    this.poolNotices = notices;
    this.semantic = semantic;
    this.loading = Promise.resolve({ ok: true, info: { count: pool.n, bytes: 0, load_ms: 0, notices } });
  }

  /** Load the models now instead of on the first search (`warm=1`). */
  async warm(): Promise<SemanticStatus | null> {
    const semantic = this.semantic;
    if (!semantic || 'code' in semantic) return null;
    await semantic.prepare();
    return semantic.status;
  }

  /** Embed texts with the session's embedding model, or say why it cannot. */
  async embedTexts(texts: string[]): Promise<Float32Array[] | Notice> {
    const s = this.semantic;
    if (!s) return { code: 'similarity_off', message: 'No embedding model is configured.' };
    return 'code' in s ? s : s.embedTexts(texts);
  }

  semanticStatus(): SemanticStatus | Notice | null {
    const s = this.semantic;
    return s && !('code' in s) ? s.status : s;
  }

  async search(profile: unknown, options: PublicSearchOptions = {}): Promise<SearchOutcome> {
    if (!this.pool) return { ok: false, error: matchError('pool_not_loaded', 'The candidate pool is not loaded yet.') };
    const pool = this.pool;
    try {
      const t0 = performance.now();
      const validated = validateQuery(profile);
      const validateMs = performance.now() - t0;
      this.hooks.onStage?.('validate', t0, t0 + validateMs);
      if (!validated.ok) return validated;

      const opts: SearchOptions = { ...options, validateMs, onStage: this.hooks.onStage };
      const semantic = this.semantic;
      if (semantic && !('code' in semantic)) {
        const q = await semantic.embedQuery(profileText(validated.profile));
        if ('code' in q) opts.simUnavailable = q;
        else {
          opts.similarity = { query: q.vector, embeddings: q.embeddings, embedMs: q.embedMs, loadWaitMs: q.loadWaitMs, backend: semantic.status.device };
          const end = performance.now();
          this.hooks.onStage?.('embed', end - q.embedMs, end);
        }
      } else if (semantic) {
        opts.simUnavailable = semantic;
      }
      const outcome = searchProfile(pool, validated.profile, opts, t0);
      if (outcome.ok && this.poolNotices.length > 0) outcome.result.notices.unshift(...this.poolNotices);
      return outcome;
    } catch (e) {
      return { ok: false, error: toMatchError(e) };
    }
  }
}
