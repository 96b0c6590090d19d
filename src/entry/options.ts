/**
 * Checks of the settings the code-entry machines start from (docs/rules.md#enabling-the-account and docs/rules.md#account-settings).
 * The options arrive typed from `resolveSettings`, but an integrator may pass
 * stored or hand-written data, so every field is checked at run time and a
 * bad one yields a {@link Problem}, never an exception.
 */
import { ALLOWED, CODE_LENGTH, MAX_RETRIES, MID_CALL_CODE_PATTERN } from '../config/rules.js';
import { describeValue, type Problem } from '../result.js';

/** Why a set of options was rejected. Stable: the same codes as configuration problems. */
export type OptionsProblemCode = 'invalid-type' | 'out-of-range' | 'invalid-value';

/** A rejected option: its `path` names the field, its message what the field allows. */
export type OptionsProblem = Problem<OptionsProblemCode>;

/** The first problem with `value` as an integer in `range`, or `undefined`. */
export function checkInteger(
  value: unknown,
  field: string,
  range: { readonly min: number; readonly max: number },
  allowed: string,
): OptionsProblem | undefined {
  if (typeof value !== 'number') {
    return { code: 'invalid-type', path: [field], message: mustBe(field, allowed, value) };
  }
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    return { code: 'out-of-range', path: [field], message: mustBe(field, allowed, value) };
  }
  return undefined;
}

/** The problem with `value` as a boolean, or `undefined`. */
export function checkBoolean(value: unknown, field: string): OptionsProblem | undefined {
  return typeof value === 'boolean'
    ? undefined
    : { code: 'invalid-type', path: [field], message: mustBe(field, ALLOWED.boolean, value) };
}

/** The problem with `value` as a mid-call star code (`*` then 1–3 digits), or `undefined`. */
export function checkMidCallCode(value: unknown): OptionsProblem | undefined {
  if (typeof value !== 'string') {
    return {
      code: 'invalid-type',
      path: ['midCallCode'],
      message: mustBe('midCallCode', ALLOWED.midCallCode, value),
    };
  }
  return MID_CALL_CODE_PATTERN.test(value)
    ? undefined
    : {
        code: 'invalid-value',
        path: ['midCallCode'],
        message: mustBe('midCallCode', ALLOWED.midCallCode, value),
      };
}

/** The problem with `codeLength` (3–7), or `undefined`. */
export function checkCodeLength(value: unknown): OptionsProblem | undefined {
  return checkInteger(value, 'codeLength', CODE_LENGTH, ALLOWED.codeLength);
}

/** The problem with `maxRetries` (1–9), or `undefined`. */
export function checkMaxRetries(value: unknown): OptionsProblem | undefined {
  return checkInteger(value, 'maxRetries', MAX_RETRIES, ALLOWED.maxRetries);
}

/** The problem with a lockout gate (docs/rules.md#lockout) given to either machine's start, or `undefined`. */
export function checkGate(gate: unknown): OptionsProblem | undefined {
  return gate === 'open' || gate === 'locked-out' || gate === 'ledger-unavailable'
    ? undefined
    : {
        code: 'invalid-value',
        path: ['gate'],
        message: `gate must be "open", "locked-out" or "ledger-unavailable"; got ${describeValue(gate)}`,
      };
}

/** The problem when the options are not an object at all. */
export function notAnObject(value: unknown): OptionsProblem {
  return {
    code: 'invalid-type',
    path: [],
    message: `options must be an object with codeLength, maxRetries and validateCodes; got ${describeValue(value)}`,
  };
}

function mustBe(field: string, allowed: string, value: unknown): string {
  return `${field} must be ${allowed}; got ${describeValue(value)}`;
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
