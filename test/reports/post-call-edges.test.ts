/**
 * Post-call tagging at its edges (docs/rules.md#reports-and-post-call-tagging): each typed refusal with its path
 * and message, the window's two ends to the millisecond, answers that are not
 * for this look-up, and the ledger's time and subject when the look-up is
 * admitted (docs/rules.md#lockout).
 */
import { describe, expect, it } from 'vitest';
import {
  createCodeDirectory,
  createMemoryLockoutStore,
  type LockoutSettings,
  type NotGatedCdr,
  type PostCallLookup,
  type PostCallTagOptions,
  type PostCallTagRequest,
  tagCallRecord,
  tagCallRecordWithLookup,
} from '../../src/index.js';
import { postCallOptions, untaggedCall } from './arbitraries.js';

const record: NotGatedCdr = untaggedCall;
const END = Date.parse(record.end);
const tracking: PostCallTagOptions = postCallOptions({ postCallTagMinutes: 60 });
const validating: PostCallTagOptions = postCallOptions({
  validateCodes: true,
  postCallTagMinutes: 60,
});
/** `tracking` with one of the trunk's resolved settings changed. */
const withSetting = (setting: Record<string, unknown>) =>
  ({
    ...tracking,
    trunk: { ...tracking.trunk, settings: { ...tracking.trunk.settings, ...setting } },
  }) as PostCallTagOptions;
const request: PostCallTagRequest = {
  code: '1234',
  at: END + 60_000,
  by: { role: 'caller', id: '201' },
};

function refusal(...args: Parameters<typeof tagCallRecord>) {
  const result = tagCallRecord(...args);
  if (result.kind !== 'refused') throw new Error(result.kind);
  return result.error;
}

const BY = 'request.by must be { role: "caller" or "administrator", id: 1 to 64 characters }';

describe('the request’s typed problems', () => {
  it.each<[string, unknown, string, readonly string[], string]>([
    ['no request', null, 'invalid-type', ['request'], 'request must be { code, at, by }; got null'],
    [
      'a request that is a string',
      '1234',
      'invalid-type',
      ['request'],
      'request must be { code, at, by }; got "1234"',
    ],
    [
      'a code that is a number',
      { ...request, code: 1234 },
      'invalid-type',
      ['request', 'code'],
      'request.code must be a string; got 1234',
    ],
    [
      'no time',
      { ...request, at: undefined },
      'invalid-value',
      ['request', 'at'],
      'request.at must be epoch milliseconds or an ISO 8601 instant with a zone, such as "2026-11-02T14:05:10Z" or "2026-11-02T09:05:10-05:00"; got nothing',
    ],
    [
      'no tagger',
      { ...request, by: undefined },
      'invalid-value',
      ['request', 'by'],
      `${BY}; got nothing`,
    ],
    [
      'a null tagger',
      { ...request, by: null },
      'invalid-value',
      ['request', 'by'],
      `${BY}; got null`,
    ],
    [
      'a tagger of another role',
      { ...request, by: { role: 'admin', id: 'alice' } },
      'invalid-value',
      ['request', 'by'],
      `${BY}; got an object`,
    ],
    [
      'a tagger id that is a number',
      { ...request, by: { role: 'caller', id: 201 } },
      'invalid-value',
      ['request', 'by'],
      `${BY}; got an object`,
    ],
    [
      'a tagger id of 65 characters',
      { ...request, by: { role: 'administrator', id: 'a'.repeat(65) } },
      'invalid-value',
      ['request', 'by'],
      `${BY}; got an object`,
    ],
  ])('refuses %s', (_, req, code, path, message) => {
    expect(refusal(record, req as never, tracking)).toEqual({ code, path, message });
  });

  it('takes tagger ids of 1 and 64 characters, and keeps only role and id in the audit entry', () => {
    for (const id of ['a', 'a'.repeat(64)]) {
      const result = tagCallRecord(
        record,
        { ...request, by: { role: 'administrator', id, extra: 1 } as never },
        tracking,
      );
      expect(result.kind === 'tagged' && result.tag.by).toEqual({ role: 'administrator', id });
    }
  });

  it('refuses options that are not an object, then names the option that is wrong', () => {
    expect(refusal(record, request, null as never)).toMatchObject({
      code: 'invalid-type',
      path: [],
    });
    expect(refusal(record, request, withSetting({ validateCodes: 'yes' }))).toMatchObject({
      path: ['trunk', 'settings', 'validateCodes'],
    });
    expect(refusal(record, request, withSetting({ codeLength: 0 }))).toMatchObject({
      path: ['trunk', 'settings', 'codeLength'],
    });
    expect(refusal(record, request, { ...tracking, postCallTagMinutes: -1 })).toMatchObject({
      path: ['postCallTagMinutes'],
    });
  });

  it('checks the record first, then the options, then the request', () => {
    expect(refusal({ ...record, end: 'x' } as never, null as never, null as never).code).toBe(
      'invalid-cdr-record',
    );
    expect(refusal(record, null as never, null as never).path).toEqual([]);
  });
});

