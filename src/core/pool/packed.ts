/**
 * The in-memory pool, packed for speed (SPEC §3, §4, §10): one typed array per field, bitsets
 * for interests, values and languages, small integer codes for enums. The hot loops of stage 1
 * and stage 2 read only these arrays and allocate nothing per candidate.
 *
 * Privacy: faith is kept only as an opaque religion number, and only for people who opted in;
 * a hidden home city is kept only as salted digests of its spellings (`hiddenCities`, see
 * privacy/hiddenCity.ts), for the explanation validator, and never reaches output.
 */
import type { Profile } from '../profile/types';
import { DictColumn, DictColumnBuilder, TextColumn, TextColumnBuilder } from './columns';
import { hiddenCityIndex, newSalt } from '../privacy/hiddenCity';
import type { TermIndex } from '../privacy/terms';
import {
  ALCOHOL, CHRONOTYPES, DIETS, GENDERS, INTERESTS, MUST_HAVES, PACES, SMOKING,
  TRANSPORT, VALUES, budgetBand, BANDS,
} from '../profile/vocab';

export const FLAG_SAME_PACE = 1;
export const FLAG_FAITH_OPT_IN = 2;
export const FLAG_REQUIRES_SAME_FAITH = 4;
export const FLAG_REMOTE_OK = 8;
export const FLAG_SHOW_CITY = 16;
export const FLAG_HAS_VALUES = 32;
export const FLAG_FAITH_PREFER_SAME = 64; // policy prefer_same or same_only, opted in (bonus of §4)

/** Dealbreaker bits (same_faith_required is folded into FLAG_REQUIRES_SAME_FAITH). */
export const DB = {
  no_smokers: 1,
  no_smoking_roommates: 2,
  no_heavy_drinkers: 4,
  min_2_shared_interests: 8,
  min_3_shared_interests: 16,
  no_zero_shared_values: 32,
  same_chronotype: 64,
} as const;

const CHRONO_FLEXIBLE = CHRONOTYPES.indexOf('flexible');

export const INTEREST_WORDS = 2; // 40 interests
const index = <T extends string>(list: readonly T[]) => new Map<string, number>(list.map((v, i) => [v, i]));
const INTEREST_INDEX = index(INTERESTS);
const VALUE_INDEX = index(VALUES);
const GENDER_INDEX = index(GENDERS);
const PACE_INDEX = index(PACES);
const BAND_INDEX = index(BANDS);
const SMOKING_INDEX = index(SMOKING);
const ALCOHOL_INDEX = index(ALCOHOL);
const CHRONO_INDEX = index(CHRONOTYPES);
const DIET_INDEX = index(DIETS);
const TRANSPORT_INDEX = index(TRANSPORT);
const MUST_INDEX = index(MUST_HAVES);

export function religionKey(religion: string): string {
  return religion.trim().toLowerCase();
}

export function requiresSameFaith(p: Profile): boolean {
  return (p.faith.consider_in_matching && p.faith.policy === 'same_only') ||
    p.companion.dealbreakers.includes('same_faith_required');
}

/** Packed facts of one profile, in the pool's coding: used for the query. */
export interface PackedFacts {
  age: number;
  gender: number;
  gendersOk: number;
  ageLo: number;
  ageHi: number;
  minLang: number;
  pace: number;
  band: number;
  smoking: number;
  alcohol: number;
  chrono: number;
  diet: number;
  flags: number;
  dealbreakers: number;
  religion: number;
  interests: Uint32Array;
  values: number;
  langs: Uint32Array;
  transport: number;
  mustHaves: number;
}

