/**
 * Prompts for the language-model engines (SPEC §5). They carry only match-relevant facts: no
 * name, age, gender, faith, city or id — candidates are letters. Scoring asks for one letter and
 * reads the letters' probabilities; explanations are asked for as JSON.
 */
import type { ExplainFacts } from '../explain/facts';
import { DIET_WORDS, MUST_HAVE_WORDS, TRANSPORT_WORDS, languageWord } from '../explain/words';
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

function candidateLine(c: CandidateSummary): string {
  const f = c.facts;
  const parts = [
    `shares ${list(f.sharedInterests)}`,
    c.otherInterests.length ? `also likes ${list(c.otherInterests)}` : '',
    `${f.candidatePace} pace`,
    `${f.candidateBand} budget`,
    f.sharedLanguages.length ? `speaks ${list(f.sharedLanguages.map(languageWord))} with you` : 'no shared language',
    f.sameDiet ? `same diet (${DIET_WORDS[f.sameDiet]})` : '',
    f.sharedTransport.length ? `both travel by ${list(f.sharedTransport.map((t) => TRANSPORT_WORDS[t]))}` : '',
    f.sharedMustHaves.length ? `both want ${list(f.sharedMustHaves.map((m) => MUST_HAVE_WORDS[m]))}` : '',
    f.remoteWork ? 'both work remotely' : '',
  ].filter(Boolean);
  return `${c.label}: ${parts.join('; ')}`;
}

function travellerLine(q: QuerySummary): string {
  return [
    `pace ${q.pace}`, `budget ${q.band}`, `interests ${list(q.interests)}`,
    q.values.length ? `values ${list(q.values.map((v) => v.replace(/_/g, ' ')))}` : '',
    q.diet !== 'none' ? `diet ${DIET_WORDS[q.diet] ?? q.diet}` : '',
    q.transport.length ? `travels by ${list(q.transport)}` : '',
    q.remoteWork ? 'works remotely' : '',
  ].filter(Boolean).join('; ');
}

export function scoringMessages(q: QuerySummary, candidates: CandidateSummary[]): ChatMessage[] {
  return [
    { role: 'system', content: 'You match travel companions. Answer with one capital letter only.' },
    {
      role: 'user',
      content: `Traveller: ${travellerLine(q)}.\nCandidates:\n${candidates.map(candidateLine).join('\n')}\nWhich candidate is the best travel companion for the traveller? Answer with the letter.`,
    },
  ];
}

export const EXPLANATION_RULES =
  'Each text is one sentence of 18 to 28 words that starts with "For you," and names the companion\'s pace word (relaxed, balanced or packed) and budget word (budget, mid or lux), at most two shared interests, and one shared language, diet, transport or remote work. Never mention faith, religion, age, gender or any city.';

export function explanationSchema(labels: readonly string[]): object {
  return {
    type: 'object',
    properties: {
      explanations: {
        type: 'array',
        items: {
          type: 'object',
          properties: { label: { type: 'string', enum: [...labels] }, text: { type: 'string' } },
          required: ['label', 'text'],
        },
        minItems: labels.length,
        maxItems: labels.length,
      },
    },
    required: ['explanations'],
  };
}

export function explanationMessages(q: QuerySummary, candidates: CandidateSummary[]): ChatMessage[] {
  return [
    { role: 'system', content: `You write short reasons why a travel companion fits a traveller. ${EXPLANATION_RULES} Answer in JSON.` },
    {
      role: 'user',
      content: `Traveller: ${travellerLine(q)}.\nCompanions:\n${candidates.map(candidateLine).join('\n')}\nWrite {"explanations": [{"label": "<letter>", "text": "For you, ..."}]} with one entry per companion: ${candidates.map((c) => c.label).join(', ')}.`,
    },
  ];
}
