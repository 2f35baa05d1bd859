/**
 * Canonical vocabulary and the one normaliser every input goes through (SPEC §2.2).
 * Lookup keys are folded: lower-case, trimmed, and any run of spaces, hyphens or underscores
 * becomes one space, so "Old-Towns", "old_towns" and " old  towns " are the same word.
 */
import ISO6391 from 'iso-639-1';

export type Gender = 'male' | 'female' | 'non_binary' | 'other';
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

/** Longer than any vocabulary word: folded as-is, so that no normalisation runs on huge input. */
const MAX_KEY = 120;

export function foldKey(raw: string): string {
  if (raw.length > MAX_KEY) return raw;
  return raw.normalize('NFC').trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

function table(canonical: readonly string[], aliases: Record<string, string> = {}): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of canonical) m.set(foldKey(c), c);
  for (const [alias, c] of Object.entries(aliases)) {
    if (!canonical.includes(c)) throw new Error(`alias ${alias} → unknown ${c}`);
    m.set(foldKey(alias), c);
  }
  return m;
}

export const INTERESTS = [
  'mountains', 'lakes', 'beaches', 'museums', 'old towns', 'food tours', 'street food',
  'coffee crawls', 'scenic trains', 'short hikes', 'long hikes', 'nightlife', 'shopping',
  'photography', 'architecture', 'history', 'skiing', 'diving', 'sailing', 'cycling',
  'festivals', 'thermal baths', 'vineyards', 'wildlife', 'markets', 'street art',
  'rooftop views', 'bookstores', 'local crafts', 'castles', 'live music', 'yoga', 'chess',
  'vlogging', 'camping', 'road trips', 'theatre', 'surfing', 'kayaking', 'cooking classes',
] as const;

/** Original onboarding chips and common spellings. */
export const INTEREST_ALIASES: Record<string, string> = {
  'museum hopping': 'museums', museum: 'museums',
  'architecture walks': 'architecture',
  'history sites': 'history', 'historic sites': 'history',
  'city photography': 'photography',
  'mountain hiking': 'mountains', mountain: 'mountains',
  'lake swims': 'lakes', lake: 'lakes',
  'beach days': 'beaches', beach: 'beaches',
  'old town': 'old towns', 'food tour': 'food tours', 'coffee crawl': 'coffee crawls',
  'scenic train': 'scenic trains', 'short hike': 'short hikes', 'long hike': 'long hikes',
  hiking: 'long hikes', 'day hikes': 'short hikes', festival: 'festivals',
  'thermal bath': 'thermal baths', 'hot springs': 'thermal baths', spa: 'thermal baths',
  vineyard: 'vineyards', 'wine tasting': 'vineyards', market: 'markets',
  'rooftop view': 'rooftop views', bookstore: 'bookstores', bookshops: 'bookstores',
  castle: 'castles', 'road trip': 'road trips', theater: 'theatre',
  'cooking class': 'cooking classes', concerts: 'live music', 'scuba diving': 'diving',
  'bike tours': 'cycling', biking: 'cycling', 'wildlife watching': 'wildlife',
};

export const VALUES = [
  'adventure', 'culture', 'nature', 'food', 'relaxation', 'learning', 'social', 'solo',
  'stability', 'family', 'budget_minded', 'luxury_taste', 'community', 'fitness',
  'spirituality', 'wellness',
] as const;

export const DIETS = [
  'none', 'vegetarian', 'vegan', 'halal', 'kosher', 'gluten_free', 'no_pork', 'lactose_free',
  'pescatarian',
] as const;

export const GENDERS: readonly Gender[] = ['male', 'female', 'non_binary', 'other'];
export const GENDER_ALIASES: Record<string, Gender> = {
  man: 'male', men: 'male', m: 'male', woman: 'female', women: 'female', f: 'female',
  nonbinary: 'non_binary', 'non binary': 'non_binary', nb: 'non_binary', enby: 'non_binary',
  'nonbinary travelers': 'non_binary',
};

export const PACES = ['relaxed', 'balanced', 'packed'] as const;
export const SPLIT_RULES = ['each_own', 'fifty_fifty', 'custom'] as const;
export const SMOKING = ['never', 'occasionally', 'regular'] as const;
export const ALCOHOL = ['none', 'light', 'moderate', 'heavy'] as const;
export const LEVELS = ['low', 'medium', 'high'] as const;
export const CHRONOTYPES = ['early_bird', 'flexible', 'night_owl'] as const;
export const WIFI = ['normal', 'good', 'excellent'] as const;
export const FAITH_POLICIES = ['open', 'prefer_same', 'same_only'] as const;
export const BANDS: readonly BudgetBand[] = ['budget', 'mid', 'lux'];

