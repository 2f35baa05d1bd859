/**
 * Profile validation and normalisation (SPEC §2.1, §2.2).
 *
 * `validateProfile(anyJsonValue)` never throws: it returns either the canonical profile or
 * every problem found, each as `{path, code, message}`: the path and code for programs, and a
 * message for people that starts with the field's label and says what to do, in plain words
 * ("Age: enter a whole number from 18 to 99."; problems.ts). The rules, defaults and limits are the
 * profile schema's (schema.ts, built from the field kinds in fields.ts); zod walks the structure
 * and collects the problems. Before that, the whole value is scanned for prototype-pollution keys
 * and absurd nesting.
 */
import type * as z from 'zod';
import { textLength } from './fields';
import { ADVICE, PROFILE_LABEL, problemMessage } from './problems';
import { LIST_LIMITS, TEXT_LIMITS, labelOf, profileSchema } from './schema';
import type { Problem, ProblemCode, Profile } from './types';

export { LIST_LIMITS, TEXT_LIMITS, labelOf, textLength };

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
      const at = path.join('.') || '(root)';
      problems.push({ path: at, code: 'too_deep', message: problemMessage(labelOf(at), ADVICE.tooDeep(MAX_DEPTH)) });
      return;
    }
    for (const key of Object.keys(v)) {
      if (++scanned > MAX_KEYS_SCANNED) {
        problems.push({ path: '(root)', code: 'too_many', message: problemMessage(PROFILE_LABEL, ADVICE.tooManyKeys(MAX_KEYS_SCANNED)) });
        return;
      }
      const p = [...path, key];
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: p.join('.'), code: 'forbidden_key', message: problemMessage(labelOf(path.join('.')), ADVICE.forbiddenKey(key)) });
        continue;
      }
      walk((v as Record<string, unknown>)[key], p, depth + 1);
    }
  };
  walk(value, [], 0);
  return problems;
}

export type Validated = { ok: true; profile: Profile } | { ok: false; problems: Problem[] };

/**
 * A zod issue as a problem. Every check of the schema reports its own code and message (fields.ts);
 * an issue without them (none is expected) still gets a plain message under its field's label.
 */
function toProblem(iss: z.core.$ZodIssue): Problem {
  const path = iss.path.map(String).join('.') || '(root)';
  const params = (iss as { params?: { code?: ProblemCode } }).params;
  if (params?.code) return { path, code: params.code, message: iss.message };
  return { path, code: 'invalid_type', message: problemMessage(labelOf(path), ADVICE.unreadable) };
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
    return { ok: false, problems: [{ path: '(root)', code: 'invalid_type', message: problemMessage(PROFILE_LABEL, `${ADVICE.unreadable} (${e instanceof Error ? e.name : 'error'})`) }] };
  }
}
