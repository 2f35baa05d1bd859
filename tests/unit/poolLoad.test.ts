import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatePoolArray } from '../../scripts/pool/generate';
import { loadPool, parseProfilesJsonl } from '../../src/core/pool/load';
import { packProfiles } from '../../src/core/pool/packed';
import { deserializePool } from '../../src/core/pool/packedFile';
import type { Profile } from '../../src/core/profile/types';
import { Matcher } from '../../src/core/matcher';
import { search } from './searchPool';
import { BASE } from './profiles';
import { manifestFor, poolFiles } from '../support/poolFiles';

const files = (profiles: Profile[], count?: number) => poolFiles(profiles, count);

const profiles = generatePoolArray(30, 9);

describe('pool files (SPEC §2.3)', () => {
  it('loads a packed pool that matches its manifest, equal to packing the profiles directly', async () => {
    const { manifest, bytes } = files(profiles);
    const loaded = await loadPool(manifest, bytes);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { value } = loaded;
    const direct = packProfiles(profiles);
    expect(value.pool.n).toBe(30);
    for (let i = 0; i < 30; i++) {
      expect([value.pool.id.get(i), value.pool.name.get(i), value.pool.city.get(i)]).toEqual([direct.id.get(i), direct.name.get(i), direct.city.get(i)]);
    }
    for (const k of ['age', 'interests', 'langs', 'flags', 'idRank', 'budgetAmount'] as const) expect(Array.from(value.pool[k])).toEqual(Array.from(direct[k]));
    const q = { ...profiles[3], id: 'u_query' };
    const withoutTimings = (o: Awaited<ReturnType<typeof search>>) => (o.ok ? { ...o.value, timings_ms: null } : o);
    expect(withoutTimings(await search(value.pool, q))).toEqual(withoutTimings(await search(direct, q)));
  });

  it('refuses a truncated, oversized, altered, mis-counted or foreign file with a clear error', async () => {
    const { manifest, bytes } = files(profiles);
    await expect(loadPool(manifest, bytes.subarray(0, 500))).resolves.toMatchObject({ ok: false, error: { code: 'pool_mismatch', message: expect.stringContaining('truncated') } });
    const altered = bytes.slice();
    altered[100] ^= 1;
    await expect(loadPool(manifest, altered)).resolves.toMatchObject({ ok: false, error: { code: 'pool_mismatch', message: expect.stringContaining('checksum') } });
    const oversized = new Uint8Array(bytes.byteLength + 1024);
    oversized.set(bytes);
    await expect(loadPool(manifest, oversized)).resolves.toMatchObject({ ok: false, error: { code: 'pool_mismatch', message: expect.stringContaining(`${bytes.byteLength + 1024} bytes`) } });
    const wrongCount = files(profiles, 31);
    await expect(loadPool(wrongCount.manifest, wrongCount.bytes)).resolves.toMatchObject({ ok: false, error: { code: 'pool_mismatch' } });
    // A file that matches its manifest but is not a packed pool, or is cut inside: corrupt.
    const junk = new TextEncoder().encode('{"not":"a pool"}');
    const m2 = manifestFor(junk, 30);
    await expect(loadPool(m2, junk)).resolves.toMatchObject({ ok: false, error: { code: 'pool_corrupt' } });
    expect(deserializePool(bytes.subarray(0, bytes.byteLength - 64))).toMatchObject({ ok: false, error: { code: 'pool_corrupt' } });
  });

  describe('contents are checked after the checksum (a valid checksum proves only the bytes)', () => {
    /** A manifest and file for a pool changed after packing, so the checksum matches the bad contents. */
    function tampered(change: (pool: ReturnType<typeof packProfiles>) => object) {
      const pool = packProfiles(profiles);
      return poolFiles({ ...pool, ...change(pool) } as ReturnType<typeof packProfiles>);
    }
    const cases: [string, (pool: ReturnType<typeof packProfiles>) => object, RegExp][] = [
      ['a pace code out of range', (p) => { const pace = p.pace.slice(); pace[4] = 7; return { pace }; }, /candidate 4 has pace code 7, outside 0–2/],
      ['a diet code out of range', (p) => { const diet = p.diet.slice(); diet[0] = 200; return { diet }; }, /candidate 0 has diet code 200/],
      ['a religion code past its table', (p) => { const religion = p.religion.slice(); religion[2] = p.religions.length; return { religion }; }, /candidate 2 has religion code/],
      ['an age below 18', (p) => { const age = p.age.slice(); age[1] = 3; return { age }; }, /candidate 1 has age 3/],
      ['interest bits past the vocabulary', (p) => { const interests = p.interests.slice(); interests[1] = 0xffffffff; return { interests }; }, /interest bits/],
      ['a budget that is not a number', (p) => { const budgetAmount = p.budgetAmount.slice(); budgetAmount[5] = Number.NaN; return { budgetAmount }; }, /candidate 5 has a budget/],
      ['a code table that is not a list', () => ({ religions: 'buddhism' }), /religions is not a list of strings/],
      ['a language table that is not a list', () => ({ langCodes: { en: 1 } }), /langCodes is not a list of strings/],
      ['a blocklist index naming a candidate that does not exist', () => ({ blockedBy: new Map([['u_x', [999]]]) }), /blocklist index/],
    ];
    for (const [what, change, message] of cases) {
      it(`refuses ${what}`, async () => {
        const { manifest, bytes } = tampered(change);
        const loaded = await loadPool(manifest, bytes);
        expect(loaded).toMatchObject({ ok: false, error: { code: 'pool_corrupt', message: expect.stringMatching(message) } });
      });
    }

    it('refuses two candidates with one id', async () => {
      const twins = [...profiles.slice(0, 10), { ...profiles[11], id: profiles[3].id }];
      const { manifest, bytes } = files(twins);
      expect(await loadPool(manifest, bytes)).toMatchObject({ ok: false, error: { code: 'pool_corrupt', message: expect.stringContaining('share the id') } });
    });

    it('a refused pool leaves the service answering "not loaded", never a crash, search after search', async () => {
      const { manifest, bytes } = tampered((p) => { const pace = p.pace.slice(); pace[0] = 9; return { pace }; });
      vi.stubGlobal('fetch', vi.fn(async (url: string) => url.endsWith('manifest.json') ? new Response(JSON.stringify(manifest)) : new Response(bytes.slice().buffer)));
      const service = new Matcher();
      expect(await service.loadPool('http://x/pool/')).toMatchObject({ ok: false, error: { code: 'pool_corrupt' } });
      for (let k = 0; k < 2; k++) expect(await service.search({ ...BASE, id: 'u_query' })).toMatchObject({ ok: false, error: { code: 'pool_not_loaded' } });
      vi.unstubAllGlobals();
    });
  });

  it('refuses an invalid manifest', async () => {
    const { manifest, bytes } = files(profiles);
    await expect(loadPool(null, bytes)).resolves.toMatchObject({ ok: false, error: { code: 'pool_manifest_invalid' } });
    await expect(loadPool({ ...manifest, schema_version: 99 }, bytes)).resolves.toMatchObject({ ok: false, error: { code: 'pool_manifest_invalid' } });
    await expect(loadPool({ ...manifest, files: { ...manifest.files, packed: { ...manifest.files.packed, path: '../../etc/passwd' } } }, bytes)).resolves.toMatchObject({ ok: false, error: { code: 'pool_manifest_invalid' } });
    await expect(loadPool({ ...manifest, files: { ...manifest.files, packed: { ...manifest.files.packed, format_version: 7 } } }, bytes)).resolves.toMatchObject({ ok: false, error: { code: 'pool_manifest_invalid' } });
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
    const service = new Matcher();
    const progress: number[] = [];
    const [a, b] = await Promise.all([service.loadPool('http://x/pool/', (p) => progress.push(p.loaded)), service.loadPool('http://x/pool/')]);
    expect(a).toEqual(b);
    expect(a.ok && a.value.count).toBe(30);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(progress.at(-1)).toBe(bytes.byteLength);
    expect((await service.search({ ...BASE, id: 'u_query' })).ok).toBe(true);
  });

  it('turns HTTP and network failures into error data, and allows a retry', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('nope', { status: 404 })));
    const service = new Matcher();
    expect(await service.loadPool('http://x/pool/')).toEqual({ ok: false, error: { code: 'pool_fetch_failed', message: 'pool manifest: HTTP 404' } });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect(await service.loadPool('http://x/pool/')).toEqual({ ok: false, error: { code: 'pool_fetch_failed', message: 'pool: Failed to fetch' } });
  });
});
