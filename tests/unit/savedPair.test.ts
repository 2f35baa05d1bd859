/**
 * A manifest and its data file are fetched and saved as one unit (savedPair.ts): after a partial
 * update the last whole pair is used, never a new manifest with an old data file. The storage
 * here is an in-memory stand-in for Cache Storage (our logic only); the browser test in
 * tests/e2e/offline.spec.ts runs the same code on the real Cache Storage.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatePoolArray } from '../../scripts/pool/generate';
import { loadPool } from '../../src/core/pool/load';
import { Matcher } from '../../src/core/matcher';
import { ok } from '../../src/core/outcome';
import { MAX_MANIFEST_BYTES, type PairStorage, loadPair } from '../../src/core/util/savedPair';
import { poolFiles } from '../support/poolFiles';

function memoryStorage(): PairStorage & { names: () => string[] } {
  const caches = new Map<string, Map<string, { body: Uint8Array; type: string }>>();
  return {
    names: () => [...caches.keys()],
    keys: async () => [...caches.keys()],
    delete: async (name) => caches.delete(name),
    open: async (name) => {
      let c = caches.get(name);
      if (!c) caches.set(name, (c = new Map()));
      const cache = c;
      return {
        match: async (url) => {
          const hit = cache.get(url);
          return hit ? new Response(hit.body.slice(), { headers: { 'content-type': hit.type } }) : undefined;
        },
        put: async (url, r) => { cache.set(url, { body: new Uint8Array(await r.arrayBuffer()), type: r.headers.get('content-type') ?? '' }); },
      };
    },
  };
}

const oldPool = poolFiles(generatePoolArray(20, 1));
const newPool = poolFiles(generatePoolArray(25, 2));

/** A server answering with `files`; `broken` names files that fail (a status, or a network error). */
function server(files: { manifest: unknown; bytes: Uint8Array }, broken: Record<string, number | 'network'> = {}) {
  return vi.fn(async (url: string) => {
    const name = url.slice(url.lastIndexOf('/') + 1);
    const b = broken[name];
    if (b === 'network') throw new TypeError('Failed to fetch');
    if (typeof b === 'number') return new Response('no', { status: b });
    return name === 'manifest.json' ? new Response(JSON.stringify(files.manifest)) : new Response(files.bytes.slice());
  });
}

const request = (storage: PairStorage) => ({
  name: 'pool:/pool/',
  manifestUrl: 'http://x/pool/manifest.json',
  label: 'pool manifest',
  dataUrl: () => ok('http://x/pool/pool.bin'),
  dataFile: () => 'pool.bin',
  check: (m: unknown, bytes: Uint8Array) => loadPool(m, bytes),
  storage,
});

