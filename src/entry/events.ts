/**
 * What the embedding application tells the code-entry machines (events) and
 * what they ask it to do (effects), docs/rules.md#code-entry and docs/rules.md#mid-call-tagging. Plain JSON data both ways, so
 * a stateless webhook can receive events and perform effects.
 */

import type { PromptId } from './prompts.js';
import { CODE_REFUSALS, type CodeRefusal } from './refusals.js';

/** A DTMF key (docs/rules.md#code-entry). */
export type DtmfKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';

/**
 * When something happened, as the integrator's clock says: epoch milliseconds
 * or an ISO 8601 string. The machines have no clock; they only copy it.
 */
export type Timestamp = number | string;

/** The caller pressed a key. */
export interface KeyEvent {
  /** Discriminant: a DTMF key. */
  readonly type: 'key';
  /** The key pressed: a digit, `*` (clear and re-prompt) or `#` (submit early), docs/rules.md#code-entry. */
  readonly key: DtmfKey;
  /** Optional; mid-call tagging copies it into the record (docs/rules.md#mid-call-tagging). */
  readonly at?: Timestamp;
  /**
   * Whose key it is: `account` (the account's own party, the default) or
   * `far-end` (the other party of a connected call, such as the outside
   * caller on an inbound call). Far-end keys are never interpreted (docs/rules.md#mid-call-tagging):
   * both machines ignore them, so anyone who can dial the account's number
   * cannot key codes. Pass only the account party's DTMF, or mark the rest.
   */
  readonly leg?: KeyLeg;
}

/** The party a DTMF key came from (docs/rules.md#mid-call-tagging). */
export type KeyLeg = 'account' | 'far-end';

/** No key came in time. */
export interface TimeoutEvent {
  /** Discriminant: no key in time. While a code is being keyed it submits what was keyed (docs/rules.md#code-entry). */
  readonly type: 'timeout';
  /** Optional: when the timeout fired. */
  readonly at?: Timestamp;
}

/** The caller hung up. */
export interface HangupEvent {
  /** Discriminant: the caller hung up. Code entry ends in `abandoned` (docs/rules.md#code-entry), mid-call tagging in `ended`. */
  readonly type: 'hangup';
  /** Optional: when the caller hung up. */
  readonly at?: Timestamp;
}

/** The answer to a {@link LookupEffect}: is the code in the account's list? */
export interface LookupResultEvent {
  /** Discriminant: the answer to a look-up. */
  readonly type: 'lookup-result';
  /** True when the code may authorize this call; false plays `invalid-code` and costs an attempt. */
  readonly valid: boolean;
  /**
   * Optional, on a miss: why, for the administrator (docs/rules.md#scoped-codes):
   * `not-on-list`, or a listed code whose scope refuses this call. The
   * caller hears the same `invalid-code` whatever it says.
   */
  readonly reason?: CodeRefusal;
  /**
   * Optional: the code that was looked up. When present it must match the
   * pending look-up, so a stale or misrouted answer is ignored.
   */
  readonly code?: string;
  /** Optional: when the answer came. */
  readonly at?: Timestamp;
  /**
   * Optional: the lockout scope is locked now (this miss locked it, docs/rules.md#lockout).
   * The call gets no further look-ups: code entry plays `locked-out` and
   * ends, mid-call tagging plays `locked-out` on every later star code.
   */
  readonly locked?: boolean;
}

/**
 * The look-up was not performed: the lockout ledger refused to admit it
 * (`locked-out`) or could not be reached (`ledger-unavailable`), docs/rules.md#lockout.
 * Code entry plays `locked-out` and ends; mid-call tagging tags nothing.
 */
export interface LookupRefusedEvent {
  /** Discriminant: the look-up was not admitted. */
  readonly type: 'lookup-refused';
  /** Why: the scope is locked or at its limit, or the ledger is unreachable (fail closed). */
  readonly reason: RefusalReason;
  /** Optional: the code that was not looked up; when present it must match the pending one. */
  readonly code?: string;
  /** Optional: when the answer came. */
  readonly at?: Timestamp;
}

/** Why a look-up was not performed (docs/rules.md#lockout). */
export type RefusalReason = 'locked-out' | 'ledger-unavailable';

/**
 * The lockout ledger's word on a call before it starts (docs/rules.md#lockout): `open`, the
 * scope is locked (`locked-out`), or the ledger cannot be reached
 * (`ledger-unavailable`). `lockoutGate` reads it from a store. Only matters
 * with validation on: tracking mode looks nothing up.
 */
export type LockoutGate = 'open' | RefusalReason;

/** Everything the machines react to. */
export type EntryEvent =
  | KeyEvent
  | TimeoutEvent
  | HangupEvent
  | LookupResultEvent
  | LookupRefusedEvent;

/** Play one of the prompts of docs/rules.md#code-entry (wording: {@link promptText}). */
export interface PlayEffect {
  /** Discriminant: play a prompt. */
  readonly type: 'play';
  /** Which prompt; the wording is the integrator's. */
  readonly prompt: PromptId;
}

/** The effect that plays `prompt`; shared by both machines. */
export function play(prompt: PromptId): PlayEffect {
  return { type: 'play', prompt };
}

/**
 * Look `code` up in the account's list and answer with a
 * {@link LookupResultEvent}: admitted against the lockout ledger first and
 * settled after (docs/rules.md#lockout) — `performLookup` does all three in order.
 */
export interface LookupEffect {
  /** Discriminant: look a code up (only when `validateCodes` is on). */
  readonly type: 'lookup';
  /** The submitted code, exactly `codeLength` digits. */
  readonly code: string;
  /** The entry's number on the call, from 1: with the call's id, the admission's id. */
  readonly attempt: number;
}

