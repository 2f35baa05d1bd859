/**
 * Seeded candidate-pool generator (SPEC §2.3).
 *
 * Every profile is drawn from its own PRNG stream, seeded by (pool seed, index), so a profile
 * does not depend on the ones before it: the same seed gives byte-identical output everywhere,
 * and profile i is the same in a pool of 10 000 and one of 1 000 000 except for its blocklist,
 * which is drawn last and names ids within the pool. Every profile is already canonical:
 * `validateProfile(p).profile` deep-equals `p`, with the same key order.
 */
import type {
  Alcohol, BudgetBand, Chronotype, Dealbreaker, FaithPolicy, Gender, Level, Pace, Profile, Smoking,
  SplitRule, Wifi,
} from '../../src/core/profile/types';
import {
  ACCOMMODATION_TYPES, DEALBREAKERS, EUR_PER_UNIT, GENDERS, INTERESTS, MUST_HAVES,
  ROOM_SETUPS, TRANSPORT, TRIP_INTENTIONS, VALUES, budgetBand,
} from '../../src/core/profile/vocab';
import { COUNTRIES, FOREIGN_LANGUAGES, type Country } from './data/places';
import { NAMES, type NameSet } from './data/names';
import { Prng } from './prng';

/** Bump whenever the generated output changes for the same seed and count. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_POOL_COUNT = 10_000;
export const DEFAULT_POOL_SEED = 77;
export const MAX_POOL_COUNT = 1_000_000;

/** `c_` + the index, zero-padded to 7 digits: `c_0000042`. */
export function profileId(index: number): string {
  return `c_${String(index).padStart(7, '0')}`;
}

// ---- Distributions (SPEC §2.3). ----

type Pairs<T> = readonly (readonly [T, number])[];

const GENDER_W: Pairs<Gender> = [['male', 0.34], ['female', 0.34], ['non_binary', 0.16], ['other', 0.16]];
const BAND_W: Pairs<BudgetBand> = [['budget', 0.3], ['mid', 0.45], ['lux', 0.25]];
/** Daily EUR amounts drawn for each band, inclusive (≤ 90 budget, ≥ 180 lux: §3 rule 5). */
const BAND_EUR: Record<BudgetBand, readonly [number, number]> = { budget: [25, 90], mid: [91, 179], lux: [180, 450] };
const BAND_ORDER: Record<BudgetBand, number> = { budget: 0, mid: 1, lux: 2 };
const PACE_W: Pairs<Pace> = [['relaxed', 0.35], ['balanced', 0.4], ['packed', 0.25]];
const SPLIT_W: Pairs<SplitRule> = [['each_own', 0.5], ['fifty_fifty', 0.35], ['custom', 0.15]];
const SMOKING_W: Pairs<Smoking> = [['never', 0.7], ['occasionally', 0.2], ['regular', 0.1]];
const ALCOHOL_W: Pairs<Alcohol> = [['none', 0.2], ['light', 0.35], ['moderate', 0.35], ['heavy', 0.1]];
const LEVEL_W: Pairs<Level> = [['low', 0.25], ['medium', 0.5], ['high', 0.25]];
const CHRONO_W: Pairs<Chronotype> = [['early_bird', 0.3], ['flexible', 0.45], ['night_owl', 0.25]];
const WIFI_REMOTE_W: Pairs<Wifi> = [['normal', 0.15], ['good', 0.5], ['excellent', 0.35]];
const WIFI_OTHER_W: Pairs<Wifi> = [['normal', 0.6], ['good', 0.3], ['excellent', 0.1]];
const DIET_W: Pairs<string> = [
  ['none', 0.6], ['vegetarian', 0.12], ['vegan', 0.06], ['pescatarian', 0.06], ['halal', 0.05],
  ['gluten_free', 0.04], ['lactose_free', 0.03], ['no_pork', 0.02], ['kosher', 0.02],
];
const ALLERGIES = ['peanuts', 'tree nuts', 'shellfish', 'fish', 'eggs', 'soy', 'sesame', 'pollen', 'dust mites', 'penicillin'];
const LANG_COUNT_W: Pairs<number> = [[1, 0.35], [2, 0.45], [3, 0.2]];
const MIN_SHARED_W: Pairs<number> = [[0, 0.17], [1, 0.66], [2, 0.17]];
const DEALBREAKER_COUNT_W: Pairs<number> = [[0, 0.35], [1, 0.4], [2, 0.25]];
const POLICY_W: Pairs<FaithPolicy> = [['open', 1], ['prefer_same', 1], ['same_only', 1]];
const RELIGION_W: Pairs<string> = [
  ['christianity', 0.35], ['islam', 0.22], ['hinduism', 0.12], ['buddhism', 0.1], ['judaism', 0.05],
  ['sikhism', 0.03], ['none', 0.13],
];
/** Specific companion gender sets, for the ~30 % who do not accept "any" (GENDERS order). */
const GENDER_SETS: Pairs<readonly Gender[]> = [
  [['female'], 0.2], [['male'], 0.14], [['male', 'female'], 0.16], [['female', 'non_binary'], 0.12],
  [['male', 'non_binary'], 0.06], [['non_binary'], 0.06], [['non_binary', 'other'], 0.1],
  [['female', 'non_binary', 'other'], 0.08], [['male', 'non_binary', 'other'], 0.04], [['male', 'female', 'non_binary'], 0.04],
];
const ORDINARY_DEALBREAKERS: readonly Dealbreaker[] = DEALBREAKERS.filter((d) => d !== 'same_faith_required');

