import { describe, expect, it } from 'vitest';
import {
  admitLookup,
  emptyLedger,
  type LockoutLedger,
  type LockoutSettings,
  type LockoutSubject,
  listScopes,
  lockoutStatus,
  normaliseCallerId,
  parseLedger,
  settleLookup,
  unblockScopes,
} from '../../src/index.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');
const SETTINGS: LockoutSettings = {
  maxFailures: 5,
  windowMinutes: 30,
  scope: 'trunk',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 1000,
};
const HQ: LockoutSubject = { accountId: 'acme', trunkId: 'hq', callerId: null };

function ok<T>(result: { ok: true; ledger: LockoutLedger; value: T } | { ok: false }) {
  if (!result.ok) throw new Error(`expected ok: ${JSON.stringify(result)}`);
  return result;
}

/** Admits and settles one look-up: the integrator's admit → look-up → settle. */
function lookUp(
  ledger: LockoutLedger,
  callId: string,
  hit: boolean,
  now: number,
  settings: LockoutSettings = SETTINGS,
  subject: LockoutSubject = HQ,
) {
  const admitted = ok(admitLookup(ledger, { settings, subject, callId, attempt: 1 }, now));
  if (!admitted.value.admitted)
    return { ledger: admitted.ledger, admitted: admitted.value, settled: undefined };
  const settled = ok(
    settleLookup(admitted.ledger, { settings, subject, callId, attempt: 1, hit }, now),
  );
  return { ledger: settled.ledger, admitted: admitted.value, settled: settled.value };
}

function misses(
  count: number,
  from: number,
  settings = SETTINGS,
  subject = HQ,
  ledger = emptyLedger(),
) {
  let l = ledger;
  const alerts = [];
  for (let i = 0; i < count; i++) {
    const step = lookUp(l, `call-${from}-${i}`, false, from + i * MINUTE, settings, subject);
    l = step.ledger;
    alerts.push(...(step.settled?.alerts ?? []));
  }
  return { ledger: l, alerts };
}

