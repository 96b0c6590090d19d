/**
 * Run-time checks of the `lockout` setting (docs/rules.md#lockout), for values that did not
 * come through `parseConfig`: the ledger functions and the administrative
 * operations take it from integrators, so a bad value is a typed problem,
 * never an exception.
 */
import {
  LOCKOUT_ALLOWED,
  LOCKOUT_MAX_FAILURES,
  LOCKOUT_MAX_FAILURES_PER_DAY,
  LOCKOUT_UNLOCK_MINUTES,
  LOCKOUT_WINDOW_MINUTES,
} from '../config/rules.js';
import {
  DEFAULT_LOCKOUT,
  LOCKOUT_SCOPE_KINDS,
  type LockoutScopeKind,
  type LockoutSettings,
} from '../config/types.js';
import { describeValue, type Problem } from '../result.js';

/** A rejected lockout setting: `path` names the field. */
export type LockoutSettingsProblem = Problem<
  | 'invalid-type'
  | 'out-of-range'
  | 'invalid-value'
  | 'unknown-field'
  | 'unlock-shorter-than-window'
  | 'daily-budget-below-max-failures'
>;

const FIELDS = [
  'maxFailures',
  'windowMinutes',
  'scope',
  'unlockAfterMinutes',
  'maxFailuresPerDay',
] as const;

/**
 * Reads a `lockout` value: `false`, or an object whose absent fields take the
 * defaults of docs/rules.md#lockout. `field` prefixes the paths and messages.
 */
export function readLockoutSettings(
  value: unknown,
  field: string,
):
  | { readonly ok: true; readonly value: LockoutSettings | false }
  | { readonly ok: false; readonly error: LockoutSettingsProblem } {
  if (value === false) return { ok: true, value: false };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('invalid-type', [], field, LOCKOUT_ALLOWED.lockout, value);
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      return {
        ok: false,
        error: {
          code: 'unknown-field',
          path: [key],
          message: `${field}.${key} is not a known field; allowed fields: ${FIELDS.join(', ')}`,
        },
      };
    }
  }
  const settings: LockoutSettings = {
    maxFailures:
      o.maxFailures === undefined ? DEFAULT_LOCKOUT.maxFailures : (o.maxFailures as number),
    windowMinutes:
      o.windowMinutes === undefined ? DEFAULT_LOCKOUT.windowMinutes : (o.windowMinutes as number),
    scope: o.scope === undefined ? DEFAULT_LOCKOUT.scope : (o.scope as LockoutScopeKind),
    unlockAfterMinutes:
      o.unlockAfterMinutes === undefined
        ? DEFAULT_LOCKOUT.unlockAfterMinutes
        : (o.unlockAfterMinutes as number | null),
    maxFailuresPerDay:
      o.maxFailuresPerDay === undefined
        ? DEFAULT_LOCKOUT.maxFailuresPerDay
        : (o.maxFailuresPerDay as number),
  };
  const error = lockoutSettingsProblem(settings, field);
  return error === undefined ? { ok: true, value: settings } : { ok: false, error };
}

/** The first problem of a complete {@link LockoutSettings} value, or `undefined`. */
export function lockoutSettingsProblem(
  value: unknown,
  field = 'lockout',
): LockoutSettingsProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(
      'invalid-type',
      [],
      field,
      'an object with maxFailures, windowMinutes, scope, unlockAfterMinutes and maxFailuresPerDay',
      value,
    ).error;
  }
  const s = value as Record<string, unknown>;
  const integer = (name: string, range: { min: number; max: number }, allowed: string) => {
    const v = s[name];
    if (typeof v !== 'number')
      return fail('invalid-type', [name], `${field}.${name}`, allowed, v).error;
    if (!Number.isInteger(v) || v < range.min || v > range.max) {
      return fail('out-of-range', [name], `${field}.${name}`, allowed, v).error;
    }
    return undefined;
  };
  const problem =
    integer('maxFailures', LOCKOUT_MAX_FAILURES, LOCKOUT_ALLOWED.maxFailures) ??
    integer('windowMinutes', LOCKOUT_WINDOW_MINUTES, LOCKOUT_ALLOWED.windowMinutes) ??
    (LOCKOUT_SCOPE_KINDS.includes(s.scope as LockoutScopeKind)
      ? undefined
      : fail('invalid-value', ['scope'], `${field}.scope`, LOCKOUT_ALLOWED.lockoutScope, s.scope)
          .error) ??
    (s.unlockAfterMinutes === null
      ? undefined
      : integer(
          'unlockAfterMinutes',
          LOCKOUT_UNLOCK_MINUTES,
          LOCKOUT_ALLOWED.unlockAfterMinutes,
        )) ??
    integer('maxFailuresPerDay', LOCKOUT_MAX_FAILURES_PER_DAY, LOCKOUT_ALLOWED.maxFailuresPerDay);
  if (problem !== undefined) return problem;
  const unlock = s.unlockAfterMinutes as number | null;
  if (unlock !== null && unlock < (s.windowMinutes as number)) {
    return unlockShorterThanWindow([], field, unlock, s.windowMinutes as number);
  }
  const maxFailures = s.maxFailures as number;
  if ((s.maxFailuresPerDay as number) < maxFailures) {
    return {
      code: 'daily-budget-below-max-failures',
      path: ['maxFailuresPerDay'],
      message: `${field}.maxFailuresPerDay must be at least maxFailures (${maxFailures}); got ${String(s.maxFailuresPerDay)}`,
    };
  }
  return undefined;
}

/** docs/rules.md#lockout: a lock shorter than the window would unlock while its misses still count. */
export function unlockShorterThanWindow(
  path: readonly (string | number)[],
  field: string,
  unlock: number,
  window: number,
): LockoutSettingsProblem {
  return {
    code: 'unlock-shorter-than-window',
    path: [...path, 'unlockAfterMinutes'],
    message: `${field}.unlockAfterMinutes must be null or at least windowMinutes (${window}); got ${unlock}`,
  };
}

function fail(
  code: LockoutSettingsProblem['code'],
  path: readonly string[],
  where: string,
  allowed: string,
  value: unknown,
): { readonly ok: false; readonly error: LockoutSettingsProblem } {
  return {
    ok: false,
    error: { code, path, message: `${where} must be ${allowed}; got ${describeValue(value)}` },
  };
}
