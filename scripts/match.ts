/**
 * CLI (SPEC §9): the same core as the browser, from Node.
 *
 *   npm run --silent match -- --query FILE [--query-format canonical|rovermitra]
 *     [--pool DIR | --users FILE --matchmaker FILE] [--top N] [--engine auto|heuristic|transformers]
 *     [--llm-model ID] [--model-host URL|DIR] [--with-ids] [--repeat N] [--json]
 *
 * `--engine transformers` ranks with a transformers.js text-generation model on the CPU (the
 * WASM engine's code; `--llm-model` a hub id or, with `--model-host DIR`, a local folder);
 * `auto` and `heuristic` use the heuristic ranker.
 *
 * Exit 0 on success; 2 for invalid input (every problem as JSON on stderr); 1 for anything else;
 * 130 / 143 when stopped by SIGINT / SIGTERM (checked between file chunks and `--repeat` runs).
 *
 * Every file is read through scripts/lib/readFile.ts (regular files only, a size cap and a time
 * limit per kind of file) and every JSON file is parsed strictly (src/core/util/json.ts: one
 * problem at path "" with line and column for text that is not JSON; duplicate and prototype
 * keys and nesting deeper than 32 refused). Text from data is made safe for a terminal in both
 * outputs (scripts/lib/terminal.ts).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { requireRecordList } from '../src/core/import/importFiles';
import { importRoverMitra, importRoverMitraQuery } from '../src/core/import/rovermitra';
import { Matcher } from '../src/core/matcher';
import { type Failure, type Notice, failure, toFailure } from '../src/core/outcome';
import { PACKED_FILE, loadPool } from '../src/core/pool/load';
import { MANIFEST_FILE } from '../src/core/pool/files';
import { type PackedPool, packProfiles } from '../src/core/pool/packed';
import type { SearchResult, Timings } from '../src/core/result';
import { DEFAULT_MODEL_HOST, configureTransformers, isRemoteHost } from '../src/core/engines/transformersEnv';
import { isModelId } from '../src/core/settings';
import { DEFAULT_WASM_LLM, transformersLlmDtype } from '../src/core/models/catalog';
import { chainNotices } from '../src/core/rank/chain';
import type { EngineSlot } from '../src/core/rank/engine';
import { modelRanker } from '../src/core/rank/modelRanker';
import { memoSlot } from '../src/core/rank/slot';
import { loadTransformersLlm } from '../src/core/rank/transformersEngine';
import { noSimilarity } from '../src/core/similarity/semantic';
import { parseJsonBytes } from '../src/core/util/json';
import { MODELS_DIR } from './make-fixtures';
import { DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED } from './pool/generate';
import { ensurePool } from './ensure-pool';
import { DEFAULT_POOL_DIR, isMainModule } from './generate-pool';
import { FILE_LIMITS, type FileKind, describeFileType, readFileBounded } from './lib/readFile';
import { safeJson, safeText } from './lib/terminal';
import { registerFixtureModels } from '../src/testing/fixtureModels';

// A tool: the generated test models (fixtures/…) are known to it as well as the real ones.
registerFixtureModels();

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface MainOptions {
  /**
   * Stops the run at the next step (a file chunk, a `--repeat` run, an engine pass): main then
   * answers 130 when the reason is `'SIGINT'`, 143 when it is `'SIGTERM'` (128 + the signal's
   * number, as a shell reports a process stopped by it), 130 for any other reason.
   */
  signal?: AbortSignal;
  /** Called after each run of the search (`done` of `total`): the benchmark's progress. */
  onRepeat?: (done: number, total: number) => void;
}

export const EXIT_ON_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_ON_SIGNAL;

const USAGE = `usage: npm run --silent match -- --query FILE [--query-format canonical|rovermitra]
  [--pool DIR | --users FILE --matchmaker FILE] [--top N] [--engine auto|heuristic|transformers]
  [--llm-model ID] [--model-host URL|DIR] [--with-ids] [--repeat N] [--json]`;

/** What the CLI prints on stderr for a failure, and its exit code. */
class CliFailure {
  constructor(readonly exitCode: 1 | 2 | 130 | 143, readonly error: Failure) {}
}

class Interrupted extends CliFailure {
  constructor(reason: unknown) {
    const sig: StopSignal = reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    super(EXIT_ON_SIGNAL[sig], failure('interrupted', { signal: sig }));
  }
}

const badOption = (why: string) => new CliFailure(2, failure('invalid_options', { why }));

function checkpoint(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted(signal.reason);
}

/** Let pending events (an interrupt) run, then stop if one asked to. */
async function yieldToEvents(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((done) => setImmediate(done));
  checkpoint(signal);
}