export interface PackedPool {
  readonly n: number;
  readonly id: TextColumn;
  readonly name: TextColumn;
  /** Visible home city, or '' when the person hides it. */
  readonly city: DictColumn;
  readonly country: DictColumn;
  /** Hidden home cities, as salted digests only, so that explanations can be checked against them. */
  readonly hiddenCities: HiddenCities;
  /** Rank of each id in ascending id order: ties are broken by comparing ranks. */
  readonly idRank: Uint32Array;
  /** Pool indices in ascending id order (binary search by id). */
  readonly idOrder: Uint32Array;
  /** For each blocked id, the candidates whose blocklist names it. */
  readonly blockedBy: Map<string, number[]>;
  readonly age: Uint8Array;
  readonly gender: Uint8Array;
  readonly gendersOk: Uint8Array;
  readonly ageLo: Uint8Array;
  readonly ageHi: Uint8Array;
  readonly minLang: Uint8Array;
  readonly pace: Uint8Array;
  readonly band: Uint8Array;
  readonly smoking: Uint8Array;
  readonly alcohol: Uint8Array;
  readonly chrono: Uint8Array;
  readonly diet: Uint8Array;
  readonly flags: Uint8Array;
  readonly dealbreakers: Uint8Array;
  readonly religion: Uint16Array;
  readonly interests: Uint32Array;
  readonly values: Uint16Array;
  readonly langWords: number;
  readonly langs: Uint32Array;
  readonly langCodes: string[];
  readonly transport: Uint8Array;
  readonly mustHaves: Uint16Array;
  readonly budgetAmount: Float32Array;
  readonly currencyCodes: string[];
  readonly currency: Uint8Array;
  readonly religions: string[];
  /** Scratch buffers reused by every search (the worker runs one search at a time). */
  readonly scratch: PoolScratch;
}

/**
 * Hidden home cities: per candidate a code into `indexes` (0: the city is not hidden), each the
 * hashed look-up tables of one city's spellings under the pool's salt.
 */
export interface HiddenCities {
  salt: string;
  codes: Uint16Array;
  indexes: TermIndex[];
}

export interface PoolScratch {
  survivors: Int32Array;
  /** Shortlist keys: score × 1e9, rounded (non-negative, below 2^32). */
  score: Float64Array;
  sim: Float32Array;
  excluded: Uint8Array;
}

export function makeScratch(n: number): PoolScratch {
  return { survivors: new Int32Array(n), score: new Float64Array(n), sim: new Float32Array(n), excluded: new Uint8Array(n) };
}

