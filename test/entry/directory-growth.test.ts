import { describe, expect, it } from 'vitest';
import { createCodeDirectory, tableLimit } from '../../src/entry/directory.js';

function built(codes: Iterable<string>, codeLength: number) {
  const result = createCodeDirectory(codes, codeLength);
  if (!result.ok) throw new Error(result.error.message);
  return result.directory;
}

const asCode = (n: number, codeLength: number) => String(n).padStart(codeLength, '0');

describe('a code directory kept as a hash table', () => {
  // 4-digit codes stay in the table up to 78 codes; its list starts with room
  // for 16, so a few dozen codes make it grow, more than once.
  it.each([17, 33, tableLimit(4) - 1])('keeps every one of %i codes as the list grows', (count) => {
    const codes = Array.from({ length: count }, (_, i) => asCode(i * 37 + 5, 4));
    const directory = built(codes, 4);
    expect(directory.size).toBe(count);
    for (const code of codes) expect(directory.has(code)).toBe(true);
    // The numbers between the codes are not codes.
    expect(directory.has(asCode(6, 4))).toBe(false);
    expect(directory.has(asCode(37 * count + 5, 4))).toBe(false);
  });

  it('keeps codes past the first 16 with 5-digit codes too (a larger table limit)', () => {
    const codes = Array.from({ length: 100 }, (_, i) => asCode(99_999 - i * 3, 5));
    const directory = built(codes, 5);
    expect(directory.size).toBe(100);
    expect(codes.every((code) => directory.has(code))).toBe(true);
    expect(directory.has('99998')).toBe(false);
  });
});

describe('CodeDirectory.answer', () => {
  it('answers a look-up that names no code as a miss without a code', () => {
    const directory = built(['1234'], 4);
    for (const effect of [null, undefined, 1234, {}, { type: 'lookup', code: 1234 }]) {
      expect(directory.answer(effect as never)).toEqual({ type: 'lookup-result', valid: false });
    }
  });
});

describe('createCodeDirectory on a string instead of a list', () => {
  it('refuses it as a whole rather than reading its characters as codes', () => {
    expect(createCodeDirectory('1234' as never, 4)).toEqual({
      ok: false,
      error: {
        code: 'invalid-type',
        path: [],
        message: 'codes must be a list of codes; got "1234"',
      },
    });
  });
});
