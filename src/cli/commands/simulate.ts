import type { Config } from '../../config/types.js';
import { type CallerAction, type CallSession, parseKeys, type TranscriptItem } from '../call.js';
import { type CliIo, EXIT, type ExitStatus } from '../io.js';
import {
  renderClassification,
  renderDecision,
  renderItem,
  renderOutcome,
  renderSettings,
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
  /** Leave out the effective-settings block (the demo shows it once). */
  readonly brief?: boolean;
}

/** `account-codes simulate FILE --trunk ID --dial DIGITS [--keys KEYS] [--json]` (SPEC §8). */
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
  const config = loadOrReport(io, file);
  return config === undefined ? EXIT.invalid : simulateCall(io, config, args, actions);
}

/** Runs one call on a loaded configuration and prints it. */
export async function simulateCall(
  io: CliIo,
  config: Config,
  args: SimulateArguments,
  actions: readonly CallerAction[],
): Promise<ExitStatus> {
  const session = openCall(io, config, args);
  if (session === undefined) return EXIT.invalid;
  const s = style(io.color);
  const codeLength = config.account.codeLength;
  const interactive = args.keys === undefined && io.stdinIsTTY && !args.json;

  if (!args.json) {
    const call = session.call();
    if (args.brief !== true) for (const line of renderSettings(call.resolved, s)) io.stdout(line);
    io.stdout(renderClassification(call.dialed, call.classification));
    if (call.decision !== null) io.stdout(renderDecision(call.decision, s));
    for (const item of call.transcript) io.stdout(renderItem(item, codeLength, s));
  }

  if (interactive) await typeKeys(io, session, codeLength, s);
  else {
    for (const action of actions) {
      const lines = session.step(action);
      if (!args.json) printItems(io, lines, codeLength, s);
    }
  }

  const call = session.call();
  if (args.json) io.stdout(JSON.stringify(callJson(call, true), null, 2));
  else if (call.outcome !== null) io.stdout(renderOutcome(call.outcome, s));
  return reportInvalidDial(io, call);
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
      printItems(io, session.step(action), codeLength, s);
      if (session.done()) return;
    }
  }
}
