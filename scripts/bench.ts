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
import { generatePool } from '../src/core/pool/generate';
import { type PackedPool, PoolPacker, packQuery, universeOf } from '../src/core/pool/packed';
import { Prng } from '../src/core/pool/prng';
import type { Profile } from '../src/core/profile/types';
import { type PoolEmbeddings, scanSimilarity } from '../src/core/similarity/poolEmbeddings';
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
const round = (x: number) => Math.round(x * 1000) / 1000;

function measure(n: number, f: (r: number) => void): Stats {
  const warmup = Math.min(20, Math.max(3, n));
  const times: number[] = [];
  for (let r = -warmup; r < n; r++) {
    const t0 = performance.now();
    f(r + warmup);
    if (r >= 0) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, median_ms: round(quantile(times, 0.5)), p95_ms: round(quantile(times, 0.95)) };
}

/** Bytes the loaded pool holds per search: typed arrays, string columns and scratch buffers. */
function packedBytes(pool: PackedPool): number {
  let bytes = 0;
  for (const v of Object.values(pool)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  for (const v of Object.values(pool.scratch)) bytes += v.byteLength;
  for (const col of [pool.id, pool.name]) bytes += col.bytes.byteLength + col.offsets.byteLength;
  for (const col of [pool.city, pool.country, pool.hiddenCity]) bytes += col.codes.byteLength;
  return bytes;
}

function syntheticEmbeddings(n: number): { emb: PoolEmbeddings; query: Float32Array } {
  const rng = new Prng('bench', n);
  const vectors = new Int8Array(n * DIMS);
  for (let i = 0; i < vectors.length; i += 4) {
    const r = rng.u32();
    vectors[i] = r; vectors[i + 1] = r >> 8; vectors[i + 2] = r >> 16; vectors[i + 3] = r >> 24;
  }
  const scales = new Float32Array(n).fill(1 / (128 * Math.sqrt(DIMS / 3)));
  const query = Float32Array.from({ length: DIMS }, () => rng.next() * 2 - 1);
  const norm = Math.hypot(...query);
  for (let j = 0; j < DIMS; j++) query[j] /= norm;
  return { emb: { modelId: 'synthetic', dims: DIMS, count: n, scales, vectors }, query };
}

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
  const rules = measure(n, (r) => {
    const i = r % queries.length;
    const h = hardFilter(pool, facts[i], 'u_query', queries[i].companion.blocklist);
    shortlist(pool, facts[i], h.survivors, h.count);
    survivorCounts.push(h.count);
  });
  survivorCounts.sort((a, b) => a - b);

  const { emb, query } = syntheticEmbeddings(size);
  const all = Int32Array.from({ length: size }, (_, i) => i);
  const out = new Float32Array(size);
  const js = measure(Math.max(5, Math.round(n / 4)), () => scanSimilarity(emb, query, all, size, out));
  const scanner = createSimdScanner(emb);
  const simd = scanner ? measure(n, () => scanner.scan(query, all, size, out)) : null;
  const h = hardFilter(pool, facts[0], 'u_query', []);
  const survivorsScan = scanner ? measure(n, () => scanner.scan(query, h.survivors, h.count, out)) : null;
  const embeddingBytes = DIMS + 4;

  rows.push({
    candidates: size,
    pack_ms: Math.round(packMs),
    rules_stage1_stage2: { ...rules, budget_ms: BUDGET.rules(size), survivors_median: quantile(survivorCounts, 0.5) },
    scan_all_simd: simd && { ...simd, budget_ms: BUDGET.scan(size) },
    scan_all_js: { ...js, budget_ms: BUDGET.scan(size) },
    scan_survivors_simd: survivorsScan && { ...survivorsScan, survivors: h.count },
    simd_copy_ms: scanner ? round(scanner.copyMs) : null,
    memory_bytes_per_candidate: { packed_pool: Math.round(packedBytes(pool) / size), embeddings_int8: embeddingBytes, total: Math.round(packedBytes(pool) / size) + embeddingBytes, budget: 600 },
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
