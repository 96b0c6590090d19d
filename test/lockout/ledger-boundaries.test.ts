/**
 * docs/rules.md#lockout at its boundaries: a failure at t counts during [t, t + window);
 * a lock doubles when it starts less than 24 hours after the previous one
 * ended, never below unlockAfterMinutes; an ended lock is remembered for 24
 * hours; a subject locked on two keys unlocks when the later lock ends; and
 * an operation that changes nothing hands back the very ledger it was given.
 */
import { describe, expect, it } from 'vitest';
import {
  admitLookup,
  emptyLedger,
  type LockoutLedger,
  type LockoutSettings,
  type LockoutSubject,
  listScopes,
  lockoutStatus,
  settleLookup,
  unblockScopes,
} from '../../src/index.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const T0 = Date.parse('2026-12-01T10:00:00Z');
const TRUNK: LockoutSettings = {
  maxFailures: 2,
  windowMinutes: 10,
  scope: 'trunk',
  unlockAfterMinutes: 10,
  maxFailuresPerDay: 1000,
};
const HQ: LockoutSubject = { accountId: 'acme', trunkId: 'hq', callerId: null };
const HQ_ID = '["acme","trunk","hq",null]';

function ok<T>(result: { ok: true; ledger: LockoutLedger; value: T } | { ok: false }) {
  if (!result.ok) throw new Error(`expected ok: ${JSON.stringify(result)}`);
  return result;
}

function admit(ledger: LockoutLedger, callId: string, now: number, settings = TRUNK, subject = HQ) {
  return ok(admitLookup(ledger, { settings, subject, callId, attempt: 1 }, now));
}

function settle(
  ledger: LockoutLedger,
  callId: string,
  hit: boolean,
  now: number,
  settings = TRUNK,
  subject = HQ,
) {
  return ok(settleLookup(ledger, { settings, subject, callId, attempt: 1, hit }, now));
}

/** Admit then settle as a miss: the ledger and the settlement. */
function miss(ledger: LockoutLedger, callId: string, now: number, settings = TRUNK, subject = HQ) {
  const admitted = admit(ledger, callId, now, settings, subject);
  if (!admitted.value.admitted) throw new Error(`${callId} refused: ${admitted.value.reason}`);
  return settle(admitted.ledger, callId, false, now, settings, subject);
}

