/**
 * docs/rules.md#lockout during mid-call tagging: the look-up answer that locks the scope
 * (a miss that locked it, or a refused admission on a locked scope) plays
 * `locked-out`, tags nothing, and every later star code takes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { EntryEvent } from '../../src/entry/events.js';
import { advanceMidCall, midCallRecord } from '../../src/entry/mid-call.js';
import { MID_CALL_AUTHORIZATION, runMidCall, startedMidCall } from './drive.js';

const lockedOut = { type: 'play', prompt: 'locked-out' } as const;

function answered(answer: EntryEvent) {
  const awaiting = runMidCall(
    startedMidCall({ ...MID_CALL_AUTHORIZATION, maxRetries: 3 }),
    '*501234',
  ).state;
  expect(awaiting.phase).toBe('awaiting-lookup');
  return advanceMidCall(awaiting, answer);
}

describe('mid-call: the answer that locks the scope', () => {
  it('a miss that locked the scope counts as an incorrect entry, plays locked-out and listens', () => {
    const { state, effects } = answered({ type: 'lookup-result', valid: false, locked: true });
    expect(effects).toEqual([lockedOut]);
    expect(state).toMatchObject({
      phase: 'listening',
      attempts: 1,
      incorrect: 1,
      lockedOut: true,
      tag: null,
    });
    expect(midCallRecord(state)).toMatchObject({ accountCode: null, lockedOut: true });
  });

  it('after a miss that locked the scope, the star code plays locked-out and looks nothing up', () => {
    const { state } = answered({ type: 'lookup-result', valid: false, locked: true });
    const later = runMidCall(state, '*501234');
    expect(later.effects).toEqual([lockedOut]);
    expect(later.state).toMatchObject({ phase: 'listening', attempts: 1, lockedOut: true });
  });

  it('a miss that did not lock it only plays invalid-code and asks again', () => {
    const { state, effects } = answered({ type: 'lookup-result', valid: false, locked: false });
    expect(effects).toEqual([{ type: 'play', prompt: 'invalid-code' }]);
    expect(state).toMatchObject({ phase: 'collecting', incorrect: 1, lockedOut: false });
  });

  it('a refused admission on a locked scope is no incorrect entry, but locks the rest of the call', () => {
    const { state, effects } = answered({ type: 'lookup-refused', reason: 'locked-out' });
    expect(effects).toEqual([lockedOut]);
    expect(state).toMatchObject({
      phase: 'listening',
      attempts: 1,
      incorrect: 0,
      lockedOut: true,
      tag: null,
    });
    expect(runMidCall(state, '*501234').effects).toEqual([lockedOut]);
  });
});
