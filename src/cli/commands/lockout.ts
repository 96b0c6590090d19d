/**
 * The administrator's side of docs/rules.md#lockout: `account-codes lockout` lists the
 * scopes with failures or locks, `account-codes unblock` clears them.
 */
import { DEFAULT_LOCKOUT, type LockoutSettings } from '../../config/types.js';
import type { ScopeStatus, UnblockTarget } from '../../lockout/ledger.js';
import { normaliseCallerId } from '../../lockout/scope.js';
import type { StoreResult } from '../../lockout/store.js';
import { type CliIo, EXIT, type ExitStatus } from '../io.js';
import { plural } from '../load.js';
import { describeKey } from '../render.js';
import { usageError } from '../usage.js';
import { loadOrReport } from './explain.js';
import { openLedgerOrReport, parseInstant } from './simulate.js';

export interface LockoutArguments {
  readonly ledger: string | undefined;
  readonly at: string | undefined;
  readonly json: boolean;
}

export interface UnblockArguments {
  readonly ledger: string | undefined;
  readonly trunk: string | undefined;
  readonly caller: string | undefined;
  readonly all: boolean;
  /** With --all: replace a ledger that cannot be read with an empty one. */
  readonly reset: boolean;
}

/** How much of a discarded ledger is printed. */
const DISCARDED_PREVIEW = 2_000;

