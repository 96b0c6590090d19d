/**
 * A small JSON object sealed for a round trip through a party that must not
 * change it: the Twilio example's code-entry state and call record (in a
 * URL), the FastAGI example's call record (in a channel variable). An
 * HMAC-SHA256 under a key only the server holds; opening checks the MAC
 * first (nothing unauthenticated is parsed further), then that the token is
 * bound to what the opener expects — its call, its purpose.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a sealed token is refused. */
export type TokenRefusal = 'malformed' | 'tampered' | 'other-purpose' | 'other-call';

/** {@link openToken}'s answer. */
export type OpenTokenResult =
  | { readonly ok: true; readonly value: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly refusal: TokenRefusal };

/** Longest token accepted: what the examples seal is a few hundred bytes. */
const MAX_TOKEN_LENGTH = 4096;

/**
 * Seals `contents` as one URL-safe token with no spaces or commas (it can be
 * an AGI argument): base64url JSON, a dot, base64url HMAC-SHA256.
 *
 * @example
 * ```ts
 * const token = sealToken({ callSid: 'CA…', draft }, key);
 * openToken(token, key, { callSid: 'CA…' }); // { ok: true, value: { callSid, draft } }
 * ```
 */
export function sealToken(contents: object, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(contents)).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

/**
 * Opens a {@link sealToken}ed token: the MAC first, then every field of
 * `bound` must equal the token's (`other-purpose` when its `purpose` does
 * not, `other-call` when another field does not). Never throws.
 */
export function openToken(
  token: unknown,
  key: Buffer,
  bound: Readonly<Record<string, string>>,
): OpenTokenResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return refuse('malformed');
  const dot = token.indexOf('.');
  if (dot <= 0) return refuse('malformed');
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(body, key), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse('tampered');
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return refuse('malformed');
  }
  if (typeof value !== 'object' || value === null) return refuse('malformed');
  const v = value as Record<string, unknown>;
  for (const [field, expectedValue] of Object.entries(bound)) {
    if (v[field] !== expectedValue)
      return refuse(field === 'purpose' ? 'other-purpose' : 'other-call');
  }
  return { ok: true, value: v };
}

function mac(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

function refuse(refusal: TokenRefusal): { readonly ok: false; readonly refusal: TokenRefusal } {
  return { ok: false, refusal };
}
