/**
 * The Redis client the store takes, described here rather than imported from
 * ioredis, so that `account-codes/redis` type-checks in a project without
 * ioredis (an optional peer dependency: a program that passes a
 * `redis://` URL, or only names the types, does not need it installed).
 */

/**
 * An ioredis client (`new Redis(…)` from the `ioredis` package, version 6):
 * the members the store relies on. Any ioredis `Redis` is one.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRedisLockoutStore, type RedisClient } from 'account-codes/redis';
 * const client: RedisClient = new Redis(6379, '127.0.0.1', { enableOfflineQueue: false });
 * const store = createRedisLockoutStore(client);
 * ```
 */
export interface RedisClient {
  /** The connection's state (`wait`, `connecting`, `ready`, `close`, `end`, …). */
  readonly status: string;
  /** A new client with the same connection settings, `options` laid over them. */
  duplicate(options?: object): RedisClient;
  /** A pipeline of commands sent together. */
  pipeline(): unknown;
  /** A MULTI … EXEC transaction. */
  multi(): unknown;
  /** Closes the connection after the replies pending. */
  quit(): Promise<unknown>;
  /** Closes the connection at once. */
  disconnect(): void;
}
