/**
 * readContext keeps the derived context of a context frozen all the way down
 * (issue 14: no per-call work for a parsed config's `account`), and only
 * that: with any part it reads left unfrozen, every call reads afresh.
 */
import { describe, expect, it } from 'vitest';
import { readContext } from '../../src/classify/context.js';
import { deepFreeze } from '../support/properties.js';

const FULL = {
  country: 'GB',
  dialPlan: { extensionLengths: [4], ownNumbers: ['+442079460000'], outsideLinePrefix: '9' },
  domesticCountries: ['GB'],
  exemptNumbers: ['988'],
  serviceCodes: ['*99'],
};

describe('readContext', () => {
  it('gives a deep-frozen context the same derived context on every call', () => {
    const context = deepFreeze(structuredClone(FULL));
    const first = readContext(context);
    expect(first).toMatchObject({ country: 'GB', outsideLinePrefix: '9', extensionLengths: [4] });
    expect(readContext(context)).toBe(first);
  });

  it('gives a frozen context with only some fields the same derived context too', () => {
    const context = Object.freeze({ country: 'GB', dialPlan: Object.freeze({}) });
    expect(readContext(context)).toBe(readContext(context));
  });

  it.each([
    ['the dial plan', (c: typeof FULL) => Object.freeze({ ...c, dialPlan: { ...c.dialPlan } })],
    [
      'the domestic countries',
      (c: typeof FULL) => Object.freeze({ ...c, domesticCountries: ['GB'] }),
    ],
    ['the exempt numbers', (c: typeof FULL) => Object.freeze({ ...c, exemptNumbers: ['988'] })],
    ['the service codes', (c: typeof FULL) => Object.freeze({ ...c, serviceCodes: ['*99'] })],
  ])('reads a frozen context afresh when %s is not frozen', (_part, unfreeze) => {
    const context = unfreeze(deepFreeze(structuredClone(FULL)));
    const first = readContext(context);
    expect(readContext(context)).not.toBe(first);
    expect(readContext(context)).toEqual(first);
  });
});
