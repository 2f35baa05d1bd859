/**
 * What the stage timeline shows for a search result (issue 15, "honest timings"), as plain rows:
 * pure, no DOM, so the rules are tested without a browser (StageTimeline.svelte renders them).
 *
 * - Every stage of the first answer that ran, with its time and what did it (the embedding model
 *   and backend, the heuristic, the template); a stage that did not run says "skipped" and why,
 *   never "0.00 ms"; an empty search (nobody passed the hard filters) shows only what ran.
 * - The total is the sum of the rows shown: what the stages do not account for (preparing the
 *   query, the waits between stages) is a row of its own, "Other", when it is over 0.05 ms.
 * - Each model link the ranking chain tried, after the first answer, with its time, succeeded or
 *   failed (not in the total: the first answer was on screen while they worked).
 */
import type { ChainStep, StepStatus } from '../core/rank/ranker';
import type { SearchResult, StageName, Timings } from '../core/result';
import { engineLabel, fmtDuration } from './format';

/** Differences under this (ms) are rounding, not time spent: no "Other" row. */
export const OTHER_MIN_MS = 0.05;

export interface StageRow {
  kind: 'stage';
  /** The stage (`data-stage`); `embed_load_wait`: the first search waiting for the embedding model. */
  stage: StageName | 'embed_load_wait';
  label: string;
  /** Time it took; 0 when skipped. */
  ms: number;
  skipped: boolean;
  /** What did it (`data-engine`): the embedding model id, `heuristic`, `template`; null: the rules. */
  engine: string | null;
  /** `engine` in words ("m/x on wasm", "heuristic"); null when there is nothing to name. */
  by: string | null;
  /** The time, or "skipped — <reason>". */
  text: string;
  /** A remark: e.g. the order shown now comes from a model engine. */
  note: string | null;
}

export interface OtherRow {
  kind: 'other';
  label: string;
  ms: number;
  text: string;
}

export interface TotalRow {
  kind: 'total';
  label: string;
  ms: number;
  text: string;
}

/** One model link the ranking chain tried (skipped links are not attempts: the device panel lists them). */
export interface AttemptRow {
  kind: 'attempt';
  engine: string;
  model: string | null;
  status: Exclude<StepStatus, 'skipped'>;
  /** Time the attempt took, load included; null when not recorded. */
  ms: number | null;
  loadMs: number | null;
  /** "web-llm — failed after 730 ms", "transformers.js — loaded in 13 s, ranked in 5.6 s". */
  text: string;
  /** Why it failed (or what it did), as the chain recorded it. */
  reason: string;
  /** Its order is the one on screen. */
  shown: boolean;
}

export interface Timeline {
  stages: StageRow[];
  other: OtherRow | null;
  total: TotalRow;
  attempts: AttemptRow[];
  /** The largest time among the stage rows and the total: the bars' 100 %. */
  scale: number;
}

/** What the timeline needs of a search result (the timings alone still give the stage rows). */
export type TimelineInput = Pick<SearchResult, 'timings_ms'> & Partial<Pick<SearchResult, 'skipped_stages' | 'skipped_reasons' | 'similarity' | 'engine' | 'ranking' | 'results' | 'funnel'>>;

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

const DEFAULT_REASONS: Partial<Record<StageName, string>> = {
  embed: 'no similarity: rule-only shortlist',
  shortlist: 'no candidates passed the hard filters',
  rank: 'no candidates to rank',
  explain: 'no candidates to rank',
};

/**
 * Which stages did not run: as the result says (or, from the timings alone, an embedding that
 * took no time), and the stages after the hard filters when nobody passed them.
 */
