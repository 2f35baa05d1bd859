/**
 * Stage 2's semantic half (SPEC §4, §6): the pool's precomputed embeddings plus the query
 * embedder, loaded once per session (lazily, or at start with warm=1). Whether similarity is
 * available is decided here, once: `Similarity` is either a `SemanticStage` or `noSimilarity`
 * (models off, an imported pool); the matcher only asks it to embed the query. Any failure — no
 * pool embeddings for the model, a mismatch, a model that cannot be loaded — is remembered with
 * its notice: later searches get the same notice at once (rule-only shortlist), without retrying.
 */
import type { Embedder, ModelDevice } from '../engines/embedder';
import { type Notice, type Result, fail, notice, ok, reasonOf } from '../outcome';
import type { OnProgress } from '../progress';
import type { QuerySimilarity } from '../stages/pipeline';
import type { PoolEmbeddings } from './poolEmbeddings';
import { type SimdScanner, createSimdScanner } from './simdScan';

/** Where similarity stands in this session (the device panel shows it). */
export interface SimilarityStatus {
  /** `off`: there is none in this session (models off, an imported pool); the notice says why. */
  state: 'off' | 'idle' | 'loading' | 'ready' | 'failed';
  modelId: string | null;
  device: ModelDevice | null;
  /** How the similarity scan runs once ready. */
  scan?: 'wasm-simd' | 'js';
  notice?: Notice;
  loadMs?: number;
}

/** Stage 2's semantic half, as the matcher sees it. */
export interface Similarity {
  readonly status: SimilarityStatus;
  /** Load now (warm=1); resolves when ready or failed. */
  prepare(): Promise<void>;
  /** The query's side of the scan, or the notice saying why the shortlist is rule-only. */
  embedQuery(text: string): Promise<Result<QuerySimilarity>>;
  /** Embed texts with the session's model (test hooks compare backends with it). */
  embedTexts(texts: string[]): Promise<Result<Float32Array[]>>;
}

/** No similarity in this session, for the reason `why`. */
export function noSimilarity(why: Notice): Similarity {
  return {
    status: { state: 'off', modelId: null, device: null, notice: why },
    prepare: async () => undefined,
    embedQuery: async () => fail(why),
    embedTexts: async () => fail(why),
  };
}

export interface SemanticDeps {
  modelId: string;
  device: ModelDevice;
  /** Load and check the pool's embeddings for `modelId` (or say why not). */
  loadPoolEmbeddings: () => Promise<Result<PoolEmbeddings>>;
  loadEmbedder: (onProgress?: OnProgress) => Promise<Embedder>;
  onProgress?: OnProgress;
}

interface Ready {
  embeddings: PoolEmbeddings;
  embedder: Embedder;
  scanner: SimdScanner | null;
}

export class SemanticStage implements Similarity {
  private ready: Promise<Result<Ready>> | null = null;
  private status_: SimilarityStatus;

  constructor(private readonly deps: SemanticDeps) {
    this.status_ = { state: 'idle', modelId: deps.modelId, device: deps.device };
  }

  get status(): SimilarityStatus {
    return { ...this.status_ };
  }

  async prepare(): Promise<void> {
    await this.load();
  }

  private load(): Promise<Result<Ready>> {
    this.ready ??= this.loadOnce();
    return this.ready;
  }

  private async loadOnce(): Promise<Result<Ready>> {
    const t0 = performance.now();
    this.status_ = { ...this.status_, state: 'loading' };
    const failed = (n: Notice) => {
      this.status_ = { ...this.status_, state: 'failed', notice: n };
      return fail<Ready>(n);
    };
    try {
      const embeddings = await this.deps.loadPoolEmbeddings();
      if (!embeddings.ok) return failed(embeddings.error);
      let embedder: Embedder;
      try {
        embedder = await this.deps.loadEmbedder(this.deps.onProgress);
      } catch (e) {
        return failed(notice('embedder_unavailable', { model: this.deps.modelId }, { detail: reasonOf(e) }));
      }
      if (embedder.dims !== embeddings.value.dims) {
        await embedder.dispose().catch(() => undefined);
        return failed(notice('embeddings_mismatch', { why: `The model gives ${embedder.dims}-dim vectors but the pool's embeddings have ${embeddings.value.dims}` }));
      }
      // One copy of the vectors, inside the SIMD scanner's memory when it can be had; the
      // fetched buffer is then released.
      const scanner = createSimdScanner(embeddings.value);
      this.status_ = { ...this.status_, state: 'ready', loadMs: Math.round(performance.now() - t0), notice: undefined, scan: scanner ? 'wasm-simd' : 'js' };
      return ok({ embeddings: scanner?.embeddings ?? embeddings.value, embedder, scanner });
    } catch (e) {
      return failed(notice('embedder_unavailable', { model: this.deps.modelId }, { detail: reasonOf(e) }));
    }
  }

  async embedTexts(texts: string[]): Promise<Result<Float32Array[]>> {
    const ready = await this.load();
    if (!ready.ok) return ready;
    return ok(await ready.value.embedder.embed(texts));
  }

  async embedQuery(text: string): Promise<Result<QuerySimilarity>> {
    const t0 = performance.now();
    const ready = await this.load();
    const loadWaitMs = performance.now() - t0;
    if (!ready.ok) return ready;
    const t1 = performance.now();
    try {
      const [vector] = await ready.value.embedder.embed([text]);
      const { embeddings, scanner } = ready.value;
      return ok({ query: vector, embeddings, scanner, loadWaitMs, embedMs: performance.now() - t1, backend: this.deps.device });
    } catch (e) {
      return fail(notice('embedder_failed', undefined, { detail: reasonOf(e) }));
    }
  }
}
