/**
 * Mid-call tagging (SPEC §6): on a connected call that needed no code (or an
 * inbound one), the caller keys `midCallCode` (e.g. `*50`) then a code.
 *
 * A second small machine beside the code-entry one, with its transitions in
 * one table, {@link MID_CALL_TRANSITIONS}. Choices (docs/call-flow.md):
 * - The call continues whatever happens: there is no `connect` or `end`
 *   effect here, only `play`, `lookup` and `tag`.
 * - After the star code it plays `enter-code` and takes a code under the
 *   rules of code entry (length, `#`, `*`, timeout, look-up when validating).
 *   A bad entry plays its prompt and waits for another, up to `maxRetries`
 *   per star code; then `max-retries` plays and the machine listens for the
 *   star code again. Nothing is ever cut off.
 * - The last valid code wins: each accepted code replaces the tag.
 * - When: the machine has no clock, so the tag keeps `keyIndex`, the 0-based
 *   index among the call's DTMF keys of the key that completed the code, and
 *   `at`, copied from that key event when the integrator supplied one.
 *   Counting keys means every key on a live call yields a new state, even an
 *   ordinary DTMF key that is otherwise ignored (no effects, tag untouched).
 * - Events that make no sense (a look-up answer nobody asked for, a timeout
 *   while listening, anything after the hangup), malformed events and
 *   malformed states return the same state object and no effects.
 */
import { describeValue, type Problem } from '../result.js';
import {
  type EntryEvent,
  type LookupEffect,
  type PlayEffect,
  play,
  readEvent,
  type Stimulus,
  type StimulusKind,
  type Timestamp,
} from './events.js';
import {
  checkBoolean,
  checkCodeLength,
  checkMaxRetries,
  checkMidCallCode,
  isDigitString,
  notAnObject,
  type OptionsProblem,
} from './options.js';
import type { PromptId } from './prompts.js';

/** What mid-call tagging needs; `resolved.settings` (`EffectiveSettings`) can be passed as it is. */
export interface MidCallOptions {
  /** Digits in every code, 3–7. */
  readonly codeLength: number;
  /** Incorrect entries allowed after one star code, 1–9. */
  readonly maxRetries: number;
  /** Look codes up before tagging. */
  readonly validateCodes: boolean;
  /** The star code: `*` then 1–3 digits, such as `*50`. */
  readonly midCallCode: string;
}

/** The code a call is tagged with, and when. */
export interface MidCallTag {
  /** The accepted code, exactly `codeLength` digits. */
  readonly accountCode: string;
  /** The code was checked against the account's list (authorization); false in tracking mode. */
  readonly validated: boolean;
  /** 0-based index, among the call's DTMF keys, of the key that completed the code. */
  readonly keyIndex: number;
  /** The `at` of that key event, when the integrator supplied one. */
  readonly at?: Timestamp;
}

/** Tag the call record with a code (the last one wins). The call goes on. */
export interface TagEffect {
  /** Discriminant: tag the call record. */
  readonly type: 'tag';
  /** The code to tag the call record with, replacing any earlier tag. */
  readonly accountCode: string;
  /** The code was checked against the account's list (authorization); false in tracking mode. */
  readonly validated: boolean;
}

/** What mid-call tagging asks the embedding application to do: never to connect or end. */
export type MidCallEffect = PlayEffect | LookupEffect | TagEffect;

/** Shared by every phase. */
interface MidCallBase {
  /** The options tagging started with, kept so a stored state is self-contained. */
  readonly options: MidCallOptions;
  /** DTMF keys seen on the call so far. */
  readonly keys: number;
  /** Codes submitted on the call so far, accepted or not. */
  readonly attempts: number;
  /** The current tag, or `null` while untagged. */
  readonly tag: MidCallTag | null;
}

/** Ordinary DTMF; watching for the star code. */
export interface MidCallListeningState extends MidCallBase {
  /** Discriminant: watching the call's DTMF for `midCallCode`. */
  readonly phase: 'listening';
  /** Characters of `midCallCode` keyed so far. */
  readonly matched: number;
}

/** After the star code: the caller is keying a code. */
export interface MidCallCollectingState extends MidCallBase {
  /** Discriminant: the caller is keying a code after the star code. */
  readonly phase: 'collecting';
  /** The digits keyed in this entry, fewer than `codeLength`. */
  readonly digits: string;
  /** Incorrect entries since the star code. */
  readonly tries: number;
}

