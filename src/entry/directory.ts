/**
 * Answers the `lookup` effects of code entry (SPEC §5) from an in-memory code
 * list. With a fixed `codeLength` every code is a number below
 * 10^codeLength, kept in whichever form is smaller: a sorted `Uint32Array`
 * searched by bisection for short lists (10 seven-digit codes: 40 bytes), a
 * bitset of 10^codeLength bits for long ones (10^7 codes: 1.25 MB, where a
 * `Set<string>` takes about 550 MB; docs/performance.md). Both answer the
 * same. Leading zeros stay significant because the length is fixed: in a
 * 4-digit directory `0123` is a code and `123` is not.
 */
import { ALLOWED } from '../config/rules.js';
import type { AccountCode } from '../config/types.js';
import { describeValue, type Problem } from '../result.js';
import type { LookupEffect, LookupResultEvent } from './events.js';
import { checkCodeLength, isDigitString } from './options.js';

/** A set of codes of one length, fast to query. */
export interface CodeDirectory {
  /** Digits in every code. */
  readonly codeLength: number;
  /** Distinct codes held. */
  readonly size: number;
  /** True when `code` is exactly `codeLength` ASCII digits and in the list. */
  has(code: string): boolean;
  /** The event that answers a `lookup` effect. */
  answer(effect: LookupEffect): LookupResultEvent;
}

/** Why a directory could not be built. */
export type CodeDirectoryProblem = Problem<
  'invalid-type' | 'out-of-range' | 'invalid-value' | 'invalid-code'
>;

/** {@link createCodeDirectory}'s answer. */
export type CodeDirectoryResult =
  | {
      /** The directory was built. */
      readonly ok: true;
      /** The codes, ready for look-ups. */
      readonly directory: CodeDirectory;
    }
  | {
      /** The directory could not be built. */
      readonly ok: false;
      /** The first problem found: a bad `codeLength`, a non-iterable list, or a bad code (`path` is its index). */
      readonly error: CodeDirectoryProblem;
    };

/**
 * Builds a directory from a list of codes: strings, or the account's
 * `{ code, name }` entries. Any iterable works, so a large list can stream
 * from a generator. A bad code (not exactly `codeLength` ASCII digits) yields
 * a typed error naming its index; duplicates are harmless.
 *
 * @example
 * ```ts
 * const built = createCodeDirectory(account.codes, account.codeLength);
 * if (built.ok) {
 *   built.directory.has('1234'); // true
 *   advance(state, built.directory.answer({ type: 'lookup', code: '1234' }));
 * }
 * ```
 */
export function createCodeDirectory(
  codes: Iterable<string | AccountCode>,
  codeLength: number,
): CodeDirectoryResult {
  const lengthError = checkCodeLength(codeLength);
  if (lengthError !== undefined) return { ok: false, error: lengthError };
  if (
    typeof codes !== 'object' ||
    codes === null ||
    typeof (codes as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    return {
      ok: false,
      error: {
        code: 'invalid-type',
        path: [],
        message: `codes must be a list of codes; got ${describeValue(codes)}`,
      },
    };
  }
  // Codes collect in a sorted-list buffer until the list would outgrow the bitset.
  const limit = sortedListLimit(codeLength);
  let list = new Uint32Array(16);
  let listed = 0;
  let bits: Uint8Array | undefined;
  let size = 0;
  let index = 0;
  for (const entry of codes as Iterable<unknown>) {
    const code =
      typeof entry === 'object' && entry !== null ? (entry as { code?: unknown }).code : entry;
    if (!isDigitString(code, codeLength, codeLength)) {
      return {
        ok: false,
        error: {
          code: 'invalid-code',
          path: [index],
          message: `codes[${index}] must be ${ALLOWED.code(codeLength)}; got ${describeValue(code)}`,
        },
      };
    }
    const n = Number(code);
    if (bits === undefined && listed === limit) {
      bits = new Uint8Array(Math.ceil(10 ** codeLength / 8));
      for (const m of list.subarray(0, listed)) size += setBit(bits, m);
    }
    if (bits !== undefined) size += setBit(bits, n);
    else {
      if (listed === list.length) {
        const grown = new Uint32Array(Math.min(list.length * 2, limit));
        grown.set(list);
        list = grown;
      }
      list[listed++] = n;
    }
    index++;
  }
  if (bits !== undefined) return { ok: true, directory: bitsetDirectory(bits, codeLength, size) };
  return {
    ok: true,
    directory: sortedDirectory(distinctSorted(list.subarray(0, listed)), codeLength),
  };
}

/**
 * The most codes kept as a sorted list: 4 bytes a code, so below 1/32 of the
 * code space the list is smaller than the bitset's 10^codeLength bits (10
 * seven-digit codes: 40 bytes instead of 1.25 MB). Both answer in a few
 * dozen nanoseconds (docs/performance.md).
 */
export function sortedListLimit(codeLength: number): number {
  return Math.floor(10 ** codeLength / 32);
}

/** Sets bit `n`; 1 when it was not set before. */
function setBit(bits: Uint8Array, n: number): number {
  const word = n >>> 3;
  const mask = 1 << (n & 7);
  if (((bits[word] as number) & mask) !== 0) return 0;
  bits[word] = (bits[word] as number) | mask;
  return 1;
}

/** A compact sorted copy of `numbers` without repeats. */
function distinctSorted(numbers: Uint32Array): Uint32Array {
  const sorted = numbers.slice().sort();
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (kept === 0 || sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i] as number;
  }
  return kept === sorted.length ? sorted : sorted.slice(0, kept);
}

/**
 * The number `code` stands for, or -1 when it is not exactly `codeLength`
 * ASCII digits. Leading zeros are significant because the length is fixed.
 */
function codeNumber(code: string, codeLength: number): number {
  if (typeof code !== 'string' || code.length !== codeLength) return -1;
  let n = 0;
  for (let i = 0; i < codeLength; i++) {
    const digit = code.charCodeAt(i) - 48;
    // One unsigned comparison rejects everything outside '0'–'9'.
    if (digit >>> 0 > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function sortedDirectory(list: Uint32Array, codeLength: number): CodeDirectory {
  return directoryOf(codeLength, list.length, (code) => {
    const n = codeNumber(code, codeLength);
    if (n < 0) return false;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const m = list[mid] as number;
      if (m < n) low = mid + 1;
      else if (m > n) high = mid - 1;
      else return true;
    }
    return false;
  });
}

function bitsetDirectory(bits: Uint8Array, codeLength: number, size: number): CodeDirectory {
  return directoryOf(codeLength, size, (code) => {
    const n = codeNumber(code, codeLength);
    return n >= 0 && (((bits[n >>> 3] as number) >>> (n & 7)) & 1) === 1;
  });
}

function directoryOf(
  codeLength: number,
  size: number,
  has: (code: string) => boolean,
): CodeDirectory {
  return {
    codeLength,
    size,
    has,
    answer: (effect) => {
      const code: unknown = typeof effect === 'object' && effect !== null ? effect.code : undefined;
      return typeof code === 'string'
        ? { type: 'lookup-result', code, valid: has(code) }
        : { type: 'lookup-result', valid: false };
    },
  };
}
