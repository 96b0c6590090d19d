/**
 * The account-level administrative operations (docs/rules.md#enabling-the-account, docs/rules.md#account-settings, docs/rules.md#administrative-operations):
 * enable on the account, save the account settings (with the "enable for all
 * trunks?" answer), disable on the account (keeping or deleting the trunks'
 * custom settings).
 */

import { isSupportedCountry } from '../config/countries.js';
import type { ConfigWarning } from '../config/problems.js';
import { ALLOWED, CODE_LENGTH, MAX_RETRIES } from '../config/rules.js';
import {
  type AccountSettings,
  type Config,
  DEFAULT_EXEMPT_NUMBERS,
  DEFAULT_LOCKOUT,
  DEFAULT_MID_CALL_CODE,
  DEFAULT_POST_CALL_TAG_MINUTES,
} from '../config/types.js';
import { configWarnings } from '../config/warnings.js';
import {
  ACCOUNT_SETTING_NAMES,
  checkConfigShape,
  checkOptions,
  readBoolean,
  readInteger,
  SETTING_CHECKS,
  unattendedCodeError,
} from './checks.js';
import { fail, invalidValue, type OperationResult, succeed } from './errors.js';

/** What {@link enableAccountCodes} needs: docs/rules.md#enabling-the-account. */
export interface EnableAccountCodesOptions {
  /** Digits in every code, an integer 3–7. Fixed once set. */
  readonly codeLength: number;
  /** Incorrect entries a caller may make on one call, an integer 1–9. */
  readonly maxRetries: number;
  /** ISO 3166 alpha-2 country of the account; `US` for a new config, unchanged for an existing one. */
  readonly country?: string;
}

/** What {@link enableAccountCodes} did. */
export interface EnableAccountCodesReport {
  /** True when there was no config and a new one was made. */
  readonly created: boolean;
}

/**
 * Enable Account Codes on the account (docs/rules.md#enabling-the-account): set `codeLength` and
 * `maxRetries`. With no config yet, makes a new one with every default of
 * docs/rules.md#account-settings (the master switch `enabled` stays off until the settings are
 * saved, no trunks, no codes). On an existing config, `codeLength` is fixed:
 * the same value may update `maxRetries` (and `country`), a different one is
 * `code-length-immutable`.
 *
 * @example
 * ```ts
 * const created = enableAccountCodes(undefined, { codeLength: 4, maxRetries: 3 });
 * if (created.ok) {
 *   created.config.account.codeLength; // 4
 *   enableAccountCodes(created.config, { codeLength: 5, maxRetries: 3 });
 *   // { ok: false, error: { code: 'code-length-immutable', field: 'codeLength', ... } }
 * }
 * ```
 */
export function enableAccountCodes(
  config: Config | undefined,
  options: EnableAccountCodesOptions,
): OperationResult<EnableAccountCodesReport> {
  if (config !== undefined) {
    const shape = checkConfigShape(config);
    if (shape !== undefined) return { ok: false, error: shape };
  }
  const opts = checkOptions(options, ['codeLength', 'maxRetries', 'country']);
  if (!opts.ok) return opts;
  const codeLength = readInteger(
    opts.value.codeLength,
    'codeLength',
    CODE_LENGTH,
    ALLOWED.codeLength,
  );
  if (!codeLength.ok) return codeLength;
  const maxRetries = readInteger(
    opts.value.maxRetries,
    'maxRetries',
    MAX_RETRIES,
    ALLOWED.maxRetries,
  );
  if (!maxRetries.ok) return maxRetries;
  const country = opts.value.country;
  if (country !== undefined && !(typeof country === 'string' && isSupportedCountry(country))) {
    return invalidValue('country', ALLOWED.country, country);
  }

  if (config === undefined) {
    return succeed(newConfig(codeLength.value, maxRetries.value, country ?? 'US'), {
      created: true,
    });
  }
  // docs/rules.md#enabling-the-account: every code of the account has exactly codeLength digits, so it can never change.
  if (codeLength.value !== config.account.codeLength) {
    return fail(
      'code-length-immutable',
      'codeLength',
      `codeLength is fixed once set: it must stay ${config.account.codeLength}, the length of every code of the account; got ${codeLength.value}`,
    );
  }
  return succeed(
    {
      ...config,
      account: {
        ...config.account,
        maxRetries: maxRetries.value,
        ...(country === undefined ? {} : { country }),
      },
    },
    { created: false },
  );
}

function newConfig(codeLength: number, maxRetries: number, country: string): Config {
  return {
    account: {
      country,
      codeLength,
      maxRetries,
      settings: {
        enabled: false,
        requireForInternalCalls: false,
        validateCodes: false,
        allowCallAfterMaxRetries: false,
        requiredCallTypes: [],
        unattendedCalls: 'end',
        midCallCode: DEFAULT_MID_CALL_CODE,
        postCallTagMinutes: DEFAULT_POST_CALL_TAG_MINUTES,
        lockout: DEFAULT_LOCKOUT,
      },
      dialPlan: { extensionLengths: [], ownNumbers: [] },
      codes: [],
      exemptNumbers: [...DEFAULT_EXEMPT_NUMBERS],
    },
    trunks: [],
  };
}

