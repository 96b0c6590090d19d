/**
 * Mid-call tagging (docs/rules.md#mid-call-tagging): on a connected call that needed no code (or an
 * inbound one), the caller keys `midCallCode` (e.g. `*50`) then a code.
 *
 * A second small machine beside the code-entry one: this file is its table,
 * {@link MID_CALL_TRANSITIONS}, and its cells; the state and the check of a
 * stored one are in `mid-call-state.ts`, the record in `mid-call-record.ts`,
 * what both machines share in `state-machine.ts`. Choices (docs/call-flow.md):
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
import { budgetLeft, judgeEntry, keyInto } from './collector.js';
import {
  type EntryEvent,
  type LockoutGate,
  type LookupAnswer,
  type LookupEffect,
  type PlayEffect,
  play,
  type Stimulus,
  type Timestamp,
} from './events.js';
import {
  type MidCallAwaitingLookupState,
  type MidCallCollectingState,
  type MidCallListeningState,
  type MidCallOptions,
  type MidCallState,
  type MidCallTag,
  midCallOptionsProblem,
  midCallStateProblem,
} from './mid-call-state.js';
import type { PromptId } from './prompts.js';
import type { MachineStart, MachineStep, TransitionTable } from './state-machine.js';
import { advanceBy, ignore, NO_EFFECTS, onAnswer, startWith, TERMINAL } from './state-machine.js';

// The state, its check and the record live beside the machine; these names stay importable from here.
export { type MidCallRecord, midCallRecord } from './mid-call-record.js';
export {
  type MidCallAwaitingLookupState,
  type MidCallCollectingState,
  type MidCallEndedState,
  type MidCallListeningState,
  type MidCallOptions,
  type MidCallParseStateResult,
  type MidCallPhase,
  type MidCallState,
  type MidCallStateProblem,
  type MidCallTag,
  parseMidCallState,
} from './mid-call-state.js';

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

/**
 * A mid-call state and the effects to perform, in order: {@link advanceMidCall}'s
 * answer. Store `state` and pass it to the next `advanceMidCall`; `effects`
 * is empty when nothing is to be done.
 */
export type MidCallTransition = MachineStep<MidCallState, MidCallEffect>;

/**
 * {@link startMidCallTagging}'s answer: the first state (`listening`,
 * untagged) and no effects (nothing plays until the caller keys the star
 * code), or the first bad option.
 */
export type MidCallStartResult = MachineStart<MidCallState, MidCallEffect>;

// ---------------------------------------------------------------------------
// The transition table.
// ---------------------------------------------------------------------------

/** The transitions of docs/rules.md#mid-call-tagging, one row per phase. */
const MID_CALL_TRANSITIONS: TransitionTable<MidCallState, MidCallEffect> = {
  listening: {
    digit: matchStarCode, // ordinary DTMF unless it continues the star code
    star: matchStarCode,
    hash: matchStarCode,
    timeout: ignore,
    hangup: hangUp,
    answer: ignore, // nobody asked
  },
  collecting: {
    digit: keyCode, // reaching codeLength digits submits at once; the star code restarts
    star: keyCode, // clears and re-prompts, costs no attempt
    hash: keyCode, // submits early
    timeout: keyCode, // submits what was keyed
    hangup: hangUp,
    answer: ignore,
  },
  'awaiting-lookup': {
    digit: countKey, // ordinary DTMF while the look-up runs
    star: countKey,
    hash: countKey,
    timeout: ignore,
    hangup: hangUp,
    answer: /* @__PURE__ */ onAnswer({
      hit: tagValidated, // tag, validated
      miss: missed, // an incorrect entry; locked out if it locked the scope
      refused: notAdmitted, // nothing tagged, the call goes on
    }),
  },
  ended: TERMINAL, // the call is over
};

// ---------------------------------------------------------------------------
// The cells.
// ---------------------------------------------------------------------------

function beginListening(options: MidCallOptions, gate: LockoutGate): MidCallTransition {
  const { codeLength, maxRetries, validateCodes, midCallCode } = options;
  return {
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

function tagValidated(state: MidCallAwaitingLookupState): MidCallTransition {
  const tag: MidCallTag =
    state.at === undefined
      ? { accountCode: state.code, validated: true, keyIndex: state.keyIndex }
      : { accountCode: state.code, validated: true, keyIndex: state.keyIndex, at: state.at };
  return accept(state, tag);
}

/** A miss's reason is for code entry's record; tagging plays the same prompt whatever it is. */
function missed(
  state: MidCallAwaitingLookupState,
  answer: Extract<LookupAnswer, { readonly kind: 'miss' }>,
): MidCallTransition {
  return answer.locked
    ? listen({ ...state, incorrect: state.incorrect + 1, lockedOut: true }, [play('locked-out')])
    : incorrectEntry(state, 'invalid-code');
}

/** Not looked up, so not an incorrect entry; a locked scope takes nothing more (docs/rules.md#lockout). */
function notAdmitted(
  state: MidCallAwaitingLookupState,
  answer: Extract<LookupAnswer, { readonly kind: 'refused' }>,
): MidCallTransition {
  return listen({ ...state, lockedOut: answer.reason === 'locked-out' }, [play('locked-out')]);
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
  return startWith(options, gate, midCallOptionsProblem, beginListening);
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
  return advanceBy(MID_CALL_TRANSITIONS, midCallStateProblem, state, event);
}
