/**
 * WebAssembly-SIMD similarity scan (SPEC §4, §10): the same contract as `scanSimilarity`, about
 * an order of magnitude faster, with the plain-JS scan as the fallback wherever this returns null.
 *
 * The query is quantised to int8 per search (query_scale = max|q| / 127), so each row is an exact
 * int8·int8 integer dot product, times `query_scale × scale_i`:
 *
 *   sim_i ≈ query_scale × scale_i × Σ_j q8_j × v8_ij
 *
 * The integer sum is exact and order-independent, so results are deterministic; they differ from
 * the float scan only by the query's quantisation (|Δ| ≲ 0.005 for normalised 384-dim vectors).
 *
 * The module is hand-assembled below (no build step, no .wasm file). It imports one linear memory,
 * `env.memory`, which the JS side sizes once per pool with this layout (all offsets 16-aligned):
 *
 *   [0, V)          vectors   count × dims int8 (copied once per pool)
 *   [S, S + 4n)     scales    count × f32       (copied once per pool)
 *   [Q, Q + 2·dims) query     dims × i16 (int8 values, widened once per search for the SIMD dot)
 *   [R, R + 4n)     survivors count × i32 pool indices (copied per search); the scan overwrites
 *                   slot s with survivor s's similarity as f32, then JS scatters it into `out`.
 *
 * The module's one function, in WAT (params 0–6; locals 7–15):
 *
 *   (module
 *     (import "env" "memory" (memory 1))
 *     (func (export "scan")
 *       (param $vec i32) (param $dims i32) (param $scales i32) (param $q i32)
 *       (param $surv i32) (param $count i32) (param $qscale f32)
 *       (local $i4 i32) (local $row i32) (local $rowEnd i32) (local $qp i32) (local $survEnd i32)
 *       (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $v v128)
 *       ;; $dims must be a positive multiple of 32 here; 16-multiples are handled by the JS side
 *       ;; padding each row to 32 bytes (see `rowBytes`), so the loop below always sees 32-byte steps.
 *       (if (i32.eqz (local.get $count)) (then (return)))
 *       (local.set $survEnd (i32.add (local.get $surv) (i32.shl (local.get $count) (i32.const 2))))
 *       (loop $rows
 *         ;; i4 = surv[s] × 4 ; row = vec + surv[s] × dims
 *         (local.set $i4 (i32.shl (i32.load (local.get $surv)) (i32.const 2)))
 *         (local.set $row (i32.add (local.get $vec)
 *                                  (i32.mul (i32.load (local.get $surv)) (local.get $dims))))
 *         (local.set $rowEnd (i32.add (local.get $row) (local.get $dims)))
 *         (local.set $qp (local.get $q))
 *         (local.set $acc0 (v128.const i32x4 0 0 0 0)) … $acc1 … $acc2 … $acc3
 *         (loop $cols                                  ;; 32 int8 per turn, 4 accumulators
 *           (local.set $v (v128.load (local.get $row)))
 *           (local.set $acc0 (i32x4.add (local.get $acc0)
 *             (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (v128.load offset=0 (local.get $qp)))))
 *           (local.set $acc1 (i32x4.add (local.get $acc1)
 *             (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (v128.load offset=16 (local.get $qp)))))
 *           (local.set $v (v128.load offset=16 (local.get $row)))
 *           (local.set $acc2 (i32x4.add (local.get $acc2)
 *             (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (v128.load offset=32 (local.get $qp)))))
 *           (local.set $acc3 (i32x4.add (local.get $acc3)
 *             (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (v128.load offset=48 (local.get $qp)))))
 *           (local.set $qp (i32.add (local.get $qp) (i32.const 64)))
 *           (br_if $cols (i32.lt_u (local.tee $row (i32.add (local.get $row) (i32.const 32)))
 *                                  (local.get $rowEnd))))
 *         ;; v = (acc0 + acc1) + (acc2 + acc3); surv[s] = f32(Σ lanes) × qscale × scales[i]
 *         (local.set $v (i32x4.add (i32x4.add (local.get $acc0) (local.get $acc1))
 *                                  (i32x4.add (local.get $acc2) (local.get $acc3))))
 *         (f32.store (local.get $surv)
 *           (f32.mul (f32.mul (f32.convert_i32_s
 *                               (i32.add (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
 *                                        (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))
 *                             (local.get $qscale))
 *                    (f32.load (i32.add (local.get $scales) (local.get $i4)))))
 *         (br_if $rows (i32.lt_u (local.tee $surv (i32.add (local.get $surv) (i32.const 4)))
 *                                (local.get $survEnd))))))
 *
 * Overflow: |q8|, |v8| ≤ 128, so one i32 lane holds at most dims/4 products ≤ 16 384 each:
 * fine up to dims = 2^17. The f32 conversion is exact while |Σ| < 2^24 (dims ≤ 1024).
 *
 * Dims that are a multiple of 16 but not of 32 (e.g. 48) are stored with each row padded by 16
 * zero bytes and the query padded with zeros, so the module only needs the 32-byte loop.
 */
