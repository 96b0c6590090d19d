/**
 * The account-level administrative operations (SPEC §2.1, §2.2, §2.5):
 * enable on the account, save the account settings (with the "enable for all
 * trunks?" answer), disable on the account (keeping or deleting the trunks'
 * custom settings).
 */
import type { ConfigWarning } from '../config/problems.js';
import { ALLOWED, CODE_LENGTH, MAX_RETRIES } from '../config/rules.js';
import {
  type AccountSettings,
  type Config,
  DEFAULT_EXEMPT_NUMBERS,
  DEFAULT_MID_CALL_CODE,
  type Trunk,
} from '../config/types.js';
import { configWarnings } from '../config/warnings.js';
import { isSupportedCountry } from '../phone.js';
import {
  ACCOUNT_SETTING_NAMES,
  checkBoolean,
  checkConfigShape,
  checkInteger,
  checkOptions,
  SETTING_CHECKS,
} from './checks.js';
import { fail, invalidValue, type OperationResult, succeed } from './errors.js';

/** What {@link enableAccountCodes} needs: SPEC §2.1. */
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
 * Enable Account Codes on the account (SPEC §2.1): set `codeLength` and
 * `maxRetries`. With no config yet, makes a new one with every default of
 * SPEC §2.2 (the master switch `enabled` stays off until the settings are
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
  const codeLength = checkInteger(
    opts.value.codeLength,
    CODE_LENGTH,
    ALLOWED.codeLength,
    'codeLength',
  );
  if (!codeLength.ok) return codeLength;
  const maxRetries = checkInteger(
    opts.value.maxRetries,
    MAX_RETRIES,
    ALLOWED.maxRetries,
    'maxRetries',
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
  // §2.1: every code of the account has exactly codeLength digits, so it can never change.
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
        midCallCode: DEFAULT_MID_CALL_CODE,
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

/** A trunk override that a save removed because the account no longer allows it. */
export interface RemovedOverride {
  /** The trunk whose custom setting was removed. */
  readonly trunkId: string;
  /** The removed custom setting: only `allowCallAfterMaxRetries` can become forbidden (SPEC §2.3). */
  readonly setting: 'allowCallAfterMaxRetries';
}

/** What {@link saveAccountSettings} did. */
export interface SaveAccountSettingsReport {
  /** The trunks whose `accountCodesEnabled` flag this save turned on, in config order. */
  readonly trunksEnabled: readonly string[];
  /**
   * Trunk overrides turning `allowCallAfterMaxRetries` on, removed because this
   * save turns it off on the account (SPEC §2.3: a trunk may never turn it on
   * over an account that has it off). See docs/settings.md.
   */
  readonly overridesRemoved: readonly RemovedOverride[];
  /** The SPEC §2.2 traps the saved config falls into (valid, but worth a second look). */
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Save the account settings (SPEC §2.2, §2.5) with the administrator's answer
 * to "enable for all trunks that don't have it yet?". Custom settings of
 * trunks are kept either way, except an `allowCallAfterMaxRetries: true`
 * override when this save turns the account's `allowCallAfterMaxRetries`
 * off: that override would become forbidden (§2.3), so it is removed and
 * reported.
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
  const enableForAllTrunks = checkBoolean(opts.value.enableForAllTrunks, 'enableForAllTrunks');
  if (!enableForAllTrunks.ok) return enableForAllTrunks;

  let settings: AccountSettings = config.account.settings;
  for (const name of ACCOUNT_SETTING_NAMES) {
    const value = patch.value[name];
    if (value === undefined) continue;
    const checked = SETTING_CHECKS[name](value, `settings.${name}`);
    if (!checked.ok) return checked;
    settings = { ...settings, [name]: checked.value };
  }
  // §2.2: with validation on and no codes, nobody could place a code-gated call.
  if (patch.value.validateCodes === true && config.account.codes.length === 0) {
    return fail(
      'no-codes-to-validate',
      'settings.validateCodes',
      'settings.validateCodes can only be true when the account has at least one code; add a code first, or leave it false',
    );
  }

  // Only the overrides this save makes forbidden are removed; a stored one that
  // already was (ignored on resolution, SPEC §2.3) is left for the administrator.
  const turnsAllowOff =
    config.account.settings.allowCallAfterMaxRetries && !settings.allowCallAfterMaxRetries;
  const trunksEnabled: string[] = [];
  const overridesRemoved: RemovedOverride[] = [];
  const trunks = config.trunks.map((trunk) => {
    let next = trunk;
    if (enableForAllTrunks.value && !trunk.accountCodesEnabled) {
      trunksEnabled.push(trunk.id);
      next = { ...next, accountCodesEnabled: true };
    }
    if (turnsAllowOff && trunk.customSettings?.allowCallAfterMaxRetries) {
      overridesRemoved.push({ trunkId: trunk.id, setting: 'allowCallAfterMaxRetries' });
      next = withoutAllowOverride(next);
    }
    return next;
  });

  const saved: Config = { ...config, account: { ...config.account, settings }, trunks };
  return succeed(saved, { trunksEnabled, overridesRemoved, warnings: configWarnings(saved) });
}

/** The trunk without its `allowCallAfterMaxRetries` override; no custom settings left means none at all. */
function withoutAllowOverride(trunk: Trunk): Trunk {
  const { customSettings, ...rest } = trunk;
  if (customSettings === undefined) return trunk;
  const { allowCallAfterMaxRetries: _removed, ...kept } = customSettings;
  return Object.keys(kept).length === 0 ? rest : { ...rest, customSettings: kept };
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
 * Disable Account Codes on the account (SPEC §2.5): the master switch goes
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
  const keep = checkBoolean(opts.value.keepCustomSettings, 'keepCustomSettings');
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
