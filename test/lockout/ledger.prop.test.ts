/**
 * docs/rules.md#invariants: on one lockout scope, the look-up misses recorded in any rolling
 * window never exceed the scope's limit, nor in any 24 hours its daily limit,
 * between administrator unblocks, for any interleaving of concurrent calls
 * (docs/rules.md#invariants). Calls are modelled as independent
 * admit/settle operations in any order; the test keeps its own account of
 * every admission that was not refunded by a hit (a miss, or never settled)
 * and checks every window against it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admitLookup,
  createMemoryLockoutStore,
  emptyLedger,
  type LockoutLedger,
  type LockoutSettings,
  type LockoutSubject,
  lockoutStatus,
  parseLedger,
  scopeKeyId,
  settleLookup,
  unblockScopes,
} from '../../src/index.js';
import { keysOf } from '../../src/lockout/scope.js';
import { deepFreeze, invariantRuns, propertyRuns } from '../support/properties.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');

const settingsArb: fc.Arbitrary<LockoutSettings> = fc
  .record({
    maxFailures: fc.integer({ min: 1, max: 6 }),
    windowMinutes: fc.integer({ min: 1, max: 30 }),
    scope: fc.constantFrom('trunk' as const, 'caller' as const, 'account' as const),
    extra: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
    perDay: fc.nat(8),
  })
  .map(({ extra, perDay, ...s }) => ({
    ...s,
    unlockAfterMinutes: extra === null ? null : s.windowMinutes + extra,
    maxFailuresPerDay: s.maxFailures + perDay,
  }));

const DAY = 24 * 60 * MINUTE;
/** Minutes between operations: mostly within a window, sometimes hours, so days pass too. */
const dtArb = fc.oneof(
  { weight: 6, arbitrary: fc.nat(4) },
  { weight: 1, arbitrary: fc.constantFrom(60, 240, 600, 1439, 1440) },
);

const subjects: readonly LockoutSubject[] = [
  { accountId: 'acme', trunkId: 'hq', callerId: '201' },
  { accountId: 'acme', trunkId: 'hq', callerId: '202' },
  { accountId: 'acme', trunkId: 'hq', callerId: null },
  { accountId: 'acme', trunkId: 'lab', callerId: '201' },
];

type Op =
  | { kind: 'admit'; call: number; attempt: number; subject: number; dt: number }
  | { kind: 'settle'; call: number; attempt: number; subject: number; hit: boolean; dt: number }
  | { kind: 'unblock'; dt: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('admit' as const),
      call: fc.nat(7),
      attempt: fc.integer({ min: 1, max: 3 }),
      subject: fc.nat(3),
      dt: dtArb,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('settle' as const),
      call: fc.nat(7),
      attempt: fc.integer({ min: 1, max: 3 }),
      subject: fc.nat(3),
      hit: fc.boolean(),
      dt: dtArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unblock' as const), dt: dtArb }) },
);

/** Runs the operations; returns, per key, the times of admissions not refunded, split at unblocks. */
function run(settings: LockoutSettings, ops: readonly Op[]) {
  let ledger: LockoutLedger = emptyLedger();
  let now = T0;
  let era = 0;
  // Per key id and era: admission times of ids that were admitted and not refunded.
  const counted = new Map<string, Map<string, number>>();
  const limits = new Map<string, { limit: number; dailyLimit: number }>();
  for (const op of ops) {
    now += op.dt * MINUTE;
    if (op.kind === 'unblock') {
      const done = unblockScopes(
        ledger,
        { settings, accountId: 'acme', target: { kind: 'all' } },
        now,
      );
      if (!done.ok) throw new Error(done.error.message);
      ledger = done.ledger;
      era++;
      continue;
    }
    const subject = subjects[op.subject] as LockoutSubject;
    const request = { settings, subject, callId: `call-${op.call}`, attempt: op.attempt };
    const keys = keysOf(settings, subject);
    const id = `call-${op.call}#${op.attempt}`;
    const before = ledger;
    if (op.kind === 'admit') {
      const admitted = admitLookup(ledger, request, now);
      if (!admitted.ok) throw new Error(admitted.error.message);
      if (admitted.value.admitted && admitted.ledger !== ledger) {
        for (const { key, limit, dailyLimit } of keys) {
          const k = `${era}|${scopeKeyId(key)}`;
          limits.set(k, { limit, dailyLimit });
          const times = counted.get(k) ?? new Map<string, number>();
          if (!times.has(id)) times.set(id, now);
          counted.set(k, times);
        }
      }
      ledger = admitted.ledger;
    } else {
      const settled = settleLookup(ledger, { ...request, hit: op.hit }, now);
      if (!settled.ok) throw new Error(settled.error.message);
      if (op.hit && settled.value.recorded) {
        for (const { key } of keys) counted.get(`${era}|${scopeKeyId(key)}`)?.delete(id);
      }
      ledger = settled.ledger;
    }
    // Bounded: a written key keeps nothing older than both the window and 24 hours.
    if (ledger === before) continue;
    for (const { key } of keys) {
      for (const failure of ledger.scopes[scopeKeyId(key)]?.failures ?? []) {
        expect(failure.at).toBeGreaterThan(now - Math.max(settings.windowMinutes * MINUTE, DAY));
      }
    }
  }
  return { ledger, now, counted, limits };
}