describe('the window: from the call’s end to postCallTagMinutes after it, both included', () => {
  it('tags at the very millisecond the call ended', () => {
    const result = tagCallRecord(record, { ...request, at: END }, tracking);
    expect(result.kind === 'tagged' && result.tag.at).toBe('2026-11-02T14:10:00.000Z');
  });

  it('refuses a millisecond before the end, saying both instants', () => {
    expect(refusal(record, { ...request, at: END - 1 }, tracking)).toEqual({
      code: 'before-call-end',
      path: ['request', 'at'],
      message:
        'request.at (2026-11-02T14:09:59.999Z) is before the call ended (2026-11-02T14:10:00.000Z); a call is tagged after it ends',
    });
  });

  it('tags at the last millisecond of the window and refuses the next, saying until when', () => {
    const last = END + 60 * 60_000;
    expect(tagCallRecord(record, { ...request, at: last }, tracking).kind).toBe('tagged');
    expect(refusal(record, { ...request, at: last + 1 }, tracking)).toEqual({
      code: 'too-late',
      path: ['request', 'at'],
      message:
        'the call ended at 2026-11-02T14:10:00.000Z; it can be tagged for 60 minutes after that (postCallTagMinutes), until 2026-11-02T15:10:00.000Z; request.at is 2026-11-02T15:10:00.001Z',
    });
  });

  it('with a window of one minute, counts the minute from the end and says "1 minute"', () => {
    const one = { ...tracking, postCallTagMinutes: 1 };
    expect(tagCallRecord(record, { ...request, at: END + 60_000 }, one).kind).toBe('tagged');
    expect(refusal(record, { ...request, at: END + 60_001 }, one).message).toContain(
      'it can be tagged for 1 minute after that (postCallTagMinutes), until 2026-11-02T14:11:00.000Z',
    );
  });

  it('says tagging is off when postCallTagMinutes is 0, before looking at the time', () => {
    expect(
      refusal(record, { ...request, at: END - 1 }, { ...tracking, postCallTagMinutes: 0 }),
    ).toEqual({
      code: 'post-call-tagging-off',
      path: ['postCallTagMinutes'],
      message: 'post-call tagging is off (postCallTagMinutes is 0)',
    });
  });

  it('refuses a gated call and a PBX’s record with the path of the record’s gated field', () => {
    const gated = refusal(
      {
        ...record,
        gated: true,
        entry: { accountCode: null, validated: false, attempts: 0, outcome: 'ended' },
      },
      request,
      tracking,
    );
    expect([gated.code, gated.path]).toEqual(['gated-call', ['record', 'gated']]);
    const pbx = refusal({ ...record, gated: null, accountCode: '1234' }, request, tracking);
    expect([pbx.code, pbx.path]).toEqual(['gating-unknown', ['record', 'gated']]);
  });

  it('refuses a code of the wrong length for the account’s codeLength, with the length', () => {
    expect(
      refusal(
        record,
        { ...request, code: '1234' },
        postCallOptions({ postCallTagMinutes: 60, codeLength: 6 }),
      ),
    ).toEqual({
      code: 'wrong-length',
      path: ['request', 'code'],
      message: 'request.code must be a string of exactly 6 ASCII digits; got "1234"',
    });
    expect(
      tagCallRecord(
        record,
        { ...request, code: '123456' },
        postCallOptions({ postCallTagMinutes: 60, codeLength: 6 }),
      ).kind,
    ).toBe('tagged');
  });
});

