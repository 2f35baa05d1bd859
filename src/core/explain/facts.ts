/**
 * What an explanation may say about one (query, candidate) pair: the facts both share, and the
 * words it must never use. Built from the packed pool, so it never sees data that stage 3 may
 * not use (faith is not here except as words to forbid, and a diet that reveals it — halal,
 * kosher — is never a shared fact).
 */
import type { PackedFacts, PackedPool } from '../pool/packed';
import { FLAG_REMOTE_OK, INTEREST_WORDS } from '../pool/packed';
import { shareableDiet, shareableValues } from '../privacy/faith';
import type { HashedCity } from '../privacy/hiddenCity';
import type { BudgetBand, Pace, Profile } from '../profile/types';
import { BANDS, DIETS, INTERESTS, MUST_HAVES, PACES, TRANSPORT, VALUES } from '../profile/vocab';
import { bitsToIndices } from '../util/bits';
import { interestCounts } from './rarity';

export interface ExplainFacts {
  /** Interests both share, in vocabulary order. */
  sharedInterests: string[];
  /**
   * How many candidates of the pool list each shared interest (parallel to `sharedInterests`),
   * so the template can name the rarest. Absent: the template keeps vocabulary order.
   */
  sharedInterestCounts?: number[];
  /** ISO 639-1 codes both speak. */
  sharedLanguages: string[];
  candidatePace: Pace;
  queryPace: Pace;
  candidateBand: BudgetBand;
  queryBand: BudgetBand;
  /** The diet both follow, when it is not "none" and does not reveal faith (never halal or kosher). */
  sameDiet: string | null;
  sharedTransport: string[];
  sharedMustHaves: string[];
  /** Both are fine with remote work. */
  remoteWork: boolean;
  /** Values both hold, in vocabulary order, none that reveals faith (never spirituality). Absent: none known. */
  sharedValues?: string[];
  /** Words that must not appear (in any spelling): the query's hidden home city, religions. */
  forbidden: string[];
  /** The candidate's hidden home city, as the pool holds it: salted digests only. */
  hiddenCity?: HashedCity;
}

const maskItems = (m: number, list: readonly string[]) => list.filter((_, i) => (m & (1 << i)) !== 0);

export function explainFacts(pool: PackedPool, q: PackedFacts, query: Profile, i: number): ExplainFacts {
  const ib = i * INTEREST_WORDS;
  const sharedInt = new Uint32Array(INTEREST_WORDS);
  for (let w = 0; w < INTEREST_WORDS; w++) sharedInt[w] = q.interests[w] & pool.interests[ib + w];
  const sharedLang = new Uint32Array(pool.langWords);
  for (let w = 0; w < pool.langWords; w++) sharedLang[w] = q.langs[w] & pool.langs[i * pool.langWords + w];

  const forbidden: string[] = [];
  const code = pool.hiddenCities.codes[i];
  const hiddenCity = code === 0 ? undefined : { salt: pool.hiddenCities.salt, index: pool.hiddenCities.indexes[code] };
  if (!query.privacy.show_home_city && query.home_base.city) forbidden.push(query.home_base.city);
  if (query.faith.religion.trim()) forbidden.push(query.faith.religion.trim());
  const rel = pool.religion[i];
  if (rel !== 0 && pool.religions[rel]) forbidden.push(pool.religions[rel]);

  const sharedBits = bitsToIndices(sharedInt, 0, INTEREST_WORDS);
  const counts = interestCounts(pool); // counted once per pool
  return {
    sharedInterests: sharedBits.map((b) => INTERESTS[b]),
    sharedInterestCounts: sharedBits.map((b) => counts[b]),
    sharedLanguages: bitsToIndices(sharedLang, 0, pool.langWords).map((b) => pool.langCodes[b]),
    candidatePace: PACES[pool.pace[i]],
    queryPace: PACES[q.pace],
    candidateBand: BANDS[pool.band[i]],
    queryBand: BANDS[q.band],
    sameDiet: pool.diet[i] === q.diet ? shareableDiet(DIETS[q.diet]) : null,
    sharedTransport: maskItems(pool.transport[i] & q.transport, TRANSPORT),
    sharedMustHaves: maskItems(pool.mustHaves[i] & q.mustHaves, MUST_HAVES),
    remoteWork: (pool.flags[i] & FLAG_REMOTE_OK) !== 0 && (q.flags & FLAG_REMOTE_OK) !== 0,
    sharedValues: shareableValues(maskItems(pool.values[i] & q.values, VALUES)),
    forbidden,
    hiddenCity,
  };
}
