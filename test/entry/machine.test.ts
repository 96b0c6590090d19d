import { describe, expect, it } from 'vitest';
import type { EntryEvent } from '../../src/entry/events.js';
import {
  advance,
  type EntryState,
  isTerminal,
  parseEntryState,
  startCodeEntry,
} from '../../src/entry/machine.js';
import type { EffectiveSettings } from '../../src/settings/resolve.js';
import { deepFreeze } from '../support/properties.js';
import { AUTHORIZATION, run, started, TRACKING } from './drive.js';

const hit: EntryEvent = { type: 'lookup-result', valid: true };
const miss: EntryEvent = { type: 'lookup-result', valid: false };

describe('startCodeEntry', () => {
  it('asks for a code and starts collecting with no attempts used', () => {
    const start = startCodeEntry(TRACKING);
    expect(start).toEqual({
      ok: true,
      state: { phase: 'collecting', options: TRACKING, attempts: 0, digits: '' },
      effects: [{ type: 'play', prompt: 'enter-code' }],
    });
  });

  it('takes resolved effective settings as they are and keeps only what code entry needs', () => {
    const settings: EffectiveSettings = {
      requireForInternalCalls: false,
      validateCodes: true,
      allowCallAfterMaxRetries: false,
      requiredCallTypes: ['international'],
      codeLength: 5,
      maxRetries: 2,
      midCallCode: '*50',
    };
    const start = startCodeEntry(settings);
    expect(start.ok && start.state.options).toEqual({
      codeLength: 5,
      maxRetries: 2,
      validateCodes: true,
      allowCallAfterMaxRetries: false,
    });
  });

  it.each([
    ['codeLength', 2, 'out-of-range', 'codeLength must be an integer from 3 to 7; got 2'],
    ['codeLength', 8, 'out-of-range', 'codeLength must be an integer from 3 to 7; got 8'],
    ['codeLength', 4.5, 'out-of-range', 'codeLength must be an integer from 3 to 7; got 4.5'],
    [
      'codeLength',
      Number.NaN,
      'out-of-range',
      'codeLength must be an integer from 3 to 7; got NaN',
    ],
    ['codeLength', '4', 'invalid-type', 'codeLength must be an integer from 3 to 7; got "4"'],
    ['maxRetries', 0, 'out-of-range', 'maxRetries must be an integer from 1 to 9; got 0'],
    ['maxRetries', 10, 'out-of-range', 'maxRetries must be an integer from 1 to 9; got 10'],
    [
      'maxRetries',
      undefined,
      'invalid-type',
      'maxRetries must be an integer from 1 to 9; got nothing',
    ],
    ['validateCodes', 'yes', 'invalid-type', 'validateCodes must be true or false; got "yes"'],
    [
      'allowCallAfterMaxRetries',
      null,
      'invalid-type',
      'allowCallAfterMaxRetries must be true or false; got null',
    ],
  ])(
    'rejects %s = %s with a typed error naming the field and what it allows',
    (field, value, code, message) => {
      const start = startCodeEntry({ ...TRACKING, [field]: value });
      expect(start).toEqual({ ok: false, error: { code, path: [field], message } });
    },
  );

  it('rejects options that are not an object with a typed error instead of throwing', () => {
    const start = startCodeEntry(null as never);
    expect(start.ok).toBe(false);
    expect(!start.ok && start.error.code).toBe('invalid-type');
  });
});

