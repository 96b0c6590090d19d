/**
 * Answers the `lookup` effects of code entry (docs/rules.md#code-entry) from an in-memory code
 * list. With a fixed `codeLength` every code is a number below
 * 10^codeLength, kept in whichever form is smaller: a small hash table in
 * an `Int32Array` for short lists (10 seven-digit codes: 128 bytes), a
 * bitset of 10^codeLength bits for long ones (10^7 codes: 1.25 MB, where a
 * `Set<string>` takes about 550 MB; docs/performance.md). Both answer the
 * same. Leading zeros stay significant because the length is fixed: in a
 * 4-digit directory `0123` is a code and `123` is not.
 */
import { ALLOWED } from '../config/rules.js';
import type { AccountCode, RequiredCallType } from '../config/types.js';
import { describeValue, type Problem } from '../result.js';
import {
  type CodeCall,
  type CodeRefusal,
  type CodeScope,
  type CompiledScope,
  compileScope,
  gatingCategories,
  hasScope,
  scopeRefusal,
} from './code-scope.js';
import type { LookupEffect, LookupResultEvent } from './events.js';
import { checkCodeLength, isDigitString } from './options.js';

/** A set of codes of one length, fast to query. */
export interface CodeDirectory {
  /** Digits in every code. */
  readonly codeLength: number;
  /** Distinct codes held. */
  readonly size: number;
  /** Codes with a scope (docs/rules.md#scoped-codes); the others authorize every call. */
  readonly scoped: number;
  /** True when `code` is exactly `codeLength` ASCII digits and in the list, whatever its scope. */
  has(code: string): boolean;
  /**
   * May `code` authorize (or, with `purpose: 'tag'`, tag) `call`? A code
   * without scope may whenever it is on the list. Without `call`, a scoped
   * code is refused: nothing shows it permitted (fail closed).
   */
  check(code: string, call?: CodeCall): CodeVerdict;
  /** The event that answers a `lookup` effect for `call`, with the reason on a miss. */
  answer(effect: LookupEffect, call?: CodeCall): LookupResultEvent;
}

/** {@link CodeDirectory.check}'s answer: valid, or why not (for the administrator only). */
export type CodeVerdict =
  | { readonly valid: true }
  | { readonly valid: false; readonly reason: CodeRefusal };

const VALID: CodeVerdict = Object.freeze({ valid: true });
const NOT_ON_LIST: CodeVerdict = Object.freeze({ valid: false, reason: 'not-on-list' });

/**
 * May `code` authorize `call`? The one question code entry, tagging and
 * unattended calls ask of a directory; total (a `directory` that is not one
 * answers `not-on-list`).
 *
 * @example
 * ```ts
 * mayAuthorize(directory, '1111', { gatedBy: ['international'], trunk: 'hq', at: Date.now() });
 * // { valid: false, reason: 'not-permitted-call-type' }
 * ```
 */
export function mayAuthorize(directory: CodeDirectory, code: string, call: CodeCall): CodeVerdict {
  if (
    typeof directory !== 'object' ||
    directory === null ||
    typeof directory.check !== 'function'
  ) {
    return NOT_ON_LIST;
  }
  return directory.check(code, call);
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
  // Codes collect in a list until it would make a table bigger than the bitset.
  const limit = tableLimit(codeLength);
  let list = new Int32Array(16);
  let listed = 0;
  let bits: Uint8Array | undefined;
  let size = 0;
  let index = 0;
  const scoped = new ScopeCollector();
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
    if (typeof entry === 'object' && entry !== null && hasScope(entry as CodeScope)) {
      scoped.add(n, entry as CodeScope);
    }
    if (bits === undefined && listed === limit) {
      bits = new Uint8Array(Math.ceil(10 ** codeLength / 8));
      for (const m of list.subarray(0, listed)) size += setBit(bits, m);
    }
    if (bits !== undefined) size += setBit(bits, n);
    else {
      if (listed === list.length) {
        const grown = new Int32Array(Math.min(list.length * 2, limit));
        grown.set(list);
        list = grown;
      }
      list[listed++] = n;
    }
    index++;
  }
  return {
    ok: true,
    directory:
      bits === undefined
        ? tableDirectory(list.subarray(0, listed), codeLength, scoped.done())
        : bitsetDirectory(bits, codeLength, size, scoped.done()),
  };
}

