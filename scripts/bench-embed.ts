/**
 * Benchmark of the embedding paths with the perf-shape encoder (`fixtures/perf-encoder`:
 * bge-small-en-v1.5's dimensions — 12 layers, 384 hidden, 30 522 vocab — with random weights),
 * SPEC §4, §6, §10. A benchmark, not a test: it measures and reports, it asserts nothing.
 *
 *   npm run bench:embed -- [options]
 *
 * 1. Node: pool-embedding throughput on the CPU through the core's embedder
 *    (`loadTransformersEmbedder`, texts from `profileText`), on a sample of the generated pool,
 *    once per ONNX Runtime thread count (`intraOpNumThreads`, set on every session the run
 *    creates; the CPU time per wall time is reported as evidence).
 * 2. Node: `scanSimilarity` over synthetic 384-dim int8 vectors, all candidates as survivors.
 * 3. Browser: query-embedding latency in the worker (the `embed` stage of the timeline), on
 *    WASM with 1 and 2 threads and on WebGPU (a SwiftShader software adapter in headless
 *    Chromium), through the real app served by `vite preview`.
 *
 * Options:
 *   --node-count N        profiles embedded per Node run (default 1000)
 *   --node-threads LIST   ONNX Runtime intra-op threads, one run each (default "1,<cores>")
 *   --node-batch N        texts per embed call (default 32, as build-embeddings)
 *   --scan-sizes LIST     candidates for the scan (default 10000,100000)
 *   --scan-runs N         timed scans per size (default 100, after 20 warm-up runs)
 *   --paths LIST          browser paths: wasm-1, wasm-2 (q8 file), webgpu (fp32 file), webgpu-q8 (default all)
 *   --searches K          timed searches per path after the warm-up search (default 10)
 *   --url URL             reuse a running dev/preview server instead of building one
 *   --port N              port for the preview server (default: a free one)
 *   --build-pool-embeddings  embed the whole pool with the perf encoder in Node when its
 *                         embeddings are missing or synthetic (minutes); by default missing
 *                         ones are written as random unit vectors with a correct manifest
 *   --skip-node, --skip-browser
 *   --json FILE           machine-readable report (default reports/bench-embed.json)
 *   --timeout-min N       hard limit for the whole run (default 40)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, chromiumPath, consentedState } from './chromium';
import { chromium, devices, type Browser, type Page } from '@playwright/test';
import { env } from '@huggingface/transformers';
import { embedModels, embedModel } from '../src/core/models/catalog';
import { saveEmbedRows } from '../tests/support/engineReport';
import { loadTransformersEmbedder } from '../src/core/engines/transformersEmbedder';
import { configureTransformers } from '../src/core/engines/transformersEnv';
import { DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED } from './pool/generate';
import { Prng } from './pool/prng';
import { PROFILE_TEXT_VERSION, profileText } from '../src/core/profile/text';
import {
  EMBEDDINGS_SCHEMA_VERSION, type EmbeddingsManifest, type PoolEmbeddings, encodeEmbeddings, scanSimilarity,
} from '../src/core/similarity/poolEmbeddings';
import { buildEmbeddings, embeddingsPaths, embeddingsStaleReason } from './build-embeddings';
import { ensurePool } from './ensure-pool';
import { DEFAULT_POOL_DIR, readPoolProfiles } from './generate-pool';
import { MODELS_DIR, PERF_ENCODER, PERF_ENCODER_FP32, ensureFixtures } from './make-fixtures';
import { registerFixtureModels } from '../src/testing/fixtureModels';

// A tool: the generated test models (fixtures/…) are known to it as well as the real ones.
registerFixtureModels();

const ROOT = path.resolve(import.meta.dirname, '..');
const cores = os.availableParallelism();

const { values } = parseArgs({
  options: {
    'node-count': { type: 'string', default: '1000' },
    'node-threads': { type: 'string', default: [...new Set([1, cores])].join(',') },
    'node-batch': { type: 'string', default: '32' },
    'scan-sizes': { type: 'string', default: '10000,100000' },
    'scan-runs': { type: 'string', default: '100' },
    paths: { type: 'string', default: 'wasm-1,wasm-2,webgpu,webgpu-q8' },
    searches: { type: 'string', default: '10' },
    url: { type: 'string' },
    port: { type: 'string' },
    'build-pool-embeddings': { type: 'boolean', default: false },
    'skip-node': { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    json: { type: 'string', default: 'reports/bench-embed.json' },
    'timeout-min': { type: 'string', default: '40' },
  },
});

const positiveInt = (name: string, raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: ${raw} is not a positive integer`);
  return n;
};
const intList = (name: string, raw: string) => raw.split(',').map((s) => positiveInt(name, s.trim()));

const say = (s: string) => process.stderr.write(`bench-embed: ${s}\n`);
const round = (n: number, d = 2) => (Number.isFinite(n) ? +n.toFixed(d) : n);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

interface Stats { runs: number; median: number; p95: number; min: number; max: number }
function stats(samples: number[]): Stats | null {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  return { runs: s.length, median: round(quantile(s, 0.5), 3), p95: round(quantile(s, 0.95), 3), min: round(s[0], 3), max: round(s[s.length - 1], 3) };
}

/** Bound a promise with a timeout (the timer never keeps the process alive). */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// Cleanup: everything this run starts registers how to stop it; run once, on success or failure.

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const stop = cleanups.pop()!;
      await withTimeout(stop(), 15_000, 'cleanup').catch((e: unknown) => say(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping what this run started`);
    void cleanup().finally(() => process.exit(130));
  });
}
/** Process groups of the children this run spawned; a last, synchronous stop at exit. */
const childGroups = new Set<number>();
process.on('exit', () => {
  for (const pgid of childGroups) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

// ---------------------------------------------------------------------------------------------
// ONNX Runtime threads in Node. transformers.js creates its sessions with
// `InferenceSession.create` of onnxruntime-node, and the core's embedder passes no session
// options; the benchmark sets the thread count on every session it creates (the same module
// instance transformers.js requires), and counts the sessions so the setting provably applied.

interface OrtLike { InferenceSession: { create: (...args: unknown[]) => Promise<unknown> } }
let ortThreads: number | null = null;
let ortSessionsPatched = 0;
function patchOrtThreads(): void {
  const ort = createRequire(import.meta.url)('onnxruntime-node') as OrtLike;
  const create = ort.InferenceSession.create.bind(ort.InferenceSession);
  ort.InferenceSession.create = (model: unknown, options?: unknown, ...rest: unknown[]) => {
    if (ortThreads === null) return create(model, options, ...rest);
    ortSessionsPatched++;
    const o = typeof options === 'object' && options !== null ? options : {};
    return create(model, { ...o, intraOpNumThreads: ortThreads, interOpNumThreads: 1 }, ...rest);
  };
}

function packageVersion(pkg: string): string | null {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs: the pool, the perf encoder and the pool's embeddings for it.

function poolTexts(): { texts: string[]; sha256: string; count: number } {
  const { profiles, sha256 } = readPoolProfiles(DEFAULT_POOL_DIR);
  return { texts: profiles.map(profileText), sha256, count: profiles.length };
}

function ensureInputs(): void {
  const count = Number(process.env.POOL_COUNT ?? DEFAULT_POOL_COUNT);
  const seed = Number(process.env.POOL_SEED ?? DEFAULT_POOL_SEED);
  if (ensurePool({ count, seed, outDir: DEFAULT_POOL_DIR })) say(`generated the pool (${count} profiles, seed ${seed})`);
  const made = ensureFixtures({ perf: true });
  if (made.length) say(`generated fixture models: ${made.join(', ')}`);
}

type PoolEmbeddingsSource = 'existing' | 'existing-synthetic' | 'built' | 'synthetic';
interface PoolEmbeddingsInfo { source: PoolEmbeddingsSource; file: string; build?: { count: number; ms: number; per_second: number; threads: number } }

/**
 * The worker uses the model only when the pool has embeddings for it. Building them with the
 * perf encoder takes minutes on a small CPU, and the query-embedding latency does not depend on
 * the pool's vectors, so by default missing ones are written as seeded random unit vectors with
 * a manifest the loader accepts (pool SHA-256, count, text version, texts SHA-256, file
 * checksum), marked `"synthetic"`. `--build-pool-embeddings` embeds the pool for real instead.
 */
async function ensurePerfPoolEmbeddings(build: boolean, threads: number, modelId = PERF_ENCODER): Promise<PoolEmbeddingsInfo> {
  const p = embeddingsPaths(DEFAULT_POOL_DIR, modelId);
  const jsonFile = path.join(p.dir, p.json);
  const file = path.relative(ROOT, jsonFile);
  const stale = embeddingsStaleReason(DEFAULT_POOL_DIR, modelId);
  const synthetic = stale === null && Boolean((JSON.parse(readFileSync(jsonFile, 'utf8')) as { synthetic?: unknown }).synthetic);
  if (stale === null && !(synthetic && build)) return { source: synthetic ? 'existing-synthetic' : 'existing', file };
  if (build) {
    say(`embedding the whole pool with ${modelId} in Node (${threads} threads; minutes)…`);
    ortThreads = threads;
    const r = await buildEmbeddings({ modelId, force: true });
    ortThreads = null;
    if (!r) throw new Error('build-embeddings did nothing');
    return { source: 'built', file, build: { count: r.count, ms: round(r.ms, 0), per_second: round(r.perSecond, 1), threads } };
  }
  say(`pool embeddings for ${modelId}: ${stale}; writing synthetic random vectors with a correct manifest`);
  const dims = embedModels()[modelId].dims;
  const pool = poolTexts();
  const vectors = Array.from({ length: pool.count }, (_, i) => {
    const rng = new Prng('bench-embed', i);
    const v = new Float32Array(dims);
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      v[j] = rng.u32() / 2 ** 31 - 1;
      norm += v[j] * v[j];
    }
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < dims; j++) v[j] *= inv;
    return v;
  });
  const bytes = encodeEmbeddings(vectors, dims);
  const sha256 = (d: string | Uint8Array) => createHash('sha256').update(d).digest('hex');
  const manifest: EmbeddingsManifest & { synthetic: string } = {
    schema_version: EMBEDDINGS_SCHEMA_VERSION,
    model_id: modelId,
    weights: embedModels()[modelId].weights,
    pooling: embedModels()[modelId].pooling,
    dims,
    dtype: 'int8',
    count: pool.count,
    pool_sha256: pool.sha256,
    text_version: PROFILE_TEXT_VERSION,
    texts_sha256: sha256(pool.texts.join('\n')),
    file: { path: p.bin, bytes: bytes.byteLength, sha256: sha256(bytes) },
    synthetic: 'random unit vectors written by scripts/bench-embed.ts for latency benchmarks; not model output',
  };
  mkdirSync(p.dir, { recursive: true });
  writeFileSync(path.join(p.dir, p.bin), bytes);
  writeFileSync(jsonFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { source: 'synthetic', file };
}

// ---------------------------------------------------------------------------------------------
// 1. Node throughput.

interface NodeRow {
  threads: number; batch: number; profiles: number; ms: number; per_second: number; ms_per_profile: number;
  /** CPU time over wall time during the timed run: ≈ the cores ONNX Runtime kept busy. */
  cpu_cores_busy: number; load_ms: number; sessions_with_threads_set: number;
}

async function benchNode(count: number, threadList: number[], batch: number): Promise<NodeRow[]> {
  configureTransformers(env as never, { modelHost: `${MODELS_DIR}/` });
  const all = poolTexts().texts;
  if (count > all.length) throw new Error(`--node-count ${count} exceeds the pool (${all.length} profiles)`);
  const texts = all.slice(0, count);
  const warmTexts = all.slice(all.length - batch);
  const rows: NodeRow[] = [];
  for (const threads of threadList) {
    ortThreads = threads;
    const before = ortSessionsPatched;
    const t0 = performance.now();
    const embedder = await loadTransformersEmbedder({ modelId: PERF_ENCODER, device: 'cpu' });
    const loadMs = performance.now() - t0;
    try {
      if (ortSessionsPatched === before) throw new Error('the ONNX Runtime thread setting did not reach the session');
      await embedder.embed(warmTexts);
      const cpu0 = process.cpuUsage();
      const t1 = performance.now();
      for (let i = 0; i < texts.length; i += batch) await embedder.embed(texts.slice(i, i + batch));
      const ms = performance.now() - t1;
      const cpu = process.cpuUsage(cpu0);
      rows.push({
        threads, batch, profiles: count, ms: round(ms, 0), per_second: round(count / (ms / 1000), 1),
        ms_per_profile: round(ms / count, 2), cpu_cores_busy: round((cpu.user + cpu.system) / 1000 / ms, 2),
        load_ms: round(loadMs, 0), sessions_with_threads_set: ortSessionsPatched - before,
      });
      say(`node: ${threads} thread(s): ${rows.at(-1)!.ms_per_profile} ms/profile`);
    } finally {
      await embedder.dispose();
      ortThreads = null;
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 2. Similarity scan.

interface ScanRow { candidates: number; dims: number; runs: number; median_ms: number; p95_ms: number; budget_ms: number }

function benchScan(sizes: number[], runs: number): ScanRow[] {
  const dims = 384;
  const rows: ScanRow[] = [];
  for (const n of sizes) {
    const rng = new Prng('bench-embed-scan', n);
    const vectors = new Int8Array(n * dims);
    for (let i = 0; i < vectors.length; i++) vectors[i] = (rng.u32() % 255) - 127;
    const scales = new Float32Array(n);
    for (let i = 0; i < n; i++) scales[i] = 1 / (127 * Math.sqrt(dims / 3)) * (0.9 + 0.2 * (rng.u32() / 2 ** 32));
    const emb: PoolEmbeddings = { modelId: 'synthetic', dims, count: n, scales, vectors };
    const queries = Array.from({ length: 8 }, () => {
      const q = new Float32Array(dims);
      let norm = 0;
      for (let j = 0; j < dims; j++) { q[j] = rng.u32() / 2 ** 31 - 1; norm += q[j] * q[j]; }
      for (let j = 0; j < dims; j++) q[j] /= Math.sqrt(norm);
      return q;
    });
    const survivors = Int32Array.from({ length: n }, (_, i) => i);
    const out = new Float32Array(n);
    const times: number[] = [];
    for (let r = -20; r < runs; r++) {
      const t0 = performance.now();
      scanSimilarity(emb, queries[(r + 20) % queries.length], survivors, n, out);
      const ms = performance.now() - t0;
      if (r >= 0) times.push(ms);
    }
    const s = stats(times)!;
    rows.push({ candidates: n, dims, runs, median_ms: s.median, p95_ms: s.p95, budget_ms: n <= 10_000 ? 1 : n <= 100_000 ? 10 : 150 });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 3. Browser: the app on a preview server, one fresh browser context per path.

const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const BUILD_DIR = path.join(ROOT, '.tmp/bench-embed-dist');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Stop a child started with `detached: true` (its own process group), by its id. */
async function stopChild(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    await withTimeout(exited, 5_000, 'stop').catch(() => {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    });
  }
  childGroups.delete(pid);
}

function startChild(args: string[], label: string): ChildProcess {
  const child = spawn(process.execPath, [VITE, ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = (d: Buffer) => { for (const line of d.toString().split('\n')) if (line.trim()) say(`${label}: ${line.trimEnd()}`); };
  child.stdout?.on('data', log);
  child.stderr?.on('data', log);
  if (child.pid !== undefined) {
    const pid = child.pid;
    childGroups.add(pid);
    child.once('exit', () => childGroups.delete(pid));
  }
  cleanups.push(() => stopChild(child));
  return child;
}

async function buildApp(): Promise<void> {
  say('building the app (vite build)…');
  // A build made for tests: the generated perf encoder is registered in its model catalog.
  const child = startChild(['build', '--mode', 'test', '--logLevel', 'error', '--outDir', BUILD_DIR, '--emptyOutDir'], 'vite build');
  cleanups.push(async () => rmSync(BUILD_DIR, { recursive: true, force: true }));
  const code = await withTimeout(new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c))), 300_000, 'vite build');
  if (code !== 0) throw new Error(`vite build exited with ${code}`);
}

async function startPreview(port: number): Promise<string> {
  const child = startChild(['preview', '--port', String(port), '--strictPort', '--outDir', BUILD_DIR], 'vite preview');
  const url = `http://localhost:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return url;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`vite preview did not answer at ${url} within 60 s`);
}

interface PathSpec { name: string; params: Record<string, string>; expect: 'wasm' | 'webgpu'; threads?: number; model: string }
/** WASM loads the q8 file (what a WASM user downloads, 34 MB); WebGPU is measured with the fp32 file too. */
const PATHS: Record<string, PathSpec> = {
  'wasm-1': { name: 'wasm-1', params: { device: 'wasm', threads: '1' }, expect: 'wasm', threads: 1, model: PERF_ENCODER },
  'wasm-2': { name: 'wasm-2', params: { device: 'wasm', threads: '2' }, expect: 'wasm', threads: 2, model: PERF_ENCODER },
  webgpu: { name: 'webgpu', params: { device: 'webgpu' }, expect: 'webgpu', model: PERF_ENCODER_FP32 },
  'webgpu-q8': { name: 'webgpu-q8', params: { device: 'webgpu' }, expect: 'webgpu', model: PERF_ENCODER },
};

interface BrowserRow {
  path: string;
  url: string;
  ok: boolean;
  error?: string;
  cross_origin_isolated: boolean | null;
  planned_backend: string | null;
  backend_used: string | null;
  wasm_threads_shown: string | null;
  webgpu_adapter: string | null;
  software_adapter: string | null;
  /** Click to results of the first search (it waits for the pool embeddings and the model). */
  first_search_wall_ms: number | null;
  /** The first search's `embed_load_wait` (worker-measured wait for the model). */
  model_load_wait_ms: number | null;
  /** The semantic stage's own load time from the worker status (embeddings + model). */
  model_load_ms: number | null;
  first_embed_ms: number | null;
  embed_ms: Stats | null;
  total_ms: Stats | null;
  embed_samples: number[];
  /** Web workers the page started (the matcher worker, plus ONNX Runtime's threads if any). */
  web_workers_started: number;
  notices: string[];
  console_errors: string[];
}

const num = (s: string | null | undefined): number | null => {
  if (s === null || s === undefined) return null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
};

async function readTimeline(page: Page): Promise<{ embed: number | null; total: number | null; backend: string | null; wait: number | null; notices: string[] }> {
  return page.evaluate(() => {
    const ms = (stage: string) => document.querySelector(`[data-testid="stage-timing"][data-stage="${stage}"]`)?.getAttribute('data-ms') ?? null;
    const wait = document.querySelector('[data-testid="model-load-wait"] dd')?.textContent ?? null;
    return {
      embed: ms('embed') === null ? null : Number(ms('embed')),
      total: ms('total') === null ? null : Number(ms('total')),
      backend: document.querySelector('[data-testid="similarity-backend"]')?.getAttribute('data-backend') ?? null,
      // "4,728 ms" (the row is absent when the search did not wait for the model).
      wait: wait === null ? 0 : Number(/[\d,.]+/.exec(wait)?.[0].replace(/,/g, '') ?? NaN),
      notices: [...document.querySelectorAll('[data-testid="notice"]')].map((n) => `${n.getAttribute('data-code')}: ${(n.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 300)}`),
    };
  });
}

async function search(page: Page, seq: number, personaIndex: number, timeoutMs: number): Promise<number> {
  const personas = page.getByTestId('persona');
  const n = await personas.count();
  await personas.nth(personaIndex % n).click({ timeout: 10_000 });
  const t0 = Date.now();
  await page.getByTestId('find-matches').click({ timeout: 10_000 });
  await page.waitForSelector(`[data-testid="funnel"][data-search="${seq}"]`, { timeout: timeoutMs });
  return Date.now() - t0;
}

async function benchPath(browser: Browser, baseUrl: string, spec: PathSpec, searches: number, searchTimeoutMs: number): Promise<BrowserRow> {
  const base = new URL(baseUrl);
  const q = new URLSearchParams({ ...spec.params, embed_model: spec.model, model_host: `${base.pathname}models/` });
  const url = new URL(`?${q}`, base).href;
  const row: BrowserRow = {
    path: spec.name, url, ok: false, cross_origin_isolated: null, planned_backend: null, backend_used: null,
    wasm_threads_shown: null, webgpu_adapter: null, software_adapter: null, first_search_wall_ms: null,
    model_load_wait_ms: null, model_load_ms: null, first_embed_ms: null, embed_ms: null, total_ms: null,
    embed_samples: [], web_workers_started: 0, notices: [], console_errors: [],
  };
  const context = await browser.newContext({ ...devices['Desktop Chrome'], storageState: consentedState(base.origin) });
  // tsx compiles this file with esbuild's keepNames, which wraps the inner functions of the
  // `page.evaluate` callbacks in a `__name` helper that exists only in Node: give the page one.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  try {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' && row.console_errors.length < 10) row.console_errors.push(m.text().slice(0, 300)); });
    page.on('pageerror', (e) => { if (row.console_errors.length < 10) row.console_errors.push(`pageerror: ${e.message.slice(0, 300)}`); });
    // The matcher worker, plus ONNX Runtime's pthread workers when it runs multi-threaded.
    page.on('worker', () => { row.web_workers_started++; });
    await page.goto(url, { timeout: 60_000 });
    await page.waitForSelector('[data-testid="pool-status"][data-ready="true"]', { timeout: 90_000 });
    row.cross_origin_isolated = await page.evaluate(() => crossOriginIsolated);

    say(`browser ${spec.name}: warm-up search (loads the model)…`);
    row.first_search_wall_ms = await search(page, 1, 0, searchTimeoutMs);
    const first = await readTimeline(page);
    row.model_load_wait_ms = first.wait;
    row.first_embed_ms = first.embed;
    row.backend_used = first.backend;
    row.notices = first.notices;
    if (first.backend !== spec.expect) throw new Error(`the first search used similarity backend "${first.backend}", expected ${spec.expect}`);

    const embeds: number[] = [];
    const totals: number[] = [];
    for (let i = 0; i < searches; i++) {
      await search(page, i + 2, i + 1, searchTimeoutMs);
      const t = await readTimeline(page);
      if (t.backend !== spec.expect || t.embed === null) throw new Error(`search ${i + 2} used similarity backend "${t.backend}"`);
      embeds.push(t.embed);
      if (t.total !== null) totals.push(t.total);
    }
    row.embed_samples = embeds;
    row.embed_ms = stats(embeds);
    row.total_ms = stats(totals);

    await page.waitForSelector('[data-testid="embedder-state"][data-state="ready"]', { timeout: 15_000 }).catch(() => undefined);
    const panel = await page.evaluate(() => {
      const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim().replace(/\s+/g, ' ') ?? null;
      const adapter = [...document.querySelectorAll('[data-testid="device-panel"] dl.kv > div')]
        .find((d) => d.querySelector('dt')?.textContent?.trim() === 'WebGPU')?.querySelector('dd')?.textContent?.trim() ?? null;
      return {
        threads: text('wasm-threads'),
        planned: document.querySelector('[data-testid="planned-backend"]')?.getAttribute('data-backend') ?? null,
        software: text('fallback-adapter'),
        adapter,
        embedder: text('embedder-state'),
      };
    });
    row.wasm_threads_shown = panel.threads;
    row.planned_backend = panel.planned;
    row.software_adapter = panel.software;
    row.webgpu_adapter = panel.adapter;
    row.model_load_ms = num(/loaded in ([\d,.]+) ms/.exec(panel.embedder ?? '')?.[1]);
    row.ok = true;
  } catch (e) {
    row.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    say(`browser ${spec.name}: ${row.error}`);
  } finally {
    await withTimeout(context.close(), 15_000, 'close context').catch(() => undefined);
  }
  return row;
}

