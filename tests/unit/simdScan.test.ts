import { afterEach, describe, expect, it, vi } from 'vitest';
import { Prng } from '../../scripts/pool/prng';
import { type PoolEmbeddings, encodeEmbeddings, scanSimilarity } from '../../src/core/similarity/poolEmbeddings';
import { WASM_PAGE_BYTES, createSimdScanner, simdScanSupported } from '../../src/core/similarity/simdScan';

function unit(rng: Prng, dims: number): Float32Array {
  const v = new Float32Array(dims);
  let norm = 0;
  for (let j = 0; j < dims; j++) { v[j] = rng.next() * 2 - 1; norm += v[j] * v[j]; }
  for (let j = 0; j < dims; j++) v[j] /= Math.sqrt(norm);
  return v;
}

/** A pool of n normalised vectors quantised as the embeddings file stores them. */
function pool(n: number, dims: number, seed: string, make: (rng: Prng, i: number) => Float32Array = (rng) => unit(rng, dims)): PoolEmbeddings {
  const rng = new Prng(seed, n * dims);
  const bytes = encodeEmbeddings(Array.from({ length: n }, (_, i) => make(rng, i)), dims);
  return { modelId: 'test', dims, count: n, scales: new Float32Array(bytes.buffer, 0, n), vectors: new Int8Array(bytes.buffer, 4 * n, n * dims) };
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const shuffled = (rng: Prng, a: Int32Array) => {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.u32() % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};
const topK = (sims: Float32Array, idx: Int32Array, k: number) => [...idx].sort((a, b) => sims[b] - sims[a] || a - b).slice(0, k);

/** The exact value the SIMD scan computes: the query quantised to int8, the dot in float64. */
function quantisedReference(emb: PoolEmbeddings, query: Float32Array, i: number): number {
  let max = 0;
  for (const x of query) max = Math.max(max, Math.abs(x));
  let dot = 0;
  for (let j = 0; j < emb.dims; j++) dot += Math.round((query[j] * 127) / max) * emb.vectors[i * emb.dims + j];
  return dot * (max / 127) * emb.scales[i];
}

describe('WebAssembly SIMD similarity scan', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is supported by Node 20', () => {
    expect(simdScanSupported()).toBe(true);
  });

  for (const dims of [64, 384]) {
    it(`matches scanSimilarity for ${dims} dims, all candidates, within the query-quantisation error`, () => {
      const n = 3000;
      const emb = pool(n, dims, `full-${dims}`);
      const scanner = createSimdScanner(emb)!;
      expect(scanner).not.toBeNull();
      expect(scanner.dims).toBe(dims);
      expect(scanner.count).toBe(n);
      const rng = new Prng('queries', dims);
      for (let t = 0; t < 5; t++) {
        const q = unit(rng, dims);
        const js = new Float32Array(n), simd = new Float32Array(n);
        scanSimilarity(emb, q, all(n), n, js);
        scanner.scan(q, all(n), n, simd);
        let maxDiff = 0;
        for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(js[i] - simd[i]));
        expect(maxDiff).toBeLessThanOrEqual(0.01);
        // Exactly the int8·int8 product (f32 rounding only).
        for (let i = 0; i < n; i += 97) expect(simd[i]).toBeCloseTo(quantisedReference(emb, q, i), 5);
        // The top of the ranking agrees wherever the JS gap exceeds the quantisation error.
        const top = topK(simd, all(n), 20);
        for (let r = 1; r < top.length; r++) expect(js[top[r - 1]] - js[top[r]]).toBeGreaterThanOrEqual(-2 * maxDiff);
      }
    });

    it(`ranks the same top results as scanSimilarity (${dims} dims, graded neighbours among random vectors)`, () => {
      const n = 2000, graded = 40;
      const rng = new Prng('graded', dims);
      const q = unit(rng, dims);
      // 40 candidates, scattered over the pool, at cosine 0.95, 0.94, …, 0.56 from the query
      // (steps well above the query-quantisation error); the rest are random unit vectors.
      const grade = new Map(Array.from({ length: graded }, (_, g) => [(g * 7919 + 13) % n, 0.95 - 0.01 * g]));
      const emb = pool(n, dims, `graded-${dims}`, (r, i) => {
        const u = unit(r, dims);
        const s = grade.get(i);
        if (s === undefined) return u;
        const along = u.reduce((acc, x, j) => acc + x * q[j], 0);
        const ortho = u.map((x, j) => x - along * q[j]);
        const norm = Math.hypot(...ortho);
        return q.map((x, j) => s * x + Math.sqrt(1 - s * s) * (ortho[j] / norm));
      });
      const js = new Float32Array(n), simd = new Float32Array(n);
      scanSimilarity(emb, q, all(n), n, js);
      createSimdScanner(emb)!.scan(q, all(n), n, simd);
      const top = topK(simd, all(n), graded);
      expect(top).toEqual(topK(js, all(n), graded));
      expect(top).toEqual([...grade.keys()]);
    });
  }

  it('scans only the survivors, in any order, and leaves every other slot alone', () => {
    const n = 1500, dims = 384;
    const emb = pool(n, dims, 'subset');
    const scanner = createSimdScanner(emb)!;
    const rng = new Prng('subset-survivors', 1);
    for (const size of [1, 7, 700]) {
      const survivors = shuffled(rng, all(n)).slice(0, size);
      const q = unit(rng, dims);
      const js = new Float32Array(n).fill(-7), simd = new Float32Array(n).fill(-7);
      scanSimilarity(emb, q, survivors, size, js);
      scanner.scan(q, survivors, size, simd);
      const chosen = new Set(survivors);
      for (let i = 0; i < n; i++) {
        if (chosen.has(i)) expect(Math.abs(simd[i] - js[i])).toBeLessThanOrEqual(0.01);
        else expect(simd[i]).toBe(-7);
      }
    }
  });

  it('honours count over the survivors array length (a scratch buffer longer than the survivors)', () => {
    const n = 500, dims = 64;
    const emb = pool(n, dims, 'count');
    const survivors = Int32Array.from([42, 3, 499, 0, 250, 17, 18, 19]);
    const q = unit(new Prng('count-q', 1), dims);
    const out = new Float32Array(n).fill(-7);
    createSimdScanner(emb)!.scan(q, survivors, 5, out);
    for (const i of [42, 3, 499, 0, 250]) expect(out[i]).not.toBe(-7);
    for (const i of [17, 18, 19]) expect(out[i]).toBe(-7);
  });

  it('does nothing for count 0, and works for an empty pool', () => {
    const emb = pool(100, 64, 'zero');
    const out = new Float32Array(100).fill(-7);
    createSimdScanner(emb)!.scan(unit(new Prng('z', 1), 64), new Int32Array(0), 0, out);
    expect(out.every((x) => x === -7)).toBe(true);
    const empty = createSimdScanner({ modelId: 'test', dims: 384, count: 0, scales: new Float32Array(0), vectors: new Int8Array(0) });
    expect(empty).not.toBeNull();
    empty!.scan(new Float32Array(384), new Int32Array(0), 0, new Float32Array(0));
  });

  it('copies the pool once: later searches reuse it, with new queries and survivor lists', () => {
    const n = 800, dims = 384;
    const emb = pool(n, dims, 'reuse');
    const original = { ...emb, vectors: emb.vectors.slice(), scales: emb.scales.slice() };
    const scanner = createSimdScanner(emb)!;
    emb.vectors.fill(0); // the scanner holds its own copy
    const rng = new Prng('reuse-q', 1);
    for (let t = 0; t < 4; t++) {
      const survivors = shuffled(rng, all(n)).slice(0, 100 + 200 * t);
      const q = unit(rng, dims);
      const js = new Float32Array(n), simd = new Float32Array(n);
      scanSimilarity(original, q, survivors, survivors.length, js);
      scanner.scan(q, survivors, survivors.length, simd);
      for (const i of survivors) expect(Math.abs(simd[i] - js[i])).toBeLessThanOrEqual(0.01);
    }
  });

  it('exposes the embeddings as views into its memory, equal to the original', () => {
    const emb = pool(300, 384, 'views');
    const scanner = createSimdScanner(emb)!;
    const { vectors, scales } = scanner.embeddings;
    expect(vectors.length).toBe(emb.vectors.length);
    expect(scales.length).toBe(emb.scales.length);
    expect(vectors.every((x, k) => x === emb.vectors[k])).toBe(true);
    expect(scales.every((x, k) => x === emb.scales[k])).toBe(true);
    expect(scanner.embeddings.vectors.buffer).not.toBe(emb.vectors.buffer);
    expect(scanner.memoryBytes % WASM_PAGE_BYTES).toBe(0);
    expect(scanner.memoryBytes).toBeGreaterThanOrEqual(300 * (384 + 8));
  });

  it('handles int8 extremes (−128, 127) and a zero query', () => {
    const dims = 64, n = 4;
    const vectors = new Int8Array(n * dims);
    vectors.fill(-128, 0, dims);
    vectors.fill(127, dims, 2 * dims);
    for (let j = 0; j < dims; j++) vectors[2 * dims + j] = j % 2 ? 127 : -128;
    const scales = Float32Array.from([1 / 1024, 1 / 1016, 1 / 1000, 1]);
    const emb: PoolEmbeddings = { modelId: 'test', dims, count: n, scales, vectors };
    const q = new Float32Array(dims).fill(-1 / 8); // unit length, every component at the extreme
    const js = new Float32Array(n), simd = new Float32Array(n);
    const scanner = createSimdScanner(emb)!;
    scanSimilarity(emb, q, all(n), n, js);
    scanner.scan(q, all(n), n, simd);
    for (let i = 0; i < n; i++) expect(simd[i]).toBeCloseTo(js[i], 5);
    scanner.scan(new Float32Array(dims), all(n), n, simd);
    expect([...simd]).toEqual([0, 0, 0, 0]);
  });

  it('supports dims that are multiples of 16 but not of 32 (rows padded in wasm memory)', () => {
    const n = 400, dims = 48;
    const emb = pool(n, dims, 'pad');
    const scanner = createSimdScanner(emb)!;
    expect(scanner).not.toBeNull();
    const q = unit(new Prng('pad-q', 1), dims);
    const js = new Float32Array(n), simd = new Float32Array(n);
    scanSimilarity(emb, q, all(n), n, js);
    scanner.scan(q, all(n), n, simd);
    for (let i = 0; i < n; i++) expect(Math.abs(simd[i] - js[i])).toBeLessThanOrEqual(0.01);
  });

  it('returns null (JS fallback) for dims that are not a multiple of 16', () => {
    for (const dims of [1, 10, 100, 383, 385]) expect(createSimdScanner(pool(10, dims, `odd-${dims}`))).toBeNull();
    expect(createSimdScanner({ modelId: 'test', dims: 0, count: 0, scales: new Float32Array(0), vectors: new Int8Array(0) })).toBeNull();
  });

  it('returns null when the vectors are shorter than count × dims', () => {
    const emb = pool(10, 64, 'short');
    expect(createSimdScanner({ ...emb, count: 11 })).toBeNull();
  });

  it('returns null when the memory would be too large or cannot be allocated', () => {
    const emb = pool(2000, 384, 'memory'); // 2000 × (384 + 8) bytes ≈ 12 pages
    expect(createSimdScanner(emb, { maxPages: 5 })).toBeNull();
    expect(createSimdScanner(emb, { maxPages: 13 })).not.toBeNull();
    vi.spyOn(WebAssembly, 'Memory').mockImplementation(function () {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory');
    });
    expect(createSimdScanner(emb)).toBeNull();
  });

  it('rejects a query shorter than dims and more survivors than the pool', () => {
    const emb = pool(10, 64, 'reject');
    const scanner = createSimdScanner(emb)!;
    expect(() => scanner.scan(new Float32Array(32), all(10), 10, new Float32Array(10))).toThrow(RangeError);
    expect(() => scanner.scan(new Float32Array(64), all(11), 11, new Float32Array(11))).toThrow(RangeError);
  });
});
