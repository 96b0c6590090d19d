/**
 * Settings resolution (SPEC §2.3–2.4): effective = account settings ⊕ trunk
 * custom settings, with the level every value came from and every override
 * that was ignored, with why.
 */
import type {
  Account,
  Config,
  CustomisableSetting,
  RequiredCallType,
  Trunk,
} from '../config/types.js';

/** The level an effective value came from. */
export type SettingSource = 'account' | 'trunk';

/** The settings in force on one trunk: what the decision and code entry need. */
export interface EffectiveSettings {
  /** Calls to the account's own extensions and numbers need a code (SPEC §4). Account or trunk. */
  readonly requireForInternalCalls: boolean;
  /** Authorization (codes looked up in the account's list) rather than tracking (any digits of the right length pass). Account or trunk. */
  readonly validateCodes: boolean;
  /** After the last incorrect attempt, connect untagged instead of ending the call. A trunk may only turn it off (SPEC §2.3). */
  readonly allowCallAfterMaxRetries: boolean;
  /** Call types that need a code; empty means every external call does (SPEC §2.2). A trunk's set replaces the account's whole. */
  readonly requiredCallTypes: readonly RequiredCallType[];
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

/** Why the feature is off on a trunk. */
export type InactiveReason = 'account-disabled' | 'trunk-disabled';

/** A trunk's resolved settings. */
export interface ResolvedSettings {
  /** The trunk was found. */
  readonly ok: true;
  /** The trunk the settings are for. */
  readonly trunkId: string;
  /** The account is enabled and so is the trunk (SPEC §2.4): only then does anyone get prompted. */
  readonly active: boolean;
  /** Why `active` is false; absent when it is true. */
  readonly inactiveReason?: InactiveReason;
  /** The effective settings: the account's, with the trunk's custom settings applied (SPEC §2.4). */
  readonly settings: EffectiveSettings;
  /** For every effective setting, whether it came from the account or the trunk. */
  readonly provenance: Provenance;
  /** Stored trunk overrides that were not applied, with why (SPEC §2.3); empty when all applied. */
  readonly ignored: readonly IgnoredOverride[];
}

/**
 * `resolveSettings` failed: the trunk id is not in the configuration
 * (`unknown-trunk`), or the configuration is not shaped like a {@link Config}
 * at all (`invalid-config`: pass stored data through `parseConfig` first).
 */
export interface ResolveSettingsError {
  /** No settings were resolved. */
  readonly ok: false;
  /** Which trunk id was asked for, and why it could not be resolved. */
  readonly error: {
    /** Stable identifier, safe to branch on. */
    readonly code: 'unknown-trunk' | 'invalid-config';
    /** The trunk id that was asked for. */
    readonly trunkId: string;
    /** A sentence naming the unknown id and the trunks the configuration has, or what is malformed. */
    readonly message: string;
  };
}

/**
 * The settings in force on a trunk, with provenance.
 *
 * The answer for a frozen configuration (every `parseConfig` result is one)
 * is computed once per trunk and then returned from a cache keyed by the
 * config object: the same frozen object each time. Other configurations are
 * resolved afresh on every call.
 *
 * @example
 * ```ts
 * const resolved = resolveSettings(config, 'lab');
 * if (resolved.ok) {
 *   resolved.settings.validateCodes; // false
 *   resolved.provenance.validateCodes; // 'trunk'
 * }
 * ```
 */
export function resolveSettings(
  config: Config,
  trunkId: string,
): ResolvedSettings | ResolveSettingsError {
  const cached = resolvedByConfig.get(config)?.get(trunkId);
  if (cached !== undefined) return cached;
  const result = resolveUncached(config, trunkId);
  if (result.ok && readsOnlyFrozen(config)) {
    let byTrunk = resolvedByConfig.get(config);
    if (byTrunk === undefined) {
      byTrunk = new Map();
      resolvedByConfig.set(config, byTrunk);
    }
    byTrunk.set(trunkId, freezeResolved(result));
  }
  return result;
}

/**
 * Resolutions of frozen configs (`parseConfig`'s), per trunk id. A frozen
 * config cannot change, so its resolution cannot either; the entry goes with
 * the config. Only found trunks are kept: unknown ids cannot grow the map.
 */
const resolvedByConfig = new WeakMap<Config, Map<string, ResolvedSettings>>();

/** True when every object resolution reads is frozen, so its answer can be kept. */
function readsOnlyFrozen(config: Config): boolean {
  // Object.isFrozen is true of undefined and other non-objects.
  const { account, trunks } = config;
  return (
    Object.isFrozen(config) &&
    Object.isFrozen(account) &&
    Object.isFrozen(account.settings) &&
    Object.isFrozen(account.settings.requiredCallTypes) &&
    Object.isFrozen(trunks) &&
    trunks.every(
      (trunk) =>
        Object.isFrozen(trunk) &&
        Object.isFrozen(trunk.customSettings) &&
        Object.isFrozen(trunk.customSettings?.requiredCallTypes),
    )
  );
}

/** A kept resolution is shared by every caller, so it is frozen too. */
function freezeResolved(resolved: ResolvedSettings): ResolvedSettings {
  Object.freeze(resolved.settings);
  Object.freeze(resolved.provenance);
  for (const override of resolved.ignored) Object.freeze(override);
  Object.freeze(resolved.ignored);
  return Object.freeze(resolved);
}

function resolveUncached(config: Config, trunkId: string): ResolvedSettings | ResolveSettingsError {
  // Total (SPEC §7): a value that is not a Config gets a typed error, not an exception.
  if (!hasConfigShape(config)) {
    return {
      ok: false,
      error: {
        code: 'invalid-config',
        trunkId: String(trunkId),
        message:
          'config must be a configuration as parseConfig returns it (account.settings and trunks)',
      },
    };
  }
  const trunk = config.trunks.find((t) => t.id === trunkId);
  if (trunk === undefined) {
    const known = config.trunks.map((t) => JSON.stringify(t.id)).join(', ') || 'none';
    return {
      ok: false,
      error: {
        code: 'unknown-trunk',
        trunkId,
        message: `trunk ${JSON.stringify(trunkId)} is not in the configuration; known trunks: ${known}`,
      },
    };
  }
  const { settings, provenance, ignored } = mergeTrunkSettings(config.account, trunk);
  const inactiveReason: InactiveReason | undefined = !config.account.settings.enabled
    ? 'account-disabled'
    : !trunk.accountCodesEnabled
      ? 'trunk-disabled'
      : undefined;
  return {
    ok: true,
    trunkId,
    active: inactiveReason === undefined,
    ...(inactiveReason === undefined ? {} : { inactiveReason }),
    settings,
    provenance,
    ignored,
  };
}

/**
 * The effective settings of `trunk` under `account`, whether or not the
 * feature is active on it. Shared by resolution and the config warnings.
 */
export function mergeTrunkSettings(
  account: Account,
  trunk: Trunk,
): Pick<ResolvedSettings, 'settings' | 'provenance' | 'ignored'> {
  const base = account.settings;
  const custom = trunk.customSettings ?? {};
  const ignored: IgnoredOverride[] = [];

  // §2.3: a trunk may turn allowCallAfterMaxRetries off, never on over an account that has it off.
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

  return {
    settings: {
      requireForInternalCalls,
      validateCodes,
      allowCallAfterMaxRetries,
      requiredCallTypes,
      codeLength: account.codeLength,
      maxRetries: account.maxRetries,
      midCallCode: base.midCallCode,
    },
    provenance: {
      requireForInternalCalls: internalFrom,
      validateCodes: validateFrom,
      allowCallAfterMaxRetries: allowFrom,
      requiredCallTypes: typesFrom,
      codeLength: 'account',
      maxRetries: 'account',
      midCallCode: 'account',
    },
    ignored,
  };
}

/** Just enough structure to resolve without an exception; `parseConfig` checks the rest. */
function hasConfigShape(config: unknown): config is Config {
  if (typeof config !== 'object' || config === null) return false;
  const { account, trunks } = config as { account?: unknown; trunks?: unknown };
  return (
    Array.isArray(trunks) &&
    // Array.from turns holes into undefined: every() alone would skip them.
    Array.from(trunks).every((trunk) => typeof trunk === 'object' && trunk !== null) &&
    typeof account === 'object' &&
    account !== null &&
    typeof (account as { settings?: unknown }).settings === 'object' &&
    (account as { settings?: unknown }).settings !== null
  );
}
