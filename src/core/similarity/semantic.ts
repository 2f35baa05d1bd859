/**
 * Stage 2's semantic half (SPEC §4, §6): the pool's embeddings plus the query embedder, loaded
 * once per session (on the first search, or at start with warm=1). Whether similarity is
 * available is decided here, once: `Similarity` is either a `SemanticStage` or `noSimilarity`
 * (models off); the matcher only asks it to embed the query.
 *
 * Where the pool's embeddings come from, in order: the pool's own file (shipped with the site,
 * `npm run embeddings`), an index this device built earlier, or — when the pool has none for the
 * model and ships its embedding texts — an index built now, in the background (indexer.ts),
 * while searches stay rule-only with a notice that says how far it is; the search after it is
 * complete uses it. A failure — a mismatch, a model that cannot be loaded — is remembered with its
 * notice: later searches get the same notice at once (rule-only shortlist), without retrying.
 */
import type { Embedder, ModelDevice } from '../engines/embedder';
import { type Notice, type ParamsOf, type Result, fail, notice, ok, reasonOf } from '../outcome';
import type { OnProgress } from '../progress';
import type { QuerySimilarity } from '../stages/pipeline';
import { type BuiltIndex, type IndexingProgress, buildIndex, indexingStarted } from './indexer';
import type { IndexStore } from './indexStore';
import { type PoolEmbeddings, decodeEmbeddings } from './poolEmbeddings';
import { type SimdScanner, createSimdScanner } from './simdScan';

/** Why a session has no similarity at all (its `similarity_off` notice says it in words). */
export type SimilarityOff = ParamsOf<'similarity_off'>['why'];

/** Where similarity stands in this session (the device panel shows it). */
export interface SimilarityStatus {
  /** `off`: there is none in this session (models off); `off` and the notice say why. */
  state: 'off' | 'idle' | 'loading' | 'indexing' | 'ready' | 'failed';
  /** With state `off`: why there is none. */
  off?: SimilarityOff;
  modelId: string | null;
  device: ModelDevice | null;
  /** How the similarity scan runs once ready. */
  scan?: 'wasm-simd' | 'js';
  /** Where the pool's vectors came from. */
  source?: 'file' | 'device' | 'indexed';
  /** While the pool is being indexed on this device. */
  indexing?: IndexingProgress;
  notice?: Notice;
  loadMs?: number;
}

/** Stage 2's semantic half, as the matcher sees it. */
export interface Similarity {
  readonly status: SimilarityStatus;
  /** Load now (warm=1): the model and the pool's vectors, or start indexing; resolves when that is under way. */
  prepare(): Promise<void>;
  /** The query's side of the scan, or the notice saying why the shortlist is rule-only. */
  embedQuery(text: string): Promise<Result<QuerySimilarity>>;
  /** Embed texts with the session's model (test hooks compare backends with it). */
  embedTexts(texts: string[]): Promise<Result<Float32Array[]>>;
}

/** No similarity in this session, for the reason `why` (with its `similarity_off` notice). */
export function noSimilarity(why: SimilarityOff): Similarity {
  const off = notice('similarity_off', { why });
  return {
    status: { state: 'off', off: why, modelId: null, device: null, notice: off },
    prepare: async () => undefined,
    embedQuery: async () => fail(off),
    embedTexts: async () => fail(off),
  };
}

/** What it takes to index the pool on this device. */
export interface Indexing {
  /** The candidates' embedding texts, in pool order (or why there are none). */
  texts: () => Promise<Result<string[]>>;
  /** Where the index is kept (null: nowhere; it is built for this session only). */
  store: IndexStore | null;
  /** The index's identity: the pool and the model's weights, pooling and text template. */
  poolSha256: string;
  weights: string;
  pooling: string;
  textVersion: number;
  batchSize?: number;
}

