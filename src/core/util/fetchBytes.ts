/** Fetch a file as bytes, reporting `{file, loaded, total}` progress as it streams. */
import { matchError } from '../errors';

/**
 * Progress of one thing being loaded (a file, or a model as a whole): bytes so far and in all.
 * Model loads also name their phase — downloading, reading from the browser's cache, compiling
 * for the GPU — so one bar can say what the wait is for.
 */
export interface Progress {
  file: string;
  loaded: number;
  total: number;
  phase?: LoadPhase;
}

export type LoadPhase = 'download' | 'cache' | 'compile';

export async function fetchBytes(url: string, file: string, onProgress?: (p: Progress) => void, init?: RequestInit): Promise<Uint8Array> {
  const res = await fetch(url, init);
  if (!res.ok) throw matchError('pool_fetch_failed', `${file}: HTTP ${res.status}`);
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
