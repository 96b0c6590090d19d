/**
 * docs/rules.md#faults: when the Redis ledger cannot be reached — nothing listens,
 * or the server is paused (SIGSTOP) in the middle of operations — every
 * operation answers `ledger-unavailable` within the store's timeout, never
 * throws; once the server answers again nothing acknowledged is lost.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockoutSettings, StoreResult } from '../../src/index.js';
import {
  isRedisLedger,
  openRedisLedger,
  openRedisLockoutStore,
  parseRedisUrl,
} from '../../src/redis/index.js';
import { freePort, type RedisServer, startRedisServer } from '../support/redis-server.js';
import { storedLedger } from './stored.js';

const TIMEOUT = 300;
/** Scheduling room on a shared machine, on top of the stated timeout. */
const SLACK = 700;
const settings: LockoutSettings = {
  maxFailures: 10,
  windowMinutes: 60,
  scope: 'trunk',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 1000,
};
const subject = { accountId: 'acme', trunkId: 'hq', callerId: null };

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
}, 15_000);
afterAll(async () => {
  await server?.stop();
});

async function timed(operation: Promise<StoreResult<unknown>>) {
  const started = Date.now();
  const result = await operation;
  return { result, ms: Date.now() - started };
}

describe('the Redis store when Redis cannot be reached (docs/rules.md#faults)', () => {
  it('answers ledger-unavailable within its timeout when nothing listens', async () => {
    const port = await freePort();
    const opened = await openRedisLockoutStore(`redis://127.0.0.1:${port}/0`, {
      timeoutMs: TIMEOUT,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    const request = { settings, subject, callId: 'c', attempt: 1 };
    const operations: Promise<StoreResult<unknown>>[] = [
      store.admit(request),
      store.settle({ ...request, hit: false }),
      store.status({ settings, subject }),
      store.list({ settings, accountId: 'acme' }),
      store.unblock({ settings, accountId: 'acme', target: { kind: 'all' } }),
    ];
    for (const operation of operations) {
      const { result, ms } = await timed(operation);
      expect(result).toMatchObject({ ok: false, error: { code: 'ledger-unavailable' } });
      expect(ms).toBeLessThan(TIMEOUT + SLACK);
    }
    await store.close();
    expect(await store.status({ settings, subject })).toMatchObject({
      ok: false,
      error: { code: 'ledger-unavailable' },
    });
  });

  it.each([0, 1, 3])(
    'paused %i ms into operations: unanswered ones are ledger-unavailable in time, acknowledged ones survive',
    async (delay) => {
      const opened = await openRedisLockoutStore(server.url, {
        timeoutMs: TIMEOUT,
        keyPrefix: `pause-${delay}:`,
      });
      if (!opened.ok) throw new Error(opened.error.message);
      const { store } = opened;
      const acknowledged: string[] = [];
      const admitMiss = async (callId: string) => {
        const request = { settings, subject, callId, attempt: 1 };
        const admitted = await store.admit(request);
        if (!admitted.ok) return admitted.error.code;
        if (!admitted.value.admitted) return admitted.value.reason;
        acknowledged.push(admitted.value.id);
        const settled = await store.settle({ ...request, hit: false });
        return settled.ok ? 'recorded' : settled.error.code;
      };
      for (const callId of ['before-1', 'before-2', 'before-3'])
        expect(await admitMiss(callId)).toBe('recorded');

      const started = Date.now();
      const during = ['during-1', 'during-2', 'during-3', 'during-4'].map(admitMiss);
      // 0: before anything is sent; later: with reads, writes or replies in flight.
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      process.kill(server.pid, 'SIGSTOP');
      try {
        const answers = await Promise.all(during);
        // The timeout counts from the call, time queued behind the others included.
        expect(Date.now() - started).toBeLessThan(TIMEOUT + SLACK);
        for (const answer of answers) expect(['recorded', 'ledger-unavailable']).toContain(answer);
        if (delay === 0) expect(answers).toEqual(Array(4).fill('ledger-unavailable'));
        const paused = await timed(store.status({ settings, subject }));
        expect(paused.result).toMatchObject({ ok: false, error: { code: 'ledger-unavailable' } });
        expect(paused.ms).toBeLessThan(TIMEOUT + SLACK);
      } finally {
        process.kill(server.pid, 'SIGCONT');
      }

      // Answering again: every acknowledged admission is in the ledger.
      let status: StoreResult<unknown> | undefined;
      for (let tries = 0; tries < 50 && !status?.ok; tries += 1) {
        status = await store.status({ settings, subject });
        if (!status.ok) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status?.ok).toBe(true);
      const inspector = new Redis(server.port, '127.0.0.1');
      const ledger = await storedLedger(inspector, 'acme', `pause-${delay}:`);
      inspector.disconnect();
      const recorded = Object.values(ledger.scopes).flatMap((e) => e.failures.map((f) => f.id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(3);
      for (const id of acknowledged) expect(recorded).toContain(id);
      expect(await admitMiss('after-1')).toBe('recorded');
      await store.close();
    },
  );
});

describe('opening a Redis ledger', () => {
  it('takes redis://host[:port][/db] URLs and names what is wrong with others', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6390/2')).toEqual({ ok: true });
    expect(parseRedisUrl('rediss://cache.example:6380')).toEqual({ ok: true });
    for (const bad of [
      'redis://127.0.0.1:6390/16',
      'http://127.0.0.1',
      'redis://',
      'ledger.json',
      'redis://h/0?x=1',
    ]) {
      expect(parseRedisUrl(bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid-ledger-url', path: ['ledger'] },
      });
    }
    const withPassword = parseRedisUrl('redis://:s3cret@127.0.0.1:6390/99');
    expect(withPassword.ok).toBe(false);
    expect(JSON.stringify(withPassword)).not.toContain('s3cret');
  });

  it('tells a redis:// ledger from a file, and needs account.id for it', async () => {
    expect(isRedisLedger('redis://127.0.0.1:6390/0')).toBe(true);
    expect(isRedisLedger('REDISS://cache:6380')).toBe(true);
    expect(isRedisLedger('ledger.json')).toBe(false);
    expect(await openRedisLedger(server.url, null)).toMatchObject({
      ok: false,
      error: { code: 'account-id-required', path: ['account', 'id'] },
    });
    expect(await openRedisLedger('redis://127.0.0.1:99999', 'acme')).toMatchObject({
      ok: false,
      error: { code: 'invalid-ledger-url' },
    });
  });

  it('copies an integrator’s client rather than sharing its connection', async () => {
    const client = new Redis(server.port, '127.0.0.1');
    const opened = await openRedisLockoutStore(client, { keyPrefix: 'client:' });
    if (!opened.ok) throw new Error(opened.error.message);
    const admitted = await opened.store.admit({ settings, subject, callId: 'c', attempt: 1 });
    expect(admitted).toMatchObject({ ok: true, value: { admitted: true } });
    await opened.store.close();
    expect(await client.exists('{client:acme}:trunk:hq')).toBe(1);
    client.disconnect();
  });
});
