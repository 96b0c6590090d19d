import { type Config, type ConfigWarning, type JsonPath, parseConfig } from 'account-codes';

/**
 * The configuration's SPEC §2.2 traps and ignored trunk overrides (§2.3), as
 * `parseConfig` reports them, picked by the path they name so each page shows
 * the ones about what it edits.
 */
export function warningsAt(config: Config, prefix: JsonPath): readonly ConfigWarning[] {
  const parsed = parseConfig(config);
  if (!parsed.ok) return [];
  return parsed.warnings.filter((warning) =>
    prefix.every((part, index) => warning.path[index] === part),
  );
}