function status(ledger: LockoutLedger, now: number, settings = TRUNK, subject = HQ) {
  const read = lockoutStatus(ledger, { settings, subject }, now);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

/** Minutes of the lock a settlement caused. */
function lockMinutes(settled: ReturnType<typeof settle>): number | null {
  const alert = settled.value.alerts.find((a) => a.type === 'scope-locked');
  if (alert?.type !== 'scope-locked') throw new Error('expected a lock');
  return alert.unlocksAt === null ? null : (alert.unlocksAt - alert.lockedAt) / MINUTE;
}

describe('time boundaries of the window and of locks', () => {
  it('a failure counts from its instant up to, not including, window minutes later', () => {
    const { ledger } = miss(emptyLedger(), 'c1', T0);
    expect(status(ledger, T0).failures).toBe(1);
    expect(status(ledger, T0 + 10 * MINUTE - 1).failures).toBe(1);
    expect(status(ledger, T0 + 10 * MINUTE).failures).toBe(0);
  });

  it('a look-up admitted at the very instant a lock ends counts after it', () => {
    let { ledger } = miss(emptyLedger(), 'c1', T0);
    ledger = miss(ledger, 'c2', T0 + 1).ledger;
    const ends = T0 + 1 + 10 * MINUTE;
    expect(status(ledger, ends - 1)).toMatchObject({ locked: true, unlocksAt: ends });
    ledger = admit(ledger, 'c3', ends).ledger;
    expect(status(ledger, ends + 1)).toMatchObject({ locked: false, failures: 1 });
  });

  it('a lock that ends clears its failures at that instant, even after the window has grown', () => {
    let { ledger } = miss(emptyLedger(), 'c1', T0);
    ledger = miss(ledger, 'c2', T0).ledger;
    const ends = T0 + 10 * MINUTE;
    // An administrator lengthens the window while the lock is in force: the misses are still in it.
    const wider = { ...TRUNK, windowMinutes: 60, unlockAfterMinutes: 60 };
    expect(status(ledger, ends - 1, wider)).toMatchObject({ locked: true, failures: 2 });
    expect(status(ledger, ends, wider)).toMatchObject({ locked: false, failures: 0, admits: true });
  });

  it('doubles a lock starting just under 24 hours after the previous end, not one at 24 hours', () => {
    let first = miss(emptyLedger(), 'a1', T0).ledger;
    first = miss(first, 'a2', T0).ledger;
    const ended = T0 + 10 * MINUTE;
    for (const [gap, minutes] of [
      [DAY - 1, 20],
      [DAY, 10],
    ] as const) {
      const start = ended + gap;
      const one = miss(first, 'b1', start - MINUTE).ledger;
      expect(lockMinutes(miss(one, 'b2', start))).toBe(minutes);
    }
  });

  it('a doubled lock is never shorter than the current unlockAfterMinutes', () => {
    let ledger = miss(emptyLedger(), 'a1', T0).ledger;
    ledger = miss(ledger, 'a2', T0).ledger;
    const longer = { ...TRUNK, unlockAfterMinutes: 45 };
    const start = T0 + 11 * MINUTE;
    ledger = miss(ledger, 'b1', start, longer).ledger;
    expect(lockMinutes(miss(ledger, 'b2', start, longer))).toBe(45);
  });

  it('remembers an ended lock for 24 hours after its end, then forgets the key', () => {
    let ledger = miss(emptyLedger(), 'a1', T0).ledger;
    ledger = miss(ledger, 'a2', T0).ledger;
    const ended = T0 + 10 * MINUTE;
    // A write of the key prunes it; a hit on it is one (refunded, it adds nothing).
    const hit = (now: number) =>
      settle(admit(ledger, 'x1', now).ledger, 'x1', true, now, TRUNK, HQ).ledger;
    const before = hit(ended + DAY - 1);
    expect(Object.keys(before.scopes)).toContain(HQ_ID);
    const after = hit(ended + DAY);
    expect(Object.keys(after.scopes)).not.toContain(HQ_ID);
  });
});

describe('caller scope: a subject locked on its own key and on the trunk', () => {
  const CALLER: LockoutSettings = { ...TRUNK, maxFailures: 1, scope: 'caller' };
  const caller = (callerId: string) => ({ ...HQ, callerId });

  it('unlocks when the later of its locks ends', () => {
    let ledger = miss(emptyLedger(), 'a', T0, CALLER, caller('201')).ledger;
    ledger = miss(ledger, 'b', T0 + MINUTE, CALLER, caller('202')).ledger;
    // The third caller miss brings the trunk to 3 × maxFailures.
    ledger = miss(ledger, 'c', T0 + 2 * MINUTE, CALLER, caller('203')).ledger;
    const own = status(ledger, T0 + 3 * MINUTE, CALLER, caller('201'));
    expect(own.keys.map((k) => k.unlocksAt)).toEqual([T0 + 10 * MINUTE, T0 + 12 * MINUTE]);
    expect(own).toMatchObject({ locked: true, admits: false, unlocksAt: T0 + 12 * MINUTE });
  });

  it('re-admitting an open id after its caller key was unblocked counts it there again', () => {
    let ledger = admit(emptyLedger(), 'a', T0, CALLER, caller('201')).ledger;
    ledger = ok(
      unblockScopes(
        ledger,
        { settings: CALLER, accountId: 'acme', target: { kind: 'caller', callerId: '201' } },
        T0 + 1,
      ),
    ).ledger;
    expect(status(ledger, T0 + 1, CALLER, caller('201')).keys.map((k) => k.open)).toEqual([0, 1]);
    const again = admit(ledger, 'a', T0 + 2, CALLER, caller('201'));
    expect(again.value.admitted).toBe(true);
    expect(again.value.status.keys.map((k) => k.open)).toEqual([1, 1]);
    expect(status(again.ledger, T0 + 3, CALLER, caller('201')).keys.map((k) => k.open)).toEqual([
      1, 1,
    ]);
  });
});

describe('settling', () => {
  it('a hit with no other failures raises no alert', () => {
    const admitted = admit(emptyLedger(), 'c1', T0);
    const settled = settle(admitted.ledger, 'c1', true, T0);
    expect(settled.value).toMatchObject({ recorded: true, locked: false, alerts: [] });
    expect(status(settled.ledger, T0).failures).toBe(0);
  });

  it('a miss settled on a key another miss already locked neither relocks nor doubles it', () => {
    let ledger = admit(emptyLedger(), 'a', T0).ledger;
    ledger = admit(ledger, 'b', T0).ledger;
    const first = settle(ledger, 'a', false, T0 + MINUTE);
    expect(lockMinutes(first)).toBe(10);
    const second = settle(first.ledger, 'b', false, T0 + 2 * MINUTE);
    expect(second.value).toMatchObject({ recorded: true, locked: true, alerts: [] });
    expect(status(second.ledger, T0 + 3 * MINUTE).unlocksAt).toBe(T0 + 11 * MINUTE);
  });
});

describe('an operation that changes nothing returns the ledger it was given', () => {
  it('a refused admission, a repeated settlement and an unblock that clears nothing', () => {
    let ledger = miss(emptyLedger(), 'a', T0).ledger;
    ledger = miss(ledger, 'b', T0).ledger;
    const refused = admit(ledger, 'c', T0 + 1);
    expect(refused.value).toMatchObject({ admitted: false, reason: 'locked' });
    expect(refused.ledger).toBe(ledger);
    const repeat = settle(ledger, 'a', false, T0 + 1);
    expect(repeat.value.recorded).toBe(false);
    expect(repeat.ledger).toBe(ledger);
    const none = ok(
      unblockScopes(
        ledger,
        { settings: TRUNK, accountId: 'acme', target: { kind: 'trunk', trunkId: 'lab' } },
        T0 + 1,
      ),
    );
    expect(none.value.cleared).toEqual([]);
    expect(none.ledger).toBe(ledger);
  });
});

describe('statuses while locked', () => {
  it('a lock that outlasts its failures still admits nothing, and says when it started', () => {
    const longLock = { ...TRUNK, unlockAfterMinutes: 30 };
    let ledger = miss(emptyLedger(), 'a', T0, longLock).ledger;
    ledger = miss(ledger, 'b', T0 + MINUTE, longLock).ledger;
    // 15 minutes on, both misses have left the 10-minute window; the lock lasts 30.
    expect(status(ledger, T0 + 16 * MINUTE, longLock)).toMatchObject({
      locked: true,
      failures: 0,
      admits: false,
      unlocksAt: T0 + 31 * MINUTE,
      keys: [{ locked: true, lockedAt: T0 + MINUTE, unlocksAt: T0 + 31 * MINUTE }],
    });
  });
});

describe('listing and unblocking', () => {
  const CALLER: LockoutSettings = { ...TRUNK, maxFailures: 5, scope: 'caller' };
  const caller = (callerId: string) => ({ ...HQ, callerId });

  it('list and unblock in the order of the key ids, whatever the order of the misses', () => {
    let ledger = miss(emptyLedger(), 'a', T0, CALLER, caller('202')).ledger;
    ledger = miss(ledger, 'b', T0, CALLER, caller('201')).ledger;
    const expected = [
      ['caller', '201'],
      ['caller', '202'],
      ['trunk', null],
    ];
    const listed = listScopes(ledger, { settings: CALLER, accountId: 'acme' }, T0 + 1);
    expect(listed.ok && listed.value.map((s) => [s.key.kind, s.key.callerId])).toEqual(expected);
    const cleared = ok(
      unblockScopes(
        ledger,
        { settings: CALLER, accountId: 'acme', target: { kind: 'all' } },
        T0 + 1,
      ),
    ).value.cleared;
    expect(cleared.map((s) => [s.key.kind, s.key.callerId])).toEqual(expected);
  });

  it('reports a cleared key as it stood at the unblock: failures out of the window not counted', () => {
    let ledger = miss(emptyLedger(), 'a', T0).ledger;
    ledger = admit(ledger, 'b', T0 + 8 * MINUTE).ledger;
    const cleared = ok(
      unblockScopes(
        ledger,
        { settings: TRUNK, accountId: 'acme', target: { kind: 'all' } },
        T0 + 12 * MINUTE,
      ),
    ).value.cleared;
    expect(cleared).toEqual([
      {
        key: { accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null },
        locked: false,
        failures: 1,
        open: 1,
        limit: 2,
        failuresToday: 2,
        dailyLimit: 1000,
        reason: null,
        lockedAt: null,
        unlocksAt: null,
      },
    ]);
  });
});
