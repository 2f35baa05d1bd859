/**
 * Reading a language model's JSON as it streams, and after it was cut off (SPEC §5: a generation
 * that runs out of tokens must not lose the explanations it did finish).
 *
 * The explanations come as one flat object, `{"A": "For you, …", "B": "…"}`. The scanner follows
 * the text character by character from its first `{`: it knows whether the text so far is a valid
 * JSON prefix, whether it is complete, the string values of the top-level object that were
 * closed (complete entries), and, while a value string is open, how long it is so far — which is
 * what lets an engine bound each text while it is generated.
 */

type Expect = 'value' | 'key' | 'colon' | 'comma' | 'done';

interface Frame {
  kind: 'object' | 'array';
  /** An object's key whose value is being read. */
  key: string | null;
  /** Just after `{`, `[` or a comma: a closing bracket is (or is not) allowed here. */
  empty: boolean;
}

export class JsonPrefixScanner {
  private started = false;
  private expect: Expect = 'value';
  private readonly stack: Frame[] = [];
  private inString = false;
  private escape = false;
  private stringRaw = '';
  private stringIsKey = false;
  private literal = '';
  private broken = false;
  /** Complete string values of the top-level object, by key, in order. */
  readonly entries = new Map<string, string>();

  /** Feed more text. */
  push(text: string): void {
    for (const ch of text) {
      if (this.broken) return;
      this.step(ch);
    }
  }

  /** Everything fed so far (from the first `{`) is a valid JSON prefix. */
  get validPrefix(): boolean {
    return this.started && !this.broken;
  }

  /** A whole JSON value was read. */
  get complete(): boolean {
    return this.validPrefix && this.expect === 'done' && !this.literal;
  }

  /** Characters of the top-level value string being read now, or null when none is open. */
  get openValueLength(): number | null {
    if (!this.inString || this.stringIsKey || this.stack.length !== 1) return null;
    return this.decodedLength(this.stringRaw);
  }

  private decodedLength(raw: string): number {
    const body = this.escape ? raw.slice(0, -1) : raw;
    try {
      return (JSON.parse(`"${body}"`) as string).length + (this.escape ? 1 : 0);
    } catch {
      return raw.length; // a \u escape still being written
    }
  }

  private fail(): void {
    this.broken = true;
  }

  private step(ch: string): void {
    if (!this.started) {
      if (ch === '{') { this.started = true; this.open('object'); }
      return; // leading words, code fences: skipped
    }
    if (this.inString) {
      if (this.escape) { this.escape = false; this.stringRaw += ch; return; }
      if (ch === '\\') { this.escape = true; this.stringRaw += ch; return; }
      if (ch === '"') { this.closeString(); return; }
      if (ch < ' ') { this.fail(); return; }
      this.stringRaw += ch;
      return;
    }
    if (this.literal) {
      if (/[\w.+-]/.test(ch)) { this.literal += ch; return; }
      if (!this.endLiteral()) return;
    }
    if (/\s/.test(ch)) return;
    const top = this.stack[this.stack.length - 1];
    switch (this.expect) {
      case 'key':
        if (ch === '"') { this.inString = true; this.stringIsKey = true; this.stringRaw = ''; return; }
        if (ch === '}' && top?.empty) { this.close('object'); return; }
        this.fail();
        return;
      case 'colon':
        if (ch === ':') { this.expect = 'value'; return; }
        this.fail();
        return;
      case 'comma':
        if (ch === ',' && top) { top.empty = false; this.expect = top.kind === 'object' ? 'key' : 'value'; return; }
        if (ch === '}' && top?.kind === 'object') { this.close('object'); return; }
        if (ch === ']' && top?.kind === 'array') { this.close('array'); return; }
        this.fail();
        return;
      case 'value':
        if (ch === '"') { this.inString = true; this.stringIsKey = false; this.stringRaw = ''; return; }
        if (ch === '{') { this.open('object'); return; }
        if (ch === '[') { this.open('array'); return; }
        if (ch === ']' && top?.kind === 'array' && top.empty) { this.close('array'); return; }
        if (/[-\d tfn]/.test(ch)) { this.literal = ch; return; }
        this.fail();
        return;
      case 'done':
        return; // text after the object is ignored
    }
  }

  private open(kind: 'object' | 'array'): void {
    this.stack.push({ kind, key: null, empty: true });
    this.expect = kind === 'object' ? 'key' : 'value';
  }

  private close(kind: 'object' | 'array'): void {
    const top = this.stack.pop();
    if (!top || top.kind !== kind) { this.fail(); return; }
    this.afterValue();
  }

  private afterValue(): void {
    this.expect = this.stack.length === 0 ? 'done' : 'comma';
  }

  private closeString(): void {
    this.inString = false;
    let value: string;
    try {
      value = JSON.parse(`"${this.stringRaw}"`) as string;
    } catch {
      this.fail();
      return;
    }
    const top = this.stack[this.stack.length - 1];
    if (this.stringIsKey) {
      if (top) top.key = value;
      this.expect = 'colon';
      return;
    }
    if (this.stack.length === 1 && top?.kind === 'object' && top.key !== null && !this.entries.has(top.key)) {
      this.entries.set(top.key, value);
    }
    this.afterValue();
  }

  private endLiteral(): boolean {
    const lit = this.literal;
    this.literal = '';
    const ok = lit === 'true' || lit === 'false' || lit === 'null' || /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(lit);
    if (!ok) { this.fail(); return false; }
    this.afterValue();
    return true;
  }
}

/** Scan a whole text at once. */
export function scanJsonPrefix(text: string): JsonPrefixScanner {
  const s = new JsonPrefixScanner();
  s.push(text);
  return s;
}
