/**
 * The trunk-level administrative operations (docs/rules.md#trunks, docs/rules.md#administrative-operations): add a trunk,
 * enable or disable one, set or clear its custom settings.
 *
 * Operations on an existing trunk take its id; `addTrunk` takes the new
 * trunk's fields.
 */
import type { ConfigWarning } from '../config/problems.js';
import { ALLOWED, TRUNK_ID_PATTERN } from '../config/rules.js';
import type { Config, Trunk, TrunkCustomSettings } from '../config/types.js';
import { configWarnings } from '../config/warnings.js';
import {
  CUSTOMISABLE_SETTINGS,
  checkConfigShape,
  checkOptions,
  findTrunk,
  isRecord,
  replaceTrunk,
  SETTING_CHECKS,
  unattendedCodeError,
} from './checks.js';
import { type ChangeReport, fail, invalidValue, type OperationResult, succeed } from './errors.js';

/** What {@link addTrunk} needs. */
export interface AddTrunkOptions {
  /** Unique in the account: printable, 1–64 characters, no surrounding spaces. */
  readonly id: string;
}

/** What {@link addTrunk} did. */
export interface AddTrunkReport {
  /** The id of the new trunk, which starts with `accountCodesEnabled: false`. */
  readonly trunkId: string;
}

/**
 * Add a trunk to the account (docs/rules.md#trunks). It starts with Account Codes off:
 * new trunks are never enabled automatically.
 *
 * @example
 * ```ts
 * const added = addTrunk(config, { id: 'branch' });
 * if (added.ok) added.config.trunks.at(-1); // { id: 'branch', accountCodesEnabled: false }
 * ```
 */
export function addTrunk(
  config: Config,
  options: AddTrunkOptions,
): OperationResult<AddTrunkReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const opts = checkOptions(options, ['id']);
  if (!opts.ok) return opts;
  const id = opts.value.id;
  if (typeof id !== 'string' || !TRUNK_ID_PATTERN.test(id)) {
    return invalidValue('id', ALLOWED.trunkId, id);
  }
  if (config.trunks.some((trunk) => trunk.id === id)) {
    return fail(
      'duplicate-trunk-id',
      'id',
      `id must be unique in the account; a trunk ${JSON.stringify(id)} already exists`,
    );
  }
  const trunk: Trunk = { id, accountCodesEnabled: false };
  return succeed({ ...config, trunks: [...config.trunks, trunk] }, { trunkId: id });
}

/**
 * Turn Account Codes on for one trunk (docs/rules.md#administrative-operations). Callers on it are prompted
 * only while the account is enabled too (docs/rules.md#resolution).
 *
 * @example
 * ```ts
 * const on = enableTrunk(config, 'branch');
 * if (on.ok) on.report.changed; // true, or false if it was already on
 * ```
 */
export function enableTrunk(config: Config, trunkId: string): OperationResult<ChangeReport> {
  return setTrunkFlag(config, trunkId, true);
}

/**
 * Turn Account Codes off for one trunk (docs/rules.md#administrative-operations). Its custom settings are
 * kept for when it is turned on again.
 *
 * @example
 * ```ts
 * const off = disableTrunk(config, 'lab');
 * if (off.ok) off.config.trunks[1]?.accountCodesEnabled; // false
 * ```
 */
export function disableTrunk(config: Config, trunkId: string): OperationResult<ChangeReport> {
  return setTrunkFlag(config, trunkId, false);
}

function setTrunkFlag(
  config: Config,
  trunkId: unknown,
  accountCodesEnabled: boolean,
): OperationResult<ChangeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const found = findTrunk(config, trunkId);
  if (!found.ok) return found;
  if (config.trunks[found.value]?.accountCodesEnabled === accountCodesEnabled) {
    return succeed(config, { changed: false });
  }
  return succeed(
    replaceTrunk(config, found.value, (trunk) => ({ ...trunk, accountCodesEnabled })),
    { changed: true },
  );
}

