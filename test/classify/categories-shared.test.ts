/**
 * categoriesOf documents one frozen array per mask: every call of the same
 * kind shares its `categories` (no allocation per call, issue 14), and no
 * caller can change another's.
 */
import { describe, expect, it } from 'vitest';
import { CATEGORY_BIT, categoriesOf } from '../../src/classify/categories.js';
import { classifyCall } from '../../src/classify/classify.js';

describe('categoriesOf', () => {
  it('gives the same frozen array for the same mask', () => {
    const mask = CATEGORY_BIT.premiumToll | CATEGORY_BIT.domestic;
    const first = categoriesOf(mask);
    expect(first).toEqual(['premiumToll', 'domestic']);
    expect(Object.isFrozen(first)).toBe(true);
    expect(categoriesOf(mask)).toBe(first);
  });

  it('two NANP calls of the same kind share one categories array', () => {
    const a = classifyCall('212-555-1234').categories;
    const b = classifyCall('+1 415 555 0100').categories;
    expect(a).toEqual(['domestic']);
    expect(b).toBe(a);
  });
});