/** Bytes the loaded pool holds: typed arrays, string columns and the search's scratch buffers. */
export function poolMemoryBytes(pool: PackedPool): number {
  let bytes = 0;
  for (const v of Object.values(pool)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  for (const v of Object.values(pool.scratch)) bytes += v.byteLength;
  for (const col of [pool.id, pool.name]) bytes += col.bytes.byteLength + col.offsets.byteLength;
  for (const col of [pool.city, pool.country, pool.hiddenCities]) bytes += col.codes.byteLength;
  return bytes;
}

/** Pool index of `id`, or undefined (binary search over the id order). */
export function indexOfId(pool: PackedPool, id: string): number | undefined {
  let lo = 0;
  let hi = pool.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const i = pool.idOrder[mid];
    const v = pool.id.get(i);
    if (v === id) return i;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function mask(items: readonly string[], idx: Map<string, number>): number {
  let m = 0;
  for (const it of items) {
    const i = idx.get(it);
    if (i !== undefined) m |= 1 << i;
  }
  return m >>> 0;
}

function setBits(target: Uint32Array, offset: number, items: readonly string[], idx: Map<string, number>): void {
  for (const it of items) {
    const i = idx.get(it);
    if (i !== undefined) target[offset + (i >>> 5)] |= 1 << (i & 31);
  }
}

function gendersMask(ok: readonly string[]): number {
  return ok.includes('any') ? 0b1111 : mask(ok, GENDER_INDEX);
}

function dealbreakerMask(list: readonly string[]): number {
  let m = 0;
  for (const d of list) if (d in DB) m |= DB[d as keyof typeof DB];
  return m;
}

function flagsOf(p: Profile): number {
  let f = 0;
  if (p.companion.same_pace) f |= FLAG_SAME_PACE;
  if (p.faith.consider_in_matching) f |= FLAG_FAITH_OPT_IN;
  if (requiresSameFaith(p)) f |= FLAG_REQUIRES_SAME_FAITH;
  if (p.work.remote_work_ok) f |= FLAG_REMOTE_OK;
  if (p.privacy.show_home_city) f |= FLAG_SHOW_CITY;
  if (p.values.length > 0) f |= FLAG_HAS_VALUES;
  if (p.faith.consider_in_matching && (p.faith.policy === 'prefer_same' || p.faith.policy === 'same_only')) f |= FLAG_FAITH_PREFER_SAME;
  return f;
}

/** The codes a pool's columns use: languages, currencies and (opted-in) religions. */
export interface PoolUniverse {
  langCodes: string[];
  currencyCodes: string[];
  /** Religion keys (trimmed, lower-case); index 0 is "none". */
  religions: string[];
}

export function universeOf(profiles: Iterable<Profile>): PoolUniverse {
  const langs = new Set<string>();
  const currencies = new Set<string>();
  const religions = new Set<string>();
  for (const p of profiles) {
    for (const l of p.languages) langs.add(l);
    currencies.add(p.budget.currency);
    const rk = religionKey(p.faith.religion);
    if (p.faith.consider_in_matching && rk !== '') religions.add(rk);
  }
  return { langCodes: [...langs].sort(), currencyCodes: [...currencies].sort(), religions: ['', ...[...religions].sort()] };
}

/**
 * Packs validated, canonical profiles one at a time into a pool of known size, so that a pool of
 * a million is packed without holding a million profile objects.
 */
export class PoolPacker {
  private i = 0;
  private readonly langIndex: Map<string, number>;
  private readonly currencyIndex: Map<string, number>;
  private readonly religionIndex: Map<string, number>;
  private readonly ids: TextColumnBuilder;
  private readonly names: TextColumnBuilder;
  private readonly cities: DictColumnBuilder;
  private readonly countries: DictColumnBuilder;
  private readonly hidden: DictColumnBuilder;
  private readonly blockedBy = new Map<string, number[]>();
  private readonly cols;

  /** `salt` hashes the hidden cities: random unless given (the generator derives one from its seed). */
  constructor(readonly n: number, readonly universe: PoolUniverse, private readonly salt: string = newSalt()) {
    this.langIndex = index(universe.langCodes);
    this.currencyIndex = index(universe.currencyCodes);
    this.religionIndex = index(universe.religions);
    const langWords = Math.max(1, Math.ceil(universe.langCodes.length / 32));
    this.ids = new TextColumnBuilder(n);
    this.names = new TextColumnBuilder(n);
    this.cities = new DictColumnBuilder(n);
    this.countries = new DictColumnBuilder(n);
    this.hidden = new DictColumnBuilder(n);
    this.cols = {
      age: new Uint8Array(n), gender: new Uint8Array(n), gendersOk: new Uint8Array(n), ageLo: new Uint8Array(n),
      ageHi: new Uint8Array(n), minLang: new Uint8Array(n), pace: new Uint8Array(n), band: new Uint8Array(n),
      smoking: new Uint8Array(n), alcohol: new Uint8Array(n), chrono: new Uint8Array(n), diet: new Uint8Array(n),
      flags: new Uint8Array(n), dealbreakers: new Uint8Array(n), religion: new Uint16Array(n),
      interests: new Uint32Array(n * INTEREST_WORDS), values: new Uint16Array(n), langWords,
      langs: new Uint32Array(n * langWords), transport: new Uint8Array(n), mustHaves: new Uint16Array(n),
      budgetAmount: new Float32Array(n), currency: new Uint8Array(n),
    };
  }

  add(p: Profile): void {
    const i = this.i++;
    if (i >= this.n) throw new RangeError('more profiles than the packer was sized for');
    const c = this.cols;
    this.ids.push(p.id);
    this.names.push(p.name);
    this.cities.push(p.privacy.show_home_city ? p.home_base.city : '');
    this.countries.push(p.home_base.country);
    this.hidden.push(p.privacy.show_home_city ? '' : p.home_base.city);
    const f = packFacts(p, this.langIndex, c.langWords, this.religionIndex);
    c.age[i] = f.age; c.gender[i] = f.gender; c.gendersOk[i] = f.gendersOk; c.ageLo[i] = f.ageLo; c.ageHi[i] = f.ageHi;
    c.minLang[i] = f.minLang; c.pace[i] = f.pace; c.band[i] = f.band; c.smoking[i] = f.smoking; c.alcohol[i] = f.alcohol;
    c.chrono[i] = f.chrono; c.diet[i] = f.diet; c.flags[i] = f.flags; c.dealbreakers[i] = f.dealbreakers;
    c.religion[i] = f.religion === 0xffff ? 0 : f.religion;
    c.interests.set(f.interests, i * INTEREST_WORDS);
    c.values[i] = f.values;
    c.langs.set(f.langs, i * c.langWords);
    c.transport[i] = f.transport;
    c.mustHaves[i] = f.mustHaves;
    c.budgetAmount[i] = p.budget.amount;
    c.currency[i] = this.currencyIndex.get(p.budget.currency) ?? 0;
    for (const blocked of p.companion.blocklist) {
      const list = this.blockedBy.get(blocked);
      if (list) list.push(i);
      else this.blockedBy.set(blocked, [i]);
    }
  }

  private hiddenCities(): HiddenCities {
    const plain = this.hidden.finish();
    return { salt: this.salt, codes: plain.codes, indexes: plain.values.map((city) => (city === '' ? EMPTY_INDEX : hiddenCityIndex(city, this.salt))) };
  }

  finish(): PackedPool {
    if (this.i !== this.n) throw new RangeError(`packed ${this.i} profiles, expected ${this.n}`);
    const id = this.ids.finish();
    const idOrder = sortedIdOrder(id);
    const idRank = new Uint32Array(this.n);
    idOrder.forEach((poolIndex, rank) => { idRank[poolIndex] = rank; });
    return {
      n: this.n,
      id,
      name: this.names.finish(),
      city: this.cities.finish(),
      country: this.countries.finish(),
      hiddenCities: this.hiddenCities(),
      idRank,
      idOrder,
      blockedBy: this.blockedBy,
      ...this.cols,
      langCodes: this.universe.langCodes,
      currencyCodes: this.universe.currencyCodes,
      religions: this.universe.religions,
      scratch: makeScratch(this.n),
    };
  }
}

const EMPTY_INDEX: TermIndex = { phrases: [], joined: [], openings: [], substrings: [], maxJoined: 0 };

/** Pool indices sorted by id (UTF-16 code-unit order, like `<` on strings). */
function sortedIdOrder(ids: TextColumn): Uint32Array {
  const n = ids.length;
  const keys = Array.from({ length: n }, (_, i) => ids.get(i));
  return Uint32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0)));
}

