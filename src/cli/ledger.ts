/**
 * The `--ledger` argument of docs/rules.md#lockout: a JSON file, or a
 * `redis://host:port[/db]` URL. {@link openLedger} is the one place that maps
 * the argument to a {@link LockoutStore}: a Redis ledger is opened through
 * `account-codes/redis` (ioredis is loaded only then), anything else as the
 * file store of `account-codes/file-ledger`
 * (`src/lockout/file-store.ts`).
 */
import { createFileLockoutStore } from '../lockout/file-store.js';
import type { LockoutStore, StoreResult } from '../lockout/store.js';
import { isRedisLedger, openRedisLedger } from '../redis/ledger-argument.js';
import { parseRedisUrl } from '../redis/open.js';
import { EXIT } from './exit.js';

/**
 * {@link openLedger}'s answer: a store and how to let go of it (always call
 * `close`: a Redis connection would keep the process alive), or why not,
 * with the exit status of docs/rules.md#the-config-file-and-the-cli (2: a bad argument; 1: a configuration
 * without the `account.id` a shared ledger needs, or no Redis client).
 */
export type OpenedLedger =
  | {
      readonly ok: true;
      readonly store: LockoutStore;
      readonly close: () => Promise<void>;
      /**
       * `unblock --all --reset`: replaces an unreadable ledger with an empty
       * one and answers what it held, as text (null: nothing was there);
       * absent where a ledger cannot be unreadable (memory).
       */
      readonly reset?: () => Promise<StoreResult<string | null>>;
    }
  | {
      readonly ok: false;
      readonly exit: typeof EXIT.invalid | typeof EXIT.usage;
      readonly message: string;
    };

/**
 * How long one Redis operation may take before it answers
 * `ledger-unavailable`: longer than a server's 1 s, since a command line
 * starting among many (a busy machine) may take that long just to connect.
 */
const REDIS_TIMEOUT_MS = 5_000;
/**
 * Maps a `--ledger` argument to a store: a `redis://` URL to the shared
 * Redis store (Redis's clock; a request's `--at` overrides it), which keys by
 * `accountId` and so requires one (docs/rules.md#keys); anything else to the
 * file store on `clock`. An unreachable Redis is not an error here: its
 * operations answer `ledger-unavailable`, and calls fail closed.
 */
export async function openLedger(
  argument: string,
  clock: () => number,
  accountId: string | null,
): Promise<OpenedLedger> {
  if (isRedisLedger(argument)) {
    // A malformed argument is bad usage whatever the configuration says.
    const url = parseRedisUrl(argument);
    const opened = url.ok
      ? await openRedisLedger(argument, accountId, { timeoutMs: REDIS_TIMEOUT_MS })
      : url;
    if (!opened.ok) {
      const { code, message } = opened.error;
      return {
        ok: false,
        exit: code === 'invalid-ledger-url' ? EXIT.usage : EXIT.invalid,
        message: `--ledger: ${message} [${code}]`,
      };
    }
    const { store } = opened;
    const reset = async (): Promise<StoreResult<string | null>> => {
      // openRedisLedger has refused a configuration without account.id already.
      const done = await store.reset({ accountId: accountId as string });
      if (!done.ok) return done;
      const { discarded } = done.value;
      return {
        ok: true,
        value:
          discarded.length === 0
            ? null
            : discarded.map(({ key, value }) => `${key}: ${value}`).join('\n'),
      };
    };
    return { ok: true, store, close: () => store.close(), reset };
  }
  if (argument === '')
    return { ok: false, exit: EXIT.usage, message: '--ledger needs a file name' };
  const store = createFileLockoutStore(argument, clock);
  return { ok: true, store, close: async () => {}, reset: () => store.reset() };
}
