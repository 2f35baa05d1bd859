/**
 * The profile form's state (a "draft") and its conversion to and from the canonical profile
 * input (SPEC §2.1, §8). A draft keeps exactly what the person typed — an invalid age stays an
 * invalid age — so it can be saved on every change and restored after a reload; only
 * `draftToInput` + `validateProfile` turn it into a profile.
 *
 * Storage: one JSON entry in localStorage. Reading it back is per field: a field that cannot be
 * read (mistyped, too long, from another version) is dropped and takes its empty value, the rest
 * of the draft is kept, and a notice names what was dropped. Only an entry that is not a draft
 * at all is discarded whole. When storage refuses a save (full, disabled), the older saved draft
 * is removed rather than left to come back on a reload, and the page says the draft is not kept.
 * Tabs stay in sync through the `storage` event (`draftFromStorageEvent`).
 */
import type { Notice } from '../core/errors';
import type { Profile } from '../core/profile/types';
import { languageName } from '../core/profile/vocab';

export const DRAFT_KEY = 'rovermitra.draft.v1';
const DRAFT_VERSION = 1;

export interface Draft {
  id: string;
  // basics
  name: string;
  age: number | null;
  gender: string;
  city: string;
  country: string;
  show_home_city: boolean;
  // languages: free text, comma-separated names or codes ("English, Deutsch", "en, de")
  languages: string;
  interests: string[];
  values: string[];
  // tempo and trip style
  pace: string;
  trip_intentions: string[];
  accommodation_types: string[];
  room_setup: string;
  transport_allowed: string[];
  must_haves: string[];
  // budget
  budget_amount: number | null;
  currency: string;
  split_rule: string;
  // food and health
  diet: string;
  allergies: string;
  accessibility: string;
  // comfort
  smoking: string;
  alcohol: string;
  chronotype: string;
  risk_tolerance: string;
  noise_tolerance: string;
  cleanliness_preference: string;
  // work
  remote_work_ok: boolean;
  hours_online_needed: number | null;
  wifi_quality_needed: string;
  // companions
  genders_ok: string[];
  age_min: number | null;
  age_max: number | null;
  min_shared_languages: number;
  same_pace: boolean;
  dealbreakers: string[];
  blocklist: string[];
  // faith (private)
  faith_consider: boolean;
  religion: string;
  faith_policy: string;
  bio: string;
}

export function emptyDraft(): Draft {
  return {
    id: 'u_query',
    name: '',
    age: null,
    gender: '',
    city: '',
    country: '',
    show_home_city: true,
    languages: '',
    interests: [],
    values: [],
    pace: 'balanced',
    trip_intentions: [],
    accommodation_types: [],
    room_setup: 'flexible',
    transport_allowed: [],
    must_haves: [],
    budget_amount: null,
    currency: 'EUR',
    split_rule: 'each_own',
    diet: 'none',
    allergies: '',
    accessibility: '',
    smoking: 'never',
    alcohol: 'moderate',
    chronotype: 'flexible',
    risk_tolerance: 'medium',
    noise_tolerance: 'medium',
    cleanliness_preference: 'medium',
    remote_work_ok: false,
    hours_online_needed: 0,
    wifi_quality_needed: 'normal',
    genders_ok: ['any'],
    age_min: null,
    age_max: null,
    min_shared_languages: 1,
    same_pace: false,
    dealbreakers: [],
    blocklist: [],
    faith_consider: false,
    religion: '',
    faith_policy: 'open',
    bio: '',
  };
}

