/**
 * Mid-call tagging's state (docs/rules.md#mid-call-tagging) and the check of
 * one loaded from storage: plain, readonly JSON data an integrator keeps
 * between events, checked against what the machine can reach.
 */
import { describeValue, type JsonPath, type Problem } from '../result.js';
import { isTimestamp, TIMESTAMP_ALLOWED, type Timestamp } from './events.js';
import { checkMidCallCode, isDigitString, type OptionsProblem } from './options.js';
import type { ParsedState } from './state-machine.js';
import { collectOptionsProblem, parsedState, storedOptionsProblem } from './state-machine.js';

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

/** A stored state that is not a state of this machine. */
export type MidCallStateProblem = Problem<'invalid-mid-call-state'>;

/** {@link parseMidCallState}'s answer: the state, typed, or what is wrong with it. */
export type MidCallParseStateResult = ParsedState<MidCallState, 'invalid-mid-call-state'>;

/**
 * Checks a mid-call state loaded from storage; `advanceMidCall` quietly
 * ignores a malformed one, this says what is wrong with it.
 *
 * @example
 * ```ts
 * const loaded = parseMidCallState(JSON.parse(stored));
 * if (!loaded.ok) console.error(loaded.error.message);
 * ```
 */
export function parseMidCallState(value: unknown): MidCallParseStateResult {
  return parsedState(value, midCallStateProblem(value));
}

/** The first problem with mid-call tagging's options, or `undefined`. */
export function midCallOptionsProblem(options: unknown): OptionsProblem | undefined {
  return collectOptionsProblem(options, (o) => checkMidCallCode(o.midCallCode));
}

/**
 * What is wrong with `value` as a mid-call state, or `undefined`: beyond the
 * shapes, what the machine can reach (the budget, the lock, the tag's key).
 */
export function midCallStateProblem(value: unknown): MidCallStateProblem | undefined {
  const preamble = storedOptionsProblem(value, midCallOptionsProblem, bad);
  if (preamble !== undefined) return preamble;
  const s = value as Record<string, unknown>;
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
        : bad(['at'], `at must be ${TIMESTAMP_ALLOWED}; got ${describeValue(s.at)}`);
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
    : bad(['tag', 'at'], `tag.at must be ${TIMESTAMP_ALLOWED}; got ${describeValue(t.at)}`);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function bad(path: JsonPath, message: string): MidCallStateProblem {
  return { code: 'invalid-mid-call-state', path, message };
}
