/**
 * Stage 1 — hard prefilter by mutual consent (SPEC §3). Every rule is applied in both
 * directions; a candidate is counted against the first rule it fails, in the order below.
 */
import { type PackedFacts, type PackedPool, indexOfId } from '../pool/packed';
import {
  CHRONO_FLEXIBLE, DB, FLAG_FAITH_OPT_IN, FLAG_HAS_VALUES, FLAG_REQUIRES_SAME_FAITH,
  FLAG_SAME_PACE, INTEREST_WORDS,
} from '../pool/packed';
import { popcount32 } from '../util/bits';

export const RULES = ['self_or_blocked', 'languages', 'age', 'gender', 'budget', 'pace', 'faith', 'dealbreakers'] as const;
export type RuleName = (typeof RULES)[number];

const SMOKING_NEVER = 0;
const SMOKING_REGULAR = 2;
const ALCOHOL_HEAVY = 3;

export interface HardFilterOutput {
  /** Survivor pool indices, in pool order: `survivors[0..count)`. A view on scratch memory. */
  survivors: Int32Array;
  count: number;
  removed: Record<RuleName, number>;
}

/** Does `other` pass the dealbreakers in `list`? Interest/value counts are computed by the caller. */
function dealbreakersHold(list: number, otherSmoking: number, otherAlcohol: number): boolean {
  if ((list & DB.no_smokers) !== 0 && otherSmoking !== SMOKING_NEVER) return false;
  if ((list & DB.no_smoking_roommates) !== 0 && otherSmoking === SMOKING_REGULAR) return false;
  if ((list & DB.no_heavy_drinkers) !== 0 && otherAlcohol === ALCOHOL_HEAVY) return false;
  return true;
}

/**
 * Run stage 1 for the query `q` (with id `qId` and blocklist `qBlocklist`) over the pool.
 * Allocation-free per candidate: it writes into the pool's scratch buffers.
 */
export function hardFilter(pool: PackedPool, q: PackedFacts, qId: string, qBlocklist: readonly string[]): HardFilterOutput {
  const { n, langWords } = pool;
  const { survivors, excluded } = pool.scratch;
  const removed: Record<RuleName, number> = {
    self_or_blocked: 0, languages: 0, age: 0, gender: 0, budget: 0, pace: 0, faith: 0, dealbreakers: 0,
  };

  // Rule 1 is decided by a handful of look-ups, not per candidate.
  const marked: number[] = [];
  const mark = (i: number | undefined) => {
    if (i !== undefined && excluded[i] === 0) { excluded[i] = 1; marked.push(i); }
  };
  mark(indexOfId(pool, qId));
  for (const id of qBlocklist) mark(indexOfId(pool, id));
  for (const i of pool.blockedBy.get(qId) ?? []) mark(i);

  const qLangs = q.langs;
  const qSamePace = (q.flags & FLAG_SAME_PACE) !== 0;
  const qReqFaith = (q.flags & FLAG_REQUIRES_SAME_FAITH) !== 0;
  const qOptIn = (q.flags & FLAG_FAITH_OPT_IN) !== 0;
  const qHasValues = (q.flags & FLAG_HAS_VALUES) !== 0;
  const qI0 = q.interests[0], qI1 = q.interests[1];
  const qGenderBit = 1 << q.gender;
  const qDbSelf = q.dealbreakers;
  const qChronoFlexible = q.chrono === CHRONO_FLEXIBLE;

  let count = 0;
  for (let i = 0; i < n; i++) {
    if (excluded[i] !== 0) { removed.self_or_blocked++; continue; }

    // 2. languages
    const cMin = pool.minLang[i];
    const need = cMin > q.minLang ? cMin : q.minLang;
    if (need > 0) {
      let shared = 0;
      const base = i * langWords;
      for (let w = 0; w < langWords; w++) shared += popcount32(qLangs[w] & pool.langs[base + w]);
      if (shared < need) { removed.languages++; continue; }
    }

    // 3. age, both ways
    const cAge = pool.age[i];
    if (q.age < pool.ageLo[i] || q.age > pool.ageHi[i] || cAge < q.ageLo || cAge > q.ageHi) { removed.age++; continue; }

    // 4. gender, both ways
    if ((pool.gendersOk[i] & qGenderBit) === 0 || (q.gendersOk & (1 << pool.gender[i])) === 0) { removed.gender++; continue; }

    // 5. budget band: only budget ↔ lux fails
    const bandGap = pool.band[i] - q.band;
    if (bandGap > 1 || bandGap < -1) { removed.budget++; continue; }

    // 6. pace
    const cFlags = pool.flags[i];
    if ((qSamePace || (cFlags & FLAG_SAME_PACE) !== 0) && pool.pace[i] !== q.pace) { removed.pace++; continue; }

    // 7. faith: a side that requires the same faith needs both opted in with equal religions
    if (qReqFaith || (cFlags & FLAG_REQUIRES_SAME_FAITH) !== 0) {
      const cRel = pool.religion[i];
      if (!qOptIn || (cFlags & FLAG_FAITH_OPT_IN) === 0 || cRel === 0 || cRel !== q.religion) { removed.faith++; continue; }
    }

    // 8. dealbreakers, each side's list applied to the other
    const cDb = pool.dealbreakers[i];
    if ((cDb | qDbSelf) !== 0) {
      const either = cDb | qDbSelf;
      let ok = dealbreakersHold(qDbSelf, pool.smoking[i], pool.alcohol[i]) && dealbreakersHold(cDb, q.smoking, q.alcohol);
      if (ok && (either & (DB.min_2_shared_interests | DB.min_3_shared_interests)) !== 0) {
        const ib = i * INTEREST_WORDS;
        const shared = popcount32(qI0 & pool.interests[ib]) + popcount32(qI1 & pool.interests[ib + 1]);
        const needI = (either & DB.min_3_shared_interests) !== 0 ? 3 : 2;
        ok = shared >= needI;
      }
      if (ok && (either & DB.no_zero_shared_values) !== 0 && qHasValues && (cFlags & FLAG_HAS_VALUES) !== 0) {
        ok = (q.values & pool.values[i]) !== 0;
      }
      if (ok && (either & DB.same_chronotype) !== 0) {
        const cChrono = pool.chrono[i];
        ok = qChronoFlexible || cChrono === CHRONO_FLEXIBLE || cChrono === q.chrono;
      }
      if (!ok) { removed.dealbreakers++; continue; }
    }

    survivors[count++] = i;
  }

  for (const i of marked) excluded[i] = 0;
  return { survivors, count, removed };
}