/** "English, Deutsch; fa" → ["English", "Deutsch", "fa"]. */
export function splitList(text: string): string[] {
  return text.split(/[,;\n]+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * The profile input `validateProfile` reads. Built from fresh plain objects and arrays (never
 * the reactive draft itself), so it can be posted to the worker as is.
 */
export function draftToInput(d: Draft): Record<string, unknown> {
  const ageRange = d.age_min === null && d.age_max === null ? null : [d.age_min ?? 18, d.age_max ?? 99];
  return {
    id: d.id || 'u_query',
    name: d.name,
    age: d.age,
    gender: d.gender,
    home_base: { city: d.city, country: d.country },
    languages: splitList(d.languages),
    interests: [...d.interests],
    values: [...d.values],
    bio: d.bio,
    budget: { amount: d.budget_amount, currency: d.currency, split_rule: d.split_rule },
    travel_prefs: {
      pace: d.pace,
      accommodation_types: [...d.accommodation_types],
      room_setup: d.room_setup,
      transport_allowed: [...d.transport_allowed],
      must_haves: [...d.must_haves],
      trip_intentions: [...d.trip_intentions],
    },
    diet_health: { diet: d.diet, allergies: splitList(d.allergies), accessibility: d.accessibility },
    comfort: {
      smoking: d.smoking,
      alcohol: d.alcohol,
      risk_tolerance: d.risk_tolerance,
      noise_tolerance: d.noise_tolerance,
      cleanliness_preference: d.cleanliness_preference,
      chronotype: d.chronotype,
    },
    work: {
      remote_work_ok: d.remote_work_ok,
      hours_online_needed: d.hours_online_needed ?? 0,
      wifi_quality_needed: d.wifi_quality_needed,
    },
    companion: {
      genders_ok: d.genders_ok.length > 0 ? [...d.genders_ok] : [],
      age_range: ageRange,
      min_shared_languages: d.min_shared_languages,
      same_pace: d.same_pace,
      dealbreakers: [...d.dealbreakers],
      blocklist: [...d.blocklist],
    },
    faith: { consider_in_matching: d.faith_consider, religion: d.religion, policy: d.faith_policy },
    privacy: { show_home_city: d.show_home_city },
  };
}

/** A canonical (validated) profile as form state; languages shown by their English names. */
export function profileToDraft(p: Profile): Draft {
  return {
    id: p.id,
    name: p.name,
    age: p.age,
    gender: p.gender,
    city: p.home_base.city,
    country: p.home_base.country,
    show_home_city: p.privacy.show_home_city,
    languages: p.languages.map(languageName).join(', '),
    interests: [...p.interests],
    values: [...p.values],
    pace: p.travel_prefs.pace,
    trip_intentions: [...p.travel_prefs.trip_intentions],
    accommodation_types: [...p.travel_prefs.accommodation_types],
    room_setup: p.travel_prefs.room_setup,
    transport_allowed: [...p.travel_prefs.transport_allowed],
    must_haves: [...p.travel_prefs.must_haves],
    budget_amount: p.budget.amount,
    currency: p.budget.currency,
    split_rule: p.budget.split_rule,
    diet: p.diet_health.diet,
    allergies: p.diet_health.allergies.join(', '),
    accessibility: p.diet_health.accessibility,
    smoking: p.comfort.smoking,
    alcohol: p.comfort.alcohol,
    chronotype: p.comfort.chronotype,
    risk_tolerance: p.comfort.risk_tolerance,
    noise_tolerance: p.comfort.noise_tolerance,
    cleanliness_preference: p.comfort.cleanliness_preference,
    remote_work_ok: p.work.remote_work_ok,
    hours_online_needed: p.work.hours_online_needed,
    wifi_quality_needed: p.work.wifi_quality_needed,
    genders_ok: [...p.companion.genders_ok],
    age_min: p.companion.age_range ? p.companion.age_range[0] : null,
    age_max: p.companion.age_range ? p.companion.age_range[1] : null,
    min_shared_languages: p.companion.min_shared_languages,
    same_pace: p.companion.same_pace,
    dealbreakers: [...p.companion.dealbreakers],
    blocklist: [...p.companion.blocklist],
    faith_consider: p.faith.consider_in_matching,
    religion: p.faith.religion,
    faith_policy: p.faith.policy,
    bio: p.bio,
  };
}

// ---- Field map: which problem paths each form field shows inline. ----

/** Form field keys (the inputs' `name` attributes), each showing the problems under that path. */
export const FIELD_PATHS = [
  'name', 'age', 'gender', 'home_base.city', 'home_base.country', 'privacy.show_home_city',
  'languages', 'interests', 'values',
  'travel_prefs.pace', 'travel_prefs.trip_intentions', 'travel_prefs.accommodation_types',
  'travel_prefs.room_setup', 'travel_prefs.transport_allowed', 'travel_prefs.must_haves',
  'budget.amount', 'budget.currency', 'budget.split_rule',
  'diet_health.diet', 'diet_health.allergies', 'diet_health.accessibility',
  'comfort.smoking', 'comfort.alcohol', 'comfort.chronotype', 'comfort.risk_tolerance',
  'comfort.noise_tolerance', 'comfort.cleanliness_preference',
  'work.remote_work_ok', 'work.hours_online_needed', 'work.wifi_quality_needed',
  'companion.genders_ok', 'companion.age_range', 'companion.min_shared_languages',
  'companion.same_pace', 'companion.dealbreakers', 'companion.blocklist',
  'faith.consider_in_matching', 'faith.religion', 'faith.policy',
  'bio',
] as const;

export type FieldPath = (typeof FIELD_PATHS)[number];

/** Does problem path `path` belong to field `field`? ("languages.2" belongs to "languages".) */
export function pathInField(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`);
}

/** The field a problem path is shown at, or null when no field owns it (shown with the form). */
export function fieldOf(path: string): FieldPath | null {
  return FIELD_PATHS.find((f) => pathInField(path, f)) ?? null;
}

// ---- Storage ----

type Kind = 'string' | 'boolean' | 'number' | 'number|null' | 'string[]';

function kindOf(v: unknown): Kind | null {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : null;
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? 'string[]' : null;
  return null;
}

const SHAPE: Record<keyof Draft, Kind> = (() => {
  const d = emptyDraft();
  const shape = {} as Record<keyof Draft, Kind>;
  for (const key of Object.keys(d) as (keyof Draft)[]) shape[key] = kindOf(d[key]) ?? 'number|null';
  for (const key of ['age', 'budget_amount', 'hours_online_needed', 'age_min', 'age_max'] as const) shape[key] = 'number|null';
  return shape;
})();

/** Longer than any text field's form limit (see FORM_LIMITS): a stored value past it was not typed here. */
const MAX_TEXT = 10_000;
const MAX_LIST = 100;

export interface RestoredDraft {
  draft: Draft;
  /** Fields that could not be read back and were reset. */
  dropped: (keyof Draft)[];
}

/** A stored value read back field by field, or null when it is not a draft at all. */
export function coerceDraft(raw: unknown): RestoredDraft | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const box = raw as { v?: unknown; draft?: unknown };
  if (box.v !== DRAFT_VERSION || typeof box.draft !== 'object' || box.draft === null || Array.isArray(box.draft)) return null;
  const src = box.draft as Record<string, unknown>;
  const out = emptyDraft() as unknown as Record<string, unknown>;
  const dropped: (keyof Draft)[] = [];
  for (const [key, kind] of Object.entries(SHAPE) as [keyof Draft, Kind][]) {
    if (!Object.hasOwn(src, key)) {
      dropped.push(key);
      continue;
    }
    const v = src[key];
    const k = kindOf(v);
    const fits = (kind === 'number|null' ? v === null || k === 'number' : k === kind) &&
      !(typeof v === 'string' && v.length > MAX_TEXT) && !(Array.isArray(v) && (v.length > MAX_LIST || v.some((x) => x.length > MAX_TEXT)));
    if (!fits) {
      dropped.push(key);
      continue;
    }
    out[key] = Array.isArray(v) ? [...v] : v;
  }
  return { draft: out as unknown as Draft, dropped };
}

export const DRAFT_DISCARDED: Notice = {
  code: 'draft_discarded',
  message: 'A saved profile draft on this device could not be read, so it was discarded and the form starts empty.',
};

/** The notice for a draft restored without some of its fields. */
export function draftPartlyRestored(dropped: readonly string[]): Notice {
  const names = dropped.slice(0, 6).map((f) => f.replace(/_/g, ' '));
  const more = dropped.length > 6 ? ` and ${dropped.length - 6} more` : '';
  return {
    code: 'draft_partly_restored',
    message: `Your saved draft was restored, except ${dropped.length === 1 ? 'one field that' : `${dropped.length} fields that`} could not be read (${names.join(', ')}${more}); ${dropped.length === 1 ? 'it starts' : 'they start'} empty.`,
  };
}

export const DRAFT_NOT_SAVED: Notice = {
  code: 'draft_not_saved',
  message: 'This browser refused to store your draft (storage full or disabled): it is not kept if you reload or close the page.',
};

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // e.g. storage disabled by the browser
  }
}

/** A stored entry (or null when there is none) as a draft and what to tell the person. */
export function readDraft(text: string | null): { draft: Draft | null; notice: Notice | null } {
  if (text === null) return { draft: null, notice: null };
  let restored: RestoredDraft | null = null;
  try {
    restored = coerceDraft(JSON.parse(text));
  } catch {
    restored = null;
  }
  if (!restored) return { draft: null, notice: DRAFT_DISCARDED };
  return { draft: restored.draft, notice: restored.dropped.length > 0 ? draftPartlyRestored(restored.dropped) : null };
}

/** The saved draft, if any; an unreadable entry is removed and reported as a notice. */
export function loadDraft(): { draft: Draft | null; notice: Notice | null } {
  const store = storage();
  if (!store) return { draft: null, notice: null };
  let text: string | null;
  try {
    text = store.getItem(DRAFT_KEY);
  } catch {
    return { draft: null, notice: null };
  }
  const out = readDraft(text);
  if (text !== null && out.draft === null) {
    try {
      store.removeItem(DRAFT_KEY);
    } catch {
      // nothing more to do
    }
  }
  return out;
}

export const serializeDraft = (d: Draft): string => JSON.stringify({ v: DRAFT_VERSION, draft: d });

/**
 * Save the draft. False when storage refused it: then the older saved draft is removed too, so
 * that a reload does not bring back something older than what is on the screen.
 */
export function saveDraft(d: Draft): boolean {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(DRAFT_KEY, serializeDraft(d));
    return true;
  } catch {
    try {
      store.removeItem(DRAFT_KEY);
      store.setItem(DRAFT_KEY, serializeDraft(d)); // the old entry's room may be enough
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * The draft another tab saved (a `storage` event for the draft key), or null when the event is
 * not about the draft. A cleared draft in the other tab is an empty form here.
 */
export function draftFromStorageEvent(e: { key: string | null; newValue: string | null }): { draft: Draft; notice: Notice | null } | null {
  if (e.key !== DRAFT_KEY && e.key !== null) return null;
  if (e.newValue === null) return { draft: emptyDraft(), notice: null };
  const out = readDraft(e.newValue);
  return out.draft ? { draft: out.draft, notice: out.notice } : null;
}

export function clearDraft(): void {
  try {
    storage()?.removeItem(DRAFT_KEY);
  } catch {
    // ignore
  }
}
