/**
 * docs/rules.md#lockout at the start of mid-call tagging: only a locked scope with
 * validation on takes nothing; tracking mode looks nothing up, and an
 * unreachable ledger is tried again at the look-up.
 */
import { describe, expect, it } from 'vitest';
import type { LockoutGate } from '../../src/entry/events.js';
import { type MidCallOptions, startMidCallTagging } from '../../src/entry/mid-call.js';
import { MID_CALL_AUTHORIZATION, MID_CALL_TRACKING, runMidCall } from './drive.js';

function startedWith(options: MidCallOptions, gate: LockoutGate) {
  const start = startMidCallTagging(options, gate);
  if (!start.ok) throw new Error(start.error.message);
  return start.state;
}

describe('the lockout gate given to startMidCallTagging', () => {
  it('does not lock tracking mode: the star code still takes and tags a code', () => {
    const state = startedWith(MID_CALL_TRACKING, 'locked-out');
    expect(state.lockedOut).toBe(false);
    const { effects } = runMidCall(state, '*501234');
    expect(effects).toEqual([
      { type: 'play', prompt: 'enter-code' },
      { type: 'play', prompt: 'accepted' },
      { type: 'tag', accountCode: '1234', validated: false },
    ]);
  });

  it('does not lock on an unreachable ledger: the star code asks for a code and looks it up', () => {
    const state = startedWith(MID_CALL_AUTHORIZATION, 'ledger-unavailable');
    expect(state.lockedOut).toBe(false);
    expect(runMidCall(state, '*501234').effects).toEqual([
      { type: 'play', prompt: 'enter-code' },
      { type: 'lookup', code: '1234', attempt: 1 },
    ]);
  });

  it('locks with validation on and a locked scope', () => {
    expect(startedWith(MID_CALL_AUTHORIZATION, 'locked-out').lockedOut).toBe(true);
    expect(startedWith(MID_CALL_AUTHORIZATION, 'open').lockedOut).toBe(false);
  });
});