/** What {@link setTrunkCustomSettings} did. */
export interface SetTrunkCustomSettingsReport extends ChangeReport {
  /** The docs/rules.md#account-settings traps the saved config falls into (valid, but worth a second look). */
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Set a trunk's custom settings (docs/rules.md#trunks), replacing any it had: a present
 * value overrides the account's, an absent one inherits it; `{}` removes the
 * custom settings. Rejected: settings that are account-wide or unknown
 * (`not-customisable`), `allowCallAfterMaxRetries: true` over an account that
 * has it off (`override-not-allowed`), `validateCodes: true` on an account
 * with no codes (`no-codes-to-validate`).
 *
 * @example
 * ```ts
 * setTrunkCustomSettings(config, 'lab', { validateCodes: false }); // ok
 * setTrunkCustomSettings(config, 'lab', { codeLength: 5 });
 * // { ok: false, error: { code: 'not-customisable', field: 'customSettings.codeLength', ... } }
 * ```
 */
export function setTrunkCustomSettings(
  config: Config,
  trunkId: string,
  custom: TrunkCustomSettings,
): OperationResult<SetTrunkCustomSettingsReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const found = findTrunk(config, trunkId);
  if (!found.ok) return found;
  if (!isRecord(custom)) {
    return invalidValue(
      'customSettings',
      `an object with any of the fields ${CUSTOMISABLE_SETTINGS.join(', ')}`,
      custom,
    );
  }
  for (const key of Object.keys(custom)) {
    if (!CUSTOMISABLE_SETTINGS.some((name) => name === key)) {
      return fail(
        'not-customisable',
        `customSettings.${key}`,
        `customSettings.${key} cannot be customised on a trunk: ${JSON.stringify(key)} is account-wide or unknown; a trunk may customise only ${CUSTOMISABLE_SETTINGS.join(', ')}`,
      );
    }
  }

  let checked: TrunkCustomSettings = {};
  for (const name of CUSTOMISABLE_SETTINGS) {
    const value = custom[name];
    if (value === undefined) continue;
    const result = SETTING_CHECKS[name](value, `customSettings.${name}`);
    if (!result.ok) return result;
    checked = { ...checked, [name]: result.value };
  }

  const account = config.account;
  // docs/rules.md#trunks: a trunk may turn allowCallAfterMaxRetries off, never on over an account that has it off.
  if (checked.allowCallAfterMaxRetries === true && !account.settings.allowCallAfterMaxRetries) {
    return fail(
      'override-not-allowed',
      'customSettings.allowCallAfterMaxRetries',
      'customSettings.allowCallAfterMaxRetries can only be false (or absent) while the account has allowCallAfterMaxRetries off: a trunk may turn it off, never on',
    );
  }
  // docs/rules.md#account-settings: with validation on and no codes, nobody on this trunk could place a code-gated call.
  if (checked.validateCodes === true && account.codes.length === 0) {
    return fail(
      'no-codes-to-validate',
      'customSettings.validateCodes',
      'customSettings.validateCodes can only be true when the account has at least one code; add a code first, or leave it false or absent',
    );
  }

  if (sameCustomSettings(config.trunks[found.value]?.customSettings ?? {}, checked)) {
    return succeed(config, { changed: false, warnings: configWarnings(config) });
  }
  const next = replaceTrunk(config, found.value, (trunk) => withCustomSettings(trunk, checked));
  const unattended = unattendedCodeError(next);
  if (unattended !== undefined) return { ok: false, error: unattended };
  return succeed(next, { changed: true, warnings: configWarnings(next) });
}

/**
 * Clear a trunk's custom settings (docs/rules.md#administrative-operations): it inherits every setting from
 * the account again.
 *
 * @example
 * ```ts
 * const cleared = clearTrunkCustomSettings(config, 'lab');
 * if (cleared.ok) cleared.config.trunks[1]?.customSettings; // undefined
 * ```
 */
export function clearTrunkCustomSettings(
  config: Config,
  trunkId: string,
): OperationResult<ChangeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const found = findTrunk(config, trunkId);
  if (!found.ok) return found;
  if (config.trunks[found.value]?.customSettings === undefined) {
    return succeed(config, { changed: false });
  }
  return succeed(
    replaceTrunk(config, found.value, (trunk) => withCustomSettings(trunk, {})),
    { changed: true },
  );
}

/** The trunk with `custom` as its custom settings; none at all when `custom` is empty. */
function withCustomSettings(trunk: Trunk, custom: TrunkCustomSettings): Trunk {
  const { customSettings: _replaced, ...rest } = trunk;
  return Object.keys(custom).length === 0 ? rest : { ...rest, customSettings: custom };
}

function sameCustomSettings(a: TrunkCustomSettings, b: TrunkCustomSettings): boolean {
  return CUSTOMISABLE_SETTINGS.every((name) => {
    const x = a[name];
    const y = b[name];
    return Array.isArray(x) && Array.isArray(y)
      ? x.length === y.length && x.every((item, i) => item === y[i])
      : x === y;
  });
}
