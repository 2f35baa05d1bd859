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
 * Exit 0 on success; 2 for invalid input (every problem as JSON on stderr); 1 for anything else.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type MatchError, type Notice, matchError, toMatchError } from '../src/core/errors';
import { importRoverMitra, importRoverMitraQuery } from '../src/core/import/rovermitra';
import { PACKED_FILE, loadPool } from '../src/core/pool/load';
import { type PackedPool, packProfiles } from '../src/core/pool/packed';
import { type SearchResult, type Timings, search, withRanking } from '../src/core/search';
import { DEFAULT_MODEL_HOST, configureTransformers, isRemoteHost } from '../src/core/engines/transformersEnv';
import { isModelId } from '../src/core/settings';
import { DEFAULT_WASM_LLM, transformersLlmDtype } from '../src/core/rank/catalog';
import { runChain } from '../src/core/rank/chain';
import type { EngineSlot } from '../src/core/rank/engine';
import { memoSlot } from '../src/core/rank/slot';
import { loadTransformersLlm } from '../src/core/rank/transformersEngine';
import { MODELS_DIR } from './make-fixtures';
import { DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED } from '../src/core/pool/generate';
import { ensurePool } from './ensure-pool';
import { DEFAULT_POOL_DIR, isMainModule } from './generate-pool';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `usage: npm run --silent match -- --query FILE [--query-format canonical|rovermitra]
  [--pool DIR | --users FILE --matchmaker FILE] [--top N] [--engine auto|heuristic|transformers]
  [--llm-model ID] [--model-host URL|DIR] [--with-ids] [--repeat N] [--json]`;

