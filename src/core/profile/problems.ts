/**
 * Field-level validation problems (SPEC §2.1): the one vocabulary besides the outcome codes
 * (outcome.ts), and the words every problem's message is made of.
 *
 * A problem has a machine-readable `path` ("budget.amount", "languages.2") and `code`
 * ("out_of_range") for programs and tests, and a `message` for people: the field's label as the
 * form shows it, then what to do, in plain words —
 *   "Budget: enter an amount above 0, up to 100,000."
 *   "Languages: choose at least one language you speak."
 * A message never holds a path, a schema word ("item", "enum", "string") or the value it refuses:
 * values reach logs, notices and terminals, and a mistyped field may hold an e-mail address or a
 * faith. Limits are written as a person reads them (100,000) and come from the schema, the same
 * numbers the form's hints show (hints.ts).
 *
 * Every phrase is here, once; fields.ts picks the one for each rule a value breaks.
 */

/** One validation problem (SPEC §2.1): every problem is reported, never only the first. */
export interface Problem {
  path: string;
  code: ProblemCode;
  message: string;
}

export type ProblemCode =
  | 'required'
  | 'invalid_type'
  | 'out_of_range'
  | 'too_long'
  | 'too_short'
  | 'too_many'
  | 'too_few'
  | 'unknown_value'
  | 'not_integer'
  | 'forbidden_key'
  | 'too_deep'
  | 'invalid_format'
  // reading the text (src/core/util/json.ts): not JSON or not UTF-8 (path ""), a key given twice
  | 'invalid_json'
  | 'not_utf8'
  | 'duplicate_key';

/** The label of the profile as a whole (path "(root)"), and of anything below no known field. */
export const PROFILE_LABEL = 'Profile';

/** A list's word for one and for several of its entries: ['interest', 'interests']. */
export type Noun = readonly [one: string, many: string];

/** A number as a person reads a limit: 100000 → "100,000", 0.5 → "0.5". */
export function amount(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** The numbers a number field accepts, in words: "from 18 to 99", "above 0, up to 100,000". */
export function rangeWords(r: { lo: number; hi: number; exclusiveLo?: boolean }): string {
  return r.exclusiveLo ? `above ${amount(r.lo)}, up to ${amount(r.hi)}` : `from ${amount(r.lo)} to ${amount(r.hi)}`;
}

/** "one interest", "2 interests": a count of a list's entries. */
const count = (n: number, noun: Noun) => (n === 1 ? `one ${noun[0]}` : `${amount(n)} ${noun[1]}`);

/** Vocabulary words as a person reads them: "non_binary" → "non binary". */
const words = (list: readonly string[]) => list.map((w) => w.replace(/_/g, ' ')).join(', ');

/** Choices listed in a message only while the list is short; a longer one is "the options offered". */
const LISTED_CHOICES = 12;

/**
 * What a problem asks the person to do: one phrase per rule, lower-case, without the label or
 * a closing full stop (`problemMessage` adds both).
 */
export const ADVICE = {
  // ---- text ----
  fillIn: 'fill this in',
  visible: 'enter visible text, not only spaces or invisible characters',
  text: 'enter this as text',
  oneLine: 'keep this to one line of plain text',
  noControl: 'remove special control characters (line breaks and tabs are fine)',
  tooLong: (max: number) => `use at most ${amount(max)} characters`,
  tooShort: (min: number) => `use at least ${amount(min)} characters`,
  notEmail: 'use an id, not an e-mail address',

  // ---- numbers ----
  number: (noun: string, range: string) => `enter ${noun} ${range}`,
  digits: (noun: string, range: string) => `enter ${noun} ${range}, in plain digits`,
  noMinusZero: (noun: string, range: string) => `enter ${noun} ${range}, without a minus sign`,

  // ---- switches and choices ----
  yesNo: 'choose yes or no',
  chooseOne: 'choose one of the options',
  chooseFrom: (options: readonly string[]) => (options.length <= LISTED_CHOICES ? `choose one of: ${words(options)}` : 'choose one of the options offered'),
  currency: (examples: readonly string[]) => `choose a supported currency code, such as ${examples.slice(0, -1).join(', ')} or ${examples.at(-1)}`,

  // ---- lists ----
  list: (noun: Noun) => `give a list of ${noun[1]}`,
  atLeast: (verb: string, min: number, noun: Noun) => `${verb} at least ${count(min, noun)}`,
  atMost: (verb: string, max: number, noun: Noun) => `${verb} at most ${count(max, noun)}`,
  /** Advice about one entry of a list, which is named by its position: "… (entry 2)". */
  entry: (index: number, advice: string) => `${advice} (entry ${index + 1})`,
  entryEmpty: 'leave no entry empty',
  entryText: 'write each entry as text',
  entryOneLine: 'keep each entry to one line of plain text',
  entryTooLong: (max: number) => `keep each entry to at most ${amount(max)} characters`,
  entryNotEmail: 'use traveller ids, not e-mail addresses',
  entryUnknown: (options: readonly string[]) => (options.length <= LISTED_CHOICES
    ? `one is not on the list; choose from: ${words(options)}`
    : 'one is not on the list; choose from the options offered'),
  entryLanguage: 'one is not a language we recognise; use language names or two-letter codes such as en',

  // ---- age ranges ----
  rangePair: 'give the youngest and the oldest age, or leave both empty',
  rangeWhole: (range: string) => `enter whole numbers ${range}`,
  rangeLimits: (range: string) => `enter ages ${range}`,
  rangeOrder: 'the youngest age must not be above the oldest',

  // ---- sections and the profile as a whole ----
  sectionMissing: 'this section is missing',
  sectionShape: 'this section should hold its own fields, not a single value or a list',
  profileShape: 'send the profile as a set of named fields, not a single value or a list',
  forbiddenKey: (key: string) => `remove the key “${key}”; it is not allowed`,
  tooDeep: (levels: number) => `nested too deeply (more than ${amount(levels)} levels); not read`,
  tooManyKeys: (keys: number) => `has more than ${amount(keys)} keys in all; not read`,
  unreadable: 'could not be read',
} as const;

/** The message of a problem: "Age: enter a whole number from 18 to 99." */
export function problemMessage(label: string, advice: string): string {
  return `${label}: ${advice}.`;
}
