/**
 * A manifest and the data file it names, fetched and kept as one unit (SPEC §6: offline).
 *
 * The pool (`manifest.json` + `pool.bin`) and each set of pool embeddings (`<model>.json` +
 * `.bin`) are pairs: the manifest carries the data file's size and checksum, so a manifest from
 * one build next to a data file from another is useless. A generic HTTP cache (the service
 * worker's runtime cache did this) stores each file on its own and, after a partial update —
 * the new manifest arrived, the new data file did not — serves a mismatched pair, online and
 * offline alike.
 *
 * Here a pair is saved only after both files arrived and the data passed the caller's check
 * (checksum, decoding), in a Cache Storage cache of its own, written data first and manifest
 * last; the older pairs of that name are deleted after. Reading back takes the newest saved
 * cache that holds both files and passes the check again. So the pair in use is always either
 * the server's current one or the last one that was whole.
 *
 * Where the network fails — offline, an HTTP error, a file that does not pass the check — the
 * saved pair is used, and the caller learns why the server's was not. A manifest the server
 * says is gone (404) is authoritative: nothing saved is used for it. Without Cache Storage
 * (Node, an insecure origin) pairs are fetched and never saved.
 */
import { type Failure, type Result, failure, isFailure, toFailure } from '../outcome';
import type { OnProgress } from '../progress';
import { MAX_FETCH_BYTES, fetchBytes, readBytes } from './fetchBytes';
import { parseJsonBytes } from './json';

/** The part of Cache Storage this uses (tests can hand in their own). */
export interface PairStorage {
  keys(): Promise<string[]>;
  open(name: string): Promise<{
    match(url: string): Promise<Response | undefined>;
    put(url: string, response: Response): Promise<void>;
  }>;
  delete(name: string): Promise<boolean>;
}

export interface PairRequest<T> {
  /** Names the saved pairs of one kind (e.g. `pool`, `embeddings:bge-small`). */
  name: string;
  manifestUrl: string;
  /** What the manifest is called in messages ("pool manifest"). */
  label: string;
  /** The data file's URL, from the manifest (or why the manifest names none). */
  dataUrl(manifest: unknown): Result<string>;
  /** What the data file is called in progress reports. */
  dataFile(manifest: unknown): string;
  /** The data file's size as the manifest declares it: more is not read (default MAX_FETCH_BYTES). */
  dataBytes?(manifest: unknown): number | undefined;
  /** Check the data against the manifest and decode it; an error refuses the pair. */
  check(manifest: unknown, bytes: Uint8Array): Promise<Result<T>>;
  onProgress?: OnProgress;
  /** Default: the global Cache Storage, when there is one. */
  storage?: PairStorage | null;
}

export type PairOutcome<T> =
  | { ok: true; value: T; bytes: number; saved: false }
  /** From the device: `why` says why the server's pair was not used. */
  | { ok: true; value: T; bytes: number; saved: true; why: Failure }
  | { ok: false; error: Failure; status?: number };

const PREFIX = 'rovermitra-pair:';
/** A manifest is a few hundred bytes; one past this is not a manifest (and is not read on). */
export const MAX_MANIFEST_BYTES = 1 << 20;

