/**
 * Category lists as bit masks: the hot path builds a mask and gets back one
 * shared, frozen list per combination, in the order of CALL_CATEGORIES.
 */
import { CALL_CATEGORIES, type CallCategory } from './types.js';

/** The bit of each category in a mask. */
export const CATEGORY_BIT = {
  international: 1,
  directoryAssistance: 2,
  premiumToll: 4,
  tollFree: 8,
  domestic: 16,
  serviceCode: 32,
  mobile: 64,
} as const satisfies Record<CallCategory, number>;

const lists: (readonly CallCategory[] | undefined)[] = [];

/**
 * The categories of `mask`, in the order of {@link CALL_CATEGORIES}; the same
 * frozen array for the same mask.
 *
 * @example
 * ```ts
 * categoriesOf(CATEGORY_BIT.premiumToll | CATEGORY_BIT.domestic); // ['premiumToll', 'domestic']
 * ```
 */
export function categoriesOf(mask: number): readonly CallCategory[] {
  const index = mask & 127;
  let list = lists[index];
  if (list === undefined) {
    list = Object.freeze(CALL_CATEGORIES.filter((c) => (index & CATEGORY_BIT[c]) !== 0));
    lists[index] = list;
  }
  return list;
}
