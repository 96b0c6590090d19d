/**
 * docs/rules.md#invariants and docs/rules.md#lockout: what parseLedger accepts, field by field, with the message
 * and path of each refusal; the bounds of a request's callId, attempt,
 * target and time; and the listing and re-admission rules that depend on
 * which keys hold what.
 */
import { describe, expect, it } from 'vitest';
import {
  admitLookup,
  emptyLedger,
  type LockoutLedger,
  type LockoutSettings,
  listScopes,
  parseLedger,
  settleLookup,
  unblockScopes,
} from '../../src/index.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Date.parse('2026-12-01T10:00:00Z');
const SETTINGS: LockoutSettings = {
  maxFailures: 2,
  windowMinutes: 10,
  scope: 'trunk',
  unlockAfterMinutes: 10,
  maxFailuresPerDay: 1000,
};
const SUBJECT = { accountId: 'acme', trunkId: 'hq', callerId: null };
const ADMIT = { settings: SETTINGS, subject: SUBJECT, callId: 'c1', attempt: 1 };
const HQ_ID = '["acme","trunk","hq",null]';
const HQ_KEY = { accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null };
const GOOD_FAILURE = { id: 'c0#1', at: NOW, settled: true };

function ledgerWith(entry: Record<string, unknown>, id = HQ_ID) {
  return { version: 1, scopes: { [id]: { key: HQ_KEY, failures: [], lock: null, ...entry } } };
}

function ok<T>(result: { ok: true; ledger: LockoutLedger; value: T } | { ok: false }) {
  if (!result.ok) throw new Error(`expected ok: ${JSON.stringify(result)}`);
  return result;
}

describe('parseLedger', () => {
  it('refuses a value that is not an object, or of another version, saying so', () => {
    expect(parseLedger('ledger')).toEqual({
      ok: false,
      error: {
        code: 'invalid-ledger',
        path: [],
        message: 'the ledger must be an object; got "ledger"',
      },
    });
    expect(parseLedger({ version: 3, scopes: {} })).toEqual({
      ok: false,
      error: {
        code: 'invalid-ledger',
        path: ['version'],
        message: "version must be 1 (0.1.0's format) or 2; got 3",
      },
    });
  });

  /** The id a key would have: a bad key under its own id is caught by the key check itself. */
  const idOf = (k: Record<string, unknown>) =>
    JSON.stringify([k.accountId, k.kind, k.trunkId, k.callerId]);
  it.each([
    ['an id that is not its key', HQ_KEY, '["acme","trunk","lab",null]'],
    ['an unknown kind', { ...HQ_KEY, kind: 'line' }, undefined],
    ['an empty account id', { ...HQ_KEY, accountId: '' }, undefined],
    ['a trunk id that is a number', { ...HQ_KEY, trunkId: 7 }, undefined],
    ['an empty trunk id', { ...HQ_KEY, trunkId: '' }, undefined],
    ['an empty caller id', { ...HQ_KEY, callerId: '' }, undefined],
    ['a caller id that is a number', { ...HQ_KEY, callerId: 201 }, undefined],
  ])('refuses an entry with %s, naming its key', (_, key, given) => {
    const id = given ?? idOf(key);
    expect(parseLedger(ledgerWith({ key }, id))).toEqual({
      ok: false,
      error: {
        code: 'invalid-ledger',
        path: ['scopes', id, 'key'],
        message: `scopes[${JSON.stringify(id)}].key must be { accountId, kind, trunkId, callerId } matching the entry's id`,
      },
    });
  });

  it('refuses an entry without a key', () => {
    expect(parseLedger(ledgerWith({ key: null }))).toMatchObject({
      ok: false,
      error: { path: ['scopes', HQ_ID, 'key'] },
    });
  });

  it('accepts keys of every kind, with null ids where a kind has none', () => {
    const keys = [
      { accountId: null, kind: 'trunk', trunkId: 'hq', callerId: null },
      { accountId: 'acme', kind: 'caller', trunkId: 'hq', callerId: '201' },
      { accountId: 'acme', kind: 'account', trunkId: null, callerId: null },
    ];
    for (const key of keys) {
      const id = JSON.stringify([key.accountId, key.kind, key.trunkId, key.callerId]);
      expect(parseLedger(ledgerWith({ key }, id)).ok).toBe(true);
    }
  });

  it.each([
    ['a failure that is not an object', null],
    ['an id that is not a string', { ...GOOD_FAILURE, id: 7 }],
    ['a time that is not a number', { ...GOOD_FAILURE, at: '10:00' }],
    ['a time that is not finite', { ...GOOD_FAILURE, at: Number.POSITIVE_INFINITY }],
    ['settled that is not a boolean', { ...GOOD_FAILURE, settled: 'yes' }],
  ])('refuses %s, naming its index', (_, failure) => {
    expect(parseLedger(ledgerWith({ failures: [GOOD_FAILURE, failure] }))).toEqual({
      ok: false,
      error: {
        code: 'invalid-ledger',
        path: ['scopes', HQ_ID, 'failures', 1],
        message: `scopes[${JSON.stringify(HQ_ID)}].failures[1] must be { id: string, at: number, settled: boolean }`,
      },
    });
  });
});

