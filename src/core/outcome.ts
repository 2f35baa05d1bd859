/**
 * The one outcome vocabulary (SPEC §1, §11): every error, notice and worker failure the product
 * reports has a code from the closed list below, and its human message is written here, once.
 * Callers name the code and give the facts (`failure('pool_mismatch', {file, why})`); nobody
 * writes a message on the spot. Field-level validation problems (`Problem`, `ProblemCode` in
 * profile/types.ts) are the one other vocabulary: they describe one field of an input.
 *
 * - `Failure` ends an operation (`Result` with `ok: false`); `Notice` accompanies a result that
 *   is still valid (a degraded stage, skipped records). Both are plain data with a stable code,
 *   so they cross the worker boundary and go into JSON as they are.
 * - `detail` holds technical text — a library's own error message, a file checksum — that the
 *   page shows only behind a disclosure, never in the message.
 * - `toFailure` turns anything thrown into a Failure: an Error, a library's plain string
 *   (web-llm rejects with strings), a Failure already, or anything else.
 */
import type { Problem } from './profile/types';

type Msg<P = void> = (p: P) => string;
const fixed = (text: string): Msg => () => text;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** An indexing's expected time left, as the notice and the page's AI status say it. */
export const timeLeft = (ms: number): string => (ms < 90_000 ? `about ${Math.max(1, Math.round(ms / 1000))} s left` : `about ${Math.round(ms / 60_000)} min left`);

