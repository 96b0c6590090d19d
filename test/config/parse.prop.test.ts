import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { validConfigFileArb } from '../support/arbitraries.js';
import { deepFreeze, invariantRuns, propertyRuns } from '../support/properties.js';

describe('parseConfig properties', () => {
  it('is total: any JSON value yields a result, never an exception (docs/rules.md#invariants)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseConfig(deepFreeze(value));
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      invariantRuns(),
    );
  });

  it('is total on near-valid files with values swapped for arbitrary JSON', () => {
    const broken = fc
      .tuple(validConfigFileArb, fc.jsonValue(), fc.nat())
      .map(([file, junk, pick]) => {
        const account = { ...file.account } as Record<string, unknown>;
        const keys = Object.keys(account);
        account[keys[pick % keys.length] as string] = junk;
        return { ...file, account };
      });
    fc.assert(
      fc.property(broken, (input) => {
        expect(() => parseConfig(input)).not.toThrow();
      }),
      invariantRuns(),
    );
  });

  it('accepts every file that respects the rules', () => {
    fc.assert(
      fc.property(validConfigFileArb, (file) => {
        const result = parseConfig(file);
        expect(result.ok ? [] : result.issues).toEqual([]);
      }),
      propertyRuns(),
    );
  });

  it('round-trips: an accepted config, serialised and parsed again, parses to the same value', () => {
    fc.assert(
      fc.property(validConfigFileArb, (file) => {
        const first = parseConfig(file);
        if (!first.ok) return;
        const second = parseConfig(JSON.parse(JSON.stringify(first.config)));
        expect(second).toEqual(first);
      }),
      invariantRuns(),
    );
  });
});
