/**
 * The code-entry conversation of docs/rules.md#code-entry as a pure state machine:
 * `(state, event) -> (state, effects)`.
 *
 * Everything that decides a transition lives in this file, and the
 * transitions themselves are one table, {@link TRANSITIONS}, readable top to
 * bottom (after h11's `_state.py`). The machine does no I/O: the embedding
 * application plays prompts, collects DTMF, looks codes up and stores the
 * state — plain JSON — between events.
 *
 * Choices the rules leave open (docs/call-flow.md):
 * - On the last incorrect attempt only `max-retries` plays, not
 *   `invalid-code`/`wrong-length` first: those ask the caller to re-enter a
 *   code that would no longer be taken.
 * - An event that makes no sense in the current phase, or is not a
 *   well-formed event at all, returns the very same state object and no
 *   effects. A malformed state does the same (a safe result: nothing plays,
 *   nothing connects); {@link parseEntryState} gives the typed error.
 * - A hangup yields no effect: there is nobody left to play to or connect.
 * - docs/rules.md#lockout: a call on a locked scope (the gate given at start), a look-up
 *   the lockout ledger did not admit, and the miss that locks the scope all
 *   play `locked-out` and end the call, whatever `allowCallAfterMaxRetries`
 *   says. The code-collection rules themselves live in `collector.ts`.
 */
import { describeValue, type Problem } from '../result.js';
import { budgetLeft, judgeEntry, keyInto, readAnswer } from './collector.js';
import {
  type EntryEffect,
  type EntryEvent,
  type LockoutGate,
  play,
  type RefusalReason,
  readEvent,
  type Stimulus,
  type StimulusKind,
} from './events.js';
import {
  checkBoolean,
  checkCodeLength,
  checkGate,
  checkMaxRetries,
  isDigitString,
  notAnObject,
  type OptionsProblem,
} from './options.js';
import type { PromptId } from './prompts.js';

/**
 * What code entry needs from the resolved settings. `resolved.settings`
 * (`EffectiveSettings`) can be passed as it is; other fields are not kept.
 */
export interface EntryOptions {
  /** Digits in every code, 3–7. */
  readonly codeLength: number;
  /** Incorrect attempts allowed on one call, 1–9. */
  readonly maxRetries: number;
  /** Authorization (look codes up) rather than tracking (any digits pass). */
  readonly validateCodes: boolean;
  /** After the last incorrect attempt, connect untagged instead of ending the call. */
  readonly allowCallAfterMaxRetries: boolean;
}

/**
 * The machine's state: plain, readonly JSON data, discriminated on `phase`.
 * Every phase carries the options and `attempts`, the entries submitted so
 * far (an entry awaiting its look-up included).
 */
export type EntryState =
  | CollectingState
  | AwaitingLookupState
  | ConnectedState
  | ConnectedAfterMaxRetriesState
  | EndedState
  | AbandonedState
  | LockedOutState
  | LedgerUnavailableState;

/** The phase names; all but `collecting` and `awaiting-lookup` are terminal. */
export type EntryPhase = EntryState['phase'];

/** Shared by every phase. */
interface StateBase {
  /** The options code entry started with, kept so a stored state is self-contained. */
  readonly options: EntryOptions;
  /** Entries submitted so far; in `collecting` all of them were incorrect. */
  readonly attempts: number;
}

/** The caller is keying a code. */
export interface CollectingState extends StateBase {
  /** Discriminant: the caller is keying a code. */
  readonly phase: 'collecting';
  /** The digits keyed in this attempt, fewer than `codeLength`. */
  readonly digits: string;
}

/** A complete code was submitted with validation on; the look-up has not answered. */
export interface AwaitingLookupState extends StateBase {
  /** Discriminant: waiting for the answer to a `lookup` effect. */
  readonly phase: 'awaiting-lookup';
  /** The submitted code being looked up, exactly `codeLength` digits. */
  readonly code: string;
}

/** Terminal: the call connected, tagged with a code. */
export interface ConnectedState extends StateBase {
  /** Discriminant: terminal, connected with a code. */
  readonly phase: 'connected';
  /** The code the call is tagged with. */
  readonly accountCode: string;
  /** The code was checked against the account's list (authorization); false in tracking mode. */
  readonly validated: boolean;
}

