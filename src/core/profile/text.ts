/**
 * The profile text that is embedded (SPEC §4): one template for the query and every
 * candidate, so matching is symmetric. It carries pace, budget band, interests, values, trip
 * intentions, diet, must-haves, transport, remote-work needs and the bio — and never name, age,
 * gender, faith, city, country or id. The bio is free text, so the person's own name, city,
 * country and religion, any email address and any faith word are scrubbed from it first.
 */
import { EMAIL, FAITH_WORDS, termsPattern } from '../privacy/words';
import type { Profile } from './types';
import { budgetBand } from './vocab';

/** Bump when the template changes: pool embeddings built with another version are refused. */
export const PROFILE_TEXT_VERSION = 1;

const words = (list: readonly string[]) => list.map((w) => w.replace(/_/g, ' ')).join(', ');

export function scrubBio(p: Profile): string {
  let bio = p.bio.replace(EMAIL, ' ');
  const own = termsPattern([...p.name.split(/\s+/), p.home_base.city, p.home_base.country, p.faith.religion]);
  if (own) bio = bio.replace(own, ' ');
  bio = bio.replace(new RegExp(FAITH_WORDS.source, 'gi'), ' ');
  return bio.replace(/\s+/g, ' ').trim();
}

export function profileText(p: Profile): string {
  const parts = [
    `Pace: ${p.travel_prefs.pace}.`,
    `Budget: ${budgetBand(p.budget.amount, p.budget.currency)}.`,
    `Interests: ${words(p.interests)}.`,
  ];
  if (p.values.length) parts.push(`Values: ${words(p.values)}.`);
  if (p.travel_prefs.trip_intentions.length) parts.push(`Trips: ${words(p.travel_prefs.trip_intentions)}.`);
  if (p.diet_health.diet !== 'none') parts.push(`Diet: ${words([p.diet_health.diet])}.`);
  if (p.travel_prefs.must_haves.length) parts.push(`Must haves: ${words(p.travel_prefs.must_haves)}.`);
  if (p.travel_prefs.transport_allowed.length) parts.push(`Transport: ${words(p.travel_prefs.transport_allowed)}.`);
  if (p.work.remote_work_ok) parts.push(`Remote work: ${p.work.hours_online_needed} hours online, ${p.work.wifi_quality_needed} wifi.`);
  const bio = scrubBio(p);
  if (bio) parts.push(`About: ${bio}`);
  return parts.join(' ');
}
