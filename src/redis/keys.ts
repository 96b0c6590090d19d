/**
 * Where the Redis store keeps an account's ledger: one key per scope key and
 * one index, all under the hash tag `{<prefix><account.id>}` so that every
 * key of an account lives in one slot of a Redis Cluster (one script may
 * touch them all). The tag is, byte for byte, the name of the account's
 * 0.1.0 key (one JSON ledger per account), so that key shares the slot too
 * and is migrated by the same script; a prefix or an account id with a brace
 * in it is escaped instead (its 0.1.0 key is then migrated on a single node
 * only).
 */
import type { ScopeKey } from '../lockout/scope.js';

/** The keys of one account. */
export interface AccountKeys {
  /** `{<prefix><account.id>}`: every key of the account starts with it. */
  readonly base: string;
  /** The sorted set of the account's scope members, scored by when each expires. */
  readonly index: string;
  /** The 0.1.0 key: `<prefix><account.id>`, one JSON ledger. */
  readonly legacy: string;
  /** The 0.1.0 key is in the account's slot (always so on a single node). */
  readonly legacyInSlot: boolean;
}

/** The keys of `accountId`'s ledger under `prefix`. */
export function accountKeys(prefix: string, accountId: string): AccountKeys {
  const legacy = `${prefix}${accountId}`;
  const plain = !/[{}]/.test(legacy);
  const tag = plain
    ? legacy
    : legacy.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const base = `{${tag}}`;
  return { base, index: `${base}:scopes`, legacy, legacyInSlot: plain };
}

/**
 * A scope key's name within its account: `trunk:<trunk>`, `account`, or
 * `caller:<trunk>:<caller>` (empty for the trunk's anonymous caller). Caller
 * ids have no colon, so the last colon ends the trunk id.
 */
export function memberOf(key: ScopeKey): string {
  switch (key.kind) {
    case 'trunk':
      return `trunk:${key.trunkId}`;
    case 'account':
      return 'account';
    case 'caller':
      return `caller:${key.trunkId ?? ''}:${key.callerId ?? ''}`;
    default:
      return key.kind satisfies never;
  }
}
