/**
 * libphonenumber-js's parse of a plain digit string, without its cost
 * (issue 14). Its `matchesEntirely` builds a new `RegExp` on every test, and
 * finding which region of a calling code shared by several (+44 GB/GG/IM/JE,
 * +61, +7, …) a number belongs to tests many: 80–86 % of the time of an
 * international classification. Here every pattern of the shipped metadata
 * is compiled once, on first use of its region, and kept.
 *
 * The steps are libphonenumber-js 1.13's `parse` for what classification
 * passes it: digits only, no extension, no URI. Where a step would take one
 * of its rarer branches (a national prefix with a carrier code or a
 * transform rule, a number that starts with the caller's own calling code
 * without `+`), the answer is {@link UNDECIDED} and the caller asks
 * libphonenumber-js itself. test/classify/phone-parse.prop.test.ts compares
 * the two on generated numbers of every calling code.
 */
import { internationalPrefixLength, planOf, regionsOfCallingCode } from './phone.js';

/** What a parse gives classification: libphonenumber-js's `number`, `country` and `nationalNumber`. */
export interface ParsedNumber {
  readonly e164: string;
  readonly country: string | undefined;
  readonly nationalNumber: string;
}

/** This path cannot tell: libphonenumber-js must parse the number. */
export const UNDECIDED = 'undecided';

/** libphonenumber-js's bounds on a national significant number (constants.js). */
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;

/** Where metadata version 4 keeps each part of a region's plan. */
const CALLING_CODE = 0;
const NATIONAL_NUMBER_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const LEADING_DIGITS = 10;
const TYPES = 11;

interface NumberType {
  readonly pattern: RegExp;
  readonly lengths: readonly number[] | undefined;
}

/** One region's plan, its patterns compiled. */
interface RegionRules {
  readonly callingCode: string;
  readonly general: RegExp;
  readonly lengths: readonly number[] | undefined;
  readonly nationalPrefix: RegExp | undefined;
  /** The number of capturing groups in the national-prefix pattern. */
  readonly nationalPrefixGroups: number;
  readonly leadingDigits: RegExp | undefined;
  readonly types: readonly NumberType[];
}

const compiled = new Map<string, RegionRules | null>();

const whole = (source: unknown): RegExp => new RegExp(`^(?:${String(source ?? '')})$`);
const front = (source: unknown): RegExp | undefined =>
  typeof source === 'string' && source !== '' ? new RegExp(`^(?:${source})`) : undefined;
const lengthsOf = (value: unknown): readonly number[] | undefined =>
  Array.isArray(value) ? (value as number[]) : undefined;

function rulesOf(region: string): RegionRules | undefined {
  let rules = compiled.get(region);
  if (rules === undefined) {
    const plan = planOf(region);
    rules = plan === undefined ? null : compile(plan);
    compiled.set(region, rules);
  }
  return rules ?? undefined;
}

function compile(plan: readonly unknown[]): RegionRules {
  const lengths = lengthsOf(plan[POSSIBLE_LENGTHS]);
  // As libphonenumber-js reads it: the prefix for parsing, else the national prefix.
  const prefixSource = plan[NATIONAL_PREFIX_FOR_PARSING] || plan[NATIONAL_PREFIX];
  const nationalPrefix = front(prefixSource);
  const types: NumberType[] = [];
  const typeList = plan[TYPES];
  if (Array.isArray(typeList)) {
    for (const type of typeList) {
      // A type without a pattern never matches (isNumberTypeEqualTo).
      if (!Array.isArray(type) || typeof type[0] !== 'string' || type[0] === '') continue;
      types.push({ pattern: whole(type[0]), lengths: lengthsOf(type[1]) ?? lengths });
    }
  }
  return {
    callingCode: String(plan[CALLING_CODE]),
    general: whole(plan[NATIONAL_NUMBER_PATTERN]),
    lengths,
    nationalPrefix,
    nationalPrefixGroups:
      nationalPrefix === undefined ? 0 : (new RegExp(`${prefixSource}|`).exec('')?.length ?? 1) - 1,
    leadingDigits: front(plan[LEADING_DIGITS]),
    types,
  };
}

/** libphonenumber-js `getNumberType(…) !== undefined`: the general pattern and one type match. */
function hasType(rules: RegionRules, nationalNumber: string): boolean {
  if (!rules.general.test(nationalNumber)) return false;
  for (const type of rules.types) {
    if (type.lengths !== undefined && !type.lengths.includes(nationalNumber.length)) continue;
    if (type.pattern.test(nationalNumber)) return true;
  }
  return false;
}

/** The last answer of {@link regionOf}: a parse asks twice for the same number (as libphonenumber-js does). */
let lastCallingCode = '';
let lastNationalNumber = '';
let lastRegion: string | undefined;

