/**
 * The effective settings of a trunk (docs/rules.md#trunks and docs/rules.md#resolution): the account's settings
 * with the trunk's custom settings applied, the level every value came from,
 * and the overrides that do not apply. A configuration-level rule, shared by
 * settings resolution and the configuration warnings.
 */
import type {
  Account,
  CustomisableSetting,
  RequiredCallType,
  Trunk,
  UnattendedCalls,
} from './types.js';

/** The level an effective value came from. */
export type SettingSource = 'account' | 'trunk';

/** The settings in force on one trunk: what the decision and code entry need. */
export interface EffectiveSettings {
  /** Calls to the account's own extensions and numbers need a code (docs/rules.md#the-decision). Account or trunk. */
  readonly requireForInternalCalls: boolean;
  /** Authorization (codes looked up in the account's list) rather than tracking (any digits of the right length pass). Account or trunk. */
  readonly validateCodes: boolean;
  /** After the last incorrect attempt, connect untagged instead of ending the call. A trunk may only turn it off (docs/rules.md#trunks). */
  readonly allowCallAfterMaxRetries: boolean;
  /** Call types that need a code; empty means every external call does (docs/rules.md#account-settings). A trunk's set replaces the account's whole. */
  readonly requiredCallTypes: readonly RequiredCallType[];
  /**
   * A gated call nobody can key: `end`, `connect` untagged, or `{ code }`
   * (docs/rules.md#calls-nobody-can-key). Account or trunk. Always set by
   * resolution; absent in hand-built settings, where it means `end`.
   */
  readonly unattendedCalls?: UnattendedCalls;
  /** Account-wide (never customised on a trunk). */
  readonly codeLength: number;
  /** Account-wide. */
  readonly maxRetries: number;
  /** Account-wide. */
  readonly midCallCode: string;
}

/** For every effective value, the level it came from. */
export type Provenance = { readonly [K in keyof EffectiveSettings]: SettingSource };

/** A trunk override that did not apply, and why. */
export interface IgnoredOverride {
  /** Stable reason code. */
  readonly code: 'override-not-allowed';
  /** The customised setting that was ignored. */
  readonly setting: CustomisableSetting;
  /** The stored value that was ignored. */
  readonly value: boolean;
  /** A sentence saying why the override does not apply. */
  readonly message: string;
}

/**
 * The effective settings of `trunk` under `account`, whether or not the
 * feature is active on it. Shared by resolution and the config warnings.
 */
export function mergeTrunkSettings(
  account: Account,
  trunk: Trunk,
): {
  readonly settings: EffectiveSettings;
  readonly provenance: Provenance;
  readonly ignored: readonly IgnoredOverride[];
} {
  const base = account.settings;
  const custom = trunk.customSettings ?? {};
  const ignored: IgnoredOverride[] = [];

  // docs/rules.md#trunks: a trunk may turn allowCallAfterMaxRetries off, never on over an account that has it off.
  let allowOverride = custom.allowCallAfterMaxRetries;
  if (allowOverride === true && !base.allowCallAfterMaxRetries) {
    ignored.push({
      code: 'override-not-allowed',
      setting: 'allowCallAfterMaxRetries',
      value: true,
      message:
        'the trunk turns allowCallAfterMaxRetries on, but the account has it off; a trunk may only turn it off',
    });
    allowOverride = undefined;
  }

  const pick = <T>(override: T | undefined, inherited: T): [T, SettingSource] =>
    override === undefined ? [inherited, 'account'] : [override, 'trunk'];
  const [requireForInternalCalls, internalFrom] = pick(
    custom.requireForInternalCalls,
    base.requireForInternalCalls,
  );
  const [validateCodes, validateFrom] = pick(custom.validateCodes, base.validateCodes);
  const [allowCallAfterMaxRetries, allowFrom] = pick(allowOverride, base.allowCallAfterMaxRetries);
  const [requiredCallTypes, typesFrom] = pick(custom.requiredCallTypes, base.requiredCallTypes);
  const [unattendedCalls, unattendedFrom] = pick(custom.unattendedCalls, base.unattendedCalls);

  return {
    settings: {
      requireForInternalCalls,
      validateCodes,
      allowCallAfterMaxRetries,
      requiredCallTypes,
      unattendedCalls,
      codeLength: account.codeLength,
      maxRetries: account.maxRetries,
      midCallCode: base.midCallCode,
    },
    provenance: {
      requireForInternalCalls: internalFrom,
      validateCodes: validateFrom,
      allowCallAfterMaxRetries: allowFrom,
      requiredCallTypes: typesFrom,
      unattendedCalls: unattendedFrom,
      codeLength: 'account',
      maxRetries: 'account',
      midCallCode: 'account',
    },
    ignored,
  };
}