/** Terminal: max retries reached, the call connected untagged (`allowCallAfterMaxRetries`). */
export interface ConnectedAfterMaxRetriesState extends StateBase {
  /** Discriminant: terminal, connected untagged after `maxRetries` incorrect attempts. */
  readonly phase: 'connected-after-max-retries';
}

/** Terminal: max retries reached, the call was ended. */
export interface EndedState extends StateBase {
  /** Discriminant: terminal, the call was ended after `maxRetries` incorrect attempts. */
  readonly phase: 'ended';
}

/** Terminal: the caller hung up before the call connected. */
export interface AbandonedState extends StateBase {
  /** Discriminant: terminal, the caller hung up. */
  readonly phase: 'abandoned';
}

/** Terminal: the lockout scope is locked (docs/rules.md#lockout); the call was ended, never connected. */
export interface LockedOutState extends StateBase {
  /** Discriminant: terminal, ended with `locked-out`. */
  readonly phase: 'locked-out';
}

/** Terminal: the lockout ledger could not be reached; the call was ended (fail closed, docs/rules.md#lockout). */
export interface LedgerUnavailableState extends StateBase {
  /** Discriminant: terminal, ended with `ledger-unavailable`. */
  readonly phase: 'ledger-unavailable';
}

/** A state and the effects to perform, in order. */
export interface Transition {
  /** The next state; store it and pass it to the next {@link advance}. The input object itself when the event is ignored. */
  readonly state: EntryState;
  /** What the embedding application must do now, in order; empty when nothing is to be done. */
  readonly effects: readonly EntryEffect[];
}

/** {@link startCodeEntry}'s answer: the first state and effects, or why the options are bad. */
export type StartResult =
  | {
      /** The options are valid; code entry has started. */
      readonly ok: true;
      /** The first state: `collecting`, no digits, no attempts. */
      readonly state: EntryState;
      /** The first effects: play `enter-code`. */
      readonly effects: readonly EntryEffect[];
    }
  | {
      /** The options are invalid; nothing started. */
      readonly ok: false;
      /** The first bad option, naming the field and the values it allows. */
      readonly error: OptionsProblem;
    };

/** A stored state that is not a state of this machine. */
export type EntryStateProblem = Problem<'invalid-entry-state'>;

/** {@link parseEntryState}'s answer. */
export type ParseStateResult =
  | {
      /** The value is a state this machine can reach. */
      readonly ok: true;
      /** The value, typed as a state. */
      readonly state: EntryState;
    }
  | {
      /** The value is not a valid state. */
      readonly ok: false;
      /** What is wrong with it, with the path of the offending field. */
      readonly error: EntryStateProblem;
    };

// ---------------------------------------------------------------------------
// The transition table. Rows: phases; columns: what happened. Every cell is
// a small function below; `ignore` means "no change, no effects".
// ---------------------------------------------------------------------------

type Handler<P extends EntryPhase> = (
  state: Extract<EntryState, { phase: P }>,
  stimulus: Stimulus,
) => Transition;

const TERMINAL = {
  // docs/rules.md#code-entry: terminal states ignore further events.
  digit: ignore,
  star: ignore,
  hash: ignore,
  timeout: ignore,
  hangup: ignore,
  'lookup-hit': ignore,
  'lookup-miss': ignore,
  'lookup-refused': ignore,
} as const;

/** The transitions of docs/rules.md#code-entry, one row per phase. */
const TRANSITIONS: { readonly [P in EntryPhase]: { readonly [K in StimulusKind]: Handler<P> } } = {
  collecting: {
    digit: keyCode, // reaching codeLength digits submits at once
    star: keyCode, // clears and re-prompts, costs no attempt
    hash: keyCode, // submits early
    timeout: keyCode, // submits what was keyed
    hangup: abandon,
    'lookup-hit': ignore, // nobody asked
    'lookup-miss': ignore,
    'lookup-refused': ignore,
  },
  'awaiting-lookup': {
    digit: ignore, // keys while the look-up runs are not part of the code
    star: ignore,
    hash: ignore,
    timeout: ignore,
    hangup: abandon,
    'lookup-hit': answerLookup, // connect, tagged and validated
    'lookup-miss': answerLookup, // an incorrect attempt; locked-out if it locked the scope
    'lookup-refused': answerLookup, // not admitted: locked-out, never connected
  },
  connected: TERMINAL,
  'connected-after-max-retries': TERMINAL,
  ended: TERMINAL,
  abandoned: TERMINAL,
  'locked-out': TERMINAL,
  'ledger-unavailable': TERMINAL,
};

