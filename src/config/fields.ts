/**
 * The run-time checks of single fields, for values that did not come through
 * `parseConfig`: the administrative operations' arguments, the code-entry
 * machines' options, the ledger's requests (docs/rules.md#configuration).
 * Every layer checks a field here, with the ranges and allowed texts of
 * rules.ts that the file schema uses, and answers with a problem whose `path`
 * and sentence are the ones `parseConfig` gives for the same field.
 *
 * The file schema (schema.ts) states the same rules to zod, which also writes
 * the JSON Schema from them; test/config/field-checks-agree.prop.test.ts
 * holds the two to the same answers.
 */
import { describeValue, formatPath, type JsonPath, type Problem } from '../result.js';
import { ALLOWED, CODE_LENGTH } from './rules.js';
import { REQUIRED_CALL_TYPES } from './types.js';

/** Why a field was rejected: the codes `parseConfig` gives for the same faults. */
export type FieldProblemCode = 'invalid-type' | 'out-of-range' | 'invalid-value';

/** A rejected field: `path` names it, the message says what it allows. */
export type FieldProblem = Problem<FieldProblemCode>;

/** The inclusive bounds of an integer field. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

/**
 * `<path> must be <allowed>; got <value>`: the sentence of every field
 * problem, in a config file or an operation's arguments alike.
 */
export function mustBe<Code extends string>(
  code: Code,
  path: JsonPath,
  allowed: string,
  value: unknown,
): Problem<Code> {
  return {
    code,
    path,
    message: `${formatPath(path)} must be ${allowed}; got ${describeValue(value)}`,
  };
}

/** The problem with `value` as an integer within `range`, or `undefined`. */
export function checkInteger(
  value: unknown,
  path: JsonPath,
  range: IntegerRange,
  allowed: string,
): FieldProblem | undefined {
  if (typeof value !== 'number') return mustBe('invalid-type', path, allowed, value);
  return Number.isInteger(value) && value >= range.min && value <= range.max
    ? undefined
    : mustBe('out-of-range', path, allowed, value);
}

/** The problem with `value` as `true` or `false`, or `undefined`. */
export function checkBoolean(value: unknown, path: JsonPath): FieldProblem | undefined {
  return typeof value === 'boolean'
    ? undefined
    : mustBe('invalid-type', path, ALLOWED.boolean, value);
}

/** The problem with `value` as a string matching `pattern`, or `undefined`; anything else is `invalid-value`. */
export function checkMatch(
  value: unknown,
  path: JsonPath,
  pattern: RegExp,
  allowed: string,
): FieldProblem | undefined {
  return typeof value === 'string' && pattern.test(value)
    ? undefined
    : mustBe('invalid-value', path, allowed, value);
}

/** The problem with `value` as one of `values`, or `undefined`. */
export function checkOneOf(
  value: unknown,
  path: JsonPath,
  values: readonly unknown[],
  allowed: string,
): FieldProblem | undefined {
  return values.includes(value) ? undefined : mustBe('invalid-value', path, allowed, value);
}

/** The problem with `value` as a list of distinct call types (docs/rules.md#account-settings), or `undefined`. */
export function checkRequiredCallTypes(value: unknown, path: JsonPath): FieldProblem | undefined {
  // Array.from turns holes into undefined: every() alone would skip them.
  const distinct =
    Array.isArray(value) &&
    Array.from(value).every((item) => (REQUIRED_CALL_TYPES as readonly unknown[]).includes(item)) &&
    new Set(value).size === value.length;
  return distinct ? undefined : mustBe('invalid-value', path, ALLOWED.requiredCallTypes, value);
}

/**
 * The problem with `value` as `unattendedCalls` (docs/rules.md#calls-nobody-can-key):
 * `end`, `connect` or `{ code }` with a code of 3–7 ASCII digits. That the
 * code is as long as the account's and on its list where validated is a rule
 * of the whole config (cross-field.ts).
 */
export function checkUnattendedCalls(value: unknown, path: JsonPath): FieldProblem | undefined {
  if (value === 'end' || value === 'connect') return undefined;
  const code =
    typeof value === 'object' && value !== null && Object.keys(value).length === 1
      ? (value as { code?: unknown }).code
      : undefined;
  return typeof code === 'string' && isDigits(code, CODE_LENGTH)
    ? undefined
    : mustBe('invalid-value', path, ALLOWED.unattendedCalls, value);
}

function isDigits(text: string, length: IntegerRange): boolean {
  return text.length >= length.min && text.length <= length.max && /^[0-9]*$/.test(text);
}
