/**
 * THE profile schema (SPEC §2.1): every field of the canonical profile once, with its rule,
 * limits, default and vocabulary, and the form entry that holds it. Everything else about the
 * profile derives from `SCHEMA`:
 *   - `Profile`, the type (each field's zod output; re-exported by types.ts);
 *   - `profileSchema`, the zod schema `validateProfile` (validate.ts) runs — key order here is
 *     the canonical JSON's key order, and a block may be left out exactly when every field in it
 *     has a default;
 *   - `TEXT_LIMITS`, `LIST_LIMITS` and the form's limits, ranges and options (ProfileForm.svelte
 *     reads them from `SCHEMA`), and the hints it shows next to its inputs (hints.ts);
 *   - every problem's message: each field's `label` and limits, in the words of problems.ts
 *     (`labelOf` names the field or block of any problem path);
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
import { PROFILE_LABEL } from './problems';
import {
  ACCOMMODATION_TYPES, ALCOHOL, CHRONOTYPES, DEALBREAKERS, DIETS, FAITH_POLICIES, GENDERS,
  INTERESTS, LEVELS, MUST_HAVES, PACES, ROOM_SETUPS, SMOKING, SPLIT_RULES, TRANSPORT,
  TRIP_INTENTIONS, VALUES, WIFI,
} from './vocab';

/** Vocabularies the profile keeps as plain strings (its type says `string`, not the word list). */
const plain = (words: readonly string[]) => words;

const AGES = { lo: 18, hi: 99 };

/**
 * Field name → field (or block of fields); the first argument of each is its key in the form's
 * draft, `label` its name for people (the form's label; every problem's message starts with it).
 */
export const SCHEMA = {
  id: id('id', { label: 'Profile id', max: 64, def: 'u_query' }),
  name: text('name', { label: 'Name', min: 1, max: 80 }),
  age: number('age', { label: 'Age', ...AGES, integer: true }),
  gender: choice('gender', 'gender', GENDERS, { label: 'Gender' }),
  home_base: {
    city: text('city', { label: 'Home city', max: 80, def: '' }),
    country: text('country', { label: 'Country', max: 80, def: '' }),
  },
  languages: languages('languages', { label: 'Languages', min: 1, max: 10, noun: ['language you speak', 'languages'] }),
  interests: choices('interests', 'interests', plain(INTERESTS), { label: 'Interests', min: 1, max: 15, noun: ['interest', 'interests'] }),
  values: choices('values', 'values', plain(VALUES), { label: 'Values', max: 5, def: [], noun: ['value', 'values'] }),
  bio: text('bio', { label: 'Bio', max: 500, def: '', multiline: true }),
  budget: {
    amount: number('budget_amount', { label: 'Budget', lo: 0, hi: 100_000, exclusiveLo: true, noun: 'an amount' }),
    currency: currency('currency', { label: 'Currency', def: 'EUR' }),
    split_rule: choice('split_rule', 'split_rule', SPLIT_RULES, { label: 'Splitting costs', def: 'each_own' }),
  },
  travel_prefs: {
    pace: choice('pace', 'pace', PACES, { label: 'Pace', def: 'balanced' }),
    accommodation_types: choices('accommodation_types', 'accommodation_types', plain(ACCOMMODATION_TYPES), { label: 'Accommodation', max: 8, def: [], noun: ['type of accommodation', 'types of accommodation'] }),
    room_setup: choice('room_setup', 'room_setup', plain(ROOM_SETUPS), { label: 'Room setup', def: 'flexible' }),
    transport_allowed: choices('transport_allowed', 'transport_allowed', plain(TRANSPORT), { label: 'Transport', max: 7, def: [], noun: ['kind of transport', 'kinds of transport'] }),
    must_haves: choices('must_haves', 'must_haves', plain(MUST_HAVES), { label: 'Must-haves', max: 9, def: [], noun: ['must-have', 'must-haves'] }),
    trip_intentions: choices('trip_intentions', 'trip_intentions', plain(TRIP_INTENTIONS), { label: 'Trip intentions', max: 10, def: [], noun: ['trip intention', 'trip intentions'] }),
  },
  diet_health: {
    diet: choice('diet', 'diet', plain(DIETS), { label: 'Diet', def: 'none' }),
    allergies: textList('allergies', { label: 'Allergies', max: 10, itemMax: 40, noun: ['allergy', 'allergies'] }),
    accessibility: text('accessibility', { label: 'Accessibility needs', max: 200, def: '', multiline: true }),
  },
  comfort: {
    smoking: choice('smoking', 'smoking', SMOKING, { label: 'Smoking', def: 'never' }),
    alcohol: choice('alcohol', 'alcohol', ALCOHOL, { label: 'Alcohol', def: 'moderate' }),
    risk_tolerance: choice('risk_tolerance', 'level', LEVELS, { label: 'Risk tolerance', def: 'medium' }),
    noise_tolerance: choice('noise_tolerance', 'level', LEVELS, { label: 'Noise tolerance', def: 'medium' }),
    cleanliness_preference: choice('cleanliness_preference', 'level', LEVELS, { label: 'Tidiness', def: 'medium' }),
    chronotype: choice('chronotype', 'chronotype', CHRONOTYPES, { label: 'Sleep rhythm', def: 'flexible' }),
  },
  work: {
    remote_work_ok: toggle('remote_work_ok', { label: 'Remote work', def: false }),
    hours_online_needed: number('hours_online_needed', { label: 'Hours online a day', lo: 0, hi: 12, def: 0 }),
    wifi_quality_needed: choice('wifi_quality_needed', 'wifi', WIFI, { label: 'Wi-Fi needed', def: 'normal' }),
  },
  companion: {
    genders_ok: choices('genders_ok', 'genders_ok', ['any' as const, ...GENDERS], { label: 'Companion genders', min: 1, max: 5, def: ['any'], exclusive: 'any', noun: ['gender, or Anyone', 'genders'] }),
    age_range: range(['age_min', 'age_max'], { label: 'Companion ages', ...AGES }),
    min_shared_languages: number('min_shared_languages', { label: 'Shared languages needed', lo: 0, hi: 3, integer: true, def: 1 }),
    same_pace: toggle('same_pace', { label: 'Same pace', def: false }),
    dealbreakers: choices('dealbreakers', 'dealbreakers', DEALBREAKERS, { label: 'Dealbreakers', max: 8, def: [], noun: ['dealbreaker', 'dealbreakers'] }),
    blocklist: idList('blocklist', { label: 'Blocked travellers', max: 1000, itemMax: 64, noun: ['traveller id', 'traveller ids'] }),
  },
  faith: {
    consider_in_matching: toggle('faith_consider', { label: 'Consider my faith', def: false }),
    religion: text('religion', { label: 'Religion', max: 80, def: '' }),
    policy: choice('faith_policy', 'policy', FAITH_POLICIES, { label: 'Faith policy', def: 'open' }),
  },
  privacy: {
    show_home_city: toggle('show_home_city', { label: 'Show my home city', def: true }),
  },
};