/** Travel preference vocabularies. SPEC §2.1 names the fields without listing values; these are ours. */
export const ACCOMMODATION_TYPES = [
  'hostel', 'hotel', 'apartment', 'guesthouse', 'homestay', 'campsite', 'boutique_hotel', 'resort',
] as const;
export const ROOM_SETUPS = ['separate_rooms', 'twin_room', 'shared_room', 'flexible'] as const;
export const TRANSPORT = ['train', 'bus', 'car', 'plane', 'ferry', 'bike', 'walking'] as const;
export const MUST_HAVES = [
  'wifi', 'private_bathroom', 'kitchen', 'air_conditioning', 'workspace', 'quiet_room',
  'laundry', 'parking', 'step_free_access',
] as const;
export const TRIP_INTENTIONS = [
  'city_break', 'nature_escape', 'culture_trip', 'food_trip', 'adventure_trip', 'beach_holiday',
  'festival_trip', 'road_trip', 'workation', 'slow_travel',
] as const;

export const DEALBREAKERS: readonly Dealbreaker[] = [
  'same_faith_required', 'no_smokers', 'no_smoking_roommates', 'no_heavy_drinkers',
  'min_2_shared_interests', 'min_3_shared_interests', 'no_zero_shared_values', 'same_chronotype',
];

/** The original onboarding's trip intentions and trip styles (§2.4). */
const TRIP_INTENTION_ALIASES: Record<string, string> = {
  'weekend city breaks': 'city_break', 'city sampler': 'city_break',
  'slow travel & cafes': 'slow_travel', 'country hopping adventure': 'adventure_trip',
  'ski or snow trips': 'adventure_trip', 'workation with good wifi': 'workation', 'co work week': 'workation',
  'food & culture deep dive': 'food_trip', 'outdoor & hiking focus': 'nature_escape',
  'hiking basecamp': 'nature_escape', 'beaches & warm weather': 'beach_holiday', 'island hop': 'beach_holiday',
  'festival/ events chasing': 'festival_trip', 'history & museums track': 'culture_trip',
  'road trips & scenic drives': 'road_trip',
};

/** The original's variants (§2.4) and everyday spellings, per field. */
const ENUM_ALIASES: Record<string, Record<string, string>> = {
  smoking: { 'non smoker': 'never', nonsmoker: 'never', no: 'never', occasional: 'occasionally', socially: 'occasionally', yes: 'regular', smoker: 'regular' },
  alcohol: { social: 'moderate', never: 'none', 'no alcohol': 'none', occasionally: 'light' },
  chronotype: { 'night owl': 'night_owl', 'early bird': 'early_bird', morning: 'early_bird', evening: 'night_owl' },
  split_rule: { '50/50': 'fifty_fifty', 'fifty fifty': 'fifty_fifty', split: 'fifty_fifty', 'each pays own': 'each_own', 'each pays their own': 'each_own', 'each own': 'each_own' },
  pace: { slow: 'relaxed', chill: 'relaxed', moderate: 'balanced', medium: 'balanced', fast: 'packed', intense: 'packed' },
  diet: { 'no restrictions': 'none', omnivore: 'none', 'gluten free': 'gluten_free', 'lactose free': 'lactose_free', 'no pork': 'no_pork', pescetarian: 'pescatarian' },
  policy: { 'prefer same': 'prefer_same', 'same only': 'same_only' },
  wifi_quality_needed: { basic: 'normal', fast: 'excellent', high: 'excellent' },
};

export const VOCAB = {
  interests: table(INTERESTS, INTEREST_ALIASES),
  values: table(VALUES, { 'budget minded': 'budget_minded', 'luxury taste': 'luxury_taste' }),
  diet: table(DIETS, ENUM_ALIASES.diet),
  gender: table(GENDERS, GENDER_ALIASES),
  genders_ok: table([...GENDERS, 'any'], { ...GENDER_ALIASES, anyone: 'any', all: 'any', "i'm open to travel with anyone": 'any' }),
  pace: table(PACES, ENUM_ALIASES.pace),
  split_rule: table(SPLIT_RULES, ENUM_ALIASES.split_rule),
  smoking: table(SMOKING, ENUM_ALIASES.smoking),
  alcohol: table(ALCOHOL, ENUM_ALIASES.alcohol),
  level: table(LEVELS),
  chronotype: table(CHRONOTYPES, ENUM_ALIASES.chronotype),
  wifi: table(WIFI, ENUM_ALIASES.wifi_quality_needed),
  policy: table(FAITH_POLICIES, ENUM_ALIASES.policy),
  accommodation_types: table(ACCOMMODATION_TYPES, { camping: 'campsite', 'boutique hotel': 'boutique_hotel', boutique: 'boutique_hotel', airbnb: 'apartment' }),
  room_setup: table(ROOM_SETUPS, { 'separate rooms': 'separate_rooms', twin: 'twin_room', shared: 'shared_room', either: 'flexible', '2 rooms': 'separate_rooms', 'two rooms': 'separate_rooms', double: 'shared_room', dorm: 'shared_room' }),
  transport_allowed: table(TRANSPORT, { trains: 'train', buses: 'bus', flight: 'plane', flights: 'plane', boat: 'ferry', cycling: 'bike', walk: 'walking' }),
  must_haves: table(MUST_HAVES, { 'wi fi': 'wifi', internet: 'wifi', ac: 'air_conditioning', desk: 'workspace', 'step free': 'step_free_access', 'private bath': 'private_bathroom' }),
  trip_intentions: table(TRIP_INTENTIONS, TRIP_INTENTION_ALIASES),
  dealbreakers: table(DEALBREAKERS, { prefer_same_chronotype: 'same_chronotype' }),
} as const;