describe('advance while collecting', () => {
  it('keeps a digit short of codeLength without effects', () => {
    const next = advance(started(TRACKING), { type: 'key', key: '7' });
    expect(next.state).toMatchObject({ phase: 'collecting', digits: '7', attempts: 0 });
    expect(next.effects).toEqual([]);
  });

  it('keeps leading zeros: they are digits of the code', () => {
    const { state, effects } = run(started(TRACKING), '0012');
    expect(state).toMatchObject({ phase: 'connected', accountCode: '0012' });
    expect(effects).toContainEqual({ type: 'connect', accountCode: '0012', validated: false });
  });

  it('in tracking mode connects tagged and unvalidated as soon as codeLength digits are keyed', () => {
    const { state, effects } = run(started(TRACKING), '1234');
    expect(state).toEqual({
      phase: 'connected',
      options: TRACKING,
      attempts: 1,
      accountCode: '1234',
      validated: false,
    });
    expect(effects).toEqual([
      { type: 'play', prompt: 'accepted' },
      { type: 'connect', accountCode: '1234', validated: false },
    ]);
  });

  it('in authorization mode looks the code up as soon as codeLength digits are keyed', () => {
    const { state, effects } = run(started(AUTHORIZATION), '1234');
    expect(state).toEqual({
      phase: 'awaiting-lookup',
      options: AUTHORIZATION,
      attempts: 1,
      code: '1234',
    });
    expect(effects).toEqual([{ type: 'lookup', code: '1234', attempt: 1 }]);
  });

  it('clears the digits on * and re-prompts without costing an attempt', () => {
    const next = advance(run(started(TRACKING), '12').state, { type: 'key', key: '*' });
    expect(next.state).toMatchObject({ phase: 'collecting', digits: '', attempts: 0 });
    expect(next.effects).toEqual([{ type: 'play', prompt: 'enter-code' }]);
  });

  it('submits early on # and counts too few digits as a wrong-length attempt', () => {
    const { state, effects } = run(started(TRACKING), '12#');
    expect(state).toMatchObject({ phase: 'collecting', digits: '', attempts: 1 });
    expect(effects).toEqual([{ type: 'play', prompt: 'wrong-length' }]);
  });

  it('counts # with no digits as a wrong-length attempt', () => {
    const { state, effects } = run(started(AUTHORIZATION), '#');
    expect(state).toMatchObject({ phase: 'collecting', attempts: 1 });
    expect(effects).toEqual([{ type: 'play', prompt: 'wrong-length' }]);
  });

  it('submits what was keyed on a timeout: too few digits is a wrong-length attempt', () => {
    const { state, effects } = run(started(AUTHORIZATION), '123T');
    expect(state).toMatchObject({ phase: 'collecting', digits: '', attempts: 1 });
    expect(effects).toEqual([{ type: 'play', prompt: 'wrong-length' }]);
  });

  it('counts a timeout with nothing keyed as a wrong-length attempt', () => {
    const { state, effects } = run(started(TRACKING), 'T');
    expect(state).toMatchObject({ phase: 'collecting', attempts: 1 });
    expect(effects).toEqual([{ type: 'play', prompt: 'wrong-length' }]);
  });

  it('ends in abandoned on a hangup, with no effects', () => {
    const next = advance(run(started(TRACKING), '12').state, { type: 'hangup' });
    expect(next.state).toEqual({ phase: 'abandoned', options: TRACKING, attempts: 0 });
    expect(next.effects).toEqual([]);
  });

  it('ignores a look-up answer nobody asked for', () => {
    const state = started(AUTHORIZATION);
    expect(advance(state, hit)).toEqual({ state, effects: [] });
    expect(advance(state, hit).state).toBe(state);
    expect(advance(state, miss).state).toBe(state);
  });
});

describe('advance while awaiting a look-up', () => {
  const awaiting = run(started(AUTHORIZATION), '1234').state;

  it('connects tagged and validated on a hit', () => {
    const next = advance(awaiting, hit);
    expect(next.state).toEqual({
      phase: 'connected',
      options: AUTHORIZATION,
      attempts: 1,
      accountCode: '1234',
      validated: true,
    });
    expect(next.effects).toEqual([
      { type: 'play', prompt: 'accepted' },
      { type: 'connect', accountCode: '1234', validated: true },
    ]);
  });

  it('plays invalid-code and collects again on a miss', () => {
    const next = advance(awaiting, miss);
    expect(next.state).toEqual({
      phase: 'collecting',
      options: AUTHORIZATION,
      attempts: 1,
      digits: '',
    });
    expect(next.effects).toEqual([{ type: 'play', prompt: 'invalid-code' }]);
  });

  it('takes an answer that names the pending code', () => {
    const next = advance(awaiting, { type: 'lookup-result', valid: true, code: '1234' });
    expect(next.state.phase).toBe('connected');
  });

  it('ignores an answer about another code, so a stale answer cannot connect the call', () => {
    const next = advance(awaiting, { type: 'lookup-result', valid: true, code: '9999' });
    expect(next.state).toBe(awaiting);
    expect(next.effects).toEqual([]);
  });

  it.each([
    ['a digit', { type: 'key', key: '5' }],
    ['*', { type: 'key', key: '*' }],
    ['#', { type: 'key', key: '#' }],
    ['a timeout', { type: 'timeout' }],
  ] as const)('ignores %s', (_name, event) => {
    const next = advance(awaiting, event);
    expect(next.state).toBe(awaiting);
    expect(next.effects).toEqual([]);
  });

  it('ends in abandoned on a hangup, counting the pending entry as an attempt', () => {
    const next = advance(awaiting, { type: 'hangup' });
    expect(next.state).toEqual({ phase: 'abandoned', options: AUTHORIZATION, attempts: 1 });
    expect(next.effects).toEqual([]);
  });
});

