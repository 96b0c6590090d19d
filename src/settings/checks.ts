/**
 * Checks of the untrusted arguments of the administrative operations (
 * docs/rules.md#administrative-operations). Arguments may come straight from an admin UI as JSON, so every check
 * takes `unknown` and answers with a value or a typed error, never a throw.
 */

import { unattendedCodeProblems } from '../config/cross-field.js';
import {
  checkBoolean,
  checkInteger,
  checkMatch,
  checkRequiredCallTypes,
  checkUnattendedCalls,
  type IntegerRange,
} from '../config/fields.js';
import { readLockoutSettings } from '../config/lockout.js';
import {
  ALLOWED,
  MID_CALL_CODE_PATTERN,
  POST_CALL_TAG_MINUTES,
  POST_CALL_TAG_MINUTES_ALLOWED,
} from '../config/rules.js';
import type {
  AccountSettings,
  Config,
  CustomisableSetting,
  RequiredCallType,
  UnattendedCalls,
} from '../config/types.js';
import { formatPath, type Problem } from '../result.js';
import { fail, invalidValue, type SettingsError, type SettingsErrorCode } from './errors.js';

/** A checked value, or the error that says what was wrong with it. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SettingsError };

/**
 * `value` as checked, or the field check's problem as an operation's error
 * (its path written as the field: `settings.lockout.maxFailures`).
 */
export function checked<T>(
  value: unknown,
  problem: Problem<SettingsErrorCode> | undefined,
): Checked<T> {
  return problem === undefined ? { ok: true, value: value as T } : refused(problem);
}

/** A field check's problem as an operation's error. */
export function refused(problem: Problem<SettingsErrorCode>): {
  readonly ok: false;
  readonly error: SettingsError;
} {
  return fail(problem.code, formatPath(problem.path), problem.message);
}

/** A plain JSON-like object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An options object whose fields are all among `allowed`. Unknown fields are
 * refused rather than ignored: a UI that sends `accountCodesEnabled: true` to
 * `addTrunk` must learn that it had no effect.
 */
export function checkOptions(
  value: unknown,
  allowed: readonly string[],
  field = 'options',
): Checked<Readonly<Record<string, unknown>>> {
  if (!isRecord(value)) {
    return invalidValue(field, `an object with the fields ${allowed.join(', ')}`, value);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      const where = field === 'options' ? name : `${field}.${name}`;
      return fail(
        'unknown-field',
        where,
        `${where} is not a known field; allowed fields: ${allowed.join(', ')}`,
      );
    }
  }
  return { ok: true, value };
}

/**
 * The config argument has the shape of a {@link Config}: enough for every
 * operation (and the warnings in its report) to read it without throwing.
 * Stored data should go through `parseConfig` first; this only guards calls
 * that skipped it, so it checks types, not every rule.
 */
export function checkConfigShape(config: unknown): SettingsError | undefined {
  const bad = (what: string): SettingsError => ({
    code: 'invalid-config',
    field: 'config',
    message: `config must be a configuration returned by parseConfig; ${what}`,
  });
  if (!isRecord(config)) return bad('got no object');
  const { account, trunks } = config;
  if (!isRecord(account)) return bad('account is not an object');
  if (!Number.isInteger(account.codeLength) || !Number.isInteger(account.maxRetries)) {
    return bad('account.codeLength and account.maxRetries must be integers');
  }
  if (!isRecord(account.settings) || !hasValidSettings(account.settings, ACCOUNT_SETTING_NAMES)) {
    return bad('account.settings is not a complete set of account settings');
  }
  // Array.from turns holes into undefined: every() alone would skip them.
  if (!Array.isArray(account.codes) || !Array.from(account.codes).every(isCodeEntry)) {
    return bad('account.codes is not a list of codes');
  }
  if (!Array.isArray(trunks) || !Array.from(trunks).every(isTrunkEntry)) {
    return bad('trunks is not a list of trunks');
  }
  return undefined;
}

/** Every setting of `names` is present in `settings` and valid. */
function hasValidSettings(
  settings: Readonly<Record<string, unknown>>,
  names: readonly (keyof AccountSettings)[],
): boolean {
  return names.every((name) => SETTING_CHECKS[name](settings[name], name).ok);
}

function isCodeEntry(entry: unknown): boolean {
  return isRecord(entry) && typeof entry.code === 'string';
}

function isTrunkEntry(entry: unknown): boolean {
  if (!isRecord(entry) || typeof entry.id !== 'string') return false;
  if (typeof entry.accountCodesEnabled !== 'boolean') return false;
  const custom = entry.customSettings;
  if (custom === undefined) return true;
  if (!isRecord(custom)) return false;
  const keys = Object.keys(custom);
  const present = CUSTOMISABLE_SETTINGS.filter((name) => keys.includes(name));
  return present.length === keys.length && hasValidSettings(custom, present);
}

/** An integer within `range`. */
export function readInteger(
  value: unknown,
  field: string,
  range: IntegerRange,
  allowed: string,
): Checked<number> {
  return checked<number>(value, checkInteger(value, [field], range, allowed));
}

