import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CdrRecord,
  type NotGatedCdr,
  type PostCallTagOptions,
  type PostCallTagRequest,
  tagCallRecord,
} from '../../src/index.js';
import { deepFreeze, propertyRuns } from '../support/properties.js';
import { cdrRecordArb, postCallOptions, untaggedCall } from './arbitraries.js';

const notGated: NotGatedCdr = untaggedCall;
const tracking: PostCallTagOptions = postCallOptions({ postCallTagMinutes: 1440 });
const validating: PostCallTagOptions = postCallOptions({
  validateCodes: true,
  postCallTagMinutes: 1440,
});
const request: PostCallTagRequest = {
  code: '1234',
  at: '2026-11-02T15:00:00Z',
  by: { role: 'caller', id: '201' },
};

describe('tagCallRecord (docs/rules.md#post-call-tagging)', () => {
  it('tags a call that was not gated: a new record with an audit entry', () => {
    const result = tagCallRecord(deepFreeze({ ...notGated }), request, tracking);
    expect(result).toEqual({
      kind: 'tagged',
      record: {
        ...notGated,
        postCallTags: [
          {
            previousCode: null,
            newCode: '1234',
            validated: false,
            at: '2026-11-02T15:00:00.000Z',
            by: { role: 'caller', id: '201' },
          },
        ],
      },
      tag: expect.objectContaining({ newCode: '1234' }),
    });
  });

  it('re-tags: the audit entry keeps the previous code, mid-call or post-call', () => {
    const midCalled: NotGatedCdr = {
      ...notGated,
      midCall: {
        accountCode: '3100',
        validated: false,
        attempts: 1,
        lockedOut: false,
        taggedAt: { keyIndex: 7 },
      },
    };
    const first = tagCallRecord(midCalled, request, tracking);
    if (first.kind !== 'tagged') throw new Error(first.kind);
    expect(first.tag.previousCode).toBe('3100');
    const second = tagCallRecord(
      first.record,
      { ...request, code: '2001', by: { role: 'administrator', id: 'alice' } },
      tracking,
    );
    if (second.kind !== 'tagged') throw new Error(second.kind);
    expect(second.record.postCallTags?.map((t) => [t.previousCode, t.newCode, t.by.role])).toEqual([
      ['3100', '1234', 'caller'],
      ['1234', '2001', 'administrator'],
    ]);
  });

  it('with validation on, asks for the look-up first, with its own admission id, then tags on a hit', () => {
    const step = tagCallRecord({ ...notGated, callId: 'c-17' }, request, validating);
    expect(step).toEqual({
      kind: 'lookup',
      lookup: { type: 'lookup', code: '1234', attempt: 11234 },
      callId: 'c-17:post-call',
    });
    const done = tagCallRecord(notGated, request, validating, {
      type: 'lookup-result',
      code: '1234',
      valid: true,
    });
    expect(done.kind === 'tagged' && done.tag.validated).toBe(true);
  });

  it.each([
    ['locked-out', /locked on this call's line \(trunk hq\)/],
    ['ledger-unavailable', /cannot be reached.*fail closed/],
  ] as const)('refuses when the ledger refused the look-up: %s', (reason, message) => {
    const result = tagCallRecord(notGated, request, validating, {
      type: 'lookup-refused',
      code: '1234',
      reason,
    });
    expect(result.kind === 'refused' && result.error).toMatchObject({ code: reason });
    expect(result.kind === 'refused' && result.error.message).toMatch(message);
  });

  it('with validation on, refuses a code the look-up misses', () => {
    const result = tagCallRecord(notGated, request, validating, {
      type: 'lookup-result',
      code: '1234',
      valid: false,
    });
    expect(result.kind === 'refused' && result.error.code).toBe('not-in-list');
  });

  it('asks again for a look-up whose answer is about another code', () => {
    const stale = tagCallRecord(notGated, request, validating, {
      type: 'lookup-result',
      code: '9999',
      valid: true,
    });
    expect(stale.kind).toBe('lookup');
  });

  it.each<[string, CdrRecord, Partial<PostCallTagRequest>, PostCallTagOptions, string, RegExp]>([
    [
      'a gated call',
      {
        ...notGated,
        gated: true,
        entry: { accountCode: '1234', validated: true, attempts: 1, outcome: 'connected' },
      },
      {},
      tracking,
      'gated-call',
      /code-gated: its code is never changed after the call, since that would authorize a call after the fact/,
    ],
    [
      'a call whose gating is unknown',
      { ...notGated, gated: null, accountCode: null },
      {},
      tracking,
      'gating-unknown',
      /does not say whether the call was code-gated/,
    ],
    [
      'post-call tagging off',
      notGated,
      {},
      { ...tracking, postCallTagMinutes: 0 },
      'post-call-tagging-off',
      /off/,
    ],
    [
      'a tag a minute too late',
      notGated,
      { at: '2026-11-03T14:11:00Z' },
      tracking,
      'too-late',
      /1440 minutes after that \(postCallTagMinutes\), until 2026-11-03T14:10:00.000Z/,
    ],
    [
      'a tag before the call ended',
      notGated,
      { at: '2026-11-02T14:05:00Z' },
      tracking,
      'before-call-end',
      /before the call ended/,
    ],
    [
      'a code of the wrong length',
      notGated,
      { code: '123' },
      validating,
      'wrong-length',
      /exactly 4 ASCII digits; got "123"/,
    ],
    ['a code with letters', notGated, { code: '12a4' }, tracking, 'wrong-length', /exactly 4/],
    [
      'a tagger without an id',
      notGated,
      { by: { role: 'caller', id: '' } },
      tracking,
      'invalid-value',
      /request\.by/,
    ],
    [
      'an instant without a zone',
      notGated,
      { at: '2026-11-02T15:00:00' },
      tracking,
      'invalid-value',
      /request\.at/,
    ],
    [
      'options out of range',
      notGated,
      {},
      { ...tracking, postCallTagMinutes: 50000 },
      'out-of-range',
      /^postCallTagMinutes must be an integer from 0 \(off\) to 44640 \(31 days\); got 50000$/,
    ],
    [
      'a record that is not one',
      { ...notGated, end: 'later' } as never,
      {},
      tracking,
      'invalid-cdr-record',
      /^end must be/,
    ],
  ])('refuses %s with a typed error saying why', (_, record, patch, options, code, message) => {
    const result = tagCallRecord(record, { ...request, ...patch }, options);
    expect(result.kind).toBe('refused');
    if (result.kind !== 'refused') return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  });

  it('tags at the very end of the window, and refuses a gated call before asking for any look-up', () => {
    expect(tagCallRecord(notGated, { ...request, at: '2026-11-03T14:10:00Z' }, tracking).kind).toBe(
      'tagged',
    );
    const gated: CdrRecord = {
      ...notGated,
      gated: true,
      entry: { accountCode: null, validated: false, attempts: 3, outcome: 'ended' },
    };
    expect(tagCallRecord(gated, request, validating).kind).toBe('refused');
  });

  it('is total and never mutates its inputs, for any record and request', () => {
    fc.assert(
      fc.property(
        cdrRecordArb,
        fc.record({
          code: fc.constantFrom('1234', '12', 'abcd'),
          at: fc.integer({
            min: Date.parse('2026-10-01T00:00:00Z'),
            max: Date.parse('2026-12-05T00:00:00Z'),
          }),
          by: fc.record({
            role: fc.constantFrom('caller' as const, 'administrator' as const),
            id: fc.constantFrom('201', 'alice'),
          }),
        }),
        fc.constantFrom(tracking, validating),
        fc.option(fc.boolean(), { nil: undefined }),
        (record, req, options, valid) => {
          const before = JSON.stringify([record, req, options]);
          const answer =
            valid === undefined ? undefined : ({ type: 'lookup-result', valid } as const);
          const result = tagCallRecord(
            deepFreeze(record),
            deepFreeze(req),
            deepFreeze(options),
            answer,
          );
          expect(JSON.stringify([record, req, options])).toBe(before);
          if (result.kind === 'tagged') {
            expect(record.gated).toBe(false);
            expect(result.record.postCallTags?.at(-1)).toEqual(result.tag);
          }
        },
      ),
      propertyRuns(),
    );
  });
});
