/**
 * The Redis store answers as the pure ledger does (docs/rules.md#lockout: the pure
 * functions define the semantics). The same random operations, with explicit
 * times, on several accounts, trunks and callers, go to a real redis-server
 * and to the memory store (the pure functions applied in one process, one
 * ledger per account as Redis keeps them); every answer and the stored
 * ledgers must be equal. Requests are deep-frozen: no store may change them.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLockoutStore } from '../../src/index.js';
import { openRedisLockoutStore, type RedisLockoutStore } from '../../src/redis/index.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';
import { answersAsThePureLedger } from './differential.js';
import { storedLedger } from './stored.js';

const T0 = Date.parse('2026-12-01T10:00:00Z');

let server: RedisServer;
let store: RedisLockoutStore;
let inspector: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  inspector = new Redis(server.port, '127.0.0.1');
}, 15_000);

afterAll(async () => {
  await store?.close();
  inspector?.disconnect();
  await server?.stop();
});

describe('the Redis store against the pure ledger (docs/rules.md#lockout)', () => {
  it('gives the same answers and keeps the same ledgers, for any operations', async () => {
    await answersAsThePureLedger(async (keyPrefix) => {
      const opened = await openRedisLockoutStore(server.url, { keyPrefix, timeoutMs: 5000 });
      if (!opened.ok) throw new Error(opened.error.message);
      return opened.store;
    }, inspector);
  });

  it('a request without account.id is account-id-required, and a malformed one is the pure error', async () => {
    const opened = await openRedisLockoutStore(server.url, { keyPrefix: 'errors:' });
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.store;
    const settings = {
      maxFailures: 3,
      windowMinutes: 10,
      scope: 'trunk',
      unlockAfterMinutes: 10,
      maxFailuresPerDay: 1000,
    } as const;
    const subject = { accountId: null, trunkId: 'hq', callerId: null };
    const admitted = await store.admit({ settings, subject, callId: 'c', attempt: 1 });
    expect(admitted).toMatchObject({
      ok: false,
      error: { code: 'account-id-required', path: ['accountId'] },
    });
    expect(await store.list({ settings, accountId: null })).toMatchObject({
      ok: false,
      error: { code: 'account-id-required' },
    });
    const memory = createMemoryLockoutStore({ clock: () => T0 });
    const malformed = {
      settings,
      subject: { ...subject, accountId: 'acme' },
      callId: '',
      attempt: 1,
      at: T0,
    };
    expect(await store.admit(malformed)).toEqual(await memory.admit(malformed));
    expect(await inspector.keys('errors:*')).toEqual([]);
  });

  it('a key that does not hold a ledger is invalid-ledger, and is left as it was', async () => {
    await inspector.set('errors:acme', '{"version":3}');
    const settings = {
      maxFailures: 3,
      windowMinutes: 10,
      scope: 'trunk',
      unlockAfterMinutes: 10,
      maxFailuresPerDay: 1000,
    } as const;
    const subject = { accountId: 'acme', trunkId: 'hq', callerId: null };
    expect(await store.admit({ settings, subject, callId: 'c', attempt: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-ledger', path: ['version'] },
    });
    await inspector.set('errors:acme', 'not json');
    expect(await store.status({ settings, subject })).toMatchObject({
      ok: false,
      error: { code: 'invalid-ledger' },
    });
    expect(await inspector.get('errors:acme')).toBe('not json');
  });

  it('without an explicit time, the store uses Redis TIME', async () => {
    const settings = {
      maxFailures: 3,
      windowMinutes: 10,
      scope: 'trunk',
      unlockAfterMinutes: 10,
      maxFailuresPerDay: 1000,
    } as const;
    const subject = { accountId: 'clock', trunkId: 'hq', callerId: null };
    const [seconds] = await inspector.time();
    const admitted = await store.admit({ settings, subject, callId: 'c', attempt: 1 });
    expect(admitted.ok).toBe(true);
    const ledger = await storedLedger(inspector, 'clock', 'errors:');
    const at = Object.values(ledger.scopes)[0]?.failures[0]?.at as number;
    expect(Math.abs(at - Number(seconds) * 1000)).toBeLessThan(5000);
  });
});