async function benchBrowser(pathNames: string[], searches: number): Promise<{ url: string; chromium: string; rows: BrowserRow[] }> {
  let baseUrl = values.url;
  if (!baseUrl) {
    const port = values.port ? positiveInt('port', values.port) : await freePort();
    await buildApp();
    baseUrl = await startPreview(port);
    say(`preview server at ${baseUrl}`);
  }
  const browser = await withTimeout(chromium.launch({
    executablePath: chromiumPath,
    timeout: 60_000,
    // This script's own handlers stop everything (server included) on a signal; Playwright's
    // would exit the process before that. It still kills the browser when the process exits.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [...CHROMIUM_ARGS],
  }), 90_000, 'launch Chromium');
  cleanups.push(() => browser.close());
  const rows: BrowserRow[] = [];
  for (const name of pathNames) {
    if (cleaning) break; // interrupted
    rows.push(await benchPath(browser, baseUrl, PATHS[name], searches, 300_000));
  }
  return { url: baseUrl, chromium: browser.version(), rows };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const nodeCount = positiveInt('node-count', values['node-count']);
  const nodeThreads = intList('node-threads', values['node-threads']);
  const nodeBatch = positiveInt('node-batch', values['node-batch']);
  const scanSizes = intList('scan-sizes', values['scan-sizes']);
  const scanRuns = positiveInt('scan-runs', values['scan-runs']);
  const searches = positiveInt('searches', values.searches);
  const pathNames = values.paths.split(',').map((s) => s.trim());
  for (const p of pathNames) if (!PATHS[p]) throw new Error(`--paths: unknown path ${p} (${Object.keys(PATHS).join(', ')})`);

  patchOrtThreads();
  ensureInputs();

  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    model: PERF_ENCODER,
    model_note: 'perf-shape encoder: bge-small-en-v1.5 dimensions (12 layers, 384 hidden, 30522 vocab), random fp32 weights',
    node: process.version,
    cpus: cores,
    cpu_model: os.cpus()[0]?.model ?? null,
    onnxruntime_node: packageVersion('onnxruntime-node'),
    onnxruntime_web: packageVersion('onnxruntime-web'),
    transformers: packageVersion('@huggingface/transformers'),
  };
  const out: string[] = [];

  if (!values['skip-node']) {
    say(`node: embedding ${nodeCount} profiles per run…`);
    const rows = await benchNode(nodeCount, nodeThreads, nodeBatch);
    report.node_embedding = rows;
    out.push(`### Pool embedding in Node (${PERF_ENCODER}, CPU, onnxruntime-node ${report.onnxruntime_node}, ${cores} cores)`, '');
    out.push('| ORT threads | batch | profiles | profiles/s | ms/profile | CPU cores busy | model load ms |', '|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) out.push(`| ${r.threads} | ${r.batch} | ${r.profiles} | ${r.per_second} | ${r.ms_per_profile} | ${r.cpu_cores_busy} | ${r.load_ms} |`);
    out.push('');

    say('scan: timing scanSimilarity…');
    const scan = benchScan(scanSizes, scanRuns);
    report.similarity_scan = scan;
    out.push('### Similarity scan in Node (`scanSimilarity`, int8, all candidates survive, warm)', '');
    out.push('| candidates | dims | runs | median ms | p95 ms | budget (SPEC §10) |', '|---:|---:|---:|---:|---:|---:|');
    for (const r of scan) out.push(`| ${r.candidates} | ${r.dims} | ${r.runs} | ${r.median_ms} | ${r.p95_ms} | ≤ ${r.budget_ms} ms |`);
    out.push('');
  }

  if (!values['skip-browser']) {
    const pe = await ensurePerfPoolEmbeddings(values['build-pool-embeddings'], Math.max(...nodeThreads));
    // The fp32 alias needs its own index (embeddings are never mixed across weights).
    if (pathNames.some((n) => PATHS[n].model === PERF_ENCODER_FP32)) await ensurePerfPoolEmbeddings(false, 1, PERF_ENCODER_FP32);
    report.pool_embeddings = pe;
    const browser = await benchBrowser(pathNames, searches);
    report.browser = { url: browser.url, chromium: browser.chromium, searches_per_path: searches, paths: browser.rows };
    out.push(`### Query embedding in the browser worker (Chromium ${browser.chromium}, headless; ${searches} searches per path after a warm-up search)`, '');
    out.push('| path | backend used | WASM threads shown | web workers | cross-origin isolated | first search (incl. model load) ms | model load wait ms | embed median ms | embed p95 ms | search total median ms |');
    out.push('|---|---|---|---:|---|---:|---:|---:|---:|---:|');
    for (const r of browser.rows) {
      const v = (x: number | null | undefined) => (x === null || x === undefined ? '–' : String(x));
      out.push(`| ${r.path}${r.ok ? '' : ' (failed)'} | ${r.backend_used ?? '–'} | ${r.wasm_threads_shown ?? '–'} | ${r.web_workers_started} | ${r.cross_origin_isolated ?? '–'} | ${v(r.first_search_wall_ms)} | ${v(r.model_load_wait_ms)} | ${v(r.embed_ms?.median)} | ${v(r.embed_ms?.p95)} | ${v(r.total_ms?.median)} |`);
    }
    out.push('');
    const gpu = browser.rows.find((r) => r.webgpu_adapter);
    if (gpu) out.push(`WebGPU adapter: ${gpu.webgpu_adapter} (software adapter: ${gpu.software_adapter ?? 'n/a'}).`);
    out.push('Web workers: started by the page — the matcher worker plus ONNX Runtime\'s pthread workers (threads − 1) when WASM runs multi-threaded.');
    out.push('Model load: a fresh browser context per path, so the model file (q8 ~35 MB, fp32 ~133 MB) is fetched from the preview server each time (no browser cache).');
    saveEmbedRows(browser.rows.filter((r) => r.ok).map((r) => ({
      path: r.path, model: PATHS[r.path].model, weights: embedModel(PATHS[r.path].model).weights,
      device: `${r.backend_used ?? '?'}${r.backend_used === 'wasm' ? `, ${r.wasm_threads_shown ?? '?'} thread(s)` : r.software_adapter === 'yes' ? ' (software adapter)' : ''}`,
      chromium: browser.chromium, measured_at: new Date().toISOString().slice(0, 10),
      load_ms: r.model_load_wait_ms, embed_median_ms: r.embed_ms?.median ?? null, embed_p95_ms: r.embed_ms?.p95 ?? null,
    })));
    out.push(`Pool embeddings for ${PERF_ENCODER}: ${pe.source} (${pe.file})${pe.source.includes('synthetic') ? ' — random unit vectors with a correct manifest; query latency does not depend on them' : ''}.`);
    for (const r of browser.rows) if (!r.ok) out.push(`- ${r.path} failed: ${r.error}${r.notices.length ? `; notices: ${r.notices.join(' | ')}` : ''}${r.console_errors.length ? `; console: ${r.console_errors.join(' | ')}` : ''}`);
    out.push('');
  }

  process.stdout.write(`${out.join('\n')}\n`);
  const jsonFile = path.resolve(values.json);
  mkdirSync(path.dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  say(`wrote ${path.relative(process.cwd(), jsonFile)}`);
}

const limitMs = positiveInt('timeout-min', values['timeout-min']) * 60_000;
const watchdog = setTimeout(() => {
  say(`the run exceeded ${values['timeout-min']} min; stopping`);
  void cleanup().finally(() => process.exit(2));
}, limitMs);
watchdog.unref();

let code = 0;
try {
  await main();
} catch (e) {
  say(`failed: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
process.exit(code);
