/**
 * The hints the profile form shows next to its inputs (ProfileForm.svelte), written from the
 * schema's limits in the words of problems.ts: a hint and the message of a problem at the same
 * field state the same limits ("above 0, up to 100,000"), so the two never disagree. Keyed by the
 * field's path, as problems are.
 *
 * No DOM, no Svelte: unit tests read these next to the messages.
 */
import { amount, rangeWords } from './problems';
import { SCHEMA as S } from './schema';
import { BAND_EUR } from './vocab';

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const HINTS = {
  languages: `Names or ISO codes, separated by commas: at least one, at most ${amount(S.languages.max)}.`,
  'budget.amount': `Per day, in the chosen currency: ${rangeWords(S.budget.amount)}.`,
  'diet_health.allergies': `Separated by commas: at most ${amount(S.diet_health.allergies.max)}, each up to ${amount(S.diet_health.allergies.itemMax)} characters.`,
  'work.hours_online_needed': `${sentence(rangeWords(S.work.hours_online_needed))} hours a day.`,
  'companion.age_range': `Ages ${rangeWords(S.companion.age_range)}; leave both empty for any age.`,
  'companion.blocklist': `Traveller ids, separated by commas, at most ${amount(S.companion.blocklist.max)}: they never appear in your matches, nor you in theirs.`,
} as const;

export type HintedField = keyof typeof HINTS;

/** The budget bands (SPEC §3 rule 5), shown with the amount's hint while no amount is typed. */
export const BANDS_HINT = `Bands: budget up to ${BAND_EUR.budget} EUR a day, mid, lux from ${BAND_EUR.lux} EUR a day.`;

/** The band an amount falls in, shown once one is typed: "≈ 95 EUR a day: the mid band (…)". */
export const BANDS_SHORT = `budget ≤ ${BAND_EUR.budget} EUR, lux ≥ ${BAND_EUR.lux} EUR`;
