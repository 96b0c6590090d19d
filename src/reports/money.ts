/**
 * Money in reports that bill (docs/rules.md#reports-that-bill): exact
 * decimals, never binary floating point. A rate is read from its decimal
 * text into a whole number of 10^-10 units; a cost is a whole number of
 * millionths (BigInt), so any number of calls adds up exactly. BigInt, not a
 * decimal library: the arithmetic needed is a multiplication, one rounded
 * division per call and sums, which BigInt does exactly with no dependency.
 */

/** Decimal places a rate may have. */
export const RATE_DECIMALS = 10;
/** Decimal places of a cost: a call's cost is rounded (half up) to a millionth. */
export const COST_DECIMALS = 6;

/** Digits a rate may have before its decimal point (a rate of 999,999,999 a minute). */
const MAX_WHOLE_DIGITS = 9;

/**
 * A non-negative decimal written as digits with an optional fraction
 * (`0.0125`, `3`, `.5` is refused), as a whole number of 10^-`decimals`
 * units; `undefined` when it is not one or has more decimals.
 *
 * @example
 * ```ts
 * parseDecimal('0.0125', 10); // 125000000n
 * ```
 */
export function parseDecimal(text: string, decimals: number): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const dot = text.indexOf('.');
  const wholeDigits = dot === -1 ? text.length : dot;
  const fractionDigits = dot === -1 ? 0 : text.length - dot - 1;
  if (wholeDigits === 0 || wholeDigits > MAX_WHOLE_DIGITS) return undefined;
  if (dot !== -1 && (fractionDigits === 0 || fractionDigits > decimals)) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (i !== dot && (c < 48 || c > 57)) return undefined;
  }
  const digits = dot === -1 ? text : text.slice(0, dot) + text.slice(dot + 1);
  return BigInt(digits) * 10n ** BigInt(decimals - fractionDigits);
}

/**
 * A whole number of 10^-`decimals` units as decimal text, with at least two
 * decimals and no trailing zeros past them: `12.50`, `0.001167`.
 *
 * @example
 * ```ts
 * formatDecimal(12_500_000n, 6); // '12.50'
 * ```
 */
export function formatDecimal(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${fraction.length === 0 ? '' : `.${fraction}`}`;
}

/** 10^-10 units of a rate per minute times seconds → millionths of a unit, exactly and then half up. */
const RATE_SECONDS_PER_COST_UNIT = 60n * 10n ** BigInt(RATE_DECIMALS - COST_DECIMALS);

/**
 * The cost of `seconds` billed at `rate` (10^-10 units a minute), in
 * millionths, rounded half up once: `rate × seconds / 60`.
 */
export function costOf(rate: bigint, seconds: number): bigint {
  const exact = rate * BigInt(seconds);
  return (exact * 2n + RATE_SECONDS_PER_COST_UNIT) / (2n * RATE_SECONDS_PER_COST_UNIT);
}
