/**
 * One call on the Try a call page, driven the way an integration drives the
 * library (docs/integration.md): `evaluateCall` classifies first (an
 * emergency number connects whatever the trunk), then, when a code is
 * needed, the lockout gate opens code entry or plays `locked-out`, and every
 * look-up is admitted against the ledger with `performLookup` (docs/rules.md#lockout).
 * No rule lives here; every answer is the library's. Time is `Date.now()`,
 * read by the console's store, never by the library.
 */
import {
  advance,
  advanceMidCall,
  type CallEvaluation,
  type CodeDirectory,
  type Config,
  createCodeDirectory,
  type EntryEffect,
  type EntryEvent,
  type EntryPhase,
  type EntryState,
  evaluateCall,
  isTerminal,
  type LockoutAlert,
  type LockoutStore,
  type LookupContext,
  lockoutGate,
  type MidCallEffect,
  type MidCallState,
  normaliseCallerId,
  performLookup,
  promptText,
  startCodeEntry,
  startMidCallTagging,
  type UnattendedOutcome,
} from 'account-codes';

/** A step of the call flow diagram: from one phase to the next (`start` before the first). */
export interface Step {
  readonly from: EntryPhase | 'start';
  readonly to: EntryPhase;
}

/** A call in progress or over. Immutable: every event gives a new one. */
export interface Call {
  readonly trunk: string;
  readonly dialed: string;
  /** The library's evaluation: classification first, then the decision. */
  readonly evaluation: Extract<CallEvaluation, { ok: true }>;
  /** Present when the call needs a code: code entry (docs/rules.md#code-entry). */
  readonly entry?: Machine<EntryState>;
  /** Present on a connected call that needed no code: mid-call tagging (docs/rules.md#mid-call-tagging). */
  readonly midCall?: Machine<MidCallState>;
  /** Present on a gated call nobody could key: settled at once (docs/rules.md#calls-nobody-can-key). */
  readonly unattended?: UnattendedOutcome;
  /** The steps the last event took, to light them in the diagram. */
  readonly steps: readonly Step[];
  readonly transcript: readonly string[];
}

/** A machine of the call, the directory answering its look-ups and where they are counted. */
export interface Machine<S> {
  readonly state: S;
  readonly directory: CodeDirectory;
  readonly lookups: LookupContext;
}

export type PlaceCallResult =
  | { readonly ok: true; readonly call: Call }
  | {
      readonly ok: false;
      readonly field: 'trunk' | 'dialed' | 'caller';
      readonly code: string;
      readonly message: string;
      /** The library's refusal, when it evaluated the call: shown with its classification. */
      readonly evaluation?: Extract<CallEvaluation, { ok: false }>;
    };

function transcriptLine(
  effect: EntryEffect | MidCallEffect | EntryEvent,
  codeLength: number,
): string {
  switch (effect.type) {
    case 'tag':
      return `tag ${effect.accountCode} (${effect.validated ? 'validated' : 'not validated'}); the call goes on`;
    case 'play':
      return `play ${effect.prompt}: “${promptText(effect.prompt, codeLength)}”`;
    case 'lookup':
      return `lookup ${effect.code}`;
    case 'connect':
      return effect.accountCode === null
        ? 'connect, untagged'
        : `connect, tagged ${effect.accountCode} (${effect.validated ? 'validated' : 'not validated'})`;
    case 'end':
      return `end (${effect.reason})`;
    case 'key':
      return `caller keys ${effect.key}`;
    case 'timeout':
      return 'caller waits: timeout';
    case 'hangup':
      return 'caller hangs up';
    case 'lookup-result':
      return `lookup-result ${effect.code ?? ''}: ${effect.valid ? 'on the list' : effect.reason === undefined || effect.reason === 'not-on-list' ? 'not on the list' : `on the list, but refused for this call (${effect.reason}); the caller hears a wrong code`}${effect.valid === false && effect.locked === true ? ', and the scope is now locked' : ''}`;
    case 'lookup-refused':
      return `lookup-refused ${effect.code}: ${effect.reason}`;
    default:
      return effect satisfies never;
  }
}

function alertLine(alert: LockoutAlert): string {
  const key = [alert.key.kind, alert.key.trunkId, alert.key.callerId].filter((p) => p !== null);
  switch (alert.type) {
    case 'scope-locked':
      return `alert: scope ${key.join(' ')} locked after ${alert.failures} failures`;
    case 'sustained-failures':
      return `alert: scope ${key.join(' ')} locked after ${alert.failuresToday} failures in 24 hours (daily budget)`;
    case 'hit-after-failures':
      return `alert: a hit on ${key.join(' ')} after ${alert.failures} failures (a guess may just have succeeded)`;
    default:
      return alert satisfies never;
  }
}

/** Runs a machine on one event, performing its look-ups against the ledger. */
async function run<S extends { readonly phase: string }>(
  machine: Machine<S>,
  advanceBy: (
    state: S,
    event: EntryEvent,
  ) => { state: S; effects: readonly (EntryEffect | MidCallEffect)[] },
  codeLength: number,
  event: EntryEvent,
): Promise<{ state: S; steps: { from: S['phase']; to: S['phase'] }[]; lines: string[] }> {
  const steps: { from: S['phase']; to: S['phase'] }[] = [];
  const lines: string[] = [transcriptLine(event, codeLength)];
  let current = machine.state;
  const pending: EntryEvent[] = [event];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const moved = advanceBy(current, next);
    if (moved.state !== current) steps.push({ from: current.phase, to: moved.state.phase });
    current = moved.state;
    for (const effect of moved.effects) {
      lines.push(transcriptLine(effect, codeLength));
      if (effect.type === 'lookup') {
        const done = await performLookup(effect, machine.directory, machine.lookups);
        if (done.problem !== null) lines.push(`ledger: ${done.problem.message}`);
        lines.push(transcriptLine(done.event, codeLength), ...done.alerts.map(alertLine));
        pending.push(done.event);
      }
    }
  }
  return { state: current, steps, lines };
}