/**
 * The most codes kept in a hash table rather than the bitset. The table has
 * at least twice as many 4-byte slots as codes, a power of two, so up to
 * 10^codeLength / 128 codes it is never bigger than the bitset's
 * 10^codeLength bits (10 seven-digit codes: 128 bytes instead of 1.25 MB).
 * A sorted list searched by bisection would be smaller still, but its
 * look-ups miss the 20M/s target from a thousand codes on
 * (docs/performance.md); the table answers in one or two probes.
 */
export function tableLimit(codeLength: number): number {
  return Math.floor(10 ** codeLength / 128);
}

/** Sets bit `n`; 1 when it was not set before. */
function setBit(bits: Uint8Array, n: number): number {
  const word = n >>> 3;
  const mask = 1 << (n & 7);
  if (((bits[word] as number) & mask) !== 0) return 0;
  bits[word] = (bits[word] as number) | mask;
  return 1;
}

/** An empty slot: codes are never negative. */
const EMPTY = -1;

/** The slot where the search for `n` starts: Fibonacci hashing, the top `32 - shift` bits. */
function slotOf(n: number, shift: number): number {
  return Math.imul(n, 0x9e3779b1) >>> shift;
}

/**
 * Open addressing with linear probing in an `Int32Array`, at most half full,
 * so every search ends at the code or at an empty slot.
 */
