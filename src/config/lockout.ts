/**
 * The `lockout` setting (docs/rules.md#lockout) checked at run time, for
 * values that did not come through `parseConfig` (the administrative
 * operations and the ledger take it from integrators), and the two rules that
 * tie its fields together, which `parseConfig` applies too. A bad value is a
 * typed problem, never an exception.
 */
import { formatPath, type JsonPath, type Problem } from '../result.js';
import { checkInteger, checkOneOf, type FieldProblemCode, mustBe } from './fields.js';
import {
  LOCKOUT_ALLOWED,
  LOCKOUT_MAX_FAILURES,
  LOCKOUT_MAX_FAILURES_PER_DAY,
  LOCKOUT_UNLOCK_MINUTES,
  LOCKOUT_WINDOW_MINUTES,
} from './rules.js';
import { DEFAULT_LOCKOUT, LOCKOUT_SCOPE_KINDS, type LockoutSettings } from './types.js';

/** A lockout object whose fields disagree (docs/rules.md#lockout). */
export type LockoutOrderProblem = Problem<
  'unlock-shorter-than-window' | 'daily-budget-below-max-failures'
>;

/** A rejected lockout setting: `path` names the field. */
export type LockoutSettingsProblem =
  | Problem<FieldProblemCode | 'unknown-field'>
  | LockoutOrderProblem;

const FIELDS = [
  'maxFailures',
  'windowMinutes',
  'scope',
  'unlockAfterMinutes',
  'maxFailuresPerDay',
] as const;

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * The problems of the rules between the fields of the lockout object at
 * `path` (docs/rules.md#lockout), read defensively from any value: absent
 * fields take their defaults, and a field of the wrong type is left to its
 * own check. `siblings` is how a message names the other fields: `lockout.`
 * in a config file, nothing in an operation's or a request's settings.
 */
export function lockoutOrderProblems(
  lockout: unknown,
  path: JsonPath,
  siblings: string,
): LockoutOrderProblem[] {
  const problems: LockoutOrderProblem[] = [];
  // A lock that ends before its misses leave the window would unlock at once.
  // The default lock too: a longer window alone makes it too short (null stays null).
  const givenUnlock = fieldOf(lockout, 'unlockAfterMinutes');
  const unlock = givenUnlock === undefined ? DEFAULT_LOCKOUT.unlockAfterMinutes : givenUnlock;
  const window = fieldOf(lockout, 'windowMinutes') ?? DEFAULT_LOCKOUT.windowMinutes;
  if (typeof unlock === 'number' && typeof window === 'number' && unlock < window) {
    const at = [...path, 'unlockAfterMinutes'];
    problems.push({
      code: 'unlock-shorter-than-window',
      path: at,
      message: `${formatPath(at)} must be null or at least ${siblings}windowMinutes (${window}); got ${unlock}${
        givenUnlock === undefined ? ' (the default)' : ''
      }`,
    });
  }
  // A daily budget under the window's would lock before the window's limit.
  const given = fieldOf(lockout, 'maxFailuresPerDay');
  const perDay = given ?? DEFAULT_LOCKOUT.maxFailuresPerDay;
  const maxFailures = fieldOf(lockout, 'maxFailures') ?? DEFAULT_LOCKOUT.maxFailures;
  // A value out of its own range has its own problem already.
  if (
    typeof perDay === 'number' &&
    typeof maxFailures === 'number' &&
    perDay >= LOCKOUT_MAX_FAILURES_PER_DAY.min &&
    perDay < maxFailures
  ) {
    const at = [...path, 'maxFailuresPerDay'];
    problems.push({
      code: 'daily-budget-below-max-failures',
      path: at,
      message: `${formatPath(at)} must be at least ${siblings}maxFailures (${maxFailures}); got ${perDay}${
        given === undefined ? ' (the default)' : ''
      }`,
    });
  }
  return problems;
}

/**
 * Reads a `lockout` value at `path`: `false`, or an object whose absent
 * fields take the defaults of docs/rules.md#lockout.
 */
export function readLockoutSettings(
  value: unknown,
  path: JsonPath,
):
  | { readonly ok: true; readonly value: LockoutSettings | false }
  | { readonly ok: false; readonly error: LockoutSettingsProblem } {
  if (value === false) return { ok: true, value: false };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: mustBe('invalid-type', path, LOCKOUT_ALLOWED.lockout, value) };
  }
  const given = value as Record<string, unknown>;
  const unknown = Object.keys(given).find((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) {
    const at = [...path, unknown];
    return {
      ok: false,
      error: {
        code: 'unknown-field',
        path: at,
        message: `${formatPath(at)} is not a known field; allowed fields: ${FIELDS.join(', ')}`,
      },
    };
  }
  const settings = Object.fromEntries(
    FIELDS.map((name) => [name, given[name] === undefined ? DEFAULT_LOCKOUT[name] : given[name]]),
  ) as unknown as LockoutSettings;
  const error = lockoutSettingsProblem(settings, path);
  return error === undefined ? { ok: true, value: settings } : { ok: false, error };
}

/** The first problem of a complete {@link LockoutSettings} value at `path`, or `undefined`. */
export function lockoutSettingsProblem(
  value: unknown,
  path: JsonPath,
): LockoutSettingsProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return mustBe(
      'invalid-type',
      path,
      'an object with maxFailures, windowMinutes, scope, unlockAfterMinutes and maxFailuresPerDay',
      value,
    );
  }
  const s = value as Record<string, unknown>;
  return (
    checkInteger(
      s.maxFailures,
      [...path, 'maxFailures'],
      LOCKOUT_MAX_FAILURES,
      LOCKOUT_ALLOWED.maxFailures,
    ) ??
    checkInteger(
      s.windowMinutes,
      [...path, 'windowMinutes'],
      LOCKOUT_WINDOW_MINUTES,
      LOCKOUT_ALLOWED.windowMinutes,
    ) ??
    checkOneOf(s.scope, [...path, 'scope'], LOCKOUT_SCOPE_KINDS, LOCKOUT_ALLOWED.lockoutScope) ??
    (s.unlockAfterMinutes === null
      ? undefined
      : checkInteger(
          s.unlockAfterMinutes,
          [...path, 'unlockAfterMinutes'],
          LOCKOUT_UNLOCK_MINUTES,
          LOCKOUT_ALLOWED.unlockAfterMinutes,
        )) ??
    checkInteger(
      s.maxFailuresPerDay,
      [...path, 'maxFailuresPerDay'],
      LOCKOUT_MAX_FAILURES_PER_DAY,
      LOCKOUT_ALLOWED.maxFailuresPerDay,
    ) ??
    lockoutOrderProblems(s, path, '')[0]
  );
}
