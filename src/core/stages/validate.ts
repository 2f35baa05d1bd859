/** The validate stage (SPEC §2.1): any JSON value as a query profile, or every problem. */
import { type Failure, failure } from '../outcome';
import type { Profile } from '../profile/types';
import { validateProfile } from '../profile/validate';

export function validateQuery(input: unknown): { ok: true; profile: Profile } | { ok: false; error: Failure } {
  const validated = validateProfile(input);
  if (validated.ok) return validated;
  return { ok: false, error: failure('invalid_profile', { problems: validated.problems }, { problems: validated.problems }) };
}