/** What {@link saveAccountSettings} needs: the changed settings and the administrator's answer. */
export interface SaveAccountSettingsOptions {
  /** The settings to change; absent ones keep their value. */
  readonly settings: Partial<AccountSettings>;
  /**
   * The answer to "enable for all trunks that don't have it yet?": `true`
   * turns on every trunk whose flag is off (including trunks turned off on
   * purpose), `false` leaves every trunk flag as it is.
   */
  readonly enableForAllTrunks: boolean;
}

/** What {@link saveAccountSettings} did. */
export interface SaveAccountSettingsReport {
  /** The trunks whose `accountCodesEnabled` flag this save turned on, in config order. */
  readonly trunksEnabled: readonly string[];
  /**
   * The docs/rules.md#account-settings traps the saved config falls into (valid, but worth a second
   * look), and trunk overrides the account no longer allows (`override-not-allowed`:
   * kept, and ignored on resolution, docs/rules.md#trunks).
   */
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Save the account settings (docs/rules.md#account-settings, docs/rules.md#administrative-operations) with the administrator's answer
 * to "enable for all trunks that don't have it yet?". Custom settings of
 * trunks are kept either way (docs/rules.md#administrative-operations), even a trunk's
 * `allowCallAfterMaxRetries: true` when this save turns the account's off:
 * resolution then ignores it (docs/rules.md#trunks) and `report.warnings` says so.
 *
 * @example
 * ```ts
 * const saved = saveAccountSettings(config, {
 *   settings: { enabled: true, requiredCallTypes: ['international'] },
 *   enableForAllTrunks: true,
 * });
 * if (saved.ok) saved.report.trunksEnabled; // ['branch'], the trunks that were off
 * ```
 */
export function saveAccountSettings(
  config: Config,
  options: SaveAccountSettingsOptions,
): OperationResult<SaveAccountSettingsReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const opts = checkOptions(options, ['settings', 'enableForAllTrunks']);
  if (!opts.ok) return opts;
  const patch = checkOptions(opts.value.settings, ACCOUNT_SETTING_NAMES, 'settings');
  if (!patch.ok) return patch;
  const enableForAllTrunks = readBoolean(opts.value.enableForAllTrunks, 'enableForAllTrunks');
  if (!enableForAllTrunks.ok) return enableForAllTrunks;

  let settings: AccountSettings = config.account.settings;
  for (const name of ACCOUNT_SETTING_NAMES) {
    const value = patch.value[name];
    if (value === undefined) continue;
    const checked = SETTING_CHECKS[name](value, `settings.${name}`);
    if (!checked.ok) return checked;
    settings = { ...settings, [name]: checked.value };
  }
  // docs/rules.md#account-settings: with validation on and no codes, nobody could place a code-gated call.
  if (patch.value.validateCodes === true && config.account.codes.length === 0) {
    return fail(
      'no-codes-to-validate',
      'settings.validateCodes',
      'settings.validateCodes can only be true when the account has at least one code; add a code first, or leave it false',
    );
  }

  const trunksEnabled: string[] = [];
  const trunks = config.trunks.map((trunk) => {
    if (!enableForAllTrunks.value || trunk.accountCodesEnabled) return trunk;
    trunksEnabled.push(trunk.id);
    return { ...trunk, accountCodesEnabled: true };
  });

  const saved: Config = { ...config, account: { ...config.account, settings }, trunks };
  const unattended = unattendedCodeError(saved);
  if (unattended !== undefined) return { ok: false, error: unattended };
  return succeed(saved, { trunksEnabled, warnings: configWarnings(saved) });
}

/** What {@link disableAccountCodes} needs: the administrator's answer. */
export interface DisableAccountCodesOptions {
  /**
   * Keep the trunks' custom settings (`true`), so re-enabling restores them,
   * or delete them (`false`).
   */
  readonly keepCustomSettings: boolean;
}

/** What {@link disableAccountCodes} did. */
export interface DisableAccountCodesReport {
  /** The trunks whose custom settings were deleted, in config order (empty when kept). */
  readonly customSettingsRemoved: readonly string[];
}

/**
 * Disable Account Codes on the account (docs/rules.md#administrative-operations): the master switch goes
 * off, so nothing prompts. Trunk flags, the code list and (when kept) custom
 * settings survive, so saving the settings with `enabled: true` and
 * `enableForAllTrunks: false` restores every trunk exactly as it was.
 *
 * @example
 * ```ts
 * const off = disableAccountCodes(config, { keepCustomSettings: false });
 * if (off.ok) off.report.customSettingsRemoved; // ['lab']
 * ```
 */
export function disableAccountCodes(
  config: Config,
  options: DisableAccountCodesOptions,
): OperationResult<DisableAccountCodesReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const opts = checkOptions(options, ['keepCustomSettings']);
  if (!opts.ok) return opts;
  const keep = readBoolean(opts.value.keepCustomSettings, 'keepCustomSettings');
  if (!keep.ok) return keep;

  const customSettingsRemoved: string[] = [];
  const trunks = keep.value
    ? config.trunks
    : config.trunks.map((trunk) => {
        if (trunk.customSettings === undefined) return trunk;
        customSettingsRemoved.push(trunk.id);
        const { customSettings: _deleted, ...rest } = trunk;
        return rest;
      });
  const settings: AccountSettings = { ...config.account.settings, enabled: false };
  return succeed(
    { ...config, account: { ...config.account, settings }, trunks },
    { customSettingsRemoved },
  );
}
