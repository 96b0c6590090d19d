/**
 * Reads an account file for the examples' servers: JSON, then `parseConfig`
 * (docs/rules.md#the-config-file-and-the-cli). Warnings are printed; any problem ends the process with a
 * message, before the server listens.
 */
import { readFileSync } from 'node:fs';
import { type Config, parseConfig } from 'account-codes';

/**
 * The configuration in `file`, or exits with status 1 and one message per problem.
 *
 * @example
 * ```ts
 * const config = loadConfigOrExit(process.env.ACCOUNT_CODES_CONFIG ?? 'examples/acme.json');
 * ```
 */
export function loadConfigOrExit(file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    exitWith(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseConfig(json);
  if (!parsed.ok) exitWith(parsed.issues.map((issue) => issue.message).join('\n'));
  for (const warning of parsed.warnings) console.error(`warning: ${warning.message}`);
  return parsed.config;
}

/** Prints `account-codes: message` to stderr and exits with status 1. */
export function exitWith(message: string): never {
  console.error(`account-codes: ${message}`);
  process.exit(1);
}
