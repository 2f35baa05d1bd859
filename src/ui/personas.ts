/**
 * Persona presets (SPEC §8): complete canonical profiles that fill the form in one click.
 * Diverse on purpose — ages from the 20s to the 60s, genders, languages, currencies and budget
 * bands, paces, diets — and each one finds matches in the generated 10 000 pool (seed 77).
 * Faith is set privately for one persona; it is only used by the matching rules, never shown.
 */
import type { Profile } from '../core/profile/types';

export interface Persona {
  id: string;
  /** Short description on the preset button. */
  tagline: string;
  profile: Profile;
}

const noFaith = { consider_in_matching: false, religion: '', policy: 'open' } as const;

export const PERSONAS: readonly Persona[] = [
  {
    id: 'u_persona_1',
    tagline: 'Berlin hiker, 29 · EUR mid · vegetarian',
    profile: {
      id: 'u_persona_1',
      name: 'Lena Hoffmann',
      age: 29,
      gender: 'female',
      home_base: { city: 'Berlin', country: 'Germany' },
      languages: ['de', 'en'],
      interests: ['long hikes', 'mountains', 'lakes', 'photography', 'coffee crawls', 'scenic trains', 'old towns'],
      values: ['nature', 'adventure', 'culture'],
      bio: 'Weekend hiker who loves early trains into the Alps, lake swims and a good flat white afterwards.',
      budget: { amount: 110, currency: 'EUR', split_rule: 'fifty_fifty' },
      travel_prefs: {
        pace: 'balanced',
        accommodation_types: ['guesthouse', 'hostel'],
        room_setup: 'twin_room',
        transport_allowed: ['train', 'bus', 'walking'],
        must_haves: ['wifi'],
        trip_intentions: ['nature_escape', 'city_break'],
      },
      diet_health: { diet: 'vegetarian', allergies: [], accessibility: '' },
      comfort: {
        smoking: 'never', alcohol: 'light', risk_tolerance: 'medium', noise_tolerance: 'medium',
        cleanliness_preference: 'high', chronotype: 'early_bird',
      },
      work: { remote_work_ok: false, hours_online_needed: 0, wifi_quality_needed: 'normal' },
      companion: {
        genders_ok: ['any'], age_range: [24, 38], min_shared_languages: 1, same_pace: false,
        dealbreakers: ['no_smokers'], blocklist: [],
      },
      faith: { ...noFaith },
      privacy: { show_home_city: true },
    },
  },
  {
    id: 'u_persona_2',
    tagline: 'Remote worker, 34 · USD budget · beaches',
    profile: {
      id: 'u_persona_2',
      name: 'Mateo García',
      age: 34,
      gender: 'male',
      home_base: { city: 'Valencia', country: 'Spain' },
      languages: ['en', 'es'],
      interests: ['beaches', 'surfing', 'street food', 'nightlife', 'live music', 'festivals', 'sailing', 'markets'],
      values: ['social', 'adventure', 'food'],
      bio: 'Product designer working remotely; I like surf mornings, laptop afternoons and street food at night.',
      budget: { amount: 85, currency: 'USD', split_rule: 'each_own' },
      travel_prefs: {
        pace: 'packed',
        accommodation_types: ['apartment', 'hostel'],
        room_setup: 'separate_rooms',
        transport_allowed: ['plane', 'bus', 'ferry'],
        must_haves: ['wifi', 'workspace'],
        trip_intentions: ['workation', 'beach_holiday'],
      },
      diet_health: { diet: 'none', allergies: [], accessibility: '' },
      comfort: {
        smoking: 'occasionally', alcohol: 'moderate', risk_tolerance: 'high', noise_tolerance: 'high',
        cleanliness_preference: 'medium', chronotype: 'night_owl',
      },
      work: { remote_work_ok: true, hours_online_needed: 5, wifi_quality_needed: 'excellent' },
      companion: {
        genders_ok: ['any'], age_range: [25, 45], min_shared_languages: 1, same_pace: false,
        dealbreakers: ['min_2_shared_interests'], blocklist: [],
      },
      faith: { ...noFaith },
      privacy: { show_home_city: true },
    },
  },
  {
    id: 'u_persona_3',
    tagline: 'Museum lover, 46 · CAD mid · halal',
    profile: {
      id: 'u_persona_3',
      name: 'Shirin Tehrani',
      age: 46,
      gender: 'female',
      home_base: { city: 'Toronto', country: 'Canada' },
      languages: ['en', 'fa'],
      interests: ['museums', 'history', 'architecture', 'old towns', 'bookstores', 'markets', 'cooking classes', 'thermal baths'],
      values: ['culture', 'learning', 'family'],
      bio: 'History teacher on sabbatical, happiest in old bazaars, small museums and long lunches.',
      budget: { amount: 160, currency: 'CAD', split_rule: 'each_own' },
      travel_prefs: {
        pace: 'relaxed',
        accommodation_types: ['hotel', 'boutique_hotel'],
        room_setup: 'separate_rooms',
        transport_allowed: ['train', 'plane', 'walking'],
        must_haves: ['private_bathroom', 'quiet_room'],
        trip_intentions: ['culture_trip', 'food_trip', 'slow_travel'],
      },
      diet_health: { diet: 'halal', allergies: [], accessibility: '' },
      comfort: {
        smoking: 'never', alcohol: 'none', risk_tolerance: 'low', noise_tolerance: 'low',
        cleanliness_preference: 'high', chronotype: 'early_bird',
      },
      work: { remote_work_ok: false, hours_online_needed: 0, wifi_quality_needed: 'normal' },
      companion: {
        genders_ok: ['female', 'non_binary'], age_range: [35, 60], min_shared_languages: 1, same_pace: false,
        dealbreakers: ['no_heavy_drinkers'], blocklist: [],
      },
      // Private: used by the matching rules and the faith bonus only; never shown or sent.
      faith: { consider_in_matching: true, religion: 'Muslim', policy: 'prefer_same' },
      privacy: { show_home_city: true },
    },
  },
  {
    id: 'u_persona_4',
    tagline: 'Yoga & vineyards, 58 · INR mid · slow',
    profile: {
      id: 'u_persona_4',
      name: 'Arjun Mehta',
      age: 58,
      gender: 'male',
      home_base: { city: 'Pune', country: 'India' },
      languages: ['en', 'hi'],
      interests: ['vineyards', 'scenic trains', 'castles', 'history', 'yoga', 'photography', 'rooftop views'],
      values: ['relaxation', 'culture', 'wellness'],
      bio: 'Retired engineer taking the slow route: morning yoga, scenic train rides and an unhurried dinner.',
      budget: { amount: 12000, currency: 'INR', split_rule: 'fifty_fifty' },
      travel_prefs: {
        pace: 'relaxed',
        accommodation_types: ['hotel', 'homestay'],
        room_setup: 'separate_rooms',
        transport_allowed: ['train', 'car'],
        must_haves: ['private_bathroom', 'air_conditioning'],
        trip_intentions: ['slow_travel', 'culture_trip'],
      },
      diet_health: { diet: 'vegetarian', allergies: ['peanuts'], accessibility: '' },
      comfort: {
        smoking: 'never', alcohol: 'none', risk_tolerance: 'low', noise_tolerance: 'low',
        cleanliness_preference: 'high', chronotype: 'early_bird',
      },
      work: { remote_work_ok: false, hours_online_needed: 0, wifi_quality_needed: 'normal' },
      companion: {
        genders_ok: ['any'], age_range: [45, 70], min_shared_languages: 1, same_pace: false,
        dealbreakers: ['no_smokers'], blocklist: [],
      },
      faith: { ...noFaith },
      privacy: { show_home_city: true },
    },
  },
  {
    id: 'u_persona_5',
    tagline: 'Street-art vlogger, 24 · JPY budget · city hidden',
    profile: {
      id: 'u_persona_5',
      name: 'Yuki Tanaka',
      age: 24,
      gender: 'non_binary',
      home_base: { city: 'Osaka', country: 'Japan' },
      languages: ['en', 'ja'],
      interests: ['street art', 'vlogging', 'live music', 'festivals', 'coffee crawls', 'bookstores', 'street food', 'nightlife'],
      values: ['social', 'learning', 'budget_minded'],
      bio: 'Films short city vlogs; always hunting murals, tiny record shops and late-night ramen.',
      budget: { amount: 9000, currency: 'JPY', split_rule: 'each_own' },
      travel_prefs: {
        pace: 'packed',
        accommodation_types: ['hostel', 'guesthouse'],
        room_setup: 'flexible',
        transport_allowed: ['train', 'bus', 'walking', 'bike'],
        must_haves: ['wifi'],
        trip_intentions: ['city_break', 'festival_trip'],
      },
      diet_health: { diet: 'pescatarian', allergies: [], accessibility: '' },
      comfort: {
        smoking: 'never', alcohol: 'light', risk_tolerance: 'medium', noise_tolerance: 'high',
        cleanliness_preference: 'medium', chronotype: 'night_owl',
      },
      work: { remote_work_ok: false, hours_online_needed: 1, wifi_quality_needed: 'good' },
      companion: {
        genders_ok: ['any'], age_range: [19, 32], min_shared_languages: 1, same_pace: false,
        dealbreakers: [], blocklist: [],
      },
      faith: { ...noFaith },
      privacy: { show_home_city: false },
    },
  },
];
