/**
 * The code-entry conversation of docs/rules.md#code-entry as a pure state machine:
 * `(state, event) -> (state, effects)`.
 *
 * This file is the machine's table, {@link TRANSITIONS}, readable top to
 * bottom (after h11's `_state.py`), and its cells. The state and the check of
 * a stored one are in `entry-state.ts`; what both machines share is in
 * `state-machine.ts`. The machine does no I/O: the embedding
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
 *   nothing connects); `parseEntryState` gives the typed error.
 * - A hangup yields no effect: there is nobody left to play to or connect.
 * - docs/rules.md#lockout: a call on a locked scope (the gate given at start), a look-up
 *   the lockout ledger did not admit, and the miss that locks the scope all
 *   play `locked-out` and end the call, whatever `allowCallAfterMaxRetries`
 *   says. The code-collection rules themselves live in `collector.ts`.
 * - A miss that gives its reason (docs/rules.md#scoped-codes) adds it to the
 *   state's `refusals`, for the call record; the caller hears the same
 *   `invalid-code` whatever the reason.
 */

import { budgetLeft, judgeEntry, keyInto } from './collector.js';
import {
  type AwaitingLookupState,
  type CollectingState,
  type EntryOptions,
  type EntryState,
  entryOptionsProblem,
  entryStateProblem,
} from './entry-state.js';
import {
  type EntryEffect,
  type EntryEvent,
  type LockoutGate,
  type LookupAnswer,
  play,
  type RefusalReason,
  type Stimulus,
} from './events.js';
import type { PromptId } from './prompts.js';
import type { CodeRefusal } from './refusals.js';
import type { MachineStart, MachineStep, TransitionTable } from './state-machine.js';
import { advanceBy, ignore, NO_EFFECTS, onAnswer, startWith, TERMINAL } from './state-machine.js';

// The state and its check live beside the machine; these names stay importable from here.
export type {
  AbandonedState,
  AwaitingLookupState,
  CollectingState,
  ConnectedAfterMaxRetriesState,
  ConnectedState,
  EndedState,
  EntryOptions,
  EntryParseStateResult,
  EntryPhase,
  EntryState,
  EntryStateProblem,
  LedgerUnavailableState,
  LockedOutState,
  ParseStateResult,
} from './entry-state.js';
export { parseEntryState } from './entry-state.js';

/**
 * A code-entry state and the effects to perform, in order: {@link advance}'s
 * answer. Store `state` and pass it to the next `advance`; `effects` is empty
 * when nothing is to be done.
 */
export type EntryTransition = MachineStep<EntryState, EntryEffect>;

/**
 * A code-entry state and the effects to perform.
 *
 * @deprecated Use {@link EntryTransition}, which says whose transition it is.
 */
export type Transition = EntryTransition;

/**
 * {@link startCodeEntry}'s answer: the first state (`collecting`, no digits,
 * no attempts) and effects (play `enter-code`), or the first bad option.
 */
export type EntryStartResult = MachineStart<EntryState, EntryEffect>;

/**
 * {@link startCodeEntry}'s answer.
 *
 * @deprecated Use {@link EntryStartResult}, which says whose start it is.
 */
export type StartResult = EntryStartResult;

// ---------------------------------------------------------------------------
// The transition table. Rows: phases; columns: what happened. Every cell is
// a small function below; `ignore` means "no change, no effects".
// ---------------------------------------------------------------------------

