/**
 * Billing increments (docs/rules.md#reports-that-bill): `first/next`
 * seconds, as carriers write them. A call is billed `first` seconds for any
 * part of its first increment, then `next` seconds for any part of each
 * further one: under `30/6` a call of 31 s is billed 36 s, one of 5 s 30 s.
 * A call of 0 billable seconds is billed nothing.
 */

/** `first/next` seconds. */
export interface BillingIncrements {
  /** Seconds billed for any part of the first increment. */
  readonly first: number;
  /** Seconds billed for any part of each further increment. */
  readonly next: number;
}

/** The default when a rate deck gives none: whole minutes. */
export const DEFAULT_INCREMENTS: BillingIncrements = { first: 60, next: 60 };

/** The largest increment: a day. */
const MAX_INCREMENT = 86_400;

/**
 * `60/60`, `30/6`, `6/6`, `1/1`: whole seconds from 1 to 86,400 each, or
 * `undefined` when the text is not that.
 *
 * @example
 * ```ts
 * parseIncrements('30/6'); // { first: 30, next: 6 }
 * ```
 */
export function parseIncrements(text: string): BillingIncrements | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{1,5})\/(\d{1,5})$/.exec(text);
  if (match === null) return undefined;
  const first = Number(match[1]);
  const next = Number(match[2]);
  const fits = (n: number): boolean => n >= 1 && n <= MAX_INCREMENT;
  return fits(first) && fits(next) ? { first, next } : undefined;
}

/**
 * The seconds billed for `seconds` of call under `increments`: never fewer
 * than the call lasted, and a whole number of increments.
 *
 * @example
 * ```ts
 * billedSeconds(31, { first: 30, next: 6 }); // 36
 * ```
 */
export function billedSeconds(seconds: number, increments: BillingIncrements): number {
  if (!(seconds > 0)) return 0;
  if (seconds <= increments.first) return increments.first;
  const rest = seconds - increments.first;
  return increments.first + Math.ceil(rest / increments.next) * increments.next;
}
