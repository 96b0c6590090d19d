/**
 * Mid-call tagging (docs/rules.md#mid-call-tagging): on a connected call that needed no code (or an
 * inbound one), the caller keys `midCallCode` (e.g. `*50`) then a code.
 *
 * A second small machine beside the code-entry one, with its transitions in
 * one table, {@link MID_CALL_TRANSITIONS}. Choices (docs/call-flow.md):
 * - The call continues whatever happens: there is no `connect` or `end`
 *   effect here, only `play`, `lookup` and `tag`.
 * - After the star code it plays `enter-code` and takes a code under the
 *   rules of code entry (`collector.ts`: length, `#`, `*`, timeout, look-up
 *   when validating). A bad entry plays its prompt and waits for another.
 *   Keying the star code again while a code is being keyed restarts the
 *   entry (issue 12) instead of taking its digits as part of a code.
 * - docs/rules.md#mid-call-tagging: one call gets at most `maxRetries` incorrect entries in total,
 *   however often the star code is keyed. The entry that uses the last one
 *   plays `max-retries`; after that the star code plays `max-retries` and no
 *   code is taken or looked up. Nothing is ever cut off.
 * - docs/rules.md#lockout: on a locked scope (the gate given at start, a refused admission,
 *   or the miss that locks it) the star code plays `locked-out` and nothing
 *   is taken for the rest of the call. When the ledger cannot be reached the
 *   entry is skipped (`locked-out` plays, nothing is tagged or counted) and a
 *   later star code may try again.
 * - Only the account's own party's keys count: a key marked `leg: 'far-end'`
 *   is ignored (events.ts), so far-end DTMF on an inbound call is never
 *   interpreted.
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
import { budgetLeft, judgeEntry, keyInto, readAnswer } from './collector.js';
import {
  type EntryEvent,
  type LockoutGate,
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
  checkGate,
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
  /** Incorrect entries allowed on the whole call, every star code together, 1–9 (docs/rules.md#mid-call-tagging). */
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
  /** Incorrect entries on the call so far, every star code together; at `maxRetries` no more codes are taken. */
  readonly incorrect: number;
  /** The lockout scope is locked (docs/rules.md#lockout): the star code plays `locked-out` and nothing is taken. */
  readonly lockedOut: boolean;
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
  /** Characters of `midCallCode` keyed since the last `*`: keying all of it restarts the entry. */
  readonly matched: number;
}

