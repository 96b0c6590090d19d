/**
 * The code-entry state, carried by the client between requests, sealed with
 * an HMAC. `parseEntryState` rejects states the machine could never reach,
 * but a client could still send a *reachable* state that suits it better:
 * `validateCodes: false`, or `attempts: 0` after two misses. Only the server
 * can tell those apart from its own, so it signs what it hands out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type EntryState, type JsonPath, parseEntryState } from 'account-codes';

/** What the client stores and sends back unchanged. */
export interface SignedState {
  /** The machine's state, plain JSON (SPEC §5). */
  readonly entry: EntryState;
  /** When the server issued it, epoch milliseconds: old states expire. */
  readonly issuedAt: number;
  /** HMAC-SHA256 of the two fields above, base64url. */
  readonly signature: string;
}

/** Why a state sent back by a client is refused. */
export interface StateProblem {
  readonly code: 'invalid-entry-state' | 'tampered-state' | 'expired-state';
  readonly path: JsonPath;
  readonly message: string;
}

/** {@link openState}'s answer. */
export type OpenStateResult =
  | { readonly ok: true; readonly entry: EntryState }
  | { readonly ok: false; readonly error: StateProblem };

/**
 * Seals a state for the client.
 *
 * @example
 * ```ts
 * const sealed = sealState(start.state, secret, Date.now());
 * openState(JSON.parse(JSON.stringify(sealed)), secret, Date.now(), 600_000); // { ok: true, entry }
 * ```
 */
export function sealState(entry: EntryState, secret: string, issuedAt: number): SignedState {
  return { entry, issuedAt, signature: sign(entry, issuedAt, secret) };
}

/**
 * Checks a state sent back by a client: its shape, then that the machine
 * could have produced it (`parseEntryState`), then the signature, then its
 * age. Never throws.
 */
export function openState(
  value: unknown,
  secret: string,
  now: number,
  maxAgeMs: number,
): OpenStateResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse('invalid-entry-state', [], 'state must be the object a previous response gave');
  }
  const { entry, issuedAt, signature } = value as Record<string, unknown>;
  const parsed = parseEntryState(entry);
  if (!parsed.ok) {
    return refuse('invalid-entry-state', ['entry', ...parsed.error.path], parsed.error.message);
  }
  if (typeof issuedAt !== 'number' || !Number.isSafeInteger(issuedAt)) {
    return refuse('invalid-entry-state', ['issuedAt'], 'issuedAt must be an integer');
  }
  if (typeof signature !== 'string' || !matches(signature, sign(parsed.state, issuedAt, secret))) {
    return refuse('tampered-state', ['signature'], 'the state was not issued by this server as is');
  }
  if (now - issuedAt > maxAgeMs || issuedAt - now > maxAgeMs) {
    return refuse('expired-state', ['issuedAt'], `the state is older than ${maxAgeMs} ms`);
  }
  return { ok: true, entry: parsed.state };
}

function sign(entry: EntryState, issuedAt: number, secret: string): string {
  return createHmac('sha256', secret)
    .update(canonicalJson({ entry, issuedAt }))
    .digest('base64url');
}

function matches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // timingSafeEqual needs equal lengths; the length of a MAC is no secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * JSON with object keys sorted, so a client (or a JSON library) that
 * reorders keys does not break the signature: only values matter.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function refuse(code: StateProblem['code'], path: JsonPath, message: string): OpenStateResult {
  return { ok: false, error: { code, path, message } };
}