const P_EN = 0.7;
const P_VALUES_MISSING = 0.1;
const P_AGE_RANGE_NULL = 0.1;
const P_GENDERS_ANY = 0.7;
const P_SAME_PACE = 0.4;
const P_FAITH_CONSIDERED = 0.25;
/** Among those who consider faith: lists `same_faith_required` (≈ 3 % of all profiles). */
const P_SAME_FAITH_DEALBREAKER = 0.12;
const P_RELIGION_SET_UNCONSIDERED = 0.4;
const P_BLOCKLIST = 0.05;
const P_HIDE_HOME_CITY = 0.1;
const P_REMOTE = 0.35;
const P_ALLERGIES = 0.12;

// ---- Countries: weights, budget currency, the English share for non-English countries. ----

const COUNTRY_W: Pairs<Country> = COUNTRIES.map((c) => [c, c.weight] as const);

/**
 * Currency people from a country state their budget in: the local one, unless a daily amount
 * in it could exceed the 100 000 limit of §2.1 (IDR, VND, KRW, …): then EUR in Europe, USD
 * elsewhere.
 */
const BUDGET_CURRENCY: ReadonlyMap<string, string> = new Map(COUNTRIES.map((c) => {
  const rate = EUR_PER_UNIT[c.currency];
  if (rate === undefined) throw new Error(`places: unknown currency ${c.currency} for ${c.code}`);
  const fits = BAND_EUR.lux[1] / rate <= 100_000;
  return [c.code, fits ? c.currency : c.region === 'europe' ? 'EUR' : 'USD'];
}));

for (const c of COUNTRIES) {
  if (!NAMES[c.code]) throw new Error(`names: no names for ${c.code}`);
  if (!c.englishNative && c.languages.includes('en')) throw new Error(`places: en listed for ${c.code} but not englishNative`);
}

/** P(en) for people from non-English countries, so that about 70 % of all speak English. */
const P_EN_OTHERS: number = (() => {
  let total = 0;
  let native = 0;
  for (const c of COUNTRIES) {
    total += c.weight;
    if (c.englishNative) native += c.weight;
  }
  return Math.max(0, Math.min(1, (P_EN - native / total) / (1 - native / total)));
})();

// ---- Helpers. ----

/** The items of `chosen` in vocabulary order (canonical and stable). */
function inOrder<T>(vocab: readonly T[], chosen: readonly T[]): T[] {
  return vocab.filter((v) => chosen.includes(v));
}

