/**
 * The matcher service behind the worker's API (SPEC §1): loads the pool once, then answers
 * searches. Environment-neutral (uses only `fetch` and `performance`), so the worker entry
 * stays a thin shell and tests can drive the same object in Node.
 */
import { type MatchError, type Notice, matchError, toMatchError } from './errors';
import { type PoolManifest, loadPool, parseManifest } from './pool/load';
import type { PackedPool } from './pool/packed';
import { type SearchOptions, type SearchOutcome, type StageName, search } from './search';

export interface Progress {
  file: string;
  loaded: number;
  total: number;
}

export interface PoolInfo {
  count: number;
  bytes: number;
  /** One-time pool load: download, checksum, validation and packing. */
  load_ms: number;
  notices: Notice[];
}

export type InitOutcome = { ok: true; info: PoolInfo } | { ok: false; error: MatchError };

export type PublicSearchOptions = Omit<SearchOptions, 'sim' | 'onStage' | 'simUnavailable'>;

async function fetchBytes(url: string, file: string, onProgress?: (p: Progress) => void): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw matchError('pool_fetch_failed', `${file}: HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length') ?? 0);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress?.({ file, loaded, total: Math.max(total, loaded) });
  }
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.byteLength; }
  return out;
}

export class MatcherService {
  private pool: PackedPool | null = null;
  private poolNotices: Notice[] = [];
  private loading: Promise<InitOutcome> | null = null;

  constructor(private readonly onStage?: (stage: StageName, start: number, end: number) => void) {}

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
      const entry = (manifest as PoolManifest).files.profiles;
      const bytes = await fetchBytes(`${baseUrl}${entry.path}`, entry.path, onProgress);
      const loaded = loadPool(manifest, bytes);
      if ('code' in loaded) return { ok: false, error: loaded };
      this.pool = loaded.pool;
      this.poolNotices = loaded.notices;
      return { ok: true, info: { count: loaded.pool.n, bytes: bytes.byteLength, load_ms: Math.round(performance.now() - t0), notices: loaded.notices } };
    } catch (e) {
      return { ok: false, error: toMatchError(e, 'pool_fetch_failed') };
    }
  }

  /** Use an already packed pool (tests, imports). */
  usePool(pool: PackedPool, notices: Notice[] = []): void {
    this.pool = pool;
    this.poolNotices = notices;
    this.loading = Promise.resolve({ ok: true, info: { count: pool.n, bytes: 0, load_ms: 0, notices } });
  }

  search(profile: unknown, options: PublicSearchOptions = {}): SearchOutcome {
    if (!this.pool) return { ok: false, error: matchError('pool_not_loaded', 'The candidate pool is not loaded yet.') };
    try {
      const outcome = search(this.pool, profile, { ...options, onStage: this.onStage });
      if (outcome.ok && this.poolNotices.length > 0) outcome.result.notices.unshift(...this.poolNotices);
      return outcome;
    } catch (e) {
      return { ok: false, error: toMatchError(e) };
    }
  }
}