class CliFailure {
  constructor(readonly exitCode: 1 | 2, readonly error: MatchError) {}
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliFailure(2, matchError('invalid_options', `${what}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliFailure(2, matchError('invalid_profile', `${what}: ${path} is not valid JSON`));
  }
}

function intFlag(raw: string | undefined, name: string, lo: number, hi: number, def: number): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new CliFailure(2, matchError('invalid_options', `--${name}: must be a whole number ${lo}–${hi}, got ${raw}`));
  return n;
}

async function loadPoolDir(dir: string): Promise<PackedPool> {
  let manifest: unknown;
  let bytes: Uint8Array;
  try {
    manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
  } catch (e) {
    throw new CliFailure(1, matchError('pool_fetch_failed', `pool: cannot read ${resolve(dir, 'manifest.json')} (${e instanceof SyntaxError ? 'not valid JSON' : ((e as NodeJS.ErrnoException).code ?? 'error')})`));
  }
  const file = (manifest as { files?: { packed?: { path?: unknown } } })?.files?.packed?.path;
  try {
    bytes = readFileSync(resolve(dir, typeof file === 'string' && /^[\w.-]+$/.test(file) ? file : PACKED_FILE));
  } catch (e) {
    throw new CliFailure(1, matchError('pool_fetch_failed', `pool: cannot read the packed pool file in ${dir} (${(e as NodeJS.ErrnoException).code ?? 'error'})`));
  }
  const loaded = await loadPool(manifest, bytes);
  if ('code' in loaded) throw new CliFailure(1, loaded);
  return loaded.pool;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

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
    ...(withIds ? { hard_ids: result.hard_ids, shortlist_ids: result.shortlist_ids } : {}),
  };
}

function table(result: SearchResult): string {
  const lines = result.results.map((r, i) =>
    `${i + 1}. ${r.name} (${r.id})  ${Math.round(r.score * 100)}%${r.weaker ? ' weaker match' : ''}  [${r.chips.join(', ')}]\n   ${r.explanation}`);
  const f = result.funnel;
  const t = result.timings_ms;
  lines.push(`funnel: pool ${f.pool} → hard ${f.hard} → shortlist ${f.shortlist} → ranked ${f.ranked} → final ${f.final}`);
  lines.push(`removed: ${Object.entries(result.removed_by_rule).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`timings (ms): hard ${t.hard}, embed ${t.embed}, shortlist ${t.shortlist}, rank ${t.rank}, explain ${t.explain}, total ${t.total}`);
  for (const n of result.notices) lines.push(`notice [${n.code}]: ${n.message}`);
  return lines.join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
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
      throw new CliFailure(2, matchError('invalid_options', `${(e as Error).message}\n${USAGE}`));
    }
    if (args.help) { io.out(USAGE); return 0; }
    if (!args.query) throw new CliFailure(2, matchError('invalid_options', `--query FILE is required\n${USAGE}`));
    const format = args['query-format'];
    if (format !== 'canonical' && format !== 'rovermitra') throw new CliFailure(2, matchError('invalid_options', `--query-format: must be canonical or rovermitra, got ${format}`));
    const engine = args.engine;
    if (engine !== 'auto' && engine !== 'heuristic' && engine !== 'transformers') throw new CliFailure(2, matchError('invalid_options', `--engine: must be auto, heuristic or transformers, got ${engine}`));
    const llmModel = args['llm-model'];
    if (!isModelId(llmModel)) throw new CliFailure(2, matchError('invalid_options', `--llm-model: must be a model id like owner/name, got ${llmModel}`));
    if ((args.users === undefined) !== (args.matchmaker === undefined)) throw new CliFailure(2, matchError('invalid_options', '--users and --matchmaker go together'));
    if (args.users !== undefined && args.pool !== undefined) throw new CliFailure(2, matchError('invalid_options', 'use either --pool or --users/--matchmaker, not both'));
    const top = intFlag(args.top, 'top', 1, 10, 5);
    const repeat = intFlag(args.repeat, 'repeat', 1, 100_000, 1);

    let query: unknown = readJson(args.query, '--query');
    if (format === 'rovermitra') {
      const imported = importRoverMitraQuery(query);
      if (!imported.ok) throw new CliFailure(2, matchError('invalid_profile', 'the query is not a valid profile', imported.problems));
      query = imported.profile;
    }

    let pool: PackedPool;
    const notices: Notice[] = [];
    if (args.users !== undefined && args.matchmaker !== undefined) {
      const imported = importRoverMitra(readJson(args.users, '--users'), readJson(args.matchmaker, '--matchmaker'));
      pool = packProfiles(imported.profiles);
      notices.push(...imported.notices);
      notices.push({ code: 'similarity_off', message: 'This pool was imported on the fly and has no embeddings, so the shortlist uses the rule bonus only (sim = 0).' });
    } else {
      if (args.pool === undefined) ensurePool({ count: DEFAULT_POOL_COUNT, seed: DEFAULT_POOL_SEED, outDir: DEFAULT_POOL_DIR });
      pool = await loadPoolDir(args.pool ?? DEFAULT_POOL_DIR);
    }

    const slots = engine === 'transformers' ? [transformersSlot(llmModel, args['model-host'])] : [];
    const runs: SearchResult[] = [];
    for (let r = 0; r < repeat; r++) {
      const outcome = search(pool, query, { top, engine: 'heuristic', withIds: args['with-ids'], simUnavailable: notices.find((n) => n.code === 'similarity_off') });
      if (!outcome.ok) {
        throw new CliFailure(outcome.error.code === 'invalid_profile' || outcome.error.code === 'invalid_options' ? 2 : 1, outcome.error);
      }
      let result = outcome.result;
      if (slots.length > 0 && outcome.job.candidates.length > 0) {
        const ranked = await runChain(slots, outcome.job, { signal: new AbortController().signal });
        if (ranked) result = withRanking(pool, outcome.q, result, outcome.job, ranked);
      }
      runs.push(result);
    }
    const result = runs[runs.length - 1];
    if (repeat > 1) {
      const keys = Object.keys(result.timings_ms) as (keyof Timings)[];
      result.timings_ms = Object.fromEntries(keys.map((k) => [k, Math.round(median(runs.map((x) => x.timings_ms[k])) * 1000) / 1000])) as unknown as Timings;
    }
    result.notices = [...notices.filter((n) => n.code !== 'similarity_off'), ...result.notices];
    for (const step of result.ranking.chain.filter((s) => s.status !== 'used')) {
      result.notices.push({ code: `engine_${step.status}`, message: `${step.engine}${step.model ? ` (${step.model})` : ''}: ${step.reason}` });
    }
    io.out(args.json ? JSON.stringify(printable(result, args['with-ids'])) : table(result));
    return 0;
  } catch (e) {
    const failure = e instanceof CliFailure ? e : new CliFailure(1, toMatchError(e));
    const { code, message, detail } = failure.error;
    const problems = Array.isArray(detail) ? detail : undefined;
    io.err(JSON.stringify({ error: { code, message, ...(problems ? { problems } : {}) } }));
    return failure.exitCode;
  }
}

if (isMainModule(import.meta.url)) {
  void main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  }).then((code) => { process.exitCode = code; });
}
