/**
 * The record of mid-call tagging (docs/rules.md#mid-call-tagging): what a CDR
 * keeps of the codes keyed on a connected call.
 */

import type { Timestamp } from './events.js';
import { type MidCallState, parseMidCallState } from './mid-call-state.js';

/** The record of docs/rules.md#mid-call-tagging: the last valid code, and when it was keyed. */
export interface MidCallRecord {
  /** The last accepted code, or `null`. */
  readonly accountCode: string | null;
  /** The last accepted code was checked against the account's list; false while untagged. */
  readonly validated: boolean;
  /** Codes submitted on the call, accepted or not. */
  readonly attempts: number;
  /** The lockout scope locked before or during the call (docs/rules.md#lockout): later star codes take nothing. */
  readonly lockedOut: boolean;
  /** When the current code was keyed; `null` while untagged. */
  readonly taggedAt: {
    /** 0-based index, among the call's DTMF keys, of the key that completed the code. */
    readonly keyIndex: number;
    /** The `at` of that key event, when the integrator supplied one. */
    readonly at?: Timestamp;
  } | null;
}

/**
 * The record of mid-call tagging: the last valid code and when it was keyed.
 * A value that is not a state yields an untagged record with no attempts.
 *
 * @example
 * ```ts
 * midCallRecord(state);
 * // { accountCode: '1234', validated: false, attempts: 1, taggedAt: { keyIndex: 6, at: 1718000000000 } }
 * ```
 */
export function midCallRecord(state: MidCallState): MidCallRecord {
  const parsed = parseMidCallState(state);
  if (!parsed.ok) {
    return { accountCode: null, validated: false, attempts: 0, lockedOut: false, taggedAt: null };
  }
  const { tag, attempts, lockedOut } = parsed.state;
  if (tag === null) {
    return { accountCode: null, validated: false, attempts, lockedOut, taggedAt: null };
  }
  return {
    accountCode: tag.accountCode,
    validated: tag.validated,
    attempts,
    lockedOut,
    taggedAt:
      tag.at === undefined ? { keyIndex: tag.keyIndex } : { keyIndex: tag.keyIndex, at: tag.at },
  };
}
