/**
 * A webhook stores the mid-call state between requests (docs/rules.md#code-entry, docs/rules.md#mid-call-tagging), so
 * `parseMidCallState` is the gate for data that comes back from storage:
 * it accepts every state the machine can reach and names the first bad
 * field of anything else, with its path and what the field allows.
 */
import { describe, expect, it } from 'vitest';
import { type MidCallState, parseMidCallState } from '../../src/entry/mid-call.js';

const options = { codeLength: 4, maxRetries: 2, validateCodes: true, midCallCode: '*50' };
const tag = { accountCode: '1234', validated: true, keyIndex: 6, at: 't4' };

const counts = { attempts: 1, incorrect: 0, lockedOut: false };
const LISTENING = { phase: 'listening', options, keys: 7, ...counts, tag, matched: 2 };
const COLLECTING = {
  phase: 'collecting',
  options,
  keys: 5,
  attempts: 1,
  incorrect: 1,
  lockedOut: false,
  tag: null,
  digits: '12',
  matched: 0,
};
const AWAITING = {
  phase: 'awaiting-lookup',
  options,
  keys: 7,
  attempts: 2,
  incorrect: 1,
  lockedOut: false,
  tag: null,
  code: '1234',
  keyIndex: 6,
  at: 't4',
};
const ENDED = { phase: 'ended', options, keys: 7, ...counts, tag };

describe('parseMidCallState', () => {
  it.each([
    LISTENING,
    COLLECTING,
    AWAITING,
    ENDED,
    { ...AWAITING, at: 12.5 },
    { ...LISTENING, tag: { ...tag, at: 3 } },
    { ...LISTENING, incorrect: 2, attempts: 3, lockedOut: true },
    { ...COLLECTING, matched: 2 },
  ])('accepts a reachable %s state as it is', (state) => {
    const parsed = parseMidCallState(state);
    expect(parsed).toEqual({ ok: true, state });
    expect(parsed.ok && parsed.state).toBe(state);
  });

  it('accepts a state whose look-up and tag carry no timestamp', () => {
    const { at: _a, ...untimed } = AWAITING;
    const { at: _t, ...untimedTag } = tag;
    expect(parseMidCallState(untimed).ok).toBe(true);
    expect(parseMidCallState({ ...ENDED, tag: untimedTag }).ok).toBe(true);
  });

  it.each([
    [null, [], 'the state must be an object; got null'],
    ['listening', [], 'the state must be an object; got "listening"'],
    [{ ...LISTENING, keys: -1 }, ['keys'], 'keys must be a whole number; got -1'],
    [{ ...LISTENING, keys: 1.5 }, ['keys'], 'keys must be a whole number; got 1.5'],
    [{ ...LISTENING, attempts: '1' }, ['attempts'], 'attempts must be a whole number; got "1"'],
    [{ ...LISTENING, tag: 'x' }, ['tag'], 'tag must be null or an object; got "x"'],
    [{ ...LISTENING, tag: undefined }, ['tag'], 'tag must be null or an object; got nothing'],
    [
      { ...LISTENING, tag: { ...tag, accountCode: '123' } },
      ['tag', 'accountCode'],
      'tag.accountCode must be exactly 4 digits; got "123"',
    ],
    [
      { ...LISTENING, tag: { ...tag, validated: 'yes' } },
      ['tag', 'validated'],
      'tag.validated must be true or false; got "yes"',
    ],
    [
      { ...LISTENING, tag: { ...tag, keyIndex: 7 } },
      ['tag', 'keyIndex'],
      'tag.keyIndex must be a whole number below keys; got 7',
    ],
    [
      { ...LISTENING, tag: { ...tag, at: Number.NaN } },
      ['tag', 'at'],
      'tag.at must be a finite number or a string of up to 64 characters; got NaN',
    ],
    [
      { ...LISTENING, tag: { ...tag, at: 'x'.repeat(65) } },
      ['tag', 'at'],
      `tag.at must be a finite number or a string of up to 64 characters; got "${'x'.repeat(40)}…"`,
    ],
    [{ ...LISTENING, matched: 3 }, ['matched'], 'matched must be a whole number below 3; got 3'],
    [{ ...LISTENING, matched: -1 }, ['matched'], 'matched must be a whole number below 3; got -1'],
    [
      { ...COLLECTING, incorrect: 2, attempts: 2 },
      ['phase'],
      'phase collecting needs incorrect below 2 and lockedOut false',
    ],
    [
      { ...COLLECTING, lockedOut: true },
      ['phase'],
      'phase collecting needs incorrect below 2 and lockedOut false',
    ],
    [
      { ...COLLECTING, incorrect: null },
      ['incorrect'],
      'incorrect must be a whole number up to 2 and attempts; got null',
    ],
    [
      { ...LISTENING, incorrect: 2 },
      ['incorrect'],
      'incorrect must be a whole number up to 2 and attempts; got 2',
    ],
    [{ ...LISTENING, lockedOut: 1 }, ['lockedOut'], 'lockedOut must be true or false; got 1'],
    [{ ...COLLECTING, matched: 3 }, ['matched'], 'matched must be a whole number below 3; got 3'],
    [{ ...COLLECTING, digits: '1234' }, ['digits'], 'digits must be 0 to 3 digits; got "1234"'],
    [{ ...COLLECTING, digits: '1a' }, ['digits'], 'digits must be 0 to 3 digits; got "1a"'],
    [
      { ...AWAITING, incorrect: 2 },
      ['phase'],
      'phase awaiting-lookup needs incorrect below 2 and lockedOut false',
    ],
    [{ ...AWAITING, code: '123' }, ['code'], 'code must be exactly 4 digits; got "123"'],
    [{ ...AWAITING, code: '12345' }, ['code'], 'code must be exactly 4 digits; got "12345"'],
    [
      { ...AWAITING, keyIndex: 7 },
      ['keyIndex'],
      'keyIndex must be a whole number below keys; got 7',
    ],
    [
      { ...AWAITING, keyIndex: -1 },
      ['keyIndex'],
      'keyIndex must be a whole number below keys; got -1',
    ],
    [
      { ...AWAITING, at: Number.POSITIVE_INFINITY },
      ['at'],
      'at must be a finite number or a string of up to 64 characters; got Infinity',
    ],
    [
      { ...AWAITING, at: true },
      ['at'],
      'at must be a finite number or a string of up to 64 characters; got true',
    ],
    [
      { ...ENDED, phase: 'connected' },
      ['phase'],
      'phase must be one of "listening", "collecting", "awaiting-lookup", "ended"; got "connected"',
    ],
  ] as const)('rejects %j at its bad field', (value, path, message) => {
    expect(parseMidCallState(value)).toEqual({
      ok: false,
      error: { code: 'invalid-mid-call-state', path, message },
    });
  });

  it('names the bad option inside the state with its path under options', () => {
    const parsed = parseMidCallState({ ...LISTENING, options: { ...options, codeLength: 9 } });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.path).toEqual(['options', 'codeLength']);
    expect(!parsed.ok && parsed.error.message).toMatch(/^state\.codeLength/);
  });

  it('types an accepted value as the state it is', () => {
    const parsed = parseMidCallState(AWAITING);
    const state: MidCallState | undefined = parsed.ok ? parsed.state : undefined;
    expect(state?.phase).toBe('awaiting-lookup');
  });
});
