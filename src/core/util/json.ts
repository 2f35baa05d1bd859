/**
 * Strict JSON (RFC 8259) for every JSON file the tools read (SPEC §11): text that is not JSON
 * gets exactly one problem at path `""` with the line and column where reading stopped; a
 * duplicate key, a prototype key (`__proto__`, `constructor`, `prototype`) or nesting deeper
 * than 32 levels is a problem at its path. Messages describe what is wrong and where, and never
 * repeat the input's values (a path names a key only when it is a plain ASCII word, at most 64
 * characters; any other key by its position, `<key 3>`).
 *
 * Iterative (no recursion), so any nesting depth is read without a stack overflow; what lies
 * deeper than the limit is checked for syntax but not built. Objects are plain objects whose
 * prototype keys were refused, so no prototype is ever reached. Environment-neutral.
 */

import type { ProblemCode } from '../profile/types';

/** Nesting the project accepts: the root container is level 0, as in profile validation. */
export const MAX_JSON_DEPTH = 32;
/** At most this many path problems are listed (every one past it is still refused). */
export const MAX_JSON_PROBLEMS = 20;

export type JsonProblemCode = Extract<ProblemCode, 'invalid_json' | 'not_utf8' | 'duplicate_key' | 'forbidden_key' | 'too_deep'>;

export interface JsonProblem {
  /** `""` for the text as a whole; else the dotted path (`3.faith.policy`), array items by index. */
  path: string;
  code: JsonProblemCode;
  message: string;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; problems: JsonProblem[] };
export type JsonText = { ok: true; text: string } | { ok: false; problems: JsonProblem[] };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Keys shown in paths as they are; any other key is shown by its position (`<key 3>`). */
const PLAIN_KEY = /^[A-Za-z0-9_$-]{1,64}$/;

const BOM = 0xfeff;

class SyntaxFault {
  constructor(readonly at: number, readonly what: string) {}
}

/** Line and column (1-based, in characters) of a UTF-16 offset in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    column++;
  }
  return { line, column };
}

function textProblem(code: 'invalid_json' | 'not_utf8', message: string): JsonResult & JsonText & { ok: false } {
  return { ok: false, problems: [{ path: '', code, message }] };
}

const UTF16_HINT = 'save the file as UTF-8';

/**
 * A text that is UTF-16 read as if it were UTF-8 or Latin-1: a byte order mark turned into
 * U+FFFD U+FFFD or "ÿþ"/"þÿ", or ASCII with NUL between the characters.
 */
function utf16Sign(text: string): string | null {
  const a = text.charCodeAt(0);
  const b = text.charCodeAt(1);
  if (a === 0xfffe) return 'UTF-16 with a byte order mark of the other byte order';
  if ((a === 0xfffd && b === 0xfffd) || (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return 'UTF-16 (it starts with a UTF-16 byte order mark)';
  return nulInterleaved(text.length, (i) => text.charCodeAt(i));
}

/** "x\0y\0" (little-endian) or "\0x\0y" (big-endian): two pairs when there are, else one. */
function nulInterleaved(length: number, at: (i: number) => number): string | null {
  if (length < 2) return null;
  const pairs = length >= 4 ? 2 : 1;
  let le = true;
  let be = true;
  for (let p = 0; p < pairs; p++) {
    const x = at(2 * p);
    const y = at(2 * p + 1);
    le &&= x !== 0 && y === 0;
    be &&= x === 0 && y !== 0;
  }
  if (le) return 'UTF-16 (little-endian, without a byte order mark)';
  if (be) return 'UTF-16 (big-endian, without a byte order mark)';
  return null;
}

/**
 * Parse `text` as strict JSON. A leading byte order mark (U+FEFF) is skipped; text that looks
 * like UTF-16 is refused as not UTF-8. Never throws.
 */
export function parseJsonStrict(text: string): JsonResult {
  return parseText(text, true);
}

function parseText(text: string, skipBom: boolean): JsonResult {
  try {
    const sign = utf16Sign(text);
    if (sign) return textProblem('not_utf8', `not UTF-8 at line 1, column 1: the text looks like ${sign}; ${UTF16_HINT}`);
    const body = skipBom && text.charCodeAt(0) === BOM ? text.slice(1) : text;
    return new Parser(body).run();
  } catch (e) {
    return textProblem('invalid_json', `not valid JSON at line 1, column 1: could not be read (${e instanceof Error ? e.name : 'error'})`);
  }
}

/**
 * Bytes of a file to UTF-8 text: a UTF-8 byte order mark is dropped; UTF-16 or UTF-32 (with or
 * without a byte order mark) and invalid UTF-8 are refused with one problem at path `""`.
 */
export function decodeJsonBytes(bytes: Uint8Array): JsonText {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return textProblem('not_utf8', `not UTF-8 at line 1, column 1: the file is UTF-32 (big-endian); ${UTF16_HINT}`);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return textProblem('not_utf8', `not UTF-8 at line 1, column 1: the file is UTF-32 (little-endian); ${UTF16_HINT}`);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return textProblem('not_utf8', `not UTF-8 at line 1, column 1: the file is UTF-16 (little-endian, with a byte order mark); ${UTF16_HINT}`);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return textProblem('not_utf8', `not UTF-8 at line 1, column 1: the file is UTF-16 (big-endian, with a byte order mark); ${UTF16_HINT}`);
  const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const body = start === 0 ? b : b.subarray(start);
  const sign = nulInterleaved(body.length, (i) => body[i]);
  if (sign) return textProblem('not_utf8', `not UTF-8 at line 1, column 1: the file looks like ${sign}; ${UTF16_HINT}`);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const bad = firstInvalidUtf8(body);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, bad));
    const { line, column } = position(before, before.length);
    return textProblem('not_utf8', `not UTF-8 at line ${line}, column ${column}: invalid byte sequence (byte ${bad + start + 1} of the file)`);
  }
}

