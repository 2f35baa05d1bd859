/**
 * The packed pool as one binary file (`pool.bin`), loaded by the worker as typed-array views
 * over the fetched bytes — no parsing per candidate, no copies (SPEC §2.3, §10). Layout:
 *
 *   "RMPK" · u32 format version · u32 header length · header JSON (UTF-8) · padding to 8
 *   then each array's bytes at the offset the header gives (8-byte aligned).
 *
 * The header carries n, the code tables (languages, currencies, religions, dictionary values),
 * the hidden cities' salt and hashed look-up tables (never a hidden city in readable form), the
 * blocklist index and, per array, {name, type, offset, length}. Scratch buffers are made at
 * load time. The bytes are checked against the pool manifest (size, SHA-256) before this runs.
 */
import { type Result, fail, failure, ok } from '../outcome';
import { headerProblem, poolContentsProblem } from './checkContents';
import { DictColumn, TextColumn } from './columns';
import { type PackedPool, makeScratch } from './packed';
import type { TermIndex } from '../privacy/terms';

export const PACKED_FORMAT_VERSION = 2;
const MAGIC = [0x52, 0x4d, 0x50, 0x4b]; // "RMPK"

const TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f32: Float32Array } as const;
type TypeName = keyof typeof TYPES;
type Typed = Uint8Array | Uint16Array | Uint32Array | Float32Array;

/** Typed-array fields of PackedPool written as they are. */
const ARRAY_FIELDS = [
  'idRank', 'idOrder', 'age', 'gender', 'gendersOk', 'ageLo', 'ageHi', 'minLang', 'pace', 'band', 'smoking',
  'alcohol', 'chrono', 'diet', 'flags', 'dealbreakers', 'religion', 'interests', 'values', 'langs', 'transport',
  'mustHaves', 'budgetAmount', 'currency',
] as const;
type ArrayField = (typeof ARRAY_FIELDS)[number];

interface ArrayEntry { name: string; type: TypeName; offset: number; length: number }

interface Header {
  n: number;
  langWords: number;
  langCodes: string[];
  currencyCodes: string[];
  religions: string[];
  dicts: { city: string[]; country: string[] };
  hiddenCities: { salt: string; indexes: TermIndex[] };
  blockedBy: [string, number[]][];
  arrays: ArrayEntry[];
}

function typeOf(a: Typed): TypeName {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  return 'f32';
}

export function serializePool(pool: PackedPool): Uint8Array {
  const arrays: [string, Typed][] = [
    ...ARRAY_FIELDS.map((f) => [f, pool[f]] as [string, Typed]),
    ['id.bytes', pool.id.bytes], ['id.offsets', pool.id.offsets],
    ['name.bytes', pool.name.bytes], ['name.offsets', pool.name.offsets],
    ['city.codes', pool.city.codes], ['country.codes', pool.country.codes], ['hiddenCities.codes', pool.hiddenCities.codes],
  ];
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const [name, a] of arrays) {
    entries.push({ name, type: typeOf(a), offset, length: a.length });
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const header: Header = {
    n: pool.n,
    langWords: pool.langWords,
    langCodes: pool.langCodes,
    currencyCodes: pool.currencyCodes,
    religions: pool.religions,
    dicts: { city: [...pool.city.values], country: [...pool.country.values] },
    hiddenCities: { salt: pool.hiddenCities.salt, indexes: pool.hiddenCities.indexes },
    blockedBy: [...pool.blockedBy.entries()],
    arrays: entries,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((12 + headerBytes.byteLength) / 8) * 8;
  const out = new Uint8Array(dataStart + offset);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, PACKED_FORMAT_VERSION, true);
  view.setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  arrays.forEach(([, a], k) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), dataStart + entries[k].offset));
  return out;
}

/** View a packed pool file in place; a malformed file is an error, never a crash. */
export function deserializePool(bytes: Uint8Array): Result<PackedPool> {
  const bad = (why: string) => fail<PackedPool>(failure('pool_corrupt', { why }));
  try {
    if (bytes.byteLength < 12 || MAGIC.some((m, i) => bytes[i] !== m)) return bad('not a packed pool file');
    const buf = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const version = view.getUint32(4, true);
    if (version !== PACKED_FORMAT_VERSION) return bad(`format version ${version}, expected ${PACKED_FORMAT_VERSION}`);
    const headerLength = view.getUint32(8, true);
    if (12 + headerLength > buf.byteLength) return bad('truncated header');
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(12, 12 + headerLength)));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return bad('the header is not an object');
    const wrong = headerProblem(parsed as Record<string, unknown>);
    if (wrong) return bad(wrong);
    const header = parsed as Header;
    const dataStart = Math.ceil((12 + headerLength) / 8) * 8;
    const n = header.n;
    const got = new Map<string, Typed>();
    for (const e of header.arrays) {
      const Ctor = Object.hasOwn(TYPES, e?.type) ? TYPES[e.type] : undefined;
      if (!Ctor || !Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset % 8 !== 0) return bad(`bad array entry ${String(e.name)}`);
      const start = dataStart + e.offset;
      if (start + e.length * Ctor.BYTES_PER_ELEMENT > buf.byteLength) return bad(`array ${e.name} runs past the end (truncated?)`);
      got.set(e.name, new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset + start, e.length));
    }
    const need = (name: string, length: number): Typed => {
      const a = got.get(name);
      if (!a || a.length !== length) throw new Error(`array ${name} is missing or has the wrong length`);
      return a;
    };
    const perCandidate: Record<ArrayField, number> = Object.fromEntries(ARRAY_FIELDS.map((f) => [f, n])) as Record<ArrayField, number>;
    perCandidate.interests = n * 2;
    perCandidate.langs = n * header.langWords;
    const cols = Object.fromEntries(ARRAY_FIELDS.map((f) => [f, need(f, perCandidate[f])]));
    const idOffsets = need('id.offsets', n + 1) as Uint32Array;
    const nameOffsets = need('name.offsets', n + 1) as Uint32Array;
    const idBytes = need('id.bytes', idOffsets[n] ?? 0) as Uint8Array;
    const nameBytes = need('name.bytes', nameOffsets[n] ?? 0) as Uint8Array;
    const dict = (name: 'city' | 'country') => {
      const values = header.dicts?.[name];
      const codes = need(`${name}.codes`, n) as Uint16Array;
      if (!Array.isArray(values)) throw new Error(`dictionary ${name} is missing`);
      for (const c of codes) if (c >= values.length) throw new Error(`dictionary ${name} has a code out of range`);
      return new DictColumn(codes, values);
    };
    const pool: PackedPool = {
      n,
      id: new TextColumn(idBytes, idOffsets),
      name: new TextColumn(nameBytes, nameOffsets),
      city: dict('city'),
      country: dict('country'),
      hiddenCities: { ...header.hiddenCities, codes: need('hiddenCities.codes', n) as Uint16Array },
      blockedBy: new Map(header.blockedBy),
      langWords: header.langWords,
      langCodes: header.langCodes,
      currencyCodes: header.currencyCodes,
      religions: header.religions,
      ...(cols as Pick<PackedPool, ArrayField>),
      scratch: makeScratch(n),
    };
    const problem = poolContentsProblem(pool);
    return problem ? bad(problem) : ok(pool);
  } catch (e) {
    return bad(e instanceof Error ? e.message : 'unreadable');
  }
}
