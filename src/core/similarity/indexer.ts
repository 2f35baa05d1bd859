/**
 * Building the pool's index on the device (SPEC §4): when the pool has no usable embeddings for
 * the configured model, the candidates' embedding texts are embedded here, in batches, into the
 * same int8 file and manifest `npm run embeddings` writes — so the result passes the same checks
 * and serves like a shipped file. Parts are saved as they are done (every `partSize` candidates)
 * and a later run starts after the last saved part; the finished index is saved whole and the
 * parts dropped. Storage that refuses does not stop the indexing: the index is then used for
 * this session only (`saved: false`).
 */
import { type Result, fail, failure, ok, reasonOf } from '../outcome';
import type { Progress } from '../progress';
import type { IndexPart, IndexStore } from './indexStore';
import {
  type EmbeddingsOrigin, type PoolEmbeddings, decodeEmbeddings, embeddingsBytes, embeddingsManifest, quantiseInto,
} from './poolEmbeddings';

/**
 * An indexing's progress: candidates embedded (`loaded`) of `total`, phase `index`, with this
 * run's rate (candidates per second; 0 until the first batch is in) and the time left at it.
 */
export type IndexingProgress = Progress & { phase: 'index'; rate: number; etaMs: number | null };

/** The progress of an indexing that has not embedded anything yet. */
export const indexingStarted = (total: number): IndexingProgress => ({ file: 'index', loaded: 0, total, phase: 'index', rate: 0, etaMs: null });

export interface IndexingOptions {
  texts: readonly string[];
  origin: Omit<EmbeddingsOrigin, 'texts' | 'dims'>;
  embed: (texts: string[]) => Promise<Float32Array[]>;
  store: IndexStore;
  batchSize?: number;
  /** Candidates per saved part. */
  partSize?: number;
  onProgress?: (p: IndexingProgress) => void;
  signal?: AbortSignal;
}

export interface BuiltIndex {
  embeddings: PoolEmbeddings;
  /** The finished index is on the device (false: storage refused; used for this session only). */
  saved: boolean;
  /** Candidates taken from parts saved by an earlier run. */
  resumedFrom: number;
}

/** The parts that continue each other from candidate 0, with one vector width. */
function contiguous(parts: IndexPart[], dims: number | null): { parts: IndexPart[]; done: number; dims: number | null } {
  const out: IndexPart[] = [];
  let done = 0;
  let width = dims;
  for (const p of parts) {
    if (p.from !== done) break;
    const w = (p.bytes.byteLength - 4 * p.count) / p.count;
    if (!Number.isInteger(w) || w < 1 || (width !== null && w !== width)) break;
    width = w;
    out.push(p);
    done += p.count;
  }
  return { parts: out, done, dims: width };
}

export async function buildIndex(o: IndexingOptions): Promise<Result<BuiltIndex>> {
  const total = o.texts.length;
  const batchSize = o.batchSize ?? 16;
  const partSize = Math.max(batchSize, o.partSize ?? 256);
  let saving = true;
  const trySave = async (f: () => Promise<void>) => {
    if (!saving) return;
    try { await f(); } catch { saving = false; }
  };

  const resumed = contiguous(await o.store.loadParts().catch(() => []), null);
  let dims = resumed.dims;
  let bytes: Uint8Array | null = dims === null ? null : embeddingsBytes(total, dims);
  const place = (part: IndexPart) => {
    const n = part.count;
    const d = (part.bytes.byteLength - 4 * n) / n;
    new Uint8Array(bytes!.buffer, 4 * part.from, 4 * n).set(part.bytes.subarray(0, 4 * n));
    bytes!.set(part.bytes.subarray(4 * n), 4 * total + part.from * d);
  };
  for (const p of resumed.parts) place(p);
  let done = Math.min(resumed.done, total);
  const resumedFrom = done;

  const t0 = performance.now();
  let partFrom = done;
  let part: Float32Array[] = [];
  const flushPart = async () => {
    if (part.length === 0 || dims === null) return;
    const pb = embeddingsBytes(part.length, dims);
    part.forEach((v, i) => quantiseInto(v, dims!, pb, part.length, i));
    const saved: IndexPart = { from: partFrom, count: part.length, bytes: pb };
    place(saved);
    await trySave(() => o.store.savePart(saved));
    partFrom += part.length;
    part = [];
  };
  try {
    while (done < total) {
      if (o.signal?.aborted) return fail(failure('internal', { why: 'indexing stopped' }));
      const batch = o.texts.slice(done, Math.min(total, done + batchSize));
      const vectors = await o.embed([...batch]);
      if (vectors.length !== batch.length) throw new Error(`the model gave ${vectors.length} vectors for ${batch.length} texts`);
      if (dims === null) {
        dims = vectors[0].length;
        bytes = embeddingsBytes(total, dims);
      }
      part.push(...vectors);
      done += batch.length;
      if (part.length >= partSize || done === total) await flushPart();
      const perSecond = (done - resumedFrom) / Math.max(1e-3, (performance.now() - t0) / 1000);
      o.onProgress?.({ ...indexingStarted(total), loaded: done, rate: Math.round(perSecond * 10) / 10, etaMs: perSecond > 0 ? Math.round(((total - done) / perSecond) * 1000) : null });
    }
  } catch (e) {
    await flushPart().catch(() => undefined);
    return fail(failure('embedder_unavailable', { model: o.origin.modelId }, { detail: reasonOf(e) }));
  }
  if (bytes === null || dims === null) return fail(failure('internal', { why: 'an empty pool has no index' }));

  const manifest = await embeddingsManifest(bytes, { ...o.origin, dims, texts: o.texts });
  const decoded = await decodeEmbeddings(manifest, bytes, { ...o.origin, count: total });
  if (!decoded.ok) return decoded;
  await trySave(() => o.store.saveComplete(manifest, bytes!));
  if (saving) await o.store.clearParts().catch(() => undefined);
  return ok({ embeddings: decoded.value, saved: saving, resumedFrom });
}
