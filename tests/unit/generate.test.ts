import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENERATOR_VERSION, generatePool, generatePoolArray, generateProfileAt, profileId,
} from '../../scripts/pool/generate';
import { COUNTRIES } from '../../scripts/pool/data/places';
import { NAMES } from '../../scripts/pool/data/names';
import { Prng } from '../../scripts/pool/prng';
import type { Profile } from '../../src/core/profile/types';
import { validateProfile } from '../../src/core/profile/validate';
import {
  DEALBREAKERS, EUR_PER_UNIT, GENDERS, INTERESTS, budgetBand, normalizeLanguage,
} from '../../src/core/profile/vocab';
import { DEFAULT_POOL_DIR, poolDataDir, readPoolProfiles, writePool } from '../../scripts/generate-pool';
import { ensurePool, poolStaleReason } from '../../scripts/ensure-pool';
import { SERVE_DIR } from '../../scripts/make-fixtures';
import { deserializeTexts } from '../../src/core/pool/textsFile';
import { PROFILE_TEXT_VERSION, profileText } from '../../src/core/profile/text';

const jsonl = (count: number, seed: number) => {
  let out = '';
  for (const p of generatePool(count, seed)) out += `${JSON.stringify(p)}\n`;
  return out;
};
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const share = (ps: readonly Profile[], f: (p: Profile) => boolean) => ps.filter(f).length / ps.length;
/** Ids (and a note) of the profiles for which `ok` is false; one expect per test keeps it fast. */
const failing = (ps: readonly Profile[], ok: (p: Profile) => boolean) =>
  ps.filter((p) => !ok(p)).slice(0, 5).map((p) => JSON.stringify(p));

describe('prng', () => {
  it('is deterministic per (seed, stream) and differs across streams', () => {
    const seq = (seed: number, stream: number) => {
      const r = new Prng(seed, stream);
      return Array.from({ length: 8 }, () => r.u32());
    };
    expect(seq(77, 0)).toEqual(seq(77, 0));
    expect(seq(77, 0)).not.toEqual(seq(77, 1));
    expect(seq(77, 0)).not.toEqual(seq(78, 0));
  });

  it('int is inclusive, next is in [0, 1), sample is distinct, weighted follows weights', () => {
    const r = new Prng('t');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    const s = r.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(s).size).toBe(4);
    expect(r.sample([1, 2], 5)).toHaveLength(2);
    let a = 0;
    for (let i = 0; i < 10000; i++) if (r.weighted([['a', 3], ['b', 1]] as const) === 'a') a++;
    expect(a / 10000).toBeCloseTo(0.75, 1);
  });

  it('the pool code never uses Math.random', () => {
    for (const f of ['prng.ts', 'generate.ts', 'data/names.ts', 'data/places.ts']) {
      const src = readFileSync(new URL(`../../scripts/pool/${f}`, import.meta.url), 'utf8');
      expect(src).not.toMatch(/Math\.random/);
    }
  });
});

describe('determinism', () => {
  it('the same seed gives byte-identical JSONL, another seed a different one', () => {
    const a = jsonl(2000, 77);
    const b = jsonl(2000, 77);
    expect(a === b).toBe(true);
    expect(sha256(a)).toBe(sha256(b));
    const c = jsonl(2000, 78);
    expect(sha256(c)).not.toBe(sha256(a));
    expect(a.endsWith('\n')).toBe(true);
    expect(a.split('\n')).toHaveLength(2001);
  });

  it('a profile does not depend on the pool size, except its blocklist', () => {
    for (const i of [0, 5, 1234]) {
      const small = generateProfileAt(77, i, 2000);
      const large = generateProfileAt(77, i, 1_000_000);
      expect({ ...large, companion: { ...large.companion, blocklist: [] } })
        .toEqual({ ...small, companion: { ...small.companion, blocklist: [] } });
    }
  });

  it('exports a generator version and rejects bad counts', () => {
    expect(Number.isInteger(GENERATOR_VERSION)).toBe(true);
    expect(() => generatePool(0, 77).next()).toThrow(RangeError);
    expect(() => generatePool(1_000_001, 77).next()).toThrow(RangeError);
  });
});

