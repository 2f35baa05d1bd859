/**
 * One search over a packed pool, through the matcher (src/core/matcher.ts), settled: the final
 * result (the chain's, when model links ran), or the failure. For tests of what a search gives.
 */
import { Matcher, type MatcherDeps, type SearchOptions } from '../../src/core/matcher';
import { type Result, ok } from '../../src/core/outcome';
import type { PackedPool } from '../../src/core/pool/packed';
import type { SearchResult } from '../../src/core/result';
import { type StageOptions, type StagesRun, runStages } from '../../src/core/stages/pipeline';
import { validateQuery } from '../../src/core/stages/validate';

export async function search(pool: PackedPool, input: unknown, options: SearchOptions = {}, deps: MatcherDeps = {}): Promise<Result<SearchResult>> {
  const matcher = new Matcher(deps);
  matcher.usePool(pool);
  const answer = await matcher.search(input, options);
  if (!answer.ok) return answer;
  return ok((await matcher.settled(answer.value)) ?? answer.value.result);
}

/** The pure stages of a search for a valid query (stage 3's input included): what the model engines would be given. */
export function stagesFor(pool: PackedPool, input: unknown, options: StageOptions = {}): StagesRun {
  const validated = validateQuery(input);
  if (!validated.ok) throw new Error(validated.error.message);
  return runStages(pool, validated.profile, options);
}
