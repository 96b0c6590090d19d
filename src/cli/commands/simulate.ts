import type { Config } from '../../config/types.js';
import { normaliseCallerId } from '../../lockout/scope.js';
import { createMemoryLockoutStore } from '../../lockout/store.js';
import {
  type CallerAction,
  type CallLockout,
  type CallSession,
  parseKeys,
  type TranscriptItem,
} from '../call.js';
import { type CliIo, EXIT, type ExitStatus } from '../io.js';
import type { OpenedLedger } from '../ledger.js';
import {
  renderClassification,
  renderDecision,
  renderItem,
  renderOutcome,
  renderSettings,
  renderUnattended,
  type Style,
  style,
} from '../render.js';
import { usageError } from '../usage.js';
import {
  type CallArguments,
  callJson,
  loadOrReport,
  openCall,
  reportInvalidDial,
} from './explain.js';

export interface SimulateArguments extends CallArguments {
  /** `undefined` when `--keys` was not given. */
  readonly keys: string | undefined;
  /**
   * `--ledger`: a JSON file or a `redis://` URL; absent: a private ledger for
   * this call (lockout is not simulated across calls; the per-call limits hold).
   */
  readonly ledger?: string;
  /** `--at`: an ISO-8601 instant; absent: now. */
  readonly at?: string;
  /** `--caller`: the caller id (extension or number). */
  readonly caller?: string;
  /** Leave out the effective-settings block (the demo shows it once). */
  readonly brief?: boolean;
}

/** `account-codes simulate FILE --trunk ID --dial DIGITS [--keys KEYS] [--json]` (docs/rules.md#the-config-file-and-the-cli). */
export async function simulate(
  io: CliIo,
  file: string,
  args: SimulateArguments,
): Promise<ExitStatus> {
  let actions: CallerAction[] = [];
  if (args.keys !== undefined) {
    const parsed = parseKeys(args.keys);
    if (!parsed.ok) {
      return usageError(
        io,
        `--keys has ${JSON.stringify(parsed.letter)} at position ${parsed.index + 1}; keys are 0-9, *, # (DTMF), T (timeout) and H (hangup)`,
        'simulate',
      );
    }
    actions = parsed.actions;
  }
  const context = callLockout(io, args);
  if (typeof context === 'string') return usageError(io, context, 'simulate');
  const config = loadOrReport(io, file);
  if (config === undefined) return EXIT.invalid;
  const accountId = config.account.id ?? null;
  const ledger = await openLedgerOrReport(io, args.ledger, accountId, 'simulate');
  if (typeof ledger === 'number') return ledger;
  try {
    return await simulateCall(io, config, args, actions, {
      ...context,
      store: ledger.store,
      subject: { ...context.subject, accountId },
    });
  } finally {
    await ledger.close();
  }
}

/**
 * Opens `--ledger` for the account (docs/rules.md#lockout; absent: a private memory
 * ledger), or reports why not and gives the exit status. The caller closes it.
 */
export async function openLedgerOrReport(
  io: CliIo,
  argument: string | undefined,
  accountId: string | null,
  command: 'simulate' | 'lockout' | 'unblock',
): Promise<Extract<OpenedLedger, { ok: true }> | ExitStatus> {
  if (argument === undefined) {
    return { ok: true, store: createMemoryLockoutStore({ clock: io.now }), close: async () => {} };
  }
  const opened = await io.openLedger(argument, accountId);
  if (opened.ok) return opened;
  if (opened.exit === EXIT.usage) return usageError(io, opened.message, command);
  io.stderr(`account-codes: ${opened.message}`);
  return opened.exit;
}

/**
 * `--at` and `--caller` (docs/rules.md#lockout) as the call's lockout context, all but the
 * ledger (`openLedgerOrReport`), or the usage problem.
 */
