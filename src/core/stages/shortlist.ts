/**
 * Stage 2 — shortlist (SPEC §4): score = sim + bonus over the stage-1 survivors, keep the best
 * k = min(N, max(80, ⌈0.02 N⌉)), ordered by score (rounded to 9 decimals) descending, then id.
 */
import type { PackedFacts, PackedPool } from '../pool/packed';
import { FLAG_FAITH_OPT_IN, FLAG_FAITH_PREFER_SAME, INTEREST_WORDS } from '../pool/packed';
import { popcount32 } from '../util/bits';

export function shortlistSize(n: number): number {
  return Math.min(n, Math.max(80, Math.ceil(0.02 * n)));
}

/**
 * The rule bonus of §4 for candidate i. J(A,B) = |A∩B| / max(1, |A∪B|).
 * 0.60 J(interests) + 0.30 J(values) + 0.20 same pace + 0.20 shared language
 * + 0.20 same band / 0.10 one band apart + 0.15 same faith (query opted in, prefers same).
 */
export function ruleBonus(pool: PackedPool, q: PackedFacts, i: number): number {
  const ib = i * INTEREST_WORDS;
  const a0 = pool.interests[ib], a1 = pool.interests[ib + 1];
  const interInt = popcount32(q.interests[0] & a0) + popcount32(q.interests[1] & a1);
  const unionInt = popcount32(q.interests[0] | a0) + popcount32(q.interests[1] | a1);
  const cv = pool.values[i];
  const interVal = popcount32(q.values & cv);
  const unionVal = popcount32(q.values | cv);
  let bonus = 0.6 * (interInt / (unionInt > 1 ? unionInt : 1)) + 0.3 * (interVal / (unionVal > 1 ? unionVal : 1));
  if (pool.pace[i] === q.pace) bonus += 0.2;
  const lb = i * pool.langWords;
  for (let w = 0; w < pool.langWords; w++) {
    if ((q.langs[w] & pool.langs[lb + w]) !== 0) { bonus += 0.2; break; }
  }
  const gap = pool.band[i] - q.band;
  if (gap === 0) bonus += 0.2;
  else if (gap === 1 || gap === -1) bonus += 0.1;
  if ((q.flags & FLAG_FAITH_PREFER_SAME) !== 0 && (pool.flags[i] & FLAG_FAITH_OPT_IN) !== 0 &&
      q.religion !== 0 && pool.religion[i] === q.religion) bonus += 0.15;
  return bonus;
}

/** Scores compared rounded to 9 decimals, so floating-point noise never decides an order. */
const key = (score: number) => Math.round(score * 1e9);

export interface ShortlistOutput {
  /** Pool indices in shortlist order. */
  order: Int32Array;
  /** Score (sim + bonus) of each shortlisted candidate, aligned with `order`. */
  scores: Float64Array;
  sims: Float64Array;
}

/**
 * Build the shortlist from the survivors. `sim` (optional) gives the raw cosine similarity per
 * pool index; it is min–max normalised over the survivors (0.5 for all when max = min).
 * Without it, sim = 0 for everyone.
 */
export function shortlist(
  pool: PackedPool,
  q: PackedFacts,
  survivors: Int32Array,
  count: number,
  sim?: Float32Array,
): ShortlistOutput {
  const score = pool.scratch.score;
  let lo = Infinity, hi = -Infinity;
  if (sim) {
    for (let s = 0; s < count; s++) {
      const v = sim[survivors[s]];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const span = hi - lo;
  for (let s = 0; s < count; s++) {
    const i = survivors[s];
    const normSim = sim ? (span > 0 ? (sim[i] - lo) / span : 0.5) : 0;
    score[i] = key(normSim + ruleBonus(pool, q, i));
  }

  // Keep the best k in a bounded min-heap whose root is the worst kept candidate.
  const k = shortlistSize(count);
  const heap = new Int32Array(k);
  const rank = pool.idRank;
  // worse(a, b): a ranks after b in the final order.
  const worse = (a: number, b: number) => score[a] < score[b] || (score[a] === score[b] && rank[a] > rank[b]);
  let size = 0;
  const siftUp = (pos: number) => {
    const item = heap[pos];
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!worse(item, heap[parent])) break;
      heap[pos] = heap[parent];
      pos = parent;
    }
    heap[pos] = item;
  };
  const siftDown = (pos: number) => {
    const item = heap[pos];
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= size) break;
      if (child + 1 < size && worse(heap[child + 1], heap[child])) child++;
      if (!worse(heap[child], item)) break;
      heap[pos] = heap[child];
      pos = child;
    }
    heap[pos] = item;
  };
  for (let s = 0; s < count; s++) {
    const i = survivors[s];
    if (size < k) { heap[size] = i; siftUp(size++); }
    else if (worse(heap[0], i)) { heap[0] = i; siftDown(0); }
  }
  const order = heap.slice(0, size).sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  const scores = new Float64Array(size);
  const sims = new Float64Array(size);
  for (let r = 0; r < size; r++) {
    const i = order[r];
    scores[r] = score[i] / 1e9;
    sims[r] = sim ? (span > 0 ? (sim[i] - lo) / span : 0.5) : 0;
  }
  return { order, scores, sims };
}
