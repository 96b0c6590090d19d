import { describe, expect, it } from 'vitest';
import type { EntryEvent } from '../../src/entry/events.js';
import {
  advanceMidCall,
  midCallRecord,
  parseMidCallState,
  startMidCallTagging,
} from '../../src/entry/mid-call.js';
import type { EffectiveSettings } from '../../src/settings/resolve.js';
import { deepFreeze } from '../support/properties.js';
import { MID_CALL_AUTHORIZATION, MID_CALL_TRACKING, runMidCall, startedMidCall } from './drive.js';

const TRACKING = MID_CALL_TRACKING;
const AUTHORIZATION = MID_CALL_AUTHORIZATION;
const hit: EntryEvent = { type: 'lookup-result', valid: true };
const miss: EntryEvent = { type: 'lookup-result', valid: false };

describe('startMidCallTagging', () => {
  it('listens silently, untagged', () => {
    const start = startMidCallTagging(TRACKING);
    expect(start).toEqual({
      ok: true,
      state: {
        phase: 'listening',
        options: TRACKING,
        keys: 0,
        attempts: 0,
        incorrect: 0,
        lockedOut: false,
        tag: null,
        matched: 0,
      },
      effects: [],
    });
  });

  it('takes resolved effective settings as they are', () => {
    const settings: EffectiveSettings = {
      requireForInternalCalls: false,
      validateCodes: false,
      allowCallAfterMaxRetries: false,
      requiredCallTypes: [],
      codeLength: 5,
      maxRetries: 3,
      midCallCode: '*7',
    };
    const start = startMidCallTagging(settings);
    expect(start.ok && start.state.options).toEqual({
      codeLength: 5,
      maxRetries: 3,
      validateCodes: false,
      midCallCode: '*7',
    });
  });

  it.each([
    ['midCallCode', '50', 'invalid-value'],
    ['midCallCode', '*5000', 'invalid-value'],
    ['midCallCode', 50, 'invalid-type'],
    ['codeLength', 9, 'out-of-range'],
    ['maxRetries', 0, 'out-of-range'],
    ['validateCodes', 1, 'invalid-type'],
  ])('rejects %s = %s with a typed error naming the field', (field, value, code) => {
    const start = startMidCallTagging({ ...TRACKING, [field]: value });
    expect(start.ok).toBe(false);
    if (!start.ok) {
      expect(start.error.code).toBe(code);
      expect(start.error.path).toEqual([field]);
      expect(start.error.message).toMatch(new RegExp(`^${field} must be `));
    }
  });
});

describe('advanceMidCall while listening', () => {
  it('treats keys outside the star code as ordinary DTMF: no effects, no tag', () => {
    const { state, effects } = runMidCall(startedMidCall(TRACKING), '1234#5');
    expect(effects).toEqual([]);
    expect(state).toMatchObject({ phase: 'listening', keys: 6, tag: null, matched: 0 });
  });

  it('follows the star code key by key without effects', () => {
    const { state, effects } = runMidCall(startedMidCall(TRACKING), '*5');
    expect(effects).toEqual([]);
    expect(state).toMatchObject({ phase: 'listening', matched: 2 });
  });

  it('asks for a code once the whole star code is keyed', () => {
    const { state, effects } = runMidCall(startedMidCall(TRACKING), '*50');
    expect(effects).toEqual([{ type: 'play', prompt: 'enter-code' }]);
    expect(state).toMatchObject({ phase: 'collecting', digits: '', incorrect: 0, keys: 3 });
  });

  it('starts matching again on a * that breaks a partial match', () => {
    const { state } = runMidCall(startedMidCall(TRACKING), '*5*50');
    expect(state.phase).toBe('collecting');
  });

  it('drops a partial match on any other key', () => {
    const { state } = runMidCall(startedMidCall(TRACKING), '*5150');
    expect(state).toMatchObject({ phase: 'listening', matched: 0 });
  });

  it('ignores timeouts and look-up answers nobody asked for', () => {
    const state = runMidCall(startedMidCall(TRACKING), '*5').state;
    for (const event of [{ type: 'timeout' }, hit, miss] as const) {
      const next = advanceMidCall(state, event);
      expect(next.state).toBe(state);
      expect(next.effects).toEqual([]);
    }
  });
});

