/**
 * Upgrading from 0.1.0 (docs/redis.md, Upgrading): an account's ledger that
 * 0.1.0 kept in one key (the fixture: GET of that key, written by 0.1.0's
 * store) is migrated on first use, atomically, into a key per scope, and
 * answers exactly as the pure functions answer on the 0.1.0 ledger.
 */
import { readFileSync } from 'node:fs';
import type { Redis as RedisClient } from 'ioredis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryLockoutStore,
  type LockoutLedger,
  type LockoutSettings,
  parseLedger,
} from '../../src/index.js';
import { openRedisLockoutStore } from '../../src/redis/index.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';
import { asOf, storedLedger } from './stored.js';

const FIXTURE = readFileSync(new URL('./fixtures/ledger-0.1.0.json', import.meta.url), 'utf8');
/** A minute after the fixture's last write (2026-12-01T10:07Z). */
const AT = Date.parse('2026-12-01T10:08:00Z');
const settings: LockoutSettings = {
  maxFailures: 3,
  windowMinutes: 30,
  scope: 'trunk',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 1000,
};
const line = (trunkId: string) => ({ accountId: 'acme', trunkId, callerId: null });

let server: RedisServer;
let inspector: RedisClient;
beforeAll(async () => {
  server = await startRedisServer();
  inspector = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 0 });
}, 15_000);
afterAll(async () => {
  inspector?.disconnect();
  await server?.stop();
});

function fixtureLedger(): LockoutLedger {
  const parsed = parseLedger(JSON.parse(FIXTURE));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.ledger;
}

async function open(keyPrefix: string) {
  const opened = await openRedisLockoutStore(server.url, { keyPrefix, timeoutMs: 5000 });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

describe('a 0.1.0 ledger in Redis', () => {
  it('is migrated on first use and answers as the pure functions do on it', async () => {
    await inspector.set('v010:acme', FIXTURE);
    const store = await open('v010:');
    const memory = createMemoryLockoutStore({ clock: () => Number.NaN, ledger: fixtureLedger() });
    const status = { settings, subject: line('hq'), at: AT };
    // hq is locked: its three misses and its lock came through.
    const first = await store.status(status);
    expect(first).toEqual(await memory.status(status));
    expect(first).toMatchObject({ ok: true, value: { locked: true, failures: 3 } });
    expect(await inspector.exists('v010:acme')).toBe(0);
    expect(asOf(await storedLedger(inspector, 'acme', 'v010:'), 30, AT)).toEqual(
      asOf(fixtureLedger(), 30, AT),
    );
    // Every scope, and what follows, as the pure functions say.
    const list = { settings, accountId: 'acme', at: AT };
    expect(await store.list(list)).toEqual(await memory.list(list));
    const admit = { settings, subject: line('lab'), callId: 'new', attempt: 1, at: AT };
    expect(await store.admit(admit)).toEqual(await memory.admit(admit));
    const caller = { ...settings, scope: 'caller' as const };
    const branch = {
      settings: caller,
      subject: { accountId: 'acme', trunkId: 'branch', callerId: '201' },
      at: AT,
    };
    expect(await store.status(branch)).toEqual(await memory.status(branch));
    await store.close();
  });

  it('is migrated once when many nodes use it at once: lab admits its one remaining look-up', async () => {
    await inspector.set('race:acme', FIXTURE);
    const stores = await Promise.all(Array.from({ length: 10 }, () => open('race:')));
    const answers = await Promise.all(
      stores.map((store, i) =>
        store.admit({ settings, subject: line('lab'), callId: `node-${i}`, attempt: 1, at: AT }),
      ),
    );
    // lab had a settled miss and an open admission: one place left under maxFailures 3.
    expect(answers.filter((a) => a.ok && a.value.admitted)).toHaveLength(1);
    expect(answers.filter((a) => a.ok && !a.value.admitted)).toHaveLength(9);
    expect(await inspector.exists('race:acme')).toBe(0);
    const stored = await storedLedger(inspector, 'acme', 'race:');
    expect(stored.scopes['["acme","trunk","lab",null]']?.failures).toHaveLength(3);
    expect(Object.keys(stored.scopes)).toHaveLength(4);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('an unreadable 0.1.0 value is invalid-ledger, left as it was, and reset discards it', async () => {
    await inspector.set('bad:acme', '{"version":1,"scopes":{"x":1}}');
    const store = await open('bad:');
    expect(await store.status({ settings, subject: line('hq'), at: AT })).toMatchObject({
      ok: false,
      error: { code: 'invalid-ledger', path: ['scopes', 'x'] },
    });
    expect(await inspector.get('bad:acme')).toBe('{"version":1,"scopes":{"x":1}}');
    expect(await store.reset({ accountId: 'acme' })).toEqual({
      ok: true,
      value: { discarded: [{ key: 'bad:acme', value: '{"version":1,"scopes":{"x":1}}' }] },
    });
    expect(await store.status({ settings, subject: line('hq'), at: AT })).toMatchObject({
      ok: true,
      value: { failures: 0 },
    });
    await store.close();
  });
});
