/**
 * How much the precompiled parse (src/classify/phone-parse.ts, issue 14) answers by
 * itself, on libphonenumber-js's example number of every region: each in
 * international form, each national number, and each with the region's
 * national prefix. It may only decline (UNDECIDED, and the library parses)
 * where its documentation says: a national string that starts with the
 * calling code (the NANP's `1` + number, Kazakhstan's numbers starting 7),
 * and a national prefix with carrier-selection rules (Colombia's). Whatever
 * it answers is the library's answer (phone-parse.prop.test.ts checks that
 * on generated numbers; this checks it on the examples too).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  planOf,
} from '../../src/classify/phone.js';
import { parseInternational, parseNational, UNDECIDED } from '../../src/classify/phone-parse.js';
import { getCountryCallingCode } from './calling-code.js';

const examples = createRequire(import.meta.url)('libphonenumber-js/examples.mobile.json') as Record<
  string,
  string
>;
const REGIONS = Object.keys(examples).filter(isSupportedCountry);

function library(text: string, country?: CountryCode) {
  const number = parsePhoneNumberFromString(text, {
    ...(country === undefined ? {} : { defaultCountry: country }),
    extract: false,
  });
  return number === undefined
    ? undefined
    : { e164: number.number, country: number.country, nationalNumber: number.nationalNumber };
}

describe("the precompiled parse on every region's example number", () => {
  it('covers the regions', () => {
    expect(REGIONS.length).toBeGreaterThan(240);
  });

  it('international form: always answers, and as the library does', () => {
    for (const region of REGIONS) {
      const digits = `${getCountryCallingCode(region)}${examples[region]}`;
      const fast = parseInternational(digits);
      expect(fast, `+${digits}`).not.toBe(UNDECIDED);
      expect(fast, `+${digits}`).toEqual(library(`+${digits}`));
    }
  });

  it('national form, with and without the national prefix: declines only where it says', () => {
    const declined: string[] = [];
    const expected: string[] = [];
    for (const region of REGIONS) {
      const number = examples[region] as string;
      const prefix = planOf(region)?.[5];
      const forms =
        typeof prefix === 'string' && prefix !== '' ? [number, prefix + number] : [number];
      for (const form of forms) {
        if (
          form.startsWith(getCountryCallingCode(region)) ||
          (region === 'CO' && form !== number)
        ) {
          expected.push(`${region} ${form}`);
        }
        const fast = parseNational(form, region);
        if (fast === UNDECIDED) declined.push(`${region} ${form}`);
        else expect(fast, `${form} in ${region}`).toEqual(library(form, region));
      }
    }
    expect(declined).toEqual(expected);
    expect(declined).toContain('KZ 7710009998');
    expect(declined).toContain('US 12015550123');
  });
});
