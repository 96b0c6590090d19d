/**
 * One simulated call, the way an integration drives the library: evaluate it
 * (`evaluateCall`: classify first, so an emergency number connects even on a
 * trunk the configuration does not have; then the trunk and the decision),
 * ask the lockout ledger for its gate, then feed the caller's keys to the code-entry machine (or, on a call
 * that needs no code, to mid-call tagging) and perform its look-ups with
 * `performLookup` against the ledger and the account's code list. No rules
 * live here.
 */
import type { Classification } from '../classify/types.js';
import type { Config } from '../config/types.js';
import type { Decision } from '../decide.js';
import type { CodeRefusal } from '../entry/code-scope.js';
import { type CodeDirectory, createCodeDirectory } from '../entry/directory.js';
import type { EntryEffect, EntryEvent } from '../entry/events.js';
import { advance, type EntryState, isTerminal, startCodeEntry } from '../entry/machine.js';
import {
  advanceMidCall,
  type MidCallEffect,
  type MidCallState,
  midCallRecord,
  startMidCallTagging,
} from '../entry/mid-call.js';
import {
  type LockoutGateResult,
  type LookupContext,
  lockoutGate,
  performLookup,
} from '../entry/perform-lookup.js';
import { type CallOutcome, callRecord } from '../entry/record.js';
import {
  evaluateCall,
  type Unattended,
  type UnattendedEndEffect,
  type UnattendedOutcome,
} from '../evaluate.js';
import type { LockoutAlert, SubjectStatus } from '../lockout/ledger.js';
import type { LockoutStoreError } from '../lockout/store.js';
import type { ResolvedSettings } from '../settings/resolve.js';

/** What the caller does, one step at a time: `0`–`9`, `*`, `#`, `T` (timeout), `H` (hangup). */
export type CallerAction = EntryEvent & { readonly type: 'key' | 'timeout' | 'hangup' };

/** One line of the transcript: an event, an effect the library asked for, or a lockout alert. */
export type TranscriptItem =
  | EntryEvent
  | EntryEffect
  | MidCallEffect
  | LockoutAlert
  | UnattendedEndEffect;

/** docs/rules.md#the-config-file-and-the-cli's `outcome.result`. */
export type CallResult = 'not-required' | CallOutcome;

export interface CallOutcomeSummary {
  readonly result: CallResult;
  readonly accountCode: string | null;
  readonly validated: boolean;
  /** Code-entry attempts (every submitted entry, the accepted one included). */
  readonly attempts: number;
  /** For a mid-call tag: the 0-based index of the key that completed it. */
  readonly taggedAtKey?: number;
  /**
   * Why each refused look-up was refused, in order (docs/rules.md#scoped-codes),
   * for the administrator; absent when none was.
   */
  readonly refusals?: readonly CodeRefusal[];
}

/** The reasons of the transcript's refused look-ups, as the outcome's `refusals` field. */
function refusalsOf(transcript: readonly TranscriptItem[]): { refusals?: CodeRefusal[] } {
  const refusals = transcript.flatMap((item) =>
    item.type === 'lookup-result' && !item.valid && item.reason !== undefined ? [item.reason] : [],
  );
  return refusals.length === 0 ? {} : { refusals };
}

export interface SimulatedCall {
  readonly trunk: string;
  readonly dialed: string;
  /** `null` for an emergency call on a trunk the configuration does not have (it connects anyway). */
  readonly resolved: ResolvedSettings | null;
  readonly classification: Classification;
  /** `null` when the dial string is invalid: no decision (docs/rules.md#the-decision). */
  readonly decision: Decision | null;
  /** A gated call nobody could key: how it was settled (docs/rules.md#calls-nobody-can-key). */
  readonly unattended?: UnattendedOutcome;
  readonly outcome: CallOutcomeSummary | null;
  readonly transcript: readonly TranscriptItem[];
  /** The line's lockout status after the call; `null` when no look-up could be counted (docs/rules.md#lockout). */
  readonly lockout: SubjectStatus | null;
  /** Every failure of the ledger during the call (the call failed closed on it, docs/rules.md#faults). */
  readonly ledgerProblems: readonly LockoutStoreError[];
}

/**
 * What the simulator adds to the library's look-up context: the ledger, the
 * call's id, `--at` and `--caller` (as `subject.callerId`). The rest of the
 * context (the account, the trunk, the call a code is judged for) is the
 * library's, from `evaluateCall`.
 */
export type CallLockout = Omit<LookupContext, 'lockout'>;

