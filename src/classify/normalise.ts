/**
 * The first rule of docs/rules.md#classification: strip separators, then reject what cannot be
 * dialed (empty, letters, over 32 characters). Platforms send more than a
 * keypad does (issue 12): Unicode spaces and dashes, full-width and other
 * scripts' digits, `tel:` and `sip:` URIs, a line ending. Those are read as
 * the dial string they carry, so an emergency number connects in every form.
 */
import { isPause, unwrap } from './dial-string.js';
import type { InvalidDialString } from './types.js';

/** The longest dial string accepted, after separators are removed (docs/rules.md#classification). */
export const MAX_DIAL_LENGTH = 32;

const NO_CATEGORIES: readonly never[] = Object.freeze([]);

/** A dial string with separators removed: digits, `*`, `#`, pauses, and `+` in front or after a key. */
export interface NormalisedDialString {
  readonly kind: 'dialable';
  readonly digits: string;
}

/**
 * Removes the separators of docs/rules.md#classification (space, `-`, `.`, `(`, `)`) and checks
 * what is left: digits, `*` and `#`, with an optional `+` in front (or after
 * a feature code's `*`/`#`: `#31#+44…`). Pauses
 * (`,` `;` `p` `w` `P` `W`) are kept for the grammar (src/classify/dial-string.ts).
 * A string with anything else is first read the way platforms write dial
 * strings (its wrapper, `unwrap`); plain ASCII dial strings never take that path.
 *
 * @example
 * ```ts
 * normaliseDialString('1 (212) 555-0100'); // { kind: 'dialable', digits: '12125550100' }
 * normaliseDialString('sip:+1911@carrier;user=phone'); // { kind: 'dialable', digits: '+1911' }
 * normaliseDialString('１-800-FLOWERS').kind; // 'invalid': letters are not dialable
 * ```
 */
export function normaliseDialString(input: string): NormalisedDialString | InvalidDialString {
  if (typeof input !== 'string') return invalid('', 'not-dialable');
  return keypadForm(input, true);
}

/** The digits of the dial string {@link plainNanpDigits} last read. */
const scanned = /* @__PURE__ */ new Uint8Array(11);
type ScannedDigits = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/**
 * What {@link normaliseDialString} gives for a NANP caller's commonest
 * shapes, NPA-NXX-XXXX, 1 + NPA-NXX-XXXX and +1 + NPA-NXX-XXXX (area code
 * 2–9) in ASCII digits and separators, read in one pass that builds only the
 * result string (issue 14: slicing and joining the runs between separators
 * was a third of a NANP call). `undefined` for anything else, which the
 * general pass then reads; so the answer is the general pass's whenever
 * there is one.
 */
export function plainNanpDigits(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  let count = 0;
  let plus = false;
  let separated = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (count === scanned.length) return undefined;
      scanned[count++] = c;
    } else if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41) {
      separated = true;
    } else if (c === 43 && count === 0 && !plus) {
      plus = true; // a `+` before every digit, as the general pass allows
    } else {
      return undefined;
    }
  }
  const from = count - 10; // where the ten digits start: after nothing, or after a 1
  if (from < 0 || (from === 1 ? scanned[0] !== 49 : plus)) return undefined;
  if ((scanned[from] as number) < 50) return undefined;
  if (!separated) return input; // as the general pass does: no copy
  // One string of the kept characters (fixed arities: no array, no apply).
  const s = scanned as unknown as ScannedDigits;
  if (from === 0) {
    return String.fromCharCode(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
  }
  return plus
    ? String.fromCharCode(43, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10])
    : String.fromCharCode(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10]);
}

/** The ASCII pass; `foreign` allows one detour through the wrapper layer (`unwrap`). */
function keypadForm(input: string, foreign: boolean): NormalisedDialString | InvalidDialString {
  // One pass: copy the runs between separators (whole, when there are none)
  // and note anything that cannot be dialed.
  let digits = '';
  let runStart = 0;
  let dialable = true;
  // `+` may come first, or once a feature code has begun (`*67+44…`,
  // `#31#+44…`, `**21*+44…#`); never twice in a row.
  let last = 0;
  let key = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      last = c;
      continue;
    }
    if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41) {
      if (i > runStart) digits += input.slice(runStart, i);
      runStart = i + 1;
    } else if (c === 42 || c === 35 || isPause(c)) {
      // `*`, `#` and pauses: the grammar's keys (src/classify/dial-string.ts).
      last = c;
      key = true;
    } else if (c === 43 && (last === 0 || (key && last !== 43))) {
      last = c;
    } else {
      if (foreign) return keypadForm(unwrap(input), false);
      dialable = false;
    }
  }
  if (runStart === 0) digits = input;
  else if (runStart < input.length) digits += input.slice(runStart);
  if (!dialable) return invalid(digits, 'not-dialable');
  if (digits === '' || digits === '+') return invalid(digits, 'empty');
  if (digits.length > MAX_DIAL_LENGTH) return invalid(digits, 'too-long');
  return { kind: 'dialable', digits };
}

const MESSAGES = {
  empty: 'dialed: the dial string has no digits; expected digits, optionally with "+" in front',
  'not-dialable':
    'dialed: the dial string has characters that cannot be dialed; allowed are the digits 0-9 (of any script), "*", "#", the pauses "," ";" "p" "w" "P" "W", a "+" in front or after a "*", "#" or pause, the separators space, "-", ".", "(" and ")", and tel:/sip:/sips: URIs and urn:service:sos',
  'too-long': `dialed: the dial string is longer than ${MAX_DIAL_LENGTH} characters once separators are removed`,
} as const;

function invalid(dialed: string, reason: keyof typeof MESSAGES): InvalidDialString {
  return { kind: 'invalid', dialed, reason, message: MESSAGES[reason], categories: NO_CATEGORIES };
}
