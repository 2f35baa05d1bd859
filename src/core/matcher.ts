/**
 * The matcher (SPEC §1): the one orchestrator of a search, used alike by the worker, the CLI and
 * the tests. It holds the pool, stage 2's similarity and stage 3's chain of rankers, and runs
 *
 *   validate → embed the query → stages 1–3 over the pool (stages/pipeline.ts) → answer
 *                                                      └→ ranking chain (rank/chain.ts) → events
 *
 * `search` answers with the heuristic's result at once. When model links will run, the answer is
 * `partial` and the chain goes on in the background; `follow(searchId, onEvent)` then delivers
 * its events (`waiting`, `ranked`, one `final`) — the ones already past first, in order. A caller
 * follows only once it has the answer, so no event can overtake it. A new search aborts the
 * previous one's chain (its `follow` ends without a `final`).
 */
import { type Notice, type Result, fail, failure, notice, ok, toFailure } from './outcome';
import { MANIFEST_FILE, PACKED_FILE } from './pool/files';
import { type LoadedPool, loadPool, loadTexts } from './pool/load';
import { type PackedPool, poolMemoryBytes } from './pool/packed';
import type { OnProgress } from './progress';
import { profileText } from './profile/text';
import { type ChainOutcome, type ChainPlan, planChain, runChain } from './rank/chain';
import { heuristicRanker } from './rank/heuristic';
import type { RankOptions, Ranker } from './rank/ranker';
import { STAGES, type SearchAnswer, type SearchEvent, type SearchResult, type StageName } from './result';
import { type Similarity, type SimilarityOff, noSimilarity } from './similarity/semantic';
import { type StageOptions, type StagesRun, checkStageOptions, runStages, withRanking } from './stages/pipeline';
import { validateQuery } from './stages/validate';
import { fetchBytes } from './util/fetchBytes';
import { declaredBytes, loadPair } from './util/savedPair';

export interface PoolInfo {
  count: number;
  /** Bytes downloaded (the packed pool file). */
  bytes: number;
  /** Bytes the loaded pool holds (columns, strings, scratch; not the embeddings). */
  memory_bytes: number;
  /** One-time pool load: download, checksum, validation and packing. */
  load_ms: number;
  /** Set when the pool came from the device, not the server (offline, or the server's pair was broken). */
  saved?: Notice;
}

export interface SearchOptions {
  /** How many matches to return, 1–10 (default 5). */
  top?: number;
  /** `heuristic`: no model engine for this search. */
  engine?: 'auto' | 'heuristic';
  /**
   * Also return the stage-1 ids (sorted) and the shortlist ids (in order) — left out, with the
   * notice `ids_withheld`, when faith took part in the search (stages/pipeline.ts).
   */
  withIds?: boolean;
}

/** A loaded pool, as stage 2's semantic half is built for it. */
export interface PoolIdentity {
  /** Where its files are (its embeddings, when it ships them); null for a pool made on this device. */
  baseUrl: string | null;
  sha256: string;
  count: number;
  /** The candidates' embedding texts (for indexing on this device), or why there are none. */
  texts: () => Promise<Result<string[]>>;
}

export interface MatcherDeps {
  /** Stage 2's semantic half for a loaded pool (default: none, with the `not_ready` notice). */
  similarity?: (pool: PoolIdentity) => Similarity;
  /** Stage 3's model links, in chain order (the heuristic is always added last). */
  rankers?: Ranker[];
  /** Stage 3's size: how many candidates it takes (default 10) and the models' options. */
  ranking?: { stageInput?: number; options?: RankOptions };
  /** Each stage's start and end (performance.now()): the worker records them as measures. */
  onStage?: (stage: StageName, start: number, end: number) => void;
  /** Downloads of the model engines. */
  onProgress?: OnProgress;
}

/** Why a session has no similarity, in a few words. */
const OFF_WHY: Record<SimilarityOff, string> = { models_off: 'models off', not_ready: 'not ready yet', imported: 'imported pool', no_model: 'no embedding model', declined: 'model download declined' };

/**
 * Why the shortlist had no similarity, in a few words: the session's reason for having none
 * (`off`), or the code of the notice that says why it was not available for this search.
 */