// ---------------------------------------------------------------------------
// The cells.
// ---------------------------------------------------------------------------

const NO_EFFECTS: readonly EntryEffect[] = Object.freeze([]);

function ignore(state: EntryState): Transition {
  return { state, effects: NO_EFFECTS };
}

function keyCode(state: CollectingState, stimulus: Stimulus): Transition {
  const outcome = keyInto(state.options, { digits: state.digits, matched: 0 }, stimulus);
  switch (outcome.kind) {
    case 'keyed':
      return { state: { ...state, digits: outcome.keying.digits }, effects: NO_EFFECTS };
    case 'cleared':
      return { state: { ...state, digits: '' }, effects: [outcome.effect] };
    case 'submitted':
      return submit(state, outcome.entry);
    case 'ignored':
      return ignore(state);
    default:
      return outcome satisfies never;
  }
}

function abandon(state: CollectingState | AwaitingLookupState): Transition {
  return {
    state: { phase: 'abandoned', options: state.options, attempts: state.attempts },
    effects: NO_EFFECTS,
  };
}

function answerLookup(state: AwaitingLookupState, stimulus: Stimulus): Transition {
  const answer = readAnswer(state.code, stimulus);
  if (answer === undefined) return ignore(state);
  const { options, attempts } = state;
  switch (answer.kind) {
    case 'hit':
      return connectTagged(options, attempts, state.code, true);
    case 'miss':
      // docs/rules.md#lockout: a call in progress when the scope locks gets no further look-ups.
      return answer.locked
        ? lockedOut(options, attempts, 'locked-out')
        : incorrectAttempt(options, attempts, 'invalid-code');
    case 'refused':
      return lockedOut(options, attempts, answer.reason);
    default:
      return answer satisfies never;
  }
}

/** One submitted entry: an attempt, whatever comes of it. */
function submit(state: CollectingState, entry: string): Transition {
  const { options } = state;
  const attempts = state.attempts + 1;
  const judged = judgeEntry(options, entry, attempts);
  switch (judged.kind) {
    case 'wrong-length':
      return incorrectAttempt(options, attempts, 'wrong-length');
    case 'taken':
      return connectTagged(options, attempts, judged.code, false);
    case 'lookup':
      return {
        state: { phase: 'awaiting-lookup', options, attempts, code: judged.code },
        effects: [judged.effect],
      };
    default:
      return judged satisfies never;
  }
}

/** docs/rules.md#lockout: play `locked-out` and end; never connected, whatever allowCallAfterMaxRetries says. */
function lockedOut(options: EntryOptions, attempts: number, reason: RefusalReason): Transition {
  return {
    state: { phase: reason, options, attempts },
    effects: [play('locked-out'), { type: 'end', reason }],
  };
}

function connectTagged(
  options: EntryOptions,
  attempts: number,
  accountCode: string,
  validated: boolean,
): Transition {
  return {
    state: { phase: 'connected', options, attempts, accountCode, validated },
    effects: [play('accepted'), { type: 'connect', accountCode, validated }],
  };
}

/** docs/rules.md#code-entry: re-prompt while attempts < maxRetries; then max-retries, and connect untagged or end. */
function incorrectAttempt(options: EntryOptions, attempts: number, prompt: PromptId): Transition {
  if (budgetLeft(options, attempts)) {
    return {
      state: { phase: 'collecting', options, attempts, digits: '' },
      effects: [play(prompt)],
    };
  }
  if (options.allowCallAfterMaxRetries) {
    return {
      state: { phase: 'connected-after-max-retries', options, attempts },
      effects: [play('max-retries'), { type: 'connect', accountCode: null, validated: false }],
    };
  }
  return {
    state: { phase: 'ended', options, attempts },
    effects: [play('max-retries'), { type: 'end', reason: 'max-retries' }],
  };
}

