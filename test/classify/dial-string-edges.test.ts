/**
 * Edges of docs/rules.md#classification where a wrong rule would still give a plausible answer:
 * operator prefixes in front of numbers that are not numbers, vertical
 * service codes, digit counts that are almost a NANP number, and the shape
 * of the result when the destination is not known.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';

describe('operator access in front of something that is not a number', () => {
  it.each(['010', '0234', '01'])('%s is a short service code, never an exception', (dialed) => {
    expect(classifyCall(dialed)).toEqual({
      kind: 'external',
      dialed,
      number: dialed,
      categories: ['serviceCode'],
      country: 'US',
    });
  });

  it('lists directory assistance once for the operator in front of NPA-555-1212', () => {
    expect(classifyCall('0 212 555 1212').categories).toEqual(['directoryAssistance', 'domestic']);
  });
});

describe('digit counts that are almost a NANP number', () => {
  it('eleven digits not starting with 1 are an unknown destination, not a domestic call', () => {
    expect(classifyCall('2 212 555 0100')).toEqual({
      kind: 'external',
      dialed: '22125550100',
      number: '22125550100',
      categories: [],
    });
  });

  it('seven digits starting with 1 are not a local number', () => {
    expect(classifyCall('123 4567').categories).toEqual([]);
  });

  it('eight digits are not a local number', () => {
    expect(classifyCall('2345 6789').categories).toEqual([]);
  });

  it('seven digits starting with 2-9 are a local, domestic number', () => {
    expect(classifyCall('234 5678').categories).toEqual(['domestic']);
  });
});

describe('vertical service codes in front of a number', () => {
  it.each([
    ['*90 1 900 555 0100', ['premiumToll']],
    ['*09 1 876 555 0100', ['international']],
    ['*82 1 900 555 0100', ['premiumToll']],
  ] as const)('%s is classified by the number after the code', (dialed, categories) => {
    expect(classifyCall(dialed)).toMatchObject({ kind: 'external', categories });
  });

  it('a star code of no known shape is no prefix: the string has no number, which fails closed', () => {
    // 919005550100 is no number: unrecognised, which fails closed.
    expect(classifyCall('*#9 1 900 555 0100')).toMatchObject({ categories: [] });
    // `*9#` is no feature code: no reading, unrecognised (required for every setting).
    expect(classifyCall('*9# 1 900 555 0100')).toMatchObject({ kind: 'external', categories: [] });
    expect(classifyCall('*#9#')).toMatchObject({ kind: 'external', categories: [] });
  });
});

describe('the outside-line prefix and extensions', () => {
  const plan = { dialPlan: { extensionLengths: [3], outsideLinePrefix: '9' } };

  it('the prefix leads out of the PBX: prefix + three digits is not the extension', () => {
    expect(classifyCall('9 123', plan)).not.toMatchObject({ kind: 'internal' });
  });

  it('a "+" in front of extension digits is not an extension', () => {
    expect(classifyCall('+123', { dialPlan: { extensionLengths: [4] } }).kind).toBe('external');
  });
});

describe('the shape of an external call', () => {
  it('has no e164 field when the E.164 form is not known', () => {
    expect(Object.keys(classifyCall('611'))).toEqual([
      'kind',
      'dialed',
      'number',
      'categories',
      'country',
    ]);
  });

  it('has neither e164 nor country when neither is known', () => {
    expect(Object.keys(classifyCall('2 212 555 0100'))).toEqual([
      'kind',
      'dialed',
      'number',
      'categories',
    ]);
  });

  it('has both when both are known', () => {
    expect(classifyCall('1 876 555 0100')).toEqual({
      kind: 'external',
      dialed: '18765550100',
      number: '18765550100',
      categories: ['international'],
      e164: '+18765550100',
      country: 'JM',
    });
  });
});

describe('international form with no country code', () => {
  it.each(['+0 123 4567', '011 0 123 4567'])(
    '%s is an unknown destination, not international: no country code starts with 0',
    (dialed) => {
      expect(classifyCall(dialed).categories).toEqual([]);
    },
  );
});

describe('a star code in front of digits that are not a number', () => {
  it('is an unrecognised destination, not a service code (issue 12: fail closed)', () => {
    expect(classifyCall('*67 1234')).toMatchObject({
      kind: 'external',
      categories: [],
    });
  });
});

describe('exempt numbers up to the longest the schema allows', () => {
  it('a fifteen-digit exempt number is never prompted', () => {
    const exempt = '123456789012345';
    expect(classifyCall(exempt, { exemptNumbers: [exempt] })).toMatchObject({
      kind: 'emergency',
      why: 'exempt',
    });
  });
});
