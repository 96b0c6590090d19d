/**
 * Checks of the settings the code-entry machines start from (docs/rules.md#enabling-the-account and docs/rules.md#account-settings).
 * The options arrive typed from `resolveSettings`, but an integrator may pass
 * stored or hand-written data, so every field is checked at run time, by the
 * field checks every layer shares (config/fields.ts), and a bad one yields a
 * {@link Problem}, never an exception.
 */
import {
  checkBoolean as checkBooleanAt,
  checkInteger,
  checkMatch,
  checkOneOf,
  mustBe,
} from '../config/fields.js';
import { ALLOWED, CODE_LENGTH, MAX_RETRIES, MID_CALL_CODE_PATTERN } from '../config/rules.js';
import { describeValue, type Problem } from '../result.js';

/** Why a set of options was rejected. Stable: the same codes as configuration problems. */
export type OptionsProblemCode = 'invalid-type' | 'out-of-range' | 'invalid-value';

/** A rejected option: its `path` names the field, its message what the field allows. */
export type OptionsProblem = Problem<OptionsProblemCode>;

/** The problem with the option `field` as a boolean, or `undefined`. */
export function checkBoolean(value: unknown, field: string): OptionsProblem | undefined {
  return checkBooleanAt(value, [field]);
}

/** The problem with `value` as a mid-call star code (`*` then 1–3 digits), or `undefined`. */
export function checkMidCallCode(value: unknown): OptionsProblem | undefined {
  return typeof value === 'string'
    ? checkMatch(value, ['midCallCode'], MID_CALL_CODE_PATTERN, ALLOWED.midCallCode)
    : mustBe('invalid-type', ['midCallCode'], ALLOWED.midCallCode, value);
}

/** The problem with `codeLength` (3–7), or `undefined`. */
export function checkCodeLength(value: unknown): OptionsProblem | undefined {
  return checkInteger(value, ['codeLength'], CODE_LENGTH, ALLOWED.codeLength);
}

/** The problem with `maxRetries` (1–9), or `undefined`. */
export function checkMaxRetries(value: unknown): OptionsProblem | undefined {
  return checkInteger(value, ['maxRetries'], MAX_RETRIES, ALLOWED.maxRetries);
}

const GATES: readonly unknown[] = ['open', 'locked-out', 'ledger-unavailable'];

/** The problem with a lockout gate (docs/rules.md#lockout) given to either machine's start, or `undefined`. */
export function checkGate(gate: unknown): OptionsProblem | undefined {
  return checkOneOf(gate, ['gate'], GATES, '"open", "locked-out" or "ledger-unavailable"');
}

/** The problem when the options are not an object at all. */
export function notAnObject(value: unknown): OptionsProblem {
  return {
    code: 'invalid-type',
    path: [],
    message: `options must be an object with codeLength, maxRetries and validateCodes; got ${describeValue(value)}`,
  };
}

/** True when `value` is a string of `min` to `max` ASCII digits. */
export function isDigitString(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string' || value.length < min || value.length > max) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