describe('a manifest and its data file are one unit', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses the last whole pair when the new manifest arrived and the new pool.bin did not', async () => {
    const storage = memoryStorage();
    vi.stubGlobal('fetch', server(oldPool));
    const first = await loadPair(request(storage));
    expect(first).toMatchObject({ ok: true, saved: false });
    expect(first.ok && first.value.pool.n).toBe(20);

    // The server was updated: its manifest is new, its pool.bin fails (network, then HTTP 503).
    for (const failure of ['network', 503] as const) {
      vi.stubGlobal('fetch', server(newPool, { 'pool.bin': failure }));
      const second = await loadPair(request(storage));
      expect(second).toMatchObject({ ok: true, saved: true, why: { code: 'pool_fetch_failed' } });
      expect(second.ok && second.value.pool.n).toBe(20);
    }
    // A new manifest served next to the old pool.bin (a half-finished deploy): the checksum refuses it.
    vi.stubGlobal('fetch', server({ manifest: newPool.manifest, bytes: oldPool.bytes }));
    const mixed = await loadPair(request(storage));
    expect(mixed).toMatchObject({ ok: true, saved: true, why: { code: 'pool_mismatch' } });
    expect(mixed.ok && mixed.value.pool.n).toBe(20);
  });

  it('replaces the saved pair only once the new pair arrived whole, and keeps one pair', async () => {
    const storage = memoryStorage();
    vi.stubGlobal('fetch', server(oldPool));
    await loadPair(request(storage));
    await loadPair(request(storage)); // unchanged: not saved again
    expect(storage.names()).toHaveLength(1);
    const before = storage.names()[0];
    vi.stubGlobal('fetch', server(newPool));
    expect(await loadPair(request(storage))).toMatchObject({ ok: true, saved: false });
    expect(storage.names()).toHaveLength(1);
    expect(storage.names()[0]).not.toBe(before);
    vi.stubGlobal('fetch', server(newPool, { 'manifest.json': 'network' }));
    const offline = await loadPair(request(storage));
    expect(offline.ok && offline.value.pool.n).toBe(25);
  });

  it('never uses a saved pair missing its manifest (a save cut short), nor one for a manifest the server says is gone', async () => {
    const storage = memoryStorage();
    // Only the data file was written before the save stopped.
    await (await storage.open('rovermitra-pair:pool:/pool/:0')).put('http://x/pool/pool.bin', new Response(oldPool.bytes.slice()));
    vi.stubGlobal('fetch', server(oldPool, { 'manifest.json': 'network' }));
    expect(await loadPair(request(storage))).toMatchObject({ ok: false, error: { code: 'pool_fetch_failed', message: 'pool: Failed to fetch' } });

    vi.stubGlobal('fetch', server(oldPool));
    await loadPair(request(storage));
    vi.stubGlobal('fetch', server(oldPool, { 'manifest.json': 404 }));
    expect(await loadPair(request(storage))).toMatchObject({ ok: false, status: 404, error: { message: 'pool manifest: HTTP 404' } });
  });

  it('the service reports a pool from the device as a notice with the reason as detail', async () => {
    const storage = memoryStorage();
    vi.stubGlobal('caches', undefined);
    const service = new Matcher();
    vi.stubGlobal('fetch', server(oldPool));
    // Without Cache Storage (Node) nothing is saved and the pool loads as usual.
    expect(await service.loadPool('http://x/pool/')).toMatchObject({ ok: true, value: { count: 20 } });
    vi.stubGlobal('caches', cacheStorageOf(storage));
    await new Matcher().loadPool('http://x/pool/');
    expect(storage.names()).toHaveLength(1);
    vi.stubGlobal('fetch', server(newPool, { 'pool.bin': 'network' }));
    const again = await new Matcher().loadPool('http://x/pool/');
    expect(again).toMatchObject({ ok: true, value: { count: 20, saved: { code: 'pool_saved', detail: 'pool_fetch_failed: pool: Failed to fetch' } } });
    expect(again.ok && again.value.saved?.message).not.toContain('Failed to fetch');
  });
});

describe('the manifest is read as strict JSON, as the CLI reads it', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A server whose manifest is `text` as it is. */
  const rawManifest = (text: string) => vi.fn(async (url: string) => (url.endsWith('/manifest.json') ? new Response(text) : new Response(oldPool.bytes.slice())));
  const json = JSON.stringify(oldPool.manifest);

  it.each([
    ['a duplicate key', json.replace('{', '{"count":999999,'), 'count duplicate_key'],
    ['a prototype key', json.replace('{', '{"__proto__":{"count":1},'), '__proto__ forbidden_key'],
  ])('refuses a manifest with %s', async (_what, text, problem) => {
    vi.stubGlobal('fetch', rawManifest(text));
    const got = await loadPair(request(memoryStorage()));
    expect(got).toMatchObject({ ok: false, error: { code: 'pool_manifest_invalid' } });
    if (got.ok) return;
    expect(got.error.message).toMatch(/^pool manifest: /);
    expect(got.error.message).not.toContain('999999');
    expect(got.error.problems?.map((p) => `${p.path} ${p.code}`)).toEqual([problem]);
  });

  it('still takes the same manifest without the duplicate', async () => {
    vi.stubGlobal('fetch', rawManifest(json));
    expect(await loadPair(request(memoryStorage()))).toMatchObject({ ok: true, saved: false });
  });

  it('refuses a manifest past its size cap without reading on', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull(c) { pulled++; c.enqueue(new Uint8Array(64 * 1024).fill(32)); } });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(endless)));
    const got = await loadPair(request(memoryStorage()));
    expect(got).toMatchObject({ ok: false, error: { code: 'pool_fetch_failed' } });
    expect(pulled * 64 * 1024).toBeLessThan(MAX_MANIFEST_BYTES + 3 * 64 * 1024);
  });
});

/** The stand-in behind the global `caches` interface the service uses. */
function cacheStorageOf(storage: PairStorage) {
  return {
    keys: () => storage.keys(),
    delete: (n: string) => storage.delete(n),
    open: async (n: string) => {
      const c = await storage.open(n);
      return { match: (u: string) => c.match(u), put: (u: string, r: Response) => c.put(u, r) };
    },
  };
}
