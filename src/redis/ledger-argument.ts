/**
 * The CLI's `--ledger redis://host:port[/db]` (docs/rules.md#lockout, CLI): the argument
 * and the configuration's `account.id` in, a shared store or a typed error
 * out. A file ledger is the CLI's own business; this only answers for URLs.
 */
import type { Problem } from '../result.js';
import { openRedisLockoutStore, type RedisOpenError } from './open.js';
import type { RedisLockoutStore, RedisStoreOptions } from './store.js';

/** Why a `redis://` ledger argument gives no store. */
export type RedisLedgerError = RedisOpenError | Problem<'account-id-required'>;

/** {@link openRedisLedger}'s answer. */
export type RedisLedgerResult =
  | {
      /** Opened. */
      readonly ok: true;
      /** The shared store; `close()` it when the command is done. */
      readonly store: RedisLockoutStore;
    }
  | {
      /** No store. */
      readonly ok: false;
      /** Why. */
      readonly error: RedisLedgerError;
    };

/**
 * Whether a `--ledger` argument names a Redis ledger (`redis://` or
 * `rediss://`) rather than a file.
 *
 * @example
 * ```ts
 * isRedisLedger('redis://127.0.0.1:6379/0'); // true
 * isRedisLedger('ledger.json');              // false
 * ```
 */
export function isRedisLedger(argument: string): boolean {
  return typeof argument === 'string' && /^rediss?:\/\//i.test(argument);
}

/**
 * Opens the store a `--ledger redis://…` argument names, for an account
 * whose configuration has `account.id` (`account-id-required` otherwise:
 * docs/rules.md#keys). Close the store when the command is done.
 *
 * @example
 * ```ts
 * const opened = await openRedisLedger('redis://127.0.0.1:6379/0', config.account.id ?? null);
 * if (!opened.ok) return fail(opened.error); // exit 2 with opened.error.message
 * try { await opened.store.admit(request); } finally { await opened.store.close(); }
 * ```
 */
export async function openRedisLedger(
  argument: string,
  accountId: string | null,
  options: RedisStoreOptions = {},
): Promise<RedisLedgerResult> {
  if (typeof accountId !== 'string' || accountId.length === 0) {
    return {
      ok: false,
      error: {
        code: 'account-id-required',
        path: ['account', 'id'],
        message:
          'a redis:// ledger is shared between accounts: account.id (1-64 printable characters) is required in the configuration',
      },
    };
  }
  return openRedisLockoutStore(argument, options);
}
