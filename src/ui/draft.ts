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
import { type Notice, notice } from '../core/outcome';
import { splitList } from '../core/profile/fields';
import { type Draft, FIELDS, SCHEMA } from '../core/profile/schema';
import type { Profile } from '../core/profile/types';

export type { Draft };
export { splitList };

export const DRAFT_KEY = 'rovermitra.draft.v1';
const DRAFT_VERSION = 1;

// The draft, its conversions and the form's field list all derive from the profile schema
// (src/core/profile/schema.ts): each field there names its draft entries and converts them.

const merge = (parts: object[]): Draft => Object.assign({}, ...parts) as Draft;

/** A new form: every field at its default, or blank where it has none. */
export function emptyDraft(): Draft {
  return merge(FIELDS.map(({ field }) => field.empty()));
}

/**
 * The profile input `validateProfile` reads. Built from fresh plain objects and arrays (never
 * the reactive draft itself), so it can be posted to the worker as is.
 */
export function draftToInput(d: Draft): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const { path, field } of FIELDS) {
    const keys = path.split('.');
    let block = input;
    for (const key of keys.slice(0, -1)) block = (block[key] ??= {}) as Record<string, unknown>;
    block[keys[keys.length - 1]] = field.toInput(d);
  }
  return input;
}

/** A canonical (validated) profile as form state; languages shown by their English names. */
export function profileToDraft(p: Profile): Draft {
  const at = (path: string) => path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], p);
  return merge(FIELDS.map(({ path, field }) => field.toDraft(at(path))));
}

// ---- Field map: which problem paths each form field shows inline. ----

/** Form field keys (the inputs' `name` attributes), each showing the problems under that path. */
export const FIELD_PATHS: readonly string[] = FIELDS.filter(({ field }) => field.input).map(({ path }) => path);

/** Does problem path `path` belong to field `field`? ("languages.2" belongs to "languages".) */
export function pathInField(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`);
}

/** The field a problem path is shown at, or null when no field owns it (shown with the form). */
export function fieldOf(path: string): string | null {
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

/** What each draft entry may hold; a number input holds null while empty. */
const SHAPE: Record<keyof Draft, Kind> = (() => {
  const shape = {} as Record<keyof Draft, Kind>;
  for (const [key, v] of Object.entries(emptyDraft()) as [keyof Draft, unknown][]) {
    shape[key] = v === null || typeof v === 'number' ? 'number|null' : (kindOf(v) as Kind);
  }
  return shape;
})();

/** Longer than any text field's limit (TEXT_LIMITS): a stored value past it was not typed here. */
const MAX_TEXT = 10_000;
/** As many items as the longest list field allows (the blocklist): more were not typed here. */
const MAX_LIST = SCHEMA.companion.blocklist.max;

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

export const DRAFT_DISCARDED: Notice = notice('draft_discarded');

/** The notice for a draft restored without some of its fields. */
export const draftPartlyRestored = (dropped: readonly string[]): Notice => notice('draft_partly_restored', { fields: dropped });

export const DRAFT_NOT_SAVED: Notice = notice('draft_not_saved');

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