describe('advance after the last incorrect attempt', () => {
  it('plays only max-retries and ends the call when calls may not proceed', () => {
    const { state, effects } = run(started(TRACKING), '1#2#3#');
    expect(state).toEqual({ phase: 'ended', options: TRACKING, attempts: 3 });
    expect(effects).toEqual([
      { type: 'play', prompt: 'wrong-length' },
      { type: 'play', prompt: 'wrong-length' },
      { type: 'play', prompt: 'max-retries' },
      { type: 'end', reason: 'max-retries' },
    ]);
  });

  it('plays max-retries and connects untagged when calls may proceed', () => {
    const options = { ...TRACKING, allowCallAfterMaxRetries: true };
    const { state, effects } = run(started(options), 'TTT');
    expect(state).toEqual({ phase: 'connected-after-max-retries', options, attempts: 3 });
    expect(effects.slice(-2)).toEqual([
      { type: 'play', prompt: 'max-retries' },
      { type: 'connect', accountCode: null, validated: false },
    ]);
  });

  it('counts a look-up miss towards max retries', () => {
    const options = { ...AUTHORIZATION, maxRetries: 2 };
    const first = run(started(options), '1111');
    const second = run(advance(first.state, miss).state, '2222');
    const last = advance(second.state, miss);
    expect(last.state).toEqual({ phase: 'ended', options, attempts: 2 });
    expect(last.effects).toEqual([
      { type: 'play', prompt: 'max-retries' },
      { type: 'end', reason: 'max-retries' },
    ]);
  });

  it('ends code entry at the first incorrect attempt when maxRetries is 1', () => {
    const { state } = run(started({ ...TRACKING, maxRetries: 1 }), '#');
    expect(state.phase).toBe('ended');
  });

  it('still accepts a good code on the last attempt', () => {
    const { state } = run(started(TRACKING), '#T4321');
    expect(state).toMatchObject({ phase: 'connected', attempts: 3, accountCode: '4321' });
  });
});

describe('advance in a terminal state', () => {
  const terminals: EntryState[] = [
    run(started(TRACKING), '1234').state,
    run(started({ ...TRACKING, allowCallAfterMaxRetries: true }), '###').state,
    run(started(TRACKING), '###').state,
    run(started(TRACKING), 'H').state,
  ];
  const everyEvent: EntryEvent[] = [
    { type: 'key', key: '1' },
    { type: 'key', key: '*' },
    { type: 'key', key: '#' },
    { type: 'timeout' },
    { type: 'hangup' },
    hit,
    miss,
  ];

  it.each(terminals.map((s) => [s.phase, s] as const))(
    '%s absorbs every event',
    (_phase, state) => {
      expect(isTerminal(state)).toBe(true);
      for (const event of everyEvent) {
        const next = advance(state, event);
        expect(next.state).toBe(state);
        expect(next.effects).toEqual([]);
      }
    },
  );
});

describe('advance on malformed input', () => {
  it.each([
    ['null', null],
    ['a string', 'key'],
    ['an unknown type', { type: 'press', key: '1' }],
    ['a letter key', { type: 'key', key: 'A' }],
    ['a two-character key', { type: 'key', key: '12' }],
    ['a numeric key', { type: 'key', key: 1 }],
    ['a look-up answer without valid', { type: 'lookup-result' }],
    ['a look-up answer with a numeric code', { type: 'lookup-result', valid: true, code: 1234 }],
  ])('ignores %s as an event', (_name, event) => {
    const state = run(started(AUTHORIZATION), '1234').state;
    const next = advance(state, event as never);
    expect(next.state).toBe(state);
    expect(next.effects).toEqual([]);
  });

  it('returns a malformed state unchanged with no effects, whatever the event', () => {
    const state = { phase: 'connected', options: TRACKING, attempts: 0 } as never;
    const next = advance(state, { type: 'key', key: '1' });
    expect(next.state).toBe(state);
    expect(next.effects).toEqual([]);
  });

  it('does not mutate deep-frozen states and events', () => {
    const state = deepFreeze(run(started(TRACKING), '12').state);
    const event = deepFreeze({ type: 'key', key: '3' } as const);
    expect(() => advance(state, event)).not.toThrow();
    expect(state).toMatchObject({ digits: '12' });
  });
});

describe('parseEntryState', () => {
  it('accepts a state that went through JSON', () => {
    const state = run(started(AUTHORIZATION), '12').state;
    expect(parseEntryState(JSON.parse(JSON.stringify(state)))).toEqual({ ok: true, state });
  });

  it.each([
    [null, [], 'the state must be an object; got null'],
    [{ phase: 'dialing', options: TRACKING, attempts: 0 }, ['phase'], 'phase must be one of'],
    [
      { phase: 'collecting', options: { ...TRACKING, codeLength: 9 }, attempts: 0, digits: '' },
      ['options', 'codeLength'],
      'codeLength must be an integer from 3 to 7',
    ],
    [
      { phase: 'collecting', options: TRACKING, attempts: 3, digits: '' },
      ['attempts'],
      'attempts must be below 3',
    ],
    [
      { phase: 'collecting', options: TRACKING, attempts: 0, digits: '1234' },
      ['digits'],
      'digits must be a string of 0 to 3 digits',
    ],
    [
      { phase: 'awaiting-lookup', options: TRACKING, attempts: 1, code: '12' },
      ['code'],
      'code must be a string of exactly 4 digits',
    ],
    [
      { phase: 'connected', options: TRACKING, attempts: 1, accountCode: null, validated: true },
      ['accountCode'],
      'accountCode must be',
    ],
    [
      { phase: 'ended', options: TRACKING, attempts: 1 },
      ['attempts'],
      'attempts must be 3 after max retries',
    ],
  ])(
    'rejects a malformed state with a typed error naming the field (%#)',
    (value, path, message) => {
      const parsed = parseEntryState(value);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.code).toBe('invalid-entry-state');
        expect(parsed.error.path).toEqual(path);
        expect(parsed.error.message).toContain(message);
      }
    },
  );
});
