/**
 * Benchmark of the similarity scan (SPEC §4, §10): the plain-JS `scanSimilarity` against the
 * WebAssembly-SIMD scanner (`createSimdScanner`), full scans (every candidate a survivor) over
 * synthetic random int8 vectors, 384 dims. A benchmark, not a test: it measures and reports.
 *
 *   npx tsx scripts/bench-scan.ts [--sizes 10000,100000,1000000] [--runs 100] [--big-runs 30]
 *                                 [--dims 384] [--json reports/bench-scan.json]
 *
 * --runs applies to sizes below 1 000 000, --big-runs to 1 000 000 and above (each after a few
 * warm-up runs). Also reported: the one-time cost of copying the pool into wasm memory (once per
 * loaded pool, not per search), and the largest |Δ| between the two scans (query quantisation).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Prng } from '../src/core/pool/prng';
import { type PoolEmbeddings, scanSimilarity } from '../src/core/similarity/poolEmbeddings';
import { createSimdScanner, simdScanSupported } from '../src/core/similarity/simdScan';

const ROOT = path.resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    runs: { type: 'string', default: '100' },
    'big-runs': { type: 'string', default: '30' },
    dims: { type: 'string', default: '384' },
    json: { type: 'string', default: path.join(ROOT, 'reports/bench-scan.json') },
  },
});

const positiveInt = (flag: string, raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer, got ${raw}`);
  return n;
};
const sizes = values.sizes.split(',').map((s) => positiveInt('sizes', s.trim()));
const runs = positiveInt('runs', values.runs);
const bigRuns = positiveInt('big-runs', values['big-runs']);
const dims = positiveInt('dims', values.dims);

const say = (s: string) => process.stderr.write(`bench-scan: ${s}\n`);
const round = (n: number, d = 3) => +n.toFixed(d);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

interface Stats { runs: number; median_ms: number; p95_ms: number; min_ms: number; max_ms: number }
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { runs: s.length, median_ms: round(quantile(s, 0.5)), p95_ms: round(quantile(s, 0.95)), min_ms: round(s[0]), max_ms: round(s[s.length - 1]) };
}

/** SPEC §10 budget for a scan of n candidates (384 dims, int8). */
const budget = (n: number) => (n <= 10_000 ? 1 : n <= 100_000 ? 10 : 150);

function synthetic(n: number): { emb: PoolEmbeddings; queries: Float32Array[] } {
  const rng = new Prng('bench-scan', n);
  const vectors = new Int8Array(n * dims);
  for (let i = 0; i < vectors.length; i += 4) {
    const r = rng.u32();
    vectors[i] = r; vectors[i + 1] = r >> 8; vectors[i + 2] = r >> 16; vectors[i + 3] = r >> 24; // Int8Array wraps
  }
  // Scales that make each vector about unit length (uniform int8 has E[v²] ≈ 128² / 3).
  const scales = new Float32Array(n);
  for (let i = 0; i < n; i++) scales[i] = (1 / (128 * Math.sqrt(dims / 3))) * (0.9 + 0.2 * rng.next());
  const queries = Array.from({ length: 8 }, () => {
    const q = new Float32Array(dims);
    let norm = 0;
    for (let j = 0; j < dims; j++) { q[j] = rng.next() * 2 - 1; norm += q[j] * q[j]; }
    for (let j = 0; j < dims; j++) q[j] /= Math.sqrt(norm);
    return q;
  });
  return { emb: { modelId: 'synthetic', dims, count: n, scales, vectors }, queries };
}

function time(runsWanted: number, warmup: number, f: (r: number) => void): Stats {
  const times: number[] = [];
  for (let r = -warmup; r < runsWanted; r++) {
    const t0 = performance.now();
    f(r + warmup);
    const ms = performance.now() - t0;
    if (r >= 0) times.push(ms);
  }
  return stats(times);
}

