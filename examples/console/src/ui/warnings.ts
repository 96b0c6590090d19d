import {
  type Config,
  type ConfigWarning,
  exposureWarnings,
  type JsonPath,
  parseConfig,
} from 'account-codes';

/** The warnings' path starts with `prefix`. */
export function isUnder(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.every((part, index) => path[index] === part);
}

/**
 * The configuration's warnings, as `account-codes check` reports them —
 * docs/rules.md#account-settings traps, ignored trunk overrides (docs/rules.md#trunks), lockout choices and the
 * brute-force exposure with weak codes (docs/rules.md#lockout) — picked by the path they name,
 * so each page shows the ones about what it edits.
 */
export function warningsAt(config: Config, prefix: JsonPath): readonly ConfigWarning[] {
  const parsed = parseConfig(config);
  if (!parsed.ok) return [];
  return [...parsed.warnings, ...exposureWarnings(parsed.config)].filter((warning) =>
    isUnder(warning.path, prefix),
  );
}

/** Where the lockout setting's warnings live (docs/rules.md#lockout). */
export const LOCKOUT_PATH: JsonPath = ['account', 'settings', 'lockout'];
