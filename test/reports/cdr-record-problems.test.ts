/**
 * parseCdrRecord's typed problems (docs/rules.md#reports-and-post-call-tagging): the path names the first wrong
 * field and the message says what it allows. Every field of every record
 * kind, with its boundaries, so a JSON-lines CDR that is wrong says where.
 */
import { describe, expect, it } from 'vitest';
import { type CdrRecord, cdrTagState, parseCdrRecord } from '../../src/index.js';

const call = {
  start: '2026-11-02T14:00:00Z',
  end: '2026-11-02T14:10:00Z',
  answered: true,
  billableSeconds: 600,
  trunk: 'hq',
  dialed: '912125550123',
  caller: '201',
};
const entry = { accountCode: '1234', validated: true, attempts: 1, outcome: 'connected' };
const midCall = {
  accountCode: '1234',
  validated: true,
  attempts: 1,
  lockedOut: false,
  taggedAt: { keyIndex: 7 },
};
const tag = {
  previousCode: null,
  newCode: '1234',
  validated: false,
  at: '2026-11-02T15:00:00Z',
  by: { role: 'caller', id: '201' },
};
const gated = { ...call, gated: true, entry };
const notGated = { ...call, gated: false, midCall, postCallTags: [tag] };
const pbx = { ...call, gated: null, accountCode: '1234' };

const INSTANT =
  'an ISO 8601 instant with a zone, such as "2026-11-02T14:05:10Z" or "2026-11-02T09:05:10-05:00"';
const BY = '{ role: "caller" or "administrator", id: 1 to 64 characters }';

function problem(value: unknown) {
  const parsed = parseCdrRecord(value);
  if (parsed.ok) throw new Error('accepted');
  return parsed.problem;
}

const accepted = (value: unknown): boolean => parseCdrRecord(value).ok;

