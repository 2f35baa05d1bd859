/**
 * Generated pools in the original RoverMitra format (SPEC §2.4): the seeded canonical profiles
 * (generate.ts) written back as the original's `users.json` and `matchmaker.json` records, with
 * made-up e-mail addresses. For the tests and the performance suite of the import (the CLI's
 * `--users/--matchmaker`, the page's "Your RoverMitra data"): importing them gives back the same
 * candidates (their ids are the hashed e-mails).
 */
import type { Profile } from '../../src/core/profile/types';
import { generatePool } from './generate';

export const originalEmail = (i: number) => `traveller.${i}@pool.rovermitra.example`;

export function originalUser(p: Profile, i: number): Record<string, unknown> {
  const [firstName, ...rest] = p.name.split(' ');
  return {
    user_id: `user_${i}`,
    email: originalEmail(i),
    firstName,
    lastName: rest.join(' '),
    name: p.name,
    age: p.age,
    gender: p.gender,
    home_base: { city: p.home_base.city, country: p.home_base.country },
    languages: p.languages,
    interests: p.interests,
    values: p.values,
    bio: p.bio,
    budget: { type: 'per_day', amount: p.budget.amount, currency: 'EUR', split_rule: p.budget.split_rule },
    diet_health: p.diet_health,
    comfort: p.comfort,
    work: p.work,
    travel_prefs: {
      pace: p.travel_prefs.pace,
      accommodation_types: p.travel_prefs.accommodation_types,
      room_setup: p.travel_prefs.room_setup,
      transport_allowed: p.travel_prefs.transport_allowed,
      must_haves: p.travel_prefs.must_haves,
    },
    trip_intentions: p.travel_prefs.trip_intentions,
    faith: p.faith,
  };
}

export function originalMatchmaker(p: Profile, i: number): Record<string, unknown> {
  return {
    match_profile_id: `mm_${i}`,
    email: originalEmail(i),
    status: 'active',
    visibility: { show_home_city: p.privacy.show_home_city },
    preferred_companion: { genders: p.companion.genders_ok, age_range: p.companion.age_range },
    hard_dealbreakers: p.companion.dealbreakers,
    soft_preferences: { prefer_same_pace: p.companion.same_pace ? 'prefer_same' : 'no_preference' },
    language_policy: { min_shared_languages: p.companion.min_shared_languages },
  };
}

/** `count` seeded profiles as the original's two files (JSON text). */
export function originalPool(count: number, seed: number): { users: string; matchmaker: string } {
  const users: string[] = [];
  const mms: string[] = [];
  let i = 0;
  for (const p of generatePool(count, seed)) {
    users.push(JSON.stringify(originalUser(p, i)));
    mms.push(JSON.stringify(originalMatchmaker(p, i)));
    i++;
  }
  return { users: `[\n${users.join(',\n')}\n]\n`, matchmaker: `[\n${mms.join(',\n')}\n]\n` };
}
