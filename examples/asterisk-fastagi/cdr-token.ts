/**
 * An allowed call's record so far, as it waits in the channel variable
 * `ACCOUNT_CODES_CDR` for the call-end session. Anyone who reaches the
 * FastAGI port can start a call-end session and name any uniqueid, so the
 * record is sealed (HMAC-SHA256, examples/sealed-token.ts) under a key only
 * the server holds, bound to the call's uniqueid and to its purpose, and
 * each call's record is accepted once: a forged, altered, borrowed or
 * replayed record writes nothing.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { CdrDraft } from '../cdr-sink.js';
import { openToken, sealToken, type TokenRefusal } from '../sealed-token.js';

/** Shortest `cdrKey` accepted: a guessable key seals nothing. */
export const MIN_CDR_KEY_LENGTH = 16;
/**
 * How many calls' records are remembered as written, to refuse a replay:
 * far more than the calls that end while one token could be in flight.
 */
export const DEFAULT_REMEMBERED_CALLS = 10_000;

/** This process's key when none is given: a record sealed here opens only here. */
const PROCESS_KEY = randomBytes(32);
/** What the token is for: a key shared with another use never opens a CDR. */
const PURPOSE = 'cdr';

/** Seals records for the dialplan and opens them, each call's once. One per server. */
export interface CdrTokens {
  /** The token for `ACCOUNT_CODES_CDR`: no spaces or commas, so it passes as an AGI argument. */
  seal(draft: CdrDraft): string;
  /** The record, when `token` is one this server sealed for `uniqueId` and has not opened before. */
  open(
    token: string,
    uniqueId: string,
  ):
    | { readonly ok: true; readonly draft: CdrDraft }
    | { readonly ok: false; readonly problem: string };
}

/** What each refusal means, after the variable's name. */
const REFUSALS: Readonly<Record<TokenRefusal, string>> = {
  malformed: 'is not a sealed call record',
  tampered: 'has a seal that does not match (forged, altered, or sealed under another cdrKey)',
  'other-purpose': 'is not a sealed call record (sealed for something else)',
  'other-call': "does not hold this call's record",
};

/**
 * Tokens under `secret` (every FastAGI node behind one host name must share
 * it), or under this process's random key when it is not given. Check the
 * secret's length (≥ {@link MIN_CDR_KEY_LENGTH}) before calling.
 *
 * @example
 * ```ts
 * const tokens = createCdrTokens(process.env.ACCOUNT_CODES_CDR_KEY);
 * const opened = tokens.open(tokens.seal(draft), draft.callId); // { ok: true, draft }
 * tokens.open(tokens.seal(draft), draft.callId); // { ok: false, problem: '… already …' }
 * ```
 */
export function createCdrTokens(
  secret?: string,
  remember: number = DEFAULT_REMEMBERED_CALLS,
): CdrTokens {
  // A key of its own, derived from the secret: a CDR seal is never anything else's MAC.
  const key =
    secret === undefined
      ? PROCESS_KEY
      : createHmac('sha256', secret).update('account-codes fastagi cdr').digest();
  // Insertion order is age: the oldest is forgotten first.
  const recorded = new Set<string>();
  return {
    seal: (draft) => sealToken({ purpose: PURPOSE, uniqueId: draft.callId, draft }, key),
    open(token, uniqueId) {
      const opened = openToken(token, key, { purpose: PURPOSE, uniqueId });
      if (!opened.ok) return { ok: false, problem: REFUSALS[opened.refusal] };
      const draft = opened.value.draft;
      if (typeof draft !== 'object' || draft === null) {
        return { ok: false, problem: REFUSALS.malformed };
      }
      // Only after the seal held: a forgery must not use up the real record's turn.
      if (recorded.has(uniqueId))
        return { ok: false, problem: 'was already recorded for this call' };
      recorded.add(uniqueId);
      if (recorded.size > remember) {
        for (const oldest of recorded) {
          recorded.delete(oldest);
          break;
        }
      }
      return { ok: true, draft: draft as CdrDraft };
    },
  };
}
