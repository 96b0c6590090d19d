/**
 * The one correct way to perform a `lookup` effect (docs/rules.md#lockout): admit it
 * against the lockout ledger, look the code up, settle the admission, and
 * turn the answer into the machine's next event. An integrator who calls
 * this cannot get the order wrong, nor fail open: any store failure becomes
 * a `lookup-refused` event with `ledger-unavailable`.
 */
import type { LockoutSettings } from '../config/types.js';
import type { LockoutAlert, SubjectStatus } from '../lockout/ledger.js';
import type { LockoutSubject } from '../lockout/scope.js';
import type { LockoutStore, LockoutStoreError } from '../lockout/store.js';
import { describeValue } from '../result.js';
import type { CodeCall } from './code-scope.js';
import type { CodeDirectory, CodeVerdict } from './directory.js';
import type { LockoutGate, LookupEffect, LookupRefusedEvent, LookupResultEvent } from './events.js';

/** Where a call's look-ups are counted. */
export interface LookupContext {
  /** The account's `lockout` setting; `false` (lockout off) looks codes up with no ledger. */
  readonly lockout: LockoutSettings | false;
  /** The ledger. Unused when `lockout` is `false`. */
  readonly store: LockoutStore;
  /** The line the call is on. */
  readonly subject: LockoutSubject;
  /** The call's id, 1–128 characters, unique per call: with the attempt, the admission's id. */
  readonly callId: string;
  /** An explicit time (epoch ms) for simulations; the store's clock otherwise. */
  readonly at?: number;
  /**
   * The call the code is looked up for (docs/rules.md#scoped-codes): its
   * gating categories, trunk and instant, and whether it is tagged rather
   * than authorized. A scoped code is refused without it (fail closed);
   * codes without scope do not need it.
   */
  readonly call?: CodeCall;
}

/** What {@link performLookup} did. */
export interface PerformedLookup {
  /** Feed it to the machine that asked: `advance` or `advanceMidCall`. */
  readonly event: LookupResultEvent | LookupRefusedEvent;
  /** The scope that locked, a hit after failures: tell an administrator. */
  readonly alerts: readonly LockoutAlert[];
  /** The line's lockout status afterwards, when the ledger answered; `null` with lockout off. */
  readonly status: SubjectStatus | null;
  /** A store failure, if any (the event then fails closed); `null` when all went well. */
  readonly problem: LockoutStoreError | null;
}

/**
 * Performs a `lookup` effect of either machine: admit → look up → settle.
 * A refused admission yields `lookup-refused` (`locked-out`), except an
 * admission id already settled: that is a remembered miss, answered
 * `valid: false` without a look-up (a replayed attempt gains nothing). A store that
 * fails yields `lookup-refused` (`ledger-unavailable`: fail closed). A miss
 * that locks the scope yields `lookup-result` with `locked: true`, and the
 * lock is in `alerts`. When settling fails after the look-up, the answer
 * stands (a hit is a listed code) and the admission stays counted as a miss.
 *
 * @example
 * ```ts
 * const store = createMemoryLockoutStore({ clock: Date.now });
 * const context = { lockout: config.account.settings.lockout, store, subject, callId };
 * for (const effect of effects) {
 *   if (effect.type === 'lookup') {
 *     const done = await performLookup(effect, directory, context);
 *     for (const alert of done.alerts) notifyAdministrator(alert);
 *     ({ state, effects } = advance(state, done.event));
 *   }
 * }
 * ```
 */