/**
 * SIGINT and SIGTERM stop the CLI: the first aborts `controller` (main stops at its next step
 * and answers 130 or 143); if main has not finished within `graceMs` (an engine busy in native
 * code), or on a second signal, `exit` is called with the same code. Returns a function that
 * removes the handlers and the pending exit.
 */
export function interruptOnSignals(
  controller: AbortController,
  target: Pick<NodeJS.EventEmitter, 'on' | 'off'> = process,
  exit: (code: number) => void = (code) => process.exit(code),
  graceMs = 1000,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handlers = (Object.keys(EXIT_ON_SIGNAL) as StopSignal[]).map((sig) => {
    const handler = () => {
      const code = EXIT_ON_SIGNAL[sig];
      if (controller.signal.aborted) { exit(code); return; }
      controller.abort(sig);
      timer = setTimeout(() => exit(code), graceMs);
      timer.unref?.();
    };
    target.on(sig, handler);
    return [sig, handler] as const;
  });
  return () => {
    clearTimeout(timer);
    for (const [sig, handler] of handlers) target.off(sig, handler);
  };
}

/**
 * Read a file the CLI was pointed at, within its kind's limits (scripts/lib/readFile.ts).
 * A path that is not a regular file, is too big or does not answer in time is bad input
 * (exit 2); a missing or unreadable file is exit 2 for the query and the original-format files
 * and exit 1 for a pool's files, as before (SPEC §9: 1 for anything else).
 */
async function readInput(kind: FileKind, path: string, label: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
  const read = await readFileBounded(path, FILE_LIMITS[kind], { label, signal });
  if (read.ok) return read.bytes;
  if (read.reason === 'interrupted') throw new Interrupted(signal?.reason);
  const poolFile = kind === 'manifest' || kind === 'pool';
  if (poolFile && (read.reason === 'not_found' || read.reason === 'unreadable')) {
    throw new CliFailure(1, failure('pool_fetch_failed', { what: 'pool', why: read.message }));
  }
  throw badOption(read.message);
}

/** A JSON file's value, or exit 2 (1 for a pool manifest) with every problem. */
function parseInput(bytes: Uint8Array, code: 'invalid_profile' | 'pool_manifest_invalid' | 'import_failed', label: string, exitCode: 1 | 2): unknown {
  const parsed = parseJsonBytes(bytes);
  if (parsed.ok) return parsed.value;
  const { problems } = parsed;
  const why = problems.map((p) => p.message).join('; ');
  const error = code === 'invalid_profile' ? failure(code, { problems, what: label }, { problems })
    : code === 'pool_manifest_invalid' ? failure(code, { what: label, why }, { problems })
    : failure(code, { why: `${label}: ${why}` }, { problems });
  throw new CliFailure(exitCode, error);
}

/** The original format's files are lists of records (SPEC §2.4); anything else is refused (exit 2). */
function recordList(value: unknown, label: string, records: string): unknown[] {
  const list = requireRecordList(value, label, records);
  if (!list.ok) throw new CliFailure(2, list.error);
  return list.value;
}

function intFlag(raw: string | undefined, name: string, lo: number, hi: number, def: number): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < lo || n > hi) throw badOption(`--${name}: must be a whole number ${lo}–${hi}, got ${raw}`);
  return n;
}

async function loadPoolDir(dir: string, signal: AbortSignal | undefined): Promise<PackedPool> {
  const manifestPath = resolve(dir, MANIFEST_FILE);
  const manifestBytes = await readInput('manifest', manifestPath, `pool manifest ${manifestPath}`, signal);
  const manifest = parseInput(manifestBytes, 'pool_manifest_invalid', `pool manifest ${manifestPath}`, 1);
  const file = (manifest as { files?: { packed?: { path?: unknown } } })?.files?.packed?.path;
  const packedPath = resolve(dir, typeof file === 'string' && /^[\w.-]+$/.test(file) ? file : PACKED_FILE);
  const bytes = await readInput('pool', packedPath, `packed pool ${packedPath}`, signal);
  checkpoint(signal);
  const loaded = await loadPool(manifest, bytes);
  checkpoint(signal);
  if (!loaded.ok) throw new CliFailure(1, loaded.error);
  return loaded.value.pool;
}

/**
 * The default pool is made (or remade) by ensurePool, which reads its files without limits;
 * refuse a pool folder whose files are replaced by something else than regular files before
 * it does.
 */
async function checkDefaultPoolFiles(dir: string): Promise<void> {
  for (const name of [MANIFEST_FILE, PACKED_FILE]) {
    const path = resolve(dir, name);
    try {
      const st = await stat(path);
      if (!st.isFile()) throw badOption(`pool file ${path}: ${describeFileType(st)}, not a regular file`);
    } catch (e) {
      if (e instanceof CliFailure) throw e;
      // Missing: ensurePool makes it.
    }
  }
}

