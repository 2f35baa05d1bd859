/** Canonical profile (SPEC §2.1). snake_case, exactly as stored and exchanged. */

export type Gender = 'male' | 'female' | 'non_binary' | 'other';
export type Pace = 'relaxed' | 'balanced' | 'packed';
export type SplitRule = 'each_own' | 'fifty_fifty' | 'custom';
export type Smoking = 'never' | 'occasionally' | 'regular';
export type Alcohol = 'none' | 'light' | 'moderate' | 'heavy';
export type Level = 'low' | 'medium' | 'high';
export type Chronotype = 'early_bird' | 'flexible' | 'night_owl';
export type Wifi = 'normal' | 'good' | 'excellent';
export type FaithPolicy = 'open' | 'prefer_same' | 'same_only';
export type BudgetBand = 'budget' | 'mid' | 'lux';

export type Dealbreaker =
  | 'same_faith_required'
  | 'no_smokers'
  | 'no_smoking_roommates'
  | 'no_heavy_drinkers'
  | 'min_2_shared_interests'
  | 'min_3_shared_interests'
  | 'no_zero_shared_values'
  | 'same_chronotype';

export interface Profile {
  id: string;
  name: string;
  age: number;
  gender: Gender;
  home_base: { city: string; country: string };
  languages: string[];
  interests: string[];
  values: string[];
  bio: string;
  budget: { amount: number; currency: string; split_rule: SplitRule };
  travel_prefs: {
    pace: Pace;
    accommodation_types: string[];
    room_setup: string;
    transport_allowed: string[];
    must_haves: string[];
    trip_intentions: string[];
  };
  diet_health: { diet: string; allergies: string[]; accessibility: string };
  comfort: {
    smoking: Smoking;
    alcohol: Alcohol;
    risk_tolerance: Level;
    noise_tolerance: Level;
    cleanliness_preference: Level;
    chronotype: Chronotype;
  };
  work: { remote_work_ok: boolean; hours_online_needed: number; wifi_quality_needed: Wifi };
  companion: {
    genders_ok: (Gender | 'any')[];
    age_range: [number, number] | null;
    min_shared_languages: number;
    same_pace: boolean;
    dealbreakers: Dealbreaker[];
    blocklist: string[];
  };
  faith: { consider_in_matching: boolean; religion: string; policy: FaithPolicy };
  privacy: { show_home_city: boolean };
}

/** One validation problem (SPEC §2.1): every problem is reported, never only the first. */
export interface Problem {
  path: string;
  code: ProblemCode;
  message: string;
}

export type ProblemCode =
  | 'required'
  | 'invalid_type'
  | 'out_of_range'
  | 'too_long'
  | 'too_short'
  | 'too_many'
  | 'too_few'
  | 'unknown_value'
  | 'not_integer'
  | 'forbidden_key'
  | 'too_deep'
  | 'invalid_format'
  // reading the text (src/core/util/json.ts): not JSON or not UTF-8 (path ""), a key given twice
  | 'invalid_json'
  | 'not_utf8'
  | 'duplicate_key';
