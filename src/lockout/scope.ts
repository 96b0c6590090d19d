/**
 * Lockout scopes (docs/rules.md#lockout): who a count covers, and the ledger keys a call's
 * look-ups are counted under. A key is (account.id, scope kind, trunk id[,
 * caller id]); with `caller` scope every miss also counts on the trunk,
 * which locks at 3 × `maxFailures`, so rotating caller ids buys nothing.
 */
import type { LockoutScopeKind, LockoutSettings } from '../config/types.js';
import { describeValue, type Problem } from '../result.js';

/** The line a look-up comes from: what the ledger keys are derived from. */
export interface LockoutSubject {
  /** The account's `account.id`, or `null` when the configuration has none (a private ledger). */
  readonly accountId: string | null;
  /** The trunk the call is on. */
  readonly trunkId: string;
  /**
   * The caller id the integrator vouches for (extension or number, normalised
   * by {@link normaliseCallerId}), or `null` when there is none: with
   * `caller` scope the call then counts as the trunk's anonymous caller.
   */
  readonly callerId: string | null;
}

/** One ledger key: what one count and one lock cover. */
export interface ScopeKey {
  /** The account's id, or `null`. */
  readonly accountId: string | null;
  /** The scope kind. With `caller` scope the trunk's own count is kind `trunk`. */
  readonly kind: LockoutScopeKind;
  /** The trunk; `null` for `account` scope. */
  readonly trunkId: string | null;
  /** The caller id for kind `caller`; `null` for the trunk's anonymous caller and other kinds. */
  readonly callerId: string | null;
}

/** A subject that cannot be keyed. */
export type LockoutSubjectProblem = Problem<'invalid-request'>;

/** Longest caller id after normalisation (docs/rules.md#lockout). */
const CALLER_ID_MAX_LENGTH = 32;
const CALLER_ID_PATTERN = /^\+?[0-9]{1,32}$/;

/**
 * Normalises a caller id as docs/rules.md#lockout asks: separators (space, `-`, `.`, `(`,
 * `)`) removed; what is left must be digits, optionally after `+`, at most
 * 32 characters. Anything else yields `undefined`.
 *
 * @example
 * ```ts
 * normaliseCallerId('(212) 555-0147'); // '2125550147'
 * normaliseCallerId('201');            // '201'
 * normaliseCallerId('alice');          // undefined
 * ```
 */
export function normaliseCallerId(raw: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const stripped = raw.replace(/[\s\-.()]/g, '');
  return stripped.length <= CALLER_ID_MAX_LENGTH && CALLER_ID_PATTERN.test(stripped)
    ? stripped
    : undefined;
}

/** The first problem with `value` as a {@link LockoutSubject}, or `undefined`. */
export function subjectProblem(value: unknown): LockoutSubjectProblem | undefined {
  if (typeof value !== 'object' || value === null) {
    return bad(
      ['subject'],
      `subject must be an object with accountId, trunkId and callerId; got ${describeValue(value)}`,
    );
  }
  const s = value as Record<string, unknown>;
  if (
    s.accountId !== null &&
    !(typeof s.accountId === 'string' && s.accountId.length > 0 && s.accountId.length <= 64)
  ) {
    return bad(
      ['subject', 'accountId'],
      `subject.accountId must be null or a string of 1 to 64 characters; got ${describeValue(s.accountId)}`,
    );
  }
  if (typeof s.trunkId !== 'string' || s.trunkId.length === 0 || s.trunkId.length > 64) {
    return bad(
      ['subject', 'trunkId'],
      `subject.trunkId must be a string of 1 to 64 characters; got ${describeValue(s.trunkId)}`,
    );
  }
  if (
    s.callerId !== null &&
    !(
      typeof s.callerId === 'string' &&
      CALLER_ID_PATTERN.test(s.callerId) &&
      s.callerId.length <= CALLER_ID_MAX_LENGTH
    )
  ) {
    return bad(
      ['subject', 'callerId'],
      `subject.callerId must be null or a normalised caller id (digits, optionally after "+", at most 32 characters); got ${describeValue(s.callerId)}`,
    );
  }
  return undefined;
}

/** The limits one key locks at: misses in the window, and in any 24 hours. */
export interface KeyLimits {
  /** Misses in the window (`maxFailures`; 3 × for a trunk under caller scope). */
  readonly limit: number;
  /** Misses in any 24 hours (`maxFailuresPerDay`; 3 × for a trunk under caller scope). */
  readonly dailyLimit: number;
}

/**
 * The keys a subject's look-ups count under, with the limits each locks at:
 * the scope's own key first, then (caller scope) the trunk at 3 × both.
 */
export function keysOf(
  settings: LockoutSettings,
  subject: LockoutSubject,
): readonly ({ readonly key: ScopeKey } & KeyLimits)[] {
  const { accountId, trunkId } = subject;
  const trunk: ScopeKey = { accountId, kind: 'trunk', trunkId, callerId: null };
  const own = { limit: settings.maxFailures, dailyLimit: settings.maxFailuresPerDay };
  switch (settings.scope) {
    case 'trunk':
      return [{ key: trunk, ...own }];
    case 'account':
      return [{ key: { accountId, kind: 'account', trunkId: null, callerId: null }, ...own }];
    case 'caller':
      return [
        { key: { accountId, kind: 'caller', trunkId, callerId: subject.callerId }, ...own },
        { key: trunk, ...limitsOf(settings, trunk) },
      ];
    default:
      return settings.scope satisfies never;
  }
}

/** The limits a stored key locks at under `settings`. */
export function limitsOf(settings: LockoutSettings, key: ScopeKey): KeyLimits {
  const times = settings.scope === 'caller' && key.kind === 'trunk' ? 3 : 1;
  return {
    limit: times * settings.maxFailures,
    dailyLimit: times * settings.maxFailuresPerDay,
  };
}

/**
 * The ledger's name for a key: stable, unambiguous, the same in every store.
 *
 * @example
 * ```ts
 * scopeKeyId({ accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null });
 * // '["acme","trunk","hq",null]'
 * ```
 */
export function scopeKeyId(key: ScopeKey): string {
  // Untyped callers: a field that is not a string is no part of a name (never a throw on a bigint).
  const k: Partial<Record<keyof ScopeKey, unknown>> =
    typeof key === 'object' && key !== null ? key : {};
  const part = (value: unknown) => (typeof value === 'string' ? value : null);
  return JSON.stringify([part(k.accountId), part(k.kind), part(k.trunkId), part(k.callerId)]);
}

function bad(path: readonly string[], message: string): LockoutSubjectProblem {
  return { code: 'invalid-request', path, message };
}