function skippedStages(r: TimelineInput): Set<StageName> {
  const s = new Set<StageName>(r.skipped_stages ?? (r.timings_ms.embed === 0 ? ['embed'] : []));
  if (r.funnel && r.funnel.hard === 0) s.add('shortlist');
  if (r.funnel && r.funnel.ranked === 0) (s.add('rank'), s.add('explain'));
  return s;
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** Who wrote the sentences on screen, when a model wrote any: "web-llm", or "web-llm (3) and template (2)". */
function modelWriters(r: TimelineInput): string | null {
  const counts = new Map<string, number>();
  for (const m of r.results ?? []) counts.set(m.explanation_engine, (counts.get(m.explanation_engine) ?? 0) + 1);
  if (counts.size === 0 || (counts.size === 1 && counts.has('template'))) return null;
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  return sorted.length === 1 ? engineLabel(sorted[0][0]) : list(sorted.map(([e, n]) => `${engineLabel(e)} (${n})`));
}

function stageRow(stage: StageRow['stage'], label: string, ms: number, skipped: string | null, engine: string | null, by: string | null, note: string | null = null): StageRow {
  return skipped !== null
    ? { kind: 'stage', stage, label, ms: 0, skipped: true, engine: null, by: null, text: `skipped — ${skipped}`, note: null }
    : { kind: 'stage', stage, label, ms, skipped: false, engine, by, text: fmtDuration(ms), note };
}

/** The words of one attempt: "failed after 730 ms", "loaded in 13 s, ranked and explained in 5.6 s". */
function attemptText(step: ChainStep, r: TimelineInput): string {
  const name = engineLabel(step.engine);
  const ms = step.ms ?? null;
  if (step.status !== 'used') return ms === null ? `${name} — ${step.status}` : `${name} — ${step.status} after ${fmtDuration(ms)}`;
  if (ms === null) return `${name} — used`;
  const load = step.load_ms ?? 0;
  const parts: string[] = [];
  if (load >= 0.5) parts.push(`loaded in ${fmtDuration(load)}`);
  const work = fmtDuration(Math.max(0, ms - load));
  if (r.ranking?.partial) parts.push(`ranked in ${work}; explanations still being written`);
  else if (r.ranking?.stats?.engine === step.engine && r.ranking.stats.explanation) parts.push(`ranked and explained in ${work}`);
  else parts.push(`ranked in ${work}`);
  return `${name} — ${parts.join(', ')}`;
}

/** The timeline's rows for a search result. */
export function timelineRows(r: TimelineInput): Timeline {
  const t: Timings = r.timings_ms;
  const skipped = skippedStages(r);
  const reason = (s: StageName) => (skipped.has(s) ? (r.skipped_reasons?.[s] ?? DEFAULT_REASONS[s] ?? 'did not run') : null);
  const engine = r.engine ?? 'heuristic';

  // An empty search (nobody passed the hard filters) shows only the stages that ran.
  const empty = r.funnel !== undefined && (r.funnel.hard === 0 || r.funnel.ranked === 0);
  const stages: StageRow[] = [];
  const add = (row: StageRow) => {
    if (!(row.skipped && empty)) stages.push(row);
  };

  add(stageRow('validate', 'Validation', t.validate, null, null, null));
  add(stageRow('hard', 'Hard filters', t.hard, null, null, null));
  const sim = r.similarity ?? null;
  add(stageRow('embed', 'Query embedding', t.embed, reason('embed'), sim?.model ?? null, sim ? `${sim.model} on ${sim.backend}` : null));
  if (t.embed_load_wait > 0) {
    add(stageRow('embed_load_wait', 'Waiting for the embedding model to load', t.embed_load_wait, null, sim?.model ?? null, sim?.model ?? null, 'first search only'));
  }
  add(stageRow('shortlist', 'Shortlist', t.shortlist, reason('shortlist'), null, sim ? 'similarity + rules' : 'rules only'));
  add(stageRow('rank', 'Ranking', t.rank, reason('rank'), 'heuristic', 'heuristic',
    engine !== 'heuristic' ? `the first answer's order; the order shown is ${engineLabel(engine)}'s (below)` : null));
  const writers = modelWriters(r);
  add(stageRow('explain', 'Explanations', t.explain, reason('explain'), 'template', 'template',
    writers ? `the first answer's sentences; those shown are by ${writers}` : null));

  const shown = stages.reduce((sum, row) => sum + row.ms, 0);
  const rest = round3(t.total - shown);
  const other: OtherRow | null = rest > OTHER_MIN_MS
    ? { kind: 'other', label: 'Other (between the stages: preparing the query, scheduling)', ms: rest, text: fmtDuration(rest) }
    : null;

  const attempts: AttemptRow[] = (r.ranking?.chain ?? [])
    .filter((s): s is ChainStep & { status: AttemptRow['status'] } => s.status !== 'skipped' && s.engine !== 'heuristic')
    .map((s) => ({
      kind: 'attempt', engine: s.engine, model: s.model, status: s.status, ms: s.ms ?? null, loadMs: s.load_ms ?? null,
      text: attemptText(s, r), reason: s.reason, shown: s.status === 'used' && s.engine === engine,
    }));

  const total: TotalRow = {
    kind: 'total', label: attempts.length > 0 || r.ranking?.partial ? 'Total (to the first answer)' : 'Total', ms: t.total, text: fmtDuration(t.total),
  };
  const scale = Math.max(t.total, ...stages.map((s) => s.ms), other?.ms ?? 0, 1e-6);
  return { stages, other, total, attempts, scale };
}
