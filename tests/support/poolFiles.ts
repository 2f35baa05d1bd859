/**
 * A packed pool and its manifest as the generator writes them, for tests that serve or load a
 * pool of their own (the source entry names profiles that are not written anywhere).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { POOL_SCHEMA_VERSION, type PoolManifest } from '../../src/core/pool/load';
import { type PackedPool, packProfiles } from '../../src/core/pool/packed';
import { PACKED_FORMAT_VERSION, serializePool } from '../../src/core/pool/packedFile';
import type { Profile } from '../../src/core/profile/types';

export function manifestFor(bytes: Uint8Array, count: number): PoolManifest {
  return {
    schema_version: POOL_SCHEMA_VERSION, generator_version: 1, seed: 1, count,
    source: { bytes: 1, sha256: '0'.repeat(64) },
    files: { packed: { path: 'pool.bin', bytes: bytes.byteLength, sha256: bytesToHex(sha256(bytes)), format_version: PACKED_FORMAT_VERSION } },
  };
}

/** The files for a packed pool (or for `profiles`, packed); `count` overrides the manifest's count. */
export function poolFiles(pool: Profile[] | PackedPool, count?: number): { manifest: PoolManifest; bytes: Uint8Array } {
  const packed = Array.isArray(pool) ? packProfiles(pool) : pool;
  const bytes = serializePool(packed);
  return { manifest: manifestFor(bytes, count ?? packed.n), bytes };
}
