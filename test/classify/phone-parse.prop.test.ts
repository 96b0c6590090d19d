/**
 * The precompiled parse (src/classify/phone-parse.ts) against libphonenumber-js with
 * the same metadata (issue 14): the same number, region and national number,
 * and the same classification, for every calling code and every region.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { type CountryCode, parsePhoneNumberFromString, planOf } from '../../src/classify/phone.js';
import { PHONE_METADATA_JSON } from '../../src/classify/phone-metadata.js';
import { parseInternational, parseNational, UNDECIDED } from '../../src/classify/phone-parse.js';
import type { ClassifyContext } from '../../src/classify/types.js';
import { extendedRuns } from '../support/properties.js';

const metadata = JSON.parse(PHONE_METADATA_JSON) as {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown[]>;
};
const CALLING_CODES = Object.keys(metadata.country_calling_codes);
const SHARED = CALLING_CODES.filter(
  (code) => (metadata.country_calling_codes[code]?.length ?? 0) > 1,
);
const REGIONS = Object.keys(metadata.countries);

/** What libphonenumber-js says, in the fast path's shape. */
function library(text: string, country?: string) {
  try {
    const number =
      country === undefined
        ? parsePhoneNumberFromString(text, { extract: false })
        : parsePhoneNumberFromString(text, {
            defaultCountry: country as CountryCode,
            extract: false,
          });
    if (number === undefined) return undefined;
    return { e164: number.number, country: number.country, nationalNumber: number.nationalNumber };
  } catch {
    return undefined;
  }
}

function expectSameInternational(digits: string): void {
  const fast = parseInternational(digits);
  if (fast !== UNDECIDED) expect(fast, `+${digits}`).toEqual(library(`+${digits}`));
}

function expectSameNational(digits: string, country: string): void {
  const fast = parseNational(digits, country);
  if (fast !== UNDECIDED) expect(fast, `${digits} in ${country}`).toEqual(library(digits, country));
}

const digitsArb = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max })
    .map((d) => d.join(''));

/** A region's own prefixes, so generated numbers reach its national-prefix and leading-digit rules. */
function prefixesOf(region: string): string[] {
  const plan = planOf(region) ?? [];
  const prefixes = [''];
  for (const at of [5, 7, 10]) {
    const source = plan[at];
    if (typeof source !== 'string') continue;
    for (const [literal] of source.matchAll(/\d+/g)) prefixes.push(literal);
  }
  return prefixes;
}

const internationalArb = fc
  .constantFrom(...CALLING_CODES)
  .chain((code) =>
    fc.tuple(
      fc.constant(code),
      fc.constantFrom(...(metadata.country_calling_codes[code] ?? []).flatMap(prefixesOf)),
      digitsArb(0, 14),
    ),
  )
  .map(([code, prefix, rest]) => `${code}${prefix}${rest}`);

const nationalArb = fc
  .constantFrom(...REGIONS)
  .chain((region) =>
    fc.tuple(fc.constant(region), fc.constantFrom(...prefixesOf(region)), digitsArb(0, 14)),
  );

describe('the precompiled parse is libphonenumber-js', () => {
  it('for numbers in + form, every calling code', () => {
    fc.assert(fc.property(internationalArb, expectSameInternational), extendedRuns(20_000));
  });

  it('for numbers in + form, the shared calling codes', () => {
    const sharedArb = internationalArb.filter((d) => SHARED.some((code) => d.startsWith(code)));
    fc.assert(fc.property(sharedArb, expectSameInternational), extendedRuns(20_000));
  });

  it('for numbers in national form, every region', () => {
    fc.assert(
      fc.property(nationalArb, ([region, prefix, rest]) =>
        expectSameNational(`${prefix}${rest}`, region),
      ),
      extendedRuns(20_000),
    );
  });

  it('decides most numbers itself (it is a fast path, not a detour)', () => {
    let decided = 0;
    for (const digits of ['442079460000', '61298765432', '74951234567', '447781123456']) {
      if (parseInternational(digits) !== UNDECIDED) decided++;
    }
    if (parseNational('02079460000', 'GB') !== UNDECIDED) decided++;
    expect(decided).toBe(5);
  });

  it("for every example number of every region (google-libphonenumber's), in + and national form", () => {
    const require = createRequire(import.meta.url);
    const google = require('google-libphonenumber') as {
      PhoneNumberUtil: { getInstance(): ExampleSource };
      PhoneNumberType: Record<string, number>;
    };
    const util = google.PhoneNumberUtil.getInstance();
    let checked = 0;
    const withExamples = new Set<string>();
    for (const region of REGIONS) {
      const plan = planOf(region) ?? [];
      const code = String(plan[0]);
      const prefix = typeof plan[5] === 'string' ? plan[5] : '';
      for (const type of Object.values(google.PhoneNumberType)) {
        const example = util.getExampleNumberForType(region, type);
        if (example === null) continue;
        const nsn = util.getNationalSignificantNumber(example);
        expectSameInternational(`${code}${nsn}`);
        expectSameNational(nsn, region);
        expectSameNational(`${prefix}${nsn}`, region);
        if (parseInternational(`${code}${nsn}`) !== UNDECIDED) checked++;
        withExamples.add(region);
      }
    }
    // Nearly every example is decided by the fast path, and every region of a shared code has some.
    expect(checked).toBeGreaterThan(1300);
    for (const code of SHARED) {
      for (const region of metadata.country_calling_codes[code] ?? []) {
        expect(withExamples.has(region), region).toBe(true);
      }
    }
  });
});

interface ExampleSource {
  getExampleNumberForType(region: string, type: number): object | null;
  getNationalSignificantNumber(number: object): string;
}

describe('classification with the precompiled parse is classification with libphonenumber-js', () => {
  it('gives the same result (kind, categories, region, E.164) for international and national dial strings', async () => {
    vi.resetModules();
    vi.doMock('../../src/classify/phone-parse.js', () => ({
      UNDECIDED,
      parseInternational: () => UNDECIDED,
      parseNational: () => UNDECIDED,
    }));
    const slow = (await import('../../src/classify/classify.js')).classifyCall;
    vi.doUnmock('../../src/classify/phone-parse.js');
    expect(slow).not.toBe(classifyCall);
    const dialArb = fc.oneof(
      internationalArb.map((d) => [`+${d}`, 'US'] as const),
      internationalArb.map((d) => [`00${d}`, 'GB'] as const),
      nationalArb.map(([region, prefix, rest]) => [`${prefix}${rest}`, region] as const),
    );
    fc.assert(
      fc.property(dialArb, ([dialed, country]) => {
        const context: ClassifyContext = { country };
        expect(classifyCall(dialed, context)).toEqual(slow(dialed, context));
      }),
      extendedRuns(10_000),
    );
  });
});