describe('request bounds', () => {
  it('a callId of 1 to 128 characters is admitted; longer, empty or not a string is refused', () => {
    for (const callId of ['c', 'c'.repeat(128)]) {
      expect(admitLookup(emptyLedger(), { ...ADMIT, callId }, NOW).ok).toBe(true);
    }
    for (const [callId, shown] of [
      ['c'.repeat(129), `"${'c'.repeat(40)}…"`],
      [7, '7'],
    ] as const) {
      expect(admitLookup(emptyLedger(), { ...ADMIT, callId: callId as string }, NOW)).toEqual({
        ok: false,
        error: {
          code: 'invalid-request',
          path: ['callId'],
          message: `callId must be a string of 1 to 128 characters; got ${shown}`,
        },
      });
    }
  });

  it('an attempt is a safe whole number from 1', () => {
    for (const attempt of [1, Number.MAX_SAFE_INTEGER]) {
      expect(admitLookup(emptyLedger(), { ...ADMIT, attempt }, NOW).ok).toBe(true);
    }
    for (const [attempt, shown] of [
      [1.5, '1.5'],
      ['1', '"1"'],
      [2 ** 53, String(2 ** 53)],
    ] as const) {
      expect(admitLookup(emptyLedger(), { ...ADMIT, attempt: attempt as number }, NOW)).toEqual({
        ok: false,
        error: {
          code: 'invalid-request',
          path: ['attempt'],
          message: `attempt must be a whole number from 1; got ${shown}`,
        },
      });
    }
  });

  it('a time that is infinite is refused', () => {
    expect(admitLookup(emptyLedger(), ADMIT, Number.POSITIVE_INFINITY)).toMatchObject({
      ok: false,
      error: {
        path: ['now'],
        message: 'now must be a finite number of epoch milliseconds; got Infinity',
      },
    });
  });

  it('unblock targets: ids of 1 to 64 characters, a caller on every trunk or on one', () => {
    const unblock = (target: unknown) =>
      unblockScopes(
        emptyLedger(),
        { settings: SETTINGS, accountId: 'acme', target: target as never },
        NOW,
      ).ok;
    expect(unblock({ kind: 'trunk', trunkId: 't'.repeat(64) })).toBe(true);
    expect(unblock({ kind: 'trunk', trunkId: 't'.repeat(65) })).toBe(false);
    expect(unblock({ kind: 'trunk', trunkId: '' })).toBe(false);
    expect(unblock({ kind: 'caller', callerId: '201' })).toBe(true);
    expect(unblock({ kind: 'caller', callerId: '201', trunkId: 'hq' })).toBe(true);
    expect(unblock({ kind: 'caller', callerId: '' })).toBe(false);
    expect(unblock({ kind: 'caller', trunkId: 'hq' })).toBe(false);
    expect(unblock({ kind: 'all', trunkId: 7 })).toBe(true);
  });
});

describe('which keys count', () => {
  const CALLER: LockoutSettings = { ...SETTINGS, scope: 'caller' };
  const caller201 = { ...SUBJECT, callerId: '201' };

  it('a settled miss is remembered on the trunk after its caller key was unblocked', () => {
    const request = { ...ADMIT, settings: CALLER, subject: caller201 };
    let ledger = ok(admitLookup(emptyLedger(), request, NOW)).ledger;
    ledger = ok(settleLookup(ledger, { ...request, hit: false }, NOW)).ledger;
    ledger = ok(
      unblockScopes(
        ledger,
        { settings: CALLER, accountId: 'acme', target: { kind: 'caller', callerId: '201' } },
        NOW + 1,
      ),
    ).ledger;
    const again = ok(admitLookup(ledger, request, NOW + 2));
    expect(again.value).toMatchObject({ admitted: false, reason: 'already-settled' });
    expect(again.ledger).toBe(ledger);
  });

  it("lists only the account's keys with failures or a lock in force", () => {
    const globex = { ...SUBJECT, accountId: 'globex' };
    let ledger = emptyLedger();
    for (const [subject, callId] of [
      [SUBJECT, 'a'],
      [SUBJECT, 'b'],
      [globex, 'g'],
    ] as const) {
      const request = { ...ADMIT, subject, callId };
      ledger = ok(admitLookup(ledger, request, NOW)).ledger;
      ledger = ok(settleLookup(ledger, { ...request, hit: false }, NOW)).ledger;
    }
    const list = (accountId: string, at: number) => {
      const listed = listScopes(ledger, { settings: SETTINGS, accountId }, at);
      return listed.ok ? listed.value.map((s) => [s.key.accountId, s.locked, s.failures]) : [];
    };
    expect(list('acme', NOW + 1)).toEqual([['acme', true, 2]]);
    expect(list('globex', NOW + 1)).toEqual([['globex', false, 1]]);
    // The lock has ended and cleared the window's count; the misses still count in their 24 hours.
    expect(list('acme', NOW + 10 * MINUTE)).toEqual([['acme', false, 0]]);
    expect(list('acme', NOW + DAY)).toEqual([]);
  });
});
