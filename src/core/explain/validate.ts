/**
 * The explanation validator (SPEC §5): every sentence shown to a person — the template's or a
 * model's — must pass it. Rules: one sentence; starts with "For you,"; 18–28 words; names at
 * most 2 interests and only shared ones; names only languages both speak; mentions the
 * candidate's pace word and budget band word (and no pace or band that neither has); mentions
 * at least one link (a shared language, the same diet, a shared transport or must-have, or
 * compatible remote work) whenever the pair has one; never mentions faith or religion, age,
 * gender, a hidden home city, or any forbidden term; holds no contact detail (e-mail, phone
 * number, web address); contains no markup.
 *
 * Every check reads the sentence normalised (privacy/normalize.ts): zero-width characters,
 * accents, full-width forms and case cannot hide a word. Forbidden terms are matched in every
 * spelling `cityVariants` knows ("Frankfurt" for Frankfurt am Main, "München" for Munich).
 */
import type { ExplainFacts } from './facts';
import { findContacts } from '../privacy/contact';
import { findFaith } from '../privacy/faith';
import { normalizeText } from '../privacy/normalize';
import { type HashedCity, hashedCityMatcher } from '../privacy/hiddenCity';
import { cityVariants } from '../privacy/places';
import { TermMatcher } from '../privacy/terms';
import { AGE_WORDS as AGE, GENDER_WORDS as GENDER } from '../privacy/words';
import { DIET_WORDS, INTEREST_PHRASES, LANGUAGE_PHRASES, MUST_HAVE_WORDS, TRANSPORT_WORDS } from './words';

export type ExplanationFault =
  | 'empty' | 'not_one_sentence' | 'bad_start' | 'word_count' | 'markup'
  | 'too_many_interests' | 'interest_not_shared' | 'language_not_shared'
  | 'missing_pace' | 'wrong_pace' | 'missing_band' | 'wrong_band' | 'missing_link'
  | 'mentions_faith' | 'mentions_age' | 'mentions_gender' | 'mentions_forbidden' | 'mentions_contact';

export type ExplanationCheck = { ok: true } | { ok: false; faults: ExplanationFault[] };

/** Normalised words separated by single spaces, with a space at both ends for phrase search. */
function fold(text: string): string {
  return ` ${normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** Matchers for forbidden terms in all their spellings, by term list (a few recent ones kept). */
const forbiddenMatchers = new Map<string, TermMatcher>();
function forbiddenMatcher(terms: readonly string[]): TermMatcher {
  const k = terms.join('\u0000');
  let m = forbiddenMatchers.get(k);
  if (!m) {
    m = new TermMatcher(terms.flatMap((t) => cityVariants(t)), 2);
    if (forbiddenMatchers.size >= 64) forbiddenMatchers.clear();
    forbiddenMatchers.set(k, m);
  }
  return m;
}

/** Matchers for hashed hidden cities, by their tables (one per city of a loaded pool). */
const hashedMatchers = new WeakMap<HashedCity['index'], { salt: string; matcher: TermMatcher }>();
function hashedMatcher(city: HashedCity): TermMatcher {
  let m = hashedMatchers.get(city.index);
  if (!m || m.salt !== city.salt) {
    m = { salt: city.salt, matcher: hashedCityMatcher(city) };
    hashedMatchers.set(city.index, m);
  }
  return m.matcher;
}

/** Canonical items whose phrases occur in the folded text (each occurrence consumed once). */
function findPhrases(folded: string, phrases: [string, string][]): Set<string> {
  const found = new Set<string>();
  let text = folded;
  for (const [phrase, canonical] of phrases) {
    const needle = ` ${fold(phrase).trim()} `;
    if (text.includes(needle)) {
      found.add(canonical);
      text = text.split(needle).join(' ');
    }
  }
  return found;
}

const has = (folded: string, phrase: string) => folded.includes(` ${fold(phrase).trim()} `);

export function validateExplanation(sentence: unknown, facts: ExplainFacts): ExplanationCheck {
  const faults: ExplanationFault[] = [];
  if (typeof sentence !== 'string' || sentence.trim() === '') return { ok: false, faults: ['empty'] };
  const s = sentence.trim();
  const normalized = normalizeText(s);
  if (/[<>]/.test(normalized)) faults.push('markup');
  if (/[\n\r]/.test(s) || !/[.!]$/.test(s) || /[.!?;](?=.)/.test(s.slice(0, -1) + ' ')) faults.push('not_one_sentence');
  if (!s.startsWith('For you,')) faults.push('bad_start');
  const words = s.split(/\s+/).filter(Boolean).length;
  if (words < 18 || words > 28) faults.push('word_count');

  const folded = fold(s);
  const interests = findPhrases(folded, INTEREST_PHRASES);
  if (interests.size > 2) faults.push('too_many_interests');
  if ([...interests].some((i) => !facts.sharedInterests.includes(i))) faults.push('interest_not_shared');

  const languages = findPhrases(folded, LANGUAGE_PHRASES);
  if ([...languages].some((l) => !facts.sharedLanguages.includes(l))) faults.push('language_not_shared');

  const paces = ['relaxed', 'balanced', 'packed'].filter((p) => has(folded, p));
  if (!paces.includes(facts.candidatePace)) faults.push('missing_pace');
  if (paces.some((p) => p !== facts.candidatePace && p !== facts.queryPace)) faults.push('wrong_pace');

  const tokens = folded.trim().split(' ');
  const bands = new Set<string>();
  tokens.forEach((t, i) => {
    if (t === 'mid' || t === 'lux') bands.add(t);
    else if (t === 'budget' && tokens[i - 1] !== 'mid' && tokens[i - 1] !== 'lux') bands.add('budget');
  });
  if (!bands.has(facts.candidateBand)) faults.push('missing_band');
  if ([...bands].some((b) => b !== facts.candidateBand && b !== facts.queryBand)) faults.push('wrong_band');

  const links = [
    facts.sharedLanguages.some((l) => languages.has(l)),
    facts.sameDiet !== null && DIET_WORDS[facts.sameDiet] !== undefined && has(folded, DIET_WORDS[facts.sameDiet]),
    facts.sharedTransport.some((t) => has(folded, TRANSPORT_WORDS[t])),
    facts.sharedMustHaves.some((m) => has(folded, MUST_HAVE_WORDS[m].replace(/^an? /, ''))),
    facts.remoteWork && has(folded, 'remote'),
  ];
  const anyLinkAvailable = facts.sharedLanguages.length > 0 || facts.sameDiet !== null ||
    facts.sharedTransport.length > 0 || facts.sharedMustHaves.length > 0 || facts.remoteWork;
  if (anyLinkAvailable && !links.some(Boolean)) faults.push('missing_link');

  if (findFaith(normalized).length > 0) faults.push('mentions_faith');
  if (AGE.test(folded)) faults.push('mentions_age');
  if (GENDER.test(folded)) faults.push('mentions_gender');
  if (forbiddenMatcher(facts.forbidden).test(normalized) || (facts.hiddenCity && hashedMatcher(facts.hiddenCity).test(normalized))) {
    faults.push('mentions_forbidden');
  }
  if (findContacts(normalized).length > 0) faults.push('mentions_contact');

  return faults.length === 0 ? { ok: true } : { ok: false, faults };
}
