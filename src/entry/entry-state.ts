/**
 * Code entry's state (docs/rules.md#code-entry) and the check of one loaded
 * from storage: plain, readonly JSON data an integrator keeps between events,
 * so a stored state is checked against what the machine can reach.
 */

import type { Problem } from '../result.js';
import { describeValue, type JsonPath } from '../result.js';
import { checkBoolean, isDigitString, type OptionsProblem } from './options.js';
import { CODE_REFUSALS, type CodeRefusal } from './refusals.js';
import type { ParsedState } from './state-machine.js';
import { collectOptionsProblem, parsedState, storedOptionsProblem } from './state-machine.js';

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
  /**
   * Why each refused look-up was refused, in order, when its answer said
   * (docs/rules.md#scoped-codes): for the administrator, never the caller.
   * Absent until a look-up answers with a reason; states stored before it
   * existed have none.
   */
  readonly refusals?: readonly CodeRefusal[];
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

/** A stored state that is not a state of this machine. */
export type EntryStateProblem = Problem<'invalid-entry-state'>;

/** {@link parseEntryState}'s answer: the state, typed, or what is wrong with it. */
export type EntryParseStateResult = ParsedState<EntryState, 'invalid-entry-state'>;

/**
 * {@link parseEntryState}'s answer.
 *
 * @deprecated Use {@link EntryParseStateResult}, which says whose state it is.
 */
export type ParseStateResult = EntryParseStateResult;

/**
 * Checks a state loaded from storage (`JSON.parse` of what a webhook kept).
 * Use it where state crosses a trust boundary: `advance` quietly ignores a
 * malformed state, this says what is wrong with it. A state stored before
 * `refusals` existed parses as it did.
 *
 * @example
 * ```ts
 * const loaded = parseEntryState(JSON.parse(stored));
 * if (!loaded.ok) console.error(loaded.error.message);
 * ```
 */
export function parseEntryState(value: unknown): EntryParseStateResult {
  return parsedState(value, entryStateProblem(value));
}

/** The first problem with code entry's options, or `undefined`. */
export function entryOptionsProblem(options: unknown): OptionsProblem | undefined {
  return collectOptionsProblem(options, (o) =>
    checkBoolean(o.allowCallAfterMaxRetries, 'allowCallAfterMaxRetries'),
  );
}

/**
 * What is wrong with `value` as a state, or `undefined`. Beyond the shapes it
 * checks what the machine can reach, so a tampered state cannot claim, say,
 * more attempts than `maxRetries` or a connected call without a code.
 */
export function entryStateProblem(value: unknown): EntryStateProblem | undefined {
  const preamble = storedOptionsProblem(value, entryOptionsProblem, bad);
  if (preamble !== undefined) return preamble;
  const s = value as Record<string, unknown>;
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
  return refusalsProblem(s, attempts) ?? phaseProblem(s, attempts, codeLength, maxRetries);
}

/**
 * Each refusal is a miss, so an incorrect attempt: never more than the
 * attempts, less the one being looked up or the one that connected.
 */
function refusalsProblem(
  s: Readonly<Record<string, unknown>>,
  attempts: number,
): EntryStateProblem | undefined {
  const refusals = s.refusals;
  if (refusals === undefined) return undefined;
  const most = s.phase === 'awaiting-lookup' || s.phase === 'connected' ? attempts - 1 : attempts;
  if (!Array.isArray(refusals) || refusals.length > Math.max(most, 0)) {
    return bad(
      ['refusals'],
      `refusals must be a list of at most ${Math.max(most, 0)} reasons (one per refused look-up); got ${describeValue(refusals)}`,
    );
  }
  const index = refusals.findIndex(
    (reason) => !(CODE_REFUSALS as readonly unknown[]).includes(reason),
  );
  return index === -1
    ? undefined
    : bad(
        ['refusals', index],
        `refusals[${index}] must be one of ${CODE_REFUSALS.map((r) => `"${r}"`).join(', ')}; got ${describeValue(refusals[index])}`,
      );
}

function phaseProblem(
  s: Readonly<Record<string, unknown>>,
  attempts: number,
  codeLength: number,
  maxRetries: number,
): EntryStateProblem | undefined {
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
      return exactCodeProblem(s.code, 'code', codeLength);
    case 'connected':
      if (attempts < 1) return bad(['attempts'], 'attempts must be at least 1 once connected');
      if (typeof s.validated !== 'boolean') {
        return bad(
          ['validated'],
          `validated must be true or false; got ${describeValue(s.validated)}`,
        );
      }
      return exactCodeProblem(s.accountCode, 'accountCode', codeLength);
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

function exactCodeProblem(
  value: unknown,
  field: 'code' | 'accountCode',
  codeLength: number,
): EntryStateProblem | undefined {
  return isDigitString(value, codeLength, codeLength)
    ? undefined
    : bad(
        [field],
        `${field} must be a string of exactly ${codeLength} digits; got ${describeValue(value)}`,
      );
}

function bad(path: JsonPath, message: string): EntryStateProblem {
  return { code: 'invalid-entry-state', path, message };
}
