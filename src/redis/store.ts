/**
 * The shared lockout store of SPEC §9 on Redis. The pure functions of
 * `src/lockout/ledger.ts` stay the one definition of the semantics: each
 * operation reads the account's ledger and Redis's clock (`TIME`) under
 * `WATCH`, computes the answer with those functions, and writes the new
 * ledger with `MULTI`/`EXEC`. When another node wrote in between, `EXEC`
 * runs nothing and the operation starts again (a bounded number of times);
 * anything the store cannot vouch for is `ledger-unavailable` (fail closed).
 * docs/redis.md says why this, and not Lua scripts or rate-limiter-flexible.
 */
import type { Redis } from 'ioredis';
import {
  admitLookup,
  emptyLedger,
  type LedgerRead,
  type LedgerUpdate,
  type LockoutLedger,
  listScopes,
  lockoutStatus,
  parseLedger,
  settleLookup,
  unblockScopes,
} from '../lockout/ledger.js';
import type { LockoutStore, LockoutStoreError, StoreResult } from '../lockout/store.js';
import type { RedisClient } from './client.js';

/** How a Redis store names its keys and how long it waits. */
export interface RedisStoreOptions {
  /** Prefix of every key; the account's id follows. Default `account-codes:lockout:`. */
  readonly keyPrefix?: string;
  /**
   * Each operation answers within this many milliseconds (connecting,
   * retries and commands included), else `ledger-unavailable`. Default 1000.
   */
  readonly timeoutMs?: number;
  /** Optimistic attempts before a contended operation gives up (`ledger-unavailable`). Default 50. */
  readonly maxAttempts?: number;
}

/** A {@link LockoutStore} on Redis, with a way to let go of its connection. */
export interface RedisLockoutStore extends LockoutStore {
  /** Closes the store's connection; later operations answer `ledger-unavailable`. */
  close(): Promise<void>;
}

/**
 * The defaults of {@link RedisStoreOptions}.
 *
 * @example
 * ```ts
 * REDIS_STORE_DEFAULTS.timeoutMs; // 1000: every operation answers within a second
 * ```
 */
export const REDIS_STORE_DEFAULTS: {
  /** Every key starts with this; the account's id follows. */
  readonly keyPrefix: 'account-codes:lockout:';
  /** Milliseconds each operation may take before it answers `ledger-unavailable`. */
  readonly timeoutMs: 1000;
  /** Optimistic attempts of a contended operation. */
  readonly maxAttempts: 50;
} = {
  keyPrefix: 'account-codes:lockout:',
  timeoutMs: 1000,
  maxAttempts: 50,
};

type Change<T> = (ledger: LockoutLedger, now: number) => LedgerUpdate<T> | LedgerRead<T>;

const TIMED_OUT = Symbol('timed out');

/**
 * A {@link RedisLockoutStore} over a connection the store owns and was made
 * safe for `WATCH` (no offline queue, no resent commands: see
 * `openRedisLockoutStore`, which is how integrators get one).
 *
 * Every request's account must have an `account.id` (`account-id-required`):
 * trunk ids are unique only within an account (SPEC §9, Keys). One Redis key
 * holds one account's ledger; its entries are keyed by (account.id, scope
 * kind, trunk id[, caller id]) as in every store.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const client = new Redis(6379, '127.0.0.1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, autoResendUnfulfilledCommands: false });
 * const store = createRedisLockoutStore(client, { timeoutMs: 500 });
 * const admitted = await store.admit({ settings, subject, callId: 'call-1', attempt: 1 });
 * await store.close();
 * ```
 */
