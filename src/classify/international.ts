/**
 * Destinations outside the NANP fast path (docs/rules.md#classification, "Other countries"):
 * parsed with libphonenumber-js through `src/classify/phone.ts`, premium-rate numbers
 * recognised with the generated per-region table.
 */

import { isMobileNumber } from './mobile.js';
import { type Destination, isTenDigitNanp, nanpDestination } from './nanp.js';
import {
  type CountryCode,
  internationalPrefixLength,
  isPossibleNationalNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
  plainNationalPrefix,
  regionsOfCallingCode,
} from './phone.js';
import { type ParsedNumber, parseInternational, parseNational, UNDECIDED } from './phone-parse.js';
import { PREMIUM_RATE_PATTERNS } from './premium-rate-table.js';
import { ownEntry } from './tables.js';
import type { CallCategory } from './types.js';

/**
 * libphonenumber-js's parse, made total: any failure is "not a number".
 * The precompiled path first (src/classify/phone-parse.ts), the library itself only
 * where that path cannot tell; both give the same answer.
 */
function parse(digits: string, defaultCountry: string | undefined): ParsedNumber | undefined {
  const fast =
    defaultCountry === undefined
      ? parseInternational(digits)
      : parseNational(digits, defaultCountry);
  if (fast !== UNDECIDED) return fast;
  const text = defaultCountry === undefined ? `+${digits}` : digits;
  try {
    const options =
      defaultCountry !== undefined && isSupportedCountry(defaultCountry)
        ? { defaultCountry: defaultCountry as CountryCode, extract: false }
        : { extract: false };
    const number = parsePhoneNumberFromString(text, options);
    if (number === undefined) return undefined;
    return { e164: number.number, country: number.country, nationalNumber: number.nationalNumber };
  } catch {
    return undefined;
  }
}

/** Dial strings up to this long that no rule recognises are short codes (carrier, SMS, service). */
export const SHORT_CODE_MAX_LENGTH = 6;

const premiumPatterns = new Map<string, RegExp | null>();

/**
 * True when `nationalNumber` is a premium-rate number of `country`, per the
 * generated table; patterns are compiled on first use and kept.
 *
 * @example
 * ```ts
 * isPremiumRate('GB', '9098790000'); // true
 * isPremiumRate('GB', '2079460000'); // false
 * ```
 */
export function isPremiumRate(country: string, nationalNumber: string): boolean {
  let pattern = premiumPatterns.get(country);
  if (pattern === undefined) {
    const source = ownEntry(PREMIUM_RATE_PATTERNS, country);
    pattern = source === undefined ? null : new RegExp(`^(?:${source})$`);
    premiumPatterns.set(country, pattern);
  }
  return pattern?.test(nationalNumber) === true;
}

/** The destination of a parsed number; `undefined` for an impossible domestic one. */
function destinationOf(parsed: ParsedNumber, domestic: readonly string[]): Destination | undefined {
  const categories: CallCategory[] = [];
  const isDomestic = parsed.country !== undefined && domestic.includes(parsed.country);
  // An over-dialled or impossible number is no destination, least of all a domestic one (issue 12).
  if (isDomestic && !isPossibleNationalNumber(parsed.country as string, parsed.nationalNumber)) {
    return undefined;
  }
  if (!isDomestic) categories.push('international');
  if (parsed.country !== undefined && isPremiumRate(parsed.country, parsed.nationalNumber)) {
    categories.push('premiumToll');
  }
  if (isDomestic) categories.push('domestic');
  if (parsed.country !== undefined && isMobileNumber(parsed.country, parsed.nationalNumber)) {
    categories.push('mobile');
  }
  return {
    categories,
    e164: parsed.e164,
    ...(parsed.country === undefined ? {} : { country: parsed.country }),
  };
}

const INTERNATIONAL_ONLY: Destination = { categories: ['international'] };

/**
 * A number dialed in international form: `digits` is what follows `+` or the
 * international prefix (country code first). International by its form, so
 * it stays `international` when the country cannot be told, unless the
 * destination country is one of the caller's domestic countries.
 *
 * @example
 * ```ts
 * internationalDestination('442079460000', ['US']);
 * // { categories: ['international'], e164: '+442079460000', country: 'GB' }
 * ```
 */
export function internationalDestination(
  digits: string,
  domestic: readonly string[],
): Destination | undefined {
  if (digits === '' || digits[0] === '0') return undefined; // no country code starts with 0
  if (digits[0] === '1') {
    return isTenDigitNanp(digits, 1)
      ? nanpDestination(digits.slice(1), domestic)
      : INTERNATIONAL_ONLY;
  }
  // Most calling codes belong to one region: the country is known without a
  // parse, and the rest is the national number (libphonenumber-js would only
  // split it the same way). Shared codes (+44, +61, +7 ...) need the parse (precompiled:
  // src/classify/phone-parse.ts).
  for (let length = 1; length <= 3 && length < digits.length; length++) {
    const regions = regionsOfCallingCode(digits.slice(0, length));
    if (regions.length === 0) continue;
    const country = regions[0];
    if (regions.length === 1 && country !== undefined) {
      return destinationOf(
        { e164: `+${digits}`, country, nationalNumber: digits.slice(length) },
        domestic,
      );
    }
    break;
  }
  const parsed = parse(digits, undefined);
  return parsed === undefined ? INTERNATIONAL_ONLY : destinationOf(parsed, domestic);
}

/**
 * A number dialed by a caller outside the NANP, in national form or with
 * the caller country's international prefix (`00`, or Australia's `0011`).
 * `undefined` for a short code or what libphonenumber-js cannot parse.
 *
 * @example
 * ```ts
 * nationalDestination('02079460000', 'GB', ['GB']);
 * // { categories: ['domestic'], e164: '+442079460000', country: 'GB' }
 * ```
 */
export function nationalDestination(
  digits: string,
  callerCountry: string,
  domestic: readonly string[],
): Destination | undefined {
  // The caller country's own international prefix (00, Australia's 0011,
  // Russia's 810), then docs/rules.md#classification's generic 00. Own country via IDD is domestic,
  // the same as `+` (issue 12).
  const idd = internationalPrefixLength(callerCountry, digits);
  if (idd > 0) {
    const own = internationalDestination(digits.slice(idd), domestic);
    if (own?.country !== undefined || !digits.startsWith('00')) return own;
  }
  if (digits.startsWith('00')) return internationalDestination(digits.slice(2), domestic);
  // Up to six digits is a short code, not a national number (and asking
  // libphonenumber-js whether a number is possible costs a quarter of a parse).
  if (digits.length <= SHORT_CODE_MAX_LENGTH) return undefined;
  // A region with its own calling code and a plain national prefix: the
  // national number is what follows the prefix, no parse needed.
  const plain = plainNationalPrefix(callerCountry);
  if (plain !== undefined && digits.startsWith(plain.prefix)) {
    const nationalNumber = digits.slice(plain.prefix.length);
    return destinationOf(
      {
        e164: `+${plain.callingCode}${nationalNumber}`,
        country: callerCountry,
        nationalNumber,
      },
      domestic,
    );
  }
  const parsed = parse(digits, callerCountry);
  return parsed === undefined ? undefined : destinationOf(parsed, domestic);
}