describe('parseCdrRecord names the wrong field and what it allows', () => {
  it.each<[string, unknown, readonly (string | number)[], string]>([
    ['a value that is not an object', 'x', [], 'a CDR record must be a JSON object; got "x"'],
    ['null', null, [], 'a CDR record must be a JSON object; got null'],
    ['an array', [gated], [], 'a CDR record must be a JSON object; got an array'],
    [
      'an empty callId',
      { ...gated, callId: '' },
      ['callId'],
      'callId must be a string of 1 to 64 characters; got ""',
    ],
    [
      'a start that is not a string',
      { ...gated, start: Date.parse(call.start) },
      ['start'],
      `start must be ${INSTANT}; got ${Date.parse(call.start)}`,
    ],
    [
      'an end in epoch milliseconds',
      { ...gated, end: Date.parse(call.end) },
      ['end'],
      `end must be ${INSTANT}; got ${Date.parse(call.end)}`,
    ],
    [
      'an end missing',
      { ...gated, end: undefined },
      ['end'],
      `end must be ${INSTANT}; got nothing`,
    ],
    [
      'answered not a boolean',
      { ...gated, answered: 'yes' },
      ['answered'],
      'answered must be true or false; got "yes"',
    ],
    [
      'negative billable seconds',
      { ...gated, billableSeconds: -1 },
      ['billableSeconds'],
      'billableSeconds must be a whole number of seconds, 0 or more; got -1',
    ],
    [
      'an empty trunk',
      { ...gated, trunk: '' },
      ['trunk'],
      'trunk must be a trunk id or null; got ""',
    ],
    [
      'a dial string that is not a string',
      { ...gated, dialed: 911 },
      ['dialed'],
      'dialed must be the dial string; got 911',
    ],
    [
      'a caller that is a number',
      { ...gated, caller: 201 },
      ['caller'],
      'caller must be a string or null; got 201',
    ],
    [
      'gated neither true, false nor null',
      { ...gated, gated: 1 },
      ['gated'],
      'gated must be true, false or null (not known); got 1',
    ],
    [
      'a PBX account code that is a number',
      { ...pbx, accountCode: 1234 },
      ['accountCode'],
      'accountCode must be a string or null; got 1234',
    ],
    [
      'an entry that is not an object',
      { ...gated, entry: null },
      ['entry'],
      'entry must be the record of code entry; got null',
    ],
    [
      'an entry code that is a number',
      { ...gated, entry: { ...entry, accountCode: 1234 } },
      ['entry', 'accountCode'],
      'entry.accountCode must be a string or null; got 1234',
    ],
    [
      'an entry without validated',
      { ...gated, entry: { ...entry, validated: undefined } },
      ['entry', 'validated'],
      'entry.validated must be true or false; got nothing',
    ],
    [
      'entry attempts below 0',
      { ...gated, entry: { ...entry, attempts: -1 } },
      ['entry', 'attempts'],
      'entry.attempts must be a whole number, 0 or more; got -1',
    ],
    [
      'an entry outcome that is not a string',
      { ...gated, entry: { ...entry, outcome: 3 } },
      ['entry', 'outcome'],
      'entry.outcome must be one of "connected", "connected-after-max-retries", "connected-unattended", "ended", "abandoned", "locked-out", "ledger-unavailable", "incomplete"; got 3',
    ],
    [
      'a mid-call record that is not an object',
      { ...notGated, midCall: [] },
      ['midCall'],
      'midCall must be the record of mid-call tagging, or null; got an array',
    ],
    [
      'a mid-call code that is a number',
      { ...notGated, midCall: { ...midCall, accountCode: 7 } },
      ['midCall', 'accountCode'],
      'midCall.accountCode must be a string or null; got 7',
    ],
    [
      'a mid-call validated that is not a boolean',
      { ...notGated, midCall: { ...midCall, validated: null } },
      ['midCall', 'validated'],
      'midCall.validated must be true or false; got null',
    ],
    [
      'mid-call attempts that are not whole',
      { ...notGated, midCall: { ...midCall, attempts: 1.5 } },
      ['midCall', 'attempts'],
      'midCall.attempts must be a whole number, 0 or more; got 1.5',
    ],
    [
      'a mid-call taggedAt without keyIndex',
      { ...notGated, midCall: { ...midCall, taggedAt: { at: 5 } } },
      ['midCall', 'taggedAt'],
      'midCall.taggedAt must be null or { keyIndex, at? }; got an object',
    ],
    [
      'post-call tags that are not a list',
      { ...notGated, postCallTags: tag },
      ['postCallTags'],
      'postCallTags must be a list of post-call tags; got an object',
    ],
    [
      'a post-call tag that is not an object',
      { ...notGated, postCallTags: [tag, 'x'] },
      ['postCallTags', 1],
      'postCallTags[1] must be a post-call tag; got "x"',
    ],
    [
      'a previous code that is a number',
      { ...notGated, postCallTags: [{ ...tag, previousCode: 1 }] },
      ['postCallTags', 0, 'previousCode'],
      'postCallTags[0].previousCode must be a string or null; got 1',
    ],
    [
      'a new code that is null',
      { ...notGated, postCallTags: [{ ...tag, newCode: null }] },
      ['postCallTags', 0, 'newCode'],
      'postCallTags[0].newCode must be a string; got null',
    ],
    [
      'a tag validated that is not a boolean',
      { ...notGated, postCallTags: [{ ...tag, validated: 'no' }] },
      ['postCallTags', 0, 'validated'],
      'postCallTags[0].validated must be true or false; got "no"',
    ],
    [
      'a tag time without a zone',
      { ...notGated, postCallTags: [{ ...tag, at: '2026-11-02T15:00:00' }] },
      ['postCallTags', 0, 'at'],
      `postCallTags[0].at must be ${INSTANT}; got "2026-11-02T15:00:00"`,
    ],
    [
      'a tag time in epoch milliseconds',
      { ...notGated, postCallTags: [{ ...tag, at: 0 }] },
      ['postCallTags', 0, 'at'],
      `postCallTags[0].at must be ${INSTANT}; got 0`,
    ],
    [
      'a tagger that is not an object',
      { ...notGated, postCallTags: [{ ...tag, by: 'alice' }] },
      ['postCallTags', 0, 'by'],
      `postCallTags[0].by must be ${BY}; got "alice"`,
    ],
    [
      'a tagger of another role',
      { ...notGated, postCallTags: [{ ...tag, by: { role: 'user', id: '201' } }] },
      ['postCallTags', 0, 'by'],
      `postCallTags[0].by must be ${BY}; got an object`,
    ],
    [
      'a tagger without an id',
      { ...notGated, postCallTags: [{ ...tag, by: { role: 'administrator', id: '' } }] },
      ['postCallTags', 0, 'by'],
      `postCallTags[0].by must be ${BY}; got an object`,
    ],
  ])('refuses %s', (_, value, path, message) => {
    expect(problem(value)).toEqual({ code: 'invalid-cdr-record', path, message });
  });

  it('accepts each record kind as it is, without copying it', () => {
    for (const value of [gated, notGated, pbx, { ...notGated, midCall: null }]) {
      const parsed = parseCdrRecord(value);
      expect(parsed.ok && parsed.record).toBe(value);
    }
  });

  it('accepts a tag by the caller and one by an administrator, in one list', () => {
    const admin = { ...tag, previousCode: '1234', by: { role: 'administrator', id: 'alice' } };
    expect(accepted({ ...notGated, postCallTags: [tag, admin] })).toBe(true);
    expect(problem({ ...notGated, postCallTags: [tag, admin, { ...tag, by: null }] }).path).toEqual(
      ['postCallTags', 2, 'by'],
    );
  });

  it('takes ids of 1 to 64 characters: callId, trunk and tagger alike', () => {
    const id64 = 'x'.repeat(64);
    const id65 = 'x'.repeat(65);
    expect(accepted({ ...gated, callId: 'c' })).toBe(true);
    expect(accepted({ ...gated, callId: id64 })).toBe(true);
    expect(problem({ ...gated, callId: id65 }).path).toEqual(['callId']);
    expect(problem({ ...gated, callId: 7 }).path).toEqual(['callId']);
    expect(accepted({ ...gated, trunk: id64 })).toBe(true);
    expect(accepted({ ...gated, trunk: null })).toBe(true);
    expect(problem({ ...gated, trunk: id65 }).path).toEqual(['trunk']);
    const by = (id: string) => ({
      ...notGated,
      postCallTags: [{ ...tag, by: { role: 'caller', id } }],
    });
    expect(accepted(by('a'))).toBe(true);
    expect(accepted(by(id64))).toBe(true);
    expect(problem(by(id65)).path).toEqual(['postCallTags', 0, 'by']);
  });

  it('takes ids only as strings, not lists or objects of a fitting length', () => {
    expect(problem({ ...gated, callId: ['c-17'] }).path).toEqual(['callId']);
    expect(problem({ ...gated, trunk: { length: 2 } }).path).toEqual(['trunk']);
    const by = { role: 'caller', id: ['201'] };
    expect(problem({ ...notGated, postCallTags: [{ ...tag, by }] }).path).toEqual([
      'postCallTags',
      0,
      'by',
    ]);
  });

  it('takes a record not gated without post-call tags, and refuses a taggedAt that is a list', () => {
    expect(accepted({ ...call, gated: false, midCall })).toBe(true);
    const taggedAt = Object.assign([], { keyIndex: 7 });
    expect(problem({ ...notGated, midCall: { ...midCall, taggedAt } }).path).toEqual([
      'midCall',
      'taggedAt',
    ]);
  });

  it('takes counts from 0 to the largest exact integer', () => {
    expect(accepted({ ...gated, billableSeconds: 0 })).toBe(true);
    expect(accepted({ ...gated, billableSeconds: Number.MAX_SAFE_INTEGER })).toBe(true);
    expect(problem({ ...gated, billableSeconds: 2 ** 53 }).path).toEqual(['billableSeconds']);
    expect(problem({ ...gated, billableSeconds: '5' }).path).toEqual(['billableSeconds']);
    expect(accepted({ ...gated, entry: { ...entry, attempts: 0 } })).toBe(true);
    expect(accepted({ ...notGated, midCall: { ...midCall, attempts: 0 } })).toBe(true);
    expect(accepted({ ...notGated, midCall: { ...midCall, taggedAt: { keyIndex: 0 } } })).toBe(
      true,
    );
    expect(
      problem({ ...notGated, midCall: { ...midCall, taggedAt: { keyIndex: -1 } } }).path,
    ).toEqual(['midCall', 'taggedAt']);
  });

  it('takes an end equal to the start, and refuses one a millisecond before it', () => {
    expect(accepted({ ...gated, end: call.start })).toBe(true);
    expect(problem({ ...gated, end: '2026-11-02T13:59:59.999Z' })).toEqual({
      code: 'invalid-cdr-record',
      path: ['end'],
      message: 'end must be an instant not before start; got "2026-11-02T13:59:59.999Z"',
    });
    // The same instant in another offset is not before it.
    expect(accepted({ ...gated, end: '2026-11-02T09:00:00-05:00' })).toBe(true);
  });

  it('takes null or a string where a code may be missing', () => {
    expect(accepted({ ...pbx, accountCode: null })).toBe(true);
    expect(accepted({ ...gated, entry: { ...entry, accountCode: null } })).toBe(true);
    expect(
      accepted({ ...notGated, midCall: { ...midCall, accountCode: null, taggedAt: null } }),
    ).toBe(true);
    expect(accepted({ ...gated, caller: null })).toBe(true);
    expect(accepted({ ...notGated, postCallTags: [] })).toBe(true);
  });

  it('checks the call’s own fields before its tagging', () => {
    expect(problem({ ...gated, caller: 1, entry: null }).path).toEqual(['caller']);
    expect(problem({ ...notGated, midCall: 'x', postCallTags: 'y' }).path).toEqual(['midCall']);
  });
});

