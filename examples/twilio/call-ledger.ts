/**
 * What the server remembers per `CallSid` while code entry runs: the step the
 * call is at and the look-ups it has spent. The sealed state carries the
 * machine; this carries what a replayed state must not rewind (docs/rules.md#mid-call-tagging: at
 * most `maxRetries` look-ups per call). In memory, bounded in entries and in
 * time. Several instances behind a load balancer need one shared store (the
 * lockout ledger's Redis store, docs/rules.md#lockout, is where this belongs).
 */

import type { CallLookups } from 'account-codes';

/** One call's progress through code entry. */
export interface CallProgress {
  /** Bumped by every answered request; the sealed state must name the current one. */
  readonly step: number;
  /** Look-ups performed on this call. */
  readonly lookups: number;
  /** The last code-entry attempt count, for the record if the caller hangs up. */
  readonly attempts: number;
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

/** The store the app needs; synchronous, so each request's check-and-set is atomic in-process. */
export interface CallLedger {
  /** Starts a call; `false` if the `CallSid` was seen already or the ledger is full. */
  begin(callSid: string, progress: CallProgress, now: number): boolean;
  /** The call's progress, or `undefined` when unknown or expired. */
  get(callSid: string, now: number): CallProgress | undefined;
  /** Replaces the progress only if the call is still at `step`; `false` otherwise. */
  advance(callSid: string, step: number, next: CallProgress, now: number): boolean;
}

/** Default cap on calls remembered at once: far above any account's concurrent calls. */
export const DEFAULT_MAX_CALLS = 100_000;

/**
 * A ledger in this process's memory. Expired entries are swept as new calls
 * begin; when `maxCalls` live calls are held, new code-gated calls are
 * refused (fail closed) rather than old ones forgotten.
 *
 * @example
 * ```ts
 * const ledger = createMemoryCallLedger();
 * ledger.begin(callSid, { step: 0, lookups: 0, attempts: 0, call, finished: false, expiresAt }, now);
 * ```
 */
export function createMemoryCallLedger(maxCalls = DEFAULT_MAX_CALLS): CallLedger {
  const calls = new Map<string, CallProgress>();
  const sweep = (now: number) => {
    // Map iterates in insertion order, and entries live equally long: stop at the first live one.
    for (const [sid, progress] of calls) {
      if (progress.expiresAt > now) break;
      calls.delete(sid);
    }
  };
  const live = (callSid: string, now: number) => {
    const progress = calls.get(callSid);
    return progress !== undefined && progress.expiresAt > now ? progress : undefined;
  };
  return {
    begin(callSid, progress, now) {
      sweep(now);
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
  };
}
