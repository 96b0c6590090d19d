/**
 * parseMidCallState (docs/rules.md#mid-call-tagging): a call never has more incorrect entries than
 * `maxRetries`, whatever its attempts, so a stored state claiming more is
 * refused at `incorrect`, naming the bound.
 */
import { describe, expect, it } from 'vitest';
import type { DtmfKey, EntryEvent } from '../../src/entry/events.js';
import { midCallRecord, parseMidCallState } from '../../src/entry/mid-call.js';
import { MID_CALL_AUTHORIZATION, runMidCall, startedMidCall } from './drive.js';

const options = { codeLength: 4, maxRetries: 2, validateCodes: true, midCallCode: '*50' };
const listening = {
  phase: 'listening',
  options,
  keys: 20,
  attempts: 5,
  incorrect: 2,
  lockedOut: false,
  tag: null,
  matched: 0,
};

describe('parseMidCallState: the incorrect-entry bound', () => {
  it('accepts incorrect at maxRetries with more attempts (the budget spent, codes accepted too)', () => {
    expect(parseMidCallState(listening)).toEqual({ ok: true, state: listening });
  });

  it('refuses incorrect above maxRetries even when attempts would allow it', () => {
    expect(parseMidCallState({ ...listening, incorrect: 3 })).toEqual({
      ok: false,
      error: {
        code: 'invalid-mid-call-state',
        path: ['incorrect'],
        message: 'incorrect must be a whole number up to 2 and attempts; got 3',
      },
    });
  });
});

describe('timestamps of the longest accepted length (64 characters)', () => {
  const at = 'x'.repeat(64);

  it('go through a look-up into the tag: the state holding one is a valid state', () => {
    const keys: EntryEvent[] = [...'*501234'].map((key) => ({
      type: 'key',
      key: key as DtmfKey,
      at,
    }));
    const awaiting = runMidCall(startedMidCall(MID_CALL_AUTHORIZATION), keys).state;
    expect(awaiting).toMatchObject({ phase: 'awaiting-lookup', at });
    expect(parseMidCallState(awaiting).ok).toBe(true);
    const tagged = runMidCall(awaiting, [{ type: 'lookup-result', valid: true }]).state;
    expect(midCallRecord(tagged)).toMatchObject({
      accountCode: '1234',
      taggedAt: { keyIndex: 6, at },
    });
  });
});