/** Parses `--keys`: the letters of docs/rules.md#the-config-file-and-the-cli, or the first letter that is not one. */
export function parseKeys(
  keys: string,
): { ok: true; actions: CallerAction[] } | { ok: false; letter: string; index: number } {
  const actions: CallerAction[] = [];
  for (let index = 0; index < keys.length; index++) {
    const letter = keys[index] as string;
    if (/^[0-9*#]$/.test(letter)) actions.push({ type: 'key', key: letter as '0' });
    else if (letter === 'T' || letter === 't') actions.push({ type: 'timeout' });
    else if (letter === 'H' || letter === 'h') actions.push({ type: 'hangup' });
    else return { ok: false, letter, index };
  }
  return { ok: true, actions };
}

/**
 * A call in progress. `step` feeds one caller action and returns the
 * transcript lines it produced; `done` says whether more actions can matter.
 */
export interface CallSession {
  readonly call: () => SimulatedCall;
  readonly step: (action: CallerAction) => Promise<readonly TranscriptItem[]>;
  readonly done: () => boolean;
}

export type StartCallResult =
  | {
      readonly ok: true;
      readonly session: CallSession;
      /** Said on stderr: the trunk is unknown, but the emergency call connects (docs/rules.md#the-decision). */
      readonly warning?: string;
    }
  | {
      readonly ok: false;
      readonly code: 'unknown-trunk' | 'invalid-settings';
      readonly message: string;
    };

/**
 * Starts a call on `trunkId` to `dialed`; the first transcript lines are
 * already in it. `unattended`: nobody can key a code on it
 * (docs/rules.md#calls-nobody-can-key).
 */
export async function startCall(
  config: Config,
  trunkId: string,
  dialed: string,
  lockout: CallLockout,
  unattended?: Unattended,
): Promise<StartCallResult> {
  // Classification first (docs/rules.md#the-decision, issue 12): the trunk cannot refuse an emergency number.
  const evaluation = evaluateCall(config, {
    trunk: trunkId,
    dialed,
    ...(lockout.subject.callerId === null ? {} : { caller: lockout.subject.callerId }),
    // docs/rules.md#scoped-codes: the call's instant (`--at`) judges a code's validity.
    at: lockout.call?.at ?? lockout.at ?? Date.now(),
    ...(unattended === undefined ? {} : { unattended }),
  });
  const { classification } = evaluation;
  const base = { trunk: trunkId, dialed, resolved: evaluation.resolved ?? null, classification };
  if (evaluation.trunkError !== undefined) {
    const { message } = evaluation.trunkError;
    if (!evaluation.ok) return { ok: false, code: 'unknown-trunk', message };
    return {
      ...connectedSession({ base, decision: evaluation.decision }),
      warning: `${message}; the emergency call connects all the same`,
    };
  }
  if (!evaluation.ok) {
    const call: SimulatedCall = {
      ...base,
      decision: null,
      outcome: null,
      transcript: [],
      lockout: null,
      ledgerProblems: [],
    };
    return { ok: true, session: { call: () => call, step: async () => [], done: () => true } };
  }
  const { decision } = evaluation;
  if (evaluation.unattended !== undefined) {
    return settledSession(base, decision, evaluation.unattended);
  }
  const built = createCodeDirectory(config.account.codes, config.account.codeLength);
  if (!built.ok) return { ok: false, code: 'invalid-settings', message: built.error.message };
  const { conversation } = evaluation;
  if (conversation === undefined) return connectedSession({ base, decision });
  const { store, callId, at } = lockout;
  const context: LookupContext = {
    ...conversation.lookups,
    store,
    callId,
    ...(at === undefined ? {} : { at }),
  };
  const driving = { base, decision, directory: built.directory, context };
  return conversation.machine === 'code-entry'
    ? codeEntrySession(driving, conversation.settings)
    : midCallSession(driving, conversation.settings);
}

type Base = Pick<SimulatedCall, 'trunk' | 'dialed' | 'resolved' | 'classification'>;

interface Driving {
  readonly base: Base;
  readonly decision: Decision;
  readonly directory: CodeDirectory;
  readonly context: LookupContext;
}

/** Either machine: code entry or mid-call tagging. */
type Step<S, E> = (
  state: S,
  event: EntryEvent,
) => { readonly state: S; readonly effects: readonly E[] };

/**
 * Drives a machine: feeds caller actions, performs its effects into the
 * transcript and its look-ups with performLookup (admit, look up, settle).
 */
async function driver<S, E extends TranscriptItem>(
  start: { readonly state: S; readonly effects: readonly E[] },
  advanceFn: Step<S, E>,
  driving: Driving,
  transcript: TranscriptItem[],
  opened: LockoutGateResult,
) {
  let state = start.state;
  let status = opened.status;
  const problems: LockoutStoreError[] = opened.problem === null ? [] : [opened.problem];
  const perform = async (effects: readonly E[], out: TranscriptItem[]): Promise<void> => {
    for (const effect of effects) {
      out.push(effect);
      if (effect.type === 'lookup') {
        const done = await performLookup(effect, driving.directory, driving.context);
        out.push(done.event, ...done.alerts);
        status = done.status ?? status;
        if (done.problem !== null) problems.push(done.problem);
        const next = advanceFn(state, done.event);
        state = next.state;
        await perform(next.effects, out);
      }
    }
  };
  await perform(start.effects, transcript);
  return {
    state: () => state,
    status: () => status,
    problems: (): readonly LockoutStoreError[] => [...problems],
    async step(action: CallerAction): Promise<readonly TranscriptItem[]> {
      const out: TranscriptItem[] = [action];
      const next = advanceFn(state, action);
      state = next.state;
      await perform(next.effects, out);
      transcript.push(...out);
      return out;
    },
  };
}

async function codeEntrySession(
  driving: Driving,
  settings: ResolvedSettings['settings'],
): Promise<StartCallResult> {
  const opened = await lockoutGate(driving.context);
  const started = startCodeEntry(settings, opened.gate);
  if (!started.ok) return { ok: false, code: 'invalid-settings', message: started.error.message };
  const transcript: TranscriptItem[] = [];
  const machine = await driver<EntryState, EntryEffect>(
    started,
    advance,
    driving,
    transcript,
    opened,
  );
  const session: CallSession = {
    step: machine.step,
    done: () => isTerminal(machine.state()),
    call() {
      const record = callRecord(machine.state());
      const { outcome: result, accountCode, validated, attempts } = record;
      return {
        ...driving.base,
        decision: driving.decision,
        outcome: { result, accountCode, validated, attempts, ...refusalsOf(transcript) },
        transcript: [...transcript],
        lockout: machine.status(),
        ledgerProblems: machine.problems(),
      };
    },
  };
  return { ok: true, session };
}

async function midCallSession(
  driving: Driving,
  settings: ResolvedSettings['settings'],
): Promise<StartCallResult> {
  const opened = await lockoutGate(driving.context);
  const started = startMidCallTagging(settings, opened.gate);
  if (!started.ok) return { ok: false, code: 'invalid-settings', message: started.error.message };
  // The call connects at once, untagged; keys after that are mid-call DTMF (docs/rules.md#mid-call-tagging, docs/rules.md#the-config-file-and-the-cli).
  const transcript: TranscriptItem[] = [{ type: 'connect', accountCode: null, validated: false }];
  const machine = await driver<MidCallState, MidCallEffect>(
    started,
    advanceMidCall,
    driving,
    transcript,
    opened,
  );
  const session: CallSession = {
    step: machine.step,
    done: () => machine.state().phase === 'ended',
    call() {
      const record = midCallRecord(machine.state());
      return {
        ...driving.base,
        decision: driving.decision,
        outcome: {
          result: 'not-required',
          accountCode: record.accountCode,
          validated: record.validated,
          attempts: 0,
          ...(record.taggedAt === null ? {} : { taggedAtKey: record.taggedAt.keyIndex }),
          ...refusalsOf(transcript),
        },
        transcript: [...transcript],
        lockout: machine.status(),
        ledgerProblems: machine.problems(),
      };
    },
  };
  return { ok: true, session };
}

/**
 * A gated call nobody can key, settled by `evaluateCall`: one effect, no
 * prompt, no look-up, no lockout (docs/rules.md#calls-nobody-can-key).
 */
function settledSession(
  base: Base,
  decision: Decision,
  unattended: UnattendedOutcome,
): { readonly ok: true; readonly session: CallSession } {
  const transcript: TranscriptItem[] = [unattended.effect];
  const { outcome: result, accountCode, validated, attempts } = unattended.record;
  const session: CallSession = {
    async step(action) {
      // Nobody is on the line to key anything; a connected call's keys are just DTMF.
      transcript.push(action);
      return [action];
    },
    done: () => true,
    call: () => ({
      ...base,
      decision,
      unattended,
      outcome: { result, accountCode, validated, attempts },
      transcript: [...transcript],
      lockout: null,
      ledgerProblems: [],
    }),
  };
  return { ok: true, session };
}

/** A call that connects with no code and takes no mid-call entries: keys are just DTMF. */
function connectedSession(driving: Pick<Driving, 'base' | 'decision'>): {
  readonly ok: true;
  readonly session: CallSession;
} {
  const transcript: TranscriptItem[] = [{ type: 'connect', accountCode: null, validated: false }];
  let hungUp = false;
  const session: CallSession = {
    async step(action) {
      transcript.push(action);
      if (action.type === 'hangup') hungUp = true;
      return [action];
    },
    done: () => hungUp,
    call: () => ({
      ...driving.base,
      decision: driving.decision,
      outcome: { result: 'not-required', accountCode: null, validated: false, attempts: 0 },
      transcript: [...transcript],
      lockout: null,
      ledgerProblems: [],
    }),
  };
  return { ok: true, session };
}