describe('admitLookup and settleLookup (docs/rules.md#lockout)', () => {
  it('counts an admission as a failure at once, with the id callId#attempt', () => {
    const admitted = ok(
      admitLookup(emptyLedger(), { settings: SETTINGS, subject: HQ, callId: 'c1', attempt: 2 }, T0),
    );
    expect(admitted.value).toMatchObject({ admitted: true, id: 'c1#2' });
    expect(admitted.value.status).toMatchObject({ failures: 1, locked: false, admits: true });
  });

  it('locks the scope on the miss that reaches maxFailures, and says so', () => {
    const { ledger, alerts } = misses(5, T0);
    expect(alerts).toEqual([
      {
        type: 'scope-locked',
        key: { accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null },
        failures: 5,
        lockedAt: T0 + 4 * MINUTE,
        unlocksAt: T0 + 34 * MINUTE,
      },
    ]);
    const status = lockoutStatus(ledger, { settings: SETTINGS, subject: HQ }, T0 + 5 * MINUTE);
    expect(status).toMatchObject({
      ok: true,
      value: { locked: true, failures: 5, unlocksAt: T0 + 34 * MINUTE, admits: false },
    });
  });

  it('refuses admission on a locked scope, and a hit does not reset the count', () => {
    let { ledger } = misses(4, T0);
    ledger = lookUp(ledger, 'good', true, T0 + 10 * MINUTE).ledger;
    expect(
      lockoutStatus(ledger, { settings: SETTINGS, subject: HQ }, T0 + 10 * MINUTE),
    ).toMatchObject({
      value: { failures: 4, locked: false },
    });
    ledger = lookUp(ledger, 'fifth', false, T0 + 11 * MINUTE).ledger;
    const refused = ok(
      admitLookup(
        ledger,
        { settings: SETTINGS, subject: HQ, callId: 'next', attempt: 1 },
        T0 + 12 * MINUTE,
      ),
    );
    expect(refused.value).toMatchObject({ admitted: false, reason: 'locked' });
    expect(refused.ledger).toBe(ledger);
  });

  it('refuses when settled misses plus open admissions reach maxFailures, without locking', () => {
    let ledger = emptyLedger();
    for (let i = 1; i <= 5; i++) {
      ledger = ok(
        admitLookup(
          ledger,
          { settings: SETTINGS, subject: HQ, callId: `open-${i}`, attempt: 1 },
          T0,
        ),
      ).ledger;
    }
    const refused = ok(
      admitLookup(ledger, { settings: SETTINGS, subject: HQ, callId: 'sixth', attempt: 1 }, T0),
    );
    expect(refused.value).toMatchObject({
      admitted: false,
      reason: 'limit-reached',
      status: { locked: false, failures: 5, admits: false },
    });
  });

  it('a hit refunds only its own admission, and raises hit-after-failures', () => {
    const { ledger } = misses(2, T0);
    const step = lookUp(ledger, 'guess', true, T0 + 5 * MINUTE);
    expect(step.settled?.alerts).toEqual([
      {
        type: 'hit-after-failures',
        key: { accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null },
        failures: 2,
      },
    ]);
    expect(step.settled?.status.failures).toBe(2);
  });

  it('settling is idempotent: a repeat, or a hit after a miss, changes nothing', () => {
    const admitted = ok(
      admitLookup(emptyLedger(), { settings: SETTINGS, subject: HQ, callId: 'c', attempt: 1 }, T0),
    );
    const miss = ok(
      settleLookup(
        admitted.ledger,
        { settings: SETTINGS, subject: HQ, callId: 'c', attempt: 1, hit: false },
        T0,
      ),
    );
    for (const hit of [false, true]) {
      const again = ok(
        settleLookup(
          miss.ledger,
          { settings: SETTINGS, subject: HQ, callId: 'c', attempt: 1, hit },
          T0,
        ),
      );
      expect(again.ledger).toBe(miss.ledger);
      expect(again.value).toMatchObject({ recorded: false, alerts: [] });
      expect(again.value.status.failures).toBe(1);
    }
  });

  it('re-admitting an open id is safe; re-admitting a settled id is refused', () => {
    const request = { settings: SETTINGS, subject: HQ, callId: 'c', attempt: 1 };
    const first = ok(admitLookup(emptyLedger(), request, T0));
    const again = ok(admitLookup(first.ledger, request, T0));
    expect(again.value).toMatchObject({ admitted: true, status: { failures: 1 } });
    expect(again.ledger).toBe(first.ledger);
    const settled = ok(settleLookup(first.ledger, { ...request, hit: false }, T0));
    expect(ok(admitLookup(settled.ledger, request, T0)).value).toMatchObject({
      admitted: false,
      reason: 'already-settled',
    });
  });

  it('an admission never settled stays a miss until it leaves the window', () => {
    const first = ok(
      admitLookup(
        emptyLedger(),
        { settings: SETTINGS, subject: HQ, callId: 'lost', attempt: 1 },
        T0,
      ),
    );
    const read = (t: number) => lockoutStatus(first.ledger, { settings: SETTINGS, subject: HQ }, t);
    expect(read(T0 + 29 * MINUTE)).toMatchObject({ value: { failures: 1 } });
    expect(read(T0 + 30 * MINUTE)).toMatchObject({ value: { failures: 0 } });
  });

  it('unlocks after unlockAfterMinutes and clears the failures: counting starts again', () => {
    const { ledger } = misses(5, T0);
    const after = T0 + 34 * MINUTE;
    expect(lockoutStatus(ledger, { settings: SETTINGS, subject: HQ }, after - 1)).toMatchObject({
      value: { locked: true },
    });
    expect(lockoutStatus(ledger, { settings: SETTINGS, subject: HQ }, after)).toMatchObject({
      value: { locked: false, failures: 0, admits: true },
    });
  });

  it('doubles a lock that starts within 24 hours of the end of the previous one, up to 7 days', () => {
    const settings: LockoutSettings = {
      ...SETTINGS,
      maxFailures: 1,
      windowMinutes: 60,
      unlockAfterMinutes: 3000,
      maxFailuresPerDay: 1000,
    };
    let ledger = emptyLedger();
    let now = T0;
    const lengths: (number | null)[] = [];
    for (let round = 0; round < 4; round++) {
      const step = lookUp(ledger, `r${round}`, false, now, settings);
      ledger = step.ledger;
      const lock = step.settled?.alerts[0];
      if (lock?.type !== 'scope-locked' || lock.unlocksAt === null)
        throw new Error('expected a lock');
      lengths.push((lock.unlocksAt - lock.lockedAt) / MINUTE);
      now = lock.unlocksAt + 23 * 60 * MINUTE; // 23 h after it ends
    }
    expect(lengths).toEqual([3000, 6000, 10080, 10080]);
    // 24 hours or more after the end: back to the base length.
    const later = lookUp(ledger, 'later', false, now + 2 * 60 * MINUTE, settings).settled
      ?.alerts[0];
    expect(
      later?.type === 'scope-locked' && later.unlocksAt !== null
        ? (later.unlocksAt - later.lockedAt) / MINUTE
        : 0,
    ).toBe(3000);
  });

  it('with unlockAfterMinutes null only an administrator unlocks', () => {
    const settings = { ...SETTINGS, unlockAfterMinutes: null };
    const { ledger } = misses(5, T0, settings);
    const years = T0 + 400 * 24 * 60 * MINUTE;
    expect(lockoutStatus(ledger, { settings, subject: HQ }, years)).toMatchObject({
      value: { locked: true, unlocksAt: null },
    });
    const unblocked = ok(
      unblockScopes(ledger, { settings, accountId: 'acme', target: { kind: 'all' } }, years),
    );
    expect(unblocked.value.cleared).toHaveLength(1);
    expect(lockoutStatus(unblocked.ledger, { settings, subject: HQ }, years)).toMatchObject({
      value: { locked: false, failures: 0 },
    });
  });
});

