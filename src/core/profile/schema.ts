/**
 * THE profile schema (SPEC §2.1): every field of the canonical profile once, with its rule,
 * limits, default and vocabulary, and the form entry that holds it. Everything else about the
 * profile derives from `SCHEMA`:
 *   - `Profile`, the type (each field's zod output; re-exported by types.ts);
 *   - `profileSchema`, the zod schema `validateProfile` (validate.ts) runs — key order here is
 *     the canonical JSON's key order, and a block may be left out exactly when every field in it
 *     has a default;
 *   - `TEXT_LIMITS`, `LIST_LIMITS` and the form's limits, ranges and options (ProfileForm.svelte
 *     reads them from `SCHEMA`);
 *   - the form: `Draft` (its state, one flat object of draft entries) and `FIELDS`, from which
 *     src/ui/draft.ts builds `FIELD_PATHS`, `emptyDraft`, `draftToInput`, `profileToDraft` and
 *     the stored-draft shape.
 * Adding a field is one line here plus its input in ProfileForm.svelte.
 *
 * The kinds of field (how each validates, holds limits, maps to the form) are in fields.ts; the
 * words of each vocabulary, with their aliases, in vocab.ts.
 */
import type * as z from 'zod';
import {
  type Field, choice, choices, currency, group, id, idList, isField, languages, number, range,
  text, textList, toggle,
} from './fields';
import {
  ACCOMMODATION_TYPES, ALCOHOL, CHRONOTYPES, DEALBREAKERS, DIETS, FAITH_POLICIES, GENDERS,
  INTERESTS, LEVELS, MUST_HAVES, PACES, ROOM_SETUPS, SMOKING, SPLIT_RULES, TRANSPORT,
  TRIP_INTENTIONS, VALUES, WIFI,
} from './vocab';

/** Vocabularies the profile keeps as plain strings (its type says `string`, not the word list). */
const plain = (words: readonly string[]) => words;

const AGES = { lo: 18, hi: 99 };

/** Field name → field (or block of fields); the first argument of each is its key in the form's draft. */
export const SCHEMA = {
  id: id('id', { max: 64, def: 'u_query' }),
  name: text('name', { min: 1, max: 80 }),
  age: number('age', { ...AGES, integer: true }),
  gender: choice('gender', 'gender', GENDERS),
  home_base: {
    city: text('city', { max: 80, def: '' }),
    country: text('country', { max: 80, def: '' }),
  },
  languages: languages('languages', { min: 1, max: 10 }),
  interests: choices('interests', 'interests', plain(INTERESTS), { min: 1, max: 15, what: 'interests' }),
  values: choices('values', 'values', plain(VALUES), { max: 5, def: [], what: 'values' }),
  bio: text('bio', { max: 500, def: '', multiline: true }),
  budget: {
    amount: number('budget_amount', { lo: 0, hi: 100_000, exclusiveLo: true }),
    currency: currency('currency', 'EUR'),
    split_rule: choice('split_rule', 'split_rule', SPLIT_RULES, 'each_own'),
  },
  travel_prefs: {
    pace: choice('pace', 'pace', PACES, 'balanced'),
    accommodation_types: choices('accommodation_types', 'accommodation_types', plain(ACCOMMODATION_TYPES), { max: 8, def: [], what: 'accommodation types' }),
    room_setup: choice('room_setup', 'room_setup', plain(ROOM_SETUPS), 'flexible'),
    transport_allowed: choices('transport_allowed', 'transport_allowed', plain(TRANSPORT), { max: 7, def: [], what: 'transport modes' }),
    must_haves: choices('must_haves', 'must_haves', plain(MUST_HAVES), { max: 9, def: [], what: 'must-haves' }),
    trip_intentions: choices('trip_intentions', 'trip_intentions', plain(TRIP_INTENTIONS), { max: 10, def: [], what: 'trip intentions' }),
  },
  diet_health: {
    diet: choice('diet', 'diet', plain(DIETS), 'none'),
    allergies: textList('allergies', { max: 10, itemMax: 40, what: 'allergies' }),
    accessibility: text('accessibility', { max: 200, def: '', multiline: true }),
  },
  comfort: {
    smoking: choice('smoking', 'smoking', SMOKING, 'never'),
    alcohol: choice('alcohol', 'alcohol', ALCOHOL, 'moderate'),
    risk_tolerance: choice('risk_tolerance', 'level', LEVELS, 'medium'),
    noise_tolerance: choice('noise_tolerance', 'level', LEVELS, 'medium'),
    cleanliness_preference: choice('cleanliness_preference', 'level', LEVELS, 'medium'),
    chronotype: choice('chronotype', 'chronotype', CHRONOTYPES, 'flexible'),
  },
  work: {
    remote_work_ok: toggle('remote_work_ok', false),
    hours_online_needed: number('hours_online_needed', { lo: 0, hi: 12, def: 0 }),
    wifi_quality_needed: choice('wifi_quality_needed', 'wifi', WIFI, 'normal'),
  },
  companion: {
    genders_ok: choices('genders_ok', 'genders_ok', ['any' as const, ...GENDERS], { min: 1, max: 5, def: ['any'], exclusive: 'any', what: 'gender choices' }),
    age_range: range(['age_min', 'age_max'], AGES),
    min_shared_languages: number('min_shared_languages', { lo: 0, hi: 3, integer: true, def: 1 }),
    same_pace: toggle('same_pace', false),
    dealbreakers: choices('dealbreakers', 'dealbreakers', DEALBREAKERS, { max: 8, def: [], what: 'dealbreakers' }),
    blocklist: idList('blocklist', { max: 1000, itemMax: 64, what: 'blocked ids' }),
  },
  faith: {
    consider_in_matching: toggle('faith_consider', false),
    religion: text('religion', { max: 80, def: '' }),
    policy: choice('faith_policy', 'policy', FAITH_POLICIES, 'open'),
  },
  privacy: {
    show_home_city: toggle('show_home_city', true),
  },
};