export function createRedisLockoutStore(
  redisClient: RedisClient,
  options: RedisStoreOptions = {},
): RedisLockoutStore {
  // Typed without ioredis for the package's users; inside, it is an ioredis client.
  const client = redisClient as Redis;
  const keyPrefix = options.keyPrefix ?? REDIS_STORE_DEFAULTS.keyPrefix;
  const timeoutMs = options.timeoutMs ?? REDIS_STORE_DEFAULTS.timeoutMs;
  const maxAttempts = options.maxAttempts ?? REDIS_STORE_DEFAULTS.maxAttempts;
  // WATCH belongs to the connection: two operations of this process must not
  // interleave on it, so they queue (other processes and nodes have their own).
  let queue: Promise<unknown> = Promise.resolve();
  // A new connection has lost the WATCH of the old one: count connections.
  let connection = 0;
  client.on('ready', () => {
    connection += 1;
  });
  // Errors surface as `ledger-unavailable` answers; without a listener ioredis would print them.
  client.on('error', () => {});

  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };

  /** Runs one operation on `accountId`'s ledger. */
  const operate = <T>(
    accountId: unknown,
    at: number | undefined,
    change: Change<T>,
  ): Promise<StoreResult<T>> => {
    // The pure function checks the request first (the same typed errors as every store) …
    const checked = change(emptyLedger(), at ?? 0);
    if (!checked.ok) return Promise.resolve(checked);
    // … then a shared store needs the account's id (SPEC §9, Keys).
    if (typeof accountId !== 'string') {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'account-id-required',
          path: ['accountId'],
          message:
            "a shared (redis://) ledger needs the configuration's account.id (1-64 printable characters): trunk ids are unique only within an account",
        },
      });
    }
    const deadline = Date.now() + timeoutMs;
    return serially(() => transact(`${keyPrefix}${accountId}`, at, change, deadline));
  };

  const transact = async <T>(
    key: string,
    at: number | undefined,
    change: Change<T>,
    deadline: number,
  ): Promise<StoreResult<T>> => {
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      if (!(await ready(client, deadline))) return unavailable('is not connected');
      const watched = connection;
      const read = await within(
        client.pipeline().watch(key).get(key).time().exec(),
        deadline,
      ).catch(() => null);
      if (read === TIMED_OUT) return unavailable(`did not answer within ${timeoutMs} ms`);
      if (read === null || read.some(([error]) => error !== null)) {
        return unavailable('failed to read the ledger');
      }
      const stored = parseStored(read[1]?.[1]);
      if (!stored.ok) {
        client.unwatch().catch(() => {});
        return stored;
      }
      const result = change(stored.ledger, at ?? redisTime(read[2]?.[1]));
      if (!result.ok || !('ledger' in result) || result.ledger === stored.ledger) {
        // Nothing to write: the read is one GET, atomic by itself.
        client.unwatch().catch(() => {});
        return result.ok ? { ok: true, value: result.value } : result;
      }
      // The EXEC must go out on the connection that holds the WATCH.
      if (connection !== watched || client.status !== 'ready') continue;
      const transaction = client.multi();
      if (Object.keys(result.ledger.scopes).length === 0) transaction.del(key);
      else transaction.set(key, JSON.stringify(result.ledger));
      const written = await within(transaction.exec(), deadline).catch(() => undefined);
      if (written === TIMED_OUT || written === undefined) {
        // Sent but not confirmed: it may yet apply (an admission then stays a miss: fail closed).
        return unavailable(`did not confirm a write within ${timeoutMs} ms`);
      }
      if (written !== null) {
        return written.some(([error]) => error !== null)
          ? unavailable('refused the write')
          : { ok: true, value: result.value };
      }
      // Another writer came first: EXEC ran nothing. Back off a little, read again.
      await pause(Math.min(Math.random() * 2 ** attempt, 20, deadline - Date.now()));
      if (Date.now() >= deadline) break;
    }
    return unavailable(`was too contended to answer within ${timeoutMs} ms`);
  };

  const time = (request: unknown): number | undefined =>
    typeof request === 'object' && request !== null ? (request as { at?: number }).at : undefined;
  /** A store operation: `pure` applied to the account's ledger, at the request's time or Redis's. */
  const operation =
    <R, T>(
      pure: (ledger: LockoutLedger, request: R, now: number) => LedgerUpdate<T> | LedgerRead<T>,
      accountOf: (request: R) => unknown,
    ) =>
    (request: R): Promise<StoreResult<T>> =>
      operate(accountOf(request), time(request), (ledger, now) => pure(ledger, request, now));
  const subjectAccount = (request: unknown): unknown =>
    (request as { subject?: { accountId?: unknown } } | null)?.subject?.accountId;
  const requestAccount = (request: unknown): unknown =>
    (request as { accountId?: unknown } | null)?.accountId;

  return {
    admit: operation(admitLookup, subjectAccount),
    settle: operation(settleLookup, subjectAccount),
    status: operation(lockoutStatus, subjectAccount),
    list: operation(listScopes, requestAccount),
    unblock: operation(unblockScopes, requestAccount),
    async close() {
      await serially(async () => {
        await within(client.quit(), Date.now() + timeoutMs).catch(() => {});
        client.disconnect();
      });
    },
  };
}

function unavailable(what: string): { ok: false; error: LockoutStoreError } {
  return {
    ok: false,
    error: {
      code: 'ledger-unavailable',
      path: [],
      message: `the Redis ledger ${what}; code-gated calls fail closed until it answers`,
    },
  };
}

function parseStored(
  value: unknown,
): { ok: true; ledger: LockoutLedger } | { ok: false; error: LockoutStoreError } {
  if (value === null || value === undefined) return { ok: true, ledger: emptyLedger() };
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(value));
  } catch {
    return {
      ok: false,
      error: { code: 'invalid-ledger', path: [], message: 'the Redis key does not hold JSON' },
    };
  }
  return parseLedger(parsed);
}

/** Redis `TIME` (seconds, microseconds) in epoch milliseconds: the store's one clock. */
function redisTime(reply: unknown): number {
  const [seconds, micros] = reply as [string, string];
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/** The connection is ready, or becomes so before the deadline. */
async function ready(client: Redis, deadline: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  if (client.status === 'end' || client.status === 'close') return false;
  if (client.status === 'wait') client.connect().catch(() => {});
  let onReady = (): void => {};
  const became = new Promise<boolean>((resolve) => {
    onReady = () => resolve(true);
    client.once('ready', onReady);
  });
  const outcome = await within(became, deadline);
  client.off('ready', onReady);
  return outcome === true;
}

async function within<T>(promise: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
