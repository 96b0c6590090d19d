/**
 * One simulated call, the way an integration drives the library: resolve the
 * trunk, classify the dial string, decide, then feed the caller's keys to the
 * code-entry machine (or, on a call that needs no code, to mid-call tagging)
 * and answer its look-ups from the account's code list. No rules live here.
 */
import { classifyCall } from '../classify/classify.js';
import type { Classification } from '../classify/types.js';
import type { Config } from '../config/types.js';
import { type Decision, decide } from '../decide.js';
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
import { type CallOutcome, callRecord } from '../entry/record.js';
import { type ResolvedSettings, resolveSettings } from '../settings/resolve.js';

/** What the caller does, one step at a time: `0`–`9`, `*`, `#`, `T` (timeout), `H` (hangup). */
export type CallerAction = EntryEvent & { readonly type: 'key' | 'timeout' | 'hangup' };

/** One line of the transcript: an event the call received or an effect the library asked for. */
export type TranscriptItem = EntryEvent | EntryEffect | MidCallEffect;

/** SPEC §8's `outcome.result`. */
export type CallResult = 'not-required' | CallOutcome;

export interface CallOutcomeSummary {
  readonly result: CallResult;
  readonly accountCode: string | null;
  readonly validated: boolean;
  /** Code-entry attempts (every submitted entry, the accepted one included). */
  readonly attempts: number;
  /** For a mid-call tag: the 0-based index of the key that completed it. */
  readonly taggedAtKey?: number;
}

export interface SimulatedCall {
  readonly trunk: string;
  readonly dialed: string;
  readonly resolved: ResolvedSettings;
  readonly classification: Classification;
  /** `null` when the dial string is invalid: no decision (SPEC §4). */
  readonly decision: Decision | null;
  readonly outcome: CallOutcomeSummary | null;
  readonly transcript: readonly TranscriptItem[];
}

/** Parses `--keys`: the letters of SPEC §8, or the first letter that is not one. */
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
  readonly step: (action: CallerAction) => readonly TranscriptItem[];
  readonly done: () => boolean;
}

export type StartCallResult =
  | { readonly ok: true; readonly session: CallSession }
  | {
      readonly ok: false;
      readonly code: 'unknown-trunk' | 'invalid-settings';
      readonly message: string;
    };

/** Starts a call on `trunkId` to `dialed`; the first transcript lines are already in it. */
export function startCall(config: Config, trunkId: string, dialed: string): StartCallResult {
  const resolved = resolveSettings(config, trunkId);
  if (!resolved.ok) return { ok: false, code: 'unknown-trunk', message: resolved.error.message };
  const classification = classifyCall(dialed, config.account);
  const decided = decide(resolved, classification);
  const transcript: TranscriptItem[] = [];
  const base = { trunk: trunkId, dialed, resolved, classification };

  if (!decided.ok) {
    const call: SimulatedCall = { ...base, decision: null, outcome: null, transcript };
    return { ok: true, session: { call: () => call, step: () => [], done: () => true } };
  }

  const built = createCodeDirectory(config.account.codes, config.account.codeLength);
  if (!built.ok) return { ok: false, code: 'invalid-settings', message: built.error.message };
  const directory = built.directory;
  const settings = resolved.settings;

  if (!decided.required) return midCallSession(base, decided, settings, directory);
  return codeEntrySession(base, decided, settings, directory);
}

type Base = Pick<SimulatedCall, 'trunk' | 'dialed' | 'resolved' | 'classification'>;

/** Either machine: code entry or mid-call tagging. */
type Step<S, E> = (
  state: S,
  event: EntryEvent,
) => { readonly state: S; readonly effects: readonly E[] };

/**
 * Drives a machine: feeds caller actions, performs its effects into the
 * transcript and answers its look-ups at once from the code list.
 */
function driver<S, E extends TranscriptItem>(
  start: { readonly state: S; readonly effects: readonly E[] },
  advanceFn: Step<S, E>,
  directory: CodeDirectory,
  transcript: TranscriptItem[],
) {
  let state = start.state;
  const perform = (effects: readonly E[], out: TranscriptItem[]) => {
    for (const effect of effects) {
      out.push(effect);
      if (effect.type === 'lookup') {
        const answer = directory.answer(effect);
        out.push(answer);
        const next = advanceFn(state, answer);
        state = next.state;
        perform(next.effects, out);
      }
    }
  };
  perform(start.effects, transcript);
  return {
    state: () => state,
    step(action: CallerAction): readonly TranscriptItem[] {
      const out: TranscriptItem[] = [action];
      const next = advanceFn(state, action);
      state = next.state;
      perform(next.effects, out);
      transcript.push(...out);
      return out;
    },
  };
}

function codeEntrySession(
  base: Base,
  decision: Decision,
  settings: ResolvedSettings['settings'],
  directory: CodeDirectory,
): StartCallResult {
  const started = startCodeEntry(settings);
  if (!started.ok) return { ok: false, code: 'invalid-settings', message: started.error.message };
  const transcript: TranscriptItem[] = [];
  const machine = driver<EntryState, EntryEffect>(started, advance, directory, transcript);
  const session: CallSession = {
    step: machine.step,
    done: () => isTerminal(machine.state()),
    call() {
      const record = callRecord(machine.state());
      const { outcome: result, accountCode, validated, attempts } = record;
      return {
        ...base,
        decision,
        outcome: { result, accountCode, validated, attempts },
        transcript: [...transcript],
      };
    },
  };
  return { ok: true, session };
}

function midCallSession(
  base: Base,
  decision: Decision,
  settings: ResolvedSettings['settings'],
  directory: CodeDirectory,
): StartCallResult {
  const started = startMidCallTagging(settings);
  if (!started.ok) return { ok: false, code: 'invalid-settings', message: started.error.message };
  // The call connects at once, untagged; keys after that are mid-call DTMF (SPEC §6, §8).
  const transcript: TranscriptItem[] = [{ type: 'connect', accountCode: null, validated: false }];
  const machine = driver<MidCallState, MidCallEffect>(
    started,
    advanceMidCall,
    directory,
    transcript,
  );
  const session: CallSession = {
    step: machine.step,
    done: () => machine.state().phase === 'ended',
    call() {
      const record = midCallRecord(machine.state());
      return {
        ...base,
        decision,
        outcome: {
          result: 'not-required',
          accountCode: record.accountCode,
          validated: record.validated,
          attempts: 0,
          ...(record.taggedAt === null ? {} : { taggedAtKey: record.taggedAt.keyIndex }),
        },
        transcript: [...transcript],
      };
    },
  };
  return { ok: true, session };
}
