/**
 * Bounded file reads for the Node tools (SPEC §11: bad input of any shape gets a clear error).
 *
 * A path given on the command line may name anything: a device that never ends (`/dev/zero`),
 * a named pipe that blocks until someone writes, a folder, a file of gigabytes, a network mount
 * that stops answering. `readFileBounded` reads only regular files, never more than the cap for
 * that kind of file, within a time limit, and can be interrupted; every refusal is data with a
 * reason and a message that names the flag and the path, never an exception.
 */
import { type Stats, constants, promises as fsp } from 'node:fs';

export const MiB = 1024 * 1024;

export interface FileLimit {
  /** The most bytes read; a bigger file is refused without being read. */
  maxBytes: number;
  /** The whole read (stat, open, every chunk) ends within this time. */
  timeoutMs: number;
}

export type FileKind = 'query' | 'manifest' | 'users' | 'matchmaker' | 'pool';

/**
 * Caps per kind of file, each far above what a real file of that kind holds and far below what
 * would exhaust memory or time:
 * - query (1 MiB): a valid profile or original query user is a few KB (name ≤ 80 characters,
 *   bio ≤ 500, lists of at most tens of words), so 1 MiB is more than 100 times that, and parses
 *   in milliseconds.
 * - manifest (1 MiB): a pool manifest is a few hundred bytes.
 * - users, matchmaker (64 MiB each): the original's records take about 1 KB (users) and 0.5 KB
 *   (matchmaker profiles), so 64 MiB is 50 000 users or more, beyond what an import on the fly
 *   is for; parsing and importing that much takes seconds and well under 1 GB of memory.
 * - pool (512 MiB): the packed pool takes about 90 bytes per candidate (10 000 → 0.9 MB), so the
 *   largest pool a manifest may declare (1 000 000) is about 90 MB; 512 MiB leaves five times
 *   that and is read into memory once.
 * The time limits allow a slow disk (20 MB/s) several times over and end a read that hangs, e.g.
 * on a network mount that stopped answering.
 */
export const FILE_LIMITS: Readonly<Record<FileKind, FileLimit>> = {
  query: { maxBytes: 1 * MiB, timeoutMs: 10_000 },
  manifest: { maxBytes: 1 * MiB, timeoutMs: 10_000 },
  users: { maxBytes: 64 * MiB, timeoutMs: 60_000 },
  matchmaker: { maxBytes: 64 * MiB, timeoutMs: 60_000 },
  pool: { maxBytes: 512 * MiB, timeoutMs: 120_000 },
};

export type ReadFailureReason = 'not_found' | 'not_regular' | 'too_large' | 'timeout' | 'interrupted' | 'changed' | 'unreadable';

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: ReadFailureReason; message: string };

export interface ReadOptions {
  /** How the file is named in messages, e.g. `--query /path/q.json`. */
  label?: string;
  /** Stops the read (e.g. on SIGINT): the result is `interrupted`. */
  signal?: AbortSignal;
}

/** Bytes read per call: small enough that an interrupt is seen between chunks. */
const CHUNK = 8 * MiB;

export function formatBytes(n: number): string {
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}

/** What a path that is not a regular file is, in words. */
export function describeFileType(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

class Stop {
  constructor(readonly reason: 'timeout' | 'interrupted') {}
}

/**
 * Read a regular file of at most `limit.maxBytes` bytes within `limit.timeoutMs`.
 *
 * The path is `stat`ed first, so a device, pipe or folder is refused without being opened; it
 * is then opened non-blocking (a pipe swapped in meanwhile cannot block the open) and checked
 * again on the open handle, so what is read is the file that was checked. A file that grows
 * past the cap while being read is refused as well: never more than `maxBytes + 1` bytes are
 * read.
 */
export async function readFileBounded(path: string, limit: FileLimit, options: ReadOptions = {}): Promise<ReadResult> {
  const label = options.label ?? path;
  const fail = (reason: ReadFailureReason, message: string): ReadResult => ({ ok: false, reason, message: `${label}: ${message}` });
  const tooLarge = (size: number | null) => fail('too_large', `${size === null ? 'the file is' : `the file has ${formatBytes(size)},`} over the ${formatBytes(limit.maxBytes)} limit for this kind of file`);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Stop('timeout')), limit.timeoutMs);
    if (options.signal) {
      onAbort = () => reject(new Stop('interrupted'));
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  stopped.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, stopped]);

  let handle: fsp.FileHandle | undefined;
  let hung = false;
  try {
    const st = await guard(fsp.stat(path));
    if (!st.isFile()) return fail('not_regular', `${describeFileType(st)}, not a regular file`);
    if (st.size > limit.maxBytes) return tooLarge(st.size);

    const opening = fsp.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    // If the open outlives the guard, close the handle whenever it arrives.
    opening.then((h) => { if (hung) void h.close().catch(() => undefined); }, () => undefined);
    handle = await guard(opening);
    const st2 = await guard(handle.stat());
    if (!st2.isFile() || st2.dev !== st.dev || st2.ino !== st.ino) return fail('changed', 'the file was replaced while it was being opened; try again');
    if (st2.size > limit.maxBytes) return tooLarge(st2.size);

    let buf = Buffer.allocUnsafe(Math.max(st2.size, 0));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        // At the size the stat reported: the file may have grown (or be a kernel file that
        // reports size 0). Read on, but never past the cap.
        if (total >= limit.maxBytes) {
          const probe = Buffer.allocUnsafe(1);
          const { bytesRead } = await guard(handle.read(probe, 0, 1, total));
          if (bytesRead > 0) return tooLarge(null);
          break;
        }
        const grown = Buffer.allocUnsafe(Math.min(limit.maxBytes, Math.max(64 * 1024, buf.length * 2)));
        buf.copy(grown, 0, 0, total);
        buf = grown;
      }
      const { bytesRead } = await guard(handle.read(buf, total, Math.min(CHUNK, buf.length - total), total));
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    return { ok: true, bytes: total === buf.length ? buf : buf.subarray(0, total) };
  } catch (e) {
    if (e instanceof Stop) {
      hung = true;
      return e.reason === 'timeout'
        ? fail('timeout', `reading took longer than ${Math.round(limit.timeoutMs / 1000)} s; stopped`)
        : fail('interrupted', 'reading was interrupted');
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('not_found', 'no such file');
    if (code === 'EACCES' || code === 'EPERM') return fail('unreadable', 'permission denied');
    if (code === 'EISDIR') return fail('not_regular', 'a folder, not a regular file');
    return fail('unreadable', `cannot read the file (${code ?? 'error'})`);
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    // A handle whose last operation hung is closed in the background, never awaited.
    if (handle) {
      const h = handle;
      if (hung) void h.close().catch(() => undefined);
      else await h.close().catch(() => undefined);
    }
  }
}
