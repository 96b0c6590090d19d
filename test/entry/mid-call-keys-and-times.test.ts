/**
 * Mid-call tagging (docs/rules.md#mid-call-tagging) keeps, for the call record, which key completed
 * the code and when: every key counts, a timeout does not, and a timestamp
 * appears in the record exactly when the completing key carried one.
 */
import { describe, expect, it } from 'vitest';
import type { EntryEvent } from '../../src/entry/events.js';
import {
  advanceMidCall,
  type MidCallOptions,
  type MidCallState,
  midCallRecord,
  startMidCallTagging,
} from '../../src/entry/mid-call.js';
import { MID_CALL_AUTHORIZATION, MID_CALL_TRACKING } from './drive.js';

const TRACKING = MID_CALL_TRACKING;
const AUTHORIZATION = MID_CALL_AUTHORIZATION;

function key(k: string, at?: string): EntryEvent {
  return (at === undefined ? { type: 'key', key: k } : { type: 'key', key: k, at }) as EntryEvent;
}

function run(options: MidCallOptions, events: readonly EntryEvent[]) {
  const start = startMidCallTagging(options);
  if (!start.ok) throw new Error(start.error.message);
  let state: MidCallState = start.state;
  let effects: readonly unknown[] = [];
  for (const event of events) {
    const next = advanceMidCall(state, event);
    state = next.state;
    effects = next.effects;
  }
  return { state, effects };
}

const STAR_CODE = [key('*'), key('5'), key('0')];

describe('mid-call keys and timestamps (docs/rules.md#mid-call-tagging)', () => {
  it('an untagged call has an untagged record', () => {
    expect(midCallRecord(run(TRACKING, []).state)).toEqual({
      accountCode: null,
      validated: false,
      attempts: 0,
      lockedOut: false,
      taggedAt: null,
    });
  });

  it('* while keying a code clears the digits, counts the key and asks again', () => {
    const { state, effects } = run(TRACKING, [...STAR_CODE, key('1'), key('2'), key('*')]);
    expect(state).toMatchObject({ phase: 'collecting', keys: 6, digits: '', attempts: 0 });
    expect(effects).toEqual([{ type: 'play', prompt: 'enter-code' }]);
  });

  it('# submits early and counts as a key; the short entry is an incorrect attempt', () => {
    const { state } = run(TRACKING, [...STAR_CODE, key('1'), key('#')]);
    expect(state).toMatchObject({ phase: 'collecting', keys: 5, attempts: 1, incorrect: 1 });
  });

  it('a timeout submits what was keyed without counting a key', () => {
    const { state } = run(TRACKING, [...STAR_CODE, key('1'), { type: 'timeout' }]);
    expect(state).toMatchObject({ phase: 'collecting', keys: 4, attempts: 1, incorrect: 1 });
  });

  it('in tracking mode the tag is not validated and carries the completing key’s time', () => {
    const { state } = run(TRACKING, [...STAR_CODE, key('1'), key('2'), key('3'), key('4', 'T')]);
    expect(midCallRecord(state)).toEqual({
      accountCode: '1234',
      validated: false,
      attempts: 1,
      lockedOut: false,
      taggedAt: { keyIndex: 6, at: 'T' },
    });
  });

  it('with validation on the look-up keeps the completing key’s time for the tag', () => {
    const keyed = [...STAR_CODE, key('1'), key('2'), key('3'), key('4', 'T')];
    const waiting = run(AUTHORIZATION, keyed);
    expect(waiting.state).toMatchObject({ phase: 'awaiting-lookup', code: '1234', at: 'T' });
    expect(waiting.effects).toEqual([{ type: 'lookup', code: '1234', attempt: 1 }]);
    const { state } = run(AUTHORIZATION, [...keyed, { type: 'lookup-result', valid: true }]);
    expect(midCallRecord(state)).toEqual({
      accountCode: '1234',
      validated: true,
      attempts: 1,
      lockedOut: false,
      taggedAt: { keyIndex: 6, at: 'T' },
    });
  });

  it('without a time on the completing key, neither the look-up nor the record has one', () => {
    const keyed = [...STAR_CODE, key('1'), key('2'), key('3'), key('4')];
    expect(Object.keys(run(AUTHORIZATION, keyed).state)).not.toContain('at');
    const { state } = run(AUTHORIZATION, [...keyed, { type: 'lookup-result', valid: true }]);
    expect(midCallRecord(state).taggedAt).toEqual({ keyIndex: 6 });
    expect(Object.keys(midCallRecord(state).taggedAt ?? {})).toEqual(['keyIndex']);
  });

  it('ignores a look-up answer about another code', () => {
    const keyed = [...STAR_CODE, key('1'), key('2'), key('3'), key('4')];
    const waiting = run(AUTHORIZATION, keyed).state;
    const other = advanceMidCall(waiting, { type: 'lookup-result', valid: true, code: '9999' });
    expect(other).toEqual({ state: waiting, effects: [] });
    const same = advanceMidCall(waiting, { type: 'lookup-result', valid: true, code: '1234' });
    expect(midCallRecord(same.state).accountCode).toBe('1234');
  });
});