/** Connect the call, tagged with `accountCode`, or untagged (`null`) after max retries. */
export interface ConnectEffect {
  /** Discriminant: connect the call. */
  readonly type: 'connect';
  /** The code to tag the call record with, or `null` when it connects untagged after max retries. */
  readonly accountCode: string | null;
  /** The code was checked against the account's list. */
  readonly validated: boolean;
}

/**
 * Why code entry ended the call: the last incorrect attempt, a locked scope
 * (docs/rules.md#lockout), or a lockout ledger that could not be reached (fail closed).
 */
export type EndReason = 'max-retries' | 'locked-out' | 'ledger-unavailable';

/** End the call. */
export interface EndEffect {
  /** Discriminant: end the call. */
  readonly type: 'end';
  /** Why: `max-retries` (the last incorrect attempt, `allowCallAfterMaxRetries` off), `locked-out` or `ledger-unavailable`. */
  readonly reason: EndReason;
}

/** What code entry asks the embedding application to do, in order. */
export type EntryEffect = PlayEffect | LookupEffect | ConnectEffect | EndEffect;

/**
 * The answer to a pending look-up, read once from a {@link LookupResultEvent}
 * or a {@link LookupRefusedEvent}; each machine only decides what follows.
 */
export type LookupAnswer =
  /** The code may authorize (or tag) this call. */
  | { readonly kind: 'hit' }
  /**
   * A miss: an incorrect entry. `locked` when it locked the scope (no further
   * look-ups on the call); `reason`, when the answer gave one, is for the
   * administrator only (docs/rules.md#scoped-codes).
   */
  | { readonly kind: 'miss'; readonly locked: boolean; readonly reason?: CodeRefusal }
  /** The look-up was not performed (docs/rules.md#lockout). */
  | { readonly kind: 'refused'; readonly reason: RefusalReason };

/**
 * An event after validation, reduced to what the transition tables branch on.
 * Both look-up events are one `answer`: the tables give it one column.
 */
export type Stimulus =
  | { readonly kind: 'digit'; readonly digit: string; readonly at?: Timestamp }
  | { readonly kind: 'star' }
  | { readonly kind: 'hash'; readonly at?: Timestamp }
  | { readonly kind: 'timeout'; readonly at?: Timestamp }
  | { readonly kind: 'hangup' }
  | { readonly kind: 'answer'; readonly answer: LookupAnswer; readonly code?: string };

/** The column names of the transition tables. */
export type StimulusKind = Stimulus['kind'];

/** The longest string `at` the machines keep. */
const MAX_TIMESTAMP_LENGTH = 64;

/** What a {@link Timestamp} the machines keep may be, for messages. */
export const TIMESTAMP_ALLOWED = `a finite number or a string of up to ${MAX_TIMESTAMP_LENGTH} characters`;

/** The one rule for a kept timestamp: a finite number, or a string of up to 64 characters. */
export function isTimestamp(value: unknown): value is Timestamp {
  return (
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.length <= MAX_TIMESTAMP_LENGTH)
  );
}

/**
 * Reads an event that may come straight from `JSON.parse` of webhook data.
 * Anything that is not a well-formed {@link EntryEvent} yields `undefined`,
 * which both machines treat as "no change, no effects". A malformed `at` is
 * dropped rather than failing the event: it only dates a tag. So is a
 * `reason` that is not a {@link CodeRefusal}: it only informs the record.
 */
export function readEvent(event: unknown): Stimulus | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  const type = e.type;
  if (type === 'key') {
    const key = e.key;
    if (typeof key !== 'string' || key.length !== 1) return undefined;
    // docs/rules.md#mid-call-tagging: far-end DTMF is never interpreted (and an unknown leg is not trusted).
    if (e.leg !== undefined && e.leg !== 'account') return undefined;
    const at = isTimestamp(e.at) ? e.at : undefined;
    if (key === '*') return { kind: 'star' };
    if (key === '#') return at === undefined ? { kind: 'hash' } : { kind: 'hash', at };
    const c = key.charCodeAt(0);
    if (c < 48 || c > 57) return undefined;
    return at === undefined ? { kind: 'digit', digit: key } : { kind: 'digit', digit: key, at };
  }
  if (type === 'timeout') {
    return isTimestamp(e.at) ? { kind: 'timeout', at: e.at } : { kind: 'timeout' };
  }
  if (type === 'hangup') return { kind: 'hangup' };
  const answer = readAnswer(e);
  if (answer === undefined) return undefined;
  if (e.code === undefined) return { kind: 'answer', answer };
  return typeof e.code === 'string' ? { kind: 'answer', answer, code: e.code } : undefined;
}

/** The answer a look-up event carries, or `undefined` when it is not a well-formed one. */
function readAnswer(e: Record<string, unknown>): LookupAnswer | undefined {
  if (e.type === 'lookup-result') {
    if (typeof e.valid !== 'boolean') return undefined;
    if (e.locked !== undefined && typeof e.locked !== 'boolean') return undefined;
    if (e.valid) return { kind: 'hit' };
    const locked = e.locked === true;
    return isCodeRefusal(e.reason)
      ? { kind: 'miss', locked, reason: e.reason }
      : { kind: 'miss', locked };
  }
  if (e.type === 'lookup-refused') {
    const reason = e.reason;
    return reason === 'locked-out' || reason === 'ledger-unavailable'
      ? { kind: 'refused', reason }
      : undefined;
  }
  return undefined;
}

function isCodeRefusal(value: unknown): value is CodeRefusal {
  return (CODE_REFUSALS as readonly unknown[]).includes(value);
}
