/**
 * The one place that picks the libphonenumber-js metadata flavour, so the
 * package never bundles two copies of it. See docs/classification.md for why
 * this flavour and what it costs: the `min` metadata without its number
 * formats (generated into `phone-metadata.ts`), because the package parses
 * and never formats, and the formats are half the gzipped metadata.
 */
import {
  type CountryCallingCode,
  type CountryCode,
  getCountryCallingCode as getCountryCallingCodeWith,
  isSupportedCountry as isSupportedCountryWith,
  type MetadataJson,
  type PhoneNumber,
  parsePhoneNumberFromString as parseWith,
} from 'libphonenumber-js/core';
import { PHONE_METADATA_JSON } from './phone-metadata.js';

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

/** libphonenumber-js `getCountryCallingCode` with the package's metadata. */
export function getCountryCallingCode(country: CountryCode): CountryCallingCode {
  return getCountryCallingCodeWith(country, phoneMetadata());
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