function noSimilarityWhy(off: SimilarityOff | undefined, n: Notice): string | null {
  if (off) return OFF_WHY[off];
  switch (n.code) {
    case 'index_building': return 'search index still building';
    case 'embedder_unavailable': return 'embedding model did not load';
    case 'embedder_failed': return 'embedding the profile failed';
    case 'embeddings_missing': return 'no pool embeddings for this model';
    case 'embeddings_unavailable': return 'pool embeddings did not load';
    case 'embeddings_mismatch': return 'pool embeddings do not match';
    default: return null;
  }
}

/**
 * Every stage that did not run is listed in `skipped_stages`, with its reason and a timing of 0
 * (the few microseconds it took to find nothing to do stay in `total`): `embed` without
 * similarity, and the stages after the hard filters when no candidate passed them.
 */
function markSkipped(result: SearchResult, noSimWhy: string | null): void {
  const reasons: Partial<Record<StageName, string>> = {};
  if (result.similarity === null) reasons.embed = `no similarity${noSimWhy ? ` (${noSimWhy})` : ''}: rule-only shortlist`;
  if (result.funnel.hard === 0) reasons.shortlist = 'no candidates passed the hard filters';
  if (result.funnel.ranked === 0) reasons.rank = reasons.explain = 'no candidates to rank';
  const skipped = (Object.keys(reasons) as StageName[]);
  result.skipped_stages = STAGES.filter((s) => skipped.includes(s) || result.skipped_stages.includes(s));
  for (const s of result.skipped_stages) {
    if (s !== 'total' && s !== 'validate') result.timings_ms[s] = 0;
    reasons[s] ??= 'did not run';
  }
  result.skipped_reasons = reasons;
}

/** The events of one search's chain, kept until they are followed (replayed in order). */
class RankingRun {
  private readonly events: SearchEvent[] = [];
  private readonly listeners = new Set<(e: SearchEvent) => void>();
  private ended = false;
  private readonly endWaiters: (() => void)[] = [];
  readonly controller = new AbortController();
  /** The final result (null: aborted by a newer search). */
  readonly settled: Promise<SearchResult | null>;
  private settle!: (r: SearchResult | null) => void;

  constructor(readonly searchId: number) {
    this.settled = new Promise((resolve) => { this.settle = resolve; });
  }

  push(e: SearchEvent): void {
    if (this.ended) return;
    this.events.push(e);
    for (const l of this.listeners) l(e);
    if (e.kind === 'final') this.end(e.result);
  }

  end(result: SearchResult | null): void {
    if (this.ended) return;
    this.ended = true;
    this.listeners.clear();
    this.settle(result);
    for (const w of this.endWaiters.splice(0)) w();
  }

  abort(): void {
    this.controller.abort();
    this.end(null);
  }

  /** Deliver the events so far, then the rest as they come; resolves at the end. */
  follow(onEvent: (e: SearchEvent) => void): Promise<void> {
    for (const e of this.events) onEvent(e);
    if (this.ended) return Promise.resolve();
    this.listeners.add(onEvent);
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }
}

/** A pool fetched from a folder, with its similarity (kept: switching back to it loses nothing). */
interface FetchedPool {
  pool: PackedPool;
  similarity: Similarity;
  info: PoolInfo;
}

export class Matcher {
  private pool: PackedPool | null = null;
  private readonly fetched = new Map<string, Promise<Result<FetchedPool>>>();
  private similarity_: Similarity = noSimilarity('not_ready');
  private searchSeq = 0;
  private run: RankingRun | null = null;

  constructor(private readonly deps: MatcherDeps = {}) {}

  /**
   * Load the pool from `<baseUrl>manifest.json` + `pool.bin` (once per folder; a failed load may be
   * retried) and search it from now on.
   */
  async loadPool(baseUrl: string, onProgress?: OnProgress): Promise<Result<PoolInfo>> {
    let fetching = this.fetched.get(baseUrl);
    if (!fetching) {
      fetching = this.fetchPool(baseUrl, onProgress);
      this.fetched.set(baseUrl, fetching);
    }
    const got = await fetching;
    if (!got.ok) {
      if (this.fetched.get(baseUrl) === fetching) this.fetched.delete(baseUrl);
      return got;
    }
    this.activate(got.value.pool, got.value.similarity);
    return ok(got.value.info);
  }

