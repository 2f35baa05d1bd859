/**
 * A person's own RoverMitra data as a pool (SPEC §2.4): the original `users.json` and
 * `matchmaker.json`, as bytes, become a packed pool with its embedding texts — in the worker for
 * the page, in Node for the CLI. Each file is read strictly (src/core/util/json.ts) and must be a
 * list of records; the importer drops e-mails and explains every record it skips (notices name
 * field paths and record numbers, never personal data). Nothing here leaves the device.
 */
import { type Failure, type Notice, type Result, fail, failure, ok } from '../outcome';
import { type PackedPool, packProfiles } from '../pool/packed';
import { serializeTexts } from '../pool/textsFile';
import { profileText } from '../profile/text';
import type { OnProgress } from '../progress';
import { parseJsonBytes } from '../util/json';
import { sha256Hex } from '../util/sha256';
import { importRoverMitra } from './rovermitra';

/** The original format's files are lists of records (SPEC §2.4); anything else is refused. */
export function requireRecordList(value: unknown, label: string, records: string): Result<unknown[]> {
  let message: string | null = null;
  if (!Array.isArray(value)) {
    message = `must be a list of ${records}, got ${value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}`;
  } else if (value.length > 0 && !value.some((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    message = `must be a list of ${records} (objects), but none of its ${value.length} items is one`;
  }
  if (message === null) return ok(value as unknown[]);
  return fail(failure('import_failed', { why: `${label}: ${message}` }, { problems: [{ path: '', code: 'invalid_type', message }] }));
}

/** One original file: strict JSON, a list of records. */
export function readOriginalFile(bytes: Uint8Array, label: string, records: string): Result<unknown[]> {
  const parsed = parseJsonBytes(bytes);
  if (!parsed.ok) {
    const { problems } = parsed;
    return fail(failure('import_failed', { why: `${label}: ${problems.map((p) => p.message).join('; ')}` }, { problems }));
  }
  return requireRecordList(parsed.value, label, records);
}

export interface ImportedPool {
  pool: PackedPool;
  /** The candidates' embedding texts, in pool order (the pool is indexed from them). */
  texts: string[];
  /** Names the pool (its index on this device): SHA-256 of its texts file. */
  sha256: string;
  /** User records not turned into a candidate, and the importer's notices (counts, field paths). */
  skipped: number;
  notices: Notice[];
}

/** `users.json` + `matchmaker.json` as a pool; a file of the wrong shape, or no importable record, is refused. */
export async function importOriginalFiles(users: Uint8Array, matchmaker: Uint8Array, onProgress?: OnProgress): Promise<Result<ImportedPool>> {
  const step = (loaded: number, total: number) => onProgress?.({ file: 'import', loaded, total });
  step(0, 1);
  const u = readOriginalFile(users, 'users.json', 'user records');
  if (!u.ok) return u;
  const m = readOriginalFile(matchmaker, 'matchmaker.json', 'matchmaker profiles');
  if (!m.ok) return m;
  const imported = importRoverMitra(u.value, m.value, onProgress);
  if (imported.profiles.length === 0) {
    const why = u.value.length === 0 ? 'users.json holds no records' : `none of its ${u.value.length} user records could be imported`;
    const refused: Failure = failure('import_failed', { why: `${why}; the current pool stays` });
    return fail({ ...refused, detail: imported.notices.map((n) => n.message).join(' · ') || undefined });
  }
  const pool = packProfiles(imported.profiles);
  const texts = imported.profiles.map(profileText);
  step(imported.profiles.length, imported.profiles.length);
  return ok({ pool, texts, sha256: await sha256Hex(serializeTexts(texts)), skipped: imported.skipped, notices: imported.notices });
}
