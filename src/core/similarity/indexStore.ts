/**
 * Where a pool index built on this device is kept (SPEC §4: "stored on the device"): the finished
 * index as the same two files `npm run embeddings` writes (manifest + bytes), and, while it is
 * being built, the parts done so far, so that an indexing cut short (a reload, a crash) goes on
 * from where it stopped. One store per index key — pool, model, weights, pooling, text template —
 * so an index made for anything else is never read.
 *
 * In the browser the store is Cache Storage (the same store the pool's files are saved in,
 * savedPair.ts; available in workers, holds binary data, one quota): a cache named after the
 * key, holding `index.json` + `index.bin` once complete and `part-<from>` entries until then.
 * Elsewhere (Node, tests) a store in memory.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export interface IndexKey {
  poolSha256: string;
  modelId: string;
  weights: string;
  pooling: string;
  textVersion: number;
}

export interface IndexPart {
  /** The first candidate (pool index) of the part, and how many follow it. */
  from: number;
  count: number;
  /** `count` scales (float32) then `count × dims` int8 values, as in the embeddings file. */
  bytes: Uint8Array;
}

export interface IndexStore {
  /** The finished index (its manifest and bytes), when one was saved. */
  loadComplete(): Promise<{ manifest: unknown; bytes: Uint8Array } | null>;
  /** Save the finished index; throws when the storage refuses (full, disabled). */
  saveComplete(manifest: unknown, bytes: Uint8Array): Promise<void>;
  loadParts(): Promise<IndexPart[]>;
  /** Save one part; throws when the storage refuses. */
  savePart(part: IndexPart): Promise<void>;
  clearParts(): Promise<void>;
}

/** Cache names of device indexes start with this. */
export const INDEX_CACHE_PREFIX = 'rovermitra-index:';

/** A short, stable name for an index key. */
export function indexKeyName(key: IndexKey): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify([key.poolSha256, key.modelId, key.weights, key.pooling, key.textVersion])))).slice(0, 32);
}

export function memoryIndexStore(): IndexStore & { parts: Map<number, IndexPart>; complete: { manifest: unknown; bytes: Uint8Array } | null } {
  const store = {
    parts: new Map<number, IndexPart>(),
    complete: null as { manifest: unknown; bytes: Uint8Array } | null,
    loadComplete: async () => store.complete,
    saveComplete: async (manifest: unknown, bytes: Uint8Array) => { store.complete = { manifest, bytes }; },
    loadParts: async () => [...store.parts.values()].sort((a, b) => a.from - b.from),
    savePart: async (part: IndexPart) => { store.parts.set(part.from, part); },
    clearParts: async () => { store.parts.clear(); },
  };
  return store;
}

const URL_BASE = 'https://rovermitra.invalid/index/';

/** The device store for `key` in Cache Storage, or null where there is none (Node, an insecure origin). */
export function cacheIndexStore(key: IndexKey, caches: CacheStorage | undefined = (globalThis as { caches?: CacheStorage }).caches): IndexStore | null {
  if (!caches) return null;
  const name = `${INDEX_CACHE_PREFIX}${indexKeyName(key)}`;
  const open = () => caches.open(name);
  const bytesOf = async (r: Response | undefined) => (r ? new Uint8Array(await r.arrayBuffer()) : null);
  return {
    async loadComplete() {
      const cache = await open();
      const [m, b] = await Promise.all([cache.match(`${URL_BASE}index.json`), cache.match(`${URL_BASE}index.bin`)]);
      if (!m || !b) return null;
      const manifest: unknown = await m.json().catch(() => null);
      const bytes = await bytesOf(b);
      return manifest && bytes ? { manifest, bytes } : null;
    },
    async saveComplete(manifest, bytes) {
      const cache = await open();
      // The bytes first, the manifest last: without its manifest a saved index is not whole.
      await cache.put(`${URL_BASE}index.bin`, new Response(bytes as Uint8Array<ArrayBuffer>));
      await cache.put(`${URL_BASE}index.json`, new Response(JSON.stringify(manifest)));
    },
    async loadParts() {
      const cache = await open();
      const parts: IndexPart[] = [];
      for (const request of await cache.keys()) {
        const m = /\/part-(\d+)$/.exec(request.url);
        if (!m) continue;
        const hit = await cache.match(request.url);
        const count = Number(hit?.headers.get('x-count'));
        const bytes = await bytesOf(hit);
        if (bytes && Number.isInteger(count) && count > 0) parts.push({ from: Number(m[1]), count, bytes });
      }
      return parts.sort((a, b) => a.from - b.from);
    },
    async savePart(part) {
      const cache = await open();
      await cache.put(`${URL_BASE}part-${part.from}`, new Response(part.bytes as Uint8Array<ArrayBuffer>, { headers: { 'x-count': String(part.count) } }));
    },
    async clearParts() {
      // The finished index stays; the parts are not needed any more.
      const cache = await open();
      for (const request of await cache.keys()) if (/\/part-\d+$/.test(request.url)) await cache.delete(request.url);
    },
  };
}
