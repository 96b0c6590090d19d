/**
 * The first rule of SPEC §3: strip separators, then reject what cannot be
 * dialed (empty, letters, over 32 characters).
 */
import type { InvalidDialString } from './types.js';

/** The longest dial string accepted, after separators are removed (SPEC §3). */
export const MAX_DIAL_LENGTH = 32;

const NO_CATEGORIES: readonly never[] = Object.freeze([]);

/** A dial string with separators removed: digits, `*`, `#`, and `+` only in front. */
export interface NormalisedDialString {
  readonly kind: 'dialable';
  readonly digits: string;
}

/**
 * Removes the separators of SPEC §3 (space, `-`, `.`, `(`, `)`) and checks
 * what is left: digits, `*` and `#`, with an optional leading `+`.
 *
 * @example
 * ```ts
 * normaliseDialString('1 (212) 555-0100'); // { kind: 'dialable', digits: '12125550100' }
 * normaliseDialString('1-800-FLOWERS').kind; // 'invalid': letters are not dialable
 * ```
 */
export function normaliseDialString(input: string): NormalisedDialString | InvalidDialString {
  if (typeof input !== 'string') return invalid('', 'not-dialable');
  // One pass: copy the runs between separators (whole, when there are none)
  // and note anything that cannot be dialed.
  let digits = '';
  let runStart = 0;
  let dialable = true;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41) {
      if (i > runStart) digits += input.slice(runStart, i);
      runStart = i + 1;
    } else if (c !== 42 && c !== 35 && !(c === 43 && digits === '' && i === runStart)) {
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
    'dialed: the dial string has characters that cannot be dialed; allowed are the digits 0-9, "*", "#", a leading "+", and the separators space, "-", ".", "(" and ")"',
  'too-long': `dialed: the dial string is longer than ${MAX_DIAL_LENGTH} characters once separators are removed`,
} as const;

function invalid(dialed: string, reason: keyof typeof MESSAGES): InvalidDialString {
  return { kind: 'invalid', dialed, reason, message: MESSAGES[reason], categories: NO_CATEGORIES };
}