/** A complete code was submitted with validation on; the look-up has not answered. */
export interface MidCallAwaitingLookupState extends MidCallBase {
  /** Discriminant: waiting for the answer to a `lookup` effect. */
  readonly phase: 'awaiting-lookup';
  /** The submitted code being looked up, exactly `codeLength` digits. */
  readonly code: string;
  /** Incorrect entries since the star code, this one not included. */
  readonly tries: number;
  /** When the code was completed, for the tag. */
  readonly keyIndex: number;
  /** The `at` of the key that completed the code, when the integrator supplied one. */
  readonly at?: Timestamp;
}

/** Terminal: the call is over. */
export interface MidCallEndedState extends MidCallBase {
  /** Discriminant: terminal, the call was hung up. */
  readonly phase: 'ended';
}

/** The mid-call machine's state: plain, readonly JSON data, discriminated on `phase`. */
export type MidCallState =
  | MidCallListeningState
  | MidCallCollectingState
  | MidCallAwaitingLookupState
  | MidCallEndedState;

/** The phase names; `ended` is terminal. */
export type MidCallPhase = MidCallState['phase'];

/** A state and the effects to perform, in order. */
export interface MidCallTransition {
  /** The next state; store it and pass it to the next {@link advanceMidCall}. The input object itself when the event is ignored. */
  readonly state: MidCallState;
  /** What the embedding application must do now, in order; empty when nothing is to be done. */
  readonly effects: readonly MidCallEffect[];
}

/** {@link startMidCallTagging}'s answer. */
export type MidCallStartResult =
  | {
      /** The options are valid; tagging has started. */
      readonly ok: true;
      /** The first state: `listening`, untagged. */
      readonly state: MidCallState;
      /** None: nothing plays until the caller keys the star code. */
      readonly effects: readonly MidCallEffect[];
    }
  | {
      /** The options are invalid; nothing started. */
      readonly ok: false;
      /** The first bad option, naming the field and the values it allows. */
      readonly error: OptionsProblem;
    };

/** The record of §6: the last valid code, and when it was keyed. */
export interface MidCallRecord {
  /** The last accepted code, or `null`. */
  readonly accountCode: string | null;
  /** The last accepted code was checked against the account's list; false while untagged. */
  readonly validated: boolean;
  /** Codes submitted on the call, accepted or not. */
  readonly attempts: number;
  /** When the current code was keyed; `null` while untagged. */
  readonly taggedAt: {
    /** 0-based index, among the call's DTMF keys, of the key that completed the code. */
    readonly keyIndex: number;
    /** The `at` of that key event, when the integrator supplied one. */
    readonly at?: Timestamp;
  } | null;
}

/** A stored state that is not a state of this machine. */
export type MidCallStateProblem = Problem<'invalid-mid-call-state'>;

// ---------------------------------------------------------------------------
// The transition table.
// ---------------------------------------------------------------------------

type Handler<P extends MidCallPhase> = (
  state: Extract<MidCallState, { phase: P }>,
  stimulus: Stimulus,
) => MidCallTransition;

/** The transitions of SPEC §6, one row per phase. */
const MID_CALL_TRANSITIONS: {
  readonly [P in MidCallPhase]: { readonly [K in StimulusKind]: Handler<P> };
} = {
  listening: {
    digit: matchStarCode, // ordinary DTMF unless it continues the star code
    star: matchStarCode,
    hash: matchStarCode,
    timeout: ignore,
    hangup: hangUp,
    'lookup-hit': ignore, // nobody asked
    'lookup-miss': ignore,
  },
  collecting: {
    digit: keyDigit, // reaching codeLength digits submits at once
    star: clearDigits, // clears and re-prompts, costs no attempt
    hash: submitKeyed, // submits early
    timeout: submitKeyed, // submits what was keyed
    hangup: hangUp,
    'lookup-hit': ignore,
    'lookup-miss': ignore,
  },
  'awaiting-lookup': {
    digit: countKey, // ordinary DTMF while the look-up runs
    star: countKey,
    hash: countKey,
    timeout: ignore,
    hangup: hangUp,
    'lookup-hit': acceptLookedUp,
    'lookup-miss': rejectLookedUp,
  },
  ended: {
    digit: ignore,
    star: ignore,
    hash: ignore,
    timeout: ignore,
    hangup: ignore,
    'lookup-hit': ignore,
    'lookup-miss': ignore,
  },
};

// ---------------------------------------------------------------------------
// The cells.
// ---------------------------------------------------------------------------

const NO_EFFECTS: readonly MidCallEffect[] = Object.freeze([]);

function ignore(state: MidCallState): MidCallTransition {
  return { state, effects: NO_EFFECTS };
}

