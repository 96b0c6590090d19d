/**
 * Telling DTMF keys from other input: platforms hand over digits as strings
 * (`"5"`, `"*"`, sometimes `"A"`–`"D"` or `"w"`), and only the twelve keypad
 * keys are events the machines accept (docs/rules.md#code-entry).
 */
import type { DtmfKey } from './events.js';

const DTMF_KEYS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

/**
 * True when `value` is one of the twelve keypad keys `0`–`9`, `*`, `#`: the
 * type guard to check a platform's digit before building a `key` event.
 *
 * @example
 * ```ts
 * const digit: unknown = request.body.Digits;
 * if (isDtmfKey(digit)) advance(state, { type: 'key', key: digit });
 * isDtmfKey('A'); // false: the fourth column is not a keypad key here
 * ```
 */
export function isDtmfKey(value: unknown): value is DtmfKey {
  return typeof value === 'string' && DTMF_KEYS.includes(value);
}
