/**
 * The Redis store answers as the pure ledger does (SPEC §9: the pure
 * functions define the semantics). The same random operations, with explicit
 * times, on several accounts, trunks and callers, go to a real redis-server
 * and to the memory store (the pure functions applied in one process, one
 * ledger per account as Redis keeps them); every answer and the stored
 * ledgers must be equal. Requests are deep-frozen: no store may change them.
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryLockoutStore,
  type LockoutSettings,
  type LockoutStore,
  type LockoutSubject,
  type MemoryLockoutStore,
  type UnblockTarget,
} from '../../src/index.js';
import { openRedisLockoutStore, type RedisLockoutStore } from '../../src/redis/index.js';
import { deepFreeze, propertyRuns } from '../support/properties.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';
import { asOf, storedLedger } from './stored.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');
const ACCOUNTS = ['acme', 'globex'] as const;

const settingsArb: fc.Arbitrary<LockoutSettings> = fc
  .record({
    maxFailures: fc.integer({ min: 1, max: 4 }),
    windowMinutes: fc.integer({ min: 1, max: 20 }),
    scope: fc.constantFrom('trunk' as const, 'caller' as const, 'account' as const),
    extra: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  })
  .map(({ extra, ...s }) => ({
    ...s,
    unlockAfterMinutes: extra === null ? null : s.windowMinutes + extra,
  }));

const subjectArb: fc.Arbitrary<LockoutSubject> = fc.record({
  accountId: fc.constantFrom(...ACCOUNTS),
  trunkId: fc.constantFrom('hq', 'lab'),
  callerId: fc.constantFrom('201', '202', null),
});

const targetArb: fc.Arbitrary<UnblockTarget> = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.record({ kind: fc.constant('trunk' as const), trunkId: fc.constantFrom('hq', 'lab') }),
  fc.record(
    {
      kind: fc.constant('caller' as const),
      callerId: fc.constantFrom('201', '202'),
      trunkId: fc.constantFrom('hq', 'lab'),
    },
    { requiredKeys: ['kind', 'callerId'] },
  ),
);

const dt = fc.oneof(fc.nat(3), fc.constant(24 * 60), fc.integer({ min: 0, max: 90 }));
const id = { call: fc.nat(5), attempt: fc.integer({ min: 1, max: 2 }) };
const opArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('admit' as const), subject: subjectArb, dt, ...id }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('settle' as const),
      subject: subjectArb,
      hit: fc.boolean(),
      dt,
      ...id,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('status' as const), subject: subjectArb, dt }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('list' as const),
      account: fc.constantFrom(...ACCOUNTS),
      dt,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unblock' as const),
      account: fc.constantFrom(...ACCOUNTS),
      target: targetArb,
      dt,
    }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** Sends one operation, deep-frozen, to a store. */
function apply(store: LockoutStore, settings: LockoutSettings, op: Op, at: number) {
  const lookup = (o: { subject: LockoutSubject; call: number; attempt: number }) => ({
    settings,
    subject: o.subject,
    callId: `call-${o.call}`,
    attempt: o.attempt,
    at,
  });
  switch (op.kind) {
    case 'admit':
      return store.admit(deepFreeze(lookup(op)));
    case 'settle':
      return store.settle(deepFreeze({ ...lookup(op), hit: op.hit }));
    case 'status':
      return store.status(deepFreeze({ settings, subject: op.subject, at }));
    case 'list':
      return store.list(deepFreeze({ settings, accountId: op.account, at }));
    case 'unblock':
      return store.unblock(deepFreeze({ settings, accountId: op.account, target: op.target, at }));
    default:
      return op satisfies never;
  }
}

const accountOf = (op: Op): string =>
  ('subject' in op ? op.subject.accountId : op.account) as string;

let server: RedisServer;
let store: RedisLockoutStore;
let inspector: Redis;
let run = 0;

beforeAll(async () => {
  server = await startRedisServer();
  inspector = new Redis(server.port, '127.0.0.1');
}, 15_000);

afterAll(async () => {
  await store?.close();
  inspector?.disconnect();
  await server?.stop();
});

describe('the Redis store against the pure ledger (SPEC §9)', () => {
  it('gives the same answers and keeps the same ledgers, for any operations', async () => {
    await fc.assert(
      fc.asyncProperty(settingsArb, fc.array(opArb, { maxLength: 40 }), async (settings, ops) => {
        run += 1;
        const keyPrefix = `diff:${run}:`;
        const opened = await openRedisLockoutStore(server.url, { keyPrefix, timeoutMs: 5000 });
        if (!opened.ok) throw new Error(opened.error.message);
        const redis = opened.store;
        const memory = new Map<string, MemoryLockoutStore>(
          ACCOUNTS.map((account) => [
            account,
            createMemoryLockoutStore({ clock: () => Number.NaN }),
          ]),
        );
        try {
          let at = T0;
          for (const op of ops) {
            at += op.dt * MINUTE;
            const reference = memory.get(accountOf(op)) as MemoryLockoutStore;
            expect(await apply(redis, settings, op, at)).toEqual(
              await apply(reference, settings, op, at),
            );
          }
          // Each store keeps what the pure functions keep, as of the last time: the memory
          // store prunes every entry on each write, Redis the entries each operation touches.
          for (const [account, reference] of memory) {
            const stored = await storedLedger(inspector, account, keyPrefix);
            expect(asOf(stored, settings.windowMinutes, at)).toEqual(
              asOf(reference.snapshot(), settings.windowMinutes, at),
            );
          }
        } finally {
          await redis.close();
        }
      }),
      propertyRuns(),
    );
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
    await inspector.set('errors:acme', '{"version":2}');
    const settings = {
      maxFailures: 3,
      windowMinutes: 10,
      scope: 'trunk',
      unlockAfterMinutes: 10,
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
