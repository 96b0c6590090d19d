/**
 * Whether a national number can be a number of some type of its region
 * (fixed line, mobile, toll free, …), by the generated leading-digit tries
 * of `phone-types-table.ts` (docs/rules.md#classification: impossible national numbers are never
 * domestic). The shipped `min` metadata knows each region's general pattern
 * only, which lets through what no type has (DE `999999999999`); the type
 * patterns themselves would cost 23 kB gzipped. Format and figures:
 * docs/classification.md, "Number types".
 */
import { NUMBER_TYPE_PREFIXES } from './phone-types-table.js';

/**
 * A prefix: bit n of `lengths` set when some number of length n has it;
 * `next` the longer prefixes that differ, the others answer as this one
 * (or, when `closed`, have no numbers).
 */
export interface Prefix {
  readonly lengths: number;
  readonly next: readonly (Prefix | undefined)[];
  readonly closed: boolean;
}

/**
 * Reads a region's trie: a node is its lengths in base 26 (letters `a`–`z`;
 * absent: its parent's), then its children in parentheses, each after its
 * digit or `[digits]` (siblings with the same subtree); `(!` lists all the
 * children with numbers instead of those that differ.
 *
 * @example
 * ```ts
 * accepts(readTrie('bo(1a)'), '200'); // true: 'bo' is 40, lengths 3 and 5
 * ```
 */
export function readTrie(text: string): Prefix {
  let pos = 0;
  const node = (parent: number): Prefix => {
    let lengths = parent;
    if (pos < text.length && text.charCodeAt(pos) >= 97) {
      lengths = 0;
      while (pos < text.length && text.charCodeAt(pos) >= 97) {
        lengths = lengths * 26 + text.charCodeAt(pos++) - 97;
      }
    }
    const next: (Prefix | undefined)[] = [];
    let closed = false;
    if (text[pos] === '(') {
      pos++;
      closed = text[pos] === '!';
      if (closed) pos++;
      while (pos < text.length && text[pos] !== ')') {
        let digits = text[pos++] as string;
        if (digits === '[') {
          const end = text.indexOf(']', pos);
          digits = text.slice(pos, end < 0 ? text.length : end);
          pos += digits.length + 1;
        }
        const child = node(lengths);
        for (const digit of digits) next[Number(digit)] = child;
      }
      pos++;
    }
    return { lengths, next, closed };
  };
  return node(0);
}

const tries = new Map<string, Prefix | null>();

/**
 * False when no number of any type of `country` has `nationalNumber`'s
 * leading digits and length; true otherwise, and for a region the table
 * leaves out (one whose general pattern refuses all such numbers itself).
 * Never false for a valid number: the table is a superset of them.
 *
 * @example
 * ```ts
 * hasNumberTypePrefix('DE', '30901820'); // true (fixed line, Berlin)
 * hasNumberTypePrefix('DE', '999999999999'); // false: no type starts 999
 * ```
 */
export function hasNumberTypePrefix(country: string, nationalNumber: string): boolean {
  let trie = tries.get(country);
  if (trie === undefined) {
    trie = Object.hasOwn(NUMBER_TYPE_PREFIXES, country)
      ? readTrie(NUMBER_TYPE_PREFIXES[country] as string)
      : null;
    tries.set(country, trie);
  }
  return trie === null || accepts(trie, nationalNumber);
}

/**
 * True when `trie` has `nationalNumber`'s length at its longest prefix of
 * `nationalNumber` (false under a closed node without it).
 *
 * @example
 * ```ts
 * accepts(readTrie('bo(1a)'), '123'); // false: no number starts 1
 * ```
 */
export function accepts(trie: Prefix, nationalNumber: string): boolean {
  const length = nationalNumber.length;
  let node = trie;
  for (let i = 0; i < length; i++) {
    const child = node.next[nationalNumber.charCodeAt(i) - 48];
    if (child === undefined) {
      if (node.closed) return false;
      break;
    }
    node = child;
  }
  return length < 31 && ((node.lengths >> length) & 1) === 1;
}