describe('the look-up’s answer', () => {
  it('asks for the look-up with a call id of its own when the record has none, and the code as attempt', () => {
    expect(tagCallRecord(record, { ...request, code: '0420' }, validating)).toEqual({
      kind: 'lookup',
      lookup: { type: 'lookup', code: '0420', attempt: 10420 },
      callId: 'call:post-call',
    });
  });

  it('takes an answer that names no code as the answer for this one', () => {
    const result = tagCallRecord(record, request, validating, {
      type: 'lookup-result',
      valid: true,
    });
    expect(result.kind === 'tagged' && result.tag).toEqual({
      previousCode: null,
      newCode: '1234',
      validated: true,
      at: '2026-11-02T14:11:00.000Z',
      by: { role: 'caller', id: '201' },
    });
  });

  it('asks again on an answer of another kind, or a refusal about another code', () => {
    expect(
      tagCallRecord(record, request, validating, { type: 'key', key: '1' } as never).kind,
    ).toBe('lookup');
    expect(
      tagCallRecord(record, request, validating, {
        type: 'lookup-refused',
        code: '9999',
        reason: 'locked-out',
      }).kind,
    ).toBe('lookup');
  });

  it('refuses on an answer that is not valid: true, saying which code', () => {
    const error = refusal(record, request, validating, {
      type: 'lookup-result',
      code: '1234',
      valid: 'yes' as never,
    });
    expect(error).toEqual({
      code: 'not-in-list',
      path: ['request', 'code'],
      message: "code 1234 is not in the account's list",
    });
  });

  it('refuses a locked line, naming the trunk, and an unreachable ledger, on the code’s path', () => {
    const legal = postCallOptions({
      validateCodes: true,
      postCallTagMinutes: 60,
      trunkId: 'legal',
    });
    const locked = refusal({ ...record, trunk: 'legal' }, request, legal, {
      type: 'lookup-refused',
      code: '1234',
      reason: 'locked-out',
    });
    expect(locked).toEqual({
      code: 'locked-out',
      path: ['request', 'code'],
      message:
        "account codes are locked on this call's line (trunk legal): the lockout ledger admits no look-up until the scope unlocks or an administrator unblocks it",
    });
    const down = refusal(record, request, validating, {
      type: 'lookup-refused',
      reason: 'ledger-unavailable',
    });
    expect(down).toEqual({
      code: 'ledger-unavailable',
      path: ['request', 'code'],
      message:
        'the lockout ledger cannot be reached, so the code was not looked up and the call was not tagged (fail closed)',
    });
  });

  it('ignores an answer in tracking mode, and records the tag as not validated', () => {
    const result = tagCallRecord(record, request, tracking, {
      type: 'lookup-result',
      code: '1234',
      valid: false,
    });
    expect(result.kind === 'tagged' && result.tag.validated).toBe(false);
  });

  it('appends to the tags already on the record', () => {
    const first = tagCallRecord(record, request, tracking);
    if (first.kind !== 'tagged') throw new Error(first.kind);
    const second = tagCallRecord(first.record, { ...request, code: '3100' }, tracking);
    expect(
      second.kind === 'tagged' &&
        second.record.postCallTags?.map((t) => [t.previousCode, t.newCode]),
    ).toEqual([
      [null, '1234'],
      ['1234', '3100'],
    ]);
  });
});

