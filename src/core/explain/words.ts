/** How facts are written in explanations, shared by the template and the validator. */
import ISO6391 from 'iso-639-1';
import { INTERESTS, INTEREST_ALIASES, foldKey } from '../profile/vocab';

/**
 * How a shared diet is written. The diets `halal` and `kosher` are not here: they reveal faith
 * (privacy/faith.ts), so no explanation or prompt ever names them.
 */
export const DIET_WORDS: Record<string, string> = {
  vegetarian: 'vegetarian', vegan: 'vegan',
  gluten_free: 'gluten-free', no_pork: 'pork-free', lactose_free: 'lactose-free', pescatarian: 'pescatarian',
};
export const TRANSPORT_WORDS: Record<string, string> = {
  train: 'train', bus: 'bus', car: 'car', plane: 'plane', ferry: 'ferry', bike: 'bike', walking: 'walking',
};
export const MUST_HAVE_WORDS: Record<string, string> = {
  wifi: 'wifi', private_bathroom: 'a private bathroom', kitchen: 'a kitchen',
  air_conditioning: 'air conditioning', workspace: 'a workspace', quiet_room: 'a quiet room',
  laundry: 'laundry', parking: 'parking', step_free_access: 'step-free access',
};
export const REMOTE_PHRASE = 'remote work';
/**
 * How a shared value is written after "cares about". `spirituality` is not here: it reveals
 * faith. `budget_minded` and `luxury_taste` avoid the band words (budget, mid, lux), which the
 * validator reads as a budget band.
 */
export const VALUE_WORDS: Record<string, string> = {
  adventure: 'adventure', culture: 'culture', nature: 'nature', food: 'good food', relaxation: 'relaxation',
  learning: 'learning', social: 'meeting people', solo: 'time alone', stability: 'stability', family: 'family',
  budget_minded: 'spending wisely', luxury_taste: 'comfort', community: 'community', fitness: 'fitness', wellness: 'wellness',
};

/** English name of a language code, as written in explanations. */
export function languageWord(code: string): string {
  return ISO6391.getName(code) || code;
}

/** Phrase → canonical interest, for finding interests a sentence names (aliases included). */
export const INTEREST_PHRASES: [string, string][] = [
  ...INTERESTS.map((i) => [i, i] as [string, string]),
  ...Object.entries(INTEREST_ALIASES).map(([a, c]) => [foldKey(a), c] as [string, string]),
].sort((a, b) => b[0].length - a[0].length);

/** Language name (lower-case) → code, for finding languages a sentence names. */
export const LANGUAGE_PHRASES: [string, string][] = ISO6391.getAllCodes()
  .map((c) => [ISO6391.getName(c).toLowerCase(), c] as [string, string])
  .filter(([name]) => name.length > 2)
  .sort((a, b) => b[0].length - a[0].length);
