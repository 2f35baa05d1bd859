/**
 * The template explanation (SPEC §5): built from shared facts only, and checked by the same
 * validator as model output. It tries the richest wording first and falls back to plainer
 * ones, so the sentence it returns always passes (tests check this over many pool pairs).
 */
import type { ExplainFacts } from './facts';
import { validateExplanation } from './validate';
import { DIET_WORDS, MUST_HAVE_WORDS, REMOTE_PHRASE, TRANSPORT_WORDS, languageWord } from './words';

function bandPhrase(band: string): string {
  return band === 'budget' ? 'a budget' : `a ${band} budget`;
}

function interestClauses(shared: string[]): string[] {
  const out: string[] = [];
  if (shared.length >= 2) out.push(`shares your love of ${shared[0]} and ${shared[1]}`);
  if (shared.length >= 1) out.push(`shares your love of ${shared[0]}`);
  out.push('brings fresh ideas for your trip');
  return out;
}

function linkClauses(f: ExplainFacts): string[] {
  const out: string[] = [];
  for (const l of f.sharedLanguages.slice(0, 2)) out.push(`speaks ${languageWord(l)} with you`);
  const diet = f.sameDiet ? DIET_WORDS[f.sameDiet] : undefined;
  if (diet) out.push(`eats ${diet} like you`);
  for (const t of f.sharedTransport.slice(0, 2)) out.push(`is happy to travel by ${TRANSPORT_WORDS[t]} like you`);
  for (const m of f.sharedMustHaves.slice(0, 2)) out.push(`also wants ${MUST_HAVE_WORDS[m]} where you stay`);
  if (f.remoteWork) out.push(`is fine with ${REMOTE_PHRASE} days like you`);
  out.push('');
  return out;
}

const PADDING = ['', ' for a smooth trip together', ' so planning together feels easy'];

export function templateExplanation(f: ExplainFacts): string {
  const tempo = `travels at a ${f.candidatePace} pace on ${bandPhrase(f.candidateBand)}`;
  for (const interest of interestClauses(f.sharedInterests)) {
    for (const link of linkClauses(f)) {
      for (const pad of PADDING) {
        const sentence = link
          ? `For you, this companion ${interest}, ${tempo}, and ${link}${pad}.`
          : `For you, this companion ${interest} and ${tempo}${pad}.`;
        if (validateExplanation(sentence, f).ok) return sentence;
      }
    }
  }
  // Unreachable for canonical facts; kept as a last, plain sentence that still meets the rules' spirit.
  return `For you, this companion ${tempo} and could be a good match to plan a trip with together soon.`;
}
