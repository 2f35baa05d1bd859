/**
 * Stage 2's semantic half (SPEC §4, §6): the pool's precomputed embeddings plus the query
 * embedder, loaded once per session (lazily, or at start with warm=1). Any failure — no pool
 * embeddings for the model, a mismatch, a model that cannot be loaded — is remembered with its
 * reason: later searches get the same notice at once (rule-only shortlist), without retrying.
 */
import type { Notice } from '../errors';
import type { Embedder, ModelDevice } from '../engines/embedder';
import type { Progress } from '../service';
import type { PoolEmbeddings } from './poolEmbeddings';
import { type SimdScanner, createSimdScanner } from './simdScan';

export interface SemanticDeps {
  modelId: string;
  device: ModelDevice;
  /** Load and check the pool's embeddings for `modelId` (or say why not). */
  loadPoolEmbeddings: () => Promise<PoolEmbeddings | Notice>;
  loadEmbedder: (onProgress?: (p: Progress) => void) => Promise<Embedder>;
  onProgress?: (p: Progress) => void;
}

export interface QueryVector {
  vector: Float32Array;
  embeddings: PoolEmbeddings;
  /** The WebAssembly SIMD scanner over these embeddings, or null (plain-JS scan). */
  scanner: SimdScanner | null;
  /** Time spent waiting for the model to load during this search (0 when it was ready). */
  loadWaitMs: number;
  embedMs: number;
}

interface Ready {
  embeddings: PoolEmbeddings;
  embedder: Embedder;
  scanner: SimdScanner | null;
}

export interface SemanticStatus {
  /** How the similarity scan runs once ready. */
  scan?: 'wasm-simd' | 'js';
  state: 'idle' | 'loading' | 'ready' | 'failed';
  modelId: string;
  device: ModelDevice;
  notice?: Notice;
  loadMs?: number;
}

export class SemanticStage {
  private ready: Promise<Ready | Notice> | null = null;
  private status_: SemanticStatus;

  constructor(private readonly deps: SemanticDeps) {
    this.status_ = { state: 'idle', modelId: deps.modelId, device: deps.device };
  }

  get status(): SemanticStatus {
    return { ...this.status_ };
  }

  /** Start loading (once); resolves when ready or failed. */
  prepare(): Promise<Ready | Notice> {
    this.ready ??= this.load();
    return this.ready;
  }

  private async load(): Promise<Ready | Notice> {
    const t0 = performance.now();
    this.status_ = { ...this.status_, state: 'loading' };
    const fail = (notice: Notice) => {
      this.status_ = { ...this.status_, state: 'failed', notice };
      return notice;
    };
    try {
      const embeddings = await this.deps.loadPoolEmbeddings();
      if ('code' in embeddings) return fail(embeddings);
      let embedder: Embedder;
      try {
        embedder = await this.deps.loadEmbedder(this.deps.onProgress);
      } catch (e) {
        return fail({ code: 'embedder_unavailable', message: `The embedding model ${this.deps.modelId} could not be loaded (${reasonOf(e)}), so the shortlist uses the rule bonus only.` });
      }
      if (embedder.dims !== embeddings.dims) {
        await embedder.dispose().catch(() => undefined);
        return fail({ code: 'embeddings_mismatch', message: `The model gives ${embedder.dims}-dim vectors but the pool's embeddings have ${embeddings.dims}; they are not mixed, so the shortlist uses the rule bonus only.` });
      }
      // One copy of the vectors, inside the SIMD scanner's memory when it can be had; the
      // fetched buffer is then released.
      const scanner = createSimdScanner(embeddings);
      this.status_ = { ...this.status_, state: 'ready', loadMs: Math.round(performance.now() - t0), notice: undefined, scan: scanner ? 'wasm-simd' : 'js' };
      return { embeddings: scanner?.embeddings ?? embeddings, embedder, scanner };
    } catch (e) {
      return fail({ code: 'embedder_unavailable', message: `Semantic similarity is unavailable (${reasonOf(e)}); the shortlist uses the rule bonus only.` });
    }
  }

  /** Embed texts with the loaded model (diagnostics and tests compare backends with it). */
  async embedTexts(texts: string[]): Promise<Float32Array[] | Notice> {
    const ready = await this.prepare();
    if ('code' in ready) return ready;
    return ready.embedder.embed(texts);
  }

  /** Embed the query text, loading on first use. A failure comes back as a notice. */
  async embedQuery(text: string): Promise<QueryVector | Notice> {
    const t0 = performance.now();
    const ready = await this.prepare();
    const loadWaitMs = performance.now() - t0;
    if ('code' in ready) return ready;
    const t1 = performance.now();
    try {
      const [vector] = await ready.embedder.embed([text]);
      return { vector, embeddings: ready.embeddings, scanner: ready.scanner, loadWaitMs, embedMs: performance.now() - t1 };
    } catch (e) {
      return { code: 'embedder_failed', message: `Embedding the profile failed (${reasonOf(e)}); this search uses the rule bonus only.` };
    }
  }
}

/** A short, single-line reason from anything thrown (Error, string, object). */
export function reasonOf(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error';
  return text.split('\n')[0].slice(0, 200);
}
