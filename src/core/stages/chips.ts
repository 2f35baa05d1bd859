/**
 * Chips (SPEC §5): up to 4 — the candidate's interests shared with the query first, then its
 * other interests, then its values; each group in vocabulary order; title-cased. A value that
 * reveals faith (`spirituality`; privacy/faith.ts) is never a chip.
 */
import type { PackedFacts, PackedPool } from '../pool/packed';
import { INTEREST_WORDS } from '../pool/packed';
import { shareableValues } from '../privacy/faith';
import { INTERESTS, VALUES, titleCase } from '../profile/vocab';
import { bitsToIndices } from '../util/bits';

export function chipsFor(pool: PackedPool, q: PackedFacts, i: number, max = 4): string[] {
  const own = bitsToIndices(pool.interests, i * INTEREST_WORDS, INTEREST_WORDS);
  const isShared = (b: number) => (q.interests[b >>> 5] & (1 << (b & 31))) !== 0;
  const values = shareableValues(VALUES.filter((_, v) => (pool.values[i] & (1 << v)) !== 0));
  return [
    ...own.filter(isShared).map((b) => INTERESTS[b]),
    ...own.filter((b) => !isShared(b)).map((b) => INTERESTS[b]),
    ...values,
  ].slice(0, max).map(titleCase);
}
