/**
 * The character checks of the NANP shortcuts: plainNanpDigits
 * (src/classify/normalise.ts) takes only digits, the five separators and
 * one leading `+`, and isTenDigitNanp (src/classify/nanp.ts) only ten ASCII
 * digits from its start on, the first 2–9. Anything else is left to the
 * general rules, which refuse it.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { isTenDigitNanp } from '../../src/classify/nanp.js';
import { plainNanpDigits } from '../../src/classify/normalise.js';

describe('plainNanpDigits', () => {
  it.each([
    'x12125551234',
    '/12125551234',
    '1x2125551234',
    '12125551234x',
    '++12125551234',
    '1+2125551234',
  ])('%s is not a plain NANP number, and classifies as not dialable', (dialed) => {
    expect(plainNanpDigits(dialed)).toBeUndefined();
    expect(classifyCall(dialed)).toMatchObject({ kind: 'invalid', reason: 'not-dialable' });
  });

  it('one leading + before 1 and the ten digits, with or without separators', () => {
    expect(plainNanpDigits('+12125551234')).toBe('+12125551234');
    expect(plainNanpDigits('+1 (212) 555-1234')).toBe('+12125551234');
    expect(plainNanpDigits('+2125551234')).toBeUndefined();
  });
});

describe('isTenDigitNanp', () => {
  it.each([
    ['2125551234', 0, true],
    ['9125551234', 0, true],
    ['1125551234', 0, false],
    [':125551234', 0, false],
    ['/125551234', 0, false],
    ['212555123:', 0, false],
    ['212555123/', 0, false],
    ['21255a1234', 0, false],
    ['+2125551234', 1, true],
    ['x2125551234', 1, true],
    ['12125551234', 1, true],
    ['1212555123', 1, false],
  ])('%s from %i: %s', (digits, from, expected) => {
    expect(isTenDigitNanp(digits, from)).toBe(expected);
  });
});
