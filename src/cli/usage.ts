/** The CLI's help texts (SPEC §8). */

export const USAGE = `Usage: account-codes <command> [options]

Account Codes for hosted telephony: check an account's configuration, and
see what happens when someone dials on one of its trunks.

Commands:
  check FILE                                  validate a configuration file; print warnings
  schema                                      print the JSON Schema of the configuration file

Options:
  -h, --help       show help (also after a command: account-codes check --help)
  -v, --version    print the version

Exit status: 0 success, 1 invalid input, 2 bad usage.`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  check: `Usage: account-codes check FILE

Validates the configuration file FILE (JSON; see account-codes schema) and
prints its warnings: risky settings, and trunk overrides that are ignored.

Exit status: 0 valid (warnings or not), 1 invalid (every problem listed by
JSON path), 2 bad usage.`,
  schema: `Usage: account-codes schema

Prints the JSON Schema (draft 2020-12) of the configuration file.`,
};
