/**
 * The template's sentence frames: several shapes of the same facts, so that the cards of one
 * result do not read alike. Each frame leads with something else (the interests, the link, the
 * pace, the person, the planning, the tempo) and writes the whole sentence from its parts; the
 * template (template.ts) picks a frame by the card's rank and checks every sentence.
 *
 * Word budget (the validator wants 18–28): each frame has at most 11 fixed words, the tempo 6–7
 * ("a mid budget"), a link at most 8, so one named interest (≤ 2 words) always fits, two most of
 * the time; padding lifts short sentences to 18.
 */

export interface SentenceParts {
  /** Shared interests as written ("chess and castles", "chess"), or null when none is named. */
  interests: string | null;
  /** The link, a verb phrase about the companion ("eats vegan like you"). */
  link: string;
  /** The candidate's pace and band: "a relaxed pace on a mid budget". */
  tempo: string;
  /** Extra words to reach the minimum length ("" or " for a smooth trip together"). */
  pad: string;
}

export interface Frame {
  name: string;
  write(p: SentenceParts): string;
}

export const FRAMES: readonly Frame[] = [
  {
    name: 'interests first',
    write: ({ interests, link, tempo, pad }) => interests
      ? `For you, this companion loves ${interests} like you, keeps ${tempo}, and ${link}${pad}.`
      : `For you, this companion brings fresh ideas, keeps ${tempo}, and ${link}${pad}.`,
  },
  {
    name: 'link first',
    write: ({ interests, link, tempo, pad }) => interests
      ? `For you, this companion ${link}, enjoys ${interests} too, and keeps ${tempo}${pad}.`
      : `For you, this companion ${link}, is open to new plans, and keeps ${tempo}${pad}.`,
  },
  {
    name: 'pace first',
    write: ({ interests, link, tempo, pad }) => interests
      ? `For you, ${tempo} suits this companion, who ${link} and loves ${interests} too${pad}.`
      : `For you, ${tempo} suits this companion, who ${link} and is keen to explore${pad}.`,
  },
  {
    name: 'person first',
    write: ({ interests, link, tempo, pad }) => interests
      ? `For you, meet a companion who ${link}, loves ${interests} and keeps ${tempo}${pad}.`
      : `For you, meet a companion who ${link} and keeps ${tempo}${pad}.`,
  },
  {
    name: 'planning first',
    write: ({ interests, link, tempo, pad }) => interests
      ? `For you, planning is easy: this companion ${link}, likes ${interests} and keeps ${tempo}${pad}.`
      : `For you, planning is easy: this companion ${link} and keeps ${tempo}${pad}.`,
  },
  {
    name: 'tempo in the middle',
    write: ({ interests, link, tempo, pad }) => interests
      ? `For you, this companion ${link}, travels at ${tempo} and shares your love of ${interests}${pad}.`
      : `For you, this companion ${link} and travels at ${tempo}${pad}.`,
  },
];