function countKey(state: MidCallAwaitingLookupState): MidCallTransition {
  return { state: { ...state, keys: state.keys + 1 }, effects: NO_EFFECTS };
}

function hangUp(state: MidCallState): MidCallTransition {
  const { options, keys, attempts, tag } = state;
  return { state: { phase: 'ended', options, keys, attempts, tag }, effects: NO_EFFECTS };
}

function matchStarCode(state: MidCallListeningState, stimulus: Stimulus): MidCallTransition {
  const key = stimulus.kind === 'digit' ? stimulus.digit : stimulus.kind === 'star' ? '*' : '#';
  const starCode = state.options.midCallCode;
  const keys = state.keys + 1;
  // The star code is `*` then digits, so a `*` that breaks a match starts a new one.
  const matched = key === starCode[state.matched] ? state.matched + 1 : key === '*' ? 1 : 0;
  if (matched < starCode.length) return { state: { ...state, keys, matched }, effects: NO_EFFECTS };
  const { options, attempts, tag } = state;
  return {
    state: { phase: 'collecting', options, keys, attempts, tag, digits: '', tries: 0 },
    effects: [play('enter-code')],
  };
}

function keyDigit(state: MidCallCollectingState, stimulus: Stimulus): MidCallTransition {
  if (stimulus.kind !== 'digit') return ignore(state);
  const keyIndex = state.keys;
  const digits = state.digits + stimulus.digit;
  const next = { ...state, keys: keyIndex + 1, digits };
  if (digits.length < state.options.codeLength) return { state: next, effects: NO_EFFECTS };
  return submit(next, keyIndex, stimulus.at);
}

function clearDigits(state: MidCallCollectingState): MidCallTransition {
  return { state: { ...state, keys: state.keys + 1, digits: '' }, effects: [play('enter-code')] };
}

function submitKeyed(state: MidCallCollectingState, stimulus: Stimulus): MidCallTransition {
  const isKey = stimulus.kind === 'hash';
  const counted = isKey ? { ...state, keys: state.keys + 1 } : state;
  return submit(counted, state.keys, undefined);
}

function acceptLookedUp(state: MidCallAwaitingLookupState, stimulus: Stimulus): MidCallTransition {
  if (!answers(state, stimulus)) return ignore(state);
  const tag: MidCallTag =
    state.at === undefined
      ? { accountCode: state.code, validated: true, keyIndex: state.keyIndex }
      : { accountCode: state.code, validated: true, keyIndex: state.keyIndex, at: state.at };
  return accept(state, tag);
}

function rejectLookedUp(state: MidCallAwaitingLookupState, stimulus: Stimulus): MidCallTransition {
  if (!answers(state, stimulus)) return ignore(state);
  return incorrectEntry(state, state.tries, 'invalid-code');
}

function answers(state: MidCallAwaitingLookupState, stimulus: Stimulus): boolean {
  return (
    (stimulus.kind === 'lookup-hit' || stimulus.kind === 'lookup-miss') &&
    (stimulus.code === undefined || stimulus.code === state.code)
  );
}

/** One submitted entry, completed by the key at `keyIndex`. */
function submit(
  state: MidCallCollectingState,
  keyIndex: number,
  at: Timestamp | undefined,
): MidCallTransition {
  const { options, digits } = state;
  const counted = { ...state, attempts: state.attempts + 1 };
  if (digits.length < options.codeLength) {
    return incorrectEntry(counted, state.tries, 'wrong-length');
  }
  if (!options.validateCodes) {
    const tag: MidCallTag =
      at === undefined
        ? { accountCode: digits, validated: false, keyIndex }
        : { accountCode: digits, validated: false, keyIndex, at };
    return accept(counted, tag);
  }
  const { keys, attempts, tries } = counted;
  const pending = {
    phase: 'awaiting-lookup',
    options,
    keys,
    attempts,
    tag: state.tag,
    code: digits,
    tries,
    keyIndex,
  } as const;
  return {
    state: at === undefined ? pending : { ...pending, at },
    effects: [{ type: 'lookup', code: digits }],
  };
}

function accept(state: MidCallState, tag: MidCallTag): MidCallTransition {
  const { options, keys, attempts } = state;
  return {
    state: { phase: 'listening', options, keys, attempts, tag, matched: 0 },
    effects: [
      play('accepted'),
      { type: 'tag', accountCode: tag.accountCode, validated: tag.validated },
    ],
  };
}