export interface SemanticDeps {
  modelId: string;
  device: ModelDevice;
  /** Load and check the pool's embeddings for `modelId` (or say why not). */
  loadPoolEmbeddings: () => Promise<Result<PoolEmbeddings>>;
  loadEmbedder: (onProgress?: OnProgress) => Promise<Embedder>;
  onProgress?: OnProgress;
  /** When the pool has no embeddings for the model: how to index it here (absent: rule-only). */
  indexing?: Indexing;
}

interface Ready {
  embeddings: PoolEmbeddings;
  embedder: Embedder;
  scanner: SimdScanner | null;
  /** Shown with every semantic search (e.g. an index that could not be saved). */
  notice?: Notice;
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading'; done: Promise<void> }
  | { kind: 'indexing'; progress: IndexingProgress }
  | { kind: 'ready'; ready: Ready }
  | { kind: 'failed'; notice: Notice };

/** The notice of a search while the index is being built. */
export function indexingNotice(p: IndexingProgress | null): Notice {
  return notice('index_building', p ? { done: p.loaded, total: p.total, perSecond: p.rate, etaMs: p.etaMs } : { done: 0, total: 0, perSecond: 0, etaMs: null });
}

export class SemanticStage implements Similarity {
  private state: State = { kind: 'idle' };
  private status_: SimilarityStatus;

  constructor(private readonly deps: SemanticDeps) {
    this.status_ = { state: 'idle', modelId: deps.modelId, device: deps.device };
  }

  get status(): SimilarityStatus {
    return { ...this.status_ };
  }

  private set(patch: Partial<SimilarityStatus>): void {
    this.status_ = { ...this.status_, ...patch };
  }

  async prepare(): Promise<void> {
    if (this.state.kind === 'idle') {
      const done = this.load();
      this.state = { kind: 'loading', done };
    }
    if (this.state.kind === 'loading') await this.state.done;
  }

  private fail(n: Notice): void {
    const wasIndexing = this.state.kind === 'indexing';
    this.state = { kind: 'failed', notice: n };
    this.set({ state: 'failed', notice: n, indexing: undefined });
    // An indexing in the background has ended without an index: its last progress report ("0 of
    // 0") tells the page, which otherwise would show it as running until the next search.
    if (wasIndexing) this.deps.onProgress?.({ file: `index:${this.deps.modelId}`, loaded: 0, total: 0, phase: 'index' });
  }

  private ready(r: Omit<Ready, 'scanner'>, source: SimilarityStatus['source'], t0: number): void {
    // One copy of the vectors, inside the SIMD scanner's memory when it can be had; the
    // fetched buffer is then released.
    const scanner = createSimdScanner(r.embeddings);
    this.state = { kind: 'ready', ready: { ...r, embeddings: scanner?.embeddings ?? r.embeddings, scanner } };
    this.set({ state: 'ready', source, loadMs: Math.round(performance.now() - t0), notice: r.notice, indexing: undefined, scan: scanner ? 'wasm-simd' : 'js' });
  }

  private async loadEmbedder(): Promise<Embedder | null> {
    try {
      return await this.deps.loadEmbedder(this.deps.onProgress);
    } catch (e) {
      this.fail(notice('embedder_unavailable', { model: this.deps.modelId }, { detail: reasonOf(e) }));
      return null;
    }
  }

  /** The pool's vectors and the model, or the start of an indexing (which then goes on by itself). */
  private async load(): Promise<void> {
    const t0 = performance.now();
    this.set({ state: 'loading' });
    try {
      const served = await this.deps.loadPoolEmbeddings();
      if (!served.ok && served.error.code === 'embeddings_missing' && this.deps.indexing) {
        return await this.fromDevice(this.deps.indexing, served.error, t0);
      }
      if (!served.ok) return this.fail(served.error);
      const embedder = await this.loadEmbedder();
      if (!embedder) return;
      if (!(await this.fits(embedder, served.value.dims))) return;
      this.ready({ embeddings: served.value, embedder }, 'file', t0);
    } catch (e) {
      this.fail(notice('embedder_unavailable', { model: this.deps.modelId }, { detail: reasonOf(e) }));
    }
  }