// ---- Derived: types ----

/** The value a node of the schema validates to: a field's zod output, or an object of its children's. */
type Output<N> = N extends Field ? z.output<N['schema']> : { [K in keyof N]: Output<N[K]> };

/** Canonical profile (SPEC §2.1). snake_case, exactly as stored and exchanged. */
export type Profile = Output<typeof SCHEMA>;

/** Every field below a node, as a union. */
type FieldsOf<N> = N extends Field ? N : { [K in keyof N]: FieldsOf<N[K]> }[keyof N];
/** Their draft entries, e.g. `{ city: string } | { age_min: number | null; age_max: number | null } | …`. */
type Entries = ReturnType<FieldsOf<typeof SCHEMA>['empty']>;
type KeysOf<U> = U extends unknown ? keyof U : never;

/** The profile form's state: every field's draft entries in one flat object. */
export type Draft = { [K in KeysOf<Entries>]: Extract<Entries, Record<K, unknown>>[K] };

// ---- Derived: the flat field list, the zod schema, the limits ----

/** Every field with its path in the profile ("home_base.city"), in schema order. */
export const FIELDS: readonly { path: string; field: Field }[] = (function flatten(node: object, prefix: string): { path: string; field: Field }[] {
  return Object.entries(node).flatMap(([key, child]) =>
    (isField(child) ? [{ path: prefix + key, field: child }] : flatten(child, `${prefix}${key}.`)));
})(SCHEMA, '');

/** A block's zod schema: it may be left out (all defaults) when no field in it is required. */
function zodOf(node: object): { schema: z.ZodType; required: boolean } {
  if (isField(node)) return { schema: node.schema, required: node.def === undefined };
  const parts = Object.entries(node).map(([key, child]) => [key, zodOf(child)] as const);
  const required = parts.some(([, p]) => p.required);
  return { schema: group(Object.fromEntries(parts.map(([key, p]) => [key, p.schema])), { optional: !required }), required };
}

/** Validates and normalises any JSON value into a `Profile` (use `validateProfile`, which never throws). */
export const profileSchema = zodOf(SCHEMA).schema as z.ZodType<Profile>;

/** Longest text per field, in characters (code points); the form's inputs use the same limits. */
export const TEXT_LIMITS = {
  name: SCHEMA.name.max,
  city: SCHEMA.home_base.city.max,
  country: SCHEMA.home_base.country.max,
  bio: SCHEMA.bio.max,
  accessibility: SCHEMA.diet_health.accessibility.max,
  religion: SCHEMA.faith.religion.max,
  /** Per item; at most LIST_LIMITS.allergies items. */
  allergy: SCHEMA.diet_health.allergies.itemMax,
} as const;

export const LIST_LIMITS = {
  languages: SCHEMA.languages.max,
  allergies: SCHEMA.diet_health.allergies.max,
} as const;
