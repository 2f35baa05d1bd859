/**
 * Benchmark of the core's per-search stages at the pool sizes of SPEC §10 (10 000, 100 000,
 * 1 000 000 generated profiles): stage 1 + stage 2 rule scoring, the similarity scan over every
 * candidate (WebAssembly SIMD and plain JS) and over the stage-1 survivors, and the pool's
 * memory per candidate. Median and p95 over repeated warm runs (warm-up excluded); a table on
 * stdout and JSON in `reports/bench.json`. A benchmark, not a test: it reports, it does not fail.
 *
 *   npm run bench -- [--sizes 10000,100000,1000000] [--runs 100] [--json FILE]
 *
 * Embeddings are synthetic (seeded random int8, 384 dims): the scan's speed does not depend on
 * their values, and real ones for a million profiles would take hours to compute here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatePool } from './pool/generate';
import { PoolPacker, packQuery, poolMemoryBytes, universeOf } from '../src/core/pool/packed';
import type { Profile } from '../src/core/profile/types';
import { benchScan, syntheticEmbeddings, timeRuns } from '../src/testing/scanBench';
import { createSimdScanner } from '../src/core/similarity/simdScan';
import { hardFilter } from '../src/core/stages/hardFilter';
import { shortlist } from '../src/core/stages/shortlist';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    runs: { type: 'string', default: '100' },
    json: { type: 'string', default: 'reports/bench.json' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const DIMS = 384;

interface Stats { runs: number; median_ms: number; p95_ms: number }
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];


const BUDGET = {
  rules: (n: number) => (n <= 10_000 ? 1 : n <= 100_000 ? 10 : 100),
  scan: (n: number) => (n <= 10_000 ? 1 : n <= 100_000 ? 10 : 150),
};

const rows: Record<string, unknown>[] = [];
for (const size of sizes) {
  const t0 = performance.now();
  const packer = new PoolPacker(size, universeOf(generatePool(size, 77)));
  const queries: Profile[] = [];
  for (const p of generatePool(size, 77)) {
    packer.add(p);
    if (queries.length < 20) queries.push({ ...p, id: 'u_query' });
  }
  const pool = packer.finish();
  const packMs = performance.now() - t0;
  const facts = queries.map((q) => packQuery(pool, q));
  const n = size >= 1_000_000 ? Math.max(10, Math.round(runs / 5)) : runs;

  const survivorCounts: number[] = [];
  const rules = timeRuns(n, (r) => {
    const i = r % queries.length;
    const h = hardFilter(pool, facts[i], 'u_query', queries[i].companion.blocklist);
    shortlist(pool, facts[i], h.survivors, h.count);
    survivorCounts.push(h.count);
  });
  survivorCounts.sort((a, b) => a - b);

  const simdRow = benchScan(size, n, { dims: DIMS });
  const simd = simdRow.kernel === 'wasm-simd' ? simdRow : null;
  const js = benchScan(size, Math.max(5, Math.round(n / 4)), { dims: DIMS, kernel: 'js' });
  const { emb, query } = syntheticEmbeddings(size, DIMS);
  const scanner = createSimdScanner(emb);
  const out = new Float32Array(size);
  const h = hardFilter(pool, facts[0], 'u_query', []);
  const survivorsScan = scanner ? timeRuns(n, () => scanner.scan(query, h.survivors, h.count, out)) : null;
  const embeddingBytes = DIMS + 4;

  rows.push({
    candidates: size,
    pack_ms: Math.round(packMs),
    rules_stage1_stage2: { ...rules, budget_ms: BUDGET.rules(size), survivors_median: quantile(survivorCounts, 0.5) },
    scan_all_simd: simd && { ...simd, budget_ms: BUDGET.scan(size) },
    scan_all_js: { ...js, budget_ms: BUDGET.scan(size) },
    scan_survivors_simd: survivorsScan && { ...survivorsScan, survivors: h.count },
    simd_copy_ms: simd ? simd.setup_ms : null,
    memory_bytes_per_candidate: { packed_pool: Math.round(poolMemoryBytes(pool) / size), embeddings_int8: embeddingBytes, total: Math.round(poolMemoryBytes(pool) / size) + embeddingBytes, budget: 600 },
  });
}

mkdirSync(path.dirname(values.json), { recursive: true });
writeFileSync(values.json, `${JSON.stringify({ node: process.version, dims: DIMS, rows }, null, 2)}\n`);

type Row = { candidates: number; rules_stage1_stage2: Stats & { budget_ms: number; survivors_median: number }; scan_all_simd: (Stats & { budget_ms: number }) | null; scan_all_js: Stats & { budget_ms: number }; scan_survivors_simd: (Stats & { survivors: number }) | null; memory_bytes_per_candidate: { total: number } };
const fmt = (s: Stats | null) => (s ? `${s.median_ms} / ${s.p95_ms}` : 'n/a');
console.log(`core stages, warm, Node ${process.version} (median / p95 ms)`);
console.log('| candidates | stage 1 + 2 rules | budget | scan all, SIMD | scan all, JS | budget | scan survivors, SIMD | bytes/candidate (≤ 600) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows as Row[]) {
  console.log(`| ${r.candidates} | ${fmt(r.rules_stage1_stage2)} | ≤ ${r.rules_stage1_stage2.budget_ms} | ${fmt(r.scan_all_simd)} | ${fmt(r.scan_all_js)} | ≤ ${r.scan_all_js.budget_ms} | ${fmt(r.scan_survivors_simd)} (${r.scan_survivors_simd?.survivors ?? '-'}) | ${r.memory_bytes_per_candidate.total} |`);
}
