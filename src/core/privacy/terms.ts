/**
 * Finding private terms (faith words, hidden cities, a person's own name) in normalised text
 * (see normalize.ts), as whole words. One pass over the words of the text, with set look-ups:
 * linear in the text, whatever the number of terms.
 *
 * A term is found
 * - word by word, with up to three separator characters between its words ("Frankfurt am
 *   Main", "Frankfurt-am-Main", "St. Gallen" for "St Gallen");
 * - with its words run together ("FrankfurtAmMain", "Newyork"), or split by single punctuation
 *   marks ("Chris.tian", "Por_to") or spelled out letter by letter ("P o r t o");
 * - with digits standing in for letters in a word that mixes both ("Chr1st1an", "P0rto");
 * - as a substring, for terms in scripts written without spaces (Chinese, Japanese, Thai, …).
 */
import { normalizeText } from './normalize';

/** A range [start, end) of normalised text. */
export type Span = [number, number];

const WORD = /[\p{L}\p{N}]+/gu;
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /\p{L}/u;
const SPACE = /\s/;

/** Separator characters allowed between the words of a term. */
const MAX_GAP = 3;

/** Words of terms already split (the same places and words come again and again); bounded. */
const wordsOf = new Map<string, readonly string[]>();

/** The words of a term, normalised. */
export function termWords(term: string): string[] {
  let words = wordsOf.get(term);
  if (words === undefined) {
    words = normalizeText(term).match(WORD) ?? [];
    if (term.length <= 200) {
      if (wordsOf.size >= 16_384) wordsOf.clear();
      wordsOf.set(term, words);
    }
  }
  return [...words];
}

/** Sorted, merged spans. */
export function mergeSpans(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [[sorted[0][0], sorted[0][1]]];
  for (let k = 1; k < sorted.length; k++) {
    const last = out[out.length - 1];
    if (sorted[k][0] <= last[1]) last[1] = Math.max(last[1], sorted[k][1]);
    else out.push([sorted[k][0], sorted[k][1]]);
  }
  return out;
}

const LEET: Record<string, [string, string]> = {
  '0': ['o', 'o'], '1': ['i', 'l'], '3': ['e', 'e'], '4': ['a', 'a'], '5': ['s', 's'], '7': ['t', 't'], '8': ['b', 'b'], '9': ['g', 'g'],
};

/** The two readings of a word with digits for letters (1 read as i, then as l). */
function leetReadings(word: string): [string, string] {
  let a = '';
  let b = '';
  for (const c of word) {
    const r = LEET[c];
    a += r ? r[0] : c;
    b += r ? r[1] : c;
  }
  return [a, b];
}

/**
 * The look-up tables of a set of terms. Plain, they hold the normalised spellings; hashed (see
 * `hashTermIndex`), every entry is a salted digest instead, so a served pool can carry the
 * hidden home cities an explanation must not name without carrying them readable.
 */
export interface TermIndex {
  /** Terms as their words joined by one space. */
  phrases: string[];
  /** Terms as their words run together. */
  joined: string[];
  /** The first words of terms of several words, with their first two, three, … words. */
  openings: string[];
  /** Terms in scripts without spaces, found as substrings (hashed: `length:digest`). */
  substrings: string[];
  /** The longest run-together term, in characters (bounds the search). */
  maxJoined: number;
}

/** The look-up tables for `terms`; terms shorter than `minLength` letters (normalised) are ignored. */
export function termIndex(terms: Iterable<string>, minLength = 2): TermIndex {
  const phrases = new Set<string>();
  const joinedSet = new Set<string>();
  const openings = new Set<string>();
  const substrings = new Set<string>();
  let maxJoined = 0;
  for (const term of terms) {
    const words = termWords(term);
    const joined = words.join('');
    if (joined.length < minLength) continue;
    if (NO_SPACE_SCRIPT.test(joined)) {
      substrings.add(joined);
      continue;
    }
    phrases.add(words.join(' '));
    for (let k = 1; k < words.length; k++) openings.add(words.slice(0, k).join(' '));
    joinedSet.add(joined);
    maxJoined = Math.max(maxJoined, joined.length);
  }
  return { phrases: [...phrases], joined: [...joinedSet], openings: [...openings], substrings: [...substrings], maxJoined };
}

/** The same tables with every entry replaced by `hash(entry)` (substrings keep their length). */
export function hashTermIndex(index: TermIndex, hash: (s: string) => string): TermIndex {
  return {
    phrases: index.phrases.map(hash),
    joined: index.joined.map(hash),
    openings: index.openings.map(hash),
    substrings: index.substrings.map((s) => `${[...s].length}:${hash(s)}`),
    maxJoined: index.maxJoined,
  };
}

