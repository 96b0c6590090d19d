/**
 * Answers the `lookup` effects of code entry (SPEC §5) from an in-memory code
 * list. With a fixed `codeLength` every code is a number below
 * 10^codeLength, so the list is a bitset indexed by that number: 10^7 codes
 * take 1.25 MB and a look-up is a few arithmetic operations, where a
 * `Set<string>` of the same codes takes about 550 MB (docs/performance.md).
 * Leading zeros stay significant because the length is fixed: in a 4-digit
 * directory `0123` is a code and `123` is not.
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
  // One bit per possible code: 10^codeLength bits.
  const bits = new Uint8Array(Math.ceil(10 ** codeLength / 8));
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
    const word = n >>> 3;
    const mask = 1 << (n & 7);
    if (((bits[word] as number) & mask) === 0) {
      bits[word] = (bits[word] as number) | mask;
      size++;
    }
    index++;
  }
  return { ok: true, directory: bitsetDirectory(bits, codeLength, size) };
}

function bitsetDirectory(bits: Uint8Array, codeLength: number, size: number): CodeDirectory {
  const has = (code: string): boolean => {
    if (typeof code !== 'string' || code.length !== codeLength) return false;
    let n = 0;
    for (let i = 0; i < codeLength; i++) {
      const digit = code.charCodeAt(i) - 48;
      // One unsigned comparison rejects everything outside '0'–'9'.
      if (digit >>> 0 > 9) return false;
      n = n * 10 + digit;
    }
    return (((bits[n >>> 3] as number) >>> (n & 7)) & 1) === 1;
  };
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
