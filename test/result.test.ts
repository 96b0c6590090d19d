/**
 * The two helpers every error message is built with: a JSON path printed the
 * way a person reads it, and an offending value named without dumping it.
 */
import { describe, expect, it } from 'vitest';
import { describeValue, formatPath } from '../src/result.js';

describe('formatPath', () => {
  it('names the root when the path is empty', () => {
    expect(formatPath([])).toBe('(root)');
  });

  it('joins field names with dots and puts indexes in brackets', () => {
    expect(formatPath(['account'])).toBe('account');
    expect(formatPath(['trunks', 2, 'customSettings', 'validateCodes'])).toBe(
      'trunks[2].customSettings.validateCodes',
    );
    expect(formatPath([0, 'code'])).toBe('[0].code');
    expect(formatPath(['account', 'codes', 0, 1])).toBe('account.codes[0][1]');
  });
});

describe('describeValue', () => {
  it('says "nothing" for a missing value and prints null, numbers and booleans as they are', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(3.5)).toBe('3.5');
    expect(describeValue(false)).toBe('false');
  });

  it('quotes a string, cutting it after 40 characters', () => {
    expect(describeValue('12a')).toBe('"12a"');
    const forty = 'x'.repeat(40);
    expect(describeValue(forty)).toBe(`"${forty}"`);
    expect(describeValue(`${forty}y`)).toBe(`"${forty}…"`);
  });

  it('names arrays, objects and other types by kind, never by content', () => {
    expect(describeValue([1, 2])).toBe('an array');
    expect(describeValue({ code: '1234' })).toBe('an object');
    expect(describeValue(10n)).toBe('a bigint');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue(() => 1)).toBe('a function');
  });
});