describe('scopes and keys (docs/rules.md#lockout)', () => {
  const CALLER: LockoutSettings = { ...SETTINGS, scope: 'caller' };
  const alice: LockoutSubject = { accountId: 'acme', trunkId: 'hq', callerId: '201' };
  const bob: LockoutSubject = { accountId: 'acme', trunkId: 'hq', callerId: '202' };

  it('caller scope: one caller locked leaves another caller on the trunk alone', () => {
    const { ledger } = misses(5, T0, CALLER, alice);
    expect(
      lockoutStatus(ledger, { settings: CALLER, subject: alice }, T0 + 6 * MINUTE),
    ).toMatchObject({
      value: { locked: true },
    });
    expect(
      lockoutStatus(ledger, { settings: CALLER, subject: bob }, T0 + 6 * MINUTE),
    ).toMatchObject({
      value: { locked: false, admits: true, failures: 0 },
    });
  });

  it('caller scope: every caller miss also counts on the trunk, which locks at 3 × maxFailures', () => {
    let ledger = emptyLedger();
    const alerts = [];
    for (let i = 0; i < 15; i++) {
      const rotating = { accountId: 'acme', trunkId: 'hq', callerId: String(300 + i) };
      const step = lookUp(ledger, `c${i}`, false, T0 + i * 1000, CALLER, rotating);
      ledger = step.ledger;
      alerts.push(...(step.settled?.alerts ?? []));
    }
    expect(alerts).toMatchObject([
      { type: 'scope-locked', key: { kind: 'trunk', trunkId: 'hq' }, failures: 15 },
    ]);
    const fresh = { accountId: 'acme', trunkId: 'hq', callerId: '999' };
    expect(
      ok(
        admitLookup(
          ledger,
          { settings: CALLER, subject: fresh, callId: 'x', attempt: 1 },
          T0 + 20_000,
        ),
      ).value,
    ).toMatchObject({ admitted: false, reason: 'locked' });
  });

  it("caller scope without a caller id counts the trunk's anonymous caller", () => {
    const { ledger } = misses(5, T0, CALLER, HQ);
    expect(lockoutStatus(ledger, { settings: CALLER, subject: HQ }, T0 + 5 * MINUTE)).toMatchObject(
      {
        value: { locked: true, scope: { kind: 'caller', trunkId: 'hq', callerId: null } },
      },
    );
    expect(
      lockoutStatus(ledger, { settings: CALLER, subject: alice }, T0 + 5 * MINUTE),
    ).toMatchObject({
      value: { locked: false },
    });
  });

  it('account scope: one count for every trunk', () => {
    const settings: LockoutSettings = { ...SETTINGS, scope: 'account' };
    const { ledger } = misses(5, T0, settings, HQ);
    const lab = { accountId: 'acme', trunkId: 'lab', callerId: null };
    expect(lockoutStatus(ledger, { settings, subject: lab }, T0 + 5 * MINUTE)).toMatchObject({
      value: { locked: true },
    });
  });

  it('keys carry account.id: two accounts with the same trunk id never share a count', () => {
    const { ledger } = misses(5, T0);
    const other = { accountId: 'globex', trunkId: 'hq', callerId: null };
    expect(
      lockoutStatus(ledger, { settings: SETTINGS, subject: other }, T0 + 5 * MINUTE),
    ).toMatchObject({
      value: { locked: false, failures: 0 },
    });
  });

  it('normalises caller ids: separators removed, digits (with an optional +), at most 32', () => {
    expect(normaliseCallerId('(212) 555-0147')).toBe('2125550147');
    expect(normaliseCallerId('+44 20 7946 0958')).toBe('+442079460958');
    expect(normaliseCallerId('alice')).toBeUndefined();
    expect(normaliseCallerId('')).toBeUndefined();
    expect(normaliseCallerId('1'.repeat(32))).toBe('1'.repeat(32));
    expect(normaliseCallerId('1'.repeat(33))).toBeUndefined();
  });
});

