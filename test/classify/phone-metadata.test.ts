import fc from 'fast-check';
import { getCountries, parsePhoneNumberFromString as parseWithMin } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import {
  callingCodeOf,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from '../../src/classify/phone.js';
import { propertyRuns } from '../support/properties.js';
import { getCountryCallingCode } from './calling-code.js';

const countries = getCountries();

const summary = (n: ReturnType<typeof parseWithMin>) =>
  n === undefined
    ? undefined
    : {
        number: n.number,
        country: n.country,
        nationalNumber: n.nationalNumber,
        possible: n.isPossible(),
      };

describe('the package metadata (libphonenumber-js min without formats)', () => {
  it('parses national and international numbers exactly as libphonenumber-js min does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.constantFrom('', '+', '00', '0', '011'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 3, maxLength: 15 }),
        (country, lead, digits) => {
          const text = lead + digits;
          const options = { defaultCountry: country, extract: false };
          expect(summary(parsePhoneNumberFromString(text, options))).toEqual(
            summary(parseWithMin(text, options)),
          );
        },
      ),
      propertyRuns(),
    );
  });

  it('knows the same countries and calling codes', () => {
    for (const country of countries) {
      expect(isSupportedCountry(country)).toBe(true);
      expect(getCountryCallingCode(country)).toBeTruthy();
      expect(callingCodeOf(country)).toBe(getCountryCallingCode(country));
    }
    expect(isSupportedCountry('XX')).toBe(false);
    expect(getCountryCallingCode('GB')).toBe('44');
  });
});
