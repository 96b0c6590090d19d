/**
 * The differential property of the Redis store, for a single node and a
 * cluster alike (test/redis/differential.test.ts, cluster.test.ts): the
 * Redis store answers as the pure ledger does (docs/rules.md#lockout: the pure
 * functions define the semantics). The same random operations, with explicit
 * times, on several accounts, trunks and callers, go to a real redis-server
 * and to the memory store (the pure functions applied in one process, one
 * ledger per account as Redis keeps them); every answer and the stored
 * ledgers must be equal. Requests are deep-frozen: no store may change them.
 */
import fc from 'fast-check';
import type { Cluster, Redis } from 'ioredis';
import { expect } from 'vitest';
import {
  createMemoryLockoutStore,
  type LockoutSettings,
  type LockoutStore,
  type LockoutSubject,
  type MemoryLockoutStore,
  type ScopeStatus,
  type UnblockTarget,
} from '../../src/index.js';
import type { RedisLockoutStore } from '../../src/redis/index.js';
import { deepFreeze, propertyRuns } from '../support/properties.js';
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
    // The daily budget: binding (a few above maxFailures) or out of reach.
    daily: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  })
  .map(({ extra, daily, ...s }) => ({
    ...s,
    unlockAfterMinutes: extra === null ? null : s.windowMinutes + extra,
    maxFailuresPerDay: daily === null ? 1000 : s.maxFailures + daily,
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

let run = 0;

/**
 * An answer as both stores must give it. `unblock` reports every key it
 * removes; a key with nothing left to remember (no failures, no lock) is
 * one the memory store still holds until it forgets it (7 days, or its sweep),
 * and Redis until its TTL: such keys are left out of `cleared` on both sides.
 */
function comparable(answer: unknown): unknown {
  const a = answer as { ok?: boolean; value?: { cleared?: readonly ScopeStatus[] } };
  if (a.ok !== true || a.value?.cleared === undefined) return answer;
  return {
    ...a,
    value: {
      cleared: a.value.cleared.filter((s) => s.failures > 0 || s.failuresToday > 0 || s.locked),
    },
  };
}

/** Runs the property on stores that `open` gives, reading what they stored with `inspector`. */
export async function answersAsThePureLedger(
  open: (keyPrefix: string) => Promise<RedisLockoutStore>,
  inspector: Redis | Cluster,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(settingsArb, fc.array(opArb, { maxLength: 40 }), async (settings, ops) => {
      run += 1;
      const keyPrefix = `diff:${run}:`;
      const redis = await open(keyPrefix);
      const memory = new Map<string, MemoryLockoutStore>(
        ACCOUNTS.map((account) => [account, createMemoryLockoutStore({ clock: () => Number.NaN })]),
      );
      try {
        let at = T0;
        for (const op of ops) {
          at += op.dt * MINUTE;
          const reference = memory.get(accountOf(op)) as MemoryLockoutStore;
          expect(comparable(await apply(redis, settings, op, at))).toEqual(
            comparable(await apply(reference, settings, op, at)),
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
}
