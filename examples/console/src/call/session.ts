/**
 * One call on the Try a call page, driven the way an integration drives the
 * library (docs/integration.md): resolve the trunk, classify the dial string,
 * decide, then feed the caller's keys to the code-entry machine and answer its
 * look-ups from the account's code list. No rule lives here; every answer is
 * the library's.
 */
import {
  advance,
  type Classification,
  type CodeDirectory,
  type Config,
  classifyCall,
  createCodeDirectory,
  type DecisionResult,
  decide,
  type EntryEffect,
  type EntryEvent,
  type EntryPhase,
  type EntryState,
  isTerminal,
  promptText,
  resolveSettings,
  startCodeEntry,
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
  readonly classification: Classification;
  readonly decision: DecisionResult;
  /** Present while the call needs a code: the machine's state and the directory answering look-ups. */
  readonly entry?: { readonly state: EntryState; readonly directory: CodeDirectory };
  /** The steps the last event took, to light them in the diagram. */
  readonly steps: readonly Step[];
  readonly transcript: readonly string[];
}

export type PlaceCallResult =
  | { readonly ok: true; readonly call: Call }
  | {
      readonly ok: false;
      readonly field: 'trunk' | 'dialed';
      readonly code: string;
      readonly message: string;
    };

function transcriptLine(effect: EntryEffect | EntryEvent, codeLength: number): string {
  switch (effect.type) {
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
      return `lookup-result ${effect.code ?? ''}: ${effect.valid ? 'on the list' : 'not on the list'}`;
    case 'lookup-refused':
      return `lookup-refused ${effect.code ?? ''}: ${effect.reason}`;
    default:
      return effect satisfies never;
  }
}

/** Runs the machine on one event, answering its look-ups at once. */
function run(
  state: EntryState,
  directory: CodeDirectory,
  event: EntryEvent,
): { state: EntryState; steps: Step[]; lines: string[] } {
  const codeLength = state.options.codeLength;
  const steps: Step[] = [];
  const lines: string[] = [transcriptLine(event, codeLength)];
  let current = state;
  const feed = (e: EntryEvent) => {
    const next = advance(current, e);
    if (next.state !== current) steps.push({ from: current.phase, to: next.state.phase });
    current = next.state;
    for (const effect of next.effects) {
      lines.push(transcriptLine(effect, codeLength));
      if (effect.type === 'lookup') {
        const answer = directory.answer(effect);
        lines.push(transcriptLine(answer, codeLength));
        feed(answer);
      }
    }
  };
  feed(event);
  return { state: current, steps, lines };
}

/** Places a call: classification and decision, and code entry when the decision needs a code. */
export function placeCall(config: Config, trunk: string, dialed: string): PlaceCallResult {
  const resolved = resolveSettings(config, trunk);
  if (!resolved.ok) return { ok: false, field: 'trunk', ...resolved.error };
  const classification = classifyCall(dialed, config.account);
  const decision = decide(resolved, classification);
  if (!decision.ok) {
    const field = decision.error.code === 'invalid-dial-string' ? 'dialed' : 'trunk';
    return { ok: false, field, code: decision.error.code, message: decision.error.message };
  }
  const base = { trunk, dialed, classification, decision };
  if (!decision.required) {
    return {
      ok: true,
      call: { ...base, steps: [], transcript: ['connect, untagged (no code needed)'] },
    };
  }
  const started = startCodeEntry(resolved.settings);
  if (!started.ok) return { ok: false, field: 'trunk', ...started.error };
  const built = createCodeDirectory(config.account.codes, config.account.codeLength);
  if (!built.ok) return { ok: false, field: 'trunk', ...built.error };
  const codeLength = config.account.codeLength;
  return {
    ok: true,
    call: {
      ...base,
      entry: { state: started.state, directory: built.directory },
      steps: [{ from: 'start', to: started.state.phase }],
      transcript: started.effects.map((effect) => transcriptLine(effect, codeLength)),
    },
  };
}

/** The call after the caller's next action; the same call when it is over or needs no code. */
export function callerActs(call: Call, event: EntryEvent): Call {
  if (call.entry === undefined || isTerminal(call.entry.state)) return call;
  const { state, steps, lines } = run(call.entry.state, call.entry.directory, event);
  return {
    ...call,
    entry: { ...call.entry, state },
    steps,
    transcript: [...call.transcript, ...lines],
  };
}