export function callLockout(
  io: CliIo,
  args: SimulateArguments,
): Omit<CallLockout, 'store'> | string {
  let at: number | undefined;
  if (args.at !== undefined) {
    at = parseInstant(args.at);
    if (at === undefined) {
      return `--at ${JSON.stringify(args.at)} is not an ISO-8601 instant such as 2026-12-01T10:00:00Z`;
    }
  }
  let callerId: string | null = null;
  if (args.caller !== undefined) {
    const normalised = normaliseCallerId(args.caller);
    if (normalised === undefined) {
      return `--caller ${JSON.stringify(args.caller)} must be an extension or number: digits (separators allowed), optionally after +, at most 32`;
    }
    callerId = normalised;
  }
  return {
    subject: { accountId: null, trunkId: args.trunk, callerId },
    callId: io.newCallId(),
    ...(at === undefined ? {} : { at }),
    // The call's instant for a scoped code's validity (docs/rules.md#scoped-codes), ledger or not.
    call: { at: at ?? io.now() },
  };
}

/** An ISO-8601 instant with a date, a time and a zone (Z or an offset), as epoch ms. */
export function parseInstant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Runs one call on a loaded configuration and prints it. */
export async function simulateCall(
  io: CliIo,
  config: Config,
  args: SimulateArguments,
  actions: readonly CallerAction[],
  lockout: CallLockout,
): Promise<ExitStatus> {
  const session = await openCall(io, config, args, lockout);
  if (session === undefined) return EXIT.invalid;
  const s = style(io.color);
  const codeLength = config.account.codeLength;
  const interactive = args.keys === undefined && io.stdinIsTTY && !args.json;

  if (!args.json) {
    const call = session.call();
    if (args.brief !== true) for (const line of renderSettings(call.resolved, s)) io.stdout(line);
    io.stdout(renderClassification(call.dialed, call.classification));
    if (call.decision !== null) io.stdout(renderDecision(call.decision, s));
    if (call.unattended !== undefined) io.stdout(renderUnattended(call.unattended, s));
    for (const item of call.transcript) io.stdout(renderItem(item, codeLength, s));
  }

  if (interactive) await typeKeys(io, session, codeLength, s);
  else {
    for (const action of actions) {
      const lines = await session.step(action);
      if (!args.json) printItems(io, lines, codeLength, s);
    }
  }

  const call = session.call();
  if (args.json) io.stdout(JSON.stringify(callJson(call, true), null, 2));
  else if (call.outcome !== null) io.stdout(renderOutcome(call.outcome, s));
  // docs/rules.md#faults: the call failed closed; the ledger's failure is still an error to report.
  const problems = new Set(call.ledgerProblems.map((p) => `${p.message} [${p.code}]`));
  for (const problem of problems) io.stderr(`account-codes: ${problem}`);
  const status = reportInvalidDial(io, call);
  return problems.size > 0 ? EXIT.invalid : status;
}

function printItems(io: CliIo, items: readonly TranscriptItem[], codeLength: number, s: Style) {
  for (const item of items) io.stdout(renderItem(item, codeLength, s));
}

/** Interactive: a person types keys; an empty line is a timeout, H hangs up, end of input stops. */
async function typeKeys(io: CliIo, session: CallSession, codeLength: number, s: Style) {
  io.stdout(
    s.dim(
      'Type keys (0-9 * #), Enter to send; an empty line is a timeout, H hangs up, Ctrl-D stops.',
    ),
  );
  while (!session.done()) {
    const line = await io.readLine('keys> ');
    if (line === undefined) {
      io.stdout(''); // end the prompt's line before the outcome
      return;
    }
    const parsed = parseKeys(line.trim() === '' ? 'T' : line.trim());
    if (!parsed.ok) {
      io.stdout(`  ${JSON.stringify(parsed.letter)} is not a key; keys are 0-9, *, #, T and H`);
      continue;
    }
    for (const action of parsed.actions) {
      printItems(io, await session.step(action), codeLength, s);
      if (session.done()) return;
    }
  }
}