describe('a 10 000 pool (seed 77)', () => {
  const N = 10_000;
  let pool: Profile[] = [];
  beforeAll(() => {
    pool = generatePoolArray(N, 77);
  });

  it('every profile validates and is already canonical (same values, same key order)', () => {
    let bad = 0;
    for (const p of pool) {
      const v = validateProfile(p);
      if (!v.ok) {
        bad++;
        if (bad <= 3) expect.soft(v.problems, p.id).toEqual([]);
        continue;
      }
      if (JSON.stringify(v.profile) !== JSON.stringify(p)) {
        bad++;
        if (bad <= 3) expect.soft(v.profile).toStrictEqual(p);
      }
    }
    expect(bad).toBe(0);
  });

  it('ids are c_ + 7 digits, in order, unique', () => {
    expect(pool.map((p) => p.id)).toEqual(pool.map((_, i) => profileId(i)));
    expect(new Set(pool.map((p) => p.id)).size).toBe(N);
    expect(pool[42]!.id).toBe('c_0000042');
  });

  it('age 19–62 uniform-ish, both ends reached; age range around the own age', () => {
    const ages = pool.map((p) => p.age);
    expect(Math.min(...ages)).toBe(19);
    expect(Math.max(...ages)).toBe(62);
    expect(new Set(ages).size).toBe(44);
    expect(share(pool, (p) => p.companion.age_range === null)).toBeCloseTo(0.1, 1);
    expect(failing(pool, (p) => {
      const r = p.companion.age_range;
      return r === null || (r[0] >= 18 && r[1] <= 99 && r[0] <= p.age && p.age <= r[1]
        && p.age - r[0] <= 15 && r[1] - p.age <= 15);
    })).toEqual([]);
  });

  it('gender shares .34 / .34 / .16 / .16', () => {
    expect(Math.abs(share(pool, (p) => p.gender === 'male') - 0.34)).toBeLessThan(0.02);
    expect(Math.abs(share(pool, (p) => p.gender === 'female') - 0.34)).toBeLessThan(0.02);
    expect(Math.abs(share(pool, (p) => p.gender === 'non_binary') - 0.16)).toBeLessThan(0.015);
    expect(Math.abs(share(pool, (p) => p.gender === 'other') - 0.16)).toBeLessThan(0.015);
  });

  it('languages: 1–3 valid sorted codes, en in about 70 %', () => {
    expect(Math.abs(share(pool, (p) => p.languages.includes('en')) - 0.7)).toBeLessThan(0.03);
    expect(failing(pool, (p) => p.languages.length >= 1 && p.languages.length <= 3
      && JSON.stringify(p.languages) === JSON.stringify([...new Set(p.languages)].sort())
      && p.languages.every((l) => normalizeLanguage(l) === l))).toEqual([]);
    // Everybody speaks a language of their country.
    const byName = new Map(COUNTRIES.map((c) => [c.name, c]));
    expect(failing(pool, (p) => p.languages.some((l) => byName.get(p.home_base.country)!.languages.includes(l)))).toEqual([]);
  });

  it('interests 6–10 (every count occurs), values 2–3 or missing in about 10 %', () => {
    const counts = new Set(pool.map((p) => p.interests.length));
    expect([...counts].sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
    const known = new Set<string>(INTERESTS);
    expect(failing(pool, (p) => p.interests.every((i) => known.has(i)))).toEqual([]);
    expect(Math.abs(share(pool, (p) => p.values.length === 0) - 0.1)).toBeLessThan(0.015);
    expect(failing(pool, (p) => [0, 2, 3].includes(p.values.length))).toEqual([]);
  });

  it('budget bands .30 / .45 / .25 in EUR-equivalent, amounts in known currencies', () => {
    const band = (b: string) => share(pool, (p) => budgetBand(p.budget.amount, p.budget.currency) === b);
    expect(Math.abs(band('budget') - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(band('mid') - 0.45)).toBeLessThan(0.02);
    expect(Math.abs(band('lux') - 0.25)).toBeLessThan(0.02);
    const currencies = new Set(pool.map((p) => p.budget.currency));
    for (const c of currencies) expect(EUR_PER_UNIT[c]).toBeDefined();
    expect(currencies.size).toBeGreaterThan(15);
    expect(failing(pool, (p) => {
      const eur = p.budget.amount * EUR_PER_UNIT[p.budget.currency]!;
      return p.budget.amount > 0 && p.budget.amount <= 100_000 && eur >= 24 && eur <= 452;
    })).toEqual([]);
  });

  it('pace .35 / .40 / .25, same_pace about 40 %', () => {
    expect(Math.abs(share(pool, (p) => p.travel_prefs.pace === 'relaxed') - 0.35)).toBeLessThan(0.02);
    expect(Math.abs(share(pool, (p) => p.travel_prefs.pace === 'balanced') - 0.4)).toBeLessThan(0.02);
    expect(Math.abs(share(pool, (p) => p.travel_prefs.pace === 'packed') - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(share(pool, (p) => p.companion.same_pace) - 0.4)).toBeLessThan(0.02);
  });

  it('genders_ok any about 70 %, the rest specific sets in GENDERS order', () => {
    expect(Math.abs(share(pool, (p) => p.companion.genders_ok[0] === 'any') - 0.7)).toBeLessThan(0.02);
    expect(failing(pool, (p) => {
      const g = p.companion.genders_ok;
      if (g.includes('any')) return g.length === 1;
      return g.length > 0 && JSON.stringify(g) === JSON.stringify(GENDERS.filter((x) => g.includes(x)));
    })).toEqual([]);
  });

  it('min_shared_languages 0 / 1 / 2 about .17 / .66 / .17, never more than the own languages', () => {
    for (const [n, want] of [[0, 0.17], [1, 0.66], [2, 0.17]] as const) {
      expect(Math.abs(share(pool, (p) => p.companion.min_shared_languages === n) - want)).toBeLessThan(0.02);
    }
    expect(failing(pool, (p) => p.companion.min_shared_languages <= p.languages.length)).toEqual([]);
  });

  it('faith considered about 25 %, policies a third each; open when not considered', () => {
    const considered = pool.filter((p) => p.faith.consider_in_matching);
    expect(Math.abs(considered.length / N - 0.25)).toBeLessThan(0.02);
    for (const pol of ['open', 'prefer_same', 'same_only'] as const) {
      expect(Math.abs(share(considered, (p) => p.faith.policy === pol) - 1 / 3)).toBeLessThan(0.04);
    }
    expect(failing(considered, (p) => p.faith.religion !== '')).toEqual([]);
    expect(failing(pool, (p) => p.faith.consider_in_matching || p.faith.policy === 'open')).toEqual([]);
  });

  it('dealbreakers 0–2, same_faith_required rare (about 3 %) and only with faith considered', () => {
    expect(failing(pool, (p) => {
      const d = p.companion.dealbreakers;
      return d.length <= 2 && JSON.stringify(d) === JSON.stringify(DEALBREAKERS.filter((x) => d.includes(x)));
    })).toEqual([]);
    const sfr = pool.filter((p) => p.companion.dealbreakers.includes('same_faith_required'));
    expect(Math.abs(sfr.length / N - 0.03)).toBeLessThan(0.01);
    expect(failing(sfr, (p) => p.faith.consider_in_matching)).toEqual([]);
    expect(share(pool, (p) => p.companion.dealbreakers.length > 0)).toBeGreaterThan(0.5);
  });

  it('blocklists in about 5 %: 1–3 existing ids, never self', () => {
    const withList = pool.filter((p) => p.companion.blocklist.length > 0);
    expect(Math.abs(withList.length / N - 0.05)).toBeLessThan(0.01);
    const ids = new Set(pool.map((p) => p.id));
    expect(failing(withList, (p) => {
      const b = p.companion.blocklist;
      return b.length <= 3 && new Set(b).size === b.length && !b.includes(p.id) && b.every((id) => ids.has(id));
    })).toEqual([]);
  });

  it('show_home_city false in about 10 %; remote work and other blocks are consistent', () => {
    expect(Math.abs(share(pool, (p) => !p.privacy.show_home_city) - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(share(pool, (p) => p.work.remote_work_ok) - 0.35)).toBeLessThan(0.02);
    expect(failing(pool, (p) => (p.work.remote_work_ok || p.work.hours_online_needed === 0)
      && p.work.hours_online_needed <= 6
      && p.travel_prefs.accommodation_types.length >= 1 && p.travel_prefs.accommodation_types.length <= 3
      && p.travel_prefs.transport_allowed.length >= 1 && p.travel_prefs.transport_allowed.length <= 4
      && p.travel_prefs.trip_intentions.length >= 1 && p.travel_prefs.trip_intentions.length <= 3
      && p.travel_prefs.must_haves.length <= 3
      && p.diet_health.accessibility === '')).toEqual([]);
    expect(Math.abs(share(pool, (p) => p.diet_health.diet === 'none') - 0.6)).toBeLessThan(0.02);
    expect(Math.abs(share(pool, (p) => p.comfort.smoking === 'never') - 0.7)).toBeLessThan(0.02);
  });

  it('names and cities fit the country; many countries appear', () => {
    const byName = new Map(COUNTRIES.map((c) => [c.name, c]));
    const seen = new Set<string>();
    expect(failing(pool, (p) => {
      const c = byName.get(p.home_base.country);
      if (!c) return false;
      seen.add(c.code);
      const set = NAMES[c.code]!;
      const firsts = [...set.male, ...set.female, ...set.neutral];
      const lasts = [...set.last, ...(set.lastFemale ?? [])];
      return c.cities.includes(p.home_base.city) && firsts.some((f) => lasts.some((l) => p.name === `${f} ${l}`));
    })).toEqual([]);
    expect(seen.size).toBe(COUNTRIES.length);
  });

  it('bios: short, about interests and style, never name, city, country or faith', () => {
    const FAITH = [
      'faith', 'religion', 'religious', 'christian', 'christianity', 'islam', 'muslim', 'jewish',
      'judaism', 'hindu', 'hinduism', 'buddhist', 'buddhism', 'sikh', 'sikhism', 'church', 'mosque',
      'temple', 'synagogue', 'god', 'pray', 'prayer', 'spiritual', 'spirituality',
    ];
    // Whole words only, case-insensitive: the bio split into lower-case word sequences.
    const words = (text: string) => ` ${text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean).join(' ')} `;
    const hasWord = (bioWords: string, phrase: string) => bioWords.includes(words(phrase));
    const problems: string[] = [];
    for (const p of pool) {
      const bio = p.bio;
      const bw = words(bio);
      if (bio.length < 10 || bio.length > 200) problems.push(`${p.id}: length ${bio.length}`);
      if (!p.interests.some((i) => bio.toLowerCase().includes(i))) problems.push(`${p.id}: no interest in "${bio}"`);
      if (!/relaxed|balanced|packed/.test(bio)) problems.push(`${p.id}: no pace word in "${bio}"`);
      const banned = [
        p.name, ...p.name.split(' '), p.home_base.city, p.home_base.country, String(p.age),
        p.gender.replace('_', '-'), p.gender, ...FAITH, ...(p.faith.religion ? [p.faith.religion] : []),
      ];
      for (const w of banned) if (hasWord(bw, w)) problems.push(`${p.id}: "${w}" in "${bio}"`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe('writePool / ensurePool', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'rm-pool-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes the packed pool and a manifest to the served folder, the canonical profiles outside it; the same seed gives the same bytes', () => {
    const a = tmp();
    const b = tmp();
    const m = writePool({ count: 500, seed: 77, outDir: a });
    expect(readdirSync(a).sort()).toEqual(['manifest.json', 'pool.bin', 'texts.bin']);
    const file = readFileSync(path.join(poolDataDir(a), 'profiles.jsonl'));
    const packed = readFileSync(path.join(a, 'pool.bin'));
    const texts = readFileSync(path.join(a, 'texts.bin'));
    const manifestText = readFileSync(path.join(a, 'manifest.json'), 'utf8');
    expect(manifestText.endsWith('\n')).toBe(true);
    expect(JSON.parse(manifestText)).toEqual(m);
    expect(m).toEqual({
      schema_version: 3, generator_version: GENERATOR_VERSION, seed: 77, count: 500,
      source: { bytes: file.length, sha256: sha256(file) },
      files: {
        packed: { path: 'pool.bin', bytes: packed.length, sha256: sha256(packed), format_version: 2 },
        texts: { path: 'texts.bin', bytes: texts.length, sha256: sha256(texts), format_version: 1, text_version: PROFILE_TEXT_VERSION },
      },
    });
    // The embedding texts are the candidates' profile texts, in pool order.
    const decoded = deserializeTexts(new Uint8Array(texts), 500);
    expect(decoded.ok && decoded.value).toEqual(generatePoolArray(500, 77).map(profileText));
    expect(manifestText).not.toContain('profiles.jsonl');
    expect(file.toString('utf8')).toBe(jsonl(500, 77));
    expect(readPoolProfiles(a)).toMatchObject({ count: 500, sha256: sha256(file) });
    writePool({ count: 500, seed: 77, outDir: b });
    expect(readFileSync(path.join(poolDataDir(b), 'profiles.jsonl')).equals(file)).toBe(true);
    expect(readFileSync(path.join(b, 'pool.bin')).equals(packed)).toBe(true);
    expect(readFileSync(path.join(b, 'manifest.json'), 'utf8')).toBe(manifestText);
  });

  it('keeps the data of a served pool outside every served folder', () => {
    const rel = (p: string) => path.relative(fileURLToPath(new URL('../..', import.meta.url)), p);
    expect(rel(poolDataDir(DEFAULT_POOL_DIR))).toBe(path.join('.pool-data', 'pool'));
    expect(rel(poolDataDir(path.join(DEFAULT_POOL_DIR, '..', 'perf', 'p100k')))).toBe(path.join('.pool-data', 'perf', 'p100k'));
    expect(rel(poolDataDir(path.join(SERVE_DIR, 'pool-1m')))).toBe(path.join('.fixtures', 'pool-data', 'pool-1m'));
    expect(poolDataDir('/tmp/x/pool')).toBe('/tmp/x/pool.data');
  });

  it('ensurePool regenerates only a stale pool, and moves profiles left in the served folder out of it', () => {
    const d = tmp();
    const opts = { count: 200, seed: 5, outDir: d };
    expect(poolStaleReason(opts)).not.toBeNull();
    expect(ensurePool(opts)).toBe(true);
    expect(poolStaleReason(opts)).toBeNull();
    expect(ensurePool(opts)).toBe(false);
    expect(poolStaleReason({ ...opts, seed: 6 })).toBe('seed differs');
    expect(poolStaleReason({ ...opts, count: 201 })).toBe('count differs');
    const file = path.join(poolDataDir(d), 'profiles.jsonl');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('c_0000000', 'c_0000009'));
    expect(poolStaleReason(opts)).toBe('profiles checksum differs');
    expect(() => readPoolProfiles(d)).toThrow(/does not match/);
    writeFileSync(file, good.slice(1));
    expect(poolStaleReason(opts)).toBe('profiles size differs');
    expect(ensurePool(opts)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(good);
    // The earlier layout: a copy beside pool.bin is served, so the pool is stale and the copy goes.
    writeFileSync(path.join(d, 'profiles.jsonl'), good);
    expect(poolStaleReason(opts)).toBe('the canonical profiles are in the served folder');
    expect(ensurePool(opts)).toBe(true);
    expect(existsSync(path.join(d, 'profiles.jsonl'))).toBe(false);
    writeFileSync(path.join(d, 'manifest.json'), '{not json');
    expect(poolStaleReason(opts)).toBe('manifest missing or unreadable');
  });
});