/** Every code with its message, by kind. */
export const MESSAGES = {
  // ---- errors: an operation could not be done ----
  invalid_profile: ((p: { problems: readonly Problem[]; what?: string }) => `${p.what ? `${p.what}: ` : ''}${p.problems.map((x) => x.message).join(' ') || 'the profile is not valid'}`) as Msg<{ problems: readonly Problem[]; what?: string }>,
  invalid_options: ((p: { why: string }) => p.why) as Msg<{ why: string }>,
  pool_not_loaded: fixed('The candidate pool is not loaded, so there is nothing to search yet.'),
  pool_fetch_failed: ((p: { what: string; why: string }) => `${p.what}: ${p.why}`) as Msg<{ what: string; why: string }>,
  pool_manifest_invalid: ((p: { why: string; what?: string }) => `${p.what ?? 'pool manifest'}: ${p.why}`) as Msg<{ why: string; what?: string }>,
  pool_mismatch: ((p: { file: string; why: string }) => `pool file ${p.file}: ${p.why}`) as Msg<{ file: string; why: string }>,
  pool_corrupt: ((p: { why: string }) => `packed pool: ${p.why}`) as Msg<{ why: string }>,
  import_failed: ((p: { why: string }) => p.why) as Msg<{ why: string }>,
  model_load_failed: ((p: { model: string }) => `The model ${p.model} could not be loaded.`) as Msg<{ model: string }>,
  engine_unavailable: ((p: { engine: string }) => `There is no ${p.engine} engine in this session.`) as Msg<{ engine: string }>,
  interrupted: ((p: { signal: string }) => `stopped by ${p.signal}`) as Msg<{ signal: string }>,
  internal: ((p: { why: string }) => p.why) as Msg<{ why: string }>,

  // ---- worker failures (main thread) ----
  worker_failed: ((p: { what: string; again: boolean }) => `The matching worker failed${p.again ? ' again after a restart' : ''} (${p.what}). Your profile is kept; reload the page to try again.`) as Msg<{ what: string; again: boolean }>,
  worker_stopped: fixed('The matching worker was stopped (the settings changed).'),
  worker_restarted: ((p: { hang: boolean; what: string; retried: boolean }) => `The matching worker ${p.hang ? 'stopped responding' : 'crashed'} (${p.what}), so ${p.retried ? 'it was restarted and the request retried' : 'it was restarted'}.`) as Msg<{ hang: boolean; what: string; retried: boolean }>,

  // ---- notices of a search ----
  similarity_off: ((p: { why: 'models_off' | 'not_ready' | 'imported' | 'no_model' | 'declined' }) => ({
    declined: 'You chose not to download the embedding model, so the shortlist uses the rule bonus only (sim = 0).',
    models_off: 'Models are off (device=off), so the shortlist uses the rule bonus only (sim = 0).',
    not_ready: 'Semantic similarity is not available yet, so the shortlist uses the rule bonus only (sim = 0).',
    imported: 'This pool was imported on the fly and has no embeddings, so the shortlist uses the rule bonus only (sim = 0).',
    no_model: 'No embedding model is configured, so the shortlist uses the rule bonus only (sim = 0).',
  })[p.why]) as Msg<{ why: 'models_off' | 'not_ready' | 'imported' | 'no_model' | 'declined' }>,
  embeddings_missing: ((p: { model: string }) => `This pool has no embeddings for ${p.model} and nothing to build them from here, so the shortlist uses the rule bonus only.`) as Msg<{ model: string }>,
  embeddings_unavailable: ((p: { why: string }) => `Pool embeddings could not be loaded (${p.why}); the shortlist uses the rule bonus only.`) as Msg<{ why: string }>,
  embeddings_mismatch: ((p: { why: string }) => `${p.why}. They are not used; the shortlist uses the rule bonus only.`) as Msg<{ why: string }>,
  embedder_unavailable: ((p: { model: string }) => `The embedding model ${p.model} could not be loaded, so the shortlist uses the rule bonus only.`) as Msg<{ model: string }>,
  embedder_failed: fixed('Embedding the profile failed; this search uses the rule bonus only.'),
  index_building: ((p: { done: number; total: number; perSecond: number; etaMs: number | null }) => {
    const n = (x: number) => x.toLocaleString('en').replace(/,/g, ' ');
    if (p.total === 0 || (p.done === 0 && p.perSecond === 0)) return 'The AI prefilter is getting ready: this device is building the search index of the travellers (once; it is kept for later visits). Until it is ready the shortlist uses the rule bonus only.';
    const left = p.etaMs === null ? '' : `, ${timeLeft(p.etaMs)}`;
    return `This device is building the search index: ${n(p.done)} of ${n(p.total)} travellers (${Math.floor((100 * p.done) / p.total)} %, ${p.perSecond} per second${left}). Until it is ready the shortlist uses the rule bonus only.`;
  }) as Msg<{ done: number; total: number; perSecond: number; etaMs: number | null }>,
  import_not_saved: fixed('Your data is searched now, but this browser would not store it (storage full or disabled): open the files again on your next visit.'),
  index_not_saved: fixed('The search index was built but this browser would not store it (storage full or disabled): it is used until you close the page and built again on your next visit.'),
  no_candidates: fixed('Nobody in the pool passes the mutual-consent filters for this profile; try widening the age range, genders or languages.'),
  weaker_matches_only: fixed('All matches score below 75 %: they are shown as weaker matches.'),
  pool_saved: fixed('Using the pool saved on this device: the server’s could not be loaded (offline, or its files did not match).'),
  ids_withheld: fixed('hard_ids and shortlist_ids are left out: the private faith settings took part in this search, and the lists would show whose faith matched.'),
  engine_failed: ((p: { engine: string; why: string }) => `${p.engine}: ${p.why}`) as Msg<{ engine: string; why: string }>,
  engine_skipped: ((p: { engine: string; why: string }) => `${p.engine}: ${p.why}`) as Msg<{ engine: string; why: string }>,

  // ---- notices of an import of the original files ----
  import_input_not_array: ((p: { file: 'users' | 'matchmaker'; got: string }) => (p.file === 'users'
    ? `users: expected a list of records, got ${p.got}; nothing imported`
    : `matchmaker: expected a list of records, got ${p.got}; every user gets the defaults`)) as Msg<{ file: 'users' | 'matchmaker'; got: string }>,
  import_skipped_malformed: ((p: { users: number; matchmakers: number; records: string }) => (p.users > 0
    ? `${plural(p.users, 'user record')} skipped: not an object, or holding a forbidden key such as __proto__ (record ${p.records})`
    : `${plural(p.matchmakers, 'matchmaker record')} ignored: not an object, or holding a forbidden key such as __proto__ (record ${p.records})`)) as Msg<{ users: number; matchmakers: number; records: string }>,
  import_skipped_no_email: ((p: { users: number; matchmakers: number; records?: string }) => (p.users > 0
    ? `${plural(p.users, 'user record')} skipped: no email (record ${p.records ?? ''})`
    : `${plural(p.matchmakers, 'matchmaker record')} ignored: no email`)) as Msg<{ users: number; matchmakers: number; records?: string }>,
  import_duplicates_replaced: ((p: { users: number; matchmakers: number }) => `${plural(p.users, 'user record')} and ${plural(p.matchmakers, 'matchmaker record')} replaced by a later record with the same email`) as Msg<{ users: number; matchmakers: number }>,
  import_skipped_invalid: ((p: { users: number; list: string }) => `${plural(p.users, 'user record')} skipped: invalid after mapping — ${p.list}`) as Msg<{ users: number; list: string }>,
  import_skipped_id_collision: ((p: { users: number; list: string }) => `${plural(p.users, 'user record')} skipped: their id is already taken (${p.list})`) as Msg<{ users: number; list: string }>,
  import_defaults_no_matchmaker: ((p: { users: number; list: string }) => `${plural(p.users, 'user')} without a matchmaker profile imported with defaults (any gender, min 1 shared language, no dealbreakers): ${p.list}`) as Msg<{ users: number; list: string }>,
  import_unused_matchmaker: ((p: { matchmakers: number }) => `${plural(p.matchmakers, 'matchmaker record')} matched no user and ${p.matchmakers === 1 ? 'was' : 'were'} ignored`) as Msg<{ matchmakers: number }>,
  import_dropped_unknown_words: ((p: { words: number; records: number; fields: string; sample: string }) => `${plural(p.words, 'unknown word')} dropped from list fields in ${plural(p.records, 'record')} (${p.fields})${p.sample ? `: ${p.sample}` : ''}`) as Msg<{ words: number; records: number; fields: string; sample: string }>,
  import_ignored_trip_constraints: ((p: { count: number }) => `${plural(p.count, 'hard dealbreaker')} that ${p.count === 1 ? 'is a trip constraint was' : 'are trip constraints were'} ignored for matching`) as Msg<{ count: number }>,
  import_stopped: ((p: { why: string }) => `the import stopped unexpectedly (${p.why})`) as Msg<{ why: string }>,

  // ---- notices of the page ----
  setting_invalid: ((p: { why: string }) => p.why) as Msg<{ why: string }>,
  settings_applied: ((p: { rerun: boolean }) => `The settings changed, so the matcher restarted with them${p.rerun ? ' and ran your last search again' : ''}.`) as Msg<{ rerun: boolean }>,
  models_retry: ((p: { rerun: boolean }) => `Trying the models again${p.rerun ? ' with your last search' : ''}.`) as Msg<{ rerun: boolean }>,
  storage_full: fixed('This browser refused to store the setting (storage full or disabled): it applies to this visit only.'),
  persona_invalid: ((p: { persona: string; why: string }) => `Persona ${p.persona} is not a valid profile: ${p.why}`) as Msg<{ persona: string; why: string }>,
  cache_cleared: ((p: { count: number }) => (p.count ? `Cleared ${p.count} model cache(s); models will download again when needed.` : 'No model cache to clear.')) as Msg<{ count: number }>,
  cache_clear_failed: fixed('The model cache could not be cleared.'),
  draft_discarded: fixed('A saved profile draft on this device could not be read, so it was discarded and the form starts empty.'),
  draft_partly_restored: ((p: { fields: readonly string[] }) => {
    const names = p.fields.slice(0, 6).map((f) => f.replace(/_/g, ' '));
    const more = p.fields.length > 6 ? ` and ${p.fields.length - 6} more` : '';
    const one = p.fields.length === 1;
    return `Your saved draft was restored, except ${one ? 'one field that' : `${p.fields.length} fields that`} could not be read (${names.join(', ')}${more}); ${one ? 'it starts' : 'they start'} empty.`;
  }) as Msg<{ fields: readonly string[] }>,
  draft_not_saved: fixed('This browser refused to store your draft (storage full or disabled): it is not kept if you reload or close the page.'),
} as const;

