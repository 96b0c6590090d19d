/**
 * The lockout ledger for the examples' servers (docs/rules.md#lockout): in this process's
 * memory by default; on Redis when `REDIS_URL` is set, so that several
 * instances count one line's failures together. ioredis (through
 * `account-codes/redis`) is loaded only then. A shared ledger keys by
 * `account.id` (trunk ids are unique only within an account): without it the
 * server refuses to start.
 */
import {
  type Config,
  createMemoryLockoutStore,
  type LockoutAlert,
  type LockoutStore,
} from 'account-codes';
import { exitWith } from './config-file.js';

/** The ledger a server counts look-ups in, and how to let go of it at shutdown. */
export interface ExampleLockoutStore {
  readonly store: LockoutStore;
  /** Where it lives, for the start-up line (no password). */
  readonly where: string;
  readonly close: () => Promise<void>;
}

/**
 * Opens the ledger `redisUrl` names (a memory one when it is `undefined`),
 * or exits with status 1 and a message naming what is wrong.
 *
 * @example
 * ```ts
 * const lockout = await openLockoutStoreOrExit(config, process.env.REDIS_URL);
 * createTwilioApp({ config, lockoutStore: lockout.store, ... });
 * ```
 */
export async function openLockoutStoreOrExit(
  config: Config,
  redisUrl: string | undefined,
): Promise<ExampleLockoutStore> {
  if (redisUrl === undefined || redisUrl === '') {
    return {
      store: createMemoryLockoutStore({ clock: Date.now }),
      where: 'in memory (this process only)',
      close: async () => {},
    };
  }
  const { openRedisLedger } = await import('account-codes/redis');
  const opened = await openRedisLedger(redisUrl, config.account.id ?? null);
  if (!opened.ok) exitWith(`REDIS_URL: ${opened.error.message} [${opened.error.code}]`);
  const { store } = opened;
  return {
    store,
    where: `on Redis ${redisUrl.replace(/\/\/([^@/]*)@/, '//***@')} (account ${config.account.id})`,
    close: () => store.close(),
  };
}

/**
 * One JSON line for an administrator: a scope locked (`scope-locked`), a
 * scope at its daily budget (`sustained-failures`), or a valid code after failures (`hit-after-failures`: a guess may just have
 * succeeded). Ship stderr to your alerting and match on `"alert"`.
 *
 * @example
 * ```ts
 * onAlert: (alert, callId) => console.error(describeAlert(alert, callId)),
 * ```
 */
export function describeAlert(alert: LockoutAlert, callId: string): string {
  const { type, key, failures } = alert;
  const times =
    type === 'scope-locked' || type === 'sustained-failures'
      ? {
          lockedAt: new Date(alert.lockedAt).toISOString(),
          unlocksAt: alert.unlocksAt === null ? null : new Date(alert.unlocksAt).toISOString(),
        }
      : {};
  return JSON.stringify({
    alert: type,
    call: callId,
    account: key.accountId,
    scope: key.kind,
    trunk: key.trunkId,
    caller: key.callerId,
    failures,
    ...(type === 'sustained-failures' ? { failuresToday: alert.failuresToday } : {}),
    ...times,
  });
}