/** What the Try a call form sends. */
export interface Dial {
  readonly trunk: string;
  readonly dialed: string;
  /** The caller id typed in, or '' for none (caller scope then counts the trunk's anonymous caller). */
  readonly caller: string;
  /** Nobody can key a code (a forwarded call): `false`, or the code it carries ('' for none). */
  readonly unattended: false | { readonly carriedCode: string };
}

/**
 * Places a call: `evaluateCall` first, then, when a code is needed, the
 * lockout gate and code entry.
 */
export async function placeCall(
  config: Config,
  store: LockoutStore,
  dial: Dial,
): Promise<PlaceCallResult> {
  const callerId = dial.caller.trim() === '' ? null : normaliseCallerId(dial.caller);
  if (callerId === undefined) {
    return {
      ok: false,
      field: 'caller',
      code: 'invalid-caller-id',
      message:
        'the caller id must be digits, optionally after +, at most 32, with spaces, -, ., ( and ) allowed as separators',
    };
  }
  const carried = dial.unattended === false ? '' : dial.unattended.carriedCode.trim();
  const evaluation = evaluateCall(config, {
    trunk: dial.trunk,
    dialed: dial.dialed,
    ...(callerId === null ? {} : { caller: callerId }),
    // The call's instant: a scoped code's validity is judged at it (docs/rules.md#scoped-codes).
    at: Date.now(),
    ...(dial.unattended === false ? {} : { unattended: carried === '' ? true : { code: carried } }),
  });
  if (!evaluation.ok) {
    const field = evaluation.error.code === 'invalid-dial-string' ? 'dialed' : 'trunk';
    const { code, message } = evaluation.error;
    return { ok: false, field, code, message, evaluation };
  }
  const base = { trunk: dial.trunk, dialed: dial.dialed, evaluation };
  if (evaluation.required && evaluation.unattended !== undefined) {
    // Nobody to key a code: one effect, no prompt, no look-up.
    const { effect, reason } = evaluation.unattended;
    const line =
      effect.type === 'end'
        ? `end (${effect.reason})`
        : transcriptLine(effect, config.account.codeLength);
    return {
      ok: true,
      call: {
        ...base,
        unattended: evaluation.unattended,
        steps: [],
        transcript: [`unattended: ${reason}`, line],
      },
    };
  }
  const connected = 'connect, untagged (no code needed)';
  // No conversation: the call connects and its keys are just DTMF (the library's rule for mid-call tagging).
  const { conversation } = evaluation;
  if (conversation === undefined) {
    return { ok: true, call: { ...base, steps: [], transcript: [connected] } };
  }
  const built = createCodeDirectory(config.account.codes, config.account.codeLength);
  if (!built.ok) return { ok: false, field: 'trunk', ...built.error };
  const { settings } = conversation;
  const lookups = { ...conversation.lookups, store, callId: crypto.randomUUID() };
  const gate = await lockoutGate(lookups);
  const gateLines = [
    ...(gate.problem === null ? [] : [`ledger: ${gate.problem.message}`]),
    ...(gate.gate === 'open' || !settings.validateCodes ? [] : [`lockout gate: ${gate.gate}`]),
  ];
  const machine = { directory: built.directory, lookups };
  if (conversation.machine === 'mid-call-tagging') {
    const started = startMidCallTagging(settings, gate.gate);
    if (!started.ok) return { ok: false, field: 'trunk', ...started.error };
    const listening = `mid-call tagging: key ${settings.midCallCode} then a code`;
    return {
      ok: true,
      call: {
        ...base,
        midCall: { ...machine, state: started.state },
        steps: [],
        transcript: [connected, ...gateLines, listening],
      },
    };
  }
  const started = startCodeEntry(settings, gate.gate);
  if (!started.ok) return { ok: false, field: 'trunk', ...started.error };
  const codeLength = config.account.codeLength;
  return {
    ok: true,
    call: {
      ...base,
      entry: { ...machine, state: started.state },
      steps: [{ from: 'start', to: started.state.phase }],
      transcript: [
        ...gateLines,
        ...started.effects.map((effect) => transcriptLine(effect, codeLength)),
      ],
    },
  };
}

/** The call after the caller's next action; the same call when it is over. */
export async function callerActs(call: Call, event: EntryEvent): Promise<Call> {
  if (call.entry !== undefined && !isTerminal(call.entry.state)) {
    const { entry } = call;
    const { state, steps, lines } = await run(
      entry,
      advance,
      entry.state.options.codeLength,
      event,
    );
    return {
      ...call,
      entry: { ...entry, state },
      steps,
      transcript: [...call.transcript, ...lines],
    };
  }
  if (call.midCall !== undefined && call.midCall.state.phase !== 'ended') {
    const { midCall } = call;
    const { state, lines } = await run(
      midCall,
      advanceMidCall,
      midCall.state.options.codeLength,
      event,
    );
    return { ...call, midCall: { ...midCall, state }, transcript: [...call.transcript, ...lines] };
  }
  return call;
}
