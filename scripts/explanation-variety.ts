/**
 * How varied and how specific the template explanations are (issue 15, item 6): runs every
 * persona (src/ui/personas.ts) over the generated pool on the heuristic path (no models), takes
 * the top 5 of each, and prints
 *
 *   - cards: how many cards in all;
 *   - shapes: how many distinct sentence shapes (the sentence with its variable parts —
 *     interests, languages, pace, band, diet, transport, must-have and value words — as placeholders);
 *   - max cards of one result sharing a shape (goal: 1);
 *   - how often the language is the link (the only link named), and how often it is while the
 *     pair shares something more specific (a diet, a transport, a must-have, remote work, a value
 *     that may be shown; goal: 0);
 *   - how often the interests a card names are the rarest in the pool of those the pair shares.
 *
 *   npm run --silent explain:variety [-- --pool DIR] [--json]
 */
import { parseArgs } from 'node:util';
import { type ExplainFacts, explainFacts } from '../src/core/explain/facts';
import {
  DIET_WORDS, INTEREST_PHRASES, LANGUAGE_PHRASES, MUST_HAVE_WORDS, REMOTE_PHRASE, TRANSPORT_WORDS, VALUE_WORDS,
} from '../src/core/explain/words';
import { interestCounts } from '../src/core/explain/rarity';
import { Matcher } from '../src/core/matcher';
import { normalizeText } from '../src/core/privacy/normalize';
import { indexOfId, packProfiles, packQuery } from '../src/core/pool/packed';
import { INTERESTS } from '../src/core/profile/vocab';
import { validateQuery } from '../src/core/stages/validate';
import { PERSONAS } from '../src/ui/personas';
import { DEFAULT_POOL_DIR, isMainModule, readPoolProfiles } from './generate-pool';

const TOP = 5;

/** Lower-case words separated by single spaces (hyphens kept: "gluten-free" is one word). */
const fold = (s: string) => ` ${normalizeText(s).replace(/[^\p{L}\p{N}-]+/gu, ' ').trim()} `;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longest phrases first, so "scenic trains" is one interest and not "train". */
const PLACEHOLDERS: [RegExp, string][] = ([
  ...INTEREST_PHRASES.map(([p]) => [p, '{interest}']),
  ...LANGUAGE_PHRASES.map(([p]) => [p, '{language}']),
  ...Object.values(DIET_WORDS).map((w) => [w, '{diet}']),
  ...Object.values(MUST_HAVE_WORDS).map((w) => [w, '{must-have}']),
  ...Object.values(VALUE_WORDS).map((w) => [w, '{value}']),
  ...Object.values(TRANSPORT_WORDS).map((w) => [w, '{transport}']),
  ...['relaxed', 'balanced', 'packed'].map((w) => [w, '{pace}']),
] as [string, string][])
  .sort((a, b) => b[0].length - a[0].length)
  .map(([p, tag]) => [new RegExp(` ${escape(fold(p).trim())}(?= )`, 'g'), ` ${tag}`]);

/** The sentence's shape: its variable parts replaced by placeholders. */
export function shapeOf(sentence: string): string {
  let s = fold(sentence);
  for (const [re, tag] of PLACEHOLDERS) s = s.replace(re, tag);
  // "a budget", "a mid budget", "a lux budget": one band placeholder.
  s = s.replace(/ (a|an) (mid |lux )?budget(?= )/g, ' a {band} budget');
  // Runs of one placeholder ("{interest} and {interest}") stay as they are: two interests are a shape of their own.
  return s.trim();
}

export type LinkKind = 'language' | 'diet' | 'transport' | 'must-have' | 'remote' | 'value';

/** Which kinds of link a sentence names, read as the validator reads them. */
export function linksNamed(sentence: string, f: ExplainFacts): Set<LinkKind> {
  const s = fold(sentence);
  const has = (w: string) => s.includes(` ${fold(w).trim()} `);
  const out = new Set<LinkKind>();
  if (f.sharedLanguages.some((l) => LANGUAGE_PHRASES.some(([name, code]) => code === l && has(name)))) out.add('language');
  if (f.sameDiet && DIET_WORDS[f.sameDiet] && has(DIET_WORDS[f.sameDiet])) out.add('diet');
  if (f.sharedTransport.some((t) => has(TRANSPORT_WORDS[t]))) out.add('transport');
  if (f.sharedMustHaves.some((m) => has(MUST_HAVE_WORDS[m].replace(/^an? /, '')))) out.add('must-have');
  if (f.remoteWork && has(REMOTE_PHRASE)) out.add('remote');
  if (sharedValueWords(f).some(has)) out.add('value');
  return out;
}