describe('tagCallRecordWithLookup: the admission', () => {
  const settings: LockoutSettings = {
    maxFailures: 3,
    windowMinutes: 60,
    scope: 'trunk',
    unlockAfterMinutes: 60,
    maxFailuresPerDay: 1000,
  };
  const CLOCK = END + 2 * 60_000;

  function setUp(lockout: LockoutSettings | false = settings, at?: number) {
    const store = createMemoryLockoutStore({ clock: () => CLOCK });
    const built = createCodeDirectory(['1234'], 4);
    if (!built.ok) throw new Error('directory');
    const lookup: PostCallLookup = {
      directory: built.directory,
      store,
      lockout,
      accountId: 'acme',
      ...(at === undefined ? {} : { at }),
    };
    return { store, lookup };
  }
  const failures = (store: ReturnType<typeof createMemoryLockoutStore>) =>
    Object.values(store.snapshot().scopes).flatMap((e) =>
      e.failures.map((f) => [e.key.kind, e.key.callerId, f.at]),
    );

  it('answers a refusal before any look-up with no alerts, no status and no problem', async () => {
    const { lookup } = setUp();
    expect(
      await tagCallRecordWithLookup(record, { ...request, at: END - 1 }, validating, lookup),
    ).toEqual({
      result: expect.objectContaining({ kind: 'refused' }),
      alerts: [],
      status: null,
      problem: null,
    });
  });

  it('counts a miss at the store’s clock, never at request.at', async () => {
    const { store, lookup } = setUp();
    await tagCallRecordWithLookup(
      record,
      { ...request, code: '9999', at: END + 30 * 60_000 },
      validating,
      lookup,
    );
    expect(failures(store)).toEqual([['trunk', null, CLOCK]]);
  });

  it('counts a miss at lookup.at when given', async () => {
    const { store, lookup } = setUp(settings, END + 5 * 60_000);
    const done = await tagCallRecordWithLookup(
      record,
      { ...request, code: '9999' },
      validating,
      lookup,
    );
    expect(failures(store)).toEqual([['trunk', null, END + 5 * 60_000]]);
    expect(done).toMatchObject({ alerts: [], problem: null, status: { failures: 1, limit: 3 } });
  });

  it('under caller scope, counts a record without a caller on its trunk alone', async () => {
    const { store, lookup } = setUp({ ...settings, scope: 'caller' });
    await tagCallRecordWithLookup(
      { ...record, caller: null },
      { ...request, code: '9999' },
      validating,
      lookup,
    );
    const keys = Object.values(store.snapshot().scopes).map((e) => [
      e.key.kind,
      e.key.trunkId,
      e.key.callerId,
    ]);
    expect(keys.every(([, trunk, caller]) => trunk === 'hq' && caller === null)).toBe(true);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('with lockout off, looks up without the ledger: no status, no count', async () => {
    const { store, lookup } = setUp(false);
    const done = await tagCallRecordWithLookup(
      record,
      { ...request, code: '9999' },
      validating,
      lookup,
    );
    expect(done.result.kind === 'refused' && done.result.error.code).toBe('not-in-list');
    expect([done.status, done.problem, done.alerts]).toEqual([null, null, []]);
    expect(Object.keys(store.snapshot().scopes)).toEqual([]);
  });

  it('refuses a record without a trunk while lockout is on, saying why', async () => {
    const { lookup } = setUp();
    expect(
      await tagCallRecordWithLookup({ ...record, trunk: null }, request, validating, lookup),
    ).toEqual({
      result: {
        kind: 'refused',
        error: {
          code: 'no-trunk',
          path: ['record', 'trunk'],
          message:
            "the record names no trunk, so the look-up cannot be admitted against the lockout ledger on the call's trunk; the call was not tagged",
        },
      },
      alerts: [],
      status: null,
      problem: null,
    });
  });
});