describe('the lockout ledger (docs/rules.md#invariants, docs/rules.md#lockout)', () => {
  it('misses in any rolling window never exceed the limit of their key, nor in any 24 hours its daily limit, for any interleaving', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(opArb, { maxLength: 80 }), (settings, ops) => {
        const { counted, limits } = run(settings, ops);
        const window = settings.windowMinutes * MINUTE;
        for (const [key, times] of counted) {
          const sorted = [...times.values()].sort((a, b) => a - b);
          const { limit, dailyLimit } = limits.get(key) as { limit: number; dailyLimit: number };
          for (const start of sorted) {
            const inWindow = sorted.filter((t) => t >= start && t < start + window).length;
            expect(inWindow).toBeLessThanOrEqual(limit);
            const inDay = sorted.filter((t) => t >= start && t < start + DAY).length;
            expect(inDay).toBeLessThanOrEqual(dailyLimit);
          }
        }
      }),
      invariantRuns(),
    );
  });

  it('a ledger after any operations round-trips through JSON, and continuing from the copy gives the same answers', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.array(opArb, { maxLength: 40 }),
        fc.nat(3),
        (settings, ops, who) => {
          const { ledger, now } = run(settings, ops);
          const copy = JSON.parse(JSON.stringify(ledger));
          expect(parseLedger(copy)).toEqual({ ok: true, ledger });
          const subject = subjects[who] as LockoutSubject;
          const request = { settings, subject, callId: 'next', attempt: 1 };
          expect(admitLookup(copy, request, now + MINUTE)).toEqual(
            admitLookup(ledger, request, now + MINUTE),
          );
        },
      ),
      invariantRuns(),
    );
  });

  it('never changes its inputs, and the memory store answers as the pure functions do', async () => {
    await fc.assert(
      fc.asyncProperty(settingsArb, fc.array(opArb, { maxLength: 30 }), async (settings, ops) => {
        let ledger: LockoutLedger = deepFreeze(emptyLedger());
        let now = T0;
        const store = createMemoryLockoutStore({ clock: () => now });
        for (const op of ops) {
          now += op.dt * MINUTE;
          if (op.kind === 'unblock') {
            const request = deepFreeze({
              settings,
              accountId: 'acme',
              target: { kind: 'all' as const },
            });
            const pure = unblockScopes(ledger, request, now);
            expect(await store.unblock(request)).toEqual(
              pure.ok ? { ok: true, value: pure.value } : pure,
            );
            if (pure.ok) ledger = deepFreeze(pure.ledger);
            continue;
          }
          const subject = subjects[op.subject] as LockoutSubject;
          const base = { settings, subject, callId: `call-${op.call}`, attempt: op.attempt };
          const pure =
            op.kind === 'admit'
              ? admitLookup(ledger, deepFreeze(base), now)
              : settleLookup(ledger, deepFreeze({ ...base, hit: op.hit }), now);
          const viaStore =
            op.kind === 'admit'
              ? await store.admit(base)
              : await store.settle({ ...base, hit: op.hit });
          expect(viaStore).toEqual(pure.ok ? { ok: true, value: pure.value } : pure);
          if (pure.ok) ledger = deepFreeze(pure.ledger);
          const status = await store.status({ settings, subject });
          const pureStatus = lockoutStatus(ledger, { settings, subject }, now);
          expect(status).toEqual(pureStatus);
        }
        expect(store.snapshot()).toEqual(ledger);
      }),
      propertyRuns(),
    );
  });
});
