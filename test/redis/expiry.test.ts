/**
 * docs/rules.md#lockout on Redis, expiry (docs/redis.md, Keys): every key of an
 * account carries a TTL past the last moment its entry matters — the newest
 * failure's window and 24 hours, a window lock's end plus the 24 hours of the
 * doubling rule, a daily lock's end — and the index outlives every entry it
 * names, through each kind of write: a new scope, a scope written again (the
 * index lengthened only when it would end too soon), a lock, a removal. A lock
 * only an administrator lifts has no end, so neither its key nor the index
 * expires; once it is lifted, the index expires again.
 */
import type { Redis as RedisClient } from 'ioredis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockoutSettings, ScopeEntry } from '../../src/index.js';
import { openRedisLockoutStore, type RedisLockoutStore } from '../../src/redis/index.js';
import { accountKeys } from '../../src/redis/keys.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** What the script adds to every TTL (script.ts): the index outlives its entries by as much. */
const SLACK = MINUTE;

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

async function open(keyPrefix: string): Promise<RedisLockoutStore> {
  const opened = await openRedisLockoutStore(server.url, { keyPrefix, timeoutMs: 5000 });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

/** The last moment an entry matters (docs/redis.md, Expiry); Infinity for a lock without end. */
function mattersUntil(entry: ScopeEntry, windowMinutes: number): number {
  let last = -Infinity;
  for (const f of entry.failures)
    last = Math.max(last, f.at + Math.max(windowMinutes * MINUTE, DAY));
  if (entry.lock !== null) {
    last = entry.lock.until === null ? Infinity : Math.max(last, entry.lock.until + DAY);
  }
  if (entry.dailyLock !== null) last = Math.max(last, entry.dailyLock.until);
  return last;
}

/**
 * Every key of the account has a TTL past the moment its entry stops
 * mattering (none for a lock without end), and the index outlives each by
 * SLACK; answers the index's TTL.
 */
async function expectExpiry(keyPrefix: string, accountId: string, windowMinutes: number) {
  const { base, index } = accountKeys(keyPrefix, accountId);
  const [seconds, micros] = await inspector.time();
  const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  const keys = await inspector.keys(`${base.replace(/[{}]/g, '\\$&')}:*`);
  let longest = 0;
  for (const key of keys.filter((k) => k !== index)) {
    const entry = JSON.parse((await inspector.get(key)) as string) as ScopeEntry;
    const ttl = await inspector.pttl(key);
    const until = mattersUntil(entry, windowMinutes);
    if (until === Infinity) {
      expect(ttl, key).toBe(-1);
      longest = Infinity;
    } else {
      expect(ttl, key).toBeGreaterThanOrEqual(until - now);
      longest = Math.max(longest, ttl);
    }
    expect(await inspector.zscore(index, key.slice(base.length + 1)), key).not.toBeNull();
  }
  const indexTtl = await inspector.pttl(index);
  if (keys.length === 0) expect(indexTtl).toBe(-2);
  else if (longest === Infinity) expect(indexTtl).toBe(-1);
  // A second's leeway for the time these reads took.
  else expect(indexTtl).toBeGreaterThanOrEqual(longest + SLACK - 1000);
  return indexTtl;
}

describe('the Redis store keeps every key of an account past the moment it matters', () => {
  it('through new scopes, scopes written again, locks that lengthen the index, and removals', async () => {
    const settings: LockoutSettings = {
      maxFailures: 2,
      windowMinutes: 30,
      scope: 'caller',
      unlockAfterMinutes: 180,
      maxFailuresPerDay: 1000,
    };
    const store = await open('expiry:');
    const subject = (callerId: string) => ({ accountId: 'acme', trunkId: 'hq', callerId });
    const miss = async (callerId: string, callId: string) => {
      const request = { settings, subject: subject(callerId), callId, attempt: 1 };
      expect(await store.admit(request)).toMatchObject({ ok: true, value: { admitted: true } });
      await expectExpiry('expiry:', 'acme', settings.windowMinutes);
      expect(await store.settle({ ...request, hit: false })).toMatchObject({ ok: true });
      return expectExpiry('expiry:', 'acme', settings.windowMinutes);
    };
    // New scopes (the caller and the trunk), then the same scopes written again.
    const first = await miss('201', 'a');
    expect(first).toBeLessThan(DAY + 2 * SLACK + 2 * 60 * MINUTE);
    // The second miss locks the caller for 3 hours: its key must live 24 hours past
    // that, longer than the index did; the index is lengthened with it.
    const locked = await miss('201', 'b');
    expect(locked).toBeGreaterThan(first + 2 * 60 * MINUTE);
    // Another caller: a new scope beside the others.
    await miss('202', 'c');
    // A hit removes what it refunds; the index still covers what is left.
    const request = { settings, subject: subject('202'), callId: 'd', attempt: 1 };
    expect(await store.admit(request)).toMatchObject({ ok: true, value: { admitted: true } });
    expect(await store.settle({ ...request, hit: true })).toMatchObject({ ok: true });
    await expectExpiry('expiry:', 'acme', settings.windowMinutes);
    await store.close();
  });

  it('a lock only an administrator lifts: no TTL on its key or the index, until it is lifted', async () => {
    const settings: LockoutSettings = {
      maxFailures: 1,
      windowMinutes: 30,
      scope: 'caller',
      unlockAfterMinutes: null,
      maxFailuresPerDay: 1000,
    };
    const store = await open('forever:');
    const request = {
      settings,
      subject: { accountId: 'acme', trunkId: 'hq', callerId: '201' },
      callId: 'a',
      attempt: 1,
    };
    expect(await store.admit(request)).toMatchObject({ ok: true, value: { admitted: true } });
    expect(await store.settle({ ...request, hit: false })).toMatchObject({
      ok: true,
      value: { locked: true },
    });
    expect(await expectExpiry('forever:', 'acme', settings.windowMinutes)).toBe(-1);
    expect(
      await store.unblock({
        settings,
        accountId: 'acme',
        target: { kind: 'caller', trunkId: 'hq', callerId: '201' },
      }),
    ).toMatchObject({ ok: true });
    // The trunk's entry is left, with its miss: the index expires with it again.
    expect(await expectExpiry('forever:', 'acme', settings.windowMinutes)).toBeGreaterThan(0);
    await store.close();
  });
});
