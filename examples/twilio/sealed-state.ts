/**
 * The code-entry state travels in the Gather action URL, sealed with an HMAC
 * over the state, the `CallSid` it belongs to, its step on that call, when it
 * was issued and its purpose. Sealing stops a forged, altered, expired or
 * borrowed state (another call's, or a token sealed for another purpose); it
 * cannot stop an exact replay of a state this server issued for the same call
 * — the per-call ledger's step (call-ledger.ts) refuses those. A seal signs,
 * it does not encrypt: whatever is sealed is readable in the URL, so nothing
 * secret (an account code) is ever sealed. See README.md, "What the sealing
 * protects".
 */
import { type EntryState, parseEntryState } from 'account-codes';
import { type OpenTokenResult, openToken, sealToken, type TokenRefusal } from '../sealed-token.js';

/** What the seal binds together. */
export interface StateContents {
  readonly entry: EntryState;
  readonly callSid: string;
  /** The call's step this state answers; the ledger must be at the same step. */
  readonly step: number;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
}

/** Why a sealed state is refused. */
export type StateRefusal = TokenRefusal | 'expired';

/** What a code-entry state is sealed for: no token sealed for anything else opens as one. */
export const ENTRY_STATE_PURPOSE = 'code-entry-state';

/** {@link openState}'s answer. */
export type OpenStateResult =
  | { readonly ok: true; readonly contents: StateContents }
  | { readonly ok: false; readonly refusal: StateRefusal };

/**
 * Seals `contents` as one URL-safe token: base64url JSON, a dot, base64url HMAC-SHA256.
 *
 * @example
 * ```ts
 * const token = sealState({ entry, callSid: 'CA…', step: 1, issuedAt: Date.now() }, key);
 * openState(token, key, 'CA…', Date.now(), 600_000); // { ok: true, contents }
 * ```
 */
export function sealState(contents: StateContents, key: Buffer): string {
  return seal(ENTRY_STATE_PURPOSE, contents, key);
}

/**
 * Opens a token from an action URL: the MAC first (nothing unauthenticated is
 * parsed further), then the call it belongs to, its age and the state's shape.
 * Never throws.
 */
export function openState(
  token: unknown,
  key: Buffer,
  callSid: string,
  now: number,
  maxAgeMs: number,
): OpenStateResult {
  const opened = openSealed(token, key, ENTRY_STATE_PURPOSE, callSid);
  if (!opened.ok) return opened;
  const v = opened.value;
  if (typeof v.issuedAt !== 'number' || typeof v.step !== 'number') return refuse('malformed');
  if (now - v.issuedAt > maxAgeMs || v.issuedAt > now + 60_000) return refuse('expired');
  const parsed = parseEntryState(v.entry);
  if (!parsed.ok) return refuse('malformed');
  return {
    ok: true,
    contents: { entry: parsed.state, callSid, step: v.step, issuedAt: v.issuedAt },
  };
}

/**
 * Seals a JSON object with a `callSid` for one `purpose` as one URL-safe
 * token ({@link sealToken}, with `purpose` in it). Signed, not encrypted:
 * never seal a secret.
 *
 * @example
 * ```ts
 * const token = seal('code-entry-state', { callSid: 'CA…', step: 1 }, key);
 * openSealed(token, key, 'code-entry-state', 'CA…'); // { ok: true, value }
 * ```
 */
export function seal(
  purpose: string,
  contents: { readonly callSid: string; readonly purpose?: never },
  key: Buffer,
): string {
  return sealToken({ ...contents, purpose }, key);
}

/**
 * Opens a {@link seal}ed token: the MAC first, then its purpose (one key
 * seals every kind of token: a kind is never taken for another), then the
 * call it belongs to. Never throws.
 */
export function openSealed(
  token: unknown,
  key: Buffer,
  purpose: string,
  callSid: string,
): OpenTokenResult {
  return openToken(token, key, { purpose, callSid });
}

function refuse(refusal: StateRefusal): { readonly ok: false; readonly refusal: StateRefusal } {
  return { ok: false, refusal };
}
