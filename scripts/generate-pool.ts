/**
 * Generate the candidate pool (SPEC §2.3).
 *
 *   tsx scripts/generate-pool.ts [--count N] [--seed S] [--out DIR]
 *
 * Defaults: 10 000 profiles, seed 77, public/pool (in the repository). Writes what is served —
 * DIR/pool.bin (the packed pool the worker and the CLI load in place), DIR/texts.bin (the
 * candidates' scrubbed embedding texts, for pools of up to 100 000: a browser indexes the pool
 * from them) and DIR/manifest.json with their sizes and SHA-256 — and, in the pool's data folder
 * outside the site, profiles.jsonl (one
 * canonical profile per line, streamed to disk; what the Node tools read for embeddings). The
 * canonical profiles are never served (SPEC §2.3): see `poolDataDir`. Files are written under a
 * temporary name and renamed into place, the manifest last, so a reader never sees a manifest
 * for a half-written pool.
 */
import { createHash } from 'node:crypto';
import {
  closeSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync, writeSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED, GENERATOR_VERSION, MAX_POOL_COUNT, generatePool,
} from './pool/generate';

import { PACKED_FILE, POOL_SCHEMA_VERSION, type PoolManifest, parseProfilesJsonl } from '../src/core/pool/load';
import type { Profile } from '../src/core/profile/types';
import { PoolPacker, universeOf } from '../src/core/pool/packed';
import { PACKED_FORMAT_VERSION, serializePool } from '../src/core/pool/packedFile';

export { POOL_SCHEMA_VERSION };
export { MANIFEST_FILE, PROFILES_FILE } from '../src/core/pool/files';
import { MANIFEST_FILE, PROFILES_FILE, TEXTS_FILE } from '../src/core/pool/files';
import { TEXTS_FORMAT_VERSION, serializeTexts } from '../src/core/pool/textsFile';
import { PROFILE_TEXT_VERSION, profileText } from '../src/core/profile/text';

/** Pools up to this size ship their embedding texts (a browser can index them; ~60 µs a text to write). */
export const MAX_TEXTS_COUNT = 100_000;
/** The repository's pool folder, whatever the current directory. */
export const DEFAULT_POOL_DIR = fileURLToPath(new URL('../public/pool', import.meta.url));
/**
 * Folders whose contents are served, each with the private folder (git-ignored, never served)
 * that holds the data of the pools under it: public/ (dev server and build) and the fixtures'
 * overlay (dev and preview servers).
 */
const SERVED_ROOTS: [served: string, data: string][] = [
  [fileURLToPath(new URL('../public', import.meta.url)), fileURLToPath(new URL('../.pool-data', import.meta.url))],
  [fileURLToPath(new URL('../.fixtures/serve', import.meta.url)), fileURLToPath(new URL('../.fixtures/pool-data', import.meta.url))],
];

/**
 * Where a pool's canonical profiles live: never beside what is served. For a pool under a served
 * folder, the same relative path under that folder's private one (public/pool → .pool-data/pool);
 * for a pool elsewhere (a temporary folder, a pool the CLI reads), a sibling folder `<name>.data`.
 */
export function poolDataDir(outDir: string): string {
  const abs = path.resolve(outDir);
  for (const [served, data] of SERVED_ROOTS) {
    const rel = path.relative(served, abs);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return path.join(data, rel || 'root');
  }
  return path.join(path.dirname(abs), `${path.basename(abs)}.data`);
}

/** The canonical profiles of the pool served from `poolDir` (Node tools only). */
export function readPoolProfiles(poolDir: string): { profiles: Profile[]; sha256: string; count: number } {
  const manifest = JSON.parse(readFileSync(path.join(poolDir, MANIFEST_FILE), 'utf8')) as PoolManifest;
  const text = readFileSync(path.join(poolDataDir(poolDir), PROFILES_FILE), 'utf8');
  if (createHash('sha256').update(text, 'utf8').digest('hex') !== manifest.source.sha256) {
    throw new Error('the pool data does not match the served pool: regenerate the pool first');
  }
  const { profiles, invalid } = parseProfilesJsonl(text);
  if (invalid > 0) throw new Error(`${invalid} invalid pool records: regenerate the pool first`);
  return { profiles, sha256: manifest.source.sha256, count: profiles.length };
}

export interface WritePoolOptions {
  count: number;
  seed: number;
  outDir: string;
}

