/**
 * accepts() answers from a bit per length (lengths up to 30): a longer number
 * is never accepted, even where its length modulo 32 is a bit that is set
 * (JavaScript shifts by the count modulo 32).
 */
import { describe, expect, it } from 'vitest';
import { accepts, readTrie } from '../../src/classify/phone-types.js';

describe('accepts', () => {
  // 'bo' is 40: lengths 3 and 5.
  const trie = readTrie('bo');

  it('accepts the lengths of the trie, and only those', () => {
    expect(accepts(trie, '200')).toBe(true);
    expect(accepts(trie, '20000')).toBe(true);
    expect(accepts(trie, '2000')).toBe(false);
  });

  it.each([35, 37])('refuses %i digits (3 and 5 modulo 32)', (length) => {
    expect(accepts(trie, '2'.repeat(length))).toBe(false);
  });
});