/** The interests a sentence names (canonical names; each phrase consumed once, longest first). */
export function interestsNamed(sentence: string): string[] {
  let s = fold(sentence);
  const out = new Set<string>();
  for (const [phrase, canonical] of INTEREST_PHRASES) {
    const needle = ` ${fold(phrase).trim()} `;
    if (s.includes(needle)) {
      out.add(canonical);
      s = s.split(needle).join(' ');
    }
  }
  return [...out];
}

/** The named interests are the rarest shared ones: none left unnamed is rarer than one named. */
export function namesRarest(named: readonly string[], f: ExplainFacts, counts: ArrayLike<number>): boolean {
  const count = (i: string) => counts[INTERESTS.indexOf(i as (typeof INTERESTS)[number])];
  const unnamed = f.sharedInterests.filter((i) => !named.includes(i));
  return named.every((n) => unnamed.every((u) => count(u) >= count(n)));
}

/** How the pair's shared values that may be shown are written (none reveals faith). */
function sharedValueWords(f: ExplainFacts): string[] {
  return (f.sharedValues ?? []).map((v) => VALUE_WORDS[v]).filter((w): w is string => w !== undefined);
}

/** The pair shares a link more specific than a language. */
export function hasSpecificLink(f: ExplainFacts): boolean {
  return (f.sameDiet !== null && DIET_WORDS[f.sameDiet] !== undefined) || f.sharedTransport.length > 0 ||
    f.sharedMustHaves.length > 0 || f.remoteWork || sharedValueWords(f).length > 0;
}

export interface VarietyReport {
  results: number;
  cards: number;
  shapes: number;
  maxSameShapeInResult: number;
  languageIsLink: number;
  languageIsLinkWhileSpecific: number;
  /** Cards that name at least one interest, and those whose named interests are the pair's rarest. */
  namingInterests: number;
  namingRarest: number;
  /** Per persona: the shapes of its cards, in rank order. */
  perResult: { persona: string; shapes: string[] }[];
}

export async function measure(poolDir = DEFAULT_POOL_DIR): Promise<VarietyReport> {
  const pool = packProfiles(readPoolProfiles(poolDir).profiles);
  const counts = interestCounts(pool);
  const matcher = new Matcher();
  matcher.usePool(pool);
  const all = new Set<string>();
  const report: VarietyReport = {
    results: 0, cards: 0, shapes: 0, maxSameShapeInResult: 0, languageIsLink: 0, languageIsLinkWhileSpecific: 0,
    namingInterests: 0, namingRarest: 0, perResult: [],
  };
  for (const persona of PERSONAS) {
    const validated = validateQuery(persona.profile);
    if (!validated.ok) throw new Error(`persona ${persona.id}: ${validated.error.message}`);
    const query = validated.profile;
    const answer = await matcher.search(persona.profile, { top: TOP, engine: 'heuristic' });
    if (!answer.ok) throw new Error(`persona ${persona.id}: ${answer.error.message}`);
    const q = packQuery(pool, query);
    const perShape = new Map<string, number>();
    const shapes: string[] = [];
    for (const card of answer.value.result.results) {
      const index = indexOfId(pool, card.id);
      if (index === undefined) throw new Error(`no pool index for ${card.id}`);
      const facts = explainFacts(pool, q, query, index);
      const shape = shapeOf(card.explanation);
      shapes.push(shape);
      all.add(shape);
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      const links = linksNamed(card.explanation, facts);
      if (links.size === 1 && links.has('language')) {
        report.languageIsLink++;
        if (hasSpecificLink(facts)) report.languageIsLinkWhileSpecific++;
      }
      const named = interestsNamed(card.explanation);
      if (named.length > 0) {
        report.namingInterests++;
        if (namesRarest(named, facts, counts)) report.namingRarest++;
      }
      report.cards++;
    }
    report.results++;
    report.maxSameShapeInResult = Math.max(report.maxSameShapeInResult, ...perShape.values());
    report.perResult.push({ persona: persona.id, shapes });
  }
  report.shapes = all.size;
  return report;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pool: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean' } } });
  const r = await measure(values.pool ?? DEFAULT_POOL_DIR);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  const lines = [
    `results (personas, top ${TOP}, heuristic): ${r.results}`,
    `cards:                                      ${r.cards}`,
    `distinct sentence shapes:                   ${r.shapes}`,
    `max cards of one result sharing a shape:    ${r.maxSameShapeInResult}`,
    `language is the link:                       ${r.languageIsLink} of ${r.cards}`,
    `  … while something more specific is shared: ${r.languageIsLinkWhileSpecific}`,
    `names the pair's rarest shared interests:   ${r.namingRarest} of ${r.namingInterests} cards naming interests`,
  ];
  if (values.verbose) for (const p of r.perResult) lines.push('', p.persona, ...p.shapes.map((s) => `  ${s}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (isMainModule(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
