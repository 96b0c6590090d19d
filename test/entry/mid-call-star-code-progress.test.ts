/**
 * Mid-call tagging follows the star code key by key (docs/rules.md#mid-call-tagging, issue 12).
 * Every new phase starts with nothing of it keyed: only a fresh `*` begins
 * the star code, so its digits on their own are ordinary DTMF or a code.
 */
import { describe, expect, it } from 'vitest';
import { midCallRecord } from '../../src/entry/mid-call.js';
import {
  events,
  MID_CALL_AUTHORIZATION,
  MID_CALL_TRACKING,
  runMidCall,
  startedMidCall,
} from './drive.js';

const asked = { type: 'play', prompt: 'enter-code' } as const;

describe('star code progress across phases', () => {
  it('takes a code that begins with the star code digits right after the star code', () => {
    const { state, effects } = runMidCall(startedMidCall(MID_CALL_TRACKING), '*505012');
    expect(effects).toEqual([
      asked,
      { type: 'play', prompt: 'accepted' },
      { type: 'tag', accountCode: '5012', validated: false },
    ]);
    expect(midCallRecord(state).accountCode).toBe('5012');
  });

  it('takes such a code after a wrong-length entry too', () => {
    const { state, effects } = runMidCall(startedMidCall(MID_CALL_TRACKING), '*50#5012');
    expect(effects).toEqual([
      asked,
      { type: 'play', prompt: 'wrong-length' },
      { type: 'play', prompt: 'accepted' },
      { type: 'tag', accountCode: '5012', validated: false },
    ]);
    expect(state).toMatchObject({ phase: 'listening', attempts: 2, incorrect: 1 });
  });

  it('takes such a code after a look-up miss too', () => {
    const missed = runMidCall(startedMidCall(MID_CALL_AUTHORIZATION), [
      ...events('*501111'),
      { type: 'lookup-result', valid: false },
    ]);
    expect(missed.effects.at(-1)).toEqual({ type: 'play', prompt: 'invalid-code' });
    expect(runMidCall(missed.state, '5012').effects).toEqual([
      { type: 'lookup', code: '5012', attempt: 2 },
    ]);
  });

  it('after a tag, the star code digits without a * are ordinary DTMF', () => {
    const tagged = runMidCall(startedMidCall(MID_CALL_TRACKING), '*501234').state;
    const { state, effects } = runMidCall(tagged, '50');
    expect(effects).toEqual([]);
    expect(state).toMatchObject({ phase: 'listening', matched: 0 });
  });

  it('after the budget is spent, the star code digits without a * are ordinary DTMF', () => {
    const spent = runMidCall(startedMidCall(MID_CALL_TRACKING), '*50#*50#').state;
    expect(spent).toMatchObject({ phase: 'listening', incorrect: 2 });
    expect(runMidCall(spent, '50').effects).toEqual([]);
  });
});