  private async fits(embedder: Embedder, dims: number): Promise<boolean> {
    if (embedder.dims === dims) return true;
    await embedder.dispose().catch(() => undefined);
    this.fail(notice('embeddings_mismatch', { why: `The model gives ${embedder.dims}-dim vectors but the pool's embeddings have ${dims}` }));
    return false;
  }

  /** The index this device built earlier, or a new indexing started in the background. */
  private async fromDevice(ix: Indexing, missing: Notice, t0: number): Promise<void> {
    const expected = { modelId: this.deps.modelId, weights: ix.weights, pooling: ix.pooling, poolSha256: ix.poolSha256, textVersion: ix.textVersion };
    const saved = await ix.store?.loadComplete().catch(() => null);
    if (saved) {
      const decoded = await decodeEmbeddings(saved.manifest, saved.bytes, { ...expected, count: (saved.manifest as { count?: number }).count ?? -1 });
      if (decoded.ok) {
        const embedder = await this.loadEmbedder();
        if (embedder && (await this.fits(embedder, decoded.value.dims))) this.ready({ embeddings: decoded.value, embedder }, 'device', t0);
        return;
      }
    }
    const texts = await ix.texts();
    if (!texts.ok) return this.fail(missing);
    // Searches go on rule-only from here; the model loads and the indexing runs in the background.
    this.state = { kind: 'indexing', progress: indexingStarted(texts.value.length) };
    this.set({ state: 'indexing', indexing: this.state.progress });
    void this.index(ix, texts.value, expected, t0);
  }

  private async index(ix: Indexing, texts: string[], origin: { modelId: string; weights: string; pooling: string; poolSha256: string; textVersion: number }, t0: number): Promise<void> {
    const embedder = await this.loadEmbedder();
    if (!embedder) return;
    const built: Result<BuiltIndex> = await buildIndex({
      texts,
      origin,
      embed: (batch) => embedder.embed(batch),
      store: ix.store ?? noStore(),
      batchSize: ix.batchSize,
      onProgress: (p) => {
        this.state = { kind: 'indexing', progress: p };
        this.set({ indexing: p });
        this.deps.onProgress?.({ ...p, file: `index:${this.deps.modelId}` });
      },
    });
    if (!built.ok) {
      await embedder.dispose().catch(() => undefined);
      return this.fail(built.error);
    }
    if (!(await this.fits(embedder, built.value.embeddings.dims))) return;
    const unsaved = built.value.saved && ix.store ? undefined : notice('index_not_saved');
    this.ready({ embeddings: built.value.embeddings, embedder, notice: unsaved }, 'indexed', t0);
  }

  async embedTexts(texts: string[]): Promise<Result<Float32Array[]>> {
    await this.prepare();
    const s = this.state;
    if (s.kind === 'ready') return ok(await s.ready.embedder.embed(texts));
    return fail(s.kind === 'failed' ? s.notice : indexingNotice(s.kind === 'indexing' ? s.progress : null));
  }

  async embedQuery(text: string): Promise<Result<QuerySimilarity>> {
    const t0 = performance.now();
    await this.prepare();
    const loadWaitMs = performance.now() - t0;
    const s = this.state;
    if (s.kind === 'failed') return fail(s.notice);
    if (s.kind !== 'ready') return fail(indexingNotice(s.kind === 'indexing' ? s.progress : null));
    const t1 = performance.now();
    try {
      const [vector] = await s.ready.embedder.embed([text]);
      const { embeddings, scanner } = s.ready;
      return ok({ query: vector, embeddings, scanner, loadWaitMs, embedMs: performance.now() - t1, backend: this.deps.device, notice: s.ready.notice });
    } catch (e) {
      return fail(notice('embedder_failed', undefined, { detail: reasonOf(e) }));
    }
  }
}

/** A store that keeps nothing (no storage on this device): the index lives for this session. */
function noStore(): IndexStore {
  const refuse = async () => { throw new Error('no storage on this device'); };
  return { loadComplete: async () => null, saveComplete: refuse, loadParts: async () => [], savePart: refuse, clearParts: async () => undefined };
}

