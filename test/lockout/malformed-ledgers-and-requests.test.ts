/**
 * docs/rules.md#invariants and docs/rules.md#lockout: every ledger function is total. A malformed ledger or
 * request is a typed problem whose path names the field and whose message
 * names the field and what it allows; nothing is changed and nothing throws.
 */
import { describe, expect, it } from 'vitest';
import {
  admitLookup,
  emptyLedger,
  type LockoutLedger,
  type LockoutSettings,
  listScopes,
  lockoutStatus,
  normaliseCallerId,
  settleLookup,
  unblockScopes,
} from '../../src/index.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const SETTINGS: LockoutSettings = {
  maxFailures: 5,
  windowMinutes: 30,
  scope: 'trunk',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 1000,
};
const SUBJECT = { accountId: 'acme', trunkId: 'hq', callerId: null };
const ADMIT = { settings: SETTINGS, subject: SUBJECT, callId: 'c1', attempt: 1 };
const HQ_ID = '["acme","trunk","hq",null]';
const HQ_KEY = { accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null };

/** What every operation answers for `ledger` when only the ledger is wrong. */
function everyOperation(ledger: unknown) {
  const l = ledger as unknown as LockoutLedger;
  return [
    admitLookup(l, ADMIT, NOW),
    settleLookup(l, { ...ADMIT, hit: false }, NOW),
    lockoutStatus(l, { settings: SETTINGS, subject: SUBJECT }, NOW),
    listScopes(l, { settings: SETTINGS, accountId: 'acme' }, NOW),
    unblockScopes(l, { settings: SETTINGS, accountId: 'acme', target: { kind: 'all' } }, NOW),
  ];
}

describe('a malformed ledger is invalid-ledger, naming the field, in every operation', () => {
  it.each([
    {
      ledger: { version: 1, scopes: [] },
      path: ['scopes'],
      message: 'scopes must be an object; got an array',
    },
    {
      ledger: { version: 1, scopes: null },
      path: ['scopes'],
      message: 'scopes must be an object; got null',
    },
    {
      ledger: { version: 1, scopes: { [HQ_ID]: 7 } },
      path: ['scopes', HQ_ID],
      message: `scopes[${JSON.stringify(HQ_ID)}].entry must be an object; got 7`,
    },
    {
      ledger: { version: 1, scopes: { [HQ_ID]: { key: HQ_KEY, failures: {}, lock: null } } },
      path: ['scopes', HQ_ID, 'failures'],
      message: `scopes[${JSON.stringify(HQ_ID)}].failures must be a list; got an object`,
    },
    {
      ledger: {
        version: 1,
        scopes: { [HQ_ID]: { key: HQ_KEY, failures: [], lock: { at: NOW, until: null } } },
      },
      path: ['scopes', HQ_ID, 'lock'],
      message: `scopes[${JSON.stringify(HQ_ID)}].lock must be null or { at: number, until: number | null, minutes: number | null }`,
    },
    {
      ledger: {
        version: 1,
        scopes: { [HQ_ID]: { key: HQ_KEY, failures: [], lock: 'locked' } },
      },
      path: ['scopes', HQ_ID, 'lock'],
      message: `scopes[${JSON.stringify(HQ_ID)}].lock must be null or { at: number, until: number | null, minutes: number | null }`,
    },
  ])('$message', ({ ledger, path, message }) => {
    for (const result of everyOperation(ledger)) {
      expect(result).toEqual({ ok: false, error: { code: 'invalid-ledger', path, message } });
    }
  });

  it('a lock with until null needs minutes null, and one with an end needs both numbers', () => {
    const withLock = (lock: unknown) => ({
      version: 1,
      scopes: { [HQ_ID]: { key: HQ_KEY, failures: [], lock } },
    });
    for (const lock of [
      { at: NOW, until: null, minutes: 30 },
      { at: NOW, until: NOW + 1, minutes: null },
      { at: Number.NaN, until: null, minutes: null },
    ]) {
      expect(lockoutStatus(withLock(lock) as unknown as LockoutLedger, ADMIT, NOW)).toMatchObject({
        ok: false,
        error: { code: 'invalid-ledger', path: ['scopes', HQ_ID, 'lock'] },
      });
    }
    for (const lock of [
      { at: NOW, until: null, minutes: null },
      { at: NOW, until: NOW + 1, minutes: 30 },
    ]) {
      expect(lockoutStatus(withLock(lock) as unknown as LockoutLedger, ADMIT, NOW).ok).toBe(true);
    }
  });
});