/** Pack validated, canonical profiles. */
export function packProfiles(profiles: readonly Profile[]): PackedPool {
  const packer = new PoolPacker(profiles.length, universeOf(profiles));
  for (const p of profiles) packer.add(p);
  return packer.finish();
}

/** The facts of one profile coded like the pool (languages or religions unknown to the pool match nobody). */
export function packFacts(
  p: Profile,
  langIndex: Map<string, number>,
  langWords: number,
  religionIndex: Map<string, number>,
): PackedFacts {
  const interests = new Uint32Array(INTEREST_WORDS);
  setBits(interests, 0, p.interests, INTEREST_INDEX);
  const langs = new Uint32Array(langWords);
  setBits(langs, 0, p.languages, langIndex);
  const range = p.companion.age_range;
  const rk = religionKey(p.faith.religion);
  return {
    age: p.age,
    gender: GENDER_INDEX.get(p.gender) ?? 0,
    gendersOk: gendersMask(p.companion.genders_ok),
    ageLo: range ? range[0] : 0,
    ageHi: range ? range[1] : 255,
    minLang: p.companion.min_shared_languages,
    pace: PACE_INDEX.get(p.travel_prefs.pace) ?? 1,
    band: BAND_INDEX.get(budgetBand(p.budget.amount, p.budget.currency)) ?? 1,
    smoking: SMOKING_INDEX.get(p.comfort.smoking) ?? 0,
    alcohol: ALCOHOL_INDEX.get(p.comfort.alcohol) ?? 2,
    chrono: CHRONO_INDEX.get(p.comfort.chronotype) ?? CHRONO_FLEXIBLE,
    diet: DIET_INDEX.get(p.diet_health.diet) ?? 0,
    flags: flagsOf(p),
    dealbreakers: dealbreakerMask(p.companion.dealbreakers),
    // A religion is used only when its owner opted in; one the pool lacks matches nobody.
    religion: p.faith.consider_in_matching && rk !== '' ? (religionIndex.get(rk) ?? 0xffff) : 0,
    interests,
    values: mask(p.values, VALUE_INDEX),
    langs,
    transport: mask(p.travel_prefs.transport_allowed, TRANSPORT_INDEX),
    mustHaves: mask(p.travel_prefs.must_haves, MUST_INDEX),
  };
}

/** The query's facts in the pool's coding. */
export function packQuery(pool: PackedPool, q: Profile): PackedFacts {
  return packFacts(q, index(pool.langCodes), pool.langWords, index(pool.religions));
}

export { CHRONO_FLEXIBLE };
