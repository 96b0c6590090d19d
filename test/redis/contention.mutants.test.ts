/**
 * SPEC §9, Concurrency, on Redis, in this process: when another writer
 * changes the account's key between the store's WATCHed read and its EXEC,
 * the store backs off and reads again, at most `maxAttempts` times and never
 * past its timeout, then answers `ledger-unavailable` (fail closed). A write
 * Redis refuses, and a store that was closed, are `ledger-unavailable` too.
 *
 * The contending writer is a second connection that writes the key right
 * after each of the store's reads: every EXEC then runs nothing.
 */
import type { Redis as RedisClient } from 'ioredis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockoutSettings } from '../../src/index.js';
import { createRedisLockoutStore } from '../../src/redis/index.js';
import { freePort, type RedisServer, startRedisServer } from '../support/redis-server.js';

const settings: LockoutSettings = {
  maxFailures: 5,
  windowMinutes: 30,
  scope: 'trunk',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 1000,
};
const subject = { accountId: 'acme', trunkId: 'hq', callerId: null };
const request = { settings, subject, callId: 'c1', attempt: 1 };
const EMPTY = JSON.stringify({ version: 1, scopes: {} });

let server: RedisServer;
let other: RedisClient;
beforeAll(async () => {
  server = await startRedisServer();
  other = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 0 });
  other.on('error', () => {});
}, 15_000);
afterAll(async () => {
  other?.disconnect();
  await server?.stop();
});

function connect(): RedisClient {
  const client = new Redis(server.port, '127.0.0.1', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
  });
  client.on('error', () => {});
  return client;
}

/**
 * The client, with `reads` counting the store's WATCHed reads; while `contend`
 * is on, `key` is rewritten by another connection after each read.
 */
function contended(client: RedisClient, key: string) {
  const seen = { reads: 0, contend: true };
  const proxy = new Proxy(client, {
    get(target, name) {
      if (name === 'pipeline') {
        return () => {
          const pipeline = target.pipeline();
          const exec = pipeline.exec.bind(pipeline);
          pipeline.exec = (async () => {
            const read = await exec();
            seen.reads += 1;
            if (seen.contend) await other.set(key, EMPTY);
            return read;
          }) as typeof pipeline.exec;
          return pipeline;
        };
      }
      const value = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client: proxy, seen };
}

describe('the Redis store under contention', () => {
  it('gives up after maxAttempts reads, at once rather than at its timeout, and says why', async () => {
    const { client, seen } = contended(connect(), 'c3:acme');
    const store = createRedisLockoutStore(client, {
      keyPrefix: 'c3:',
      maxAttempts: 3,
      timeoutMs: 5000,
    });
    const started = Date.now();
    const admitted = await store.admit(request);
    const ms = Date.now() - started;
    expect(admitted).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message:
          'the Redis ledger was too contended to answer within 5000 ms; code-gated calls fail closed until it answers',
      },
    });
    expect(seen.reads).toBe(3);
    // Three back-offs of at most 2, 4 and 8 ms: far from the 5 s timeout.
    expect(ms).toBeLessThan(2000);
    // Once the other writer stops, the same store admits.
    seen.contend = false;
    expect(await store.admit(request)).toMatchObject({ ok: true, value: { admitted: true } });
    await store.close();
  });

  it('backs off between attempts: twenty contended attempts take a while', async () => {
    const { client, seen } = contended(connect(), 'c20:acme');
    const store = createRedisLockoutStore(client, {
      keyPrefix: 'c20:',
      maxAttempts: 20,
      timeoutMs: 10_000,
    });
    const started = Date.now();
    const admitted = await store.admit(request);
    const ms = Date.now() - started;
    expect(admitted).toMatchObject({ ok: false, error: { code: 'ledger-unavailable' } });
    expect(seen.reads).toBe(20);
    // Random pauses up to 2^attempt ms, capped at 20: about 300 ms in all, far above 100.
    expect(ms).toBeGreaterThan(100);
    await store.close();
  });

  it('stops at its timeout when attempts remain, still saying it was contended', async () => {
    const { client, seen } = contended(connect(), 'ct:acme');
    const store = createRedisLockoutStore(client, {
      keyPrefix: 'ct:',
      maxAttempts: 100_000,
      timeoutMs: 150,
    });
    const started = Date.now();
    const admitted = await store.admit(request);
    const ms = Date.now() - started;
    expect(admitted).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message:
          'the Redis ledger was too contended to answer within 150 ms; code-gated calls fail closed until it answers',
      },
    });
    expect(seen.reads).toBeGreaterThan(1);
    expect(ms).toBeLessThan(150 + 1000);
    await store.close();
  });
});

describe('the Redis store when a write is refused or the store is closed', () => {
  it('a transaction whose write Redis refuses is ledger-unavailable, and nothing is admitted', async () => {
    const real = connect();
    const client = new Proxy(real, {
      get(target, name) {
        if (name === 'multi') {
          // What EXEC answers when a queued command fails at run time.
          const transaction = {
            set: () => transaction,
            del: () => transaction,
            exec: async () => [[new Error('ERR refused'), null]],
          };
          return () => transaction;
        }
        const value = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const store = createRedisLockoutStore(client, { keyPrefix: 'refused:', timeoutMs: 2000 });
    expect(await store.admit(request)).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message:
          'the Redis ledger refused the write; code-gated calls fail closed until it answers',
      },
    });
    expect(await other.get('refused:acme')).toBeNull();
    await store.close();
  });

  it('a store whose connection has ended says it is not connected, at once', async () => {
    const client = connect();
    const store = createRedisLockoutStore(client, { keyPrefix: 'closed:', timeoutMs: 2000 });
    expect(await store.status({ settings, subject })).toMatchObject({ ok: true });
    await store.close();
    // The socket closes just after close() returns; from then on nothing is tried.
    const ended = Date.now() + 1000;
    while (client.status !== 'end' && Date.now() < ended) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(client.status).toBe('end');
    const started = Date.now();
    expect(await store.status({ settings, subject })).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: 'the Redis ledger is not connected; code-gated calls fail closed until it answers',
      },
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('the Redis store when nothing listens', () => {
  it('says it is not connected, and closing it stops the reconnecting', async () => {
    const port = await freePort();
    const client = new Redis(port, '127.0.0.1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 20,
    });
    client.on('error', () => {});
    const store = createRedisLockoutStore(client, { keyPrefix: 'none:', timeoutMs: 100 });
    expect(await store.status({ settings, subject })).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: 'the Redis ledger is not connected; code-gated calls fail closed until it answers',
      },
    });
    await store.close();
    // Retries come every 20 ms while the client lives; after close() none may follow.
    let retries = 0;
    client.on('reconnecting', () => {
      retries += 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(retries).toBe(0);
  });
});