interface Row {
  candidates: number;
  dims: number;
  budget_ms: number;
  js: Stats;
  simd: Stats | null;
  speedup_median: number | null;
  /** One-time cost per loaded pool: memory allocation, instantiation and the copy. */
  simd_create_ms: number | null;
  simd_copy_ms: number | null;
  simd_memory_bytes: number | null;
  max_abs_diff: number | null;
  simd_within_budget: boolean | null;
}

const supported = simdScanSupported();
say(`WebAssembly SIMD ${supported ? 'supported' : 'NOT supported: only the JS scan is timed'}`);
const rows: Row[] = [];
for (const n of sizes) {
  const nRuns = n >= 1_000_000 ? bigRuns : runs;
  const warmup = n >= 1_000_000 ? 3 : 20;
  say(`${n} × ${dims}: generating…`);
  const { emb, queries } = synthetic(n);
  const survivors = Int32Array.from({ length: n }, (_, i) => i);
  const outJs = new Float32Array(n);
  const outSimd = new Float32Array(n);

  say(`${n} × ${dims}: JS scan, ${nRuns} runs…`);
  const js = time(nRuns, warmup, (r) => scanSimilarity(emb, queries[r % queries.length], survivors, n, outJs));

  let simd: Stats | null = null;
  let createMs: number | null = null;
  let copyMs: number | null = null;
  let memoryBytes: number | null = null;
  let maxDiff: number | null = null;
  const t0 = performance.now();
  const scanner = supported ? createSimdScanner(emb) : null;
  if (scanner) {
    createMs = round(performance.now() - t0);
    copyMs = round(scanner.copyMs);
    memoryBytes = scanner.memoryBytes;
    say(`${n} × ${dims}: SIMD scan, ${nRuns} runs…`);
    simd = time(nRuns, warmup, (r) => scanner.scan(queries[r % queries.length], survivors, n, outSimd));
    scanSimilarity(emb, queries[0], survivors, n, outJs);
    scanner.scan(queries[0], survivors, n, outSimd);
    maxDiff = 0;
    for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(outJs[i] - outSimd[i]));
    maxDiff = +maxDiff.toExponential(2);
  } else if (supported) {
    say(`${n} × ${dims}: createSimdScanner returned null (memory refused?)`);
  }
  rows.push({
    candidates: n,
    dims,
    budget_ms: budget(n),
    js,
    simd,
    speedup_median: simd ? round(js.median_ms / simd.median_ms, 1) : null,
    simd_create_ms: createMs,
    simd_copy_ms: copyMs,
    simd_memory_bytes: memoryBytes,
    max_abs_diff: maxDiff,
    simd_within_budget: simd ? simd.median_ms <= budget(n) : null,
  });
}

const fmt = (s: Stats | null) => (s ? `${s.median_ms} / ${s.p95_ms}` : 'n/a');
const lines = [
  `### Similarity scan, int8 × ${dims} dims, all candidates scanned, warm (Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'})`,
  '',
  '| candidates | runs | JS median / p95 ms | SIMD median / p95 ms | speed-up | SPEC §10 budget | one-time copy into wasm (create) ms | wasm memory | max abs Δ |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) =>
    `| ${r.candidates} | ${r.js.runs} | ${fmt(r.js)} | ${fmt(r.simd)} | ${r.speedup_median ?? 'n/a'}× | ≤ ${r.budget_ms} ms | ${r.simd_copy_ms ?? 'n/a'} (${r.simd_create_ms ?? 'n/a'}) | ${r.simd_memory_bytes === null ? 'n/a' : `${(r.simd_memory_bytes / 2 ** 20).toFixed(1)} MiB`} | ${r.max_abs_diff ?? 'n/a'} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);

const report = {
  generated_at: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.availableParallelism(),
  simd_supported: supported,
  dims,
  note: 'full scans (every candidate a survivor) over synthetic random int8 vectors; copy/create are once per loaded pool',
  rows,
};
mkdirSync(path.dirname(values.json), { recursive: true });
writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
say(`wrote ${path.relative(process.cwd(), values.json)}`);
