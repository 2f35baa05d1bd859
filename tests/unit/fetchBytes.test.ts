/**
 * Fetched files are bounded (src/core/util/fetchBytes.ts): a response larger than the size its
 * manifest declares (or the hard cap) is refused — at once when its content-length says so,
 * else as soon as the streamed bytes pass the limit, with the stream cancelled.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatePoolArray } from '../../scripts/pool/generate';
import { Matcher } from '../../src/core/matcher';
import type { Result } from '../../src/core/outcome';
import { TEXTS_FORMAT_VERSION } from '../../src/core/pool/textsFile';
import { PROFILE_TEXT_VERSION } from '../../src/core/profile/text';
import { MAX_FETCH_BYTES, fetchBytes } from '../../src/core/util/fetchBytes';
import { poolFiles } from '../support/poolFiles';

const CHUNK = 64 * 1024;

/** More than any test here may read: the endless body fails past it rather than fill the memory. */
const SAFETY = 256 * CHUNK;

/** A body that never ends: it counts what was pulled and whether it was cancelled. */
function endless() {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= SAFETY) return controller.error(new Error('read far past the limit'));
      seen.pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK));
    },
    cancel() { seen.cancelled = true; },
  }, { highWaterMark: 0 });
  return { body, seen };
}

describe('fetchBytes refuses a file larger than its limit', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('at once when the content-length is over the limit: nothing is read', async () => {
    const { body, seen } = endless();
    vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { headers: { 'content-length': String(10 * CHUNK) } })));
    await expect(fetchBytes('http://x/pool/pool.bin', 'pool.bin', undefined, undefined, 1000))
      .rejects.toMatchObject({ code: 'pool_fetch_failed', message: 'pool.bin: larger than the 1000 bytes expected' });
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('while it streams: a body that keeps coming is cancelled just past the limit', async () => {
    const { body, seen } = endless();
    const onProgress = vi.fn();
    vi.stubGlobal('fetch', vi.fn(async () => new Response(body)));
    await expect(fetchBytes('http://x/pool/pool.bin', 'pool.bin', onProgress, undefined, 3 * CHUNK + 1))
      .rejects.toMatchObject({ code: 'pool_fetch_failed' });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(6 * CHUNK);
    expect(Math.max(...onProgress.mock.calls.map(([p]) => p.loaded))).toBeLessThanOrEqual(3 * CHUNK + 1);
  });

  it('takes a file of exactly the limit, and has a hard cap by default', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(new Uint8Array(1000))));
    expect((await fetchBytes('http://x/a.bin', 'a.bin', undefined, undefined, 1000)).byteLength).toBe(1000);
    expect(MAX_FETCH_BYTES).toBeGreaterThanOrEqual(2 ** 28);
    expect(Number.isFinite(MAX_FETCH_BYTES)).toBe(true);
  });
});

describe('callers pass the size the manifest declares', () => {
  afterEach(() => vi.unstubAllGlobals());

  const files = poolFiles(generatePoolArray(20, 1));
  const textsBytes = 5000;
  const manifest = { ...files.manifest, files: { ...files.manifest.files, texts: { path: 'texts.bin', bytes: textsBytes, sha256: '0'.repeat(64), format_version: TEXTS_FORMAT_VERSION, text_version: PROFILE_TEXT_VERSION } } };

  /** A server whose `endlessFile` never ends. */
  function server(endlessFile: string) {
    const stream = endless();
    const fetch = vi.fn(async (url: string) => {
      const name = url.slice(url.lastIndexOf('/') + 1);
      if (name === endlessFile) return new Response(stream.body);
      return name === 'manifest.json' ? new Response(JSON.stringify(manifest)) : new Response(files.bytes.slice());
    });
    return { fetch, seen: stream.seen };
  }

  it('pool.bin: refused once it streams past the bytes of files.packed', async () => {
    vi.stubGlobal('caches', undefined);
    const { fetch, seen } = server('pool.bin');
    vi.stubGlobal('fetch', fetch);
    const got = await new Matcher().loadPool('http://x/pool/');
    expect(got).toMatchObject({ ok: false, error: { code: 'pool_fetch_failed', message: `pool.bin: larger than the ${files.bytes.byteLength} bytes expected` } });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(files.bytes.byteLength + 3 * CHUNK);
  });

  it('texts.bin: refused once it streams past the bytes of files.texts', async () => {
    vi.stubGlobal('caches', undefined);
    const { fetch, seen } = server('texts.bin');
    vi.stubGlobal('fetch', fetch);
    let texts: (() => Promise<Result<string[]>>) | undefined;
    const off = new Matcher().similarity;
    const matcher = new Matcher({ similarity: (pool) => { texts = pool.texts; return off; } });
    expect(await matcher.loadPool('http://x/pool/')).toMatchObject({ ok: true });
    expect(await texts?.()).toMatchObject({ ok: false, error: { code: 'pool_fetch_failed', message: `texts.bin: larger than the ${textsBytes} bytes expected` } });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(textsBytes + 3 * CHUNK);
  });
});
