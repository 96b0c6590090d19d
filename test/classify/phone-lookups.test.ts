/**
 * The metadata look-ups of src/classify/phone.ts, through their exported functions:
 * what each gives for a region or calling code the metadata knows, and that
 * anything else (an unknown region, an inherited property name such as
 * `__proto__`) is "none", never a value read off Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import {
  callingCodeOf,
  internationalPrefixLength,
  isPossibleNationalNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
  plainNationalPrefix,
  planOf,
  regionsOfCallingCode,
} from '../../src/classify/phone.js';
import { getCountryCallingCode } from './calling-code.js';

const NOT_REGIONS = ['ZZ', 'UK', '__proto__', 'toString', 'hasOwnProperty', ''];

describe('parsePhoneNumberFromString', () => {
  it('parses an E.164 number without options', () => {
    expect(parsePhoneNumberFromString('+442079460958')).toMatchObject({
      number: '+442079460958',
      country: 'GB',
    });
  });

  it('reads a national number in the default country, given as a code or in options', () => {
    expect(parsePhoneNumberFromString('02079460958', 'GB')?.number).toBe('+442079460958');
    expect(parsePhoneNumberFromString('02079460958', { defaultCountry: 'GB' })?.number).toBe(
      '+442079460958',
    );
  });

  it('a national number without a default country is no number', () => {
    expect(parsePhoneNumberFromString('02079460958')).toBeUndefined();
  });
});

describe('isSupportedCountry and getCountryCallingCode', () => {
  it('know GB and AU, not UK', () => {
    expect(isSupportedCountry('GB')).toBe(true);
    expect(isSupportedCountry('UK')).toBe(false);
    expect(getCountryCallingCode('AU')).toBe('61');
  });
});

describe('regionsOfCallingCode', () => {
  it('lists the regions of a calling code, main region first', () => {
    expect(regionsOfCallingCode('49')).toEqual(['DE']);
    expect(regionsOfCallingCode('44')).toEqual(['GB', 'GG', 'IM', 'JE']);
    expect(regionsOfCallingCode('7')).toEqual(['RU', 'KZ']);
    expect(regionsOfCallingCode('1')[0]).toBe('US');
  });

  it.each(['999', '', '__proto__', 'constructor', 'toString'])(
    '%j is no calling code: no regions',
    (code) => {
      expect(regionsOfCallingCode(code)).toEqual([]);
    },
  );
});

describe('plainNationalPrefix', () => {
  it('is the prefix and calling code of a region with its calling code to itself', () => {
    expect(plainNationalPrefix('DE')).toEqual({ prefix: '0', callingCode: '49' });
    expect(plainNationalPrefix('FR')).toEqual({ prefix: '0', callingCode: '33' });
    expect(plainNationalPrefix('AT')).toEqual({ prefix: '0', callingCode: '43' });
  });

  it.each([
    ['GB', 'shares +44'],
    ['US', 'shares +1'],
    ['RU', 'shares +7'],
    ['IT', 'has no national prefix'],
    ['AD', 'has no national prefix (and +376 to itself)'],
    ['BH', 'has no national prefix (and +973 to itself)'],
    ['BR', 'has a parsing rule for carrier codes'],
    ['JP', 'has a parsing rule'],
  ])('is undefined for %s, which %s', (country) => {
    expect(plainNationalPrefix(country)).toBeUndefined();
  });

  it.each(NOT_REGIONS)('is undefined for %j, no region', (country) => {
    expect(plainNationalPrefix(country)).toBeUndefined();
  });
});

describe('planOf and callingCodeOf', () => {
  it('give the plan and calling code of a known region', () => {
    expect(planOf('GB')?.[0]).toBe('44');
    expect(callingCodeOf('AU')).toBe('61');
    expect(callingCodeOf('US')).toBe('1');
  });

  it.each(NOT_REGIONS)('know nothing of %j', (country) => {
    expect(planOf(country)).toBeUndefined();
    expect(callingCodeOf(country)).toBeUndefined();
  });
});

describe('internationalPrefixLength', () => {
  it.each([
    ['AU', '00114420794600', 4],
    ['AU', '0044207946000', 0],
    ['US', '011442079460958', 3],
    ['US', '2125550100', 0],
    ['GB', '0049301234567', 2],
    ['RU', '8104420794600', 3],
  ])('%s %s: %i digits', (country, digits, length) => {
    // Twice: the second answer comes from the compiled pattern kept for the region.
    expect(internationalPrefixLength(country, digits)).toBe(length);
    expect(internationalPrefixLength(country, digits)).toBe(length);
  });

  it.each(NOT_REGIONS)('is 0 for %j, no region', (country) => {
    expect(internationalPrefixLength(country, '0044207946000')).toBe(0);
    expect(internationalPrefixLength(country, '011442079460958')).toBe(0);
  });
});

describe('isPossibleNationalNumber', () => {
  it.each([
    ['GB', '2079460000', true],
    ['GB', '207946000012345', false], // too long
    ['GB', '20794600', false], // too short
    ['GB', '0079460000', false], // a length of GB, not its pattern
    ['DE', '999999999999', false], // no number type starts 999
    ['DE', '30123456', true],
    ['US', '2125550100', true],
    ['US', '3825120', false], // matches the pattern, but seven digits is no possible length
  ])('%s %s: %s', (country, national, possible) => {
    expect(isPossibleNationalNumber(country, national)).toBe(possible);
    expect(isPossibleNationalNumber(country, national)).toBe(possible);
  });

  it.each(NOT_REGIONS)('is false for %j, no region', (country) => {
    expect(isPossibleNationalNumber(country, '2079460000')).toBe(false);
    expect(isPossibleNationalNumber(country, '2079460000')).toBe(false);
  });
});
