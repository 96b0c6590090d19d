import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountCode } from '../../src/config/types.js';
import { createCodeDirectory, tableLimit } from '../../src/entry/directory.js';
import { propertyRuns } from '../support/properties.js';

function built(codes: Iterable<string | AccountCode>, codeLength: number) {
  const result = createCodeDirectory(codes, codeLength);
  if (!result.ok) throw new Error(result.error.message);
  return result.directory;
}

describe('createCodeDirectory', () => {
  it('holds the listed codes and nothing else', () => {
    const directory = built(['1234', '0000', '9999'], 4);
    expect(directory.has('1234')).toBe(true);
    expect(directory.has('0000')).toBe(true);
    expect(directory.has('9999')).toBe(true);
    expect(directory.has('1235')).toBe(false);
    expect(directory.size).toBe(3);
  });

  it('keeps leading zeros significant: 0123 is a code, 123 is not', () => {
    const directory = built(['0123'], 4);
    expect(directory.has('0123')).toBe(true);
    expect(directory.has('123')).toBe(false);
    expect(built(['123'], 3).has('0123')).toBe(false);
  });

  it('answers nothing but exactly codeLength ASCII digits', () => {
    const directory = built(['1234'], 4);
    for (const probe of ['', '12345', '12a4', ' 234', '１２３４', '+234', '-234', '1e3 ']) {
      expect(directory.has(probe)).toBe(false);
    }
    expect(directory.has(1234 as never)).toBe(false);
    expect(directory.has(null as never)).toBe(false);
  });

  it("takes the account's { code, name } entries and any iterable", () => {
    const fromAccount = built([{ code: '555', name: 'Acme' }], 3);
    expect(fromAccount.has('555')).toBe(true);
    function* generated() {
      yield '0000001';
      yield '9999999';
    }
    const fromGenerator = built(generated(), 7);
    expect(fromGenerator.has('9999999')).toBe(true);
    expect(fromGenerator.has('0000001')).toBe(true);
  });

  it('counts duplicates once', () => {
    expect(built(['111', '111'], 3).size).toBe(1);
  });

  it('answers a lookup effect with the lookup-result event that names the code', () => {
    const directory = built(['1234'], 4);
    expect(directory.answer({ type: 'lookup', code: '1234', attempt: 1 })).toEqual({
      type: 'lookup-result',
      code: '1234',
      valid: true,
    });
    expect(directory.answer({ type: 'lookup', code: '4321', attempt: 1 })).toEqual({
      type: 'lookup-result',
      code: '4321',
      valid: false,
      reason: 'not-on-list',
    });
  });

  it('rejects a bad code with a typed error naming its index and what codes allow', () => {
    expect(createCodeDirectory(['1234', '12a4'], 4)).toEqual({
      ok: false,
      error: {
        code: 'invalid-code',
        path: [1],
        message: 'codes[1] must be a string of exactly 4 ASCII digits; got "12a4"',
      },
    });
    expect(createCodeDirectory(['123'], 4).ok).toBe(false);
    expect(createCodeDirectory([1234 as never], 4).ok).toBe(false);
  });

  it.each([2, 8, 4.5, '4'])('rejects codeLength %s with a typed error', (codeLength) => {
    const result = createCodeDirectory(['1234'], codeLength as never);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.path).toEqual(['codeLength']);
  });

  it('rejects a list that is not iterable with a typed error instead of throwing', () => {
    expect(createCodeDirectory(null as never, 4).ok).toBe(false);
    expect(createCodeDirectory({} as never, 4).ok).toBe(false);
  });

  it('agrees with a Set<string> of the same codes on every probe', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }),
        fc.array(fc.nat({ max: 99999 })),
        fc.array(fc.oneof(fc.string(), fc.nat({ max: 99999 }).map(String))),
        (codeLength, numbers, probes) => {
          const codes = numbers.map((n) => String(n % 10 ** codeLength).padStart(codeLength, '0'));
          const directory = built(codes, codeLength);
          const set = new Set(codes);
          for (const probe of [...probes, ...codes])
            expect(directory.has(probe)).toBe(set.has(probe));
          expect(directory.size).toBe(set.size);
        },
      ),
      propertyRuns(),
    );
  });

  it('answers like a Set<string> in both forms: a hash table below the limit, a bitset above it', () => {
    // codeLength 3 and 4 keep lists on both sides of the limit (7 and 78 codes) cheap to build.
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 4 }).chain((codeLength) =>
          fc.tuple(
            fc.constant(codeLength),
            fc.uniqueArray(fc.nat({ max: 10 ** codeLength - 1 }), {
              maxLength: 2 * tableLimit(codeLength),
            }),
            fc.array(fc.nat({ max: 10 ** codeLength - 1 }), { maxLength: 50 }),
          ),
        ),
        ([codeLength, numbers, probes]) => {
          const codes = numbers.map((n) => String(n).padStart(codeLength, '0'));
          const directory = built(codes, codeLength);
          const set = new Set(codes);
          const asCode = (n: number) => String(n).padStart(codeLength, '0');
          for (const probe of [...codes, ...probes.map(asCode)]) {
            expect(directory.has(probe)).toBe(set.has(probe));
          }
          expect(directory.size).toBe(set.size);
        },
      ),
      propertyRuns(),
    );
  });

  it.each([
    ['just below the limit', 0],
    ['at the limit', 1],
    ['just above it', 2],
  ])('keeps every code %s, duplicates included', (_, extra) => {
    const limit = tableLimit(3);
    const codes = Array.from({ length: limit - 1 + extra }, (_, i) =>
      String(i * 7).padStart(3, '0'),
    );
    const directory = built([...codes, ...codes], 3);
    expect(directory.size).toBe(codes.length);
    for (let n = 0; n < 1000; n++) {
      const code = String(n).padStart(3, '0');
      expect(directory.has(code)).toBe(codes.includes(code));
    }
  });
});