function pickName(rng: Prng, set: NameSet, gender: Gender): string {
  let first: string;
  let feminine: boolean;
  if (gender === 'male' || gender === 'female') {
    feminine = gender === 'female';
    first = rng.pick(feminine ? set.female : set.male);
  } else {
    feminine = rng.chance(0.5);
    first = set.neutral.length > 0 && rng.chance(0.6) ? rng.pick(set.neutral) : rng.pick(feminine ? set.female : set.male);
  }
  const i = rng.int(0, set.last.length - 1);
  const last = feminine && set.lastFemale ? set.lastFemale[i]! : set.last[i]!;
  return `${first} ${last}`;
}

function pickLanguages(rng: Prng, country: Country): string[] {
  const langs = new Set<string>();
  const others = country.languages.slice(1);
  const home = others.length === 0 || rng.chance(country.mainLanguageShare) ? country.languages[0]! : rng.pick(others);
  langs.add(home);
  const en = country.englishNative || rng.chance(P_EN_OTHERS);
  if (en) langs.add('en');
  const want = rng.weighted(LANG_COUNT_W);
  let guard = 0;
  while (langs.size < want && guard++ < 20) {
    const local = country.languages.filter((l) => !langs.has(l) && l !== 'en');
    const next = local.length > 0 && rng.chance(0.4) ? rng.pick(local) : rng.weighted(FOREIGN_LANGUAGES);
    if (next !== 'en') langs.add(next);
  }
  return [...langs].sort();
}

/** A daily amount in `currency` whose EUR band is exactly `band`, rounded to a tidy figure. */
function budgetAmount(rng: Prng, band: BudgetBand, currency: string): number {
  const [lo, hi] = BAND_EUR[band];
  const eur = rng.int(lo, hi);
  const rate = EUR_PER_UNIT[currency]!;
  const local = eur / rate;
  // Whole units below 1 000, then three significant digits (8 064 JPY → 8 060). Digits are
  // counted on the decimal string, not with Math.log10, so no libm rounding can differ.
  const step = local < 1000 ? 1 : 10 ** (String(Math.floor(local)).length - 3);
  let amount = Math.max(step, Math.round(local / step) * step);
  for (let i = 0; i < 1000; i++) {
    const got = budgetBand(amount, currency);
    if (got === band) break;
    amount += BAND_ORDER[got] < BAND_ORDER[band] ? step : -step;
  }
  return amount;
}

const PACE_PHRASE: Record<Pace, readonly string[]> = {
  relaxed: ['a relaxed pace', 'a slow, relaxed pace', 'a relaxed rhythm'],
  balanced: ['a balanced pace', 'a balanced mix of plans and free time', 'a balanced rhythm'],
  packed: ['a packed schedule', 'a packed, see-it-all pace', 'packed days'],
};

const TRIP_PHRASE: Record<string, string> = {
  city_break: 'city break', nature_escape: 'nature escape', culture_trip: 'culture trip',
  food_trip: 'food trip', adventure_trip: 'adventure trip', beach_holiday: 'beach holiday',
  festival_trip: 'festival trip', road_trip: 'road trip', workation: 'workation',
  slow_travel: 'slow-travel trip',
};

