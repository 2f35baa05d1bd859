/** Fetch a file as bytes, reporting `{file, loaded, total}` progress as it streams. */
import { failure } from '../outcome';
import type { OnProgress } from '../progress';

/**
 * The most bytes fetched for a file whose size nothing declares: more than any pool file or set
 * of pool embeddings this page loads (a million candidates), far less than a runaway response.
 */
export const MAX_FETCH_BYTES = 2 ** 30;

/** A file larger than `maxBytes`: refused before (content-length) or while (stream) it arrives. */
const tooLarge = (file: string, maxBytes: number) => failure('pool_fetch_failed', { what: file, why: `larger than the ${maxBytes} bytes expected` });

/**
 * `maxBytes`: the size the file's manifest declares where there is one, else MAX_FETCH_BYTES. A
 * response that says (content-length) or turns out to be larger is refused, and its stream
 * cancelled: nothing past the limit is read.
 */
export async function fetchBytes(url: string, file: string, onProgress?: OnProgress, init?: RequestInit, maxBytes = MAX_FETCH_BYTES): Promise<Uint8Array> {
  const res = await fetch(url, init);
  if (!res.ok) throw failure('pool_fetch_failed', { what: file, why: `HTTP ${res.status}` });
  return readBytes(res, file, maxBytes, onProgress);
}

/** The body of a response that arrived, read as fetchBytes reads it: at most `maxBytes`. */
export async function readBytes(res: Response, file: string, maxBytes: number, onProgress?: OnProgress): Promise<Uint8Array> {
  const total = Number(res.headers.get('content-length') ?? 0);
  if (total > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(file, maxBytes);
  }
  if (!res.body) {
    const buf = await res.arrayBuffer();
    if (buf.byteLength > maxBytes) throw tooLarge(file, maxBytes);
    return new Uint8Array(buf);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    if (loaded > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(file, maxBytes);
    }
    chunks.push(value);
    onProgress?.({ file, loaded, total: Math.max(total, loaded) });
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.byteLength; }
  return out;
}
