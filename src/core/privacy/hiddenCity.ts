/**
 * Hidden home cities in a served pool (SPEC §2.3, §5): a person who hides their city must not
 * have it named by an explanation, so the explanation validator needs to know it — but the
 * pool file is served to anyone who opens the site. It therefore carries each hidden city only
 * as salted digests of its look-up tables (every spelling `cityVariants` knows, see terms.ts):
 * the validator hashes the pieces of a sentence with the same salt and compares digests.
 *
 * What this protects, and what not: the city cannot be read off the file, and equal cities in
 * two pools have unrelated digests (one random salt per pool). The salt is public (the browser
 * needs it), and a city is one of a few thousand names: someone who hashes a list of cities with
 * the pool's salt finds which one a digest stands for. The digests keep a hidden city from being
 * *read*; they do not make it a secret against a determined attacker (the README says so).
 * Digests are 64 bits (16 hex digits): among a pool's few thousand entries a false match is
 * about one in 10^15.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { cityVariants } from './places';
import { type TermIndex, TermMatcher, hashTermIndex, termIndex } from './terms';

export interface HashedCity {
  salt: string;
  index: TermIndex;
}

/** A fresh random salt (hex). */
export function newSalt(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}

/** The salted digest `hiddenCityIndex` stores for one normalised piece of text. */
export function saltedDigest(salt: string): (s: string) => string {
  return (s) => bytesToHex(sha256(utf8ToBytes(`${salt}\u0000${s}`))).slice(0, 16);
}

/** The hashed look-up tables of a city in every spelling known for it. */
export function hiddenCityIndex(city: string, salt: string): TermIndex {
  return hashTermIndex(termIndex(cityVariants(city), 2), saltedDigest(salt));
}

/** A matcher that finds the hashed city in normalised text. */
export function hashedCityMatcher(city: HashedCity): TermMatcher {
  return new TermMatcher({ index: city.index, key: saltedDigest(city.salt) });
}
