/**
 * The daily budget (docs/rules.md#lockout): `maxFailuresPerDay` misses per
 * scope in any rolling 24 hours, against the patient attacker who keeps one
 * miss under `maxFailures` in every window.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admitLookup,
  createMemoryLockoutStore,
  emptyLedger,
  type LockoutAlert,
  type LockoutLedger,
  type LockoutSettings,
  type LockoutSubject,
  listScopes,
  lockoutStatus,
  parseLedger,
  settleLookup,
  unblockScopes,
} from '../../src/index.js';
import { propertyRuns } from '../support/properties.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-12-01T10:00:00Z');
const DEFAULTS: LockoutSettings = {
  maxFailures: 10,
  windowMinutes: 60,
  scope: 'trunk',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 30,
};
const HQ: LockoutSubject = { accountId: 'acme', trunkId: 'hq', callerId: null };
const HQ_ID = '["acme","trunk","hq",null]';

interface Step {
  readonly ledger: LockoutLedger;
  readonly admitted: boolean;
  readonly reason?: string;
  readonly alerts: readonly LockoutAlert[];
}

/** Admits and settles one look-up as a miss (or a hit). */
function lookUp(
  ledger: LockoutLedger,
  callId: string,
  now: number,
  settings = DEFAULTS,
  subject = HQ,
  hit = false,
): Step {
  const request = { settings, subject, callId, attempt: 1 };
  const admitted = admitLookup(ledger, request, now);
  if (!admitted.ok) throw new Error(admitted.error.message);
  if (!admitted.value.admitted) {
    return { ledger, admitted: false, reason: admitted.value.reason, alerts: [] };
  }
  const settled = settleLookup(admitted.ledger, { ...request, hit }, now);
  if (!settled.ok) throw new Error(settled.error.message);
  return { ledger: settled.ledger, admitted: true, alerts: settled.value.alerts };
}