export type Code = keyof typeof MESSAGES;
/** The parameters a code's message takes (`void` for a fixed message). */
export type ParamsOf<C extends Code> = Parameters<(typeof MESSAGES)[C]>[0];

export interface Notice {
  code: Code;
  message: string;
  /** Technical text (a library's error, a checksum): shown only behind a disclosure. */
  detail?: string;
}

export interface Failure extends Notice {
  /** Field-level problems of an invalid input. */
  problems?: Problem[];
}

/** The one result type: a value, or why there is none. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

type Args<C extends Code> = ParamsOf<C> extends void ? [params?: undefined, extra?: Extra] : [params: ParamsOf<C>, extra?: Extra];
interface Extra { detail?: string; problems?: Problem[] }

function build<C extends Code>(code: C, params: ParamsOf<C> | undefined, extra?: Extra): Failure {
  const message = (MESSAGES[code] as (p: unknown) => string)(params);
  const out: Failure = { code, message };
  if (extra?.detail) out.detail = extra.detail;
  if (extra?.problems) out.problems = extra.problems;
  return out;
}

/** A failure with `code`'s message. */
export function failure<C extends Code>(code: C, ...args: Args<C>): Failure {
  return build(code, args[0], args[1]);
}

/** A notice with `code`'s message. */
export function notice<C extends Code>(code: C, ...args: Args<C>): Notice {
  const { problems: _drop, ...n } = build(code, args[0], args[1]);
  return n;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: Failure): Result<T> => ({ ok: false, error });

const CODES = new Set(Object.keys(MESSAGES));

export function isCode(v: unknown): v is Code {
  return typeof v === 'string' && CODES.has(v);
}

/** A Failure (or Notice) as data: a known code and a message. */
export function isFailure(v: unknown): v is Failure {
  return typeof v === 'object' && v !== null && isCode((v as Failure).code) && typeof (v as Failure).message === 'string';
}

/** The first line of a thrown value's text, bounded (what a reason in a panel or a log shows). */
export function reasonOf(e: unknown): string {
  const text = e instanceof Error ? e.message || e.name : typeof e === 'string' ? e
    : typeof (e as { message?: unknown } | null)?.message === 'string' ? (e as { message: string }).message : 'unknown error';
  return text.split('\n')[0].slice(0, 200) || 'unknown error';
}

/**
 * Anything thrown as a Failure: a Failure passes as it is; an Error, a library's plain string
 * (web-llm rejects with strings) or any other value becomes `code` (default `internal`) with
 * the thrown text as its reason.
 */
export function toFailure(e: unknown, code: 'internal' | 'pool_fetch_failed' = 'internal'): Failure {
  if (isFailure(e)) return e;
  const why = reasonOf(e);
  return code === 'pool_fetch_failed' ? failure(code, { what: 'pool', why }) : failure('internal', { why });
}
