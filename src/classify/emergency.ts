/**
 * Emergency and exempt numbers (docs/rules.md#the-decision): the numbers that are never
 * prompted, whatever the settings.
 */

import { EMERGENCY_NUMBERS } from './emergency-table.js';
import { callingCodeOf, internationalPrefixLength } from './phone.js';
import { hasWord, ownEntry } from './tables.js';

/**
 * Hard-wired for every caller, not configurable: 911, 933 (the E911 address
 * test line) and 112 (docs/rules.md#the-decision). US Kari's Law: 911 must always get through.
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
  if (typeof country !== 'string') return [];
  const own = ownEntry(EMERGENCY_NUMBERS, country);
  return own === undefined ? [] : own.split(' ');
}

/** An emergency or exempt number found inside a longer form of it. */
export interface EmergencyForm {
  /** The emergency or exempt number itself (`911` of `+1 911`). */
  readonly number: string;
  readonly why: 'emergency' | 'exempt';
}

/** IDD + calling code: at most 4 + 3 digits in front of the number in any longer form. */
const LONGEST_FORM_PREFIX = 7;

/**
 * An emergency or exempt number of a caller in `country` written the way
 * SBCs and phones also send it (docs/rules.md#the-decision, issue 12): with the caller's own
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
  if (number.length < 3 || number.length > LONGEST_FORM_PREFIX + longest(exemptNumbers)) {
    return undefined;
  }
  const first = number[0];
  if (nanp && first === '1') return found(number.slice(1), country, exemptNumbers);
  // A NANP caller's only international prefix is 011 (the fast path stays cheap).
  if (nanp && first !== '+' && first !== '0') return undefined;
  const callingCode = nanp ? '1' : callingCodeOf(country);
  if (callingCode === undefined) return undefined;
  if (first === '+') {
    return number.startsWith(callingCode, 1)
      ? found(number.slice(1 + callingCode.length), country, exemptNumbers)
      : undefined;
  }
  // 00 and 011 from anywhere, and the caller country's own prefix (0011, 810, …):
  // 2 to 4 digits, then the calling code. Cheap string checks before the prefix's pattern.
  for (let start = 2; start <= 4; start++) {
    if (!number.startsWith(callingCode, start)) continue;
    const idd = number.slice(0, start);
    if (idd !== '00' && idd !== '011' && internationalPrefixLength(country, number) !== start) {
      continue;
    }
    const form = found(number.slice(start + callingCode.length), country, exemptNumbers);
    if (form !== undefined) return form;
  }
  return undefined;
}

/** The longest emergency or exempt number there can be: an account's may be up to 15 digits. */
function longest(exemptNumbers: readonly string[]): number {
  let length = LONGEST_EMERGENCY_NUMBER;
  for (const n of exemptNumbers) if (n.length > length) length = n.length;
  return length;
}

function found(
  number: string,
  country: string,
  exemptNumbers: readonly string[],
): EmergencyForm | undefined {
  const why = emergencyOrExempt(number, country, exemptNumbers);
  return why === undefined ? undefined : { number, why };
}
