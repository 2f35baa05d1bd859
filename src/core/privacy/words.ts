/**
 * Words that reveal what must stay private (SPEC §2.1, §5, §11): age and gender. The explanation
 * validator rejects sentences using them; it matches them on normalised, folded text (lower-case
 * words separated by single spaces; see normalize.ts). Faith words are a list of their own
 * (faith.ts), and contact details are found by contact.ts.
 */
export const AGE_WORDS = /\b(age|ages|aged|ageing|aging|years? old|young|younger|youngest|older|oldest|elderly|teens?|teenagers?|twenties|thirties|forties|fifties|sixties|seventies|generation|millennials?|boomers?)\b|\b(1[89]|[2-9]\d)\b/;
export const GENDER_WORDS = /\b(male|female|men|man|women|woman|gender|guys?|girls?|boys?|lad(y|ies)|gentlem[ae]n|he|she|him|her|his|hers|himself|herself|non ?binary|masculine|feminine|ladies)\b/;
