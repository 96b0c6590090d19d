/**
 * The NANP fast path (docs/rules.md#classification): +1 numbers classified from their area code
 * and exchange with a generated table, never through libphonenumber-js.
 */

import { CATEGORY_BIT, categoriesOf } from './categories.js';
import { NANP_AREA_CODES, NANP_NON_GEOGRAPHIC } from './nanp-table.js';
import { ownEntry } from './tables.js';
import type { CallCategory } from './types.js';

/** Toll-free area codes (docs/rules.md#classification): 800, 833, 844, 855, 866, 877, 888 — 8 then a repeated 0 or 3–8. */
function isTollFree(area: number): boolean {
  const rest = area - 800;
  return rest === 0 || (rest >= 33 && rest <= 88 && rest % 11 === 0);
}

/**
 * The number (0–999) the three ASCII digits at `digits[at..]` spell. Plain
 * arithmetic, not slices or `startsWith(…, at)`: it runs on every NANP call.
 */
function threeDigitsAt(digits: string, at: number): number {
  return (
    (digits.charCodeAt(at) - 48) * 100 +
    (digits.charCodeAt(at + 1) - 48) * 10 +
    (digits.charCodeAt(at + 2) - 48)
  );
}

/** What the destination step found out about a number. */
export interface Destination {
  readonly categories: readonly CallCategory[];
  readonly e164?: string;
  readonly country?: string;
}

let areaCodeOwners: (string | undefined)[] | undefined;

/** The owner of a non-geographic area code in the index: no country. */
export const NO_PLACE = '';

/**
 * The country of the NANP area code at `digits[from..from+3]`, without
 * slicing: the region whose generated list holds it, `''` for a
 * non-geographic code, else the US (the main country of +1). The index is
 * built on first use, so importing the package does no work.
 */
export function nanpCountryAt(digits: string, from: number): string {
  if (areaCodeOwners === undefined) {
    const owners: (string | undefined)[] = new Array(1000).fill(undefined);
    for (const [region, list] of Object.entries(NANP_AREA_CODES)) {
      for (const code of list.split(' ')) owners[Number(code)] = region;
    }
    for (const code of NANP_NON_GEOGRAPHIC.split(' ')) owners[Number(code)] = NO_PLACE;
    areaCodeOwners = owners;
  }
  const index = threeDigitsAt(digits, from);
  return (index >= 0 && index < 1000 ? areaCodeOwners[index] : undefined) ?? 'US';
}

/** True when `country` is on +1: the US or a region of the generated NANP table. */
export function isNanpCountry(country: string): boolean {
  return country === 'US' || ownEntry(NANP_AREA_CODES, country) !== undefined;
}

/** True for ten digits whose area code starts with 2–9. */
export function isTenDigitNanp(digits: string, from = 0): boolean {
  if (digits.length - from !== 10) return false;
  const first = digits.charCodeAt(from);
  if (first < 50 || first > 57) return false;
  for (let i = from + 1; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The categories, E.164 form and country of a ten-digit NANP number
 * (NPA-NXX-XXXX), for a caller whose domestic countries are `domestic`.
 * Toll-free and 900 numbers are not geographic, so they are neither
 * domestic nor international; 976 in a toll-free code is toll-free. The
 * other non-geographic codes (500, 52x, 533, 700, 880, …: personal,
 * carrier, government, paid toll-free) have no category and no country: an
 * unrecognised destination, which fails closed (issue 12).
 *
 * @example
 * ```ts
 * nanpDestination('8765551234', ['US', 'CA']);
 * // { categories: ['international'], e164: '+18765551234', country: 'JM' }
 * ```
 */
export function nanpDestination(ten: string, domestic: readonly string[]): Destination {
  const country = nanpCountryAt(ten, 0);
  const categories = categoriesOf(nanpCategoryMask(ten, 0, country, domestic));
  return country === NO_PLACE
    ? { categories, e164: `+1${ten}` }
    : { categories, e164: `+1${ten}`, country };
}

/** The categories (a {@link CATEGORY_BIT} mask) of the ten-digit NANP number at `digits[from..]`. */
export function nanpCategoryMask(
  digits: string,
  from: number,
  country: string,
  domestic: readonly string[],
): number {
  if (country === NO_PLACE) return 0;
  const area = threeDigitsAt(digits, from);
  const exchange = threeDigitsAt(digits, from + 3);
  const tollFree = isTollFree(area);
  const premiumNpa = area === 900;
  const geographic = !tollFree && !premiumNpa;
  let mask = 0;
  if (geographic)
    mask |= domestic.includes(country) ? CATEGORY_BIT.domestic : CATEGORY_BIT.international;
  // 555-1212: the exchange, then 121 and 2.
  if (exchange === 555 && threeDigitsAt(digits, from + 6) === 121 && digits[from + 9] === '2') {
    mask |= CATEGORY_BIT.directoryAssistance;
  }
  if (premiumNpa || (geographic && exchange === 976)) mask |= CATEGORY_BIT.premiumToll;
  if (tollFree) mask |= CATEGORY_BIT.tollFree;
  return mask;
}

/**
 * A seven-digit local number (NXX-XXXX) in the caller's own area code:
 * domestic, directory assistance for 555-1212, premium for 976.
 */
export function nanpLocalDestination(seven: string, callerCountry: string): Destination {
  let mask = CATEGORY_BIT.domestic;
  if (seven === '5551212') mask |= CATEGORY_BIT.directoryAssistance;
  if (seven.startsWith('976')) mask |= CATEGORY_BIT.premiumToll;
  return { categories: categoriesOf(mask), country: callerCountry };
}
