/**
 * Precomputed pool embeddings (SPEC §4): one int8 vector per candidate with a per-vector
 * scale, in one binary file plus a manifest. Layout of the file, little-endian:
 *
 *   scales:  count × float32
 *   vectors: count × dims × int8      (vector_i ≈ scale_i × int8_i)
 *
 * The loader makes typed-array views over the fetched bytes (no copies) after checking them
 * against the manifest, and refuses embeddings made for another model, pool or text template.
 */
import { type Result, fail, failure, ok } from '../outcome';
import { sha256Hex } from '../util/sha256';

export const EMBEDDINGS_SCHEMA_VERSION = 2;

export interface EmbeddingsManifest {
  schema_version: number;
  model_id: string;
  /** The model's weights variant (e.g. q8, fp32) and pooling the vectors were made with. */
  weights: string;
  pooling: string;
  dims: number;
  dtype: 'int8';
  count: number;
  /** SHA-256 of the pool's profiles file the vectors were computed from. */
  pool_sha256: string;
  /** Version of the profile-text template, and SHA-256 of all texts joined by "\n". */
  text_version: number;
  texts_sha256: string;
  file: { path: string; bytes: number; sha256: string };
}

export interface PoolEmbeddings {
  modelId: string;
  dims: number;
  count: number;
  scales: Float32Array;
  vectors: Int8Array;
}

/** File name stem for a model id: `Xenova/bge-small-en-v1.5` → `Xenova__bge-small-en-v1.5`. */
export function embeddingsStem(modelId: string): string {
  return modelId.replace(/[^\w.-]+/g, '__');
}

/** Bytes of an embeddings file for `count` vectors of `dims` (filled by `quantiseInto`). */
export function embeddingsBytes(count: number, dims: number): Uint8Array {
  return new Uint8Array(4 * count + count * dims);
}

/** Quantise one normalised vector to int8 with its scale (max |v| ↦ 127), as vector `i` of `count` in `bytes`. */
export function quantiseInto(v: Float32Array, dims: number, bytes: Uint8Array, count: number, i: number): void {
  if (v.length !== dims) throw new Error(`vector ${i} has ${v.length} dims, expected ${dims}`);
  const scales = new Float32Array(bytes.buffer, bytes.byteOffset, count);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset + 4 * count, count * dims);
  let max = 0;
  for (let j = 0; j < dims; j++) max = Math.max(max, Math.abs(v[j]));
  const scale = max > 0 ? max / 127 : 1;
  scales[i] = scale;
  for (let j = 0; j < dims; j++) q[i * dims + j] = Math.round(v[j] / scale);
}

/** Quantise normalised vectors to int8 with one scale each (max |v| ↦ 127). */
export function encodeEmbeddings(vectors: readonly Float32Array[], dims: number): Uint8Array {
  const bytes = embeddingsBytes(vectors.length, dims);
  vectors.forEach((v, i) => quantiseInto(v, dims, bytes, vectors.length, i));
  return bytes;
}

/** What the pool's vectors were made with: the model, its weights and pooling, the pool and its texts. */
export interface EmbeddingsOrigin {
  modelId: string;
  weights: string;
  pooling: string;
  dims: number;
  poolSha256: string;
  textVersion: number;
  /** The embedded texts, in pool order (their SHA-256 goes into the manifest). */
  texts: readonly string[];
}

/**
 * The manifest of an embeddings file: one function for every writer (`npm run embeddings`, the
 * browser's indexer), so a file from either source passes the same checks (`decodeEmbeddings`).
 */
export async function embeddingsManifest(bytes: Uint8Array, origin: EmbeddingsOrigin): Promise<EmbeddingsManifest> {
  return {
    schema_version: EMBEDDINGS_SCHEMA_VERSION,
    model_id: origin.modelId,
    weights: origin.weights,
    pooling: origin.pooling,
    dims: origin.dims,
    dtype: 'int8',
    count: origin.texts.length,
    pool_sha256: origin.poolSha256,
    text_version: origin.textVersion,
    texts_sha256: await sha256Hex(new TextEncoder().encode(origin.texts.join('\n'))),
    file: { path: `${embeddingsStem(origin.modelId)}.bin`, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) },
  };
}

export interface Expected {
  modelId: string;
  /** The query's weights variant and pooling: the pool's must be the same (never mixed). */
  weights: string;
  pooling: string;
  poolSha256: string;
  count: number;
  textVersion: number;
}

/** Check the manifest and bytes against what the runtime expects, then view them in place. */
export async function decodeEmbeddings(manifestJson: unknown, bytes: Uint8Array, expected: Expected): Promise<Result<PoolEmbeddings>> {
  const m = manifestJson as EmbeddingsManifest;
  const bad = (why: string) => fail<PoolEmbeddings>(failure('embeddings_mismatch', { why: `pool embeddings: ${why}` }));
  if (typeof m !== 'object' || m === null || m.schema_version !== EMBEDDINGS_SCHEMA_VERSION) return bad('unsupported or unreadable manifest (an older format: rebuild them)');
  if (m.model_id !== expected.modelId) return bad(`made with ${String(m.model_id)}, but the runtime model is ${expected.modelId}`);
  if (m.weights !== expected.weights || m.pooling !== expected.pooling) {
    return bad(`made with ${String(m.weights)} weights and ${String(m.pooling)} pooling, but the query is embedded with ${expected.weights} weights and ${expected.pooling} pooling; they are not mixed`);
  }
  if (m.pool_sha256 !== expected.poolSha256) return bad('made for another version of the pool; rebuild them');
  if (m.text_version !== expected.textVersion) return bad('made with another profile-text template; rebuild them');
  if (m.count !== expected.count) return bad(`${String(m.count)} vectors for a pool of ${expected.count}`);
  if (m.dtype !== 'int8' || !Number.isInteger(m.dims) || m.dims < 1 || m.dims > 4096) return bad('unsupported dtype or dims');
  const size = 4 * m.count + m.count * m.dims;
  if (bytes.byteLength !== size || m.file?.bytes !== size) return bad(`file has ${bytes.byteLength} bytes, expected ${size} (truncated?)`);
  if ((await sha256Hex(bytes)) !== m.file.sha256) return bad('checksum does not match the manifest');
  // Views over the fetched buffer (the scales need 4-byte alignment: copy only if misaligned).
  const buf = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return ok({
    modelId: m.model_id,
    dims: m.dims,
    count: m.count,
    scales: new Float32Array(buf.buffer, buf.byteOffset, m.count),
    vectors: new Int8Array(buf.buffer, buf.byteOffset + 4 * m.count, m.count * m.dims),
  });
}

/**
 * Cosine similarity of the (normalised) query with each survivor, written to `out` at the
 * survivor's pool index. Allocation-free; only stage-1 survivors are scanned, with four
 * independent accumulators (about 1.5× faster than one in V8).
 */
export function scanSimilarity(emb: PoolEmbeddings, query: Float32Array, survivors: Int32Array, count: number, out: Float32Array): void {
  const { dims, vectors, scales } = emb;
  const body = dims - (dims % 4);
  for (let s = 0; s < count; s++) {
    const i = survivors[s];
    const base = i * dims;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < body; j += 4) {
      s0 += query[j] * vectors[base + j];
      s1 += query[j + 1] * vectors[base + j + 1];
      s2 += query[j + 2] * vectors[base + j + 2];
      s3 += query[j + 3] * vectors[base + j + 3];
    }
    for (let j = body; j < dims; j++) s0 += query[j] * vectors[base + j];
    out[i] = (s0 + s1 + s2 + s3) * scales[i];
  }
}
