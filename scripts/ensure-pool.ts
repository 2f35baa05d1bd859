/**
 * Make sure public/pool holds the default pool (SPEC §2.3); run before dev, build and test.
 *
 *   tsx scripts/ensure-pool.ts            (env: POOL_COUNT, POOL_SEED override the defaults)
 *
 * Regenerates when the manifest is missing or unreadable, has another schema or generator
 * version, seed or count, when pool.bin or the canonical profiles (in the pool's data folder) are
 * missing or differ in size or SHA-256 from the manifest, or when an earlier layout left
 * profiles.jsonl in the served folder. Otherwise prints nothing and exits 0.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED, GENERATOR_VERSION, MAX_POOL_COUNT } from './pool/generate';
import {
  DEFAULT_POOL_DIR, MANIFEST_FILE, MAX_TEXTS_COUNT, POOL_SCHEMA_VERSION, PROFILES_FILE, isMainModule, poolDataDir, writePool,
} from './generate-pool';
import { PACKED_FILE } from '../src/core/pool/load';
import { TEXTS_FILE } from '../src/core/pool/files';
import { PROFILE_TEXT_VERSION } from '../src/core/profile/text';
import { PACKED_FORMAT_VERSION } from '../src/core/pool/packedFile';

/** A manifest is a few hundred bytes. */
const MAX_MANIFEST_BYTES = 1 << 20;

export interface EnsurePoolOptions {
  count: number;
  seed: number;
  outDir: string;
}

function sha256File(file: string): string {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(n === buf.length ? buf : buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Why the pool in `outDir` is not the wanted one, or null when it is current. */
export function poolStaleReason({ count, seed, outDir }: EnsurePoolOptions): string | null {
  let m: unknown;
  try {
    // Regular files of a bounded size only: a FIFO or a device named manifest.json is never read.
    const file = path.join(outDir, MANIFEST_FILE);
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_MANIFEST_BYTES) return 'manifest missing or unreadable';
    m = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return 'manifest missing or unreadable';
  }
  if (typeof m !== 'object' || m === null) return 'manifest is not an object';
  const man = m as Record<string, unknown>;
  if (man.schema_version !== POOL_SCHEMA_VERSION) return 'schema version differs';
  if (man.generator_version !== GENERATOR_VERSION) return 'generator version differs';
  if (man.seed !== seed) return 'seed differs';
  if (man.count !== count) return 'count differs';
  if (existsSync(path.join(outDir, PROFILES_FILE))) return 'the canonical profiles are in the served folder';
  const entry = man.source as { bytes?: unknown; sha256?: unknown } | undefined;
  if (!entry || typeof entry.bytes !== 'number' || typeof entry.sha256 !== 'string') return 'manifest has no valid source entry';
  const files = man.files as { packed?: { path?: unknown; bytes?: unknown; sha256?: unknown } } | undefined;
  const packed = files?.packed as { path?: unknown; bytes?: unknown; sha256?: unknown; format_version?: unknown } | undefined;
  if (packed?.format_version !== PACKED_FORMAT_VERSION) return 'packed format differs';
  if (!packed || packed.path !== PACKED_FILE || typeof packed.bytes !== 'number' || typeof packed.sha256 !== 'string') {
    return 'manifest has no valid packed entry';
  }
  const texts = (files as { texts?: { path?: unknown; bytes?: unknown; sha256?: unknown; text_version?: unknown } } | undefined)?.texts;
  if (count <= MAX_TEXTS_COUNT && (!texts || texts.path !== TEXTS_FILE || texts.text_version !== PROFILE_TEXT_VERSION || typeof texts.bytes !== 'number' || typeof texts.sha256 !== 'string')) {
    return 'embedding texts missing or from another text version';
  }
  const sources: [string, { bytes?: unknown; sha256?: unknown }, string][] = [[path.join(poolDataDir(outDir), PROFILES_FILE), entry, 'profiles'], [path.join(outDir, PACKED_FILE), packed, 'packed pool']];
  if (texts) sources.push([path.join(outDir, TEXTS_FILE), texts, 'embedding texts']);
  for (const [full, e, what] of sources) {
    try {
      const st = statSync(full);
      if (!st.isFile()) return `${what} is not a regular file`;
      if (st.size !== e.bytes) return `${what} size differs`;
      if (sha256File(full) !== e.sha256) return `${what} checksum differs`;
    } catch {
      return `${what} missing or unreadable`;
    }
  }
  return null;
}

/** Regenerate the pool when it is stale; returns whether it did. */
export function ensurePool(opts: EnsurePoolOptions): boolean {
  if (poolStaleReason(opts) === null) return false;
  writePool(opts);
  return true;
}

function envInt(name: string, def: number, lo: number, hi: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const n = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < lo || n > hi) {
    throw new RangeError(`${name} must be a whole number from ${lo} to ${hi}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function main(): void {
  try {
    const opts: EnsurePoolOptions = {
      count: envInt('POOL_COUNT', DEFAULT_POOL_COUNT, 1, MAX_POOL_COUNT),
      seed: envInt('POOL_SEED', DEFAULT_POOL_SEED, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      outDir: DEFAULT_POOL_DIR,
    };
    if (ensurePool(opts)) {
      const where = path.relative(process.cwd(), opts.outDir) || '.';
      process.stderr.write(`pool: generated ${opts.count} profiles (seed ${opts.seed}) in ${where}\n`);
    }
  } catch (e) {
    process.stderr.write(`ensure-pool: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

if (isMainModule(import.meta.url)) main();
