/**
 * Opening the Redis store: from a `redis://host:port[/db]` URL or from an
 * integrator's ioredis client. ioredis is an optional peer dependency,
 * loaded here and only here, on first use (`import 'account-codes'` never
 * loads it). The connection is the store's own, made to fail fast: no
 * offline queue on a single node, every command bounded by the store's
 * timeout (a Cluster client keeps its queue, so that it can follow a
 * failover within that time).
 */
import type { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import { describeValue, type Problem } from '../result.js';
import type { RedisClient } from './client.js';
import {
  createRedisLockoutStore,
  REDIS_STORE_DEFAULTS,
  type RedisLockoutStore,
  type RedisStoreOptions,
} from './store.js';

/**
 * Why a Redis store could not be opened: the URL is not `redis://host:port[/db]`
 * (`invalid-ledger-url`), or ioredis is not installed (`redis-client-missing`).
 * An unreachable server is not an error here: operations answer
 * `ledger-unavailable` until it answers.
 */
export type RedisOpenError = Problem<'invalid-ledger-url' | 'redis-client-missing'>;

/** {@link openRedisLockoutStore}'s answer. */
export type RedisOpenResult =
  | {
      /** Opened. */
      readonly ok: true;
      /** The store; `close()` it when done. */
      readonly store: RedisLockoutStore;
    }
  | {
      /** Not opened. */
      readonly ok: false;
      /** Why. */
      readonly error: RedisOpenError;
    };

/**
 * Opens the shared lockout store on Redis. `target` is a
 * `redis://[user:password@]host[:port][/db]` URL (`rediss://` for TLS), or an
 * ioredis client — a `Redis` (single node, Sentinel) or a `Cluster` — whose
 * connection settings are copied (`client.duplicate`): the store always uses
 * a connection of its own, which `close()` closes.
 * Connecting happens in the background: an unreachable server makes each
 * operation answer `ledger-unavailable` within `timeoutMs`, never throw.
 *
 * @example
 * ```ts
 * import { openRedisLockoutStore } from 'account-codes/redis';
 * const opened = await openRedisLockoutStore('redis://127.0.0.1:6379/0', { timeoutMs: 500 });
 * if (!opened.ok) throw new Error(opened.error.message);
 * const status = await opened.store.status({ settings, subject: { accountId: 'acme', trunkId: 'hq', callerId: null } });
 * await opened.store.close();
 * ```
 */
export async function openRedisLockoutStore(
  target: string | RedisClient,
  options: RedisStoreOptions = {},
): Promise<RedisOpenResult> {
  const timeoutMs = options.timeoutMs ?? REDIS_STORE_DEFAULTS.timeoutMs;
  const safe = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    // Keep trying in the background; each operation still answers within timeoutMs.
    retryStrategy: (times: number) => Math.min(50 * times, 1000),
  } satisfies RedisOptions;
  if (typeof target !== 'string') {
    if (typeof (target as { duplicate?: unknown } | null)?.duplicate !== 'function') {
      return {
        ok: false,
        error: {
          code: 'invalid-ledger-url',
          path: ['ledger'],
          message: `the Redis ledger must be a redis://host[:port][/db] URL or an ioredis Redis or Cluster client; got ${describeValue(target)}`,
        },
      };
    }
    // Typed without ioredis for the package's users; inside, it is an ioredis client.
    const client = target as unknown as Redis | Cluster;
    if (!client.isCluster) {
      return {
        ok: true,
        store: createRedisLockoutStore((client as Redis).duplicate(safe), options),
      };
    }
    const cluster = {
      redisOptions: { commandTimeout: timeoutMs, connectTimeout: timeoutMs },
      // Queue and retry while the slots move (a failover takes the node timeout and an
      // election, seconds): the operation still answers within timeoutMs.
      enableOfflineQueue: true,
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      retryDelayOnTryAgain: 100,
      maxRedirections: 16 + Math.ceil(timeoutMs / 100),
      clusterRetryStrategy: (times: number) => Math.min(50 * times, 1000),
    } satisfies ClusterOptions;
    return {
      ok: true,
      store: createRedisLockoutStore((client as Cluster).duplicate(undefined, cluster), options),
    };
  }
  const url = parseRedisUrl(target);
  if (!url.ok) return url;
  let ioredis: typeof import('ioredis');
  try {
    ioredis = await import('ioredis');
  } catch {
    return {
      ok: false,
      error: {
        code: 'redis-client-missing',
        path: [],
        message:
          'a redis:// ledger needs the ioredis package (an optional peer dependency): npm install ioredis@6',
      },
    };
  }
  const client = new ioredis.Redis(target, safe);
  return { ok: true, store: createRedisLockoutStore(client, options) };
}

/** {@link parseRedisUrl}'s answer. */
export type RedisUrlCheck =
  | {
      /** The URL has the shape of a Redis ledger. */
      readonly ok: true;
    }
  | {
      /** It has not. */
      readonly ok: false;
      /** What is wrong, without the URL's password. */
      readonly error: RedisOpenError;
    };

/**
 * Checks a ledger URL's shape: `redis:` or `rediss:`, a host, a port 1–65535
 * if given, a database number 0–15 if given, nothing else.
 *
 * @example
 * ```ts
 * parseRedisUrl('redis://127.0.0.1:6390/2').ok; // true
 * parseRedisUrl('redis://127.0.0.1:6390/x').ok; // false: invalid-ledger-url
 * ```
 */
export function parseRedisUrl(value: unknown): RedisUrlCheck {
  const bad = (why: string) => ({
    ok: false as const,
    error: {
      code: 'invalid-ledger-url' as const,
      path: ['ledger'],
      message: `ledger must be a redis://host[:port][/db] URL (port 1-65535, db 0-15); ${why}; got ${describeValue(redact(value))}`,
    },
  });
  if (typeof value !== 'string') return bad('not a string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return bad('not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    return bad('the scheme is not redis');
  if (url.hostname === '') return bad('there is no host');
  if (url.port !== '' && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) {
    return bad('the port is out of range');
  }
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^(?:[0-9]|1[0-5])$/.test(db)) return bad('the database is not 0-15');
  if (url.search !== '' || url.hash !== '') return bad('it has a query or a fragment');
  return { ok: true };
}

/** A URL as it may be shown: without its password. */
function redact(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\/\/([^@/]*)@/, '//***@') : value;
}