export class TermMatcher {
  private readonly phrases: Set<string>;
  private readonly joined: Set<string>;
  private readonly openings: Set<string>;
  private readonly substrings: string[];
  /** Hashed substrings by length in code points. */
  private readonly substringLengths: number[];
  private readonly maxJoined: number;
  /** How a piece of text is looked up: itself, or its salted digest for a hashed index. */
  private readonly key: (s: string) => string;

  /**
   * Terms shorter than `minLength` letters (after normalisation) are ignored. Or a prepared
   * index, with the `key` its entries were made with (a hash for a hashed index).
   */
  constructor(terms: Iterable<string> | { index: TermIndex; key: (s: string) => string }, minLength = 2) {
    const prepared = Symbol.iterator in terms ? null : terms;
    const index = prepared ? prepared.index : termIndex(terms as Iterable<string>, minLength);
    this.key = prepared ? prepared.key : (s) => s;
    this.phrases = new Set(index.phrases);
    this.joined = new Set(index.joined);
    this.openings = new Set(index.openings);
    this.substrings = index.substrings;
    this.substringLengths = prepared ? [...new Set(index.substrings.map((e) => Number(e.slice(0, e.indexOf(':')))))].filter((n) => n > 0) : [];
    this.maxJoined = index.maxJoined;
  }

  get size(): number {
    return this.phrases.size + this.substrings.length;
  }

  private has(set: Set<string>, s: string): boolean {
    return set.size > 0 && set.has(this.key(s));
  }

  private isTerm(word: string): boolean {
    if (this.has(this.phrases, word) || this.has(this.joined, word)) return true;
    if (HAS_DIGIT.test(word) && HAS_LETTER.test(word)) {
      const [a, b] = leetReadings(word);
      return this.has(this.phrases, a) || this.has(this.joined, a) || (b !== a && (this.has(this.phrases, b) || this.has(this.joined, b)));
    }
    return false;
  }

  /** Where the terms occur in normalised text, merged and in order. */
  find(text: string): Span[] {
    const spans: Span[] = [];
    if (this.size === 0 || text === '') return spans;
    const words: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (const m of text.matchAll(WORD)) {
      words.push(m[0]);
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
    // Words split by one punctuation mark (not a space), or single letters spelled out.
    const tight = (j: number) => {
      const gap = starts[j] - ends[j - 1];
      if (gap === 1 && !SPACE.test(text[ends[j - 1]])) return true;
      return gap <= 2 && words[j].length === 1 && words[j - 1].length === 1;
    };
    for (let i = 0; i < words.length; ) {
      let best = this.isTerm(words[i]) ? i : -1;
      let phrase = words[i];
      for (let j = i + 1; j < words.length && this.has(this.openings, phrase) && starts[j] - ends[j - 1] <= MAX_GAP; j++) {
        phrase += ` ${words[j]}`;
        if (this.has(this.phrases, phrase)) best = j;
      }
      let joined = words[i];
      for (let j = i + 1; j < words.length && joined.length < this.maxJoined && tight(j); j++) {
        joined += words[j];
        if (joined.length > this.maxJoined) break;
        if (this.has(this.joined, joined)) best = Math.max(best, j);
      }
      if (best >= 0) {
        spans.push([starts[i], ends[best]]);
        i = best + 1;
      } else {
        i++;
      }
    }
    if (this.substringLengths.length === 0) {
      for (const s of this.substrings) {
        for (let at = text.indexOf(s); at !== -1; at = text.indexOf(s, at + s.length)) spans.push([at, at + s.length]);
      }
    } else if (NO_SPACE_SCRIPT.test(text)) {
      // Hashed: every run of code points of a stored length is looked up.
      const wanted = new Set(this.substrings);
      const cps = [...text];
      const offsets: number[] = [];
      let o = 0;
      for (const c of cps) { offsets.push(o); o += c.length; }
      offsets.push(o);
      for (const len of this.substringLengths) {
        for (let a = 0; a + len <= cps.length; a++) {
          if (wanted.has(`${len}:${this.key(cps.slice(a, a + len).join(''))}`)) spans.push([offsets[a], offsets[a + len]]);
        }
      }
    }
    return mergeSpans(spans);
  }

  /** Whether any term occurs in normalised text. */
  test(text: string): boolean {
    return this.find(text).length > 0;
  }
}