const CHUNK_CHARS = 1 << 20;

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/** Write `pool.bin` (packed) and `manifest.json` into `outDir`, `profiles.jsonl` (canonical) into the data folder. */
export function writePool({ count, seed, outDir }: WritePoolOptions): PoolManifest {
  if (!Number.isInteger(count) || count < 1 || count > MAX_POOL_COUNT) {
    throw new RangeError(`count must be a whole number from 1 to ${MAX_POOL_COUNT}, got ${count}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const dataDir = poolDataDir(outDir);
  mkdirSync(outDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  // An earlier layout kept the canonical profiles beside pool.bin, where they were served.
  rmSync(path.join(outDir, PROFILES_FILE), { force: true });
  const finalPath = path.join(dataDir, PROFILES_FILE);
  const tmpPath = path.join(dataDir, `.${PROFILES_FILE}.${process.pid}.tmp`);
  const hash = createHash('sha256');
  let bytes = 0;
  let packedBytes: Uint8Array = new Uint8Array(0);
  const texts: string[] | null = count <= MAX_TEXTS_COUNT ? [] : null;
  const fd = openSync(tmpPath, 'w');
  try {
    let chunk = '';
    const flush = () => {
      const buf = Buffer.from(chunk, 'utf8');
      hash.update(buf);
      writeAll(fd, buf);
      bytes += buf.length;
      chunk = '';
    };
    // Two passes over the (deterministic) generator: the codes first, then pack while writing,
    // so that even a million profiles are never all in memory at once.
    // The hidden cities' salt comes from the seed, so that one seed gives byte-identical files.
    const salt = createHash('sha256').update(`rovermitra pool salt ${seed} ${count}`).digest('hex').slice(0, 32);
    const packer = new PoolPacker(count, universeOf(generatePool(count, seed)), salt);
    for (const profile of generatePool(count, seed)) {
      packer.add(profile);
      texts?.push(profileText(profile));
      chunk += `${JSON.stringify(profile)}\n`;
      if (chunk.length >= CHUNK_CHARS) flush();
    }
    packedBytes = serializePool(packer.finish());
    if (chunk.length > 0) flush();
    closeSync(fd);
    renameSync(tmpPath, finalPath);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmpPath, { force: true });
    throw e;
  }

  const textsBytes = texts ? serializeTexts(texts) : null;
  const manifest: PoolManifest = {
    schema_version: POOL_SCHEMA_VERSION,
    generator_version: GENERATOR_VERSION,
    seed,
    count,
    source: { bytes, sha256: hash.digest('hex') },
    files: {
      packed: { path: PACKED_FILE, bytes: packedBytes.byteLength, sha256: createHash('sha256').update(packedBytes).digest('hex'), format_version: PACKED_FORMAT_VERSION },
      ...(textsBytes ? {
        texts: {
          path: TEXTS_FILE, bytes: textsBytes.byteLength, sha256: createHash('sha256').update(textsBytes).digest('hex'),
          format_version: TEXTS_FORMAT_VERSION, text_version: PROFILE_TEXT_VERSION,
        },
      } : {}),
    },
  };
  if (textsBytes) {
    const textsTmp = path.join(outDir, `.${TEXTS_FILE}.${process.pid}.tmp`);
    writeFileSync(textsTmp, textsBytes);
    renameSync(textsTmp, path.join(outDir, TEXTS_FILE));
  } else {
    rmSync(path.join(outDir, TEXTS_FILE), { force: true });
  }
  const packedTmp = path.join(outDir, `.${PACKED_FILE}.${process.pid}.tmp`);
  writeFileSync(packedTmp, packedBytes);
  renameSync(packedTmp, path.join(outDir, PACKED_FILE));
  const manifestTmp = path.join(outDir, `.${MANIFEST_FILE}.${process.pid}.tmp`);
  writeFileSync(manifestTmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(manifestTmp, path.join(outDir, MANIFEST_FILE));
  return manifest;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): WritePoolOptions {
  const opts: WritePoolOptions = { count: DEFAULT_POOL_COUNT, seed: DEFAULT_POOL_SEED, outDir: DEFAULT_POOL_DIR };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const eq = arg.indexOf('=');
    const key = eq >= 0 ? arg.slice(0, eq) : arg;
    if (key !== '--count' && key !== '--seed' && key !== '--out') throw new UsageError(`unknown argument ${arg}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${key} needs a value`);
    if (key === '--out') {
      opts.outDir = path.resolve(value);
      continue;
    }
    const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (key === '--count') {
      if (!Number.isInteger(n) || n < 1 || n > MAX_POOL_COUNT) {
        throw new UsageError(`--count must be a whole number from 1 to ${MAX_POOL_COUNT}, got ${value}`);
      }
      opts.count = n;
    } else {
      if (!Number.isSafeInteger(n)) throw new UsageError(`--seed must be a whole number, got ${value}`);
      opts.seed = n;
    }
  }
  return opts;
}

const USAGE = 'usage: tsx scripts/generate-pool.ts [--count N] [--seed S] [--out DIR]';

function main(): void {
  let opts: WritePoolOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`generate-pool: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const started = performance.now();
  try {
    const m = writePool(opts);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const rel = path.relative(process.cwd(), opts.outDir);
    const where = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? opts.outDir : rel;
    process.stderr.write(
      `pool: generated ${m.count} profiles (seed ${m.seed}) in ${where}`
      + ` — ${m.files.packed.bytes} bytes served, ${secs} s\n`,
    );
  } catch (e) {
    process.stderr.write(`generate-pool: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

/** True when `moduleUrl` is the script node was started with (not when it is imported). */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  const real = (p: string) => {
    try { return realpathSync(p); } catch { return path.resolve(p); }
  };
  const self = real(fileURLToPath(moduleUrl));
  const started = real(entry);
  return self === started || self.replace(/\.[cm]?[jt]s$/, '') === started.replace(/\.[cm]?[jt]s$/, '');
}

if (isMainModule(import.meta.url)) main();
