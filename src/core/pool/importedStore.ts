/**
 * A person's imported pool, kept on their device (Cache Storage, in the same store as the pool
 * files and indexes) until they remove it: its packed pool, its embedding texts and what the
 * import said, and whether it is the pool in use — so a reload (or a restarted worker) comes back
 * to it. Nothing of it is sent anywhere. Without Cache Storage (Node) there is no such store.
 */
import type { Notice } from '../outcome';
import type { PackedPool } from './packed';
import { deserializePool, serializePool } from './packedFile';
import { deserializeTexts, serializeTexts } from './textsFile';

export const IMPORTED_CACHE = 'rovermitra-imported';
const URL_BASE = 'https://rovermitra.invalid/imported/';

/** What the page shows about an imported pool. */
export interface ImportSummary {
  count: number;
  skipped: number;
  notices: Notice[];
  /** When it was imported (ms since the epoch). */
  importedAt: number;
  /** Names the pool (its index on this device). */
  sha256: string;
  /** It is the pool in use (a reload comes back to it). */
  active: boolean;
}

export interface SavedImport {
  pool: PackedPool;
  texts: string[];
  summary: ImportSummary;
}

export interface ImportedStore {
  summary(): Promise<ImportSummary | null>;
  load(): Promise<SavedImport | null>;
  /** Throws when the storage refuses (full, disabled). */
  save(imported: SavedImport): Promise<void>;
  setActive(active: boolean): Promise<void>;
  remove(): Promise<void>;
}

export function cacheImportedStore(caches: CacheStorage | undefined = (globalThis as { caches?: CacheStorage }).caches): ImportedStore | null {
  if (!caches) return null;
  const open = () => caches.open(IMPORTED_CACHE);
  const summary = async (): Promise<ImportSummary | null> => {
    const hit = await (await open()).match(`${URL_BASE}summary.json`);
    const s = (await hit?.json().catch(() => null)) as ImportSummary | null | undefined;
    return s && typeof s === 'object' && Number.isInteger(s.count) && typeof s.sha256 === 'string' ? s : null;
  };
  const bytes = async (name: string) => {
    const hit = await (await open()).match(`${URL_BASE}${name}`);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  };
  return {
    summary,
    async load() {
      const s = await summary();
      if (!s) return null;
      const [poolBytes, textsBytes] = await Promise.all([bytes('pool.bin'), bytes('texts.bin')]);
      if (!poolBytes || !textsBytes) return null;
      const pool = deserializePool(poolBytes);
      if (!pool.ok || pool.value.n !== s.count) return null;
      const texts = deserializeTexts(textsBytes, s.count);
      return texts.ok ? { pool: pool.value, texts: texts.value, summary: s } : null;
    },
    async save({ pool, texts, summary: s }) {
      await caches.delete(IMPORTED_CACHE);
      const cache = await open();
      // The files first, the summary last: without its summary a saved import is not whole.
      await cache.put(`${URL_BASE}pool.bin`, new Response(serializePool(pool) as Uint8Array<ArrayBuffer>));
      await cache.put(`${URL_BASE}texts.bin`, new Response(serializeTexts(texts) as Uint8Array<ArrayBuffer>));
      await cache.put(`${URL_BASE}summary.json`, new Response(JSON.stringify(s)));
    },
    async setActive(active) {
      const s = await summary();
      if (s) await (await open()).put(`${URL_BASE}summary.json`, new Response(JSON.stringify({ ...s, active })));
    },
    async remove() {
      await caches.delete(IMPORTED_CACHE);
    },
  };
}