/** A complete code was submitted with validation on; the look-up has not answered. */
export interface MidCallAwaitingLookupState extends MidCallBase {
  /** Discriminant: waiting for the answer to a `lookup` effect. */
  readonly phase: 'awaiting-lookup';
  /** The submitted code being looked up, exactly `codeLength` digits. */
  readonly code: string;
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

/** The record of docs/rules.md#mid-call-tagging: the last valid code, and when it was keyed. */
export interface MidCallRecord {
  /** The last accepted code, or `null`. */
  readonly accountCode: string | null;
  /** The last accepted code was checked against the account's list; false while untagged. */
  readonly validated: boolean;
  /** Codes submitted on the call, accepted or not. */
  readonly attempts: number;
  /** The lockout scope locked before or during the call (docs/rules.md#lockout): later star codes take nothing. */
  readonly lockedOut: boolean;
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

/** The transitions of docs/rules.md#mid-call-tagging, one row per phase. */
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
    'lookup-refused': ignore,
  },
  collecting: {
    digit: keyCode, // reaching codeLength digits submits at once; the star code restarts
    star: keyCode, // clears and re-prompts, costs no attempt
    hash: keyCode, // submits early
    timeout: keyCode, // submits what was keyed
    hangup: hangUp,
    'lookup-hit': ignore,
    'lookup-miss': ignore,
    'lookup-refused': ignore,
  },
  'awaiting-lookup': {
    digit: countKey, // ordinary DTMF while the look-up runs
    star: countKey,
    hash: countKey,
    timeout: ignore,
    hangup: hangUp,
    'lookup-hit': answerLookup, // tag, validated
    'lookup-miss': answerLookup, // an incorrect entry; locked out if it locked the scope
    'lookup-refused': answerLookup, // not admitted: nothing tagged, the call goes on
  },
  ended: {
    digit: ignore,
    star: ignore,
    hash: ignore,
    timeout: ignore,
    hangup: ignore,
    'lookup-hit': ignore,
    'lookup-miss': ignore,
    'lookup-refused': ignore,
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

function base(state: MidCallState) {
  const { options, keys, attempts, incorrect, lockedOut, tag } = state;
  return { options, keys, attempts, incorrect, lockedOut, tag };
}

function hangUp(state: MidCallState): MidCallTransition {
  return { state: { phase: 'ended', ...base(state) }, effects: NO_EFFECTS };
}

function listen(state: MidCallState, effects: readonly MidCallEffect[]): MidCallTransition {
  return { state: { phase: 'listening', ...base(state), matched: 0 }, effects };
}

function matchStarCode(state: MidCallListeningState, stimulus: Stimulus): MidCallTransition {
  const key = stimulus.kind === 'digit' ? stimulus.digit : stimulus.kind === 'star' ? '*' : '#';
  const starCode = state.options.midCallCode;
  const keys = state.keys + 1;
  // The star code is `*` then digits, so a `*` that breaks a match starts a new one.
  const matched = key === starCode[state.matched] ? state.matched + 1 : key === '*' ? 1 : 0;
  if (matched < starCode.length) return { state: { ...state, keys, matched }, effects: NO_EFFECTS };
  const next = { ...state, keys };
  // docs/rules.md#lockout, docs/rules.md#mid-call-tagging: a locked scope or a spent budget takes no code, and says why.
  if (state.lockedOut) return listen(next, [play('locked-out')]);
  if (!budgetLeft(state.options, state.incorrect)) return listen(next, [play('max-retries')]);
  return {
    state: { phase: 'collecting', ...base(next), digits: '', matched: 0 },
    effects: [play('enter-code')],
  };
}

function keyCode(state: MidCallCollectingState, stimulus: Stimulus): MidCallTransition {
  const { options } = state;
  const keyIndex = state.keys;
  // Timeouts are not keys; digits, `*` and `#` are.
  const keys = stimulus.kind === 'timeout' ? keyIndex : keyIndex + 1;
  const outcome = keyInto(options, state, stimulus, options.midCallCode);
  switch (outcome.kind) {
    case 'keyed':
      return { state: { ...state, keys, ...outcome.keying }, effects: NO_EFFECTS };
    case 'cleared':
      return { state: { ...state, keys, ...outcome.keying }, effects: [outcome.effect] };
    case 'submitted':
      return submit(
        { ...state, keys },
        outcome.entry,
        keyIndex,
        stimulus.kind === 'digit' ? stimulus.at : undefined,
      );
    case 'ignored':
      return ignore(state);
    default:
      return outcome satisfies never;
  }
}

function answerLookup(state: MidCallAwaitingLookupState, stimulus: Stimulus): MidCallTransition {
  const answer = readAnswer(state.code, stimulus);
  if (answer === undefined) return ignore(state);
  switch (answer.kind) {
    case 'hit': {
      const tag: MidCallTag =
        state.at === undefined
          ? { accountCode: state.code, validated: true, keyIndex: state.keyIndex }
          : { accountCode: state.code, validated: true, keyIndex: state.keyIndex, at: state.at };
      return accept(state, tag);
    }
    case 'miss':
      return answer.locked
        ? listen({ ...state, incorrect: state.incorrect + 1, lockedOut: true }, [
            play('locked-out'),
          ])
        : incorrectEntry(state, 'invalid-code');
    case 'refused':
      // Not looked up, so not an incorrect entry; a locked scope takes nothing more (docs/rules.md#lockout).
      return listen({ ...state, lockedOut: answer.reason === 'locked-out' }, [play('locked-out')]);
    default:
      return answer satisfies never;
  }
}

/** One submitted entry, completed by the key at `keyIndex`. */
function submit(
  state: MidCallCollectingState,
  entry: string,
  keyIndex: number,
  at: Timestamp | undefined,
): MidCallTransition {
  const counted = { ...state, attempts: state.attempts + 1 };
  const judged = judgeEntry(state.options, entry, counted.attempts);
  switch (judged.kind) {
    case 'wrong-length':
      return incorrectEntry(counted, 'wrong-length');
    case 'taken': {
      const tag: MidCallTag =
        at === undefined
          ? { accountCode: judged.code, validated: false, keyIndex }
          : { accountCode: judged.code, validated: false, keyIndex, at };
      return accept(counted, tag);
    }
    case 'lookup': {
      const pending = {
        phase: 'awaiting-lookup',
        ...base(counted),
        code: judged.code,
        keyIndex,
      } as const;
      return {
        state: at === undefined ? pending : { ...pending, at },
        effects: [judged.effect],
      };
    }
    default:
      return judged satisfies never;
  }
}

function accept(state: MidCallState, tag: MidCallTag): MidCallTransition {
  return listen({ ...state, tag }, [
    play('accepted'),
    { type: 'tag', accountCode: tag.accountCode, validated: tag.validated },
  ]);
}

/** A bad code only plays its prompt; the call's last allowed one plays `max-retries` (docs/rules.md#mid-call-tagging). */
function incorrectEntry(state: MidCallState, prompt: PromptId): MidCallTransition {
  const incorrect = state.incorrect + 1;
  if (budgetLeft(state.options, incorrect)) {
    return {
      state: { phase: 'collecting', ...base(state), incorrect, digits: '', matched: 0 },
      effects: [play(prompt)],
    };
  }
  return listen({ ...state, incorrect }, [play('max-retries')]);
}

// ---------------------------------------------------------------------------
// The public functions.
// ---------------------------------------------------------------------------

/**
 * Starts watching a connected call for the mid-call star code. No effects:
 * nothing plays until the caller keys the star code. `gate` is the lockout
 * ledger's word (docs/rules.md#lockout, `lockoutGate`): with validation on and the scope
 * locked, the star code plays `locked-out` and takes nothing; an unreachable
 * ledger is tried again at the look-up (which is then skipped).
 *
 * @example
 * ```ts
 * const start = startMidCallTagging({ codeLength: 4, maxRetries: 3, validateCodes: false, midCallCode: '*50' });
 * if (start.ok) start.state.phase; // 'listening'
 * ```
 */
export function startMidCallTagging(
  options: MidCallOptions,
  gate: LockoutGate = 'open',
): MidCallStartResult {
  const error = midCallOptionsProblem(options) ?? checkGate(gate);
  if (error !== undefined) return { ok: false, error };
  const { codeLength, maxRetries, validateCodes, midCallCode } = options;
  return {
    ok: true,
    state: {
      phase: 'listening',
      options: { codeLength, maxRetries, validateCodes, midCallCode },
      keys: 0,
      attempts: 0,
      incorrect: 0,
      lockedOut: validateCodes && gate === 'locked-out',
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
  if (!parsed.ok) {
    return { accountCode: null, validated: false, attempts: 0, lockedOut: false, taggedAt: null };
  }
  const { tag, attempts, lockedOut } = parsed.state;
  if (tag === null) {
    return { accountCode: null, validated: false, attempts, lockedOut, taggedAt: null };
  }
  return {
    accountCode: tag.accountCode,
    validated: tag.validated,
    attempts,
    lockedOut,
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
  if (!isCount(s.incorrect) || s.incorrect > maxRetries || s.incorrect > s.attempts) {
    return bad(
      ['incorrect'],
      `incorrect must be a whole number up to ${maxRetries} and attempts; got ${describeValue(s.incorrect)}`,
    );
  }
  if (typeof s.lockedOut !== 'boolean') {
    return bad(['lockedOut'], `lockedOut must be true or false; got ${describeValue(s.lockedOut)}`);
  }
  // Codes are taken only while the budget lasts and the scope is not locked (docs/rules.md#mid-call-tagging, docs/rules.md#lockout).
  if (
    (s.phase === 'collecting' || s.phase === 'awaiting-lookup') &&
    (s.lockedOut || s.incorrect >= maxRetries)
  ) {
    return bad(
      ['phase'],
      `phase ${s.phase} needs incorrect below ${maxRetries} and lockedOut false`,
    );
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
      if (!isCount(s.matched) || s.matched >= midCallCode.length) {
        return bad(
          ['matched'],
          `matched must be a whole number below ${midCallCode.length}; got ${describeValue(s.matched)}`,
        );
      }
      return isDigitString(s.digits, 0, codeLength - 1)
        ? undefined
        : bad(
            ['digits'],
            `digits must be 0 to ${codeLength - 1} digits; got ${describeValue(s.digits)}`,
          );
    case 'awaiting-lookup':
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