describe('a malformed request is invalid-request, naming the field and its range', () => {
  it('a request that is not an object', () => {
    for (const result of [
      admitLookup(emptyLedger(), null as never, NOW),
      listScopes(emptyLedger(), 'acme' as never, NOW),
      unblockScopes(emptyLedger(), 7 as never, NOW),
    ]) {
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid-request',
          path: [],
          message: expect.stringMatching(/^the request must be an object; got (null|"acme"|7)$/),
        },
      });
    }
  });

  it.each([
    {
      settings: 'strict',
      path: ['settings'],
      message:
        'settings must be an object with maxFailures, windowMinutes, scope, unlockAfterMinutes and maxFailuresPerDay; got "strict"',
    },
    {
      settings: { ...SETTINGS, maxFailures: '5' },
      path: ['settings', 'maxFailures'],
      message: 'settings.maxFailures must be an integer from 1 to 100; got "5"',
    },
    {
      settings: { ...SETTINGS, windowMinutes: undefined },
      path: ['settings', 'windowMinutes'],
      message: 'settings.windowMinutes must be an integer from 1 to 10080; got nothing',
    },
    {
      settings: { ...SETTINGS, scope: 'line' },
      path: ['settings', 'scope'],
      message: 'settings.scope must be one of "trunk", "caller", "account"; got "line"',
    },
  ])('settings: $message', ({ settings, path, message }) => {
    const bad = settings as unknown as LockoutSettings;
    for (const result of [
      admitLookup(emptyLedger(), { ...ADMIT, settings: bad }, NOW),
      lockoutStatus(emptyLedger(), { settings: bad, subject: SUBJECT }, NOW),
      listScopes(emptyLedger(), { settings: bad, accountId: 'acme' }, NOW),
    ]) {
      expect(result).toEqual({ ok: false, error: { code: 'invalid-request', path, message } });
    }
  });

  it.each([
    {
      subject: null,
      path: ['subject'],
      message: 'subject must be an object with accountId, trunkId and callerId; got null',
    },
    {
      subject: { ...SUBJECT, accountId: '' },
      path: ['subject', 'accountId'],
      message: 'subject.accountId must be null or a string of 1 to 64 characters; got ""',
    },
    {
      subject: { ...SUBJECT, accountId: 'a'.repeat(65) },
      path: ['subject', 'accountId'],
      message: `subject.accountId must be null or a string of 1 to 64 characters; got "${'a'.repeat(40)}…"`,
    },
    {
      subject: { ...SUBJECT, accountId: 42 },
      path: ['subject', 'accountId'],
      message: 'subject.accountId must be null or a string of 1 to 64 characters; got 42',
    },
  ])('subject: $message', ({ subject, path, message }) => {
    const bad = subject as never;
    for (const result of [
      admitLookup(emptyLedger(), { ...ADMIT, subject: bad }, NOW),
      lockoutStatus(emptyLedger(), { settings: SETTINGS, subject: bad }, NOW),
    ]) {
      expect(result).toEqual({ ok: false, error: { code: 'invalid-request', path, message } });
    }
  });

  it('an account id of 64 characters or null is a subject, as it is for list and unblock', () => {
    for (const accountId of ['a'.repeat(64), null]) {
      expect(
        lockoutStatus(
          emptyLedger(),
          { settings: SETTINGS, subject: { ...SUBJECT, accountId } },
          NOW,
        ).ok,
      ).toBe(true);
      expect(listScopes(emptyLedger(), { settings: SETTINGS, accountId }, NOW).ok).toBe(true);
    }
  });

  it.each([
    ['', '""'],
    ['a'.repeat(65), `"${'a'.repeat(40)}…"`],
    [undefined, 'nothing'],
  ])('list and unblock: accountId %j is refused', (accountId, shown) => {
    const error = {
      code: 'invalid-request',
      path: ['accountId'],
      message: `accountId must be null or a string of 1 to 64 characters; got ${shown}`,
    };
    const bad = accountId as never;
    expect(listScopes(emptyLedger(), { settings: SETTINGS, accountId: bad }, NOW)).toEqual({
      ok: false,
      error,
    });
    expect(
      unblockScopes(
        emptyLedger(),
        { settings: SETTINGS, accountId: bad, target: { kind: 'all' } },
        NOW,
      ),
    ).toEqual({ ok: false, error });
  });

  it.each([
    [{ kind: 'trunk' }, 'an object'],
    [{ kind: 'caller', callerId: '201', trunkId: '' }, 'an object'],
    [{ kind: 'line' }, 'an object'],
    [null, 'null'],
  ])('unblock: target %j is refused', (target, shown) => {
    expect(
      unblockScopes(
        emptyLedger(),
        { settings: SETTINGS, accountId: 'acme', target: target as never },
        NOW,
      ),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        path: ['target'],
        message: `target must be { kind: "all" }, { kind: "trunk", trunkId } or { kind: "caller", callerId, trunkId? }; got ${shown}`,
      },
    });
  });

  it.each([
    [undefined, 'nothing'],
    ['yes', '"yes"'],
    [1, '1'],
  ])('settle: hit %j is refused, and the admission stays open', (hit, shown) => {
    const admitted = admitLookup(emptyLedger(), ADMIT, NOW);
    if (!admitted.ok) throw new Error('admit');
    const settled = settleLookup(admitted.ledger, { ...ADMIT, hit: hit as never }, NOW);
    expect(settled).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        path: ['hit'],
        message: `hit must be true or false; got ${shown}`,
      },
    });
    const status = lockoutStatus(admitted.ledger, { settings: SETTINGS, subject: SUBJECT }, NOW);
    expect(status).toMatchObject({ ok: true, value: { failures: 1, keys: [{ open: 1 }] } });
  });

  it('a time that is not finite is refused by status, list and unblock too', () => {
    const error = {
      code: 'invalid-request',
      path: ['now'],
      message: 'now must be a finite number of epoch milliseconds; got NaN',
    };
    expect(
      lockoutStatus(emptyLedger(), { settings: SETTINGS, subject: SUBJECT }, Number.NaN),
    ).toEqual({ ok: false, error });
    expect(
      listScopes(emptyLedger(), { settings: SETTINGS, accountId: 'acme' }, Number.NaN),
    ).toEqual({ ok: false, error });
    expect(
      unblockScopes(
        emptyLedger(),
        { settings: SETTINGS, accountId: 'acme', target: { kind: 'all' } },
        Number.NaN,
      ),
    ).toEqual({ ok: false, error });
  });
});

describe('caller ids', () => {
  it('normaliseCallerId is total: a value that is not a string is no caller id', () => {
    for (const raw of [2125550147, null, undefined, ['201']]) {
      expect(normaliseCallerId(raw as never)).toBeUndefined();
    }
  });

  it('a subject callerId must be a string: a list that reads as digits is refused', () => {
    const subject = { ...SUBJECT, callerId: ['201'] } as never;
    const settings = { ...SETTINGS, scope: 'caller' } as const;
    expect(lockoutStatus(emptyLedger(), { settings, subject }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', path: ['subject', 'callerId'] },
    });
  });
});