  private activate(pool: PackedPool, similarity: Similarity): void {
    this.run?.abort();
    this.run = null;
    this.pool = pool;
    this.similarity_ = similarity;
  }

  private async fetchPool(baseUrl: string, onProgress?: OnProgress): Promise<Result<FetchedPool>> {
    const t0 = performance.now();
    try {
      // The manifest and pool.bin are one unit: fetched together, saved together (savedPair.ts).
      const got = await loadPair<LoadedPool>({
        name: `pool:${baseUrl}`,
        manifestUrl: `${baseUrl}${MANIFEST_FILE}`,
        label: 'pool manifest',
        dataUrl: (m) => {
          const path = (m as { files?: { packed?: { path?: unknown } } } | null)?.files?.packed?.path;
          return typeof path === 'string' && /^[\w.-]+$/.test(path) ? ok(`${baseUrl}${path}`) : fail(failure('pool_manifest_invalid', { why: 'files.packed must have path, bytes and sha256' }));
        },
        dataFile: () => PACKED_FILE,
        dataBytes: (m) => declaredBytes((m as { files?: { packed?: { bytes?: unknown } } } | null)?.files?.packed?.bytes),
        check: (m, bytes) => loadPool(m, bytes),
        onProgress,
      });
      if (!got.ok) return fail(got.error);
      const { pool, sha256, manifest } = got.value;
      const textsEntry = manifest.files.texts;
      const texts = async (): Promise<Result<string[]>> => {
        if (!textsEntry) return fail(failure('pool_manifest_invalid', { why: 'this pool ships no embedding texts' }));
        try {
          return await loadTexts(manifest, await fetchBytes(`${baseUrl}${textsEntry.path}`, textsEntry.path, undefined, undefined, textsEntry.bytes));
        } catch (e) {
          return fail(toFailure(e, 'pool_fetch_failed'));
        }
      };
      const similarity = this.deps.similarity?.({ baseUrl, sha256, count: pool.n, texts }) ?? this.similarity_;
      const info: PoolInfo = { count: pool.n, bytes: got.bytes, memory_bytes: poolMemoryBytes(pool), load_ms: Math.round(performance.now() - t0) };
      if (got.saved) info.saved = notice('pool_saved', undefined, { detail: `${got.why.code}: ${got.why.message}` });
      return ok({ pool, similarity, info });
    } catch (e) {
      return fail(toFailure(e, 'pool_fetch_failed'));
    }
  }

  /**
   * Use an already packed pool (the CLI, an import, tests) from now on: with its similarity, or
   * the one the `similarity` dependency builds for `identity` (an imported pool, indexed on this
   * device).
   */
  usePool(pool: PackedPool, similarity?: Similarity | PoolIdentity): void {
    const built = similarity && 'texts' in similarity
      ? (this.deps.similarity?.(similarity) ?? noSimilarity('imported'))
      : similarity;
    this.activate(pool, built ?? this.similarity_);
  }

  get similarity(): Similarity {
    return this.similarity_;
  }

  /** The loaded pool's size and memory, or null before it is loaded. */
  poolMemory(): { count: number; memory_bytes: number } | null {
    return this.pool ? { count: this.pool.n, memory_bytes: poolMemoryBytes(this.pool) } : null;
  }

