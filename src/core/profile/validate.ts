/**
 * Profile validation and normalisation (SPEC §2.1, §2.2).
 *
 * `validateProfile(anyJsonValue)` never throws: it returns either the canonical profile or
 * every problem found, each as `{path, code, message}` with a message that names the field and
 * the rule ("age: must be a whole number from 18 to 99"). The rules, defaults and limits are the
 * profile schema's (schema.ts, built from the field kinds in fields.ts); zod walks the structure
 * and collects the problems. Before that, the whole value is scanned for prototype-pollution keys
 * and absurd nesting.
 */
import type * as z from 'zod';
import { textLength } from './fields';
import { LIST_LIMITS, TEXT_LIMITS, profileSchema } from './schema';
import type { Problem, ProblemCode, Profile } from './types';

export { LIST_LIMITS, TEXT_LIMITS, textLength };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
const MAX_KEYS_SCANNED = 100_000;

/**
 * Keys that could pollute prototypes, and nesting deeper than any profile has, anywhere in a
 * value: every input format (canonical profiles, the original's records and queries) refuses them.
 */
export function scanKeys(value: unknown): Problem[] {
  const problems: Problem[] = [];
  let scanned = 0;
  const walk = (v: unknown, path: string[], depth: number): void => {
    if (v === null || typeof v !== 'object' || problems.length >= 20 || scanned > MAX_KEYS_SCANNED) return;
    if (depth > MAX_DEPTH) {
      problems.push({ path: path.join('.') || '(root)', code: 'too_deep', message: `${path.join('.') || 'profile'}: nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    for (const key of Object.keys(v)) {
      if (++scanned > MAX_KEYS_SCANNED) {
        problems.push({ path: '(root)', code: 'too_many', message: `profile: more than ${MAX_KEYS_SCANNED} keys in all; not read further` });
        return;
      }
      const p = [...path, key];
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: p.join('.'), code: 'forbidden_key', message: `${p.join('.')}: this key is not allowed` });
        continue;
      }
      walk((v as Record<string, unknown>)[key], p, depth + 1);
    }
  };
  walk(value, [], 0);
  return problems;
}

export type Validated = { ok: true; profile: Profile } | { ok: false; problems: Problem[] };

const ZOD_CODE: Partial<Record<string, ProblemCode>> = { invalid_type: 'invalid_type' };

function toProblem(iss: z.core.$ZodIssue): Problem {
  const path = iss.path.map(String).join('.');
  const params = (iss as { params?: { code?: ProblemCode } }).params;
  const code: ProblemCode = params?.code ?? ZOD_CODE[iss.code] ?? 'invalid_type';
  return { path: path || '(root)', code: iss.message === 'is required' ? 'required' : code, message: `${path || 'profile'}: ${iss.message}` };
}

/** Validate and normalise any JSON value into a canonical profile. Never throws. */
export function validateProfile(input: unknown): Validated {
  try {
    const keyProblems = scanKeys(input);
    if (keyProblems.some((p) => p.code === 'too_deep' || (p.code === 'too_many' && p.path === '(root)'))) return { ok: false, problems: keyProblems };
    const parsed = profileSchema.safeParse(input);
    const problems = [...keyProblems, ...(parsed.success ? [] : parsed.error.issues.map(toProblem))];
    if (problems.length > 0 || !parsed.success) return { ok: false, problems };
    return { ok: true, profile: parsed.data };
  } catch (e) {
    return { ok: false, problems: [{ path: '(root)', code: 'invalid_type', message: `profile: could not be read (${e instanceof Error ? e.name : 'error'})` }] };
  }
}
