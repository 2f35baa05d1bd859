/** Fetch a file as bytes, reporting `{file, loaded, total}` progress as it streams. */
import { failure } from '../outcome';
import type { OnProgress } from '../progress';

export async function fetchBytes(url: string, file: string, onProgress?: OnProgress, init?: RequestInit): Promise<Uint8Array> {
  const res = await fetch(url, init);
  if (!res.ok) throw failure('pool_fetch_failed', { what: file, why: `HTTP ${res.status}` });
  const total = Number(res.headers.get('content-length') ?? 0);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress?.({ file, loaded, total: Math.max(total, loaded) });
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.byteLength; }
  return out;
}
