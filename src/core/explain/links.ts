/**
 * The links a template sentence can name (SPEC §5: a shared language, the same diet, a shared
 * transport or must-have, compatible remote work; we add shared values), as short verb phrases
 * about the companion (at most 8 words, so that every frame fits one named interest beside
 * any of them), MOST SPECIFIC FIRST. Nearly every pair that passes stage 1 shares a language, so
 * a language says the least: it is the link only when nothing more specific is shared.
 */
import type { ExplainFacts } from './facts';
import { DIET_WORDS, MUST_HAVE_WORDS, REMOTE_PHRASE, TRANSPORT_WORDS, VALUE_WORDS, languageWord } from './words';

export type LinkKind = 'diet' | 'must-have' | 'remote' | 'transport' | 'value' | 'language' | 'none';

export interface LinkClause {
  kind: LinkKind;
  /** A verb phrase about the companion: "eats vegan like you". */
  text: string;
}

/**
 * Every link clause for the pair, most specific first: the same diet (a daily choice few
 * share), must-haves, remote work, transport, values, then languages; last a neutral clause,
 * which passes only for a pair with no link at all (the validator then asks for none). A value
 * is not one of the validator's links, so where a language is shared too its clause names both.
 */
export function linkClauses(f: ExplainFacts): LinkClause[] {
  const out: LinkClause[] = [];
  const diet = f.sameDiet ? DIET_WORDS[f.sameDiet] : undefined;
  if (diet) out.push({ kind: 'diet', text: `eats ${diet} like you` });
  for (const m of f.sharedMustHaves.slice(0, 2)) out.push({ kind: 'must-have', text: `wants ${MUST_HAVE_WORDS[m]} where you stay` });
  if (f.remoteWork) out.push({ kind: 'remote', text: `is fine with ${REMOTE_PHRASE} days too` });
  for (const t of f.sharedTransport.slice(0, 2)) {
    out.push({ kind: 'transport', text: t === 'walking' ? `enjoys ${TRANSPORT_WORDS[t]} like you` : `travels by ${TRANSPORT_WORDS[t]} like you` });
  }
  const language = f.sharedLanguages.length > 0 ? languageWord(f.sharedLanguages[0]) : null;
  for (const v of (f.sharedValues ?? []).filter((x) => VALUE_WORDS[x] !== undefined).slice(0, 2)) {
    const value = VALUE_WORDS[v];
    out.push({ kind: 'value', text: language ? `values ${value} like you and speaks ${language}` : `values ${value} like you` });
  }
  for (const l of f.sharedLanguages.slice(0, 2)) out.push({ kind: 'language', text: `speaks ${languageWord(l)} with you` });
  out.push({ kind: 'none', text: 'is keen to plan a trip' });
  return out;
}
