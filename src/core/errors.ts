/**
 * Errors are data (SPEC §1): `{code, message, detail?}` with a stable code, so they survive
 * comlink, web-llm's plain-string rejections and JSON output alike.
 */
export type ErrorCode =
  | 'invalid_profile'
  | 'invalid_options'
  | 'pool_not_loaded'
  | 'pool_fetch_failed'
  | 'pool_manifest_invalid'
  | 'pool_mismatch'
  | 'pool_corrupt'
  | 'import_failed'
  | 'embeddings_mismatch'
  | 'embeddings_unavailable'
  | 'model_load_failed'
  | 'internal';

export interface MatchError {
  code: ErrorCode;
  message: string;
  detail?: unknown;
}

export interface Notice {
  code: string;
  message: string;
}

export function matchError(code: ErrorCode, message: string, detail?: unknown): MatchError {
  return detail === undefined ? { code, message } : { code, message, detail };
}

export function isMatchError(v: unknown): v is MatchError {
  return typeof v === 'object' && v !== null && typeof (v as MatchError).code === 'string' && typeof (v as MatchError).message === 'string';
}

/** Any thrown value (Error, string, object) as a MatchError with a readable message. */
export function toMatchError(e: unknown, code: ErrorCode = 'internal'): MatchError {
  if (isMatchError(e)) return e;
  if (e instanceof Error) return matchError(code, e.message || e.name);
  if (typeof e === 'string') return matchError(code, e);
  return matchError(code, 'unexpected error');
}
