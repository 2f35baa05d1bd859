import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatePoolArray } from '../../src/core/pool/generate';
import { loadPool, parseProfilesJsonl } from '../../src/core/pool/load';
import { packProfiles } from '../../src/core/pool/packed';
import { deserializePool, serializePool } from '../../src/core/pool/packedFile';
import type { Profile } from '../../src/core/profile/types';
import { search } from '../../src/core/search';
import { MatcherService } from '../../src/core/service';
import { BASE } from './profiles';

/** The files the generator writes, for `profiles`: the packed pool and its manifest. */
function files(profiles: Profile[], count = profiles.length) {
  const bytes = serializePool(packProfiles(profiles));
  const entry = (b: Uint8Array, path: string) => ({ path, bytes: b.byteLength, sha256: bytesToHex(sha256(b)) });
  const manifest = {
    schema_version: 2, generator_version: 1, seed: 1, count,
    files: { profiles: entry(new Uint8Array(1), 'profiles.jsonl'), packed: { ...entry(bytes, 'pool.bin'), format_version: 1 } },
  };
  return { manifest, bytes };
}

const profiles = generatePoolArray(30, 9);

describe('pool files (SPEC §2.3)', () => {
  it('loads a packed pool that matches its manifest, equal to packing the profiles directly', async () => {
    const { manifest, bytes } = files(profiles);
    const loaded = await loadPool(manifest, bytes);
    if ('code' in loaded) throw new Error(loaded.message);
    const direct = packProfiles(profiles);
    expect(loaded.pool.n).toBe(30);
    for (let i = 0; i < 30; i++) {
      expect([loaded.pool.id.get(i), loaded.pool.name.get(i), loaded.pool.city.get(i), loaded.pool.hiddenCity.get(i)]).toEqual([direct.id.get(i), direct.name.get(i), direct.city.get(i), direct.hiddenCity.get(i)]);
    }
    for (const k of ['age', 'interests', 'langs', 'flags', 'idRank', 'budgetAmount'] as const) expect(Array.from(loaded.pool[k])).toEqual(Array.from(direct[k]));
    const q = { ...profiles[3], id: 'u_query' };
    const withoutTimings = (o: ReturnType<typeof search>) => (o.ok ? { ...o.result, timings_ms: null } : o);
    expect(withoutTimings(search(loaded.pool, q))).toEqual(withoutTimings(search(direct, q)));
  });

  it('refuses a truncated, oversized, altered, mis-counted or foreign file with a clear error', async () => {
    const { manifest, bytes } = files(profiles);
    await expect(loadPool(manifest, bytes.subarray(0, 500))).resolves.toMatchObject({ code: 'pool_mismatch', message: expect.stringContaining('truncated') });
    const altered = bytes.slice();
    altered[100] ^= 1;
    await expect(loadPool(manifest, altered)).resolves.toMatchObject({ code: 'pool_mismatch', message: expect.stringContaining('checksum') });
    const oversized = new Uint8Array(bytes.byteLength + 1024);
    oversized.set(bytes);
    await expect(loadPool(manifest, oversized)).resolves.toMatchObject({ code: 'pool_mismatch', message: expect.stringContaining(`${bytes.byteLength + 1024} bytes`) });
    const wrongCount = files(profiles, 31);
    await expect(loadPool(wrongCount.manifest, wrongCount.bytes)).resolves.toMatchObject({ code: 'pool_mismatch' });
    // A file that matches its manifest but is not a packed pool, or is cut inside: corrupt.
    const junk = new TextEncoder().encode('{"not":"a pool"}');
    const m2 = { ...manifest, files: { ...manifest.files, packed: { path: 'pool.bin', bytes: junk.byteLength, sha256: bytesToHex(sha256(junk)), format_version: 1 } } };
    await expect(loadPool(m2, junk)).resolves.toMatchObject({ code: 'pool_corrupt' });
    expect(deserializePool(bytes.subarray(0, bytes.byteLength - 64))).toMatchObject({ code: 'pool_corrupt' });
  });

  it('refuses an invalid manifest', async () => {
    const { manifest, bytes } = files(profiles);
    await expect(loadPool(null, bytes)).resolves.toMatchObject({ code: 'pool_manifest_invalid' });
    await expect(loadPool({ ...manifest, schema_version: 99 }, bytes)).resolves.toMatchObject({ code: 'pool_manifest_invalid' });
    await expect(loadPool({ ...manifest, files: { ...manifest.files, packed: { ...manifest.files.packed, path: '../../etc/passwd' } } }, bytes)).resolves.toMatchObject({ code: 'pool_manifest_invalid' });
    await expect(loadPool({ ...manifest, files: { ...manifest.files, packed: { ...manifest.files.packed, format_version: 7 } } }, bytes)).resolves.toMatchObject({ code: 'pool_manifest_invalid' });
  });

  it('parses profile lines for the Node tools, counting invalid and duplicate records', () => {
    const lines = [...profiles.slice(0, 5).map((p) => JSON.stringify(p)), '{oops', JSON.stringify({ ...BASE, age: 5 }), JSON.stringify(profiles[0])].join('\n');
    const parsed = parseProfilesJsonl(lines);
    expect(parsed.profiles).toHaveLength(5);
    expect(parsed.invalid).toBe(3);
    expect(parsed.firstProblem).toMatch(/line 6: not valid JSON/);
  });
});

describe('matcher service loading over fetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads once, reports byte progress, then searches', async () => {
    const { manifest, bytes } = files(profiles);
    const fetchMock = vi.fn(async (url: string) => url.endsWith('manifest.json')
      ? new Response(JSON.stringify(manifest))
      : new Response(bytes.slice().buffer, { headers: { 'content-length': String(bytes.byteLength) } }));
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
