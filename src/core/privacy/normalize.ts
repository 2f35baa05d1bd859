/**
 * The one text normaliser behind every privacy check (SPEC §2.1, §5, §11): the scrubbers and
 * the explanation validator look for faith words, e-mails, phone numbers and hidden cities in
 * normalised text, so that no spelling slips through that a reader would still understand.
 *
 * Per code point: compatibility decomposition (NFKD, which is NFKC followed by NFD for our
 * purpose: full-width "＠" becomes "@", "ﬁ" becomes "fi"), then every combining mark (accents,
 * variation selectors) and every invisible format character (zero-width space and joiners,
 * soft hyphen, bidi controls, Hangul fillers) is dropped, case is folded, letters without a
 * decomposition are folded by hand (ß → ss, ø → o, ł → l, ı → i, …), Latin look-alikes from the
 * Cyrillic and Greek alphabets become Latin, apostrophes vanish ("Baháʼí" → "bahai"), dashes
 * become "-", spaces become " " and decimal digits of any script become ASCII digits.
 *
 * Decomposing per code point gives the same letters as normalising the whole string (marks are
 * dropped either way), and lets the scrubbers map every normalised character back to the
 * original text. It runs in one linear pass, with a cache per distinct code point.
 */

/** Apostrophes and their look-alikes: removed, so "Baha'i", "Bahaʼi" and "Bahai" are one word. */
const APOSTROPHES = new Set([
  0x27, 0x60, 0xb4, 0x2b9, 0x2bb, 0x2bc, 0x2bd, 0x2be, 0x2bf, 0x2c8, 0x2018, 0x2019, 0x201b,
  0x2032, 0x2035, 0xff07, 0xff40,
]);

/** Invisible characters that are not in the format (Cf) category: fillers and blanks. */
const INVISIBLE = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800, 0x180e, 0x034f]);

/** Letters with no decomposition, folded to the ASCII a reader sees (after lower-casing). */
const LETTER_FOLDS: Record<string, string> = {
  'ß': 'ss', 'ı': 'i', 'ȷ': 'j', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'đ': 'd', 'ð': 'd',
  'þ': 'th', 'ħ': 'h', 'ŧ': 't', 'ĸ': 'k', 'ƒ': 'f', 'ɨ': 'i', 'ʉ': 'u', 'ŋ': 'n', 'ɛ': 'e',
  'ɔ': 'o', 'ƴ': 'y', 'ɓ': 'b', 'ɗ': 'd', 'ς': 'σ', 'ſ': 's',
};

/**
 * Cyrillic and Greek letters that look like Latin ones ("Сhristian" with a Cyrillic С). Text
 * written entirely in those alphabets still normalises consistently, since both sides of every
 * comparison go through this function.
 */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
  'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ї': 'i', 'ј': 'j', 'ѕ': 's', 'һ': 'h',
  'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l',
  // Greek
  'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p',
  'τ': 't', 'υ': 'u', 'χ': 'x',
};

const MARK_OR_FORMAT = /[\p{M}\p{Cf}]/gu;
const IS_DASH = /^\p{Pd}$/u;
const IS_SPACE = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;
const IS_DIGIT = /^\p{Nd}$/u;
const IS_ASCII = /^[\x00-\x7f]*$/;

/** Folded forms of the non-ASCII code points seen so far (bounded: cleared when full). */
const cache = new Map<number, string>();
const CACHE_LIMIT = 65_536;

/** The ASCII digit of a decimal digit of any script (Unicode puts each script's 0–9 in a run). */
function asciiDigit(cp: number): string {
  let zero = cp;
  while (zero > 0 && cp - zero < 9 && IS_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return String((cp - zero) % 10);
}

function foldOne(ch: string): string {
  if (IS_DIGIT.test(ch)) return asciiDigit(ch.codePointAt(0) ?? 0);
  if (IS_DASH.test(ch)) return '-';
  if (IS_SPACE.test(ch)) return ' ';
  const lower = ch.toLowerCase();
  return LOOKALIKES[lower] ?? LETTER_FOLDS[lower] ?? lower;
}

/** The normalised form of one non-ASCII code point. */
function foldCodePoint(cp: number): string {
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  let out = '';
  if (!APOSTROPHES.has(cp) && !INVISIBLE.has(cp)) {
    const ch = String.fromCodePoint(cp);
    const direct = LOOKALIKES[ch.toLowerCase()];
    const decomposed = direct ?? ch.normalize('NFKD').replace(MARK_OR_FORMAT, '');
    for (const c of decomposed) {
      const code = c.codePointAt(0) ?? 0;
      if (APOSTROPHES.has(code) || INVISIBLE.has(code)) continue;
      // Lower-casing can bring marks back ("İ"); decompose once more and drop them.
      out += foldOne(c).normalize('NFKD').replace(MARK_OR_FORMAT, '');
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cp, out);
  return out;
}

/** The normalised form of one ASCII code unit. */
function foldAscii(code: number): string {
  if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
  if (code === 0x27 || code === 0x60) return '';
  return String.fromCharCode(code);
}

/** Normalised text: compatibility forms, case and accents folded, invisible characters dropped. */
export function normalizeText(s: string): string {
  if (IS_ASCII.test(s)) return s.toLowerCase().replace(/['`]/g, '');
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    const code = s.charCodeAt(i);
    if (code < 0x80) {
      out.push(foldAscii(code));
      i++;
      continue;
    }
    const cp = s.codePointAt(i) ?? code;
    out.push(foldCodePoint(cp));
    i += cp > 0xffff ? 2 : 1;
  }
  return out.join('');
}

/**
 * Normalised text with, for each of its characters, the range of the original text it came
 * from (`from[j]` ≤ original index < `to[j]`), so that what is found in the normalised text can
 * be cut out of the original.
 */
export interface NormalizedText {
  text: string;
  from: Uint32Array;
  to: Uint32Array;
}

export function normalizeWithMap(s: string): NormalizedText {
  const parts: string[] = [];
  let from: Uint32Array = new Uint32Array(s.length + 16);
  let to: Uint32Array = new Uint32Array(s.length + 16);
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const code = s.charCodeAt(i);
    const cp = code < 0x80 ? code : (s.codePointAt(i) ?? code);
    const width = cp > 0xffff ? 2 : 1;
    const folded = code < 0x80 ? foldAscii(code) : foldCodePoint(cp);
    if (n + folded.length > from.length) {
      const size = Math.max(from.length * 2, n + folded.length);
      from = grow(from, size);
      to = grow(to, size);
    }
    for (let k = 0; k < folded.length; k++) {
      from[n] = i;
      to[n] = i + width;
      n++;
    }
    parts.push(folded);
    i += width;
  }
  return { text: parts.join(''), from: from.subarray(0, n), to: to.subarray(0, n) };
}

function grow(a: Uint32Array, size: number): Uint32Array {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}

/**
 * The original range behind the normalised range [start, end): it also takes the invisible
 * characters and marks right after it, which have no normalised character of their own.
 */
export function originalRange(n: NormalizedText, start: number, end: number, originalLength: number): [number, number] {
  const a = n.from[start];
  const last = n.to[end - 1];
  const next = end < n.text.length ? n.from[end] : originalLength;
  return [a, Math.max(last, next)];
}