const withArticle = (s: string) => (/^[aeiou]/i.test(s) ? `an ${s}` : `a ${s}`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type BioParts = { a: string; b: string; pace: string; trip: string };
const BIO_ONE: readonly ((p: BioParts) => string)[] = [
  (p) => `${capitalise(p.a)}: my favourite way to explore. I like ${p.pace} and ${p.trip} with good company.`,
  (p) => `I plan my trips around ${p.a}. Give me ${p.trip} and ${p.pace}.`,
  (p) => `Always up for ${p.a}. Ideal trip: ${p.trip} with ${p.pace}.`,
  (p) => `Looking for a travel buddy who enjoys ${p.a} as much as I do, on ${p.trip} with ${p.pace}.`,
];
const BIO_TWO: readonly ((p: BioParts) => string)[] = [
  (p) => `Happiest with ${p.a} and ${p.b}; I like ${p.pace} and love ${p.trip}.`,
  (p) => `Looking for a buddy for ${p.a} and ${p.b} on ${p.trip}, with ${p.pace}.`,
  (p) => `${capitalise(p.a)} first, then ${p.b}. I like ${p.pace} and I am always up for ${p.trip}.`,
  (p) => `Planning my next trip: ${p.trip} with ${p.a}, ${p.b} and ${p.pace}.`,
  (p) => `Into ${p.a} and ${p.b}. I prefer ${p.pace} and ${p.trip} with easygoing company.`,
  (p) => `${capitalise(p.trip)} with ${p.a} and ${p.b} sounds perfect to me, ideally with ${p.pace}.`,
  (p) => `Always hunting for ${p.a} and ${p.b}. My kind of trip: ${p.trip} with ${p.pace}.`,
  (p) => `Keen on ${p.a}, ${p.b} and ${p.pace}. Next up: ${p.trip}.`,
];

/** A short template sentence about interests and trip style; no name, place, age, gender or faith. */
function makeBio(rng: Prng, interests: readonly string[], pace: Pace, intentions: readonly string[]): string {
  const [a = 'travel', b = a] = rng.sample(interests, 2);
  const parts: BioParts = {
    a, b, pace: rng.pick(PACE_PHRASE[pace]), trip: withArticle(TRIP_PHRASE[rng.pick(intentions)] ?? 'trip'),
  };
  const two = interests.length >= 2 && rng.chance(0.7);
  return rng.pick(two ? BIO_TWO : BIO_ONE)(parts);
}

// ---- The profile. ----

/**
 * One profile, drawn from `rng`. `poolSize` bounds the blocklisted ids (`c_…` of other pool
 * members); without it, only earlier indexes are blocklisted.
 */
export function generateProfile(rng: Prng, index: number, poolSize: number = index + 1): Profile {
  const country = rng.weighted(COUNTRY_W);
  const gender = rng.weighted(GENDER_W);
  const name = pickName(rng, NAMES[country.code]!, gender);
  const age = rng.int(19, 62);
  const city = rng.pick(country.cities);
  const languages = pickLanguages(rng, country);

  const interests = inOrder(INTERESTS, rng.sample(INTERESTS, rng.int(6, 10)));
  const values = rng.chance(P_VALUES_MISSING) ? [] : inOrder(VALUES, rng.sample(VALUES, rng.int(2, 3)));

  const band = rng.weighted(BAND_W);
  const currency = BUDGET_CURRENCY.get(country.code)!;
  const amount = budgetAmount(rng, band, currency);
  const split_rule = rng.weighted(SPLIT_W);

  const remote = rng.chance(P_REMOTE);
  const pace = rng.weighted(PACE_W);
  const accommodation_types = inOrder(ACCOMMODATION_TYPES, rng.sample(ACCOMMODATION_TYPES, rng.int(1, 3)));
  const room_setup = rng.pick(ROOM_SETUPS);
  const transport_allowed = inOrder(TRANSPORT, rng.sample(TRANSPORT, rng.int(1, 4)));
  const mustHaves: string[] = rng.sample(MUST_HAVES, rng.int(0, 3));
  if (remote && !mustHaves.includes('wifi') && rng.chance(0.6)) {
    if (mustHaves.length >= 3) mustHaves.pop();
    mustHaves.push('wifi');
  }
  const must_haves = inOrder(MUST_HAVES, mustHaves);
  const intentions: string[] = rng.sample(TRIP_INTENTIONS, rng.int(1, 3));
  if (remote && !intentions.includes('workation') && rng.chance(0.3)) {
    if (intentions.length >= 3) intentions.pop();
    intentions.push('workation');
  }
  const trip_intentions = inOrder(TRIP_INTENTIONS, intentions);

  const diet = rng.weighted(DIET_W);
  const allergies = rng.chance(P_ALLERGIES) ? inOrder(ALLERGIES, rng.sample(ALLERGIES, rng.int(1, 2))) : [];

  const smoking = rng.weighted(SMOKING_W);
  const alcohol = rng.weighted(ALCOHOL_W);
  const risk_tolerance = rng.weighted(LEVEL_W);
  const noise_tolerance = rng.weighted(LEVEL_W);
  const cleanliness_preference = rng.weighted(LEVEL_W);
  const chronotype = rng.weighted(CHRONO_W);

  const hours_online_needed = remote ? rng.int(0, 6) : 0;
  const wifi_quality_needed = rng.weighted(remote ? WIFI_REMOTE_W : WIFI_OTHER_W);

  const genders_ok: (Gender | 'any')[] = rng.chance(P_GENDERS_ANY) ? ['any'] : inOrder(GENDERS, rng.weighted(GENDER_SETS));
  const age_range: [number, number] | null = rng.chance(P_AGE_RANGE_NULL)
    ? null
    : [Math.max(18, age - rng.int(5, 15)), Math.min(99, age + rng.int(5, 15))];
  const min_shared_languages = rng.weighted(MIN_SHARED_W);
  if (min_shared_languages > languages.length) {
    // Needing two shared languages while speaking one would hide the person from everyone.
    let guard = 0;
    while (languages.length < min_shared_languages && guard++ < 20) {
      const extra = rng.weighted(FOREIGN_LANGUAGES);
      if (!languages.includes(extra)) languages.push(extra);
    }
    languages.sort();
  }
  const same_pace = rng.chance(P_SAME_PACE);

  const consider = rng.chance(P_FAITH_CONSIDERED);
  const religion = consider || rng.chance(P_RELIGION_SET_UNCONSIDERED) ? rng.weighted(RELIGION_W) : '';
  const policy: FaithPolicy = consider ? rng.weighted(POLICY_W) : 'open';

  let dealbreakers: Dealbreaker[] = rng.sample(ORDINARY_DEALBREAKERS, rng.weighted(DEALBREAKER_COUNT_W));
  if (dealbreakers.includes('min_2_shared_interests') && dealbreakers.includes('min_3_shared_interests')) {
    dealbreakers = dealbreakers.filter((d) => d !== 'min_2_shared_interests');
  }
  if (consider && rng.chance(P_SAME_FAITH_DEALBREAKER)) {
    if (dealbreakers.length >= 2) dealbreakers.pop();
    dealbreakers.push('same_faith_required');
  }

  const show_home_city = !rng.chance(P_HIDE_HOME_CITY);
  const bio = makeBio(rng, interests, pace, trip_intentions);

  // Drawn last, so that everything above is independent of the pool size.
  const blocklist: string[] = [];
  if (rng.chance(P_BLOCKLIST) && poolSize > 1) {
    const k = Math.min(rng.int(1, 3), poolSize - 1);
    for (let guard = 0; blocklist.length < k && guard < 50; guard++) {
      let other = rng.int(0, poolSize - 2);
      if (other >= index) other++;
      const id = profileId(other);
      if (!blocklist.includes(id)) blocklist.push(id);
    }
    blocklist.sort();
  }

  // Key order as validateProfile returns it.
  return {
    id: profileId(index),
    name,
    age,
    gender,
    home_base: { city, country: country.name },
    languages,
    interests,
    values,
    bio,
    budget: { amount, currency, split_rule },
    travel_prefs: { pace, accommodation_types, room_setup, transport_allowed, must_haves, trip_intentions },
    diet_health: { diet, allergies, accessibility: '' },
    comfort: { smoking, alcohol, risk_tolerance, noise_tolerance, cleanliness_preference, chronotype },
    work: { remote_work_ok: remote, hours_online_needed, wifi_quality_needed },
    companion: {
      genders_ok, age_range, min_shared_languages, same_pace,
      dealbreakers: inOrder(DEALBREAKERS, dealbreakers), blocklist,
    },
    faith: { consider_in_matching: consider, religion, policy },
    privacy: { show_home_city },
  };
}

/** Profile `index` of the pool (`seed`, `count`), without generating the others. */
export function generateProfileAt(seed: number, index: number, count: number): Profile {
  return generateProfile(new Prng(seed, index), index, count);
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_POOL_COUNT) {
    throw new RangeError(`pool count must be a whole number from 1 to ${MAX_POOL_COUNT}, got ${count}`);
  }
}

/** The pool, one profile at a time (streams: 1 000 000 profiles never live at once). */
export function* generatePool(count: number, seed: number): Generator<Profile, void, undefined> {
  checkCount(count);
  for (let i = 0; i < count; i++) yield generateProfileAt(seed, i, count);
}

/** The whole pool as an array (tests and small pools). */
export function generatePoolArray(count: number, seed: number): Profile[] {
  return [...generatePool(count, seed)];
}
