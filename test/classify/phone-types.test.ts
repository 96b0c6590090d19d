/**
 * The number-type tries (issue 12, docs/rules.md#classification: impossible national numbers are
 * never domestic): a superset of every valid number of every type, and what
 * they refuse is invalid by libphonenumber-js `max` itself.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { parsePhoneNumberFromString as parseWithMax } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { numberTypePrefixes, type RegionPlan } from '../../scripts/number-type-prefixes.js';
import { classifyCall } from '../../src/classify/classify.js';
import { isPossibleNationalNumber } from '../../src/classify/phone.js';
import { accepts, hasNumberTypePrefix, readTrie } from '../../src/classify/phone-types.js';
import { NUMBER_TYPE_PREFIXES } from '../../src/classify/phone-types-table.js';
import { propertyRuns } from '../support/properties.js';

const require = createRequire(import.meta.url);
const max = require('libphonenumber-js/metadata.max.json') as {
  countries: Record<string, unknown[]>;
};
const mobileExamples = require('libphonenumber-js/examples.mobile.json') as Record<string, string>;

/** Every (region, type pattern, type lengths) of the `max` metadata, +1 regions left out. */
const TYPES = Object.entries(max.countries).flatMap(([region, plan]) =>
  plan[0] === '1'
    ? []
    : ((plan[11] ?? []) as RegionPlan['types']).flatMap((type) =>
        type === 0 ? [] : [{ region, pattern: type[0], lengths: type[1] ?? (plan[3] as number[]) }],
      ),
);

/** A number of a region's general pattern and lengths: the ones the runtime asks the table about. */
function general(region: string, nationalNumber: string): boolean {
  const plan = max.countries[region] ?? [];
  return (
    (plan[3] as number[]).includes(nationalNumber.length) &&
    new RegExp(`^(?:${plan[2]})$`).test(nationalNumber)
  );
}