/** libphonenumber-js `getCountryByCallingCode`: the region of a shared calling code, in the metadata's order. */
function regionOf(callingCode: string, nationalNumber: string): string | undefined {
  const regions = regionsOfCallingCode(callingCode);
  if (regions.length <= 1) return regions[0];
  if (callingCode === lastCallingCode && nationalNumber === lastNationalNumber) return lastRegion;
  lastCallingCode = callingCode;
  lastNationalNumber = nationalNumber;
  lastRegion = sharedRegionOf(regions, nationalNumber);
  return lastRegion;
}

function sharedRegionOf(regions: readonly string[], nationalNumber: string): string | undefined {
  for (const region of regions) {
    const rules = rulesOf(region);
    if (rules === undefined) continue;
    if (rules.leadingDigits !== undefined) {
      if (nationalNumber !== '' && rules.leadingDigits.test(nationalNumber)) return region;
    } else if (hasType(rules, nationalNumber)) {
      return region;
    }
  }
  return undefined;
}

/** libphonenumber-js `checkNumberLength` is neither TOO_SHORT nor INVALID_LENGTH. */
function isPossibleIncomplete(lengths: readonly number[] | undefined, length: number): boolean {
  if (lengths === undefined) return true;
  const min = lengths[0];
  if (min === undefined) return false; // an empty list: INVALID_LENGTH
  if (min === length) return true;
  if (min > length) return false;
  if ((lengths[lengths.length - 1] ?? 0) < length) return true; // TOO_LONG passes here
  return lengths.indexOf(length, 1) >= 0;
}

/**
 * libphonenumber-js `extractNationalNumber` with `plan` selected; UNDECIDED
 * where the prefix captured a carrier code or digits for a transform rule.
 */
function nationalNumberOf(number: string, plan: RegionRules): string | typeof UNDECIDED {
  const match = plan.nationalPrefix?.exec(number);
  if (match === null || match === undefined || number === '') return number;
  if (plan.nationalPrefixGroups > 0 && match[plan.nationalPrefixGroups]) return UNDECIDED;
  const national = number.slice(match[0].length);
  if (national === number) return number;
  if (plan.general.test(number) && !plan.general.test(national)) return number;
  if (plan.lengths !== undefined) {
    const region = regionOf(plan.callingCode, national);
    const lengths = region === undefined ? plan.lengths : rulesOf(region)?.lengths;
    if (!isPossibleIncomplete(lengths, national.length)) return number;
  }
  return national;
}

function result(
  callingCode: string,
  nationalNumber: string,
  country: string | undefined,
): ParsedNumber | undefined {
  if (nationalNumber.length < MIN_LENGTH_FOR_NSN || nationalNumber.length > MAX_LENGTH_FOR_NSN) {
    return undefined;
  }
  return { e164: `+${callingCode}${nationalNumber}`, country, nationalNumber };
}

/**
 * libphonenumber-js `parsePhoneNumberFromString('+' + digits)` for the
 * ASCII digits after a `+` (country code first); `undefined` where it gives
 * no number, {@link UNDECIDED} where this path cannot tell.
 *
 * @example
 * ```ts
 * parseInternational('442079460000'); // { e164: '+442079460000', country: 'GB', nationalNumber: '2079460000' }
 * parseInternational('7495123456'); // { …, country: 'RU' }
 * ```
 */
export function parseInternational(digits: string): ParsedNumber | undefined | typeof UNDECIDED {
  if (digits.length < 3 || digits[0] === '0') return UNDECIDED;
  for (let length = 1; length <= 3 && length < digits.length; length++) {
    const callingCode = digits.slice(0, length);
    const regions = regionsOfCallingCode(callingCode);
    if (regions.length === 0) continue;
    const main = rulesOf(regions[0] as string);
    if (main === undefined) return UNDECIDED;
    const nationalNumber = nationalNumberOf(digits.slice(length), main);
    if (nationalNumber === UNDECIDED) return UNDECIDED;
    return result(callingCode, nationalNumber, regionOf(callingCode, nationalNumber));
  }
  return UNDECIDED;
}

/**
 * libphonenumber-js `parsePhoneNumberFromString(digits, country)` for
 * ASCII digits dialed in `country`'s national form; `undefined` where it
 * gives no number, {@link UNDECIDED} where this path cannot tell (an
 * international prefix, the calling code without `+`, a carrier code).
 *
 * @example
 * ```ts
 * parseNational('02079460000', 'GB'); // { e164: '+442079460000', country: 'GB', nationalNumber: '2079460000' }
 * ```
 */
export function parseNational(
  digits: string,
  country: string,
): ParsedNumber | undefined | typeof UNDECIDED {
  const plan = digits.length < 3 ? undefined : rulesOf(country);
  if (plan === undefined) return UNDECIDED;
  if (internationalPrefixLength(country, digits) > 0 || digits.startsWith(plan.callingCode)) {
    return UNDECIDED;
  }
  const nationalNumber = nationalNumberOf(digits, plan);
  if (nationalNumber === UNDECIDED) return UNDECIDED;
  return result(
    plan.callingCode,
    nationalNumber,
    regionOf(plan.callingCode, nationalNumber) ?? country,
  );
}