/** A bad code only plays its prompt; after `maxRetries` of them, back to listening. */
function incorrectEntry(state: MidCallState, tries: number, prompt: PromptId): MidCallTransition {
  const { options, keys, attempts, tag } = state;
  if (tries + 1 < options.maxRetries) {
    return {
      state: { phase: 'collecting', options, keys, attempts, tag, digits: '', tries: tries + 1 },
      effects: [play(prompt)],
    };
  }
  return {
    state: { phase: 'listening', options, keys, attempts, tag, matched: 0 },
    effects: [play('max-retries')],
  };
}

// ---------------------------------------------------------------------------
// The public functions.
// ---------------------------------------------------------------------------

/**
 * Starts watching a connected call for the mid-call star code. No effects:
 * nothing plays until the caller keys the star code.
 *
 * @example
 * ```ts
 * const start = startMidCallTagging({ codeLength: 4, maxRetries: 3, validateCodes: false, midCallCode: '*50' });
 * if (start.ok) start.state.phase; // 'listening'
 * ```
 */
export function startMidCallTagging(options: MidCallOptions): MidCallStartResult {
  const error = midCallOptionsProblem(options);
  if (error !== undefined) return { ok: false, error };
  const { codeLength, maxRetries, validateCodes, midCallCode } = options;
  return {
    ok: true,
    state: {
      phase: 'listening',
      options: { codeLength, maxRetries, validateCodes, midCallCode },
      keys: 0,
      attempts: 0,
      tag: null,
      matched: 0,
    },
    effects: NO_EFFECTS,
  };
}

/**
 * Feeds one event (DTMF on the connected call, a timeout, the hangup, a
 * look-up answer) to mid-call tagging. Total; the inputs are never mutated.
 *
 * @example
 * ```ts
 * let state = start.state; // from startMidCallTagging({ ..., midCallCode: '*50' })
 * for (const key of '*501234') state = advanceMidCall(state, { type: 'key', key, at: Date.now() }).state;
 * midCallRecord(state).accountCode; // '1234' (validation off)
 * ```
 */
export function advanceMidCall(state: MidCallState, event: EntryEvent): MidCallTransition {
  if (midCallStateProblem(state) !== undefined) return { state, effects: NO_EFFECTS };
  const stimulus = readEvent(event);
  if (stimulus === undefined) return ignore(state);
  switch (state.phase) {
    case 'listening':
      return MID_CALL_TRANSITIONS.listening[stimulus.kind](state, stimulus);
    case 'collecting':
      return MID_CALL_TRANSITIONS.collecting[stimulus.kind](state, stimulus);
    case 'awaiting-lookup':
      return MID_CALL_TRANSITIONS['awaiting-lookup'][stimulus.kind](state, stimulus);
    case 'ended':
      return MID_CALL_TRANSITIONS.ended[stimulus.kind](state, stimulus);
    default:
      return state satisfies never;
  }
}

/**
 * The record of mid-call tagging: the last valid code and when it was keyed.
 * A value that is not a state yields an untagged record with no attempts.
 *
 * @example
 * ```ts
 * midCallRecord(state);
 * // { accountCode: '1234', validated: false, attempts: 1, taggedAt: { keyIndex: 6, at: 1718000000000 } }
 * ```
 */
export function midCallRecord(state: MidCallState): MidCallRecord {
  const parsed = parseMidCallState(state);
  if (!parsed.ok) return { accountCode: null, validated: false, attempts: 0, taggedAt: null };
  const { tag, attempts } = parsed.state;
  if (tag === null) return { accountCode: null, validated: false, attempts, taggedAt: null };
  return {
    accountCode: tag.accountCode,
    validated: tag.validated,
    attempts,
    taggedAt:
      tag.at === undefined ? { keyIndex: tag.keyIndex } : { keyIndex: tag.keyIndex, at: tag.at },
  };
}

/**
 * Checks a mid-call state loaded from storage; {@link advanceMidCall} quietly
 * ignores a malformed one, this says what is wrong with it.
 *
 * @example
 * ```ts
 * const loaded = parseMidCallState(JSON.parse(stored));
 * if (!loaded.ok) console.error(loaded.error.message);
 * ```
 */
export function parseMidCallState(value: unknown):
  | {
      /** The value is a state this machine can reach. */
      readonly ok: true;
      /** The value, typed as a state. */
      readonly state: MidCallState;
    }
  | {
      /** The value is not a valid state. */
      readonly ok: false;
      /** What is wrong with it, with the path of the offending field. */
      readonly error: MidCallStateProblem;
    } {
  const error = midCallStateProblem(value);
  return error === undefined ? { ok: true, state: value as MidCallState } : { ok: false, error };
}

