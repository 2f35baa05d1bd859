/**
 * What a packed pool must hold before anything reads it (SPEC §2.3). The checksum proves that
 * the bytes are the ones the manifest names, not that they make sense: a pool built by another
 * tool, or by a buggy one, can carry a pace code 7, two candidates with one id or a code table
 * that is not a list. Each would crash a search far from its cause (a page error, "travels at a
 * undefined pace", results that never render), so the whole pool is checked once, at load, and
 * refused with the first problem found. One pass over the columns: ~10 ms for a million.
 */
import type { PackedPool } from './packed';
import { INTEREST_WORDS } from './packed';
import {
  ALCOHOL, BANDS, CHRONOTYPES, DIETS, GENDERS, INTERESTS, MUST_HAVES, PACES, SMOKING, TRANSPORT, VALUES,
} from '../profile/vocab';

/** The highest flag and dealbreaker bit the packer writes (see packed.ts). */
const FLAG_BITS = 7;
const DEALBREAKER_BITS = 7;
const MAX_AGE = 99;
const MIN_AGE = 18;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

const isTermIndex = (v: unknown): boolean => {
  const t = v as Record<string, unknown>;
  return typeof t === 'object' && t !== null && isStringList(t.phrases) && isStringList(t.joined) && isStringList(t.openings) &&
    isStringList(t.substrings) && Number.isInteger(t.maxJoined) && (t.maxJoined as number) >= 0;
};

/** Header fields the loader trusts: each must have its type before a column is built on it. */
export function headerProblem(h: Record<string, unknown>): string | null {
  if (!Number.isInteger(h.n) || (h.n as number) < 0) return 'the candidate count is not a whole number';
  if (!Number.isInteger(h.langWords) || (h.langWords as number) < 1 || (h.langWords as number) > 64) return 'langWords is not a small whole number';
  for (const key of ['langCodes', 'currencyCodes', 'religions'] as const) {
    if (!isStringList(h[key])) return `${key} is not a list of strings`;
  }
  if ((h.religions as string[])[0] !== '') return 'religions must start with the empty entry (no religion)';
  if ((h.langCodes as string[]).length > (h.langWords as number) * 32) return 'more language codes than the language bitsets hold';
  if ((h.currencyCodes as string[]).length > 256) return 'more than 256 currencies';
  const dicts = h.dicts as Record<string, unknown> | undefined;
  if (typeof dicts !== 'object' || dicts === null) return 'the dictionaries are missing';
  for (const key of ['city', 'country'] as const) if (!isStringList(dicts[key])) return `dictionary ${key} is not a list of strings`;
  const hidden = h.hiddenCities as Record<string, unknown> | undefined;
  if (typeof hidden !== 'object' || hidden === null || typeof hidden.salt !== 'string' || !/^[0-9a-f]{16,64}$/.test(hidden.salt)) return 'the hidden cities have no salt';
  if (!Array.isArray(hidden.indexes) || !hidden.indexes.every(isTermIndex)) return 'the hidden cities are not a list of hashed look-up tables';
  const blocked = h.blockedBy;
  if (!Array.isArray(blocked) || !blocked.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' &&
      Array.isArray(e[1]) && e[1].every((i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < (h.n as number)))) {
    return 'the blocklist index is not a list of [id, candidate indices]';
  }
  if (!Array.isArray(h.arrays)) return 'the array table is not a list';
  return null;
}

/** The first candidate whose code is outside [0, size), as a problem, or null. */
function codeOutOfRange(name: string, codes: ArrayLike<number>, size: number): string | null {
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] >= size) return `candidate ${i} has ${name} code ${codes[i]}, outside 0–${size - 1}`;
  }
  return null;
}

/** The first candidate with a bit set above `bits`, as a problem, or null. */
function bitsOutOfRange(name: string, masks: ArrayLike<number>, bits: number): string | null {
  const limit = 2 ** bits;
  for (let i = 0; i < masks.length; i++) {
    if (masks[i] >= limit) return `candidate ${i} has ${name} bits outside the ${bits} known`;
  }
  return null;
}

