/**
 * How common each interest is in a pool, so that an explanation names what sets a pair apart
 * (two people who both like "museums" in a pool where everyone does say little; "chess" says
 * more). Counted once per pool from its interest bitsets and kept while the pool lives.
 */
import type { PackedPool } from '../pool/packed';
import { INTEREST_WORDS } from '../pool/packed';

const counts = new WeakMap<PackedPool, Uint32Array>();

/** For each interest of the vocabulary (by index), how many candidates of the pool list it. */
export function interestCounts(pool: PackedPool): Uint32Array {
  let c = counts.get(pool);
  if (!c) {
    c = new Uint32Array(INTEREST_WORDS * 32);
    const words = pool.interests;
    for (let w = 0; w < INTEREST_WORDS; w++) {
      const base = w * 32 + 31;
      for (let k = w; k < pool.n * INTEREST_WORDS; k += INTEREST_WORDS) {
        let x = words[k];
        while (x !== 0) {
          const low = x & -x; // lowest set bit
          c[base - Math.clz32(low)]++;
          x ^= low;
        }
      }
    }
    counts.set(pool, c);
  }
  return c;
}

/**
 * The interests rarest first (by their pool counts, parallel to `interests`); ties, and lists
 * without counts, keep the given (vocabulary) order, so the choice is deterministic.
 */
export function rarestFirst(interests: readonly string[], counts?: readonly number[]): string[] {
  if (!counts || counts.length !== interests.length) return [...interests];
  return interests
    .map((name, i) => ({ name, n: counts[i], i }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((x) => x.name);
}
