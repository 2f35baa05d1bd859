/**
 * Make sure public/pool holds the default pool (SPEC §2.3); run before dev, build and test.
 *
 *   tsx scripts/ensure-pool.ts            (env: POOL_COUNT, POOL_SEED override the defaults)
 *
 * Regenerates when the manifest is missing or unreadable, has another schema or generator
 * version, seed or count, or when profiles.jsonl is missing or its size or SHA-256 differs from
 * the manifest. Otherwise prints nothing and exits 0.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED, GENERATOR_VERSION, MAX_POOL_COUNT } from '../src/core/pool/generate';
import {
  DEFAULT_POOL_DIR, MANIFEST_FILE, POOL_SCHEMA_VERSION, PROFILES_FILE, isMainModule, writePool,
} from './generate-pool';
import { PACKED_FILE } from '../src/core/pool/load';

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
    m = JSON.parse(readFileSync(path.join(outDir, MANIFEST_FILE), 'utf8'));
  } catch {
    return 'manifest missing or unreadable';
  }
  if (typeof m !== 'object' || m === null) return 'manifest is not an object';
  const man = m as Record<string, unknown>;
  if (man.schema_version !== POOL_SCHEMA_VERSION) return 'schema version differs';
  if (man.generator_version !== GENERATOR_VERSION) return 'generator version differs';
  if (man.seed !== seed) return 'seed differs';
  if (man.count !== count) return 'count differs';
  const files = man.files as { profiles?: { path?: unknown; bytes?: unknown; sha256?: unknown } } | undefined;
  const entry = files?.profiles;
  if (!entry || entry.path !== PROFILES_FILE || typeof entry.bytes !== 'number' || typeof entry.sha256 !== 'string') {
    return 'manifest has no valid profiles entry';
  }
  const packed = (files as { packed?: { path?: unknown; bytes?: unknown; sha256?: unknown } }).packed;
  if (!packed || packed.path !== PACKED_FILE || typeof packed.bytes !== 'number' || typeof packed.sha256 !== 'string') {
    return 'manifest has no valid packed entry';
  }
  for (const [file, e, what] of [[PROFILES_FILE, entry, 'profiles'], [PACKED_FILE, packed, 'packed pool']] as const) {
    try {
      const full = path.join(outDir, file);
      if (statSync(full).size !== e.bytes) return `${what} size differs`;
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