import type { PoolEmbeddings } from './poolEmbeddings';

/** WebAssembly page size and the most pages a 32-bit memory can have (4 GiB). */
export const WASM_PAGE_BYTES = 65_536;
export const WASM_MAX_PAGES = 65_536;

export interface SimdScanner {
  readonly dims: number;
  readonly count: number;
  /** Bytes of the scanner's WebAssembly memory (whole pages). */
  readonly memoryBytes: number;
  /** Time the one-time copy of the pool's vectors and scales into wasm memory took, in ms. */
  readonly copyMs: number;
  /**
   * The pool's embeddings as views into the scanner's memory (the same values as the original;
   * for dims that are not a multiple of 32, whose rows are padded there, the original object).
   * Keep this instead of the original so the fetched buffer can be garbage-collected and the
   * vectors are held once, not twice (SPEC §10: ≤ 600 bytes per candidate). The views stay valid
   * for the scanner's life: its memory never grows.
   */
  readonly embeddings: PoolEmbeddings;
  /**
   * Same contract as `scanSimilarity(emb, query, survivors, count, out)`: writes the cosine
   * similarity of each survivor `i = survivors[s]` (s < count) into `out[i]`, nothing else.
   * Survivor indices must be in [0, this.count) (as stage 1 produces them); the wasm side does
   * not check them (memory-safe regardless: at worst a wrong value or a RuntimeError trap).
   */
  scan(query: Float32Array, survivors: Int32Array, count: number, out: Float32Array): void;
}

export interface SimdScannerOptions {
  /** Refuse (null) when the memory would need more pages than this (default 65 536 = 4 GiB). */
  maxPages?: number;
}

