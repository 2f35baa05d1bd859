/**
 * Loading a pool shipped as static files (SPEC §2.3): `manifest.json` plus the packed `pool.bin`.
 * The bytes are checked against the manifest (size, SHA-256, count) and refused with a clear
 * error when they do not match, then their contents are checked (codes in range, ids unique).
 * Environment-neutral: the worker passes fetched bytes, the CLI passes file bytes.
 *
 * The canonical profiles the pool was packed from are not served; the manifest names them only by
 * size and SHA-256 (`source`), which is what pool embeddings name their pool by.
 */
import { type Failure, type Result, fail, failure, ok } from '../outcome';
import type { Profile } from '../profile/types';
import { sha256Hex } from '../util/sha256';
import { validateProfile } from '../profile/validate';
import type { PackedPool } from './packed';
import { PACKED_FORMAT_VERSION, deserializePool } from './packedFile';
import { deserializeTexts } from './textsFile';

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
  files: {
    packed: PoolFileEntry & { format_version: number };
    /** The embedding texts (pools of up to 100 000): a browser builds the index from them. */
    texts?: PoolFileEntry & { format_version: number; text_version: number };
  };
}

function isEntry(v: unknown): v is PoolFileEntry {
  const e = v as PoolFileEntry;
  return typeof e === 'object' && e !== null && typeof e.path === 'string' && /^[\w.-]+$/.test(e.path) &&
    Number.isInteger(e.bytes) && e.bytes >= 0 && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256);
}

export function parseManifest(json: unknown): Result<PoolManifest> {
  const m = json as PoolManifest;
  const bad = (why: string) => fail<PoolManifest>(failure('pool_manifest_invalid', { why }));
  if (typeof m !== 'object' || m === null) return bad('not a JSON object');
  if (m.schema_version !== POOL_SCHEMA_VERSION) {
    return bad(`schema_version ${String(m.schema_version)} is not supported (expected ${POOL_SCHEMA_VERSION}); regenerate the pool with npm run pool`);
  }
  if (!Number.isInteger(m.count) || m.count < 0 || m.count > 1_000_000) return bad('count must be a whole number 0–1 000 000');
  const source = m.source as Partial<PoolManifest['source']> | undefined;
  if (typeof source !== 'object' || source === null || !Number.isInteger(source.bytes) || typeof source.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(source.sha256)) {
    return bad('source must have bytes and sha256');
  }
  if (!isEntry(m.files?.packed)) return bad('files.packed must have path, bytes and sha256');
  const texts = m.files.texts;
  if (texts !== undefined && (!isEntry(texts) || !Number.isInteger(texts.format_version) || !Number.isInteger(texts.text_version))) {
    return bad('files.texts must have path, bytes, sha256, format_version and text_version');
  }
  if (m.files.packed.format_version !== PACKED_FORMAT_VERSION) {
    return bad(`packed format ${String(m.files.packed.format_version)} is not supported (expected ${PACKED_FORMAT_VERSION}); regenerate the pool with npm run pool`);
  }
  return ok(m);
}

export async function verifyPoolBytes(bytes: Uint8Array, entry: PoolFileEntry): Promise<Failure | null> {
  if (bytes.byteLength !== entry.bytes) {
    return failure('pool_mismatch', { file: entry.path, why: `${bytes.byteLength} bytes, the manifest says ${entry.bytes} (truncated or replaced?)` });
  }
  const digest = await sha256Hex(bytes);
  if (digest !== entry.sha256) return failure('pool_mismatch', { file: entry.path, why: 'checksum does not match the manifest' });
  return null;
}

export interface LoadedPool {
  pool: PackedPool;
  manifest: PoolManifest;
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
export async function loadPool(manifestJson: unknown, bytes: Uint8Array): Promise<Result<LoadedPool>> {
  const manifest = parseManifest(manifestJson);
  if (!manifest.ok) return manifest;
  const { files, count, source } = manifest.value;
  const mismatch = await verifyPoolBytes(bytes, files.packed);
  if (mismatch) return fail(mismatch);
  const pool = deserializePool(bytes);
  if (!pool.ok) return pool;
  if (pool.value.n !== count) {
    return fail(failure('pool_mismatch', { file: files.packed.path, why: `${pool.value.n} candidates, the manifest says ${count}` }));
  }
  return ok({ pool: pool.value, manifest: manifest.value, sha256: source.sha256 });
}

/** The pool's embedding texts from their file, checked against the manifest (size, SHA-256, count). */
export async function loadTexts(manifest: PoolManifest, bytes: Uint8Array): Promise<Result<string[]>> {
  const entry = manifest.files.texts;
  if (!entry) return fail(failure('pool_manifest_invalid', { why: 'this pool ships no embedding texts' }));
  const mismatch = await verifyPoolBytes(bytes, entry);
  if (mismatch) return fail(mismatch);
  return deserializeTexts(bytes, manifest.count);
}
