/**
 * Importer for the original RoverMitra data files (SPEC §2.4).
 *
 * The original keeps two JSON arrays: users (one profile each) and matchmaker profiles
 * (matching preferences), joined by email. Both are mapped to the canonical profile (§2.1) and
 * every mapped record goes through `validateProfile`, so the §2.2 normaliser sees every value.
 *
 * Privacy: the email only serves to join and to derive the id (`u_` + 12 hex digits of its
 * SHA-256); it is never copied into a profile, a notice or anything else this module returns.
 * Only the fields the canonical profile knows are read, so the original's passwords, phone
 * numbers and addresses are never touched.
 *
 * Environment-neutral: no Node or DOM APIs. Never throws on any input.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Gender, Problem, Profile } from '../profile/types';
import { foldKey, normalize, normalizeLanguage, type VocabName } from '../profile/vocab';
import { TEXT_LIMITS, scanKeys, validateProfile } from '../profile/validate';
import { findEmails } from '../privacy/contact';
import { cityVariants } from '../privacy/places';
import { normalizeText } from '../privacy/normalize';
import { findPrivate, replacePrivate } from '../privacy/scrub';
import { TermMatcher } from '../privacy/terms';
import { type Notice, notice } from '../outcome';
import type { OnProgress } from '../progress';

export interface ImportResult {
  profiles: Profile[];
  notices: Notice[];
  /** User records not turned into a profile: malformed, without email, invalid after mapping. */
  skipped: number;
}

export type QueryImport =
  | { ok: true; profile: Profile; notices: Notice[] }
  | { ok: false; problems: Problem[] };

