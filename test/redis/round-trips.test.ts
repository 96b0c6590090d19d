/**
 * docs/rules.md#lockout on Redis, one round trip per operation: Redis's own
 * command statistics show one script call per admit and per settle, and
 * nothing else; a server that has lost the script (restarted, flushed, failed
 * over) gets it whole once, by EVAL, and answers as before. A store whose
 * connection has ended, or that never connected, says so at once.
 */
import type { Redis as RedisClient } from 'ioredis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockoutSettings } from '../../src/index.js';
import { createRedisLockoutStore, openRedisLockoutStore } from '../../src/redis/index.js';
import { freePort, type RedisServer, startRedisServer } from '../support/redis-server.js';

const settings: LockoutSettings = {
  maxFailures: 50,
  windowMinutes: 30,
  scope: 'caller',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 1000,
};
const subject = { accountId: 'acme', trunkId: 'hq', callerId: '201' };

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

/**
 * Calls per command since the last CONFIG RESETSTAT, from INFO commandstats:
 * a script's own commands included (each run of the ledger script calls TIME
 * once).
 */
async function commandCalls(): Promise<Record<string, number>> {
  const info = await inspector.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    calls[match[1] as string] = Number(match[2]);
  }
  // The inspector's own commands.
  delete calls.info;
  delete calls['config|resetstat'];
  return calls;
}

describe('one round trip per operation', () => {
  it('one EVALSHA per admit and per settle, and no other command', async () => {
    const opened = await openRedisLockoutStore(server.url, { keyPrefix: 'trips:' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    // Connected, and the script known to the server.
    expect(await store.status({ settings, subject })).toMatchObject({ ok: true });
    // What clients send (MONITOR marks a script's own commands "lua").
    const monitor = await inspector.duplicate().monitor();
    const sent: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua') sent.push(String(args[0]).toLowerCase());
    });
    await inspector.config('RESETSTAT');
    const calls = 10;
    for (let i = 0; i < calls; i += 1) {
      const request = { settings, subject, callId: `c${i}`, attempt: 1 };
      expect(await store.admit(request)).toMatchObject({ ok: true, value: { admitted: true } });
      expect(await store.settle({ ...request, hit: i % 2 === 0 })).toMatchObject({
        ok: true,
        value: { recorded: true },
      });
    }
    const stats = await commandCalls();
    expect(stats.evalsha).toBe(2 * calls);
    expect(stats.eval).toBeUndefined();
    // One script run per EVALSHA: nothing else ran the script, nothing ran a transaction.
    expect(stats.time).toBe(2 * calls);
    for (const command of ['multi', 'exec', 'watch']) expect(stats[command]).toBeUndefined();
    const until = Date.now() + 2000;
    while (sent.filter((c) => c === 'evalsha').length < 2 * calls && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    monitor.disconnect();
    expect(sent.filter((c) => c !== 'info' && c !== 'config')).toEqual(
      Array(2 * calls).fill('evalsha'),
    );
    await store.close();
  });

  it('a server without the script gets it once by EVAL, then EVALSHA again', async () => {
    const opened = await openRedisLockoutStore(server.url, { keyPrefix: 'noscript:' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    expect(await store.status({ settings, subject })).toMatchObject({ ok: true });
    await inspector.script('FLUSH');
    await inspector.config('RESETSTAT');
    const request = { settings, subject, callId: 'c1', attempt: 1 };
    expect(await store.admit(request)).toMatchObject({ ok: true, value: { admitted: true } });
    expect(await store.settle({ ...request, hit: false })).toMatchObject({
      ok: true,
      value: { recorded: true },
    });
    // The first EVALSHA answered NOSCRIPT; EVAL loaded the script; the settle found it.
    const stats = await commandCalls();
    expect([stats.evalsha, stats.eval, stats.time]).toEqual([2, 1, 2]);
    expect(await store.status({ settings, subject })).toMatchObject({
      ok: true,
      value: { failures: 1 },
    });
    await store.close();
  });

  it('operations of one store run at once: 40 admissions in flight together, none lost', async () => {
    const opened = await openRedisLockoutStore(server.url, { keyPrefix: 'together:' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { store } = opened;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.admit({
          settings,
          subject: { ...subject, callerId: String(300 + i) },
          callId: `c${i}`,
          attempt: 1,
        }),
      ),
    );
    // The trunk's cap (3 × 50) is far; each caller has one failure, the trunk all 40.
    expect(answers.every((a) => a.ok && a.value.admitted)).toBe(true);
    const status = await store.status({ settings, subject });
    expect(status).toMatchObject({
      ok: true,
      value: { keys: [{ failures: 0 }, { failures: 40 }] },
    });
    await store.close();
  });
});

describe('a store that is not connected', () => {
  it('a store whose connection has ended says it is not connected, at once', async () => {
    const client = new Redis(server.port, '127.0.0.1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    const store = createRedisLockoutStore(client, { keyPrefix: 'closed:', timeoutMs: 2000 });
    expect(await store.status({ settings, subject })).toMatchObject({ ok: true });
    await store.close();
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

  it('when nothing listens it says it is not connected, and closing it stops the reconnecting', async () => {
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
    let retries = 0;
    client.on('reconnecting', () => {
      retries += 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(retries).toBe(0);
  });
});

describe('opening a store from something that is not a target', () => {
  it('is invalid-ledger-url, never a throw', async () => {
    for (const target of [null, undefined, 42, {}]) {
      expect(await openRedisLockoutStore(target as never)).toMatchObject({
        ok: false,
        error: { code: 'invalid-ledger-url', path: ['ledger'] },
      });
    }
  });
});
