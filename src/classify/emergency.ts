/**
 * Emergency and exempt numbers (SPEC §4): the numbers that are never
 * prompted, whatever the settings.
 */
import {
  type CountryCode,
  getCountryCallingCode,
  internationalPrefixLength,
  isSupportedCountry,
} from '../phone.js';
import { EMERGENCY_NUMBERS } from './emergency-table.js';
import { hasWord, ownEntry } from './tables.js';

/**
 * Hard-wired for every caller, not configurable: 911, 933 (the E911 address
 * test line) and 112 (SPEC §4). US Kari's Law: 911 must always get through.
 */
export const ALWAYS_EMERGENCY_NUMBERS: readonly string[] = ['911', '933', '112'];

/** No generated emergency number is longer (test/classify/tables.test.ts checks it). */
const LONGEST_EMERGENCY_NUMBER = 6;

/**
 * Why `number` is never prompted for a caller in `country`, or `undefined`
 * when it may be: `emergency` for 911, 933, 112 and the country's own
 * emergency numbers (generated from Google's short-number metadata and AOSP's eccdata),
 * `exempt` for the account's exempt numbers.
 *
 * @example
 * ```ts
 * emergencyOrExempt('999', 'GB', ['988', '711']); // 'emergency'
 * emergencyOrExempt('988', 'US', ['988', '711']); // 'exempt'
 * emergencyOrExempt('999', 'US', []); // undefined
 * ```
 */
export function emergencyOrExempt(
  number: string,
  country: string,
  exemptNumbers: readonly string[],
): 'emergency' | 'exempt' | undefined {
  if (number.length > 15) return undefined; // none is that long; keeps long strings cheap
  if (number === '911' || number === '933' || number === '112') return 'emergency';
  if (number.length <= LONGEST_EMERGENCY_NUMBER) {
    const own = ownEntry(EMERGENCY_NUMBERS, country);
    if (own !== undefined && hasWord(own, number)) return 'emergency';
  }
  if (exemptNumbers.includes(number)) return 'exempt';
  return undefined;
}

/**
 * The emergency numbers known for `country` besides 911, 933 and 112, from
 * the generated table; empty for a country the metadata does not know.
 *
 * @example
 * ```ts
 * emergencyNumbersOf('FR'); // ['112', '15', '17', '18']
 * ```
 */
export function emergencyNumbersOf(country: string): readonly string[] {
  const own = ownEntry(EMERGENCY_NUMBERS, country);
  return own === undefined ? [] : own.split(' ');
}

/** An emergency or exempt number found inside a longer form of it. */
export interface EmergencyForm {
  /** The emergency or exempt number itself (`911` of `+1 911`). */
  readonly number: string;
  readonly why: 'emergency' | 'exempt';
}

/** IDD + calling code + an emergency number of up to six digits: no form is longer. */
const LONGEST_FORM = 4 + 3 + LONGEST_EMERGENCY_NUMBER;

/**
 * An emergency or exempt number of a caller in `country` written the way
 * SBCs and phones also send it (SPEC §4, issue 12): with the caller's own
 * country code in `+` form (`+1911`, `+44999`) or after an international
 * prefix (`011 1 911`, `00 49 112`, `0011 61 000`), and for NANP callers
 * `1` + the number (`1-911`, a common misdial; no number starts 1-911).
 * `undefined` when `number` is none of these; cheap for anything longer.
 *
 * @example
 * ```ts
 * emergencyForm('+44999', 'GB', false, []); // { number: '999', why: 'emergency' }
 * emergencyForm('1911', 'US', true, []); // { number: '911', why: 'emergency' }
 * ```
 */
export function emergencyForm(
  number: string,
  country: string,
  nanp: boolean,
  exemptNumbers: readonly string[],
): EmergencyForm | undefined {
  if (number.length < 3 || number.length > LONGEST_FORM) return undefined;
  const first = number[0];
  if (nanp && first === '1' && number.length <= 1 + LONGEST_EMERGENCY_NUMBER) {
    return found(number.slice(1), country, exemptNumbers);
  }
  // 011 and 00 from anywhere, and the caller country's own prefix (0011, 810, …).
  const ownIdd = nanp || first === '+' ? 0 : internationalPrefixLength(country, number);
  if (first !== '+' && first !== '0' && ownIdd === 0) return undefined;
  const callingCode = nanp ? '1' : callingCodeOf(country);
  if (callingCode === undefined) return undefined;
  const starts =
    first === '+'
      ? [1]
      : [ownIdd, number.startsWith('011') ? 3 : 0, number.startsWith('00') ? 2 : 0];
  for (const start of starts) {
    if (start === 0 || !number.startsWith(callingCode, start)) continue;
    const form = found(number.slice(start + callingCode.length), country, exemptNumbers);
    if (form !== undefined) return form;
  }
  return undefined;
}

function found(
  number: string,
  country: string,
  exemptNumbers: readonly string[],
): EmergencyForm | undefined {
  const why = emergencyOrExempt(number, country, exemptNumbers);
  return why === undefined ? undefined : { number, why };
}

function callingCodeOf(country: string): string | undefined {
  return isSupportedCountry(country) ? getCountryCallingCode(country as CountryCode) : undefined;
}
