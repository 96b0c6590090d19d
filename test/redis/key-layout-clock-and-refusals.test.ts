/**
 * docs/rules.md#lockout on Redis, the details an integrator relies on: the ledger of
 * account `acme` lives under the hash tag `{account-codes:lockout:acme}`
 * unless a prefix is given, a key per scope and an index; an entry left with
 * nothing to remember is deleted, not kept empty; Redis TIME, to the
 * millisecond, is the store's clock; a client that has not connected yet is
 * connected on first use; and operations one store is asked for at once run
 * at once, none lost.
 */
import type { Redis as RedisClient } from 'ioredis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockoutSettings } from '../../src/index.js';
import { createRedisLockoutStore, openRedisLockoutStore } from '../../src/redis/index.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';
import { storedLedger } from './stored.js';

const settings: LockoutSettings = {
  maxFailures: 50,
  windowMinutes: 30,
  scope: 'trunk',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 1000,
};
const subject = { accountId: 'acme', trunkId: 'hq', callerId: null };
const HQ_ID = '["acme","trunk","hq",null]';
const HQ = '{account-codes:lockout:acme}:trunk:hq';
const INDEX = '{account-codes:lockout:acme}:scopes';

let server: RedisServer;
let inspector: RedisClient;
beforeAll(async () => {
  server = await startRedisServer();
  inspector = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 0 });
  inspector.on('error', () => {});
}, 15_000);
afterAll(async () => {
  inspector?.disconnect();
  await server?.stop();
});

/** Redis TIME in epoch milliseconds, to the microsecond. */
async function redisNow(): Promise<number> {
  const [seconds, micros] = await inspector.time();
  return Number(seconds) * 1000 + Number(micros) / 1000;
}

async function failuresAt(prefix: string): Promise<readonly { id: string; at: number }[]> {
  const ledger = await storedLedger(inspector, 'acme', prefix);
  return ledger.scopes[HQ_ID]?.failures ?? [];
}

describe('the Redis store', () => {
  it('keeps account acme under {account-codes:lockout:acme} by default, and deletes its keys once empty', async () => {
    const opened = await openRedisLockoutStore(server.url);
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    const at = Date.parse('2026-12-01T10:00:00Z');
    expect(await store.admit({ settings, subject, callId: 'c1', attempt: 1, at })).toMatchObject({
      ok: true,
      value: { admitted: true },
    });
    expect(JSON.parse((await inspector.get(HQ)) as string).failures).toEqual([
      { id: 'c1#1', at, settled: false },
    ]);
    expect(await inspector.zrange(INDEX, '0', '-1')).toEqual(['trunk:hq']);
    const unblocked = await store.unblock({
      settings,
      accountId: 'acme',
      target: { kind: 'all' },
      at: at + 1,
    });
    expect(unblocked).toMatchObject({ ok: true, value: { cleared: [{ failures: 1 }] } });
    expect(await inspector.exists(HQ, INDEX)).toBe(0);
    await store.close();
  });

  it('stamps an admission with Redis TIME in whole milliseconds', async () => {
    const store = createRedisLockoutStore(
      new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 0, enableOfflineQueue: false }),
      { keyPrefix: 'clock:' },
    );
    expect(await store.status({ settings, subject })).toMatchObject({ ok: true });
    const before = await redisNow();
    await store.admit({ settings, subject, callId: 'c1', attempt: 1 });
    const after = await redisNow();
    const [failure] = await failuresAt('clock:');
    expect(Number.isInteger(failure?.at)).toBe(true);
    expect(failure?.at).toBeGreaterThanOrEqual(Math.floor(before));
    expect(failure?.at).toBeLessThanOrEqual(after);
    await store.close();
  });

  it('connects a client that has not connected yet on its first operation', async () => {
    const client = new Redis(server.port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    expect(client.status).toBe('wait');
    const store = createRedisLockoutStore(client, { keyPrefix: 'lazy:', timeoutMs: 2000 });
    expect(await store.status({ settings, subject })).toMatchObject({
      ok: true,
      value: { failures: 0, admits: true },
    });
    await store.close();
  });

  it('runs operations asked for at once concurrently: no admission is lost', async () => {
    const opened = await openRedisLockoutStore(server.url, { keyPrefix: 'burst:' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    const at = Date.parse('2026-12-01T10:00:00Z');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.admit({ settings, subject, callId: `c${i}`, attempt: 1, at }),
      ),
    );
    expect(answers.every((a) => a.ok && a.value.admitted)).toBe(true);
    expect(await failuresAt('burst:')).toHaveLength(12);
    await store.close();
  });
});

describe('the Redis store refuses what it cannot vouch for', () => {
  it('a key of another type is ledger-unavailable, and is left as it was', async () => {
    await inspector.hset('{hash:acme}:trunk:hq', 'field', 'value');
    const opened = await openRedisLockoutStore(server.url, { keyPrefix: 'hash:' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    const answers = [
      await store.status({ settings, subject }),
      await store.admit({ settings, subject, callId: 'c1', attempt: 1 }),
    ];
    for (const answer of answers) {
      expect(answer).toEqual({
        ok: false,
        error: {
          code: 'ledger-unavailable',
          path: [],
          message: expect.stringMatching(
            /^the Redis ledger failed \(.*WRONGTYPE.*\); code-gated calls fail closed until it answers$/,
          ),
        },
      });
    }
    expect(await inspector.hgetall('{hash:acme}:trunk:hq')).toEqual({ field: 'value' });
    await store.close();
  });

  it('a request without account.id says why a shared ledger needs one', async () => {
    const opened = await openRedisLockoutStore(server.url, { keyPrefix: 'noid:' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    expect(await store.status({ settings, subject: { ...subject, accountId: null } })).toEqual({
      ok: false,
      error: {
        code: 'account-id-required',
        path: ['accountId'],
        message:
          "a shared (redis://) ledger needs the configuration's account.id (1-64 printable characters): trunk ids are unique only within an account",
      },
    });
    await store.close();
  });

  it('a request that is not an object is invalid-request, never a throw', async () => {
    const opened = await openRedisLockoutStore(server.url, { keyPrefix: 'null:' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    const operations: ((request: never) => Promise<unknown>)[] = [
      store.admit,
      store.settle,
      store.status,
      store.list,
      store.unblock,
    ];
    for (const operation of operations) {
      for (const request of [null, undefined]) {
        // A synchronous throw would become a rejection here, and fail the test.
        await expect(
          Promise.resolve().then(() => operation(request as never)),
        ).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      }
    }
    await store.close();
  });
});
