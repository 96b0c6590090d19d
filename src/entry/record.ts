/**
 * The call record of docs/rules.md#code-entry: what a CDR keeps about code entry.
 */

import type { CarriedCodeRefusal } from './directory.js';
import { type EntryState, parseEntryState } from './entry-state.js';
import type { CodeRefusal } from './refusals.js';

/**
 * How code entry ended; `incomplete` while it is still going (or was cut off
 * by the integrator). `locked-out` and `ledger-unavailable`: ended by the
 * lockout ledger (docs/rules.md#lockout), never connected. `connected-unattended`: a call
 * nobody could key connected untagged because `unattendedCalls` is
 * `connect` (docs/rules.md#calls-nobody-can-key); `evaluateCall` records it,
 * code entry never does.
 */
export type CallOutcome =
  | 'connected'
  | 'connected-after-max-retries'
  | 'connected-unattended'
  | 'ended'
  | 'abandoned'
  | 'locked-out'
  | 'ledger-unavailable'
  | 'incomplete';

/** The CDR fields of docs/rules.md#code-entry. */
export interface CallRecord {
  /** The code the call is tagged with, or `null`. */
  readonly accountCode: string | null;
  /** The code was checked against the account's list. */
  readonly validated: boolean;
  /** Every submitted entry, the accepted one included. */
  readonly attempts: number;
  /** How code entry ended, or `incomplete` if it has not. */
  readonly outcome: CallOutcome;
  /** Only on a call nobody could key: what settled it (`evaluateCall` writes it; code entry never does). */
  readonly unattended?: UnattendedRecord;
  /**
   * Why each refused look-up was refused, in the order of the attempts
   * (docs/rules.md#scoped-codes): `not-on-list`, or a listed code whose
   * scope refused the call. For the administrator: the caller heard the
   * same `invalid-code` for every one. Absent when no look-up answered with
   * a reason.
   */
  readonly refusals?: readonly CodeRefusal[];
}

/**
 * What settled a gated call nobody could key
 * (docs/rules.md#calls-nobody-can-key). Stable ids, safe to branch on.
 */
export type UnattendedRule =
  /** The code the call carried authorizes it: connected, tagged with it. */
  | 'carried-code'
  /** `unattendedCalls` is `end`: the call ended. */
  | 'unattended-end'
  /** `unattendedCalls` is `connect`: connected untagged (`connected-unattended`). */
  | 'unattended-connect'
  /** `unattendedCalls` is `{ code }`: connected, tagged with that code. */
  | 'unattended-code'
  /** `unattendedCalls` is `{ code }`, but that code may not authorize this call: the call ended (fail closed). */
  | 'unattended-code-refused';

/** Why a call nobody could key went the way it did, for the CDR. */
export interface UnattendedRecord {
  /** What settled the call. */
  readonly rule: UnattendedRule;
  /** The code the call carried (the code of the call that caused it), or `null` when it carried none. */
  readonly carriedCode: string | null;
  /** Why the carried code did not authorize the call; absent when there was none or it did. */
  readonly carriedCodeRefused?: CarriedCodeRefusal;
}

/**
 * The call record of a code-entry state, usually a terminal one. Total: a
 * value that is not a state (say, garbage loaded from storage) yields the
 * record of a call that got nowhere: untagged, no attempts, `incomplete`.
 *
 * @example
 * ```ts
 * callRecord(finalState);
 * // { accountCode: '1234', validated: true, attempts: 2, outcome: 'connected',
 * //   refusals: ['expired'] }: the first code keyed had expired
 * ```
 */
export function callRecord(state: EntryState): CallRecord {
  const parsed = parseEntryState(state);
  if (!parsed.ok)
    return { accountCode: null, validated: false, attempts: 0, outcome: 'incomplete' };
  const s = parsed.state;
  // A copy, so the record shares nothing with the state it came from.
  const refusals =
    s.refusals === undefined || s.refusals.length === 0 ? {} : { refusals: [...s.refusals] };
  switch (s.phase) {
    case 'connected':
      return {
        accountCode: s.accountCode,
        validated: s.validated,
        attempts: s.attempts,
        outcome: 'connected',
        ...refusals,
      };
    case 'connected-after-max-retries':
    case 'ended':
    case 'abandoned':
    case 'locked-out':
    case 'ledger-unavailable':
      return {
        accountCode: null,
        validated: false,
        attempts: s.attempts,
        outcome: s.phase,
        ...refusals,
      };
    case 'collecting':
    case 'awaiting-lookup':
      return {
        accountCode: null,
        validated: false,
        attempts: s.attempts,
        outcome: 'incomplete',
        ...refusals,
      };
    default:
      return s satisfies never;
  }
}
