/**
 * The console's one piece of state: the configuration, kept in localStorage
 * in the CLI's file format (the JSON that parseConfig reads). Stored data is
 * untrusted, so it goes through parseConfig on the way in, like a file.
 */
import { type Config, type ConfigIssue, parseConfig } from 'account-codes';
import acme from '../../acme.json';

const STORAGE_KEY = 'account-codes-console/config';

/** What the console holds: a configuration, or none yet (account codes never enabled). */
export type ConsoleState = { readonly config: Config | undefined };

/** The embedded default: examples/acme.json, the CLI's example account. */
export function exampleConfig(): Config {
  const parsed = parseConfig(acme);
  // The example is checked by the library's own tests (test/examples); a failure here is a build bug.
  if (!parsed.ok) throw new Error('examples/acme.json is not a valid configuration');
  return parsed.config;
}

/** Reads a config file's text: JSON first, then parseConfig; every problem with its path. */
export function readConfigText(
  text: string,
): { ok: true; config: Config } | { ok: false; issues: readonly ConfigIssue[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [
        { code: 'invalid-value', path: [], message: `the file is not valid JSON: ${detail}` },
      ],
    };
  }
  const parsed = parseConfig(json);
  return parsed.ok ? { ok: true, config: parsed.config } : parsed;
}

/** The config file's text, as the CLI reads it. */
export function configText(config: Config): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * The stored state; the example when nothing (or nothing valid) is stored.
 * `notice` says why a stored value was not used.
 */
export function loadState(storage: Storage | undefined): {
  state: ConsoleState;
  notice?: string;
} {
  let text: string | null = null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage can be unavailable (privacy settings); the console still works for this visit.
  }
  if (text === null) return { state: { config: exampleConfig() } };
  if (text === 'null') return { state: { config: undefined } };
  const read = readConfigText(text);
  if (read.ok) return { state: { config: read.config } };
  return {
    state: { config: exampleConfig() },
    notice: `The stored configuration was not valid (${read.issues[0]?.message ?? 'unknown problem'}); the example account is loaded instead.`,
  };
}

/** Stores the state; `null` records "no account yet". Never throws. */
export function saveState(storage: Storage | undefined, state: ConsoleState): void {
  try {
    storage?.setItem(STORAGE_KEY, state.config === undefined ? 'null' : configText(state.config));
  } catch {
    // Quota or privacy settings: the state lives on in memory for this visit.
  }
}

/** The browser's storage, when it lets the page use it (privacy settings may refuse). */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