describe('cdrTagState: the code a call carries now', () => {
  const record = (value: unknown) => value as CdrRecord;

  it('a gated call: code entry’s code, or untagged without one, or locked out', () => {
    expect(cdrTagState(record(gated))).toEqual({ kind: 'tagged', accountCode: '1234' });
    expect(cdrTagState(record({ ...gated, entry: { ...entry, accountCode: null } }))).toEqual({
      kind: 'untagged',
    });
    expect(
      cdrTagState(
        record({ ...gated, entry: { ...entry, accountCode: null, outcome: 'locked-out' } }),
      ),
    ).toEqual({ kind: 'locked-out' });
  });

  it('a call not gated: the last post-call tag, else mid-call tagging, else untagged', () => {
    const retag = { ...tag, previousCode: '1234', newCode: '2001' };
    expect(cdrTagState(record({ ...notGated, postCallTags: [tag, retag] }))).toEqual({
      kind: 'tagged',
      accountCode: '2001',
    });
    expect(
      cdrTagState(
        record({ ...notGated, midCall: { ...midCall, accountCode: '3100' }, postCallTags: [] }),
      ),
    ).toEqual({ kind: 'tagged', accountCode: '3100' });
    expect(cdrTagState(record({ ...call, gated: false, midCall: null }))).toEqual({
      kind: 'untagged',
    });
  });

  it('a PBX’s record: its account code column, or untagged when empty', () => {
    expect(cdrTagState(record(pbx))).toEqual({ kind: 'tagged', accountCode: '1234' });
    expect(cdrTagState(record({ ...pbx, accountCode: null }))).toEqual({ kind: 'untagged' });
  });
});