/** Median of the values (sorts them in place). */
function median(xs: Float64Array): number {
  xs.sort();
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

/** The WASM engine's code on Node's CPU, loading `modelId` from the hub or a local folder. */
function transformersSlot(modelId: string, modelHost: string | undefined): EngineSlot {
  const host = modelHost ?? (modelId.startsWith('fixtures/') ? `${MODELS_DIR}/` : DEFAULT_MODEL_HOST);
  return memoSlot({ name: 'transformers', modelId, device: 'cpu' }, null, async () => {
    const { env } = await import('@huggingface/transformers');
    configureTransformers(env as never, { modelHost: isRemoteHost(host) ? host : `${resolve(host)}/` });
    return loadTransformersLlm({ modelId, device: 'cpu', dtype: transformersLlmDtype(modelId) });
  });
}

function printable(result: SearchResult, withIds: boolean) {
  return {
    results: result.results.map(({ id, name, score, explanation, chips, engine }) => ({ id, name, score, explanation, chips, engine })),
    funnel: result.funnel,
    removed_by_rule: result.removed_by_rule,
    timings_ms: result.ranking.stats && result.ranking.stats.engine !== 'heuristic'
      ? { ...result.timings_ms, ranking: result.ranking.stats }
      : result.timings_ms,
    notices: result.notices,
    ...(withIds && result.hard_ids && result.shortlist_ids ? { hard_ids: result.hard_ids, shortlist_ids: result.shortlist_ids } : {}),
  };
}

/** The human-readable output (without `--json`); every string from data goes through `safeText`. */
export function formatTable(result: SearchResult): string {
  const t = safeText;
  const lines = result.results.map((r, i) =>
    `${i + 1}. ${t(r.name)} (${t(r.id)})  ${Math.round(r.score * 100)}%${r.weaker ? ' weaker match' : ''}  [${r.chips.map(t).join(', ')}]\n   ${t(r.explanation)}`);
  const f = result.funnel;
  const tm = result.timings_ms;
  lines.push(`funnel: pool ${f.pool} → hard ${f.hard} → shortlist ${f.shortlist} → ranked ${f.ranked} → final ${f.final}`);
  lines.push(`removed: ${Object.entries(result.removed_by_rule).map(([k, v]) => `${t(k)} ${v}`).join(', ')}`);
  lines.push(`timings (ms): hard ${tm.hard}, embed ${tm.embed}, shortlist ${tm.shortlist}, rank ${tm.rank}, explain ${tm.explain}, total ${tm.total}`);
  for (const n of result.notices) lines.push(`notice [${t(n.code)}]: ${t(n.message)}`);
  return lines.join('\n');
}

export async function main(argv: string[], io: Io, options: MainOptions = {}): Promise<number> {
  const { signal } = options;
  try {
    let args;
    try {
      args = parseArgs({
        args: argv,
        options: {
          query: { type: 'string' },
          'query-format': { type: 'string', default: 'canonical' },
          pool: { type: 'string' },
          users: { type: 'string' },
          matchmaker: { type: 'string' },
          top: { type: 'string' },
          engine: { type: 'string', default: 'auto' },
          'llm-model': { type: 'string', default: DEFAULT_WASM_LLM },
          'model-host': { type: 'string' },
          'with-ids': { type: 'boolean', default: false },
          repeat: { type: 'string' },
          json: { type: 'boolean', default: false },
          help: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      throw badOption(`${(e as Error).message}\n${USAGE}`);
    }
    if (args.help) { io.out(USAGE); return 0; }
    if (!args.query) throw badOption(`--query FILE is required\n${USAGE}`);
    const format = args['query-format'];
    if (format !== 'canonical' && format !== 'rovermitra') throw badOption(`--query-format: must be canonical or rovermitra, got ${format}`);
    const engine = args.engine;
    if (engine !== 'auto' && engine !== 'heuristic' && engine !== 'transformers') throw badOption(`--engine: must be auto, heuristic or transformers, got ${engine}`);
    const llmModel = args['llm-model'];
    if (!isModelId(llmModel)) throw badOption(`--llm-model: must be a model id like owner/name, got ${llmModel}`);
    if ((args.users === undefined) !== (args.matchmaker === undefined)) throw badOption('--users and --matchmaker go together');
    if (args.users !== undefined && args.pool !== undefined) throw badOption('use either --pool or --users/--matchmaker, not both');
    const top = intFlag(args.top, 'top', 1, 10, 5);
    const repeat = intFlag(args.repeat, 'repeat', 1, 100_000, 1);
    const withIds = args['with-ids'];

    const queryLabel = `--query ${args.query}`;
    let query = parseInput(await readInput('query', args.query, queryLabel, signal), 'invalid_profile', queryLabel, 2);
    if (format === 'rovermitra') {
      const imported = importRoverMitraQuery(query);
      if (!imported.ok) throw new CliFailure(2, failure('invalid_profile', { problems: imported.problems, what: 'the query is not a valid profile' }, { problems: imported.problems }));
      query = imported.profile;
    }
    checkpoint(signal);

    let pool: PackedPool;
    const importNotices: Notice[] = [];
    // The CLI has no embedder: the shortlist is rule-only, and the notice says why.
    let similarity = noSimilarity('not_ready');
    if (args.users !== undefined && args.matchmaker !== undefined) {
      const usersLabel = `--users ${args.users}`;
      const mmLabel = `--matchmaker ${args.matchmaker}`;
      const users = recordList(parseInput(await readInput('users', args.users, usersLabel, signal), 'import_failed', usersLabel, 2), usersLabel, 'user records');
      checkpoint(signal);
      const mms = recordList(parseInput(await readInput('matchmaker', args.matchmaker, mmLabel, signal), 'import_failed', mmLabel, 2), mmLabel, 'matchmaker profiles');
      checkpoint(signal);
      const imported = importRoverMitra(users, mms);
      pool = packProfiles(imported.profiles);
      importNotices.push(...imported.notices);
      similarity = noSimilarity('imported');
    } else {
      if (args.pool === undefined) {
        await checkDefaultPoolFiles(DEFAULT_POOL_DIR);
        ensurePool({ count: DEFAULT_POOL_COUNT, seed: DEFAULT_POOL_SEED, outDir: DEFAULT_POOL_DIR });
      }
      pool = await loadPoolDir(args.pool ?? DEFAULT_POOL_DIR, signal);
    }
    checkpoint(signal);

    // The same matcher as the browser's worker: the CLI only reads the input and prints the result.
    const matcher = new Matcher({ rankers: engine === 'transformers' ? [modelRanker(transformersSlot(llmModel, args['model-host']))] : [] });
    matcher.usePool(pool, similarity);
    // --repeat keeps only what it reports: each timing of every run (for the medians) and the
    // last run's result. Only the last run collects the id lists.
    const samples = new Map<keyof Timings, Float64Array>();
    let last: SearchResult | undefined;
    for (let r = 0; r < repeat; r++) {
      const final = r === repeat - 1;
      const answer = await matcher.search(query, { top, engine: engine === 'transformers' ? 'auto' : 'heuristic', withIds: withIds && final });
      if (!answer.ok) {
        throw new CliFailure(answer.error.code === 'invalid_profile' || answer.error.code === 'invalid_options' ? 2 : 1, answer.error);
      }
      const result = (await matcher.settled(answer.value)) ?? answer.value.result;
      checkpoint(signal);
      for (const k of Object.keys(result.timings_ms) as (keyof Timings)[]) {
        let xs = samples.get(k);
        if (!xs) samples.set(k, (xs = new Float64Array(repeat)));
        xs[r] = result.timings_ms[k];
      }
      last = final ? result : undefined;
      options.onRepeat?.(r + 1, repeat);
      if (!final) await yieldToEvents(signal);
    }
    checkpoint(signal);
    if (!last) throw new CliFailure(1, failure('internal', { why: 'no search ran' }));
    const result = last;
    if (repeat > 1) {
      result.timings_ms = Object.fromEntries([...samples].map(([k, xs]) => [k, Math.round(median(xs) * 1000) / 1000])) as unknown as Timings;
    }
    // The core leaves the id lists out when faith shaped them (`ids_withheld`, listed last as always).
    result.notices = [...importNotices, ...result.notices, ...chainNotices(result.ranking.chain)]
      .sort((a, b) => Number(a.code === 'ids_withheld') - Number(b.code === 'ids_withheld'));
    io.out(args.json ? safeJson(printable(result, withIds)) : formatTable(result));
    return 0;
  } catch (e) {
    const cli = e instanceof CliFailure ? e : new CliFailure(1, toFailure(e));
    const { code, message, problems } = cli.error;
    io.err(safeJson({ error: { code, message, ...(problems ? { problems } : {}) } }));
    return cli.exitCode;
  }
}

if (isMainModule(import.meta.url)) {
  const controller = new AbortController();
  interruptOnSignals(controller);
  void main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  }, { signal: controller.signal }).then((code) => {
    process.exitCode = code;
    // Normally the process ends here by itself. Once the output is flushed, a read that timed
    // out (still pending in the file system) or an engine's worker must not keep it alive.
    process.stdout.write('', () => process.stderr.write('', () => setTimeout(() => process.exit(code), 1000).unref()));
  });
}
