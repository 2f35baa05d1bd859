/**
 * Prompts for the language-model engines (SPEC §5). They carry only match-relevant facts: no
 * name, age, gender, faith, city or id — candidates are letters — and no value or diet that
 * reveals faith (`spirituality`, `halal`, `kosher`; privacy/faith.ts). Scoring asks for one
 * letter and reads the letters' probabilities; explanations are asked for as one JSON object
 * keyed by letter, `{"A": "For you, …"}` (compact: a cut-off answer keeps its complete entries).
 *
 * How much of each candidate a prompt carries is the `detail` setting: `full` (the default, what
 * a GPU user's model needs), `brief` (shared interests, pace and budget) or `minimal` (the first
 * shared interest, on one line, and one-line instructions) — the last keeps a ten-candidate
 * prompt to a few tens of tokens, for devices where every prompt token costs a second.
 */
import type { ExplainFacts } from '../explain/facts';
import { DIET_WORDS, MUST_HAVE_WORDS, TRANSPORT_WORDS, languageWord } from '../explain/words';
import { shareableDiet, shareableValues } from '../privacy/faith';
import type { ChatMessage } from './engine';

export const LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;

export interface QuerySummary {
  pace: string;
  band: string;
  interests: string[];
  values: string[];
  diet: string;
  transport: string[];
  remoteWork: boolean;
}

export interface CandidateSummary {
  label: string;
  facts: ExplainFacts;
  /** The candidate's interests that the query does not share (a few). */
  otherInterests: string[];
}

const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');

/** Generated tokens allowed per explanation by default (SPEC §10: ≤ 5 × 40). */
export const TOKENS_PER_EXPLANATION = 40;

export const RANK_DETAILS = ['full', 'brief', 'minimal'] as const;
export type RankDetail = (typeof RANK_DETAILS)[number];

/** How a diet is written in a prompt; null for none and for a diet that reveals faith. */
function dietWord(diet: string | null): string | null {
  const d = diet === null ? null : shareableDiet(diet);
  return d === null ? null : (DIET_WORDS[d] ?? d.replace(/_/g, ' '));
}

function candidateLine(c: CandidateSummary, detail: RankDetail): string {
  const f = c.facts;
  if (detail === 'minimal') return `${c.label}: ${f.sharedInterests[0] ?? '-'}`;
  if (detail === 'brief') return `${c.label}: shares ${list(f.sharedInterests)}; ${f.candidatePace} pace; ${f.candidateBand} budget`;
  const parts = [
    `shares ${list(f.sharedInterests)}`,
    c.otherInterests.length ? `also likes ${list(c.otherInterests)}` : '',
    `${f.candidatePace} pace`,
    `${f.candidateBand} budget`,
    f.sharedLanguages.length ? `speaks ${list(f.sharedLanguages.map(languageWord))} with you` : 'no shared language',
    dietWord(f.sameDiet) ? `same diet (${dietWord(f.sameDiet)})` : '',
    f.sharedTransport.length ? `both travel by ${list(f.sharedTransport.map((t) => TRANSPORT_WORDS[t]))}` : '',
    f.sharedMustHaves.length ? `both want ${list(f.sharedMustHaves.map((m) => MUST_HAVE_WORDS[m]))}` : '',
    f.remoteWork ? 'both work remotely' : '',
  ].filter(Boolean);
  return `${c.label}: ${parts.join('; ')}`;
}

function travellerLine(q: QuerySummary): string {
  const values = shareableValues(q.values);
  const diet = dietWord(q.diet);
  return [
    `pace ${q.pace}`, `budget ${q.band}`, `interests ${list(q.interests)}`,
    values.length ? `values ${list(values.map((v) => v.replace(/_/g, ' ')))}` : '',
    diet ? `diet ${diet}` : '',
    q.transport.length ? `travels by ${list(q.transport)}` : '',
    q.remoteWork ? 'works remotely' : '',
  ].filter(Boolean).join('; ');
}

export function scoringMessages(q: QuerySummary, candidates: CandidateSummary[], detail: RankDetail = 'full'): ChatMessage[] {
  if (detail === 'minimal') return [{ role: 'system', content: 'Pick the best match. One letter.' }, { role: 'user', content: candidates.map((c) => candidateLine(c, detail)).join('; ') }];
  const lines = candidates.map((c) => candidateLine(c, detail)).join('\n');
  return [
    { role: 'system', content: 'You match travel companions. Answer with one capital letter only.' },
    {
      role: 'user',
      content: `Traveller: ${travellerLine(q)}.\nCandidates:\n${lines}\nWhich candidate is the best travel companion for the traveller? Answer with the letter.`,
    },
  ];
}

export const EXPLANATION_RULES =
  'Each text is one sentence of 18 to 28 words that starts with "For you," and names the companion\'s pace word (relaxed, balanced or packed) and budget word (budget, mid or lux), at most two shared interests, and one shared language, diet, transport or remote work. Never mention faith, religion, age, gender or any city.';

/**
 * The explanations' JSON schema: one string per label, in order. `maxLength` bounds each text
 * (engines that cannot enforce it in their grammar enforce it themselves; see LogitTap).
 */
export function explanationSchema(labels: readonly string[], maxChars: number): object {
  return {
    type: 'object',
    properties: Object.fromEntries(labels.map((l) => [l, { type: 'string', maxLength: maxChars }])),
    required: [...labels],
    additionalProperties: false,
  };
}

export function explanationMessages(q: QuerySummary, candidates: CandidateSummary[], detail: RankDetail = 'full'): ChatMessage[] {
  if (detail === 'minimal') return [{ role: 'system', content: 'Reply in JSON.' }, { role: 'user', content: candidates.map((c) => candidateLine(c, detail)).join('; ') }];
  const lines = candidates.map((c) => candidateLine(c, detail)).join('\n');
  const order = candidates.map((c) => c.label).join(', ');
  return [
    { role: 'system', content: `You write short reasons why a travel companion fits a traveller. ${EXPLANATION_RULES} Answer in JSON.` },
    {
      role: 'user',
      content: `Traveller: ${travellerLine(q)}.\nCompanions:\n${lines}\nWrite {"${candidates[0]?.label ?? 'A'}": "For you, ..."} with one entry per companion, in this order: ${order}.`,
    },
  ];
}