// docs/rules.md#code-entry: terminal states ignore further events (`TERMINAL`: every cell `ignore`).
/** The transitions of docs/rules.md#code-entry, one row per phase. */
const TRANSITIONS: TransitionTable<EntryState, EntryEffect> = {
  collecting: {
    digit: keyCode, // reaching codeLength digits submits at once
    star: keyCode, // clears and re-prompts, costs no attempt
    hash: keyCode, // submits early
    timeout: keyCode, // submits what was keyed
    hangup: abandon,
    answer: ignore, // nobody asked
  },
  'awaiting-lookup': {
    digit: ignore, // keys while the look-up runs are not part of the code
    star: ignore,
    hash: ignore,
    timeout: ignore,
    hangup: abandon,
    answer: /* @__PURE__ */ onAnswer({
      hit: connectValidated, // connect, tagged and validated
      miss: missed, // an incorrect attempt; locked-out if it locked the scope
      refused: notAdmitted, // not admitted: locked-out, never connected
    }),
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

/** What every phase carries on to the next. */
type Kept = Pick<EntryState, 'options' | 'attempts' | 'refusals'>;

function kept(state: EntryState): Kept {
  const { options, attempts, refusals } = state;
  return refusals === undefined ? { options, attempts } : { options, attempts, refusals };
}

function beginEntry(options: EntryOptions, gate: LockoutGate): EntryTransition {
  const { codeLength, maxRetries, validateCodes, allowCallAfterMaxRetries } = options;
  const first = {
    options: { codeLength, maxRetries, validateCodes, allowCallAfterMaxRetries },
    attempts: 0,
  };
  if (validateCodes && gate !== 'open') return lockedOut(first, gate);
  return {
    state: { phase: 'collecting', ...first, digits: '' },
    effects: [play('enter-code')],
  };
}

function keyCode(state: CollectingState, stimulus: Stimulus): EntryTransition {
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

function abandon(state: CollectingState | AwaitingLookupState): EntryTransition {
  return { state: { phase: 'abandoned', ...kept(state) }, effects: NO_EFFECTS };
}

function connectValidated(state: AwaitingLookupState): EntryTransition {
  return connectTagged(kept(state), state.code, true);
}

function missed(
  state: AwaitingLookupState,
  answer: Extract<LookupAnswer, { readonly kind: 'miss' }>,
): EntryTransition {
  const after = refused(kept(state), answer.reason);
  // docs/rules.md#lockout: a call in progress when the scope locks gets no further look-ups.
  return answer.locked ? lockedOut(after, 'locked-out') : incorrectAttempt(after, 'invalid-code');
}

function notAdmitted(
  state: AwaitingLookupState,
  answer: Extract<LookupAnswer, { readonly kind: 'refused' }>,
): EntryTransition {
  return lockedOut(kept(state), answer.reason);
}

/** docs/rules.md#scoped-codes: the reason of a miss, kept for the record only. */
function refused(state: Kept, reason: CodeRefusal | undefined): Kept {
  if (reason === undefined) return state;
  return { ...state, refusals: [...(state.refusals ?? []), reason] };
}

/** One submitted entry: an attempt, whatever comes of it. */
function submit(state: CollectingState, entry: string): EntryTransition {
  const counted = { ...kept(state), attempts: state.attempts + 1 };
  const judged = judgeEntry(state.options, entry, counted.attempts);
  switch (judged.kind) {
    case 'wrong-length':
      return incorrectAttempt(counted, 'wrong-length');
    case 'taken':
      return connectTagged(counted, judged.code, false);
    case 'lookup':
      return {
        state: { phase: 'awaiting-lookup', ...counted, code: judged.code },
        effects: [judged.effect],
      };
    default:
      return judged satisfies never;
  }
}

/** docs/rules.md#lockout: play `locked-out` and end; never connected, whatever allowCallAfterMaxRetries says. */
function lockedOut(state: Kept, reason: RefusalReason): EntryTransition {
  return {
    state: { phase: reason, ...state },
    effects: [play('locked-out'), { type: 'end', reason }],
  };
}

function connectTagged(state: Kept, accountCode: string, validated: boolean): EntryTransition {
  return {
    state: { phase: 'connected', ...state, accountCode, validated },
    effects: [play('accepted'), { type: 'connect', accountCode, validated }],
  };
}

/** docs/rules.md#code-entry: re-prompt while attempts < maxRetries; then max-retries, and connect untagged or end. */
function incorrectAttempt(state: Kept, prompt: PromptId): EntryTransition {
  const { options, attempts } = state;
  if (budgetLeft(options, attempts)) {
    return {
      state: { phase: 'collecting', ...state, digits: '' },
      effects: [play(prompt)],
    };
  }
  if (options.allowCallAfterMaxRetries) {
    return {
      state: { phase: 'connected-after-max-retries', ...state },
      effects: [play('max-retries'), { type: 'connect', accountCode: null, validated: false }],
    };
  }
  return {
    state: { phase: 'ended', ...state },
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
export function startCodeEntry(
  options: EntryOptions,
  gate: LockoutGate = 'open',
): EntryStartResult {
  return startWith(options, gate, entryOptionsProblem, beginEntry);
}

/**
 * True for the phases that absorb every event.
 *
 * @example
 * ```ts
 * isTerminal(advance(state, { type: 'hangup' }).state); // true: abandoned
 * ```
 */
export function isTerminal(state: EntryState): boolean {
  // Total: a malformed state counts as terminal, as advance() moves it nowhere.
  const phase = (state as { readonly phase?: unknown } | null | undefined)?.phase;
  return phase !== 'collecting' && phase !== 'awaiting-lookup';
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
export function advance(state: EntryState, event: EntryEvent): EntryTransition {
  return advanceBy(TRANSITIONS, entryStateProblem, state, event);
}