/** `true` or `false`. */
export function readBoolean(value: unknown, field: string): Checked<boolean> {
  return checked<boolean>(value, checkBoolean(value, [field]));
}

/** A list of distinct call types (docs/rules.md#account-settings), as a list of the operation's own. */
function readRequiredCallTypes(
  value: unknown,
  field: string,
): Checked<readonly RequiredCallType[]> {
  const problem = checkRequiredCallTypes(value, [field]);
  return problem === undefined
    ? { ok: true, value: [...(value as readonly RequiredCallType[])] }
    : refused(problem);
}

/** `*` then 1–3 digits (docs/rules.md#account-settings); anything else, a string or not, is `invalid-value`. */
function readMidCallCode(value: unknown, field: string): Checked<string> {
  return checked<string>(
    value,
    checkMatch(value, [field], MID_CALL_CODE_PATTERN, ALLOWED.midCallCode),
  );
}

/** `end`, `connect` or `{ code }` (docs/rules.md#calls-nobody-can-key), as a value of the operation's own. */
function readUnattendedCalls(value: unknown, field: string): Checked<UnattendedCalls> {
  const problem = checkUnattendedCalls(value, [field]);
  if (problem !== undefined) return refused(problem);
  const checkedValue = value as UnattendedCalls;
  return {
    ok: true,
    value: typeof checkedValue === 'string' ? checkedValue : { code: checkedValue.code },
  };
}

/** `false`, or the lockout object of docs/rules.md#lockout (absent fields take the defaults). */
function readLockout(value: unknown, field: string): Checked<AccountSettings['lockout']> {
  // The error names the lockout field itself (settings.lockout.maxFailures), so a form puts it there.
  const read = readLockoutSettings(value, [field]);
  return read.ok ? read : refused(read.error);
}

/**
 * The check of every account setting, by name. Typed as a mapped type so a
 * setting added to {@link AccountSettings} cannot be forgotten here.
 */
export const SETTING_CHECKS: {
  readonly [K in keyof AccountSettings]: (
    value: unknown,
    field: string,
  ) => Checked<AccountSettings[K]>;
} = {
  enabled: readBoolean,
  requireForInternalCalls: readBoolean,
  validateCodes: readBoolean,
  allowCallAfterMaxRetries: readBoolean,
  requiredCallTypes: readRequiredCallTypes,
  unattendedCalls: readUnattendedCalls,
  midCallCode: readMidCallCode,
  postCallTagMinutes: (value, field) =>
    readInteger(value, field, POST_CALL_TAG_MINUTES, POST_CALL_TAG_MINUTES_ALLOWED),
  lockout: readLockout,
};

/** The settings a trunk may customise (docs/rules.md#trunks), in the order of docs/rules.md#account-settings. */
export const CUSTOMISABLE_SETTINGS: readonly CustomisableSetting[] = [
  'requireForInternalCalls',
  'validateCodes',
  'allowCallAfterMaxRetries',
  'requiredCallTypes',
  'unattendedCalls',
];

/** The names of the account settings, in the order of docs/rules.md#account-settings. */
export const ACCOUNT_SETTING_NAMES = /* @__PURE__ */ Object.keys(
  SETTING_CHECKS,
) as readonly (keyof AccountSettings)[];

/** The index of the trunk with id `trunkId`, or `unknown-trunk` naming the trunks there are. */
export function findTrunk(config: Config, trunkId: unknown): Checked<number> {
  if (typeof trunkId !== 'string') return invalidValue('trunkId', ALLOWED.trunkId, trunkId);
  const index = config.trunks.findIndex((trunk) => trunk.id === trunkId);
  if (index >= 0) return { ok: true, value: index };
  const known = config.trunks.map((trunk) => JSON.stringify(trunk.id)).join(', ') || 'none';
  return fail(
    'unknown-trunk',
    'trunkId',
    `trunkId must be the id of a trunk of the account; ${JSON.stringify(trunkId)} is not one (known trunks: ${known})`,
  );
}

/**
 * The first `unattendedCalls: { code }` of `config` that is not on the list
 * where validated (or not `codeLength` digits), as an operation's error; the
 * same rule as parseConfig's (docs/rules.md#calls-nobody-can-key).
 */
export function unattendedCodeError(config: Config): SettingsError | undefined {
  const issue = unattendedCodeProblems(config)[0];
  if (issue === undefined) return undefined;
  return {
    code: 'unattended-code-not-on-list',
    field: issue.path.join('.'),
    message: issue.message,
  };
}

/** True when codes are validated at the account or on any trunk (docs/rules.md#administrative-operations, removing the last code). */
export function validationIsOnAnywhere(config: Config): boolean {
  return (
    config.account.settings.validateCodes ||
    config.trunks.some((trunk) => trunk.customSettings?.validateCodes === true)
  );
}

/** A copy of `config` whose trunk at `index` is `update(trunk)`; the other trunks are shared. */
export function replaceTrunk(
  config: Config,
  index: number,
  update: (trunk: Config['trunks'][number]) => Config['trunks'][number],
): Config {
  return {
    ...config,
    trunks: config.trunks.map((trunk, i) => (i === index ? update(trunk) : trunk)),
  };
}
