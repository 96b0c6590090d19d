import { describe, expect, it } from 'vitest';
import { answerTo, keyInto, startKeying } from '../../src/entry/collector.js';
import type { Stimulus } from '../../src/entry/events.js';
import { midCallRecord } from '../../src/entry/mid-call.js';
import { MID_CALL_TRACKING, runMidCall, startedMidCall } from './drive.js';

const rules = { codeLength: 4, maxRetries: 3, validateCodes: true };

describe('keyInto', () => {
  it('starts an entry with no digits and no part of the restart code keyed', () => {
    expect(startKeying()).toEqual({ digits: '', matched: 0 });
    // A fresh entry takes a first digit as the start of a code.
    expect(keyInto(rules, startKeying(), { kind: 'digit', digit: '5' }, '*50')).toEqual({
      kind: 'keyed',
      keying: { digits: '5', matched: 0 },
    });
  });

  it.each<Stimulus>([
    { kind: 'hangup' },
    { kind: 'answer', answer: { kind: 'hit' } },
    { kind: 'answer', answer: { kind: 'miss', locked: true } },
    { kind: 'answer', answer: { kind: 'refused', reason: 'locked-out' } },
    { kind: 'answer', answer: { kind: 'refused', reason: 'ledger-unavailable' }, code: '1234' },
  ])('leaves an entry alone on a stimulus that is not a key: $kind', (stimulus) => {
    const keying = { digits: '12', matched: 0 };
    expect(keyInto(rules, keying, stimulus)).toEqual({ kind: 'ignored' });
    expect(keyInto(rules, keying, stimulus, '*50')).toEqual({ kind: 'ignored' });
  });

  it('without a restart code, * clears the entry and tracks no restart progress', () => {
    expect(keyInto(rules, { digits: '12', matched: 0 }, { kind: 'star' })).toEqual({
      kind: 'cleared',
      keying: { digits: '', matched: 0 },
      effect: { type: 'play', prompt: 'enter-code' },
    });
    // With one, the * is the first character of the restart code.
    expect(keyInto(rules, { digits: '12', matched: 0 }, { kind: 'star' }, '*50')).toMatchObject({
      kind: 'cleared',
      keying: { digits: '', matched: 1 },
    });
  });

  it('without a restart code, a digit only extends the entry, whatever progress the keying carries', () => {
    expect(keyInto(rules, { digits: '12', matched: 1 }, { kind: 'digit', digit: '5' })).toEqual({
      kind: 'keyed',
      keying: { digits: '125', matched: 0 },
    });
  });

  it('after * a digit that does not continue the restart code drops the progress', () => {
    expect(
      keyInto(rules, { digits: '', matched: 1 }, { kind: 'digit', digit: '1' }, '*50'),
    ).toEqual({ kind: 'keyed', keying: { digits: '1', matched: 0 } });
    expect(
      keyInto(rules, { digits: '', matched: 1 }, { kind: 'digit', digit: '5' }, '*50'),
    ).toEqual({ kind: 'keyed', keying: { digits: '5', matched: 2 } });
  });
});

describe('mid-call: * while keying a code, then a code that is not the star code', () => {
  it('takes the digits after the * as the code (issue 12 restarts only on the star code itself)', () => {
    // *50 asks for a code; 12 then * clears; 1234 is the code, not a restart.
    const { state, effects } = runMidCall(startedMidCall(MID_CALL_TRACKING), '*5012*1234');
    expect(midCallRecord(state).accountCode).toBe('1234');
    expect(effects.at(-1)).toEqual({ type: 'tag', accountCode: '1234', validated: false });
  });

  it('takes 5123 after a *: the first digit matches the star code, the second breaks it', () => {
    const { state } = runMidCall(startedMidCall(MID_CALL_TRACKING), '*50*5123');
    expect(midCallRecord(state).accountCode).toBe('5123');
  });
});

describe('answerTo', () => {
  it('takes each answer for the pending code, and none for another code', () => {
    expect(answerTo('1234', { kind: 'answer', answer: { kind: 'hit' } })).toEqual({ kind: 'hit' });
    expect(
      answerTo('1234', { kind: 'answer', answer: { kind: 'miss', locked: true }, code: '1234' }),
    ).toEqual({ kind: 'miss', locked: true });
    expect(
      answerTo('1234', {
        kind: 'answer',
        answer: { kind: 'refused', reason: 'ledger-unavailable' },
      }),
    ).toEqual({ kind: 'refused', reason: 'ledger-unavailable' });
    expect(
      answerTo('1234', { kind: 'answer', answer: { kind: 'hit' }, code: '4321' }),
    ).toBeUndefined();
  });
});
