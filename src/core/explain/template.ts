/**
 * The template explanation (SPEC §5): built from shared facts only, and checked by the same
 * validator as model output. It names what sets the pair apart — the shared interests rarest in
 * the pool, the most specific link (links.ts) — and writes it in the frame (frames.ts) chosen by
 * the card's rank, so no two cards of one result share a shape. Within a frame it tries the
 * richest wording first and falls back to plainer ones; then the next frames; then a plain
 * sentence. It returns the first sentence that passes, so what it returns always passes (tests
 * check this over many pool pairs). Same facts and rank, same sentence.
 */
import type { ExplainFacts } from './facts';
import { FRAMES, type SentenceParts } from './frames';
import { linkClauses } from './links';
import { rarestFirst } from './rarity';
import { validateExplanation } from './validate';

function bandPhrase(band: string): string {
  return band === 'budget' ? 'a budget' : `a ${band} budget`;
}

/** Ways to name the shared interests, richest first: the two rarest, the rarest. */
function interestChoices(f: ExplainFacts): string[] {
  const [a, b] = rarestFirst(f.sharedInterests, f.sharedInterestCounts);
  if (a === undefined) return [];
  return b === undefined ? [a] : [`${a} and ${b}`, a];
}

const PADDING = ['', ' on your next trip', ' for a smooth trip together', ' so planning together feels easy'];

/**
 * Candidate wordings for one frame, best first: the most specific link before the next one, and
 * with named interests before without them (a pair's interests are the heart of a match, so
 * they are dropped only when no link fits beside them).
 */
function* wordings(f: ExplainFacts): Generator<SentenceParts> {
  const tempo = `a ${f.candidatePace} pace on ${bandPhrase(f.candidateBand)}`;
  const links = linkClauses(f);
  const interests = interestChoices(f);
  for (const link of links) for (const i of interests) for (const pad of PADDING) yield { interests: i, link: link.text, tempo, pad };
  for (const link of links) for (const pad of PADDING) yield { interests: null, link: link.text, tempo, pad };
}

/**
 * The explanation for the card at `rank` (0-based) of a result. The rank picks the frame, so the
 * top cards of one result each get a shape of their own; a frame that cannot fit the facts hands
 * over to the next one, in a fixed order.
 */
export function templateExplanation(f: ExplainFacts, rank = 0): string {
  const r = Number.isFinite(rank) ? Math.trunc(rank) : 0;
  const start = ((r % FRAMES.length) + FRAMES.length) % FRAMES.length;
  for (let k = 0; k < FRAMES.length; k++) {
    const frame = FRAMES[(start + k) % FRAMES.length];
    for (const parts of wordings(f)) {
      const sentence = frame.write(parts);
      if (validateExplanation(sentence, f).ok) return sentence;
    }
  }
  // Unreachable for canonical facts (tests walk many pool pairs): the plainest sentences, tempo and one link only.
  const tempo = `a ${f.candidatePace} pace on ${bandPhrase(f.candidateBand)}`;
  for (const link of linkClauses(f)) {
    const sentence = `For you, this companion travels at ${tempo} and ${link.text}, so planning a trip together feels easy.`;
    if (validateExplanation(sentence, f).ok) return sentence;
  }
  return `For you, this companion travels at ${tempo} and could be a good match to plan a trip with together soon.`;
}
