/**
 * The pool's embedding texts as one file (`texts.bin`), for a browser that builds the pool's
 * index itself (SPEC §4): the text `profileText` gives for each candidate, in pool order — the
 * same texts `npm run embeddings` embeds, so either source of the index gives the same vectors.
 * They are the scrubbed description a candidate is matched by (pace, budget band, interests, …,
 * and the bio with the person's name, places, faith words and contact details removed); never
 * a name, age, gender, faith, city or country. Fetched only when an index must be built.
 *
 *   "RMTX" · u32 format version · u32 count · u32 offsets[count + 1] · UTF-8 bytes
 */
import { type Result, fail, failure, ok } from '../outcome';

export const TEXTS_FORMAT_VERSION = 1;
const MAGIC = [0x52, 0x4d, 0x54, 0x58]; // "RMTX"

export function serializeTexts(texts: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  const encoded = texts.map((t) => encoder.encode(t));
  const size = encoded.reduce((s, e) => s + e.byteLength, 0);
  const head = 12 + 4 * (texts.length + 1);
  const out = new Uint8Array(head + size);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, TEXTS_FORMAT_VERSION, true);
  view.setUint32(8, texts.length, true);
  let at = 0;
  encoded.forEach((e, i) => {
    view.setUint32(12 + 4 * i, at, true);
    out.set(e, head + at);
    at += e.byteLength;
  });
  view.setUint32(12 + 4 * texts.length, at, true);
  return out;
}

/** The texts of a file for a pool of `count`; a malformed file is an error, never a crash. */
export function deserializeTexts(bytes: Uint8Array, count: number): Result<string[]> {
  const bad = (why: string) => fail<string[]>(failure('pool_corrupt', { why: `texts file: ${why}` }));
  if (bytes.byteLength < 12 || MAGIC.some((m, i) => bytes[i] !== m)) return bad('not a texts file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4, true) !== TEXTS_FORMAT_VERSION) return bad('unsupported format version');
  const n = view.getUint32(8, true);
  if (n !== count) return bad(`${n} texts for a pool of ${count}`);
  const head = 12 + 4 * (n + 1);
  if (head > bytes.byteLength) return bad('truncated');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const texts: string[] = new Array(n);
  try {
    for (let i = 0; i < n; i++) {
      const a = view.getUint32(12 + 4 * i, true);
      const b = view.getUint32(16 + 4 * i, true);
      if (b < a || head + b > bytes.byteLength) return bad('offsets out of order or past the end');
      texts[i] = decoder.decode(bytes.subarray(head + a, head + b));
    }
  } catch {
    return bad('not UTF-8');
  }
  return ok(texts);
}