type Rec = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Small readers that tolerate any JSON value.

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property only: an inherited `constructor` or `__proto__` is never read. */
function get(o: unknown, key: string): unknown {
  return isRec(o) && Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A key such as `__proto__` anywhere in the record (deep nesting alone is not refused: it is never read). */
const hasForbiddenKey = (v: unknown) => scanKeys(v).some((p) => p.code === 'forbidden_key');

function sub(o: unknown, key: string): Rec {
  const v = get(o, key);
  return isRec(v) ? v : {};
}

const present = (v: unknown) => v !== undefined && v !== null;

/** A list field: arrays as they are, a lone string as a one-item list, anything else as given. */
function asList(v: unknown): unknown {
  if (typeof v === 'string') return v.trim() === '' ? [] : [v];
  return v;
}

function emailKey(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const k = v.trim().toLowerCase();
  return k === '' ? undefined : k;
}

// ---------------------------------------------------------------------------------------------
// Ids.

/** `"u_"` + the first 12 hex digits of SHA-256 of the trimmed, lower-cased email (§2.4). */
export function hashEmailId(email: string): string {
  return `u_${bytesToHex(sha256(utf8ToBytes(email.trim().toLowerCase()))).slice(0, 12)}`;
}

// ---------------------------------------------------------------------------------------------
// Free text: emails never leave the importer, not even inside a bio.

/**
 * E-mail addresses in every shape the privacy module knows — full-width "＠", IP literals, no dot
 * in the domain, "(at)" spellings (see privacy/contact.ts) — are replaced, found on normalised
 * text and cut from the original.
 */
export function scrubEmails(text: string): string {
  return replacePrivate(text, findEmails, '[email removed]');
}

/**
 * Text longer than this (UTF-16 units, trimmed) has more characters than any text field allows
 * (TEXT_LIMITS): validation refuses it and no message repeats it, so it is not worth scrubbing
 * (a megabyte of "a@b.c" would otherwise take the importer seconds).
 */
const NEVER_VALID_TEXT = 2 * Math.max(...Object.values(TEXT_LIMITS));
const tooLongToUse = (v: string) => v.length > NEVER_VALID_TEXT && v.trim().length > NEVER_VALID_TEXT;

function scrub(v: unknown): unknown {
  return typeof v === 'string' && !tooLongToUse(v) ? scrubEmails(v) : v;
}

/**
 * When the home city is hidden, a bio must not reveal it either ("Ana from Porto loves …"), in
 * any spelling ("Oporto", "Por\u200Bto", "München" for Munich).
 */
function redactCity(bio: unknown, city: unknown): unknown {
  const matcher = cityMatcher(city);
  if (typeof bio !== 'string' || !matcher || tooLongToUse(bio)) return bio;
  return replacePrivate(bio, (n) => matcher.find(n), 'their home city');
}

/** A matcher for a city in its spellings; none for a city longer than a valid one (80: it fails validation anyway). */
function cityMatcher(city: unknown): TermMatcher | null {
  return typeof city === 'string' && city.trim().length >= 2 && city.length <= TEXT_LIMITS.city ? new TermMatcher(cityVariants(city)) : null;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary helpers.

/** List fields whose unknown words are dropped rather than failing the whole record. */
const DROPPABLE: readonly { path: readonly string[]; vocab: VocabName }[] = [
  { path: ['interests'], vocab: 'interests' },
  { path: ['values'], vocab: 'values' },
  { path: ['travel_prefs', 'accommodation_types'], vocab: 'accommodation_types' },
  { path: ['travel_prefs', 'transport_allowed'], vocab: 'transport_allowed' },
  { path: ['travel_prefs', 'must_haves'], vocab: 'must_haves' },
  { path: ['travel_prefs', 'trip_intentions'], vocab: 'trip_intentions' },
];

interface Dropped {
  field: string;
  word: string;
  /** The word names its record's hidden home city (in any spelling): never quoted. */
  private?: boolean;
}

/** Keep known words (and non-strings, for validation to report); drop unknown strings. */
function keepKnown(v: unknown, vocab: VocabName, field: string, dropped: Dropped[]): unknown {
  if (!Array.isArray(v)) return v;
  return v.filter((item) => {
    if (typeof item !== 'string') return true;
    if (item.trim() === '') {
      dropped.push({ field, word: item });
      return false;
    }
    if (normalize(vocab, item) !== undefined) return true;
    dropped.push({ field, word: item });
    return false;
  });
}

/** Languages normalised to codes, de-duplicated; unknown words kept for validation to report. */
function unionLanguages(...lists: unknown[]): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const raw of lists) {
    const list = asList(raw);
    if (!Array.isArray(list)) {
      if (present(list)) out.push(list);
      continue;
    }
    for (const item of list) {
      const key = typeof item === 'string' ? (normalizeLanguage(item) ?? item) : item;
      if (typeof key === 'string') {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push(key);
    }
  }
  return out;
}

const KEPT_DEALBREAKERS = new Set([
  'same_faith_required', 'no_smokers', 'no_smoking_roommates', 'no_heavy_drinkers',
  'min_2_shared_interests', 'min_3_shared_interests', 'no_zero_shared_values',
  'prefer_same_chronotype', 'same_chronotype',
].map(foldKey));

/** Matching dealbreakers (prefer_same_chronotype → same_chronotype); the rest are trip constraints. */
function dealbreakers(v: unknown): { kept: string[]; ignored: number } {
  const list = asList(v);
  if (!Array.isArray(list)) return { kept: [], ignored: present(list) ? 1 : 0 };
  const kept: string[] = [];
  let ignored = 0;
  for (const item of list) {
    const canon = typeof item === 'string' && KEPT_DEALBREAKERS.has(foldKey(item)) ? normalize('dealbreakers', item) : undefined;
    if (canon === undefined) ignored++;
    else if (!kept.includes(canon)) kept.push(canon);
  }
  return { kept, ignored };
}

/** Query phrases of the original onboarding (§2.4). */
const QUERY_GENDERS: Record<string, (Gender | 'any')[]> = {
  [foldKey("I'm open to travel with anyone")]: ['any'],
  [foldKey('Im open to travel with anyone')]: ['any'],
  [foldKey('open')]: ['any'],
  [foldKey('anyone')]: ['any'],
  [foldKey('any')]: ['any'],
  [foldKey('Men')]: ['male'],
  [foldKey('Women')]: ['female'],
  [foldKey('Nonbinary travelers')]: ['non_binary', 'other'],
  [foldKey('Non-binary travelers')]: ['non_binary', 'other'],
  [foldKey('Nonbinary travellers')]: ['non_binary', 'other'],
};

function queryFold(s: string): string {
  return foldKey(s.replace(/[’‘`]/g, "'"));
}

/** The query's genders_ok: phrases map as §2.4 says; anything else goes to the normaliser. */
function queryGenders(v: unknown): unknown {
  const list = asList(v);
  if (!present(list)) return ['any'];
  if (!Array.isArray(list)) return list;
  if (list.length === 0) return ['any'];
  const out: unknown[] = [];
  for (const item of list) {
    const mapped = typeof item === 'string' ? QUERY_GENDERS[queryFold(item)] : undefined;
    for (const g of mapped ?? [item]) if (!out.includes(g)) out.push(g);
  }
  return out;
}

/** The matchmaker's genders (`any`, `Male`, `Female`, `Non-binary`, `Other`), `["any"]` if none. */
function mmGenders(v: unknown): unknown {
  const list = asList(v);
  if (!present(list)) return ['any'];
  if (Array.isArray(list) && list.length === 0) return ['any'];
  return list;
}

function isFalse(v: unknown): boolean {
  return v === false || (typeof v === 'string' && ['false', 'no'].includes(v.trim().toLowerCase()));
}

function allergies(v: unknown): unknown {
  const list = asList(v);
  if (!Array.isArray(list)) return list;
  return list
    .map(scrub)
    .filter((a) => !(typeof a === 'string' && ['none', 'no', 'n/a', ''].includes(a.trim().toLowerCase())));
}

function accessibility(v: unknown): unknown {
  const s = Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : v;
  if (typeof s === 'string' && ['none', 'no', 'n/a'].includes(s.trim().toLowerCase())) return '';
  return scrub(s);
}

function nameOf(user: Rec): unknown {
  const name = get(user, 'name');
  if (present(name)) return scrub(name);
  const parts = ['firstName', 'middleName', 'lastName']
    .map((k) => get(user, k))
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length > 0 ? scrub(parts.join(' ')) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Mapping of one record.

interface MapStats {
  dropped: Dropped[];
  ignoredConstraints: number;
}

/**
 * The canonical-shaped object for one original user (and its matchmaker profile, if any). The
 * result still has to pass `validateProfile`; values are only pre-normalised where the union,
 * the filtering or the dropping of unknown words needs it.
 */
function mapRecord(
  user: Rec,
  mm: Rec | undefined,
  id: string,
  query: boolean,
  blockId: (v: unknown) => string | undefined,
): { mapped: Rec; stats: MapStats } {
  const dropped: Dropped[] = [];
  const homeBase = sub(user, 'home_base');
  const travel = sub(user, 'travel_prefs');
  const diet = sub(user, 'diet_health');
  const comfort = sub(user, 'comfort');
  const work = sub(user, 'work');
  const compPrefs = sub(user, 'companion_preferences');
  const faith = sub(user, 'faith');
  const budget = sub(user, 'budget');

  const langPolicy = sub(mm, 'language_policy');
  const prefCompanion = sub(mm, 'preferred_companion');
  const soft = sub(mm, 'soft_preferences');

  const city = present(get(homeBase, 'city')) ? get(homeBase, 'city') : get(user, 'city');
  const country = present(get(homeBase, 'country')) ? get(homeBase, 'country') : get(user, 'country');
  const showHomeCity = !(isFalse(get(sub(mm, 'visibility'), 'show_home_city')) || isFalse(get(sub(user, 'privacy'), 'share_home_city')));

  // Redact the hidden city first, then emails: a replacement must not join text into an email.
  let bio = get(user, 'bio');
  if (!showHomeCity) bio = redactCity(bio, city);
  bio = scrub(bio);

  const mmAgeRange = get(prefCompanion, 'age_range');
  const ageRange = present(mmAgeRange) ? mmAgeRange : get(compPrefs, 'age_range_preferred');

  const deal = mm ? dealbreakers(get(mm, 'hard_dealbreakers')) : { kept: [], ignored: 0 };

  const blocklist: string[] = [];
  if (mm) {
    for (const key of ['blocklist_user_emails', 'blocklist_user_ids']) {
      const list = asList(get(mm, key));
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const b = blockId(item);
        if (b !== undefined && b !== id && !blocklist.includes(b)) blocklist.push(b);
      }
    }
  }

  const samePace = get(soft, 'prefer_same_pace');
  const minShared = get(langPolicy, 'min_shared_languages');

  const mapped: Rec = {
    id,
    name: nameOf(user),
    age: get(user, 'age'),
    gender: get(user, 'gender'),
    home_base: { city: scrub(city), country: scrub(country) },
    languages: unionLanguages(get(user, 'languages'), get(langPolicy, 'preferred_chat_languages')),
    interests: asList(get(user, 'interests')),
    values: asList(get(user, 'values')),
    bio,
    budget: {
      amount: get(budget, 'amount'),
      // The original's amounts are on a EUR scale whatever their currency label (§2.4).
      currency: 'EUR',
      split_rule: get(budget, 'split_rule'),
    },
    travel_prefs: {
      pace: get(travel, 'pace'),
      accommodation_types: asList(get(travel, 'accommodation_types')),
      room_setup: get(travel, 'room_setup'),
      transport_allowed: asList(get(travel, 'transport_allowed')),
      must_haves: asList(get(travel, 'must_haves')),
      // The original generator keeps trip intentions at the top level.
      trip_intentions: asList(present(get(travel, 'trip_intentions')) ? get(travel, 'trip_intentions') : get(user, 'trip_intentions')),
    },
    diet_health: {
      diet: get(diet, 'diet'),
      allergies: allergies(get(diet, 'allergies')),
      accessibility: accessibility(get(diet, 'accessibility')),
    },
    comfort: {
      smoking: get(comfort, 'smoking'),
      alcohol: get(comfort, 'alcohol'),
      risk_tolerance: get(comfort, 'risk_tolerance'),
      noise_tolerance: get(comfort, 'noise_tolerance'),
      cleanliness_preference: get(comfort, 'cleanliness_preference'),
      chronotype: get(comfort, 'chronotype'),
    },
    work: {
      remote_work_ok: get(work, 'remote_work_ok'),
      hours_online_needed: get(work, 'hours_online_needed'),
      wifi_quality_needed: get(work, 'wifi_quality_needed'),
    },
    companion: {
      genders_ok: query ? queryGenders(get(compPrefs, 'genders_ok')) : mm ? mmGenders(get(prefCompanion, 'genders')) : ['any'],
      age_range: ageRange ?? null,
      min_shared_languages: present(minShared) ? minShared : 1,
      same_pace: samePace === true || (typeof samePace === 'string' && foldKey(samePace) === 'prefer same'),
      dealbreakers: deal.kept,
      blocklist,
    },
    faith: {
      consider_in_matching: get(faith, 'consider_in_matching'),
      religion: scrub(get(faith, 'religion')),
      policy: get(faith, 'policy'),
    },
    privacy: { show_home_city: showHomeCity },
  };

  for (const { path, vocab } of DROPPABLE) {
    const parent = path.length === 1 ? mapped : (mapped[path[0]] as Rec);
    const key = path[path.length - 1];
    parent[key] = keepKnown(parent[key], vocab, path.join('.'), dropped);
  }
  // A dropped word may name the hidden home city ("visit family in Porto"): the notice never quotes it.
  const hidden = showHomeCity ? null : cityMatcher(city);
  if (hidden) for (const d of dropped) d.private = hidden.find(normalizeText(d.word)).length > 0;

  return { mapped, stats: { dropped, ignoredConstraints: deal.ignored } };
}

// ---------------------------------------------------------------------------------------------
// Notices.

const MAX_LISTED = 20;

function listed(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).join('; ');
  return items.length > MAX_LISTED ? `${shown}; and ${items.length - MAX_LISTED} more` : shown;
}

function problemSummary(problems: Problem[]): string {
  const seen: string[] = [];
  for (const p of problems) {
    // Paths are built from the input's own keys: they may hold an email.
    const s = `${scrubEmails(p.path).slice(0, 80)} (${p.code})`;
    if (!seen.includes(s)) seen.push(s);
  }
  return seen.slice(0, 8).join(', ') + (seen.length > 8 ? ', …' : '');
}

/**
 * A dropped word as safe, short text for a notice: never one in which the privacy detectors find
 * a contact (e-mail, phone, web address) or a faith word, in any spelling (normalised text).
 */
function safeWord(w: string): string | undefined {
  const s = w.trim();
  if (s === '' || s.includes('@') || findPrivate(normalizeText(s)).length > 0) return undefined;
  return JSON.stringify(s.length > 30 ? `${s.slice(0, 30)}…` : s);
}

function droppedNotice(all: Dropped[], records: number): Notice {
  const byField = new Map<string, number>();
  for (const d of all) byField.set(d.field, (byField.get(d.field) ?? 0) + 1);
  const fields = [...byField].map(([f, n]) => `${f} ${n}`).join(', ');
  const words = [...new Set(all.map((d) => (d.private ? undefined : safeWord(d.word))).filter((w): w is string => w !== undefined))];
  const sample = words.slice(0, 10).join(', ') + (words.length > 10 ? ', …' : '');
  return notice('import_dropped_unknown_words', { words: all.length, records, fields, sample });
}

// ---------------------------------------------------------------------------------------------
// The importer.

/**
 * Import the original users and matchmaker arrays. Never throws; every record that is not
 * imported is counted and explained in a notice that names no email.
 */
export function importRoverMitra(users: unknown, matchmaker: unknown, onProgress?: OnProgress): ImportResult {
  try {
    return importUnsafe(users, matchmaker, onProgress);
  } catch (e) {
    return {
      profiles: [],
      notices: [notice('import_stopped', { why: e instanceof Error ? e.name : 'error' })],
      skipped: Array.isArray(users) ? users.length : 0,
    };
  }
}

/** How often (user records) the import reports its progress. */
const PROGRESS_EVERY = 2000;

function importUnsafe(usersIn: unknown, mmIn: unknown, onProgress?: OnProgress): ImportResult {
  const notices: Notice[] = [];
  let skipped = 0;

  const users = Array.isArray(usersIn) ? usersIn : [];
  const mms = Array.isArray(mmIn) ? mmIn : [];
  if (!Array.isArray(usersIn)) {
    notices.push(notice('import_input_not_array', { file: 'users', got: describe(usersIn) }));
  }
  if (!Array.isArray(mmIn) && present(mmIn)) {
    notices.push(notice('import_input_not_array', { file: 'matchmaker', got: describe(mmIn) }));
  }

  // --- Matchmaker profiles, keyed by email (a later duplicate wins); by user_id as a fallback.
  const mmByEmail = new Map<string, Rec>();
  const mmByUserId = new Map<string, Rec>();
  const mmMalformed: number[] = [];
  let mmNoKey = 0;
  let mmDuplicates = 0;
  mms.forEach((m, i) => {
    if (!isRec(m) || hasForbiddenKey(m)) {
      mmMalformed.push(i + 1);
      return;
    }
    const key = emailKey(get(m, 'email'));
    const uid = get(m, 'user_id');
    if (key !== undefined) {
      if (mmByEmail.has(key)) mmDuplicates++;
      mmByEmail.set(key, m);
    } else if (typeof uid === 'string' && uid.trim() !== '') {
      if (mmByUserId.has(uid.trim())) mmDuplicates++;
      mmByUserId.set(uid.trim(), m);
    } else {
      mmNoKey++;
    }
  });

  // --- Users, keyed by email (a later duplicate wins, in the place of the first).
  const userByEmail = new Map<string, { rec: Rec; index: number }>();
  const userMalformed: number[] = [];
  const noEmail: number[] = [];
  let userDuplicates = 0;
  users.forEach((u, i) => {
    // A record with a key such as `__proto__` anywhere is refused whole, like a canonical profile.
    if (!isRec(u) || hasForbiddenKey(u)) {
      userMalformed.push(i + 1);
      return;
    }
    const key = emailKey(get(u, 'email'));
    if (key === undefined) {
      noEmail.push(i + 1);
      return;
    }
    if (userByEmail.has(key)) userDuplicates++;
    userByEmail.set(key, { rec: u, index: i + 1 });
  });

  // The original's own user ids (`user_id`) → our ids, for blocklists that name user ids.
  const idByUserId = new Map<string, string>();
  for (const [key, { rec }] of userByEmail) {
    const uid = get(rec, 'user_id');
    if (typeof uid === 'string' && uid.trim() !== '') idByUserId.set(uid.trim(), hashEmailId(key));
  }
  const blockId = (v: unknown): string | undefined => {
    if (typeof v !== 'string' || v.trim() === '') return undefined;
    if (v.includes('@')) return hashEmailId(v);
    return idByUserId.get(v.trim());
  };

  // --- Map, validate, collect.
  const profiles: Profile[] = [];
  const ids = new Set<string>();
  const usedMm = new Set<Rec>();
  const invalid: string[] = [];
  const collisions: string[] = [];
  const noMm: string[] = [];
  const allDropped: Dropped[] = [];
  let droppedRecords = 0;
  let ignoredConstraints = 0;

  let mappedCount = 0;
  for (const [key, { rec }] of userByEmail) {
    if (onProgress && ++mappedCount % PROGRESS_EVERY === 0) onProgress({ file: 'import', loaded: mappedCount, total: userByEmail.size });
    const id = hashEmailId(key);
    const uid = get(rec, 'user_id');
    const mm = mmByEmail.get(key) ?? (typeof uid === 'string' ? mmByUserId.get(uid.trim()) : undefined);
    if (mm) usedMm.add(mm);

    const { mapped, stats } = mapRecord(rec, mm, id, false, blockId);
    const result = validateProfile(mapped);
    if (!result.ok) {
      skipped++;
      invalid.push(`${id}: ${problemSummary(result.problems)}`);
      continue;
    }
    if (ids.has(id)) {
      skipped++;
      collisions.push(id);
      continue;
    }
    ids.add(id);
    profiles.push(result.profile);
    if (!mm) noMm.push(id);
    if (stats.dropped.length > 0) {
      droppedRecords++;
      allDropped.push(...stats.dropped);
    }
    ignoredConstraints += stats.ignoredConstraints;
  }

  // --- Notices: one per kind, with counts; ids and record numbers only, never emails.
  if (userMalformed.length > 0) {
    skipped += userMalformed.length;
    notices.push(notice('import_skipped_malformed', { users: userMalformed.length, matchmakers: 0, records: listed(userMalformed.map(String)) }));
  }
  if (mmMalformed.length > 0) {
    notices.push(notice('import_skipped_malformed', { users: 0, matchmakers: mmMalformed.length, records: listed(mmMalformed.map(String)) }));
  }
  if (noEmail.length > 0) {
    skipped += noEmail.length;
    notices.push(notice('import_skipped_no_email', { users: noEmail.length, matchmakers: 0, records: listed(noEmail.map(String)) }));
  }
  if (mmNoKey > 0) {
    notices.push(notice('import_skipped_no_email', { users: 0, matchmakers: mmNoKey }));
  }
  if (userDuplicates > 0 || mmDuplicates > 0) {
    notices.push(notice('import_duplicates_replaced', { users: userDuplicates, matchmakers: mmDuplicates }));
  }
  if (invalid.length > 0) {
    notices.push(notice('import_skipped_invalid', { users: invalid.length, list: listed(invalid) }));
  }
  if (collisions.length > 0) {
    notices.push(notice('import_skipped_id_collision', { users: collisions.length, list: listed(collisions) }));
  }
  if (noMm.length > 0) {
    notices.push(notice('import_defaults_no_matchmaker', { users: noMm.length, list: listed(noMm) }));
  }
  const unusedMm = mmByEmail.size + mmByUserId.size - usedMm.size;
  if (unusedMm > 0) {
    notices.push(notice('import_unused_matchmaker', { matchmakers: unusedMm }));
  }
  if (allDropped.length > 0) notices.push(droppedNotice(allDropped, droppedRecords));
  if (ignoredConstraints > 0) {
    notices.push(notice('import_ignored_trip_constraints', { count: ignoredConstraints }));
  }

  return { profiles, notices, skipped };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (isRec(v)) return 'an object';
  return `a ${typeof v}`;
}

/**
 * Import one original *query user*: the user fields plus `companion_preferences.genders_ok`
 * (one of the onboarding phrases) and `companion_preferences.age_range_preferred`. Its id comes
 * from its email, or is `u_query` without one. Never throws.
 */
export function importRoverMitraQuery(query: unknown): QueryImport {
  try {
    if (!isRec(query)) {
      return { ok: false, problems: [{ path: '(root)', code: 'invalid_type', message: `profile: must be an object, got ${describe(query)}` }] };
    }
    const forbidden = scanKeys(query).filter((p) => p.code === 'forbidden_key');
    if (forbidden.length > 0) return { ok: false, problems: forbidden };
    const key = emailKey(get(query, 'email'));
    const id = key === undefined ? 'u_query' : hashEmailId(key);
    const blockId = (v: unknown) => (typeof v === 'string' && v.includes('@') ? hashEmailId(v) : undefined);
    const { mapped, stats } = mapRecord(query, undefined, id, true, blockId);
    const result = validateProfile(mapped);
    if (!result.ok) return result;
    const notices: Notice[] = stats.dropped.length > 0 ? [droppedNotice(stats.dropped, 1)] : [];
    return { ok: true, profile: result.profile, notices };
  } catch (e) {
    return { ok: false, problems: [{ path: '(root)', code: 'invalid_type', message: `profile: could not be read (${e instanceof Error ? e.name : 'error'})` }] };
  }
}
