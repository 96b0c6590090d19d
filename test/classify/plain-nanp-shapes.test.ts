/**
 * Strings that look almost like NPA-NXX-XXXX, 1 + it or +1 + it: the quick
 * reader of those shapes (plainNanpDigits) must leave each of them to the
 * general rules of docs/rules.md#classification, which read them as something else — a `+` that
 * is not in front, twice, or after a digit is not dialable; too many or too
 * few digits, or a first digit that is no area code, is no NANP number.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';

describe('a + anywhere but in front, once, is not dialable', () => {
  it.each(['212+5551234', '1+2125551234', '++1 212 555 1234', '+ +12125551234'])('%j', (dialed) => {
    expect(classifyCall(dialed)).toMatchObject({ kind: 'invalid', reason: 'not-dialable' });
  });
});

describe('too many or too few digits, or no area code, is no NANP number', () => {
  it.each([
    ['212555123456', []],
    ['2125551234567', []],
    ['21255512345', []],
    ['1 212 555 12345', []],
    ['112125551234', []],
    ['12 212 555 1234', []],
    ['1212 555 123', []],
    ['+12125551234 5', ['international']],
  ])('%j: %j, without an E.164 form', (dialed, categories) => {
    const result = classifyCall(dialed);
    expect(result).toMatchObject({ kind: 'external', categories });
    expect(result).not.toHaveProperty('e164');
  });

  it('0 + ten digits is operator-assisted, not a NANP number as dialed', () => {
    expect(classifyCall('0212 555 1234')).toMatchObject({
      number: '02125551234',
      categories: ['directoryAssistance', 'domestic'],
      e164: '+12125551234',
    });
  });
});

describe('the plain shapes with every separator', () => {
  it.each(['(212) 555.1234', '212-555-1234', '1 (212) 555-1234', '+1 (212) 555-1234'])(
    '%j is 212-555-1234',
    (dialed) => {
      expect(classifyCall(dialed)).toMatchObject({
        kind: 'external',
        categories: ['domestic'],
        e164: '+12125551234',
        country: 'US',
      });
    },
  );
});

describe('a seven-digit local number with separators, right after a ten-digit call', () => {
  it('555-1234 is 555-1234 (no digits of the call before)', () => {
    expect(classifyCall('212-555-9876')).toMatchObject({ e164: '+12125559876' });
    expect(classifyCall('555-1234')).toMatchObject({
      kind: 'external',
      dialed: '5551234',
      number: '5551234',
      categories: ['domestic'],
    });
  });
});
