/**
 * What both code-collecting machines are made of (docs/rules.md#code-entry,
 * docs/rules.md#mid-call-tagging): a step's result, the start and parse
 * results, the shape of a transition table and how a stimulus finds its
 * cell, the cell that ignores, and the preambles of the options and
 * stored-state checks. Each machine file is then its table and its cells.
 */
import { describeValue, type JsonPath, type Problem } from '../result.js';
import { answerTo } from './collector.js';
import {
  type EntryEvent,
  type LockoutGate,
  type LookupAnswer,
  readEvent,
  type Stimulus,
  type StimulusKind,
} from './events.js';
import {
  checkBoolean,
  checkCodeLength,
  checkGate,
  checkMaxRetries,
  notAnObject,
  type OptionsProblem,
} from './options.js';

/** A state and the effects to perform, in order. */
export interface MachineStep<State, Effect> {
  /** The next state; store it and pass it to the machine's next advance. The input object itself when the event is ignored. */
  readonly state: State;
  /** What the embedding application must do now, in order; empty when nothing is to be done. */
  readonly effects: readonly Effect[];
}

/** A machine's start: the first state and effects, or why the options are bad. */
export type MachineStart<State, Effect> =
  | ({
      /** The options are valid; the machine has started. */
      readonly ok: true;
    } & MachineStep<State, Effect>)
  | {
      /** The options are invalid; nothing started. */
      readonly ok: false;
      /** The first bad option, naming the field and the values it allows. */
      readonly error: OptionsProblem;
    };

/** A stored state, checked: typed as a state, or what is wrong with it. */
export type ParsedState<State, Code extends string> =
  | {
      /** The value is a state this machine can reach. */
      readonly ok: true;
      /** The value, typed as a state. */
      readonly state: State;
    }
  | {
      /** The value is not a valid state. */
      readonly ok: false;
      /** What is wrong with it, with the path of the offending field. */
      readonly error: Problem<Code>;
    };

/**
 * A transition table: a row per phase, a column per stimulus kind, and in
 * each cell the function that takes that phase's state and that stimulus.
 */
export type TransitionTable<State extends { readonly phase: string }, Effect> = {
  readonly [P in State['phase']]: {
    readonly [K in StimulusKind]: (
      state: Extract<State, { readonly phase: P }>,
      stimulus: Extract<Stimulus, { readonly kind: K }>,
    ) => MachineStep<State, Effect>;
  };
};

/** The row of a terminal phase (docs/rules.md#code-entry): it ignores every event. */
export const TERMINAL = /* @__PURE__ */ Object.freeze({
  digit: ignore,
  star: ignore,
  hash: ignore,
  timeout: ignore,
  hangup: ignore,
  answer: ignore,
});

/**
 * Starts a machine: its options and the lockout gate checked (the first bad
 * one named), then `begin` with them.
 */
export function startWith<Options, State, Effect>(
  options: Options,
  gate: LockoutGate,
  optionsProblem: (options: unknown) => OptionsProblem | undefined,
  begin: (options: Options, gate: LockoutGate) => MachineStep<State, Effect>,
): MachineStart<State, Effect> {
  const error = optionsProblem(options) ?? checkGate(gate);
  if (error !== undefined) return { ok: false, error };
  return { ok: true, ...begin(options, gate) };
}

/**
 * One event through a machine's table. Total: a state with a problem, or a
 * value that is not a well-formed event, gives the same state object and no
 * effects.
 */
export function advanceBy<State extends { readonly phase: string }, Effect>(
  table: TransitionTable<State, Effect>,
  stateProblem: (value: unknown) => Problem<string> | undefined,
  state: State,
  event: EntryEvent,
): MachineStep<State, Effect> {
  if (stateProblem(state) !== undefined) return ignore(state);
  const stimulus = readEvent(event);
  if (stimulus === undefined) return ignore(state);
  // The table's type pairs each row's cells with its phase's state; looking a
  // row up by a phase the type only knows as a union loses that pairing.
  const row = table[state.phase as State['phase']] as Readonly<
    Record<StimulusKind, (state: State, stimulus: Stimulus) => MachineStep<State, Effect>>
  >;
  return row[stimulus.kind](state, stimulus);
}

/** A cell per kind of look-up answer, each given the answer of its kind. */
export type AnswerCells<State, Result> = {
  readonly [K in LookupAnswer['kind']]: (
    state: State,
    answer: Extract<LookupAnswer, { readonly kind: K }>,
  ) => Result;
};

/**
 * The cell of the `answer` column while a look-up of `state.code` is
 * pending: the answer goes to the cell of its kind; an answer for another
 * code (stale or misrouted) is ignored. Mark the call `@__PURE__` in a table,
 * so a bundle that never advances that machine drops the table
 * (unmarked, `parseConfig` grew by 1.6 kB).
 */
export function onAnswer<Pending extends { readonly code: string }, State, Effect>(
  cells: AnswerCells<Pending, MachineStep<State, Effect>>,
): (
  state: Pending,
  stimulus: Extract<Stimulus, { readonly kind: 'answer' }>,
) => MachineStep<State | Pending, Effect> {
  return (state, stimulus) => {
    const answer = answerTo(state.code, stimulus);
    if (answer === undefined) return ignore(state);
    // AnswerCells has a cell for every kind, each taking the answer of its kind.
    const cell = cells[answer.kind] as (
      state: Pending,
      answer: LookupAnswer,
    ) => MachineStep<State, Effect>;
    return cell(state, answer);
  };
}

/** The effects of a step that does nothing. */
export const NO_EFFECTS: readonly never[] = /* @__PURE__ */ Object.freeze([]);

/** The cell for an event that makes no sense here: the same state object, no effects. */
export function ignore<State>(state: State): MachineStep<State, never> {
  return { state, effects: NO_EFFECTS };
}

/**
 * The first problem with options both machines take (an object with
 * `codeLength`, `maxRetries` and `validateCodes`), then with the machine's
 * own field through `own`; `undefined` when there is none.
 */
export function collectOptionsProblem(
  options: unknown,
  own: (options: Readonly<Record<string, unknown>>) => OptionsProblem | undefined,
): OptionsProblem | undefined {
  if (typeof options !== 'object' || options === null) return notAnObject(options);
  const o = options as Record<string, unknown>;
  return (
    checkCodeLength(o.codeLength) ??
    checkMaxRetries(o.maxRetries) ??
    checkBoolean(o.validateCodes, 'validateCodes') ??
    own(o)
  );
}

/**
 * The preamble of a stored-state check: the state must be an object whose
 * `options` pass the machine's options check. `undefined` when they do.
 */
export function storedOptionsProblem<Code extends string>(
  value: unknown,
  optionsProblem: (options: unknown) => OptionsProblem | undefined,
  bad: (path: JsonPath, message: string) => Problem<Code>,
): Problem<Code> | undefined {
  if (typeof value !== 'object' || value === null) {
    return bad([], `the state must be an object; got ${describeValue(value)}`);
  }
  const error = optionsProblem((value as Record<string, unknown>).options);
  return error === undefined
    ? undefined
    : bad(['options', ...error.path], `state.${error.message}`);
}

/** `value` as a checked state when `problem` is `undefined`, else the problem. */
export function parsedState<State, Code extends string>(
  value: unknown,
  problem: Problem<Code> | undefined,
): ParsedState<State, Code> {
  return problem === undefined
    ? { ok: true, state: value as State }
    : { ok: false, error: problem };
}
