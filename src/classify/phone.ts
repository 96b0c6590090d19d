/**
 * The one place that picks the libphonenumber-js metadata flavour, so the
 * package never bundles two copies of it. See docs/classification.md for why
 * this flavour and what it costs: the `min` metadata without its number
 * formats (generated into `phone-metadata.ts`), because the package parses
 * and never formats, and the formats are half the gzipped metadata.
 */
import {
  type CountryCode,
  isSupportedCountry as isSupportedCountryWith,
  type MetadataJson,
  type PhoneNumber,
  parsePhoneNumberFromString as parseWith,
} from 'libphonenumber-js/core';
import { PHONE_METADATA_JSON } from './phone-metadata.js';
import { hasNumberTypePrefix } from './phone-types.js';

export type { CountryCode } from 'libphonenumber-js/core';

let metadata: MetadataJson | undefined;
/** Parsed on first use, so importing the package does no work. */
function phoneMetadata(): MetadataJson {
  if (metadata === undefined) metadata = JSON.parse(PHONE_METADATA_JSON) as MetadataJson;
  return metadata;
}

/** libphonenumber-js `parsePhoneNumberFromString` with the package's metadata. */
export function parsePhoneNumberFromString(
  text: string,
  options?:
    | CountryCode
    | { defaultCountry?: CountryCode; defaultCallingCode?: string; extract?: boolean },
): PhoneNumber | undefined {
  return options === undefined
    ? parseWith(text, phoneMetadata())
    : parseWith(text, options, phoneMetadata());
}

/** libphonenumber-js `isSupportedCountry` with the package's metadata. */
export function isSupportedCountry(country: string): country is CountryCode {
  return isSupportedCountryWith(country as CountryCode, phoneMetadata());
}

const NO_REGIONS: readonly string[] = [];

/**
 * The regions that share a country calling code, main region first; empty
 * for a code that does not exist (or one only non-geographic numbers use).
 *
 * @example
 * ```ts
 * regionsOfCallingCode('49'); // ['DE']
 * regionsOfCallingCode('44'); // ['GB', 'GG', 'IM', 'JE']
 * ```
 */
export function regionsOfCallingCode(code: string): readonly string[] {
  const codes = phoneMetadata().country_calling_codes;
  return Object.hasOwn(codes, code) ? (codes[code] ?? NO_REGIONS) : NO_REGIONS;
}

/** Where metadata version 4 keeps a region's international prefix, number pattern and lengths. */
const INTERNATIONAL_PREFIX = 1;
const NATIONAL_NUMBER_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
/** Where metadata version 4 keeps a region's national prefix and its parsing rule. */
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;

/**
 * A region's national prefix when it is all parsing needs: the region has its
 * calling code to itself and no special parsing rule, so a national number is
 * the digits after the prefix (`DE` → `'0'`). `undefined` otherwise (`GB`
 * shares +44; `IT` has no prefix; `BR` has carrier-selection rules).
 *
 * @example
 * ```ts
 * plainNationalPrefix('DE'); // '0'
 * plainNationalPrefix('GB'); // undefined
 * ```
 */
export function plainNationalPrefix(
  country: string,
): { readonly prefix: string; readonly callingCode: string } | undefined {
  const { countries, country_calling_codes: codes } = phoneMetadata();
  if (!Object.hasOwn(countries, country)) return undefined;
  const plan: unknown[] | undefined = countries[country as CountryCode];
  const callingCode: unknown = plan?.[0];
  const prefix: unknown = plan?.[NATIONAL_PREFIX];
  if (typeof callingCode !== 'string' || typeof prefix !== 'string' || prefix === '')
    return undefined;
  if (plan?.[NATIONAL_PREFIX_FOR_PARSING]) return undefined;
  if (!Object.hasOwn(codes, callingCode) || codes[callingCode]?.length !== 1) return undefined;
  return { prefix, callingCode };
}

/** The metadata of `country`, or `undefined` for a region it does not know. */
export function planOf(country: string): readonly unknown[] | undefined {
  const { countries } = phoneMetadata();
  return Object.hasOwn(countries, country) ? countries[country as CountryCode] : undefined;
}

const internationalPrefixes = new Map<string, RegExp | null>();

/**
 * How many leading digits of `digits` are `country`'s own international
 * (IDD) prefix, per the metadata (`011` for +1, `00`, Australia's `0011`,
 * Russia's `810`, …); 0 when `digits` does not start with it.
 *
 * @example
 * ```ts
 * internationalPrefixLength('AU', '00114420794600'); // 4
 * internationalPrefixLength('US', '2125550100'); // 0
 * ```
 */
export function internationalPrefixLength(country: string, digits: string): number {
  let pattern = internationalPrefixes.get(country);
  if (pattern === undefined) {
    const source = planOf(country)?.[INTERNATIONAL_PREFIX];
    pattern = typeof source === 'string' && source !== '' ? new RegExp(`^(?:${source})`) : null;
    internationalPrefixes.set(country, pattern);
  }
  return pattern?.exec(digits)?.[0].length ?? 0;
}

const nationalPatterns = new Map<string, { lengths: readonly number[]; pattern: RegExp } | null>();

/**
 * True when `nationalNumber` can be a number of `country`: one of its
 * possible lengths and matching its general number pattern (the checks
 * libphonenumber-js's `isValid` makes with this metadata), and with the
 * leading digits and length of some number type of the region
 * (`phone-types.ts`). An over-dialled or impossible number is not (docs/rules.md#classification:
 * never `domestic`).
 *
 * @example
 * ```ts
 * isPossibleNationalNumber('GB', '2079460000'); // true
 * isPossibleNationalNumber('GB', '207946000012345'); // false
 * isPossibleNationalNumber('DE', '999999999999'); // false: no number type starts 999
 * ```
 */
export function isPossibleNationalNumber(country: string, nationalNumber: string): boolean {
  let rule = nationalPatterns.get(country);
  if (rule === undefined) {
    const plan = planOf(country);
    const source = plan?.[NATIONAL_NUMBER_PATTERN];
    const lengths = plan?.[POSSIBLE_LENGTHS];
    rule =
      typeof source === 'string' && Array.isArray(lengths)
        ? { lengths: lengths as number[], pattern: new RegExp(`^(?:${source})$`) }
        : null;
    nationalPatterns.set(country, rule);
  }
  if (rule === null) return false;
  return (
    rule.lengths.includes(nationalNumber.length) &&
    rule.pattern.test(nationalNumber) &&
    hasNumberTypePrefix(country, nationalNumber)
  );
}

/**
 * The calling code of `country` from the metadata, without the
 * libphonenumber-js wrapper (which builds a metadata object per call: too
 * slow for every dial string); `undefined` for a region it does not know.
 *
 * @example
 * ```ts
 * callingCodeOf('AU'); // '61'
 * callingCodeOf('UK'); // undefined
 * ```
 */
export function callingCodeOf(country: string): string | undefined {
  const code = planOf(country)?.[0];
  return typeof code === 'string' ? code : undefined;
}
