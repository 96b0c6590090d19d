/**
 * promptText's article follows how the number is spoken: "an" before eight,
 * eleven, eighteen and the eighties and eight-hundreds, "a" otherwise.
 */
import { describe, expect, it } from 'vitest';
import { promptText } from '../../src/entry/prompts.js';

describe('promptText articles', () => {
  it.each([8, 11, 18, 80, 83, 800])('says "an" before %i', (n) => {
    expect(promptText('invalid-code', n)).toBe(
      `Invalid entry. Please enter an ${n}-digit account code.`,
    );
  });

  it.each([3, 4, 7, 10, 12, 17, 19, 28, 111, 118])('says "a" before %i', (n) => {
    expect(promptText('invalid-code', n)).toBe(
      `Invalid entry. Please enter a ${n}-digit account code.`,
    );
  });

  it('gives the locked-out wording docs/rules.md#lockout gives', () => {
    expect(promptText('locked-out', 4)).toBe(
      'Account codes are locked on this line. Please contact your administrator.',
    );
  });
});