function status(ledger: LockoutLedger, now: number, settings = DEFAULTS, subject = HQ) {
  const read = lockoutStatus(ledger, { settings, subject }, now);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

/** Nine misses (one under the window's limit) at the start of each hour from `from`. */
function pacedHours(ledger: LockoutLedger, from: number, hours: number, settings = DEFAULTS) {
  let l = ledger;
  const admitted: number[] = [];
  const alerts: LockoutAlert[] = [];
  for (let h = 0; h < hours; h++) {
    for (let i = 0; i < settings.maxFailures - 1; i++) {
      const at = from + h * HOUR + i * MINUTE;
      const step = lookUp(l, `h${h}-${i}`, at, settings);
      l = step.ledger;
      if (step.admitted) admitted.push(at);
      alerts.push(...step.alerts);
    }
  }
  return { ledger: l, admitted, alerts };
}

describe('the daily budget (docs/rules.md#lockout)', () => {
  it('stops the paced attacker at maxFailuresPerDay, locking until the oldest miss of the 24 hours is 24 hours old', () => {
    const { ledger, admitted, alerts } = pacedHours(emptyLedger(), T0, 4);
    // 9 + 9 + 9, then 3 more in the fourth hour: 30 at the defaults.
    expect(admitted).toHaveLength(30);
    expect(alerts).toEqual([
      {
        type: 'sustained-failures',
        key: { accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null },
        failures: 9,
        failuresToday: 30,
        lockedAt: T0 + 3 * HOUR + 2 * MINUTE,
        unlocksAt: T0 + DAY,
      },
    ]);
    expect(status(ledger, T0 + 5 * HOUR)).toMatchObject({
      locked: true,
      reason: 'daily',
      failures: 0,
      failuresToday: 30,
      dailyLimit: 30,
      unlocksAt: T0 + DAY,
      admits: false,
    });
    expect(lookUp(ledger, 'late', T0 + DAY - 1)).toMatchObject({
      admitted: false,
      reason: 'locked',
    });
    // The oldest miss ages out: one more is admitted, and the budget is full again.
    const next = lookUp(ledger, 'next', T0 + DAY);
    expect(next.admitted).toBe(true);
    expect(next.alerts.map((a) => a.type)).toEqual(['sustained-failures']);
    expect(status(next.ledger, T0 + DAY)).toMatchObject({
      locked: true,
      reason: 'daily',
      unlocksAt: T0 + MINUTE + DAY,
    });
  });

  it('a paced attacker over simulated days is admitted no more than maxFailuresPerDay in any 24 hours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 5, max: 180 }),
        fc.integer({ min: 2, max: 6 }),
        (maxFailures, extra, windowMinutes, days) => {
          const settings: LockoutSettings = {
            maxFailures,
            windowMinutes,
            scope: 'trunk',
            unlockAfterMinutes: windowMinutes,
            maxFailuresPerDay: maxFailures + extra,
          };
          // One miss under the window's limit in every window, for days.
          let ledger = emptyLedger();
          const admitted: number[] = [];
          const per = Math.max(1, maxFailures - 1);
          for (let t = T0, n = 0; t < T0 + days * DAY; t += windowMinutes * MINUTE) {
            for (let i = 0; i < per; i++, n++) {
              const step = lookUp(ledger, `p${n}`, t + i, settings);
              ledger = step.ledger;
              if (step.admitted) admitted.push(t + i);
            }
          }
          for (const start of admitted) {
            const inDay = admitted.filter((t) => t >= start && t < start + DAY).length;
            expect(inDay).toBeLessThanOrEqual(settings.maxFailuresPerDay);
          }
        },
      ),
      propertyRuns(),
    );
  });

  it('a window lock that ends by time clears the window count only; the misses keep counting in their 24 hours', () => {
    let ledger = emptyLedger();
    for (let i = 0; i < 10; i++) ledger = lookUp(ledger, `a${i}`, T0 + i).ledger;
    expect(status(ledger, T0 + 10)).toMatchObject({ locked: true, reason: 'window' });
    const after = status(ledger, T0 + 10 + HOUR);
    expect(after).toMatchObject({ locked: false, failures: 0, failuresToday: 10 });
  });

  it('a daily lock is not a previous lock for doubling', () => {
    const settings = { ...DEFAULTS, maxFailures: 5, maxFailuresPerDay: 10 };
    let ledger = emptyLedger();
    const misses = (from: number, count: number, tag: string) => {
      for (let i = 0; i < count; i++)
        ledger = lookUp(ledger, `${tag}${i}`, from + i, settings).ledger;
    };
    misses(T0, 4, 'a');
    misses(T0 + 2 * HOUR, 4, 'b');
    misses(T0 + 4 * HOUR, 2, 'c');
    expect(status(ledger, T0 + 5 * HOUR, settings)).toMatchObject({
      reason: 'daily',
      unlocksAt: T0 + DAY,
    });
    // Within 24 hours of the daily lock's end, a burst locks the window: for 60 minutes, not 120.
    const burst = T0 + DAY + 3 * HOUR;
    misses(burst, 5, 'd');
    expect(ledger.scopes[HQ_ID]?.lock).toEqual({
      at: burst + 4,
      until: burst + 4 + HOUR,
      minutes: 60,
    });
    expect(status(ledger, burst + 5, settings)).toMatchObject({
      reason: 'window',
      failuresToday: 7,
      unlocksAt: burst + 4 + HOUR,
    });
  });

  it('when both limits are reached at once, unlocksAt is the later of the two and the event sustained-failures', () => {
    const settings = {
      ...DEFAULTS,
      maxFailures: 10,
      maxFailuresPerDay: 10,
      unlockAfterMinutes: 2 * 24 * 60,
    };
    let ledger = emptyLedger();
    let alerts: LockoutAlert[] = [];
    for (let i = 0; i < 10; i++) {
      const step = lookUp(ledger, `a${i}`, T0 + i, settings);
      ledger = step.ledger;
      alerts = [...alerts, ...step.alerts];
    }
    expect(alerts).toMatchObject([
      { type: 'sustained-failures', failures: 10, failuresToday: 10, unlocksAt: T0 + 9 + 2 * DAY },
    ]);
    expect(status(ledger, T0 + 10)).toMatchObject({
      reason: 'window',
      unlocksAt: T0 + 9 + 2 * DAY,
    });
    const short = { ...settings, unlockAfterMinutes: 60 };
    let l2 = emptyLedger();
    for (let i = 0; i < 10; i++) l2 = lookUp(l2, `a${i}`, T0 + i, short).ledger;
    expect(status(l2, T0 + 10, short)).toMatchObject({ reason: 'daily', unlocksAt: T0 + DAY });
  });

  it("an administrator's unblock clears both counts", () => {
    const { ledger } = pacedHours(emptyLedger(), T0, 4);
    const done = unblockScopes(
      ledger,
      { settings: DEFAULTS, accountId: 'acme', target: { kind: 'all' } },
      T0 + 5 * HOUR,
    );
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.cleared).toMatchObject([
      { locked: true, reason: 'daily', failuresToday: 30, unlocksAt: T0 + DAY },
    ]);
    expect(status(done.ledger, T0 + 5 * HOUR)).toMatchObject({
      locked: false,
      failures: 0,
      failuresToday: 0,
      admits: true,
    });
  });

  it('caller misses count on the trunk at 3 × maxFailuresPerDay', () => {
    const settings: LockoutSettings = { ...DEFAULTS, scope: 'caller', maxFailuresPerDay: 10 };
    let ledger = emptyLedger();
    let admitted = 0;
    // Rotating caller ids, 3 misses each an hour apart: only the trunk's daily cap stops them.
    for (let c = 0; c < 20; c++) {
      for (let i = 0; i < 3; i++) {
        const subject = { ...HQ, callerId: `${200 + c}` };
        const step = lookUp(ledger, `c${c}-${i}`, T0 + (c * 3 + i) * HOUR, settings, subject);
        ledger = step.ledger;
        if (step.admitted) admitted++;
      }
      if (c * 3 * HOUR >= DAY - 3 * HOUR) break;
    }
    const trunk = listScopes(ledger, { settings, accountId: 'acme' }, T0 + 23 * HOUR);
    if (!trunk.ok) throw new Error(trunk.error.message);
    const counted = trunk.value.find((s) => s.key.kind === 'trunk');
    expect(counted).toMatchObject({ dailyLimit: 30 });
    expect(counted?.failuresToday).toBeLessThanOrEqual(30);
    expect(admitted).toBeLessThanOrEqual(30);
  });
});

