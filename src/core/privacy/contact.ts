/**
 * Contact details in normalised text (see normalize.ts): e-mail addresses, phone numbers and
 * web addresses. Used by the profile-text scrubber (which cuts them out) and by the explanation
 * validator (which rejects a sentence holding one). All scans are linear: every pattern is
 * anchored on a short marker ("@", "(at)", a digit, "www.") and bounded, so no input makes them
 * backtrack over long stretches.
 *
 * E-mails: anything around an at sign — "@", and after normalisation also the full-width "＠"
 * and the small "﹫" — or a bracketed "(at)" / "[at]"; with or without a dot in the domain
 * ("ana@intranet"), an IP literal ("ana@[10.0.0.1]"), spaces around the at sign, and "(dot)"
 * or " dot " for dots; plus "ana at example dot com". A lone "@handle" counts too.
 * Phone numbers: seven or more digits in one run of digits and separators (spaces, "-", ".",
 * "/", parentheses), with an optional leading "+": "+49 170 1234567", "(030) 123 45 67".
 */
import { type Span, mergeSpans } from './terms';

/** At signs as they appear in normalised text. */
export const AT_SIGN = /@|[([{<] {0,3}at {0,3}[)\]}>]/g;
/** "ana at example dot com": an at and a dot spelled out. */
export const SPELLED_EMAIL = /[\p{L}\p{N}._%+-]{1,64} +at +[\p{L}\p{N}-]{1,63}(?: +dot +[\p{L}\p{N}-]{1,63})+/gu;
/** Phone numbers: at least seven digits with separators between them. */
export const PHONE = /\+?\(?\d(?:[ \-./()]{0,3}\d){6,}/g;
/** Web addresses. */
export const WEB_ADDRESS = /(?:https?:\/\/|www\.)[^\s]{0,2048}/g;

const LOCAL = /[\p{L}\p{N}._%+\-!#$&*=?^{|}~/]/u;
const DOMAIN = /[\p{L}\p{N}._-]/u;
const DOT_WORD = /(?: {0,2}[([{<] {0,2}dot {0,2}[)\]}>] {0,2}| +dot +)/y;
const MAX_SPACES = 2;

function allMatches(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  const r = new RegExp(re.source, re.flags);
  for (const m of text.matchAll(r)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The end of a domain (or IP literal) that starts at k. */
function domainEnd(text: string, k: number): number {
  if (text[k] === '[') {
    const close = text.indexOf(']', k);
    if (close !== -1 && close - k <= 64) return close + 1;
    k++;
  }
  let end = k;
  for (;;) {
    while (end < text.length && DOMAIN.test(text[end])) end++;
    DOT_WORD.lastIndex = end;
    const dot = end > k ? DOT_WORD.exec(text) : null;
    if (!dot || dot.index + dot[0].length >= text.length || !DOMAIN.test(text[dot.index + dot[0].length])) break;
    end = dot.index + dot[0].length;
  }
  // A sentence's full stop (or a dash) after the address is not part of it.
  while (end > k && /[.\-_]/.test(text[end - 1])) end--;
  return end;
}

/** E-mail addresses (and lone at-handles) in normalised text. */
export function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  if (text.includes('@') || text.includes('at')) {
    for (const [a, b] of allMatches(AT_SIGN, text)) {
      // Spaces around the at sign are bridged when they are on both sides ("ana @ example.com"),
      // or when the at is spelled out ("ana (at) example"); "follow @ana" keeps "follow".
      const bridge = text[a] !== '@' || (text[a - 1] === ' ' && text[b] === ' ');
      let start = a;
      let s = a;
      while (bridge && s > 0 && a - s < MAX_SPACES && text[s - 1] === ' ') s--;
      if (s > 0 && LOCAL.test(text[s - 1])) {
        start = s;
        while (start > 0 && LOCAL.test(text[start - 1])) start--;
      }
      let e = b;
      while (e < text.length && e - b < MAX_SPACES && text[e] === ' ') e++;
      const end = e < text.length && (DOMAIN.test(text[e]) || text[e] === '[') ? domainEnd(text, e) : b;
      spans.push([start, Math.max(end, b)]);
    }
    if (text.includes(' dot ')) spans.push(...allMatches(SPELLED_EMAIL, text));
  }
  return mergeSpans(spans);
}

/** Phone numbers in normalised text. */
export function findPhones(text: string): Span[] {
  return /\d/.test(text) ? allMatches(PHONE, text) : [];
}

/** Web addresses in normalised text. */
export function findWebAddresses(text: string): Span[] {
  return text.includes('www.') || text.includes('://') ? allMatches(WEB_ADDRESS, text) : [];
}

/** Every contact detail in normalised text: e-mails, phone numbers, web addresses. */
export function findContacts(text: string): Span[] {
  return mergeSpans([...findEmails(text), ...findPhones(text), ...findWebAddresses(text)]);
}
