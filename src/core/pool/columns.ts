/**
 * String columns for the packed pool: no JS string per candidate is kept in memory.
 * `TextColumn` holds UTF-8 bytes with offsets (ids, names); `DictColumn` holds a small table of
 * distinct values and a code per candidate (cities, countries). Both decode on demand — a
 * search decodes a handful (the final cards), never the whole pool.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class TextColumn {
  constructor(readonly bytes: Uint8Array, readonly offsets: Uint32Array) {}

  static from(values: readonly string[]): TextColumn {
    return TextColumnBuilder.of(values).finish();
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  get(i: number): string {
    return decoder.decode(this.bytes.subarray(this.offsets[i], this.offsets[i + 1]));
  }
}

export class TextColumnBuilder {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private readonly offsets: Uint32Array;
  private count = 0;

  constructor(n: number) {
    this.offsets = new Uint32Array(n + 1);
  }

  static of(values: readonly string[]): TextColumnBuilder {
    const b = new TextColumnBuilder(values.length);
    for (const v of values) b.push(v);
    return b;
  }

  push(value: string): void {
    const bytes = encoder.encode(value);
    this.chunks.push(bytes);
    this.size += bytes.byteLength;
    this.offsets[++this.count] = this.size;
  }

  finish(): TextColumn {
    const bytes = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) { bytes.set(c, at); at += c.byteLength; }
    this.chunks = [];
    return new TextColumn(bytes, this.offsets);
  }
}

export class DictColumn {
  constructor(readonly codes: Uint16Array, readonly values: readonly string[]) {}

  get(i: number): string {
    return this.values[this.codes[i]];
  }
}

/** Dictionary-codes values as they arrive; code 0 is always the empty string. */
export class DictColumnBuilder {
  private readonly codes: Uint16Array;
  private readonly values: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  private count = 0;

  constructor(n: number) {
    this.codes = new Uint16Array(n);
  }

  push(value: string): void {
    let code = this.index.get(value);
    if (code === undefined) {
      if (this.values.length >= 0xffff) throw new RangeError('too many distinct values for a dictionary column');
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    this.codes[this.count++] = code;
  }

  finish(): DictColumn {
    return new DictColumn(this.codes, this.values);
  }
}
