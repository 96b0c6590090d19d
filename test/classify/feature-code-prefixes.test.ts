/**
 * featureCodePrefixLengths (src/classify/dial-string.ts): the lengths of
 * every feature-code wrapper at the start of a string, each once, longest
 * pattern first; none for a string that starts with none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { featureCodePrefixLengths } from '../../src/classify/dial-string.js';
import { propertyRuns } from '../support/properties.js';

describe('featureCodePrefixLengths', () => {
  it.each([
    ['#31#011442079460958', 0, [4]],
    ['**67*67+44', 0, [5, 4]],
    ['**21*+44#', 0, [5, 4]],
    ['*67 2125550100', 0, [3]],
    ['*#31#+44', 0, [5]],
    ['##002#', 0, [6]],
    ['x#31#0114420', 1, [4]],
    ['2125550100', 0, []],
    ['*6', 0, []],
    ['*23#0', 0, [3]], // an unknown `#` code is no prefix: `*23` then the keys `#0`
    ['*555911', 0, [3]],
  ])('%s from %i: %j', (text, at, expected) => {
    expect(featureCodePrefixLengths(text, at, [])).toEqual(expected);
  });

  it("the account's service codes are prefixes too", () => {
    expect(featureCodePrefixLengths('*555911', 0, ['*555'])).toEqual([4, 3]);
  });

  it('never gives a length twice', () => {
    // A wrapper's shape (a start, digits, an end) and then anything dialable.
    const text = fc
      .tuple(
        fc.constantFrom('', '*', '#', '**', '*#', '##'),
        fc.stringMatching(/^[0-9]{0,4}$/),
        fc.constantFrom('', '*', '#', '0'),
        fc.stringMatching(/^[*#+0-9]{0,8}$/),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const lengths = featureCodePrefixLengths(t, 0, ['*5', '#31#']);
        expect(new Set(lengths).size).toBe(lengths.length);
      }),
      propertyRuns(),
    );
  });
});