describe('administration and bounds (docs/rules.md#lockout)', () => {
  const CALLER: LockoutSettings = { ...SETTINGS, scope: 'caller' };

  it('lists the keys with failures or locks, and unblocks a trunk, a caller, or all', () => {
    let { ledger } = misses(5, T0, CALLER, { accountId: 'acme', trunkId: 'hq', callerId: '201' });
    ledger = misses(
      1,
      T0,
      CALLER,
      { accountId: 'acme', trunkId: 'lab', callerId: '201' },
      ledger,
    ).ledger;
    const now = T0 + 10 * MINUTE;
    const listed = listScopes(ledger, { settings: CALLER, accountId: 'acme' }, now);
    expect(
      listed.ok &&
        listed.value.map((s) => [s.key.kind, s.key.trunkId, s.key.callerId, s.failures, s.locked]),
    ).toEqual([
      ['caller', 'hq', '201', 5, true],
      ['caller', 'lab', '201', 1, false],
      ['trunk', 'hq', null, 5, false],
      ['trunk', 'lab', null, 1, false],
    ]);
    const byCaller = ok(
      unblockScopes(
        ledger,
        {
          settings: CALLER,
          accountId: 'acme',
          target: { kind: 'caller', callerId: '201', trunkId: 'hq' },
        },
        now,
      ),
    );
    expect(byCaller.value.cleared.map((s) => s.key.trunkId)).toEqual(['hq']);
    const byTrunk = ok(
      unblockScopes(
        ledger,
        { settings: CALLER, accountId: 'acme', target: { kind: 'trunk', trunkId: 'hq' } },
        now,
      ),
    );
    expect(byTrunk.value.cleared.map((s) => s.key.kind)).toEqual(['caller', 'trunk']);
    const all = ok(
      unblockScopes(ledger, { settings: CALLER, accountId: 'acme', target: { kind: 'all' } }, now),
    );
    expect(all.ledger.scopes).toEqual({});
    const otherAccount = ok(
      unblockScopes(
        ledger,
        { settings: CALLER, accountId: 'globex', target: { kind: 'all' } },
        now,
      ),
    );
    expect(otherAccount.ledger).toBe(ledger);
  });

  it('keeps failures out of the window for their 24 hours, then drops them and the key they leave empty', () => {
    let { ledger } = misses(3, T0);
    ledger = lookUp(ledger, 'later', true, T0 + 32 * MINUTE + 1).ledger;
    expect(ledger.scopes['["acme","trunk","hq",null]']?.failures).toHaveLength(3);
    expect(
      lockoutStatus(ledger, { settings: SETTINGS, subject: HQ }, T0 + 33 * MINUTE),
    ).toMatchObject({
      ok: true,
      value: { failures: 0, failuresToday: 3 },
    });
    ledger = lookUp(ledger, 'next day', true, T0 + 24 * 60 * MINUTE + 2 * MINUTE + 1).ledger;
    expect(ledger.scopes).toEqual({});
  });

  it('keeps an ended lock 24 hours for the doubling rule, then forgets the key when it writes it', () => {
    let { ledger } = misses(5, T0);
    ledger = lookUp(ledger, 'a', true, T0 + 60 * MINUTE).ledger;
    expect(Object.keys(ledger.scopes)).toEqual(['["acme","trunk","hq",null]']);
    ledger = lookUp(ledger, 'b', true, T0 + 34 * MINUTE + 24 * 60 * MINUTE).ledger;
    expect(ledger.scopes).toEqual({});
  });

  it('touches only its own keys; forgets another key only when nothing in it can count under any settings (7 days)', () => {
    let { ledger } = misses(5, T0);
    const lab = { accountId: 'acme', trunkId: 'lab', callerId: null };
    const hq = ledger.scopes['["acme","trunk","hq",null]'];
    ledger = lookUp(ledger, 'a', false, T0 + 2 * 24 * 60 * MINUTE, SETTINGS, lab).ledger;
    expect(ledger.scopes['["acme","trunk","hq",null]']).toBe(hq);
    ledger = lookUp(
      ledger,
      'b',
      false,
      T0 + 7 * 24 * 60 * MINUTE + 5 * MINUTE,
      SETTINGS,
      lab,
    ).ledger;
    expect(Object.keys(ledger.scopes)).toEqual(['["acme","trunk","lab",null]']);
  });

  it('round-trips through JSON and parseLedger', () => {
    const { ledger } = misses(5, T0);
    const copy = JSON.parse(JSON.stringify(ledger));
    expect(parseLedger(copy)).toEqual({ ok: true, ledger });
  });
});