// ---------------------------------------------------------------------------------------------
// A tiny WebAssembly encoder: just what the module above needs.

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32const = (n: number) => [0x41, ...sleb(n)];
const memarg = (align: number, offset: number) => [...uleb(align), ...uleb(offset)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const op = {
  block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, brIf: 0x0d, return: 0x0f, void: 0x40,
  i32Load: 0x28, f32Load: 0x2a, f32Store: 0x38,
  i32Eqz: 0x45, i32LtU: 0x49, i32Add: 0x6a, i32Mul: 0x6c, i32Shl: 0x74,
  f32Mul: 0x94, f32ConvertI32S: 0xb2,
} as const;
const v128Load = (offset: number) => simd(0x00, ...memarg(4, offset));
const v128Zero = simd(0x0c, ...new Array<number>(16).fill(0));
const i32x4ExtractLane = (lane: number) => simd(0x1b, lane);
const I16X8_EXTEND_LOW_I8X16_S = simd(0x87);
const I16X8_EXTEND_HIGH_I8X16_S = simd(0x88);
const I32X4_ADD = simd(0xae);
const I32X4_DOT_I16X8_S = simd(0xba);

// Parameter and local indices, as in the WAT above.
const VEC = 0, DIMS = 1, SCALES = 2, Q = 3, SURV = 4, COUNT = 5, QSCALE = 6;
const I4 = 7, ROW = 8, ROW_END = 9, QP = 10, SURV_END = 11;
const ACC0 = 12, ACC1 = 13, ACC2 = 14, ACC3 = 15, V = 16;

/** One half (16 int8) of a 32-byte step: acc += dot(extend(v), query i16 at qp + qOffset). */
const half = (acc: number, extend: number[], qOffset: number) => [
  ...get(acc), ...get(V), ...extend, ...get(QP), ...v128Load(qOffset), ...I32X4_DOT_I16X8_S, ...I32X4_ADD, ...set(acc),
];

function scanBody(): number[] {
  return [
    // if count == 0: return
    ...get(COUNT), op.i32Eqz, op.if, op.void, op.return, op.end,
    // survEnd = surv + count × 4
    ...get(SURV), ...get(COUNT), ...i32const(2), op.i32Shl, op.i32Add, ...set(SURV_END),
    op.loop, op.void, // $rows
    /**/ ...get(SURV), op.i32Load, ...memarg(2, 0), ...i32const(2), op.i32Shl, ...set(I4),
    /**/ ...get(VEC), ...get(SURV), op.i32Load, ...memarg(2, 0), ...get(DIMS), op.i32Mul, op.i32Add, ...tee(ROW),
    /**/ ...get(DIMS), op.i32Add, ...set(ROW_END),
    /**/ ...get(Q), ...set(QP),
    /**/ ...v128Zero, ...tee(ACC0), ...tee(ACC1), ...tee(ACC2), ...set(ACC3),
    /**/ op.loop, op.void, // $cols
    /*    */ ...get(ROW), ...v128Load(0), ...set(V),
    /*    */ ...half(ACC0, I16X8_EXTEND_LOW_I8X16_S, 0),
    /*    */ ...half(ACC1, I16X8_EXTEND_HIGH_I8X16_S, 16),
    /*    */ ...get(ROW), ...v128Load(16), ...set(V),
    /*    */ ...half(ACC2, I16X8_EXTEND_LOW_I8X16_S, 32),
    /*    */ ...half(ACC3, I16X8_EXTEND_HIGH_I8X16_S, 48),
    /*    */ ...get(QP), ...i32const(64), op.i32Add, ...set(QP),
    /*    */ ...get(ROW), ...i32const(32), op.i32Add, ...tee(ROW), ...get(ROW_END), op.i32LtU, op.brIf, 0,
    /**/ op.end,
    /**/ ...get(ACC0), ...get(ACC1), ...I32X4_ADD, ...get(ACC2), ...get(ACC3), ...I32X4_ADD, ...I32X4_ADD, ...set(V),
    /**/ ...get(SURV), // address for the f32.store
    /**/ ...get(V), ...i32x4ExtractLane(0), ...get(V), ...i32x4ExtractLane(1), op.i32Add,
    /**/ ...get(V), ...i32x4ExtractLane(2), ...get(V), ...i32x4ExtractLane(3), op.i32Add, op.i32Add,
    /**/ op.f32ConvertI32S, ...get(QSCALE), op.f32Mul,
    /**/ ...get(SCALES), ...get(I4), op.i32Add, op.f32Load, ...memarg(2, 0), op.f32Mul,
    /**/ op.f32Store, ...memarg(2, 0),
    /**/ ...get(SURV), ...i32const(4), op.i32Add, ...tee(SURV), ...get(SURV_END), op.i32LtU, op.brIf, 0,
    op.end,
    op.end, // function
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const body = [...vec([[5, I32], [5, V128]]), ...scanBody()];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [F32]]), ...vec([])]])), // types
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])), // import memory, min 1
    ...section(3, vec([uleb(0)])), // one function of type 0
    ...section(7, vec([[...name('scan'), 0x00, ...uleb(0)]])), // export "scan" = func 0
    ...section(10, vec([[...uleb(body.length), ...body]])), // code
  ]);
}

