import { REPORT_HELP } from './commands/report-help.js';
import { type CliIo, EXIT, type ExitStatus } from './io.js';

/** The CLI's help texts (docs/rules.md#the-config-file-and-the-cli). */

export const USAGE = `Usage: account-codes <command> [options]

Account Codes for hosted telephony: check an account's configuration, and
see what happens when someone dials on one of its trunks.

Commands:
  check FILE                                  validate a configuration file; print warnings and exposure
  explain FILE --trunk ID --dial DIGITS       effective settings, classification, decision and why
  simulate FILE --trunk ID --dial DIGITS      the whole call, keys and all
  report FILE --cdr CDR                       calls, answered calls and billable seconds per code, from CDRs
  lockout FILE --ledger LEDGER                the lockout scopes with failures or locks
  unblock FILE --ledger LEDGER --all          an administrator's unblock (or --trunk ID, --caller ID)
  schema                                      print the JSON Schema of the configuration file
  demo                                        a few calls on the example account

Options:
  -h, --help       show help (also after a command: account-codes check --help)
  -v, --version    print the version

Exit status: 0 success, 1 invalid input, 2 bad usage.`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  check: `Usage: account-codes check FILE [--json]

Validates the configuration file FILE (JSON; see account-codes schema) and
prints its warnings: risky settings, trunk overrides that are ignored, weak
codes, and the exposure: how long an attacker who can place calls
needs on average to find a valid code (a warning under 30 days).

Options:
  --json           print one JSON object: { ok, issues, warnings, exposure }

Exit status: 0 valid (warnings or not), 1 invalid (every problem listed by
JSON path), 2 bad usage.`,
  explain: `Usage: account-codes explain FILE --trunk ID --dial DIGITS [--json]
                        [--unattended [--carried-code CODE]]

Shows what happens when someone dials DIGITS on trunk ID: the trunk's
effective settings and where each came from (account or trunk), overrides
that were ignored and why, how the dial string is classified, and whether a
code is needed, with the reason.

Options:
  --trunk ID       the trunk the call is placed on
  --dial DIGITS    the dial string, as keyed (separators such as spaces, -, ., ( ) are fine)
  --json           print one JSON object instead
  --unattended     nobody can key a code (a forwarded, follow-me or transferred call, a fax
                   leg): a gated call never prompts; a carried code or unattendedCalls settles it
  --carried-code CODE
                   with --unattended: the code of the call that caused this one

Exit status: 0 success, 1 invalid input (bad file, unknown trunk, invalid
dial string), 2 bad usage.`,
  simulate: `Usage: account-codes simulate FILE --trunk ID --dial DIGITS [--keys KEYS] [--json]
                         [--ledger LEDGER] [--at TIME] [--caller ID]
                         [--unattended [--carried-code CODE]]

Plays the whole call: the decision, then each prompt and key of code entry,
with look-ups answered from the account's code list, and the outcome. When
the call needs no code, the keys are mid-call DTMF: *50 (the account's
midCallCode) then a code tags the call.

Options:
  --trunk ID       the trunk the call is placed on
  --dial DIGITS    the dial string
  --keys KEYS      what the caller does: 0-9 * # (DTMF keys), T (a timeout), H (hangs up).
                   Without --keys on a terminal, it asks for keys as you type.
  --json           print one JSON object: classification, decision, outcome, lockout, transcript
  --ledger LEDGER  the lockout ledger: a JSON file, shared by every call that
                   names it (missing = empty; written atomically, safe for concurrent runs),
                   or redis://host[:port][/db] (needs account.id in FILE and ioredis).
                   Without it, lockout is not simulated across calls.
  --at TIME        the call's time, an ISO-8601 instant such as 2026-12-01T10:00:00Z (default: now)
  --caller ID      the caller id (extension or number) for lockout scope "caller"
  --unattended     nobody can key a code (forwarded, follow-me, transferred, fax): a gated
                   call never prompts; a carried code or unattendedCalls settles it at once
  --carried-code CODE
                   with --unattended: the code of the call that caused this one

outcome.result is not-required, connected, connected-after-max-retries,
connected-unattended, ended, abandoned, locked-out, ledger-unavailable, or
incomplete when the keys run out first.

An emergency number connects even on an unknown trunk (with a warning).

Exit status: 0 success, 1 invalid input (bad file, unknown trunk, invalid
dial string, a redis:// ledger without account.id) or a ledger that could
not be read or written (the call failed closed), 2 bad usage (a missing
flag, an unknown key letter, a malformed redis:// URL).`,
  lockout: `Usage: account-codes lockout FILE --ledger LEDGER [--at TIME] [--json]

Lists the lockout scopes of the account in FILE that have failures
in their window or are locked, with their unlock times.

Exit status: 0 success, 1 invalid input (bad file, unreadable ledger), 2 bad usage.`,
  unblock: `Usage: account-codes unblock FILE --ledger LEDGER (--trunk ID | --caller ID | --all [--reset])

An administrator's unblock: clears the locks, failures and lock
history of the trunk's scopes (the trunk and its callers), of one caller (on
every trunk, or on --trunk ID), or of every scope of the account; prints what
was cleared. With --all --reset, a ledger that cannot be read (a corrupt
file, a foreign Redis value) is replaced with an empty one, and what it held
is printed.

Exit status: 0 success, 1 invalid input, 2 bad usage.`,
  demo: `Usage: account-codes demo

Simulates a few calls on the example account (examples/acme.json, embedded):
an international call with a valid code, wrong codes until the limit, the
"809 scam", an emergency call and a mid-call tag.`,
  report: REPORT_HELP,
  schema: `Usage: account-codes schema

Prints the JSON Schema (draft 2020-12) of the configuration file.`,
};

/** Reports bad usage in one line, with where to read more. */
export function usageError(io: CliIo, message: string, command?: string): ExitStatus {
  const help = command === undefined ? 'account-codes --help' : `account-codes ${command} --help`;
  io.stderr(`account-codes: ${message} (see ${help})`);
  return EXIT.usage;
}
