/**
 * Emergency and exempt numbers (SPEC §4): the numbers that are never
 * prompted, whatever the settings.
 */
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
 * emergency numbers (generated from Google's short-number metadata),
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
