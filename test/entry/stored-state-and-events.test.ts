/**
 * Webhook data comes back from storage and from the wire: `parseEntryState`
 * refuses a state the machine cannot reach (a tampered state must not claim a
 * connected call without an attempt, say), and `readEvent` keeps only
 * well-formed events, dropping a malformed timestamp rather than the event.
 */
import { describe, expect, it } from 'vitest';
import { readEvent } from '../../src/entry/events.js';
import { parseEntryState } from '../../src/entry/machine.js';

const options = {
  codeLength: 4,
  maxRetries: 3,
  validateCodes: true,
  allowCallAfterMaxRetries: false,
};

describe('parseEntryState rejects states the machine cannot reach', () => {
  it.each([
    [null, [], 'the state must be an object; got null'],
    [7, [], 'the state must be an object; got 7'],
    [
      { phase: 'collecting', options, attempts: 1.5, digits: '' },
      ['attempts'],
      'attempts must be an integer from 0 to 3; got 1.5',
    ],
    [
      { phase: 'collecting', options, attempts: '1', digits: '' },
      ['attempts'],
      'attempts must be an integer from 0 to 3; got "1"',
    ],
    [
      { phase: 'collecting', options, attempts: -1, digits: '' },
      ['attempts'],
      'attempts must be an integer from 0 to 3; got -1',
    ],
    [
      { phase: 'ended', options, attempts: 4 },
      ['attempts'],
      'attempts must be an integer from 0 to 3; got 4',
    ],
    [
      { phase: 'awaiting-lookup', options, attempts: 0, code: '1234' },
      ['attempts'],
      'attempts must be at least 1 while a code is looked up',
    ],
    [
      { phase: 'connected', options, attempts: 0, accountCode: '1234', validated: true },
      ['attempts'],
      'attempts must be at least 1 once connected',
    ],
    [
      { phase: 'connected', options, attempts: 1, accountCode: '1234', validated: 'yes' },
      ['validated'],
      'validated must be true or false; got "yes"',
    ],
  ] as const)('%j is refused at its bad field', (value, path, message) => {
    expect(parseEntryState(value)).toEqual({
      ok: false,
      error: { code: 'invalid-entry-state', path, message },
    });
  });

  it.each([
    { phase: 'collecting', options, attempts: 0, digits: '' },
    { phase: 'collecting', options, attempts: 2, digits: '123' },
    { phase: 'awaiting-lookup', options, attempts: 1, code: '1234' },
    { phase: 'connected', options, attempts: 3, accountCode: '1234', validated: false },
    { phase: 'ended', options, attempts: 3 },
    { phase: 'abandoned', options, attempts: 0 },
  ])('accepts the reachable state %j as it is', (value) => {
    expect(parseEntryState(value)).toEqual({ ok: true, state: value });
  });
});

describe('readEvent', () => {
  it('reads keys, keeping a well-formed time on digits and #, never on *', () => {
    expect(readEvent({ type: 'key', key: '7' })).toEqual({ kind: 'digit', digit: '7' });
    expect(readEvent({ type: 'key', key: '7', at: 5 })).toEqual({
      kind: 'digit',
      digit: '7',
      at: 5,
    });
    expect(readEvent({ type: 'key', key: '#' })).toEqual({ kind: 'hash' });
    expect(readEvent({ type: 'key', key: '#', at: 'T' })).toEqual({ kind: 'hash', at: 'T' });
    expect(readEvent({ type: 'key', key: '*', at: 'T' })).toEqual({ kind: 'star' });
  });

  it('reads a timeout, with its time when it has a well-formed one', () => {
    expect(readEvent({ type: 'timeout' })).toEqual({ kind: 'timeout' });
    expect(readEvent({ type: 'timeout', at: 12 })).toEqual({ kind: 'timeout', at: 12 });
  });

  it('drops a malformed time but keeps the event', () => {
    expect(readEvent({ type: 'key', key: '1', at: Number.NaN })).toEqual({
      kind: 'digit',
      digit: '1',
    });
    expect(readEvent({ type: 'timeout', at: 'x'.repeat(65) })).toEqual({ kind: 'timeout' });
    expect(readEvent({ type: 'timeout', at: 'x'.repeat(64) })).toEqual({
      kind: 'timeout',
      at: 'x'.repeat(64),
    });
    expect(readEvent({ type: 'timeout', at: true })).toEqual({ kind: 'timeout' });
  });

  it('reads both look-up events as one answer, with the code they answer for when given as a string', () => {
    expect(readEvent({ type: 'lookup-result', valid: true })).toEqual({
      kind: 'answer',
      answer: { kind: 'hit' },
    });
    expect(readEvent({ type: 'lookup-result', valid: false, code: '1234' })).toEqual({
      kind: 'answer',
      answer: { kind: 'miss', locked: false },
      code: '1234',
    });
    expect(readEvent({ type: 'lookup-result', valid: false, locked: true })).toEqual({
      kind: 'answer',
      answer: { kind: 'miss', locked: true },
    });
    expect(readEvent({ type: 'lookup-result', valid: false, locked: 'yes' })).toBeUndefined();
    expect(readEvent({ type: 'lookup-refused', reason: 'locked-out', code: '1234' })).toEqual({
      kind: 'answer',
      answer: { kind: 'refused', reason: 'locked-out' },
      code: '1234',
    });
    expect(readEvent({ type: 'lookup-refused', reason: 'busy' })).toBeUndefined();
    expect(readEvent({ type: 'lookup-result', valid: true, code: 1234 })).toBeUndefined();
    expect(readEvent({ type: 'lookup-result', valid: 'yes' })).toBeUndefined();
  });

  it("keeps a miss's reason for the record, and drops one that is not a refusal rather than the answer", () => {
    expect(readEvent({ type: 'lookup-result', valid: false, reason: 'expired' })).toEqual({
      kind: 'answer',
      answer: { kind: 'miss', locked: false, reason: 'expired' },
    });
    expect(readEvent({ type: 'lookup-result', valid: false, reason: 'stolen' })).toEqual({
      kind: 'answer',
      answer: { kind: 'miss', locked: false },
    });
    // A hit has nothing to refuse.
    expect(readEvent({ type: 'lookup-result', valid: true, reason: 'expired' })).toEqual({
      kind: 'answer',
      answer: { kind: 'hit' },
    });
  });

  it.each([
    null,
    'key',
    { type: 'key' },
    { type: 'key', key: '12' },
    { type: 'key', key: '' },
    { type: 'key', key: 'A' },
    { type: 'key', key: '/' },
    { type: 'key', key: ':' },
    { type: 'key', key: '1', leg: 'far-end' },
    { type: 'key', key: '1', leg: 'caller' },
    { type: 'key', key: 1 },
    { type: 'keypress', key: '1' },
  ])('refuses %j', (event) => {
    expect(readEvent(event)).toBeUndefined();
  });

  it('reads a hangup', () => {
    expect(readEvent({ type: 'hangup' })).toEqual({ kind: 'hangup' });
  });
});
