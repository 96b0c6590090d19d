/**
 * Why a look-up refused a code (docs/rules.md#scoped-codes): the vocabulary
 * the directory answers with, the look-up event carries and the call record
 * keeps.
 */

/**
 * Why a listed or unlisted code may not authorize (or tag) a call. To the
 * caller every one is the same wrong code; the reason is for the
 * administrator: the look-up event, the call record, the CLI transcript.
 */
export type CodeRefusal =
  | 'not-on-list'
  | 'not-permitted-call-type'
  | 'not-permitted-trunk'
  | 'suspended'
  | 'expired'
  | 'not-yet-valid';

/**
 * Every {@link CodeRefusal}, in the order docs/rules.md#scoped-codes lists them.
 *
 * @example
 * ```ts
 * CODE_REFUSALS.includes(event.reason); // true for every refused look-up
 * ```
 */
export const CODE_REFUSALS: readonly CodeRefusal[] = [
  'not-on-list',
  'not-permitted-call-type',
  'not-permitted-trunk',
  'suspended',
  'expired',
  'not-yet-valid',
];