describe('a ledger written by 0.1.0', () => {
  const text = readFileSync(new URL('fixtures/ledger-0.1.0.json', import.meta.url), 'utf8');
  const original = JSON.parse(text);

  it('is read without loss and answered in today’s format', () => {
    const parsed = parseLedger(original);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.ledger.version).toBe(2);
    expect(Object.keys(parsed.ledger.scopes)).toEqual(Object.keys(original.scopes));
    for (const [id, entry] of Object.entries(original.scopes)) {
      expect(parsed.ledger.scopes[id]).toEqual({ ...(entry as object), dailyLock: null });
    }
    // The input is left as it was.
    expect(original).toEqual(JSON.parse(text));
  });

  it('keeps its locks, counts and lock history', () => {
    const at = Date.parse('2026-12-01T11:20:00Z');
    const settings = { ...DEFAULTS, maxFailures: 3 };
    expect(status(original, at, settings)).toMatchObject({
      locked: true,
      reason: 'window',
      failures: 3,
      unlocksAt: Date.parse('2026-12-01T13:13:00Z'),
    });
    const branch = { ...HQ, trunkId: 'branch' };
    expect(status(original, at, settings, branch)).toMatchObject({ failures: 2, locked: false });
    const caller = { ...settings, scope: 'caller' as const, unlockAfterMinutes: null };
    const globex = { accountId: 'globex', trunkId: 'main', callerId: '201' };
    expect(status(original, at, caller, globex)).toMatchObject({ locked: true, unlocksAt: null });
  });

  it('is written back as version 2 on its first change, by the pure functions and the memory store', async () => {
    const at = Date.parse('2026-12-01T11:20:00Z');
    const settings = { ...DEFAULTS, maxFailures: 3 };
    const branch = { ...HQ, trunkId: 'branch' };
    const step = lookUp(original, 'new', at, settings, branch);
    expect(step.ledger.version).toBe(2);
    for (const entry of Object.values(step.ledger.scopes)) expect(entry.dailyLock).toBeDefined();
    const store = createMemoryLockoutStore({ clock: () => at, ledger: original });
    const admitted = await store.admit({ settings, subject: branch, callId: 'new', attempt: 1 });
    expect(admitted).toMatchObject({ ok: true, value: { admitted: true } });
    expect(store.snapshot().version).toBe(2);
    expect(Object.keys(store.snapshot().scopes)).toEqual(Object.keys(original.scopes));
  });
});
