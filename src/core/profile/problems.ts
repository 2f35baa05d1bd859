/** Field-level validation problems (SPEC §2.1): the one vocabulary besides the outcome codes (outcome.ts). */

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