describe('totality: bad ledgers and requests are typed problems', () => {
  const request = { settings: SETTINGS, subject: HQ, callId: 'c', attempt: 1 };
  it.each([
    ['not an object', null],
    ['a wrong version', { version: 3, scopes: {} }],
    [
      'a key that does not match its id',
      {
        version: 1,
        scopes: {
          '["acme","trunk","hq",null]': {
            key: { accountId: 'acme', kind: 'trunk', trunkId: 'lab', callerId: null },
            failures: [],
            lock: null,
          },
        },
      },
    ],
    [
      'a bad failure',
      {
        version: 1,
        scopes: {
          '["acme","trunk","hq",null]': {
            key: { accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null },
            failures: [{ id: 1 }],
            lock: null,
          },
        },
      },
    ],
  ])('rejects a ledger with %s', (_, ledger) => {
    const result = admitLookup(ledger as never, request, T0);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-ledger' } });
    expect(parseLedger(ledger)).toMatchObject({ ok: false, error: { code: 'invalid-ledger' } });
  });

  it.each([
    [
      'settings.maxFailures',
      { ...request, settings: { ...SETTINGS, maxFailures: 0 } },
      /settings\.maxFailures must be an integer from 1 to 100/,
    ],
    [
      'settings.unlockAfterMinutes',
      { ...request, settings: { ...SETTINGS, unlockAfterMinutes: 10 } },
      /at least windowMinutes/,
    ],
    ['subject.trunkId', { ...request, subject: { ...HQ, trunkId: '' } }, /subject\.trunkId/],
    [
      'subject.callerId',
      { ...request, subject: { ...HQ, callerId: 'alice' } },
      /subject\.callerId/,
    ],
    ['callId', { ...request, callId: '' }, /callId must be a string of 1 to 128/],
    ['attempt', { ...request, attempt: 0 }, /attempt must be a whole number from 1/],
  ])('rejects a request with a bad %s', (_, bad, message) => {
    const result = admitLookup(emptyLedger(), bad as never, T0);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!result.ok && result.error.message).toMatch(message);
  });

  it('rejects a time that is not a finite number', () => {
    expect(admitLookup(emptyLedger(), request, Number.NaN)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', path: ['now'] },
    });
  });
});
