/**
 * Scrubbing free text (SPEC §4, §11): everything private is found in the normalised text (see
 * normalize.ts) — e-mails, phone numbers, web addresses, faith words, and the caller's own
 * private terms (a person's name, city and country in all their spellings) — and the matching
 * stretches of the original text are replaced by a space. What is left is the original text,
 * so nothing a reader would not have written is introduced. Passes repeat until nothing is
 * found (a cut never joins two words: it leaves a space, or the replacement it is given).
 */
import { findContacts } from './contact';
import { findFaith } from './faith';
import { normalizeText, normalizeWithMap, originalRange } from './normalize';
import { type Span, TermMatcher, mergeSpans } from './terms';

const MAX_PASSES = 4;

/** Private stretches of normalised text: contacts, faith words and the given terms. */
export function findPrivate(normalized: string, own?: TermMatcher): Span[] {
  return mergeSpans([...findContacts(normalized), ...findFaith(normalized), ...(own ? own.find(normalized) : [])]);
}

/**
 * The text with every stretch that `find` reports in its normalised form replaced (by a space
 * unless told otherwise), pass after pass until nothing more is found.
 */
export function replacePrivate(text: string, find: (normalized: string) => Span[], replacement = ' '): string {
  let out = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Most text holds nothing private: look first without the position map (much cheaper).
    if (find(normalizeText(out)).length === 0) break;
    const n = normalizeWithMap(out);
    const spans = find(n.text);
    if (spans.length === 0) break;
    const parts: string[] = [];
    let at = 0;
    for (const [a, b] of spans) {
      const [from, to] = originalRange(n, a, b, out.length);
      if (from < at) {
        at = Math.max(at, to);
        continue;
      }
      parts.push(out.slice(at, from), replacement);
      at = to;
    }
    parts.push(out.slice(at));
    out = parts.join('');
  }
  return out;
}

/** The text with every private stretch replaced by a space (`ownTerms`: the person's own words). */
export function scrubPrivate(text: string, ownTerms: readonly string[] = []): string {
  const own = ownTerms.length ? new TermMatcher(ownTerms, 2) : undefined;
  return replacePrivate(text, (normalized) => findPrivate(normalized, own));
}
