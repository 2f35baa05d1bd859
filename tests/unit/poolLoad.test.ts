import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatePoolArray } from '../../src/core/pool/generate';
import { loadPool } from '../../src/core/pool/load';
import { MatcherService } from '../../src/core/service';
import { BASE } from './profiles';

function files(lines: string[], count = lines.length) {
  const bytes = new TextEncoder().encode(lines.map((l) => `${l}\n`).join(''));
  const manifest = { schema_version: 1, generator_version: 1, seed: 1, count, files: { profiles: { path: 'profiles.jsonl', bytes: bytes.byteLength, sha256: bytesToHex(sha256(bytes)) } } };
  return { manifest, bytes };
}

const lines = generatePoolArray(30, 9).map((p) => JSON.stringify(p));

describe('pool files (SPEC §2.3)', () => {
  it('loads a pool that matches its manifest', () => {
    const { manifest, bytes } = files(lines);
    const loaded = loadPool(manifest, bytes);
    expect('pool' in loaded && loaded.pool.n).toBe(30);
  });

  it('refuses a truncated, altered or mis-counted file with a clear error', () => {
    const { manifest, bytes } = files(lines);
    expect(loadPool(manifest, bytes.subarray(0, 500))).toMatchObject({ code: 'pool_mismatch', message: expect.stringContaining('truncated') });
    const altered = bytes.slice();
    altered[10] ^= 1;
    expect(loadPool(manifest, altered)).toMatchObject({ code: 'pool_mismatch', message: expect.stringContaining('checksum') });
    const wrongCount = files(lines, 31);
    expect(loadPool(wrongCount.manifest, wrongCount.bytes)).toMatchObject({ code: 'pool_mismatch' });
  });

  it('refuses an invalid manifest', () => {
    const { bytes } = files(lines);
    expect(loadPool(null, bytes)).toMatchObject({ code: 'pool_manifest_invalid' });
    expect(loadPool({ schema_version: 99, count: 1, files: {} }, bytes)).toMatchObject({ code: 'pool_manifest_invalid' });
    expect(loadPool({ schema_version: 1, count: 1, files: { profiles: { path: '../../etc/passwd', bytes: 1, sha256: 'x' } } }, bytes)).toMatchObject({ code: 'pool_manifest_invalid' });
  });

  it('skips invalid and duplicate records with a notice', () => {
    const { manifest, bytes } = files([...lines.slice(0, 5), '{oops', JSON.stringify({ ...BASE, age: 5 }), lines[0]]);
    const loaded = loadPool(manifest, bytes);
    expect('pool' in loaded && loaded.pool.n).toBe(5);
    expect('notices' in loaded && loaded.notices).toEqual([expect.objectContaining({ code: 'pool_invalid_records', message: expect.stringMatching(/^3 pool record/) })]);
  });
});

describe('matcher service loading over fetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads once, reports byte progress, then searches', async () => {
    const { manifest, bytes } = files(lines);
    const fetchMock = vi.fn(async (url: string) => url.endsWith('manifest.json')
      ? new Response(JSON.stringify(manifest))
      : new Response(bytes, { headers: { 'content-length': String(bytes.byteLength) } }));
    vi.stubGlobal('fetch', fetchMock);
    const service = new MatcherService();
    const progress: number[] = [];
    const [a, b] = await Promise.all([service.init('http://x/pool/', (p) => progress.push(p.loaded)), service.init('http://x/pool/')]);
    expect(a).toEqual(b);
    expect(a.ok && a.info.count).toBe(30);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(progress.at(-1)).toBe(bytes.byteLength);
    expect((await service.search({ ...BASE, id: 'u_query' })).ok).toBe(true);
  });

  it('turns HTTP and network failures into error data, and allows a retry', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('nope', { status: 404 })));
    const service = new MatcherService();
    expect(await service.init('http://x/pool/')).toEqual({ ok: false, error: { code: 'pool_fetch_failed', message: 'pool manifest: HTTP 404' } });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect(await service.init('http://x/pool/')).toEqual({ ok: false, error: { code: 'pool_fetch_failed', message: 'Failed to fetch' } });
  });
});