// ---------------------------------------------------------------------------
// The public functions.
// ---------------------------------------------------------------------------

/**
 * Starts code entry: checks the options and asks for the first prompt.
 * Bad options (a `codeLength` outside 3–7, a `maxRetries` outside 1–9, a
 * non-integer, a wrong type) yield `{ ok: false, error }` naming the field.
 *
 * `gate` is the lockout ledger's word on the call (docs/rules.md#lockout; `lockoutGate`
 * reads it): with validation on, a locked scope or an unreachable ledger
 * plays `locked-out` and ends the call at once, with no digits collected and
 * no look-up. Tracking mode looks nothing up, so the gate does not apply.
 *
 * @example
 * ```ts
 * const resolved = resolveSettings(config, 'hq');
 * if (resolved.ok) {
 *   const start = startCodeEntry(resolved.settings);
 *   if (start.ok) start.effects; // [{ type: 'play', prompt: 'enter-code' }]
 * }
 * ```
 */
export function startCodeEntry(options: EntryOptions, gate: LockoutGate = 'open'): StartResult {
  const error = optionsProblem(options) ?? checkGate(gate);
  if (error !== undefined) return { ok: false, error };
  const { codeLength, maxRetries, validateCodes, allowCallAfterMaxRetries } = options;
  const kept = { codeLength, maxRetries, validateCodes, allowCallAfterMaxRetries };
  if (validateCodes && gate !== 'open') return { ok: true, ...lockedOut(kept, 0, gate) };
  return {
    ok: true,
    state: { phase: 'collecting', options: kept, attempts: 0, digits: '' },
    effects: [play('enter-code')],
  };
}

/**
 * Feeds one event to the machine. Total: a malformed or nonsensical event,
 * or a malformed state, returns the same state object and no effects; the
 * inputs are never mutated.
 *
 * @example
 * ```ts
 * let { state } = start; // from startCodeEntry({ codeLength: 4, ... validateCodes: true })
 * for (const key of '1234') ({ state } = advance(state, { type: 'key', key }));
 * // state.phase === 'awaiting-lookup'; the last effects were [{ type: 'lookup', code: '1234' }]
 * const next = advance(state, { type: 'lookup-result', valid: true });
 * // next.effects: [{ type: 'play', prompt: 'accepted' },
 * //                { type: 'connect', accountCode: '1234', validated: true }]
 * ```
 */
export function advance(state: EntryState, event: EntryEvent): Transition {
  if (entryStateProblem(state) !== undefined) return { state, effects: NO_EFFECTS };
  const stimulus = readEvent(event);
  if (stimulus === undefined) return ignore(state);
  return step(state, stimulus);
}

function step(state: EntryState, stimulus: Stimulus): Transition {
  switch (state.phase) {
    case 'collecting':
      return TRANSITIONS.collecting[stimulus.kind](state, stimulus);
    case 'awaiting-lookup':
      return TRANSITIONS['awaiting-lookup'][stimulus.kind](state, stimulus);
    case 'connected':
      return TRANSITIONS.connected[stimulus.kind](state, stimulus);
    case 'connected-after-max-retries':
      return TRANSITIONS['connected-after-max-retries'][stimulus.kind](state, stimulus);
    case 'ended':
      return TRANSITIONS.ended[stimulus.kind](state, stimulus);
    case 'abandoned':
      return TRANSITIONS.abandoned[stimulus.kind](state, stimulus);
    case 'locked-out':
      return TRANSITIONS['locked-out'][stimulus.kind](state, stimulus);
    case 'ledger-unavailable':
      return TRANSITIONS['ledger-unavailable'][stimulus.kind](state, stimulus);
    default:
      return state satisfies never;
  }
}

/** True for the phases that absorb every event. */
export function isTerminal(state: EntryState): boolean {
  // Total: a malformed state counts as terminal, as advance() moves it nowhere.
  const phase = (state as { readonly phase?: unknown } | null | undefined)?.phase;
  return phase !== 'collecting' && phase !== 'awaiting-lookup';
}

