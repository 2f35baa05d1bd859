/** Bit helpers for the packed pool's bitsets. */

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Indices of the set bits of a multi-word bitset, in ascending order. */
export function bitsToIndices(words: ArrayLike<number>, offset: number, count: number): number[] {
  const out: number[] = [];
  for (let w = 0; w < count; w++) {
    let x = words[offset + w] >>> 0;
    while (x !== 0) {
      const low = x & -x;
      out.push(w * 32 + (31 - Math.clz32(low)));
      x = (x ^ low) >>> 0;
    }
  }
  return out;
}

/** Round half up to `digits` decimals, robust to binary noise (0.725 → 0.73). */
export function roundHalfUp(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.floor(x * f + 0.5 + 1e-9) / f;
}