/** Decode (as `decodeJsonBytes`, which drops one byte order mark), then parse strictly. */
export function parseJsonBytes(bytes: Uint8Array): JsonResult {
  const decoded = decodeJsonBytes(bytes);
  return decoded.ok ? parseText(decoded.text, false) : decoded;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) { need = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return b.length;
}

interface Frame {
  /** The container being built; null below the depth limit or under a refused key. */
  value: Record<string, unknown> | unknown[] | null;
  isArray: boolean;
  /** This container's segment in its parent's path. */
  segment: string;
  /** Objects: the member key being read and its path segment; arrays: the next index. */
  key: string;
  keySegment: string;
  keyCount: number;
  index: number;
  /** The pending member is not stored (a refused key). */
  dropMember: boolean;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  private i = 0;
  private readonly stack: Frame[] = [];
  private readonly problems: JsonProblem[] = [];

  constructor(private readonly s: string) {}

  run(): JsonResult {
    try {
      const value = this.document();
      if (this.problems.length > 0) return { ok: false, problems: this.problems };
      return { ok: true, value };
    } catch (e) {
      if (!(e instanceof SyntaxFault)) throw e;
      const { line, column } = position(this.s, e.at);
      return textProblem('invalid_json', `not valid JSON at line ${line}, column ${column}: ${e.what}`);
    }
  }

  private fault(what: string, at = this.i): never {
    throw new SyntaxFault(at, what);
  }

  private ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  private path(extra?: string): string {
    const parts: string[] = [];
    for (let d = 1; d < this.stack.length; d++) parts.push(this.stack[d].segment);
    if (extra !== undefined) parts.push(extra);
    return parts.join('.');
  }

  private problem(code: JsonProblemCode, path: string, message: string): void {
    if (this.problems.length < MAX_JSON_PROBLEMS) this.problems.push({ path, code, message: `${path}: ${message}` });
  }

