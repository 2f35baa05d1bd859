/**
 * Words that reveal what must stay private (SPEC §2.1, §5, §11): faith, age, gender. Shared by
 * the explanation validator (which rejects sentences using them) and the profile text (which
 * scrubs them from free text before it is embedded).
 */
export const FAITH_WORDS = /\b(faiths?|religions?|religious|church(es)?|mosques?|temples?|synagogues?|gods?|pray(er|ers|ing)?|worship|christians?|christianity|catholics?|protestants?|orthodox|muslims?|islam|islamic|jewish|jews?|judaism|hindus?|hinduism|buddhists?|buddhism|sikhs?|sikhism|atheists?|atheism|agnostics?|spiritual|spirituality|believers?|beliefs?)\b/;
export const AGE_WORDS = /\b(age|ages|aged|ageing|aging|years? old|young|younger|youngest|older|oldest|elderly|teens?|teenagers?|twenties|thirties|forties|fifties|sixties|seventies|generation|millennials?|boomers?)\b|\b(1[89]|[2-9]\d)\b/;
export const GENDER_WORDS = /\b(male|female|men|man|women|woman|gender|guys?|girls?|boys?|lad(y|ies)|gentlem[ae]n|he|she|him|her|his|hers|himself|herself|non ?binary|masculine|feminine|ladies)\b/;
export const EMAIL = /[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[^\s@<>()[\]]+/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A global, case-insensitive, whole-word pattern for the given terms (null when none). */
export function termsPattern(terms: readonly string[]): RegExp | null {
  const clean = terms.map((t) => t.trim()).filter((t) => t.length >= 2);
  if (clean.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(${clean.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}