type ScanFn = (vec: number, dims: number, scales: number, q: number, surv: number, count: number, qscale: number) => void;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null when WebAssembly or its SIMD extension is unavailable. */
function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return null;
    const bytes = moduleBytes();
    // validate() is false where SIMD (or any opcode used) is unsupported. Synchronous compile is
    // fine here: the module is far below the 4 KB main-thread limit some browsers impose.
    if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether this engine runs the SIMD scan (WebAssembly with fixed-width SIMD). */
export function simdScanSupported(): boolean {
  return simdModule() !== null;
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

/**
 * Copy the pool's int8 vectors and scales into a new WebAssembly memory (once per pool) and
 * return a scanner over them; null — use `scanSimilarity` — when SIMD is unsupported, `dims` is
 * not a positive multiple of 16, or the memory cannot be had (over `maxPages`, or the engine
 * refuses the allocation: 1 000 000 × 384 dims needs about 392 MB).
 */
export function createSimdScanner(emb: PoolEmbeddings, options: SimdScannerOptions = {}): SimdScanner | null {
  const { dims, count } = emb;
  if (!Number.isInteger(dims) || dims <= 0 || dims % 16 !== 0) return null;
  if (!Number.isInteger(count) || count < 0) return null;
  if (emb.vectors.length < count * dims || emb.scales.length < count) return null;
  const module = simdModule();
  if (!module) return null;

  const t0 = performance.now();
  const rowBytes = dims % 32 === 0 ? dims : dims + 16; // the module steps 32 bytes at a time
  const scalesOff = align16(count * rowBytes);
  const queryOff = align16(scalesOff + 4 * count);
  const survOff = align16(queryOff + 2 * rowBytes);
  const total = survOff + 4 * Math.max(count, 1);
  const pages = Math.max(1, Math.ceil(total / WASM_PAGE_BYTES));
  if (pages > Math.min(options.maxPages ?? WASM_MAX_PAGES, WASM_MAX_PAGES)) return null;

  let memory: WebAssembly.Memory;
  let scanFn: ScanFn;
  try {
    // All pages up front and no growth later: views made below stay valid for the scanner's life.
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    scanFn = instance.exports.scan as ScanFn;
  } catch {
    return null; // RangeError: out of memory / address space (or an engine without the feature)
  }
  const buffer = memory.buffer;
  const vectors = new Int8Array(buffer, 0, count * rowBytes);
  if (rowBytes === dims) {
    vectors.set(emb.vectors.subarray(0, count * dims));
  } else {
    for (let i = 0; i < count; i++) vectors.set(emb.vectors.subarray(i * dims, (i + 1) * dims), i * rowBytes);
  }
  new Float32Array(buffer, scalesOff, count).set(emb.scales.subarray(0, count));
  const query16 = new Int16Array(buffer, queryOff, rowBytes); // padding lanes stay 0
  const surv32 = new Int32Array(buffer, survOff, count);
  const result32 = new Float32Array(buffer, survOff, count);
  const copyMs = performance.now() - t0;

  return {
    dims,
    count,
    memoryBytes: pages * WASM_PAGE_BYTES,
    copyMs,
    embeddings: rowBytes === dims
      ? { modelId: emb.modelId, dims, count, scales: new Float32Array(buffer, scalesOff, count), vectors }
      : emb,
    scan(query: Float32Array, survivors: Int32Array, n: number, out: Float32Array): void {
      if (n <= 0) return;
      if (n > count || n > survivors.length) throw new RangeError(`scan: ${n} survivors for a pool of ${count}`);
      if (query.length < dims) throw new RangeError(`scan: query has ${query.length} dims, expected ${dims}`);
      let max = 0;
      for (let j = 0; j < dims; j++) {
        const a = Math.abs(query[j]);
        if (a > max) max = a;
      }
      const inv = max > 0 ? 127 / max : 0;
      for (let j = 0; j < dims; j++) query16[j] = Math.round(query[j] * inv);
      surv32.set(survivors.subarray(0, n));
      scanFn(0, rowBytes, scalesOff, queryOff, survOff, n, max / 127);
      for (let s = 0; s < n; s++) out[survivors[s]] = result32[s];
    },
  };
}