function tableDirectory(
  numbers: Int32Array,
  codeLength: number,
  scopes: ScopeIndex | undefined,
): CodeDirectory {
  let slots = 8;
  while (slots < numbers.length * 2) slots *= 2;
  const shift = 32 - Math.log2(slots);
  const mask = slots - 1;
  const table = new Int32Array(slots).fill(EMPTY);
  let size = 0;
  for (const n of numbers) {
    let i = slotOf(n, shift);
    while (table[i] !== EMPTY && table[i] !== n) i = (i + 1) & mask;
    if (table[i] === EMPTY) {
      table[i] = n;
      size++;
    }
  }
  return directoryOf(codeLength, size, scopes, (code) => {
    const n = codeNumber(code, codeLength);
    if (n < 0) return false;
    for (let i = slotOf(n, shift); ; i = (i + 1) & mask) {
      const held = table[i] as number;
      if (held === n) return true;
      if (held === EMPTY) return false;
    }
  });
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

function bitsetDirectory(
  bits: Uint8Array,
  codeLength: number,
  size: number,
  scopes: ScopeIndex | undefined,
): CodeDirectory {
  return directoryOf(codeLength, size, scopes, (code) => {
    const n = codeNumber(code, codeLength);
    return n >= 0 && (((bits[n >>> 3] as number) >>> (n & 7)) & 1) === 1;
  });
}

function directoryOf(
  codeLength: number,
  size: number,
  scopes: ScopeIndex | undefined,
  has: (code: string) => boolean,
): CodeDirectory {
  // An unscoped list (most) answers from the set alone, as fast as `has`.
  const check =
    scopes === undefined
      ? (code: string): CodeVerdict => (has(code) ? VALID : NOT_ON_LIST)
      : (code: string, call?: CodeCall): CodeVerdict => {
          if (!has(code)) return NOT_ON_LIST;
          const scope = scopes.of(codeNumber(code, codeLength));
          if (scope === undefined) return VALID;
          const reason = scopeRefusal(scope, call ?? {});
          return reason === undefined ? VALID : { valid: false, reason };
        };
  return {
    codeLength,
    size,
    scoped: scopes?.size ?? 0,
    has,
    check,
    answer: (effect, call) => {
      const code: unknown = typeof effect === 'object' && effect !== null ? effect.code : undefined;
      if (typeof code !== 'string') return { type: 'lookup-result', valid: false };
      const verdict = check(code, call);
      return verdict.valid
        ? { type: 'lookup-result', code, valid: true }
        : { type: 'lookup-result', code, valid: false, reason: verdict.reason };
    },
  };
}

/**
 * The scoped codes of a directory, apart from the set itself so that a list
 * without scopes costs nothing more: codes in a sorted `Int32Array`
 * searched by bisection, each with the index of its scope; scopes in
 * columns (typed arrays), equal ones once, equal trunk lists sharing one
 * set. A million codes with 1 % scoped, every scope different: about
 * 0.3 MB beside the 1.25 MB set (docs/performance.md).
 */
interface ScopeIndex {
  readonly size: number;
  of(n: number): CompiledScope | undefined;
}

class ScopeCollector {
  private readonly numbers: number[] = [];
  private readonly which: number[] = [];
  private readonly scopes: CompiledScope[] = [];
  private readonly known = new Map<string, number>();
  private readonly trunkSets = new Map<string, ReadonlySet<string> | undefined>();

  add(n: number, entry: CodeScope): void {
    const { callTypes, trunks, suspended, validFrom, validUntil } = entry;
    const key = JSON.stringify([callTypes, trunks, suspended, validFrom, validUntil]);
    let at = this.known.get(key);
    if (at === undefined) {
      at = this.scopes.length;
      const compiled = compileScope(entry);
      // Codes of a list usually share a few trunk lists: one set each.
      const trunksKey = JSON.stringify(compiled.trunks === undefined ? null : [...compiled.trunks]);
      if (!this.trunkSets.has(trunksKey)) this.trunkSets.set(trunksKey, compiled.trunks);
      this.scopes.push({ ...compiled, trunks: this.trunkSets.get(trunksKey) });
      this.known.set(key, at);
    }
    this.numbers.push(n);
    this.which.push(at);
  }

  done(): ScopeIndex | undefined {
    if (this.numbers.length === 0) return undefined;
    // Sorted by code; a code listed twice keeps its first scope.
    const numbers = this.numbers;
    const order = numbers
      .map((_, i) => i)
      .sort((a, b) => (numbers[a] as number) - (numbers[b] as number) || a - b);
    const codes: number[] = [];
    const which: number[] = [];
    for (const i of order) {
      const n = numbers[i] as number;
      if (codes.length > 0 && codes[codes.length - 1] === n) continue;
      codes.push(n);
      which.push(this.which[i] as number);
    }
    const sorted = Int32Array.from(codes);
    const index = Int32Array.from(which);
    const count = this.scopes.length;
    const callTypes = new Int32Array(count);
    const suspended = new Uint8Array(count);
    const validFrom = new Float64Array(count);
    const validUntil = new Float64Array(count);
    const trunkIds = new Int32Array(count);
    const trunkSets = [...new Set(this.scopes.map((scope) => scope.trunks))];
    this.scopes.forEach((scope, i) => {
      callTypes[i] = scope.callTypes;
      suspended[i] = scope.suspended ? 1 : 0;
      validFrom[i] = scope.validFrom;
      validUntil[i] = scope.validUntil;
      trunkIds[i] = trunkSets.indexOf(scope.trunks);
    });
    return {
      size: sorted.length,
      of(n) {
        let low = 0;
        let high = sorted.length - 1;
        while (low <= high) {
          const mid = (low + high) >>> 1;
          const held = sorted[mid] as number;
          if (held === n) {
            const i = index[mid] as number;
            return {
              callTypes: callTypes[i] as number,
              trunks: trunkSets[trunkIds[i] as number],
              suspended: suspended[i] === 1,
              validFrom: validFrom[i] as number,
              validUntil: validUntil[i] as number,
            };
          }
          if (held < n) low = mid + 1;
          else high = mid - 1;
        }
        return undefined;
      },
    };
  }
}

/**
 * Why a code carried by an unattended call does not authorize it
 * (docs/rules.md#calls-nobody-can-key): not `codeLength` ASCII digits, or,
 * when codes are validated, not on the account's list.
 */
export type CarriedCodeRefusal = 'wrong-length' | CodeRefusal;

/** {@link carriedCodeAuthorizes}' answer. */
export type CarriedCodeVerdict =
  | {
      /** The code authorizes the call: connect it tagged with `accountCode`. */
      readonly ok: true;
      /** The code to tag the call with. */
      readonly accountCode: string;
      /** The code was checked against the list (authorization), as a keyed code would be. */
      readonly validated: boolean;
    }
  | {
      /** The code does not authorize the call. */
      readonly ok: false;
      /** Why, for the call record and the administrator. */
      readonly reason: CarriedCodeRefusal;
    };

/** The call a carried code would authorize, and what the check reads about it. */
export interface CarriedCodeCall {
  /** The account's code list (`config.account.codes`). */
  readonly codes: readonly AccountCode[];
  /** The trunk's effective `codeLength` and `validateCodes`. */
  readonly settings: {
    readonly codeLength: number;
    readonly validateCodes: boolean;
    /** The trunk's effective `requiredCallTypes`: with the call, what made it gated. */
    readonly requiredCallTypes?: readonly RequiredCallType[];
  };
  /** The call's instant, epoch milliseconds: a code with a validity window needs it. */
  readonly at?: number;
  /** The trunk the call is on. */
  readonly trunkId: string;
  /**
   * The call's classification (`classifyCall`'s): what made it gated. Typed
   * by its shape, so code entry does not import classification.
   */
  readonly classification: { readonly kind: string; readonly categories: readonly string[] };
}

/**
 * May `code`, carried by a call nobody can key (the code of the call that
 * caused it, or `unattendedCalls: { code }`), authorize this call? The one
 * place that says so (docs/rules.md#calls-nobody-can-key): any `codeLength`
 * ASCII digits when tracking; on the account's list when validating. No
 * lockout is involved: nobody guessed. Total: any input gives a verdict, and
 * anything malformed is refused.
 *
 * It reads the list from start to end, so it costs a scan of the codes;
 * unattended calls are few, and a directory would not hold a code's entry.
 *
 * @example
 * ```ts
 * carriedCodeAuthorizes('1234', { codes: config.account.codes, settings, trunkId: 'hq', classification });
 * // { ok: true, accountCode: '1234', validated: true }
 * ```
 */
export function carriedCodeAuthorizes(code: unknown, call: CarriedCodeCall): CarriedCodeVerdict {
  const settings = (call as Partial<CarriedCodeCall> | null | undefined)?.settings;
  const codeLength: unknown = settings?.codeLength;
  if (typeof codeLength !== 'number' || !isDigitString(code, codeLength, codeLength)) {
    return { ok: false, reason: 'wrong-length' };
  }
  const accountCode = code as string;
  if (settings?.validateCodes === false) return { ok: true, accountCode, validated: false };
  // Validating, or a setting that is not plainly off: only a listed code authorizes.
  const codes: unknown = (call as Partial<CarriedCodeCall>).codes;
  if (!Array.isArray(codes)) return { ok: false, reason: 'not-on-list' };
  for (const entry of codes as readonly unknown[]) {
    if (typeof entry === 'object' && entry !== null && (entry as AccountCode).code === code) {
      // A carried code is held to its scope like a keyed one (docs/rules.md#scoped-codes).
      const refusal = scopeRefusal(compileScope(entry as AccountCode), {
        purpose: 'authorize',
        gatedBy: gatingCategories(settings?.requiredCallTypes ?? [], call.classification),
        trunk: call.trunkId,
        ...(typeof call.at === 'number' ? { at: call.at } : {}),
      });
      return refusal === undefined
        ? { ok: true, accountCode, validated: true }
        : { ok: false, reason: refusal };
    }
  }
  return { ok: false, reason: 'not-on-list' };
}