  /** The whole text: one value, then only whitespace. */
  private document(): unknown {
    this.ws();
    if (this.i >= this.s.length) this.fault(this.s.length === 0 ? 'the text is empty' : 'the text has only whitespace');
    let root: unknown;
    // Each turn reads one value: a scalar, an empty container, or the start of a container.
    values: for (;;) {
      this.ws();
      const c = this.s.charCodeAt(this.i);
      let value: unknown;
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        const opened = this.open(c === 0x5b);
        if (opened.pushed) continue;
        value = opened.value;
      } else {
        value = this.scalar();
      }
      // Attach the value to its container, then close every container that ends here.
      for (;;) {
        const frame = this.stack[this.stack.length - 1];
        if (!frame) { root = value; break values; }
        this.attach(frame, value);
        this.ws();
        const d = this.s.charCodeAt(this.i);
        if (d === 0x2c /* , */) {
          this.i++;
          if (!frame.isArray) this.memberKey(frame);
          continue values;
        }
        if (d === (frame.isArray ? 0x5d : 0x7d)) {
          this.i++;
          this.stack.pop();
          value = frame.value;
          continue;
        }
        if (this.i >= this.s.length) this.fault('unexpected end of the text');
        this.fault(frame.isArray ? "expected ',' or ']' after an item" : "expected ',' or '}' after a member");
      }
    }
    this.ws();
    if (this.i < this.s.length) this.fault('unexpected text after the JSON value');
    return root;
  }

  /** At '{' or '[': push the container (an empty one is closed at once and returned). */
  private open(isArray: boolean): { pushed: true } | { pushed: false; value: unknown } {
    const parent = this.stack[this.stack.length - 1];
    const segment = parent ? (parent.isArray ? String(parent.index) : parent.keySegment) : '';
    const depth = this.stack.length; // the root container is level 0
    let build = !parent || (parent.value !== null && !parent.dropMember);
    if (depth > MAX_JSON_DEPTH && build) {
      this.problem('too_deep', this.path(segment), `nested deeper than ${MAX_JSON_DEPTH} levels`);
      build = false;
    }
    const frame: Frame = {
      value: build ? (isArray ? [] : {}) : null,
      isArray, segment, key: '', keySegment: '', keyCount: 0, index: 0, dropMember: false,
    };
    this.i++;
    this.stack.push(frame);
    this.ws();
    if (this.s.charCodeAt(this.i) === (isArray ? 0x5d : 0x7d)) {
      this.i++;
      this.stack.pop();
      return { pushed: false, value: frame.value };
    }
    if (!isArray) this.memberKey(frame);
    return { pushed: true };
  }

  /** At a member: read `"key" :` into the frame and check the key. */
  private memberKey(frame: Frame): void {
    this.ws();
    if (this.s.charCodeAt(this.i) !== 0x22) {
      if (this.i >= this.s.length) this.fault('unexpected end of the text');
      this.fault('expected a member name in double quotes');
    }
    const key = this.string();
    this.ws();
    if (this.s.charCodeAt(this.i) !== 0x3a /* : */) {
      if (this.i >= this.s.length) this.fault('unexpected end of the text');
      this.fault("expected ':' after a member name");
    }
    this.i++;
    frame.keyCount++;
    frame.key = key;
    frame.keySegment = PLAIN_KEY.test(key) ? key : `<key ${frame.keyCount}>`;
    frame.dropMember = false;
    if (frame.value === null) return;
    if (FORBIDDEN_KEYS.has(key)) {
      this.problem('forbidden_key', this.path(frame.keySegment), `the key "${key}" is not allowed`);
      frame.dropMember = true;
    } else if (Object.hasOwn(frame.value, key)) {
      this.problem('duplicate_key', this.path(frame.keySegment), 'duplicate key (the object already has a member with this name)');
      frame.dropMember = true;
    }
  }

  private attach(frame: Frame, value: unknown): void {
    if (frame.isArray) {
      if (frame.value !== null) (frame.value as unknown[]).push(value);
      frame.index++;
      return;
    }
    if (frame.value !== null && !frame.dropMember) (frame.value as Record<string, unknown>)[frame.key] = value;
  }

  /** A string, number or literal. */
  private scalar(): unknown {
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = this.i;
      const m = NUMBER.exec(s);
      if (!m) this.fault('invalid number');
      const end = this.i + m[0].length;
      const next = s.charCodeAt(end);
      if (next === 0x2e || next === 0x65 || next === 0x45 || (next >= 0x30 && next <= 0x39)) this.fault('invalid number', end);
      this.i = end;
      return Number(m[0]);
    }
    if (s.startsWith('true', this.i)) { this.i += 4; return this.literalEnd(true); }
    if (s.startsWith('false', this.i)) { this.i += 5; return this.literalEnd(false); }
    if (s.startsWith('null', this.i)) { this.i += 4; return this.literalEnd(null); }
    if (this.i >= s.length) this.fault('unexpected end of the text');
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) this.fault('unexpected word (JSON allows only true, false and null; no NaN, Infinity or comments)');
    if (c === 0x27) this.fault('single quotes (JSON strings use double quotes)');
    if (c === 0x2f) this.fault('a comment (JSON has no comments)');
    if (c === 0x2c || c === 0x5d || c === 0x7d) this.fault('expected a value');
    if (c === BOM) this.fault('a byte order mark inside the text');
    this.fault(c < 0x20 ? 'a control character where a value was expected' : 'unexpected character where a value was expected');
  }

  private literalEnd<T>(v: T): T {
    const c = this.s.charCodeAt(this.i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) this.fault('unexpected word (JSON allows only true, false and null)');
    return v;
  }

  /** A string starting at the opening quote. */
  private string(): string {
    const s = this.s;
    const start = this.i + 1;
    let i = start;
    let out = '';
    let chunk = start;
    for (;;) {
      if (i >= s.length) this.fault('unterminated string', this.i);
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        out += s.slice(chunk, i);
        this.i = i + 1;
        return out;
      }
      if (c < 0x20) this.fault('a control character inside a string (write it as an escape like \\n)', i);
      if (c !== 0x5c) { i++; continue; }
      out += s.slice(chunk, i);
      const e = s.charCodeAt(i + 1);
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fault('invalid \\u escape in a string', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          if (i + 1 >= s.length) this.fault('unterminated string', this.i);
          this.fault('invalid escape in a string', i);
      }
      i += 2;
      chunk = i;
    }
  }
}
