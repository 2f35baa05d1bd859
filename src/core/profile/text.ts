/**
 * The profile text that is embedded (SPEC §4): one template for the query and every
 * candidate, so matching is symmetric. It carries pace, budget band, interests, values, trip
 * intentions, diet, must-haves, transport, remote-work needs and the bio — and never name, age,
 * gender, faith, city, country or id. Values and diets that reveal faith (`spirituality`,
 * `halal`, `kosher`) are left out. The bio is free text, so it is scrubbed first
 * (privacy/scrub.ts): the person's own name, city and country in every spelling, their
 * religion, any faith word, e-mail address, phone number or web address — all found in the
 * normalised text, so accents, case, full-width forms and invisible characters hide nothing.
 */
import { shareableDiet, shareableValues } from '../privacy/faith';
import { cityVariants, countryVariants } from '../privacy/places';
import { scrubPrivate } from '../privacy/scrub';
import { termWords } from '../privacy/terms';
import type { Profile } from './types';
import { budgetBand } from './vocab';

/** Bump when the template changes: pool embeddings built with another version are refused. */
export const PROFILE_TEXT_VERSION = 2;

const words = (list: readonly string[]) => list.map((w) => w.replace(/_/g, ' ')).join(', ');

/** The person's own private words, in every spelling: name parts, city, country, religion. */
function ownTerms(p: Profile): string[] {
  return [
    ...termWords(p.name),
    ...cityVariants(p.home_base.city),
    ...countryVariants(p.home_base.country),
    p.faith.religion,
  ].filter((t) => t.trim().length >= 2);
}

export function scrubBio(p: Profile): string {
  return scrubPrivate(p.bio, ownTerms(p)).replace(/\s+/g, ' ').trim();
}

export function profileText(p: Profile): string {
  const values = shareableValues(p.values);
  const diet = shareableDiet(p.diet_health.diet);
  const parts = [
    `Pace: ${p.travel_prefs.pace}.`,
    `Budget: ${budgetBand(p.budget.amount, p.budget.currency)}.`,
    `Interests: ${words(p.interests)}.`,
  ];
  if (values.length) parts.push(`Values: ${words(values)}.`);
  if (p.travel_prefs.trip_intentions.length) parts.push(`Trips: ${words(p.travel_prefs.trip_intentions)}.`);
  if (diet) parts.push(`Diet: ${words([diet])}.`);
  if (p.travel_prefs.must_haves.length) parts.push(`Must haves: ${words(p.travel_prefs.must_haves)}.`);
  if (p.travel_prefs.transport_allowed.length) parts.push(`Transport: ${words(p.travel_prefs.transport_allowed)}.`);
  if (p.work.remote_work_ok) parts.push(`Remote work: ${p.work.hours_online_needed} hours online, ${p.work.wifi_quality_needed} wifi.`);
  const bio = scrubBio(p);
  if (bio) parts.push(`About: ${bio}`);
  return parts.join(' ');
}
