/**
 * What the server remembers per `CallSid` while code entry runs: the step the
 * call is at and the look-ups it has spent. The sealed state carries the
 * machine; this carries what a replayed state must not rewind (docs/rules.md#mid-call-tagging: at
 * most `maxRetries` look-ups per call). It also keeps each call's CDR record
 * until the call has ended: the record holds the account code, which no URL
 * may carry, and is written once per `CallSid` however often a request is
 * replayed. In memory, bounded in entries and in time. Several instances
 * behind a load balancer need one shared store (the lockout ledger's Redis
 * store, docs/rules.md#lockout, is where this belongs) or sticky routing by
 * `CallSid` (README.md).
 */

import type { CallLookups } from 'account-codes';
import type { CdrDraft } from '../cdr-sink.js';

/** One call's progress through code entry. */
export interface CallProgress {
  /** Bumped by every answered request; the sealed state must name the current one. */
  readonly step: number;
  /** Look-ups performed on this call. */
  readonly lookups: number;
  /** The last code-entry attempt count, for the record if the caller hangs up. */
  readonly attempts: number;
  /** Digits keyed toward the next attempt (after a `*`): part of a code, so never in a URL. */
  readonly digits: string;
  /** The call itself, for the record and the final `<Dial>`. */
  readonly call: {
    readonly callSid: string;
    readonly dialed: string;
    readonly caller: string;
    readonly trunk?: string;
    readonly target: { readonly number: string; readonly sip?: string };
  };
  /** Where and for what the call's look-ups count: `evaluateCall`'s `conversation.lookups`. */
  readonly context: CallLookups;
  /** When the call came in (epoch ms): its CDR's `start`. */
  readonly startedAt: number;
  /** The record was written: no further request may act on this call. */
  readonly finished: boolean;
  /** Epoch ms after which the entry is dropped. */
  readonly expiresAt: number;
}

/** A call's CDR record before the call has ended, kept until it is written. */
export interface HeldRecord {
  readonly draft: CdrDraft;
  /** Epoch ms after which it is dropped: later than any dialed call ends. */
  readonly expiresAt: number;
}

/** {@link CallLedger.hold}'s answer: `seen` when the call held a record already (a replay). */
export type HoldResult = 'held' | 'seen' | 'full';

/** {@link CallLedger.take}'s answer: the record to write, or why there is none. */
export type TakeResult =
  | { readonly ok: true; readonly draft: CdrDraft }
  | { readonly ok: false; readonly reason: 'written' | 'unknown' };

/** The store the app needs; synchronous, so each request's check-and-set is atomic in-process. */
export interface CallLedger {
  /** Starts a call; `false` if the `CallSid` was seen already or the ledger is full. */
  begin(callSid: string, progress: CallProgress, now: number): boolean;
  /** The call's progress, or `undefined` when unknown or expired. */
  get(callSid: string, now: number): CallProgress | undefined;
  /** Replaces the progress only if the call is still at `step`; `false` otherwise. */
  advance(callSid: string, step: number, next: CallProgress, now: number): boolean;
  /** Keeps the call's record until it ends: once per `CallSid`, even after it was written. */
  hold(callSid: string, record: HeldRecord, now: number): HoldResult;
  /**
   * The call's held record, once: it is marked written as it is handed out,
   * so every later take answers `written` (a replay writes nothing).
   */
  take(callSid: string, now: number): TakeResult;
}

/** Default cap on calls remembered at once: far above any account's concurrent calls. */
export const DEFAULT_MAX_CALLS = 100_000;

/**
 * A ledger in this process's memory. Expired entries are swept as new calls
 * begin; when `maxCalls` live calls are held, new code-gated calls are
 * refused (fail closed) rather than old ones forgotten. Records are held
 * apart, up to `maxCalls` of them too: when full, a call's record is not
 * kept (the app dials all the same and reports it).
 *
 * @example
 * ```ts
 * const ledger = createMemoryCallLedger();
 * ledger.begin(callSid, { step: 0, lookups: 0, attempts: 0, digits: '', call, context, startedAt, finished: false, expiresAt }, now);
 * ```
 */
export function createMemoryCallLedger(maxCalls = DEFAULT_MAX_CALLS): CallLedger {
  const calls = new Map<string, CallProgress>();
  // A record's draft, or `null` once written: the mark stays until the entry expires.
  const records = new Map<string, { draft: CdrDraft | null; expiresAt: number }>();
  const live = (callSid: string, now: number) => {
    const progress = calls.get(callSid);
    return progress !== undefined && progress.expiresAt > now ? progress : undefined;
  };
  return {
    begin(callSid, progress, now) {
      sweep(calls, now);
      // A CallSid is never reused, even once finished: a second Voice request is a replay.
      if (calls.has(callSid) || calls.size >= maxCalls) return false;
      calls.set(callSid, progress);
      return true;
    },
    get: live,
    advance(callSid, step, next, now) {
      const current = live(callSid, now);
      if (current === undefined || current.finished || current.step !== step) return false;
      // Keep the entry's place and lifetime: `sweep` relies on insertion order.
      calls.set(callSid, { ...next, expiresAt: current.expiresAt });
      return true;
    },
    hold(callSid, record, now) {
      sweep(records, now);
      if (records.has(callSid)) return 'seen';
      if (records.size >= maxCalls) return 'full';
      records.set(callSid, { draft: record.draft, expiresAt: record.expiresAt });
      return 'held';
    },
    take(callSid, now) {
      const held = records.get(callSid);
      if (held === undefined || held.expiresAt <= now) return { ok: false, reason: 'unknown' };
      if (held.draft === null) return { ok: false, reason: 'written' };
      records.set(callSid, { draft: null, expiresAt: held.expiresAt });
      return { ok: true, draft: held.draft };
    },
  };
}

/** Drops expired entries. Map iterates in insertion order, and entries live equally long: stop at the first live one. */
function sweep(entries: Map<string, { readonly expiresAt: number }>, now: number): void {
  for (const [sid, entry] of entries) {
    if (entry.expiresAt > now) break;
    entries.delete(sid);
  }
}
