/**
 * docs/rules.md#mid-call-tagging: only the account party's keys count. A key marked `leg: 'account'`
 * is that party's, exactly like an unmarked one; only other legs are dropped.
 */
import { describe, expect, it } from 'vitest';
import { type DtmfKey, readEvent } from '../../src/entry/events.js';
import { advance } from '../../src/entry/machine.js';
import { MID_CALL_TRACKING, runMidCall, started, startedMidCall, TRACKING } from './drive.js';

describe("keys marked leg: 'account'", () => {
  it('are read like unmarked keys, time included', () => {
    expect(readEvent({ type: 'key', key: '7', leg: 'account' })).toEqual({
      kind: 'digit',
      digit: '7',
    });
    expect(readEvent({ type: 'key', key: '#', leg: 'account', at: 3 })).toEqual({
      kind: 'hash',
      at: 3,
    });
    expect(readEvent({ type: 'key', key: '*', leg: 'account' })).toEqual({ kind: 'star' });
  });

  it('key a code in code entry', () => {
    const next = advance(started(TRACKING), { type: 'key', key: '1', leg: 'account' });
    expect(next.state).toMatchObject({ phase: 'collecting', digits: '1' });
  });

  it('key the star code and a code mid-call', () => {
    const { effects } = runMidCall(
      startedMidCall(MID_CALL_TRACKING),
      [...'*501234'].map((key) => ({ type: 'key', key: key as DtmfKey, leg: 'account' }) as const),
    );
    expect(effects.at(-1)).toEqual({ type: 'tag', accountCode: '1234', validated: false });
  });
});