/** `account-codes lockout FILE --ledger LEDGER [--at TIME] [--json]`. */
export async function lockout(
  io: CliIo,
  file: string,
  args: LockoutArguments,
): Promise<ExitStatus> {
  if (args.ledger === undefined) return usageError(io, 'missing --ledger LEDGER', 'lockout');
  const at = args.at === undefined ? undefined : parseInstant(args.at);
  if (args.at !== undefined && at === undefined) {
    return usageError(
      io,
      `--at ${JSON.stringify(args.at)} is not an ISO-8601 instant such as 2026-12-01T10:00:00Z`,
      'lockout',
    );
  }
  const config = loadOrReport(io, file);
  if (config === undefined) return EXIT.invalid;
  const accountId = config.account.id ?? null;
  const opened = await openLedgerOrReport(io, args.ledger, accountId, 'lockout');
  if (typeof opened === 'number') return opened;
  const settings = settingsOf(config.account.settings.lockout);
  const listed = await opened.store
    .list({ settings, accountId, ...(at === undefined ? {} : { at }) })
    .finally(opened.close);
  if (!listed.ok) {
    io.stderr(`account-codes: ${listed.error.message} [${listed.error.code}]`);
    return EXIT.invalid;
  }
  if (args.json) {
    io.stdout(
      JSON.stringify(
        { lockout: config.account.settings.lockout !== false, scopes: listed.value.map(scopeJson) },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  if (config.account.settings.lockout === false)
    io.stdout('Lockout is off (account.settings.lockout is false).');
  if (listed.value.length === 0) io.stdout('No scope has failures or a lock.');
  for (const status of listed.value) io.stdout(describeStatus(status));
  return EXIT.ok;
}

/** `account-codes unblock FILE --ledger LEDGER (--trunk ID | --caller ID | --all)`. */
export async function unblock(
  io: CliIo,
  file: string,
  args: UnblockArguments,
): Promise<ExitStatus> {
  if (args.ledger === undefined) return usageError(io, 'missing --ledger LEDGER', 'unblock');
  const chosen = [
    args.all,
    args.trunk !== undefined && args.caller === undefined,
    args.caller !== undefined,
  ];
  if (args.reset && !args.all) return usageError(io, '--reset goes with --all', 'unblock');
  if (chosen.filter(Boolean).length !== 1) {
    return usageError(
      io,
      'give one of --trunk ID, --caller ID (optionally with --trunk ID) or --all',
      'unblock',
    );
  }
  let target: UnblockTarget;
  if (args.all) target = { kind: 'all' };
  else if (args.caller !== undefined) {
    const callerId = normaliseCallerId(args.caller);
    if (callerId === undefined)
      return usageError(
        io,
        `--caller ${JSON.stringify(args.caller)} is not an extension or number`,
        'unblock',
      );
    target =
      args.trunk === undefined
        ? { kind: 'caller', callerId }
        : { kind: 'caller', callerId, trunkId: args.trunk };
  } else target = { kind: 'trunk', trunkId: args.trunk as string };
  const config = loadOrReport(io, file);
  if (config === undefined) return EXIT.invalid;
  const accountId = config.account.id ?? null;
  const opened = await openLedgerOrReport(io, args.ledger, accountId, 'unblock');
  if (typeof opened === 'number') return opened;
  const done = await opened.store
    .unblock({ settings: settingsOf(config.account.settings.lockout), accountId, target })
    .then(async (answer) =>
      !answer.ok &&
      answer.error.code === 'invalid-ledger' &&
      args.reset &&
      opened.reset !== undefined
        ? reset(io, args.ledger as string, opened.reset, answer.error.message)
        : answer,
    )
    .finally(opened.close);
  if (typeof done === 'number') return done;
  if (!done.ok) {
    if (done.error.code === 'invalid-ledger') {
      io.stderr(
        `account-codes: ${done.error.message} [${done.error.code}]; \`unblock FILE --ledger LEDGER --all --reset\` replaces it with an empty ledger and prints what it held`,
      );
      return EXIT.invalid;
    }
    io.stderr(`account-codes: ${done.error.message} [${done.error.code}]`);
    return EXIT.invalid;
  }
  const { cleared } = done.value;
  io.stdout(
    cleared.length === 0 ? 'Nothing to unblock.' : `Unblocked ${plural(cleared.length, 'scope')}:`,
  );
  for (const status of cleared) io.stdout(`  ${describeStatus(status)}`);
  return EXIT.ok;
}

/** `unblock … --all --reset` on a ledger that cannot be read (a file or Redis): empty it, and say what was lost. */
async function reset(
  io: CliIo,
  path: string,
  resetLedger: () => Promise<StoreResult<string | null>>,
  why: string,
): Promise<ExitStatus> {
  const done = await resetLedger();
  if (!done.ok) {
    io.stderr(`account-codes: ${done.error.message} [${done.error.code}]`);
    return EXIT.invalid;
  }
  const held = done.value ?? '';
  const shown = held.length > DISCARDED_PREVIEW ? `${held.slice(0, DISCARDED_PREVIEW)}…` : held;
  io.stdout(`Reset the ledger ${path}: it could not be read (${why}).`);
  io.stdout(`Discarded ${plural(held.length, 'character')}: ${JSON.stringify(shown)}`);
  io.stdout('Every scope is unblocked; counting starts again.');
  return EXIT.ok;
}

/** With lockout off the ledger may still hold entries from before: read them with the defaults. */
function settingsOf(lockoutSetting: LockoutSettings | false): LockoutSettings {
  return lockoutSetting === false ? DEFAULT_LOCKOUT : lockoutSetting;
}

function scopeJson(status: ScopeStatus) {
  return {
    scope: status.key.kind,
    trunk: status.key.trunkId,
    caller: status.key.callerId,
    locked: status.locked,
    failures: status.failures,
    limit: status.limit,
    failuresToday: status.failuresToday,
    dailyLimit: status.dailyLimit,
    reason: status.reason,
    unlocksAt: status.unlocksAt === null ? null : new Date(status.unlocksAt).toISOString(),
  };
}

function describeStatus(status: ScopeStatus): string {
  const lock = !status.locked
    ? 'not locked'
    : status.unlocksAt === null
      ? 'locked until an administrator unblocks it'
      : `locked until ${new Date(status.unlocksAt).toISOString()}`;
  const why = status.reason === 'daily' ? ' (daily budget)' : '';
  return `${describeKey(status.key)}: ${status.failures} of ${status.limit} failures in the window, ${status.failuresToday} of ${status.dailyLimit} in 24 hours, ${lock}${why}`;
}
