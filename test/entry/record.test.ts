import { describe, expect, it } from 'vitest';
import { advance } from '../../src/entry/machine.js';
import { callRecord } from '../../src/entry/record.js';
import { AUTHORIZATION, run, started, TRACKING } from './drive.js';

describe('callRecord', () => {
  it('records a validated code and every submitted entry, the accepted one included', () => {
    const awaiting = run(started(AUTHORIZATION), '12#1234').state;
    const { state } = advance(awaiting, { type: 'lookup-result', valid: true });
    expect(callRecord(state)).toEqual({
      accountCode: '1234',
      validated: true,
      attempts: 2,
      outcome: 'connected',
    });
  });

  it('records a tracked code as not validated', () => {
    expect(callRecord(run(started(TRACKING), '4321').state)).toEqual({
      accountCode: '4321',
      validated: false,
      attempts: 1,
      outcome: 'connected',
    });
  });

  it('records an untagged call after max retries', () => {
    const state = run(started({ ...TRACKING, allowCallAfterMaxRetries: true }), '###').state;
    expect(callRecord(state)).toEqual({
      accountCode: null,
      validated: false,
      attempts: 3,
      outcome: 'connected-after-max-retries',
    });
  });

  it('records a call ended after max retries', () => {
    expect(callRecord(run(started(TRACKING), 'TTT').state).outcome).toBe('ended');
  });

  it('records a hangup as abandoned, with the attempts made before it', () => {
    expect(callRecord(run(started(TRACKING), '#H').state)).toEqual({
      accountCode: null,
      validated: false,
      attempts: 1,
      outcome: 'abandoned',
    });
  });

  it('records a conversation still going as incomplete', () => {
    expect(callRecord(run(started(AUTHORIZATION), '1234').state)).toEqual({
      accountCode: null,
      validated: false,
      attempts: 1,
      outcome: 'incomplete',
    });
  });

  it('records garbage as an incomplete call that got nowhere instead of throwing', () => {
    expect(callRecord({ phase: 'connected' } as never)).toEqual({
      accountCode: null,
      validated: false,
      attempts: 0,
      outcome: 'incomplete',
    });
  });
});
