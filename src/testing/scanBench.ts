/**
 * The similarity scan measured on synthetic int8 embeddings (seeded, 384 dims by default):
 * every candidate scanned, WebAssembly SIMD when available, else plain JS. Shared by
 * `npm run bench` (Node) and the worker's test hooks (the performance suite), so both
 * measure the same thing. The scan's speed does not depend on the vectors' values.
 */
import { Prng } from '../../scripts/pool/prng';
import { type PoolEmbeddings, scanSimilarity } from '../core/similarity/poolEmbeddings';
import { createSimdScanner } from '../core/similarity/simdScan';

export interface ScanBench {
  candidates: number;
  dims: number;
  kernel: 'wasm-simd' | 'js';
  runs: number;
  median_ms: number;
  p95_ms: number;
  /** One-time cost per loaded pool: copying the vectors into the scanner's memory. */
  setup_ms: number;
}

export function syntheticEmbeddings(n: number, dims: number, seed = 'bench'): { emb: PoolEmbeddings; query: Float32Array } {
  const rng = new Prng(seed, n);
  const vectors = new Int8Array(n * dims);
  for (let i = 0; i + 3 < vectors.length; i += 4) {
    const r = rng.u32();
    vectors[i] = r; vectors[i + 1] = r >> 8; vectors[i + 2] = r >> 16; vectors[i + 3] = r >> 24;
  }
  const scales = new Float32Array(n).fill(1 / (128 * Math.sqrt(dims / 3)));
  const query = Float32Array.from({ length: dims }, () => rng.next() * 2 - 1);
  let norm = 0;
  for (const v of query) norm += v * v;
  for (let j = 0; j < dims; j++) query[j] /= Math.sqrt(norm);
  return { emb: { modelId: 'synthetic', dims, count: n, scales, vectors }, query };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Time `f` over `runs` warm runs (a few warm-up runs first); median and p95 in ms. */
export function timeRuns(runs: number, f: (run: number) => void): { runs: number; median_ms: number; p95_ms: number } {
  const times: number[] = [];
  const warmup = Math.min(10, Math.max(2, runs));
  for (let r = -warmup; r < runs; r++) {
    const t0 = performance.now();
    f(r + warmup);
    if (r >= 0) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, median_ms: round(quantile(times, 0.5)), p95_ms: round(quantile(times, 0.95)) };
}

export function benchScan(candidates: number, runs: number, opts: { dims?: number; kernel?: 'auto' | 'js' } = {}): ScanBench {
  const dims = opts.dims ?? 384;
  const { emb, query } = syntheticEmbeddings(candidates, dims);
  const all = Int32Array.from({ length: candidates }, (_, i) => i);
  const out = new Float32Array(candidates);
  const t0 = performance.now();
  const scanner = opts.kernel === 'js' ? null : createSimdScanner(emb);
  const setup = performance.now() - t0;
  const t = scanner
    ? timeRuns(runs, () => scanner.scan(query, all, candidates, out))
    : timeRuns(runs, () => scanSimilarity(emb, query, all, candidates, out));
  return { candidates, dims, kernel: scanner ? 'wasm-simd' : 'js', ...t, setup_ms: round(setup) };
}
