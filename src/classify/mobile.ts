/**
 * The `mobile` category (docs/rules.md#scoped-codes): a destination the
 * phone metadata types mobile, by the generated tries of `mobile-table.ts`.
 * Never guessed: a region the table leaves out (the NANP, where mobile and
 * fixed-line numbers look alike) has no mobile numbers, and a number the
 * metadata does not know as valid (GB 07700 900xxx) is not one.
 */

import { MOBILE_PREFIXES } from './mobile-table.js';
import { accepts, type Prefix, readTrie } from './phone-types.js';
import { ownEntry } from './tables.js';

const tries = new Map<string, Prefix | null>();

/**
 * True when the phone metadata types `nationalNumber` of `country` mobile.
 *
 * @example
 * ```ts
 * isMobileNumber('GB', '7400123456'); // true
 * isMobileNumber('GB', '7700900123'); // false: Ofcom's drama range is no valid number
 * isMobileNumber('US', '2015550123'); // false: the NANP cannot tell mobile from fixed
 * ```
 */
export function isMobileNumber(country: string, nationalNumber: string): boolean {
  let trie = tries.get(country);
  if (trie === undefined) {
    const text = ownEntry(MOBILE_PREFIXES, country);
    trie = text === undefined ? null : readTrie(text);
    tries.set(country, trie);
  }
  return trie !== null && accepts(trie, nationalNumber);
}
