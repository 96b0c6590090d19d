/**
 * readEvent takes whatever a webhook hands over (docs/rules.md#code-entry): anything that is
 * not a well-formed event is no event, never an exception, and both machines
 * then change nothing.
 */
import { describe, expect, it } from 'vitest';
import { readEvent } from '../../src/entry/events.js';
import { advance } from '../../src/entry/machine.js';
import {
  MID_CALL_AUTHORIZATION,
  run,
  runMidCall,
  started,
  startedMidCall,
  TRACKING,
} from './drive.js';

describe('readEvent on values that are not events', () => {
  it.each([undefined, 7, true, 'hangup'])('reads %j as no event', (value) => {
    expect(readEvent(value)).toBeUndefined();
  });

  it('the code-entry machine ignores an undefined event', () => {
    const state = run(started(TRACKING), '12').state;
    expect(advance(state, undefined as never)).toEqual({ state, effects: [] });
    expect(advance(state, undefined as never).state).toBe(state);
  });
});

describe('readEvent on a refused look-up', () => {
  it('refuses one whose code is not a string, as it does a look-up result', () => {
    expect(readEvent({ type: 'lookup-refused', reason: 'locked-out', code: 1234 })).toBeUndefined();
    expect(
      readEvent({ type: 'lookup-refused', reason: 'ledger-unavailable', code: null }),
    ).toBeUndefined();
  });

  it('so mid-call tagging keeps waiting for a proper answer', () => {
    const awaiting = runMidCall(startedMidCall(MID_CALL_AUTHORIZATION), '*501234').state;
    const next = runMidCall(awaiting, [
      { type: 'lookup-refused', reason: 'locked-out', code: 1234 as never },
    ]);
    expect(next.state).toBe(awaiting);
    expect(next.effects).toEqual([]);
  });
});
