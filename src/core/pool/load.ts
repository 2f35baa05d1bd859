/**
 * Loading a pool shipped as static files (SPEC §2.3): `manifest.json` plus the packed `pool.bin`.
 * The bytes are checked against the manifest (size, SHA-256, count) and refused with a clear
 * error when they do not match, then their contents are checked (codes in range, ids unique).
 * Environment-neutral: the worker passes fetched bytes, the CLI passes file bytes.
 *
 * The canonical profiles the pool was packed from are not served; the manifest names them only by
 * size and SHA-256 (`source`), which is what pool embeddings name their pool by.
 */
import { type MatchError, matchError } from '../errors';
import type { Profile } from '../profile/types';
import { sha256Hex } from '../util/sha256';
import { validateProfile } from '../profile/validate';
import type { PackedPool } from './packed';
import { PACKED_FORMAT_VERSION, deserializePool } from './packedFile';

export const POOL_SCHEMA_VERSION = 3;
export { PACKED_FILE } from './files';

export interface PoolFileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface PoolManifest {
  schema_version: number;
  generator_version?: number;
  seed?: number | string;
  count: number;
  /** The canonical profiles (kept outside the site): their size and SHA-256 name the pool. */
  source: { bytes: number; sha256: string };
  files: { packed: PoolFileEntry & { format_version: number } };
}

function isEntry(v: unknown): v is PoolFileEntry {
  const e = v as PoolFileEntry;
  return typeof e === 'object' && e !== null && typeof e.path === 'string' && /^[\w.-]+$/.test(e.path) &&
    Number.isInteger(e.bytes) && e.bytes >= 0 && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256);
}

export function parseManifest(json: unknown): PoolManifest | MatchError {
  const m = json as PoolManifest;
  if (typeof m !== 'object' || m === null) return matchError('pool_manifest_invalid', 'pool manifest: not a JSON object');
  if (m.schema_version !== POOL_SCHEMA_VERSION) {
    return matchError('pool_manifest_invalid', `pool manifest: schema_version ${String(m.schema_version)} is not supported (expected ${POOL_SCHEMA_VERSION}); regenerate the pool with npm run pool`);
  }
  if (!Number.isInteger(m.count) || m.count < 0 || m.count > 1_000_000) return matchError('pool_manifest_invalid', 'pool manifest: count must be a whole number 0–1 000 000');
  const source = m.source as Partial<PoolManifest['source']> | undefined;
  if (typeof source !== 'object' || source === null || !Number.isInteger(source.bytes) || typeof source.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(source.sha256)) {
    return matchError('pool_manifest_invalid', 'pool manifest: source must have bytes and sha256');
  }
  if (!isEntry(m.files?.packed)) return matchError('pool_manifest_invalid', 'pool manifest: files.packed must have path, bytes and sha256');
  if (m.files.packed.format_version !== PACKED_FORMAT_VERSION) {
    return matchError('pool_manifest_invalid', `pool manifest: packed format ${String(m.files.packed.format_version)} is not supported (expected ${PACKED_FORMAT_VERSION}); regenerate the pool with npm run pool`);
  }
  return m;
}

export async function verifyPoolBytes(bytes: Uint8Array, entry: PoolFileEntry): Promise<MatchError | null> {
  if (bytes.byteLength !== entry.bytes) {
    return matchError('pool_mismatch', `pool file ${entry.path}: ${bytes.byteLength} bytes, the manifest says ${entry.bytes} (truncated or replaced?)`);
  }
  const digest = await sha256Hex(bytes);
  if (digest !== entry.sha256) return matchError('pool_mismatch', `pool file ${entry.path}: checksum does not match the manifest`);
  return null;
}

export interface LoadedPool {
  pool: PackedPool;
  /** SHA-256 of the canonical profiles: pool embeddings name the pool they were made for. */
  sha256: string;
}

/** Parse JSON lines into validated profiles; invalid lines are counted, not fatal. */
export function parseProfilesJsonl(text: string): { profiles: Profile[]; invalid: number; firstProblem?: string } {
  const profiles: Profile[] = [];
  const seen = new Set<string>();
  let invalid = 0;
  let firstProblem: string | undefined;
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    lineNo++;
    if (line === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      invalid++;
      firstProblem ??= `line ${lineNo}: not valid JSON`;
      continue;
    }
    const v = validateProfile(parsed);
    if (!v.ok || seen.has(v.profile.id) || v.profile.id === 'u_query') {
      invalid++;
      firstProblem ??= `line ${lineNo}: ${v.ok ? 'duplicate or reserved id' : v.problems[0].message}`;
      continue;
    }
    seen.add(v.profile.id);
    profiles.push(v.profile);
  }
  return { profiles, invalid, firstProblem };
}


/** Check the packed file against the manifest, then view it in place. */
export async function loadPool(manifestJson: unknown, bytes: Uint8Array): Promise<LoadedPool | MatchError> {
  const manifest = parseManifest(manifestJson);
  if ('code' in manifest) return manifest;
  const mismatch = await verifyPoolBytes(bytes, manifest.files.packed);
  if (mismatch) return mismatch;
  const pool = deserializePool(bytes);
  if ('code' in pool) return pool;
  if (pool.n !== manifest.count) {
    return matchError('pool_mismatch', `pool file ${manifest.files.packed.path}: ${pool.n} candidates, the manifest says ${manifest.count}`);
  }
  return { pool, sha256: manifest.source.sha256 };
}
