/**
 * What the production build serves (SPEC §2.3): no canonical profiles (`.jsonl`), and no private
 * field in readable form — a hidden home city only as salted digests, faith only for people who
 * opted in. Reads the `dist/` folder the suite's preview server was built from (no page needed).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DEFAULT_POOL_DIR, readPoolProfiles } from '../../scripts/generate-pool';
import { deserializePool } from '../../src/core/pool/packedFile';
import { deserializeTexts } from '../../src/core/pool/textsFile';
import { normalizeText } from '../../src/core/privacy/normalize';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

test('the build serves no canonical profiles and no private field in readable form', () => {
  const served = files(DIST);
  expect(served.some((f) => f.endsWith(`${path.sep}pool${path.sep}pool.bin`))).toBe(true);
  expect(served.filter((f) => /\.jsonl$/i.test(f))).toEqual([]);

  const bytes = new Uint8Array(readFileSync(path.join(DIST, 'pool', 'pool.bin')));
  expect(bytes).toEqual(new Uint8Array(readFileSync(path.join(DEFAULT_POOL_DIR, 'pool.bin'))));
  const packed = deserializePool(bytes);
  if (!packed.ok) throw new Error(packed.error.message);
  const pool = packed.value;
  const { profiles } = readPoolProfiles(DEFAULT_POOL_DIR);
  const hidden = profiles.map((p, i) => ({ p, i })).filter(({ p }) => !p.privacy.show_home_city && p.home_base.city !== '');
  expect(hidden.length).toBeGreaterThan(100);
  // Nobody's hidden city is tied to them in readable form: their visible city is empty, and the
  // hidden cities' tables hold 16-hex-digit digests only.
  for (const { i } of hidden) expect(pool.city.get(i)).toBe('');
  const tables = JSON.stringify(pool.hiddenCities.indexes);
  const entries = pool.hiddenCities.indexes.flatMap((t) => [...t.phrases, ...t.joined, ...t.openings, ...t.substrings.map((s) => s.split(':')[1])]);
  expect(entries.length).toBeGreaterThan(hidden.length > 0 ? 100 : 0);
  for (const e of entries) expect(e).toMatch(/^[0-9a-f]{16}$/);
  for (const city of new Set(hidden.map(({ p }) => normalizeText(p.home_base.city)))) expect(tables).not.toContain(city);
  // Faith: only the religions of people who opted in are in the file.
  const optedIn = new Set(profiles.filter((p) => p.faith.consider_in_matching).map((p) => p.faith.religion.trim().toLowerCase()));
  for (const r of pool.religions.filter(Boolean)) expect(optedIn.has(r)).toBe(true);
});

test('the served embedding texts carry no faith, e-mail, name or hidden home city', () => {
  const bytes = new Uint8Array(readFileSync(path.join(DIST, 'pool', 'texts.bin')));
  const { profiles } = readPoolProfiles(DEFAULT_POOL_DIR);
  const texts = deserializeTexts(bytes, profiles.length);
  if (!texts.ok) throw new Error(texts.error.message);
  expect(texts.value).toHaveLength(profiles.length);
  const withBio = profiles.filter((p) => p.bio.trim() !== '').length;
  expect(withBio).toBeGreaterThan(1000); // the check below reads real bios, not empty texts
  let checked = 0;
  profiles.forEach((p, i) => {
    const text = normalizeText(texts.value[i]);
    expect(text).not.toMatch(/@|＠/);
    for (const word of [p.faith.religion, p.name, p.home_base.city].map((w) => normalizeText(w)).filter((w) => w.length > 3)) {
      expect(text.includes(word), `candidate ${i}: "${word}"`).toBe(false);
      checked++;
    }
  });
  expect(checked).toBeGreaterThan(profiles.length);
});

test('the production bundles carry no test hooks, benchmarks, pool generator or test models; the test build does', () => {
  const TEST_ONLY = /injectFault|benchScan|benchRanker|worker_crash_once|fixtures\/(tiny|perf|qwen)|generatePool|syntheticEmbeddings/;
  const js = (dir: string) => files(dir).filter((f) => f.endsWith('.js'));
  const production = js(DIST).filter((f) => TEST_ONLY.test(readFileSync(f, 'utf8')));
  expect(production.map((f) => path.relative(DIST, f))).toEqual([]);
  // The same check finds them in the build made for tests (so it can fail).
  const testBuild = fileURLToPath(new URL('../../.tmp/e2e-dist', import.meta.url));
  const found = js(testBuild).filter((f) => TEST_ONLY.test(readFileSync(f, 'utf8'))).map((f) => path.basename(f).replace(/-[\w-]{8}\.js$/, ''));
  expect(found).toEqual(expect.arrayContaining(['matcher.worker']));
});