/**
 * Checks a state loaded from storage (`JSON.parse` of what a webhook kept).
 * Use it where state crosses a trust boundary: {@link advance} quietly
 * ignores a malformed state, this says what is wrong with it.
 *
 * @example
 * ```ts
 * const loaded = parseEntryState(JSON.parse(stored));
 * if (!loaded.ok) console.error(loaded.error.message);
 * ```
 */
export function parseEntryState(value: unknown): ParseStateResult {
  const error = entryStateProblem(value);
  return error === undefined ? { ok: true, state: value as EntryState } : { ok: false, error };
}

function optionsProblem(options: unknown): OptionsProblem | undefined {
  if (typeof options !== 'object' || options === null) return notAnObject(options);
  const o = options as Record<string, unknown>;
  return (
    checkCodeLength(o.codeLength) ??
    checkMaxRetries(o.maxRetries) ??
    checkBoolean(o.validateCodes, 'validateCodes') ??
    checkBoolean(o.allowCallAfterMaxRetries, 'allowCallAfterMaxRetries')
  );
}

/**
 * What is wrong with `value` as a state, or `undefined`. Beyond the shapes it
 * checks what the machine can reach, so a tampered state cannot claim, say,
 * more attempts than `maxRetries` or a connected call without a code.
 */
function entryStateProblem(value: unknown): EntryStateProblem | undefined {
  if (typeof value !== 'object' || value === null) {
    return bad([], `the state must be an object; got ${describeValue(value)}`);
  }
  const s = value as Record<string, unknown>;
  const optionsError = optionsProblem(s.options);
  if (optionsError !== undefined) {
    return bad(['options', ...optionsError.path], `state.${optionsError.message}`);
  }
  const { codeLength, maxRetries } = s.options as EntryOptions;
  const attempts = s.attempts;
  if (
    typeof attempts !== 'number' ||
    !Number.isInteger(attempts) ||
    attempts < 0 ||
    attempts > maxRetries
  ) {
    return bad(
      ['attempts'],
      `attempts must be an integer from 0 to ${maxRetries}; got ${describeValue(attempts)}`,
    );
  }
  switch (s.phase) {
    case 'collecting':
      if (attempts >= maxRetries) {
        return bad(
          ['attempts'],
          `attempts must be below ${maxRetries} while collecting; got ${attempts}`,
        );
      }
      return isDigitString(s.digits, 0, codeLength - 1)
        ? undefined
        : bad(
            ['digits'],
            `digits must be a string of 0 to ${codeLength - 1} digits; got ${describeValue(s.digits)}`,
          );
    case 'awaiting-lookup':
      if (attempts < 1)
        return bad(['attempts'], 'attempts must be at least 1 while a code is looked up');
      return isDigitString(s.code, codeLength, codeLength)
        ? undefined
        : bad(
            ['code'],
            `code must be a string of exactly ${codeLength} digits; got ${describeValue(s.code)}`,
          );
    case 'connected':
      if (attempts < 1) return bad(['attempts'], 'attempts must be at least 1 once connected');
      if (typeof s.validated !== 'boolean') {
        return bad(
          ['validated'],
          `validated must be true or false; got ${describeValue(s.validated)}`,
        );
      }
      return isDigitString(s.accountCode, codeLength, codeLength)
        ? undefined
        : bad(
            ['accountCode'],
            `accountCode must be a string of exactly ${codeLength} digits; got ${describeValue(s.accountCode)}`,
          );
    case 'connected-after-max-retries':
    case 'ended':
      return attempts === maxRetries
        ? undefined
        : bad(['attempts'], `attempts must be ${maxRetries} after max retries; got ${attempts}`);
    case 'abandoned':
    case 'locked-out':
    case 'ledger-unavailable':
      return undefined;
    default:
      return bad(
        ['phase'],
        `phase must be one of "collecting", "awaiting-lookup", "connected", "connected-after-max-retries", "ended", "abandoned", "locked-out", "ledger-unavailable"; got ${describeValue(s.phase)}`,
      );
  }
}

function bad(path: readonly (string | number)[], message: string): EntryStateProblem {
  return { code: 'invalid-entry-state', path, message };
}