function offsetsProblem(name: string, offsets: Uint32Array, bytes: number): string | null {
  if (offsets[0] !== 0) return `${name} offsets do not start at 0`;
  for (let i = 1; i < offsets.length; i++) if (offsets[i] < offsets[i - 1]) return `${name} offsets go backwards at candidate ${i - 1}`;
  if (offsets[offsets.length - 1] !== bytes) return `${name} offsets do not end at the column's size`;
  return null;
}

/** Why the pool's contents cannot be used, or null when every column holds what the code expects. */
export function poolContentsProblem(pool: PackedPool): string | null {
  const { n } = pool;
  const simple: [string, ArrayLike<number>, number][] = [
    ['gender', pool.gender, GENDERS.length], ['pace', pool.pace, PACES.length], ['budget band', pool.band, BANDS.length],
    ['smoking', pool.smoking, SMOKING.length], ['alcohol', pool.alcohol, ALCOHOL.length], ['chronotype', pool.chrono, CHRONOTYPES.length],
    ['diet', pool.diet, DIETS.length], ['religion', pool.religion, pool.religions.length], ['currency', pool.currency, pool.currencyCodes.length],
    ['shared-language minimum', pool.minLang, 4], ['city', pool.city.codes, pool.city.values.length],
    ['country', pool.country.codes, pool.country.values.length], ['hidden city', pool.hiddenCities.codes, pool.hiddenCities.indexes.length],
  ];
  for (const [name, codes, size] of simple) {
    const p = codeOutOfRange(name, codes, size);
    if (p) return p;
  }
  const masks: [string, ArrayLike<number>, number][] = [
    ['accepted genders', pool.gendersOk, GENDERS.length], ['flag', pool.flags, FLAG_BITS], ['dealbreaker', pool.dealbreakers, DEALBREAKER_BITS],
    ['value', pool.values, VALUES.length], ['transport', pool.transport, TRANSPORT.length], ['must-have', pool.mustHaves, MUST_HAVES.length],
  ];
  for (const [name, m, bits] of masks) {
    const p = bitsOutOfRange(name, m, bits);
    if (p) return p;
  }
  const lastInterestBits = INTERESTS.length - 32 * (INTEREST_WORDS - 1);
  const lastLangBits = pool.langCodes.length - 32 * (pool.langWords - 1);
  for (let i = 0; i < n; i++) {
    const age = pool.age[i];
    if (age < MIN_AGE || age > MAX_AGE) return `candidate ${i} has age ${age}, outside ${MIN_AGE}–${MAX_AGE}`;
    if (pool.ageLo[i] > pool.ageHi[i]) return `candidate ${i} has an age range whose lowest age is above its highest`;
    if (pool.gendersOk[i] === 0) return `candidate ${i} accepts no gender`;
    const amount = pool.budgetAmount[i];
    if (!Number.isFinite(amount) || amount < 0) return `candidate ${i} has a budget that is not a non-negative number`;
    if (pool.interests[i * INTEREST_WORDS + INTEREST_WORDS - 1] >= 2 ** lastInterestBits) return `candidate ${i} has interest bits outside the ${INTERESTS.length} known`;
    if (lastLangBits < 32 && pool.langs[i * pool.langWords + pool.langWords - 1] >= 2 ** Math.max(0, lastLangBits)) {
      return `candidate ${i} has language bits outside the pool's ${pool.langCodes.length} languages`;
    }
  }
  const ids = offsetsProblem('id', pool.id.offsets, pool.id.bytes.byteLength) ?? offsetsProblem('name', pool.name.offsets, pool.name.bytes.byteLength);
  if (ids) return ids;
  // idOrder must list every candidate once, in strictly ascending id order: that also proves the ids unique.
  const seen = new Uint8Array(n);
  let previous: string | null = null;
  for (let rank = 0; rank < n; rank++) {
    const i = pool.idOrder[rank];
    if (i >= n || seen[i]) return 'the id order is not a permutation of the candidates';
    seen[i] = 1;
    if (pool.idRank[i] !== rank) return `candidate ${i}'s id rank does not match the id order`;
    const id = pool.id.get(i);
    if (id === '') return `candidate ${i} has an empty id`;
    if (previous !== null && !(previous < id)) return previous === id ? `two candidates share the id at rank ${rank}` : 'the id order is not sorted';
    previous = id;
  }
  return null;
}