  /** Validate, embed, run the stages: the heuristic's answer, final at once when no model link will run. */
  async search(input: unknown, options: SearchOptions = {}): Promise<Result<SearchAnswer>> {
    this.run?.abort();
    this.run = null;
    const searchId = ++this.searchSeq;
    const pool = this.pool;
    if (!pool) return fail(failure('pool_not_loaded'));
    try {
      const t0 = performance.now();
      const validated = validateQuery(input);
      const validateMs = performance.now() - t0;
      this.deps.onStage?.('validate', t0, t0 + validateMs);
      if (!validated.ok) return validated;
      if (options.engine !== undefined && options.engine !== 'auto' && options.engine !== 'heuristic') {
        return fail(failure('invalid_options', { why: 'engine: must be auto or heuristic' }));
      }
      const stageOptions: StageOptions = {
        top: options.top, withIds: options.withIds, onStage: this.deps.onStage, validateMs, startedAt: t0,
        stageInput: this.deps.ranking?.stageInput, rankOptions: this.deps.ranking?.options,
      };
      const invalid = checkStageOptions(stageOptions);
      if (invalid) return fail(invalid);

      const sim = this.similarity_;
      const similarity = await sim.embedQuery(profileText(validated.profile));
      if (searchId !== this.searchSeq) return fail(failure('internal', { why: 'a newer search started' }));
      if (similarity.ok) {
        stageOptions.similarity = similarity.value;
        const end = performance.now();
        this.deps.onStage?.('embed', end - similarity.value.embedMs, end);
      } else {
        stageOptions.simUnavailable = similarity.error;
      }
      const stages = runStages(pool, validated.profile, stageOptions);
      // Embedded but without similarity: the pool's embeddings did not fit the query.
      markSkipped(stages.result, similarity.ok ? 'pool embeddings do not match' : noSimilarityWhy(sim.status.off, similarity.error));
      const models = options.engine === 'heuristic' ? [] : (this.deps.rankers ?? []);
      const plan = planChain(models, heuristicRanker(stages.heuristic));
      const { result } = stages;
      if (models.length === 0 || stages.job.candidates.length === 0) return ok({ searchId, result });
      if (plan.links.length === 1) {
        // Every model link is set aside: the heuristic's answer is the chain's, final now.
        result.ranking = { stats: null, chain: [...plan.skipped, { engine: 'heuristic', model: null, status: 'used', reason: 'always available' }], partial: false };
        return ok({ searchId, result });
      }
      result.ranking = { ...result.ranking, chain: plan.skipped, partial: true };
      const run = new RankingRun(searchId);
      this.run = run;
      void this.rank(run, pool, stages, plan);
      return ok({ searchId, result });
    } catch (e) {
      return fail(toFailure(e));
    }
  }

  /** The chain of one search, its events pushed into `run`. */
  private async rank(run: RankingRun, pool: PackedPool, stages: StagesRun, plan: ChainPlan): Promise<void> {
    let latest = stages.result;
    const at = (outcome: ChainOutcome, partial: boolean) => withRanking(stages, pool, outcome, partial);
    try {
      const outcome = await runChain(plan, stages.job, {
        signal: run.controller.signal,
        onProgress: this.deps.onProgress,
        onEvent: (e) => {
          if (e.kind === 'waiting') {
            latest = { ...latest, ranking: { ...latest.ranking, waiting: e.wait } };
          } else {
            latest = at(e.outcome, true);
          }
          run.push({ kind: e.kind, searchId: run.searchId, engine: e.engine, result: latest });
        },
      });
      if (!outcome) return run.end(null);
      run.push({ kind: 'final', searchId: run.searchId, engine: outcome.engine, result: at(outcome, false) });
    } catch (e) {
      // The heuristic link never throws: this is a bug; the answer on screen stands.
      run.push({ kind: 'final', searchId: run.searchId, engine: 'heuristic', result: { ...latest, ranking: { ...latest.ranking, partial: false }, notices: [...latest.notices, notice('engine_failed', { engine: 'chain', why: toFailure(e).message })] } });
    }
  }

  /** The events of search `searchId` (the latest search only): those so far, then the rest. */
  follow(searchId: number, onEvent: (e: SearchEvent) => void): Promise<void> {
    const run = this.run;
    if (!run || run.searchId !== searchId) return Promise.resolve();
    return run.follow(onEvent);
  }

  /** The final result of search `searchId`: its answer when final, else the chain's (null: aborted). */
  async settled(answer: SearchAnswer): Promise<SearchResult | null> {
    if (!answer.result.ranking.partial) return answer.result;
    const run = this.run;
    if (!run || run.searchId !== answer.searchId) return null;
    return run.settled;
  }
}
