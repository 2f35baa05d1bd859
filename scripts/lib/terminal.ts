/**
 * Text from data (imported names, bios, notices, error messages) made safe for a terminal: no
 * escape sequence (ANSI colours, OSC window titles), no carriage return or line break that
 * rewrites or forges lines, no bidirectional override that reorders what is shown, no invisible
 * format character. Node-only by use, plain string code by nature.
 */

/**
 * Control characters (C0, DEL, C1), format characters (bidi controls, zero-width spaces, the
 * byte order mark, tag characters, …), line and paragraph separators and lone surrogates.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * Zero-width non-joiner and joiner are format characters that spell words (Persian, Indic
 * scripts) and emoji sequences; they neither move nor hide text, so they are kept.
 */
const KEPT = new Set([0x200c, 0x200d]);

const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');

/**
 * `s` with every unsafe character replaced visibly: C0 controls by their control pictures
 * (ESC → ␛, LF → ␊, CR → ␍), DEL by ␡, anything else by `<U+XXXX>`.
 */
export function safeText(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    if (KEPT.has(cp)) return ch;
    if (cp < 0x20) return String.fromCharCode(0x2400 + cp);
    if (cp === 0x7f) return '\u2421';
    return `<U+${hex(cp)}>`;
  });
}

/** Format characters and C1 controls as JSON escapes (JSON.stringify leaves them raw). */
const JSON_UNSAFE = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * JSON text with every character that could act on a terminal written as a `\uXXXX` escape:
 * the same value for any JSON reader, inert on a screen. (JSON.stringify already escapes C0
 * controls and lone surrogates.)
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (ch) => {
    let out = '';
    for (let i = 0; i < ch.length; i++) out += `\\u${hex(ch.charCodeAt(i)).toLowerCase()}`;
    return out;
  });
}