/** Each block's name for people (the form's section), for problems with the block as a whole. */
export const BLOCK_LABELS: { readonly [K in keyof typeof SCHEMA as typeof SCHEMA[K] extends Field ? never : K]: string } = {
  home_base: 'Home',
  budget: 'Budget',
  travel_prefs: 'Travel preferences',
  diet_health: 'Food and health',
  comfort: 'Comfort',
  work: 'Work',
  companion: 'Companions',
  faith: 'Faith',
  privacy: 'Privacy',
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
function zodOf(node: object, key: string | null): { schema: z.ZodType; required: boolean } {
  if (isField(node)) return { schema: node.schema, required: node.def === undefined };
  const parts = Object.entries(node).map(([k, child]) => [k, zodOf(child, k)] as const);
  const required = parts.some(([, p]) => p.required);
  const label = key === null ? PROFILE_LABEL : (BLOCK_LABELS as Record<string, string>)[key];
  const shape = Object.fromEntries(parts.map(([k, p]) => [k, p.schema]));
  return { schema: group(label, shape, { optional: !required, root: key === null }), required };
}

/** Validates and normalises any JSON value into a `Profile` (use `validateProfile`, which never throws). */
export const profileSchema = zodOf(SCHEMA, null).schema as z.ZodType<Profile>;

/**
 * The label a problem at `path` is reported under: the field's ("budget.amount" → "Budget",
 * "languages.2" → "Languages"), else the block's, else the profile's. Keys below no known field
 * (which may be anything a file holds) are never named.
 */
export function labelOf(path: string): string {
  let label = PROFILE_LABEL;
  let node: object = SCHEMA;
  for (const key of path.split('.')) {
    if (isField(node) || !Object.hasOwn(node, key)) break;
    node = (node as Record<string, object>)[key];
    label = isField(node) ? node.label : (BLOCK_LABELS as Record<string, string>)[key] ?? label;
  }
  return label;
}

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
