/**
 * Settings resolution (docs/rules.md#trunks and docs/rules.md#resolution): effective = account settings ⊕ trunk
 * custom settings, with the level every value came from and every override
 * that was ignored, with why.
 */
import {
  type EffectiveSettings,
  type IgnoredOverride,
  mergeTrunkSettings,
  type Provenance,
  type SettingSource,
} from '../config/effective.js';
import type { Config } from '../config/types.js';
import { describeValue } from '../result.js';

export type { EffectiveSettings, IgnoredOverride, Provenance, SettingSource };

/** Why the feature is off on a trunk. */
export type InactiveReason = 'account-disabled' | 'trunk-disabled';

/** A trunk's resolved settings. */
export interface ResolvedSettings {
  /** The trunk was found. */
  readonly ok: true;
  /** The trunk the settings are for. */
  readonly trunkId: string;
  /** The account is enabled and so is the trunk (docs/rules.md#resolution): only then does anyone get prompted. */
  readonly active: boolean;
  /** Why `active` is false; absent when it is true. */
  readonly inactiveReason?: InactiveReason;
  /** The effective settings: the account's, with the trunk's custom settings applied (docs/rules.md#resolution). */
  readonly settings: EffectiveSettings;
  /** For every effective setting, whether it came from the account or the trunk. */
  readonly provenance: Provenance;
  /** Stored trunk overrides that were not applied, with why (docs/rules.md#trunks); empty when all applied. */
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
  if (typeof trunkId !== 'string') {
    // Untyped callers: a typed error, never a String() of a value that has none.
    return {
      ok: false,
      error: {
        code: 'unknown-trunk',
        trunkId: '',
        message: `trunk must be the id of one of the configuration's trunks (a string); got ${describeValue(trunkId)}`,
      },
    };
  }
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
    Object.isFrozen(account.settings.unattendedCalls) &&
    Object.isFrozen(trunks) &&
    trunks.every(
      (trunk) =>
        Object.isFrozen(trunk) &&
        Object.isFrozen(trunk.customSettings) &&
        Object.isFrozen(trunk.customSettings?.requiredCallTypes) &&
        Object.isFrozen(trunk.customSettings?.unattendedCalls),
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
  // Total (docs/rules.md#invariants): a value that is not a Config gets a typed error, not an exception.
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

/** Just enough structure to resolve without an exception; `parseConfig` checks the rest. */
export function hasConfigShape(config: unknown): config is Config {
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