export type VocabName = keyof typeof VOCAB;

/** Canonical value for `raw` in vocabulary `name`, or undefined when it is not a known word. */
export function normalize(name: VocabName, raw: string): string | undefined {
  return VOCAB[name].get(foldKey(raw));
}

// ---- Languages: ISO 639-1 codes; English and native names map to codes. ----

const LANGUAGE_ALIASES: Record<string, string> = {
  farsi: 'fa', persian: 'fa', mandarin: 'zh', cantonese: 'zh', chinese: 'zh', deutsch: 'de',
  español: 'es', espanol: 'es', castellano: 'es', français: 'fr', francais: 'fr',
  português: 'pt', portugues: 'pt', italiano: 'it', nederlands: 'nl', flemish: 'nl',
  türkçe: 'tr', turkce: 'tr', hindi: 'hi', urdu: 'ur', swahili: 'sw', tagalog: 'tl',
  filipino: 'tl', greek: 'el', ελληνικά: 'el', русский: 'ru', 'bahasa indonesia': 'id',
  indonesian: 'id', malay: 'ms', 'bahasa melayu': 'ms', norwegian: 'no', polski: 'pl',
  svenska: 'sv', dansk: 'da', suomi: 'fi', 日本語: 'ja', 한국어: 'ko', 中文: 'zh',
};

const languageTable: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const code of ISO6391.getAllCodes()) {
    m.set(code, code);
    m.set(foldKey(ISO6391.getName(code)), code);
    m.set(foldKey(ISO6391.getNativeName(code)), code);
  }
  for (const [alias, code] of Object.entries(LANGUAGE_ALIASES)) m.set(foldKey(alias), code);
  return m;
})();

export function normalizeLanguage(raw: string): string | undefined {
  return languageTable.get(foldKey(raw));
}

/** English display name of an ISO 639-1 code ("de" → "German"). */
export function languageName(code: string): string {
  return ISO6391.getName(code) || code;
}

// ---- Currencies: a static rate table to EUR (SPEC §2.3, §3 rule 5). ----

/** Units of EUR per one unit of the currency. Static on purpose: the pool must be reproducible. */
export const EUR_PER_UNIT: Record<string, number> = {
  EUR: 1, USD: 0.92, GBP: 1.17, CHF: 1.04, JPY: 0.0062, CNY: 0.127, INR: 0.011, BRL: 0.17,
  MXN: 0.05, CAD: 0.68, AUD: 0.6, NZD: 0.55, SEK: 0.087, NOK: 0.086, DKK: 0.134, PLN: 0.23,
  CZK: 0.04, HUF: 0.0025, TRY: 0.028, ZAR: 0.05, KRW: 0.00068, THB: 0.026, IDR: 0.000058,
  VND: 0.000037, PHP: 0.016, EGP: 0.019, MAD: 0.092, KES: 0.0071, NGN: 0.00062, ARS: 0.001,
  CLP: 0.00098, COP: 0.00023, PEN: 0.25, AED: 0.25, ILS: 0.25, SGD: 0.68, IRR: 0.000022,
  PKR: 0.0033, RON: 0.2,
};

export function toEur(amount: number, currency: string): number {
  const rate = EUR_PER_UNIT[currency];
  return rate === undefined ? NaN : amount * rate;
}

/** Where the budget bands end, in EUR a day (SPEC §3 rule 5): `budget` up to, `lux` from. */
export const BAND_EUR = { budget: 90, lux: 180 } as const;

/** Budget band of a daily amount (SPEC §3 rule 5): ≤ 90 EUR budget, ≥ 180 EUR lux, else mid. */
export function budgetBand(amount: number, currency: string): BudgetBand {
  const eur = toEur(amount, currency);
  return eur <= BAND_EUR.budget ? 'budget' : eur >= BAND_EUR.lux ? 'lux' : 'mid';
}

/** "food tours" → "Food Tours", "budget_minded" → "Budget Minded". */
export function titleCase(word: string): string {
  return word.replace(/_/g, ' ').replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}