/** A manifest's `bytes` for its data file, when it is a byte count (else the hard cap applies). */
export function declaredBytes(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

function globalStorage(): PairStorage | null {
  const c = (globalThis as { caches?: CacheStorage }).caches;
  if (!c) return null;
  return {
    keys: () => c.keys(),
    open: async (name) => {
      const cache = await c.open(name);
      return { match: (url) => cache.match(url), put: (url, r) => cache.put(url, r) };
    },
    delete: (name) => c.delete(name),
  };
}

class HttpError {
  constructor(readonly status: number, readonly error: Failure) {}
}

async function fetchFromNetwork<T>(req: PairRequest<T>): Promise<{ manifest: unknown; url: string; bytes: Uint8Array; value: T }> {
  // `no-cache`: the browser's HTTP cache may answer only after the server confirmed the file.
  const res = await fetch(req.manifestUrl, { cache: 'no-cache' });
  if (!res.ok) throw new HttpError(res.status, failure('pool_fetch_failed', { what: req.label, why: `HTTP ${res.status}` }));
  // Strict JSON, as the CLI reads it: a duplicate or prototype key refuses the manifest.
  const parsed = parseJsonBytes(await readBytes(res, req.label, MAX_MANIFEST_BYTES));
  if (!parsed.ok) {
    throw failure('pool_manifest_invalid', { what: req.label, why: parsed.problems.map((p) => p.message).join('; ') }, { problems: parsed.problems });
  }
  const manifest = parsed.value;
  const url = req.dataUrl(manifest);
  if (!url.ok) throw url.error;
  const bytes = await fetchBytes(url.value, req.dataFile(manifest), req.onProgress, { cache: 'no-cache' }, req.dataBytes?.(manifest) ?? MAX_FETCH_BYTES);
  const checked = await req.check(manifest, bytes);
  if (!checked.ok) throw checked.error;
  return { manifest, url: url.value, bytes, value: checked.value };
}

async function save(storage: PairStorage, req: PairRequest<unknown>, manifest: unknown, dataUrl: string, bytes: Uint8Array): Promise<void> {
  const own = `${PREFIX}${req.name}:`;
  const names = (await storage.keys()).filter((n) => n.startsWith(own)).sort();
  const text = JSON.stringify(manifest);
  const newest = names.at(-1);
  if (newest !== undefined) {
    // Already saved (the usual visit): the manifest names the data by checksum, so equal manifests mean equal pairs.
    const cache = await storage.open(newest);
    const [m, d] = await Promise.all([cache.match(req.manifestUrl), cache.match(dataUrl)]);
    if (m && d && (await m.text()) === text) return;
  }
  const name = `${own}${Date.now().toString(36)}`;
  const cache = await storage.open(name);
  await cache.put(dataUrl, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } }));
  await cache.put(req.manifestUrl, new Response(text, { headers: { 'content-type': 'application/json' } }));
  for (const old of names) if (old !== name) await storage.delete(old);
}

async function readSaved<T>(storage: PairStorage, req: PairRequest<T>): Promise<{ value: T; bytes: number } | null> {
  const own = `${PREFIX}${req.name}:`;
  const names = (await storage.keys()).filter((n) => n.startsWith(own)).sort().reverse();
  for (const name of names) {
    const cache = await storage.open(name);
    const manifestRes = await cache.match(req.manifestUrl);
    if (!manifestRes) continue; // the manifest is written last: without it the pair is not whole
    const manifest: unknown = await manifestRes.json().catch(() => null);
    const url = req.dataUrl(manifest);
    if (!url.ok) continue;
    const dataRes = await cache.match(url.value);
    if (!dataRes) continue;
    const bytes = new Uint8Array(await dataRes.arrayBuffer());
    const checked = await req.check(manifest, bytes);
    if (checked.ok) return { value: checked.value, bytes: bytes.byteLength };
  }
  return null;
}

/** Fetch a pair from the network (saving it when whole), or use the last whole pair saved. */
export async function loadPair<T>(req: PairRequest<T>): Promise<PairOutcome<T>> {
  const storage = req.storage === undefined ? globalStorage() : req.storage;
  let why: Failure;
  try {
    const got = await fetchFromNetwork(req);
    if (storage) await save(storage, req as PairRequest<unknown>, got.manifest, got.url, got.bytes).catch(() => undefined); // storage full or refused: used, not saved
    return { ok: true, value: got.value, bytes: got.bytes.byteLength, saved: false };
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) return { ok: false, error: e.error, status: 404 };
    why = e instanceof HttpError ? e.error : isFailure(e) ? e : toFailure(e, 'pool_fetch_failed');
  }
  const saved = storage ? await readSaved(storage, req).catch(() => null) : null;
  if (saved) return { ok: true, value: saved.value, bytes: saved.bytes, saved: true, why };
  return { ok: false, error: why };
}