function midCallOptionsProblem(options: unknown): OptionsProblem | undefined {
  if (typeof options !== 'object' || options === null) return notAnObject(options);
  const o = options as Record<string, unknown>;
  return (
    checkCodeLength(o.codeLength) ??
    checkMaxRetries(o.maxRetries) ??
    checkBoolean(o.validateCodes, 'validateCodes') ??
    checkMidCallCode(o.midCallCode)
  );
}

function midCallStateProblem(value: unknown): MidCallStateProblem | undefined {
  if (typeof value !== 'object' || value === null) {
    return bad([], `the state must be an object; got ${describeValue(value)}`);
  }
  const s = value as Record<string, unknown>;
  const optionsError = midCallOptionsProblem(s.options);
  if (optionsError !== undefined) {
    return bad(['options', ...optionsError.path], `state.${optionsError.message}`);
  }
  const { codeLength, maxRetries, midCallCode } = s.options as MidCallOptions;
  if (!isCount(s.keys))
    return bad(['keys'], `keys must be a whole number; got ${describeValue(s.keys)}`);
  if (!isCount(s.attempts)) {
    return bad(['attempts'], `attempts must be a whole number; got ${describeValue(s.attempts)}`);
  }
  const tagError = tagProblem(s.tag, codeLength, s.keys);
  if (tagError !== undefined) return tagError;
  switch (s.phase) {
    case 'listening':
      return isCount(s.matched) && s.matched < midCallCode.length
        ? undefined
        : bad(
            ['matched'],
            `matched must be a whole number below ${midCallCode.length}; got ${describeValue(s.matched)}`,
          );
    case 'collecting':
      if (!isCount(s.tries) || s.tries >= maxRetries) {
        return bad(
          ['tries'],
          `tries must be a whole number below ${maxRetries}; got ${describeValue(s.tries)}`,
        );
      }
      return isDigitString(s.digits, 0, codeLength - 1)
        ? undefined
        : bad(
            ['digits'],
            `digits must be 0 to ${codeLength - 1} digits; got ${describeValue(s.digits)}`,
          );
    case 'awaiting-lookup':
      if (!isCount(s.tries) || s.tries >= maxRetries) {
        return bad(
          ['tries'],
          `tries must be a whole number below ${maxRetries}; got ${describeValue(s.tries)}`,
        );
      }
      if (!isDigitString(s.code, codeLength, codeLength)) {
        return bad(
          ['code'],
          `code must be exactly ${codeLength} digits; got ${describeValue(s.code)}`,
        );
      }
      if (!isCount(s.keyIndex) || s.keyIndex >= s.keys) {
        return bad(
          ['keyIndex'],
          `keyIndex must be a whole number below keys; got ${describeValue(s.keyIndex)}`,
        );
      }
      return s.at === undefined || isTimestamp(s.at)
        ? undefined
        : bad(
            ['at'],
            `at must be a finite number or a string of up to 64 characters; got ${describeValue(s.at)}`,
          );
    case 'ended':
      return undefined;
    default:
      return bad(
        ['phase'],
        `phase must be one of "listening", "collecting", "awaiting-lookup", "ended"; got ${describeValue(s.phase)}`,
      );
  }
}

function tagProblem(
  tag: unknown,
  codeLength: number,
  keys: number,
): MidCallStateProblem | undefined {
  if (tag === null) return undefined;
  if (typeof tag !== 'object' || tag === undefined) {
    return bad(['tag'], `tag must be null or an object; got ${describeValue(tag)}`);
  }
  const t = tag as Record<string, unknown>;
  if (!isDigitString(t.accountCode, codeLength, codeLength)) {
    return bad(
      ['tag', 'accountCode'],
      `tag.accountCode must be exactly ${codeLength} digits; got ${describeValue(t.accountCode)}`,
    );
  }
  if (typeof t.validated !== 'boolean') {
    return bad(
      ['tag', 'validated'],
      `tag.validated must be true or false; got ${describeValue(t.validated)}`,
    );
  }
  if (!isCount(t.keyIndex) || t.keyIndex >= keys) {
    return bad(
      ['tag', 'keyIndex'],
      `tag.keyIndex must be a whole number below keys; got ${describeValue(t.keyIndex)}`,
    );
  }
  return t.at === undefined || isTimestamp(t.at)
    ? undefined
    : bad(
        ['tag', 'at'],
        `tag.at must be a finite number or a string of up to 64 characters; got ${describeValue(t.at)}`,
      );
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isTimestamp(value: unknown): boolean {
  return (
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.length <= 64)
  );
}

function bad(path: readonly (string | number)[], message: string): MidCallStateProblem {
  return { code: 'invalid-mid-call-state', path, message };
}
