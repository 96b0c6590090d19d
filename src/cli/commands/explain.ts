import type { Config } from '../../config/types.js';
import type { Unattended, UnattendedOutcome } from '../../evaluate.js';
import { createMemoryLockoutStore } from '../../lockout/store.js';
import { type CallLockout, type CallSession, type SimulatedCall, startCall } from '../call.js';
import { type CliIo, EXIT, type ExitStatus } from '../io.js';
import { loadConfigFile, reportProblems } from '../load.js';
import {
  renderClassification,
  renderDecision,
  renderSettings,
  renderUnattended,
  style,
} from '../render.js';

export interface CallArguments {
  readonly trunk: string;
  readonly dial: string;
  readonly json: boolean;
  /** `--unattended [--carried-code CODE]`: nobody can key a code (docs/rules.md#calls-nobody-can-key). */
  readonly unattended?: Unattended;
}

/** Loads the configuration file, or reports why it cannot be used. */
export function loadOrReport(io: CliIo, file: string): Config | undefined {
  const loaded = loadConfigFile(io, file);
  if (loaded.ok) return loaded.config;
  reportProblems(io, loaded.problems);
  return undefined;
}

/** Starts the call, or reports what stops it (an unknown trunk). */
export async function openCall(
  io: CliIo,
  config: Config,
  args: CallArguments,
  lockout: CallLockout,
): Promise<CallSession | undefined> {
  const started = await startCall(config, args.trunk, args.dial, lockout, args.unattended);
  if (started.ok) {
    if (started.warning !== undefined) io.stderr(`account-codes: warning: ${started.warning}`);
    return started.session;
  }
  io.stderr(`account-codes: ${started.message}`);
  return undefined;
}

/** The JSON of docs/rules.md#the-config-file-and-the-cli: settings with provenance, classification, decision (and, for simulate, the call). */
export function callJson(call: SimulatedCall, withCall: boolean): Record<string, unknown> {
  const { resolved, decision } = call;
  const json: Record<string, unknown> = {
    trunk: call.trunk,
    dialed: call.dialed,
    // An emergency call on an unknown trunk has no settings: null, not made up.
    active: resolved?.active ?? null,
    ...(resolved?.inactiveReason === undefined ? {} : { inactiveReason: resolved.inactiveReason }),
    settings: resolved?.settings ?? null,
    provenance: resolved?.provenance ?? null,
    ignored: resolved?.ignored ?? [],
    classification: call.classification,
    decision:
      decision === null
        ? null
        : {
            required: decision.required,
            rule: decision.rule,
            reason: decision.reason,
            ...(decision.source === undefined ? {} : { source: decision.source }),
          },
    ...(call.unattended === undefined ? {} : { unattended: unattendedJson(call.unattended) }),
  };
  if (!withCall) return json;
  const status = call.lockout;
  return {
    ...json,
    outcome: call.outcome,
    // docs/rules.md#lockout: the line's lockout scope after the call, or null when nothing was counted.
    lockout:
      status === null
        ? null
        : {
            scope: status.scope.kind,
            trunk: status.scope.trunkId,
            caller: status.scope.callerId,
            locked: status.locked,
            failures: status.failures,
            failuresToday: status.failuresToday,
            reason: status.reason,
            unlocksAt: status.unlocksAt === null ? null : new Date(status.unlocksAt).toISOString(),
          },
    transcript: call.transcript,
  };
}

/** How a gated call nobody could key was settled: what to do and why. */
function unattendedJson(unattended: UnattendedOutcome): Record<string, unknown> {
  const { effect, rule, reason, source, record } = unattended;
  return {
    effect,
    rule,
    reason,
    ...(source === undefined ? {} : { source }),
    record: record.unattended,
  };
}

/** Invalid dial strings get no decision (docs/rules.md#the-decision): exit 1 with the reason. */
export function reportInvalidDial(io: CliIo, call: SimulatedCall): ExitStatus {
  if (call.classification.kind !== 'invalid') return EXIT.ok;
  io.stderr(`account-codes: --dial ${JSON.stringify(call.dialed)}: ${call.classification.message}`);
  return EXIT.invalid;
}

/** `account-codes explain FILE --trunk ID --dial DIGITS [--json]` (docs/rules.md#the-config-file-and-the-cli). */
export async function explain(io: CliIo, file: string, args: CallArguments): Promise<ExitStatus> {
  const config = loadOrReport(io, file);
  // Nothing is looked up without keys: a private, empty ledger will do.
  const lockout: CallLockout = {
    store: createMemoryLockoutStore({ clock: io.now }),
    subject: { accountId: config?.account.id ?? null, trunkId: args.trunk, callerId: null },
    callId: 'explain',
  };
  const session = config && (await openCall(io, config, args, lockout));
  if (session === undefined) return EXIT.invalid;
  const call = session.call();
  if (args.json) {
    io.stdout(JSON.stringify(callJson(call, false), null, 2));
  } else {
    const s = style(io.color);
    for (const line of renderSettings(call.resolved, s)) io.stdout(line);
    io.stdout(renderClassification(call.dialed, call.classification));
    if (call.decision !== null) io.stdout(renderDecision(call.decision, s));
    if (call.unattended !== undefined) io.stdout(renderUnattended(call.unattended, s));
  }
  return reportInvalidDial(io, call);
}