export async function performLookup(
  effect: LookupEffect,
  directory: CodeDirectory,
  context: LookupContext,
): Promise<PerformedLookup> {
  const code = typeof effect === 'object' && effect !== null ? effect.code : undefined;
  if (typeof code !== 'string') {
    return {
      event: { type: 'lookup-result', valid: false },
      alerts: [],
      status: null,
      problem: null,
    };
  }
  if (context.lockout === false) {
    return {
      event: resultEvent(code, verdictOf(directory, code, context.call)),
      alerts: [],
      status: null,
      problem: null,
    };
  }
  const request = {
    settings: context.lockout,
    subject: context.subject,
    callId: context.callId,
    attempt: effect.attempt,
    ...(context.at === undefined ? {} : { at: context.at }),
  };
  const admitted = await guard(() => context.store.admit(request));
  if (!admitted.ok) return refused(code, 'ledger-unavailable', null, admitted.error);
  if (!admitted.value.admitted) {
    // A settled admission is a miss the ledger remembers (hits are refunded):
    // its answer is known, so nothing is looked up and nothing more counts.
    if (admitted.value.reason === 'already-settled') {
      return {
        event: { type: 'lookup-result', code, valid: false },
        alerts: [],
        status: admitted.value.status,
        problem: null,
      };
    }
    return refused(code, 'locked-out', admitted.value.status, null);
  }
  const verdict = verdictOf(directory, code, context.call);
  const hit = verdict.valid;
  const settled = await guard(() => context.store.settle({ ...request, hit }));
  if (!settled.ok) {
    return {
      event: resultEvent(code, verdict),
      alerts: [],
      status: admitted.value.status,
      problem: settled.error,
    };
  }
  const { locked, alerts, status } = settled.value;
  return {
    event: verdict.valid
      ? { type: 'lookup-result', code, valid: true }
      : { type: 'lookup-result', code, valid: false, reason: verdict.reason, locked },
    alerts,
    status,
    problem: null,
  };
}

/** {@link lockoutGate}'s answer. */
export interface LockoutGateResult {
  /** Pass to `startCodeEntry` / `startMidCallTagging`. */
  readonly gate: LockoutGate;
  /** The line's status, when the ledger answered; `null` with lockout off or a failed store. */
  readonly status: SubjectStatus | null;
  /** The store failure behind `ledger-unavailable`, else `null`. */
  readonly problem: LockoutStoreError | null;
}

/**
 * The lockout ledger's word on a call before code entry or mid-call tagging
 * starts (docs/rules.md#lockout): `locked-out` when the line's scope is locked or cannot
 * admit another look-up, `ledger-unavailable` when the store fails, else
 * `open`. Pass it to `startCodeEntry` / `startMidCallTagging`. With lockout
 * off it is always `open`.
 *
 * @example
 * ```ts
 * const gate = await lockoutGate(context);
 * const started = startCodeEntry(resolved.settings, gate); // plays locked-out and ends when locked
 * ```
 */
export async function lockoutGate(
  context: Omit<LookupContext, 'callId'>,
): Promise<LockoutGateResult> {
  if (typeof context !== 'object' || context === null) {
    // Untyped callers: no context is no ledger to ask, so the call fails closed.
    const problem: LockoutStoreError = {
      code: 'invalid-request',
      path: [],
      message: `context must be an object with lockout, store and subject; got ${describeValue(context)}`,
    };
    return { gate: 'ledger-unavailable', status: null, problem };
  }
  if (context.lockout === false) return { gate: 'open', status: null, problem: null };
  const request = {
    settings: context.lockout,
    subject: context.subject,
    ...(context.at === undefined ? {} : { at: context.at }),
  };
  const read = await guard(() => context.store.status(request));
  if (!read.ok) return { gate: 'ledger-unavailable', status: null, problem: read.error };
  return { gate: read.value.admits ? 'open' : 'locked-out', status: read.value, problem: null };
}

/** The directory's verdict; a directory without `check` (built by hand) knows no scopes. */
function verdictOf(
  directory: CodeDirectory,
  code: string,
  call: CodeCall | undefined,
): CodeVerdict {
  if (typeof directory.check === 'function') return directory.check(code, call);
  return directory.has(code) ? { valid: true } : { valid: false, reason: 'not-on-list' };
}

function resultEvent(code: string, verdict: CodeVerdict): LookupResultEvent {
  return verdict.valid
    ? { type: 'lookup-result', code, valid: true }
    : { type: 'lookup-result', code, valid: false, reason: verdict.reason };
}

function refused(
  code: string,
  reason: LookupRefusedEvent['reason'],
  status: SubjectStatus | null,
  problem: LockoutStoreError | null,
): PerformedLookup {
  return { event: { type: 'lookup-refused', code, reason }, alerts: [], status, problem };
}

/** A store that throws or rejects is a store that cannot be reached: fail closed. */
async function guard<T>(
  run: () => Promise<
    | { readonly ok: true; readonly value: T }
    | { readonly ok: false; readonly error: LockoutStoreError }
  >,
): Promise<
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: LockoutStoreError }
> {
  try {
    return await run();
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: `the lockout ledger failed: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}