describe('advanceMidCall while collecting a code', () => {
  it('in tracking mode tags the call as soon as codeLength digits are keyed, and listens again', () => {
    const { state, effects } = runMidCall(startedMidCall(TRACKING), '*501234');
    expect(effects).toEqual([
      { type: 'play', prompt: 'enter-code' },
      { type: 'play', prompt: 'accepted' },
      { type: 'tag', accountCode: '1234', validated: false },
    ]);
    expect(state.phase).toBe('listening');
    expect(midCallRecord(state)).toEqual({
      accountCode: '1234',
      validated: false,
      attempts: 1,
      lockedOut: false,
      taggedAt: { keyIndex: 6 },
    });
  });

  it('keeps the timestamp of the key that completed the code', () => {
    const keys: EntryEvent[] = [...'*509876'].map((key, i) => ({
      type: 'key',
      key: key as '1',
      at: `2024-06-01T10:00:0${i}Z`,
    }));
    const { state } = runMidCall(startedMidCall(TRACKING), keys);
    expect(midCallRecord(state).taggedAt).toEqual({ keyIndex: 6, at: '2024-06-01T10:00:06Z' });
  });

  it('in authorization mode looks the code up and waits', () => {
    const { state, effects } = runMidCall(startedMidCall(AUTHORIZATION), '*501234');
    expect(effects.at(-1)).toEqual({ type: 'lookup', code: '1234', attempt: 1 });
    expect(state).toMatchObject({ phase: 'awaiting-lookup', code: '1234', keyIndex: 6 });
  });

  it('clears the digits on * and re-prompts', () => {
    const { state, effects } = runMidCall(startedMidCall(TRACKING), '*5012*');
    expect(effects.at(-1)).toEqual({ type: 'play', prompt: 'enter-code' });
    expect(state).toMatchObject({ phase: 'collecting', digits: '', incorrect: 0 });
  });

  it.each([
    ['#', '*5012#'],
    ['a timeout', '*5012T'],
    ['a timeout with nothing keyed', '*50T'],
  ])(
    'plays wrong-length for too few digits submitted by %s and takes another code',
    (_name, keys) => {
      const { state, effects } = runMidCall(startedMidCall(TRACKING), keys);
      expect(effects.at(-1)).toEqual({ type: 'play', prompt: 'wrong-length' });
      expect(state).toMatchObject({ phase: 'collecting', incorrect: 1, attempts: 1 });
    },
  );

  it('after maxRetries bad codes plays max-retries and listens again; the call goes on', () => {
    const { state, effects } = runMidCall(startedMidCall(TRACKING), '*50##');
    expect(effects.slice(-2)).toEqual([
      { type: 'play', prompt: 'wrong-length' },
      { type: 'play', prompt: 'max-retries' },
    ]);
    expect(state).toMatchObject({ phase: 'listening', tag: null, attempts: 2 });
  });

  it('ignores a look-up answer nobody asked for', () => {
    const state = runMidCall(startedMidCall(AUTHORIZATION), '*501').state;
    expect(advanceMidCall(state, hit).state).toBe(state);
  });
});

describe('advanceMidCall while awaiting a look-up', () => {
  const awaiting = runMidCall(startedMidCall(AUTHORIZATION), '*501234').state;

  it('tags the call, validated, on a hit', () => {
    const next = advanceMidCall(awaiting, hit);
    expect(next.effects).toEqual([
      { type: 'play', prompt: 'accepted' },
      { type: 'tag', accountCode: '1234', validated: true },
    ]);
    expect(midCallRecord(next.state)).toEqual({
      accountCode: '1234',
      validated: true,
      attempts: 1,
      lockedOut: false,
      taggedAt: { keyIndex: 6 },
    });
  });

  it('only plays invalid-code on a miss: no tag, the call goes on', () => {
    const next = advanceMidCall(awaiting, miss);
    expect(next.effects).toEqual([{ type: 'play', prompt: 'invalid-code' }]);
    expect(next.state).toMatchObject({ phase: 'collecting', incorrect: 1, tag: null });
  });

  it('ignores an answer about another code', () => {
    const next = advanceMidCall(awaiting, { type: 'lookup-result', valid: true, code: '4321' });
    expect(next.state).toBe(awaiting);
  });

  it('counts keys pressed meanwhile as ordinary DTMF', () => {
    const next = advanceMidCall(awaiting, { type: 'key', key: '9' });
    expect(next.effects).toEqual([]);
    expect(next.state).toMatchObject({ phase: 'awaiting-lookup', keys: 8 });
  });

  it('ignores a timeout', () => {
    expect(advanceMidCall(awaiting, { type: 'timeout' }).state).toBe(awaiting);
  });
});

describe('the last valid code wins', () => {
  it('replaces an earlier tag with a later one, keeping when the later one was keyed', () => {
    const { state } = runMidCall(startedMidCall(TRACKING), '*50111112*502222');
    expect(midCallRecord(state)).toEqual({
      accountCode: '2222',
      validated: false,
      attempts: 2,
      lockedOut: false,
      taggedAt: { keyIndex: 15 },
    });
  });

  it('keeps the earlier tag when a later entry is bad', () => {
    const { state } = runMidCall(startedMidCall(TRACKING), '*501111*50##');
    expect(midCallRecord(state).accountCode).toBe('1111');
  });
});

describe('advanceMidCall after the hangup', () => {
  it('ends on a hangup, keeping the tag, and absorbs every later event', () => {
    const { state } = runMidCall(startedMidCall(TRACKING), '*501234H');
    expect(state.phase).toBe('ended');
    expect(midCallRecord(state).accountCode).toBe('1234');
    for (const event of [{ type: 'key', key: '*' }, { type: 'hangup' }, hit] as const) {
      const next = advanceMidCall(state, event);
      expect(next.state).toBe(state);
      expect(next.effects).toEqual([]);
    }
  });
});

describe('advanceMidCall on malformed input', () => {
  it('ignores a malformed event and leaves the state object as it was', () => {
    const state = deepFreeze(startedMidCall(TRACKING));
    const next = advanceMidCall(state, { type: 'key', key: 'x' } as never);
    expect(next.state).toBe(state);
    expect(next.effects).toEqual([]);
  });

  it('returns a malformed state unchanged and parseMidCallState names the problem', () => {
    const state = { ...startedMidCall(TRACKING), matched: 3 };
    expect(advanceMidCall(state, { type: 'key', key: '1' }).state).toBe(state);
    const parsed = parseMidCallState(state);
    expect(!parsed.ok && parsed.error).toMatchObject({
      code: 'invalid-mid-call-state',
      path: ['matched'],
    });
  });

  it('gives an untagged record for a value that is not a state', () => {
    expect(midCallRecord(null as never)).toEqual({
      accountCode: null,
      validated: false,
      attempts: 0,
      lockedOut: false,
      taggedAt: null,
    });
  });
});
