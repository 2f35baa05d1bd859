/** Test profile builder: a valid canonical profile with deep overrides. */
import type { Profile } from '../../src/core/profile/types';
import { validateProfile } from '../../src/core/profile/validate';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] | null ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

export const BASE: Profile = {
  id: 'c_base',
  name: 'Base Person',
  age: 30,
  gender: 'female',
  home_base: { city: 'Lyon', country: 'France' },
  languages: ['en', 'fr'],
  interests: ['museums', 'old towns', 'food tours', 'photography'],
  values: ['culture', 'food'],
  bio: 'Loves slow mornings and museums.',
  budget: { amount: 120, currency: 'EUR', split_rule: 'each_own' },
  travel_prefs: { pace: 'balanced', accommodation_types: ['hotel'], room_setup: 'separate_rooms', transport_allowed: ['train'], must_haves: ['wifi'], trip_intentions: ['city_break'] },
  diet_health: { diet: 'none', allergies: [], accessibility: '' },
  comfort: { smoking: 'never', alcohol: 'light', risk_tolerance: 'medium', noise_tolerance: 'medium', cleanliness_preference: 'medium', chronotype: 'flexible' },
  work: { remote_work_ok: false, hours_online_needed: 0, wifi_quality_needed: 'normal' },
  companion: { genders_ok: ['any'], age_range: null, min_shared_languages: 1, same_pace: false, dealbreakers: [], blocklist: [] },
  faith: { consider_in_matching: false, religion: '', policy: 'open' },
  privacy: { show_home_city: true },
};

function merge<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out as T;
}

export function profile(over: DeepPartial<Profile> = {}): Profile {
  const v = validateProfile(merge(BASE, over));
  if (!v.ok) throw new Error(`test profile invalid: ${v.problems.map((p) => p.message).join('; ')}`);
  return v.profile;
}
