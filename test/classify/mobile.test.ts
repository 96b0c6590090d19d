import fc from 'fast-check';
import { PhoneNumber } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { type CountryCode, getCountries, getExampleNumber } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/metadata.max.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { isMobileNumber } from '../../src/classify/mobile.js';
import { propertyRuns } from '../support/properties.js';

/** What libphonenumber-js `max` itself says: the number's type is MOBILE. */
function typedMobile(country: CountryCode, nationalNumber: string): boolean {
  // The core class takes (country, national number, metadata); its types name only (number, metadata).
  const Typed = PhoneNumber as unknown as new (
    country: string,
    nationalNumber: string,
    metadata: object,
  ) => { getType(): string | undefined };
  const number = new Typed(country, nationalNumber, maxMetadata);
  return number.getType() === 'MOBILE';
}

const regions = getCountries().filter(
  (country) => (maxMetadata.countries as Record<string, unknown[]>)[country]?.[0] !== '1',
);

describe('the mobile category (docs/rules.md#scoped-codes)', () => {
  it('is what the max metadata says for every region’s example mobile number', () => {
    for (const country of regions) {
      const example = getExampleNumber(country, examples);
      if (example === undefined) continue;
      expect(isMobileNumber(country, example.nationalNumber), country).toBe(
        typedMobile(country, example.nationalNumber),
      );
    }
  });

  it('agrees with the max metadata on numbers near the example ones (differential)', () => {
    const withExample = regions.flatMap((country) => {
      const example = getExampleNumber(country, examples);
      return example === undefined ? [] : [[country, example.nationalNumber] as const];
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...withExample),
        fc.nat({ max: 8 }),
        fc.stringMatching(/^[0-9]{0,12}$/),
        ([country, example], keep, tail) => {
          const nationalNumber = (example.slice(0, keep) + tail).slice(0, 17);
          if (nationalNumber === '') return;
          expect(isMobileNumber(country, nationalNumber)).toBe(
            typedMobile(country, nationalNumber),
          );
        },
      ),
      propertyRuns(),
    );
  });

  it('classifies the issue’s numbers: mobile where the metadata says so, never guessed', () => {
    expect(classifyCall('+447400123456', { country: 'US' }).categories).toEqual([
      'international',
      'mobile',
    ]);
    expect(classifyCall('07400 123456', { country: 'GB' }).categories).toEqual([
      'domestic',
      'mobile',
    ]);
    // Ofcom's drama range is not a valid number in the metadata.
    expect(classifyCall('07700 900123', { country: 'GB' }).categories).toEqual(['domestic']);
    // The NANP cannot tell mobile from fixed: never mobile.
    expect(classifyCall('2015550123', { country: 'US' }).categories).toEqual(['domestic']);
    expect(classifyCall('+18765551234', { country: 'GB' }).categories).toEqual(['international']);
    expect(classifyCall('015123456789', { country: 'DE' }).categories).toEqual([
      'domestic',
      'mobile',
    ]);
  });

  it('knows no mobile numbers of a region it has no table for', () => {
    expect(isMobileNumber('US', '2015550123')).toBe(false);
    expect(isMobileNumber('ZZ', '7400123456')).toBe(false);
    expect(isMobileNumber('constructor', '7400123456')).toBe(false);
  });
});