describe('the number-type tries', () => {
  it('accept every number of every type of every region (strings from the type patterns)', () => {
    let asked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES).chain(({ region, pattern, lengths }) =>
          fc
            .stringMatching(new RegExp(`^(?:${pattern})$`))
            .filter((n) => lengths.includes(n.length))
            .map((n) => [region, n] as const),
        ),
        ([region, nationalNumber]) => {
          if (!general(region, nationalNumber)) return; // not valid: the general check refuses it
          asked++;
          expect(hasNumberTypePrefix(region, nationalNumber), `${region} ${nationalNumber}`).toBe(
            true,
          );
        },
      ),
      propertyRuns({ numRuns: 5_000 }),
    );
    expect(asked).toBeGreaterThan(4_000);
  });

  it('refuse only numbers that libphonenumber-js max says are invalid', () => {
    const regions = Object.keys(NUMBER_TYPE_PREFIXES);
    let refused = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...regions),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 4, maxLength: 15 }),
        (region, nationalNumber) => {
          if (!general(region, nationalNumber) || hasNumberTypePrefix(region, nationalNumber))
            return;
          refused++;
          const plan = max.countries[region] ?? [];
          const parsed = parseWithMax(`+${plan[0]}${nationalNumber}`);
          const validHere = parsed?.country === region && parsed.isValid();
          expect(validHere, `${region} ${nationalNumber}`).toBe(false);
        },
      ),
      propertyRuns({ numRuns: 20_000 }),
    );
    expect(refused).toBeGreaterThan(100);
  });

  it("accept every example number of every type (google-libphonenumber's and libphonenumber-js's mobile ones)", () => {
    const google = require('google-libphonenumber') as {
      PhoneNumberUtil: {
        getInstance(): {
          getSupportedRegions(): string[];
          getExampleNumberForType(region: string, type: number): object | null;
          getNationalSignificantNumber(number: object): string;
        };
      };
      PhoneNumberType: Record<string, number>;
    };
    const util = google.PhoneNumberUtil.getInstance();
    let checked = 0;
    const outdated: string[] = [];
    for (const region of util.getSupportedRegions()) {
      for (const type of Object.values(google.PhoneNumberType)) {
        const example = util.getExampleNumberForType(region, type);
        if (example === null) continue;
        const nsn = util.getNationalSignificantNumber(example);
        // Google's release may differ (BJ's 8-digit examples): those the shipped pattern refuses.
        if (!general(region, nsn)) {
          outdated.push(`${region} ${nsn}`);
          continue;
        }
        expect(hasNumberTypePrefix(region, nsn), `${region} ${nsn}`).toBe(true);
        checked++;
      }
    }
    expect(outdated.length, outdated.join(', ')).toBeLessThan(10);
    for (const [region, nsn] of Object.entries(mobileExamples)) {
      expect(hasNumberTypePrefix(region, nsn), `${region} ${nsn}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it.each([
    ['DE', '999999999999'], // no type starts 999 (fixed line 99[0-7], premium 900)
    ['DE', '9981234567'],
    ['AT', '999999999'],
    ['FR', '400000000'],
    ['CH', '200000000'],
    ['ES', '750000000'],
    ['JP', '100000000'],
    ['SE', '228999'],
  ])('refuse %s %s, a number of the general pattern and no type', (region, nationalNumber) => {
    expect(general(region, nationalNumber)).toBe(true);
    expect(hasNumberTypePrefix(region, nationalNumber)).toBe(false);
    expect(isPossibleNationalNumber(region, nationalNumber)).toBe(false);
    expect(parseWithMax(`+${max.countries[region]?.[0]}${nationalNumber}`)?.isValid()).toBe(false);
  });

  it.each([
    ['FR', '04 00 00 00 00', '04 72 00 00 00'],
    ['CH', '020 000 00 00', '044 668 18 00'],
    ['ES', '750 000 000', '910 000 000'],
    ['JP', '0100000000', '0312345678'],
    ['AT', '0999999999', '01 588 00'],
  ])('%s: %s is not domestic, %s is', (country, impossible, real) => {
    const context = { country, dialPlan: { extensionLengths: [3, 4], outsideLinePrefix: '9' } };
    expect(classifyCall(impossible, context)).toMatchObject({ kind: 'external', categories: [] });
    expect(classifyCall(real, context)).toMatchObject({
      kind: 'external',
      categories: ['domestic'],
    });
  });

  it('leave out the +1 regions (the NANP path decides them) and accept what they do not know', () => {
    expect(Object.keys(NUMBER_TYPE_PREFIXES)).not.toContain('US');
    expect(Object.keys(NUMBER_TYPE_PREFIXES)).not.toContain('CA');
    expect(hasNumberTypePrefix('US', '9999999999')).toBe(true);
    expect(hasNumberTypePrefix('constructor', '123')).toBe(true);
    expect(Object.keys(NUMBER_TYPE_PREFIXES).length).toBeGreaterThan(200);
  });
});

describe('numberTypePrefixes (the generator) and readTrie', () => {
  /** Types: 1 + two digits, or 2[0-4] + three; 9 + three (of length 4 only). */
  const plan: RegionPlan = {
    general: '\\d{3,5}',
    lengths: [3, 4, 5],
    types: [['1\\d{2}|2[0-4]\\d{3}'], 0, ['9\\d{3}', [4]]],
  };
  const valid = (n: string) => /^(?:1\d{2}|2[0-4]\d{3}|9\d{3})$/.test(n);
  const everyNumber = [3, 4, 5].flatMap((length) =>
    Array.from({ length: 10 ** length }, (_, i) => String(i).padStart(length, '0')),
  );

  it.each([1, 2, 3])(
    'at depth %i: accepts every valid number, and refuses more the deeper it goes',
    (depth) => {
      const trie = readTrie(numberTypePrefixes(plan, depth) as string);
      const refused = everyNumber.filter((n) => !accepts(trie, n));
      expect(refused.filter(valid)).toEqual([]);
      // Exact at its depth: a number is refused when no valid number shares its length and prefix.
      const prefixes = new Set(
        everyNumber.filter(valid).map((n) => `${n.length}:${n.slice(0, depth)}`),
      );
      expect(refused.length).toBe(
        everyNumber.filter((n) => !prefixes.has(`${n.length}:${n.slice(0, depth)}`)).length,
      );
    },
  );

  it('gives no table to a region whose types refuse nothing its general pattern accepts', () => {
    expect(
      numberTypePrefixes({ general: '[1-9]\\d{3}', lengths: [4], types: [['\\d{4}']] }, 3),
    ).toBe(undefined);
    expect(
      numberTypePrefixes({ general: '[1-9]\\d{3}', lengths: [4], types: [['[2-9]\\d{3}']] }, 3),
    ).toBe(
      'q(1a)', // lengths {4} (q = 16); nothing starts 1; 0 is the general pattern's own
    );
  });

  it('gives no table to a region the metadata has no number types for', () => {
    expect(numberTypePrefixes({ general: '\\d{4}', lengths: [4], types: [] }, 3)).toBe(undefined);
    expect(numberTypePrefixes({ general: '\\d{4}', lengths: [4], types: [0, 0] }, 3)).toBe(
      undefined,
    );
  });

  it('refuses regular expressions outside the metadata subset', () => {
    expect(() =>
      numberTypePrefixes({ general: '\\d+', lengths: [4], types: [['\\d{4}']] }, 2),
    ).toThrow();
    expect(() =>
      numberTypePrefixes({ general: '\\d{4}', lengths: [4], types: [['[a-z]{4}']] }, 2),
    ).toThrow(/unsupported/);
  });
});
