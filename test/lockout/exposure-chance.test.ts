/**
 * Exposure as a chance (docs/rules.md#lockout): the chance of a find within
 * 30 days, 1 − C(10^L − k, g) / C(10^L, g), and the median day, checked
 * against exact rational arithmetic computed here independently.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exposureWarnings, lockoutExposure, parseConfig } from '../../src/index.js';
import { cli } from '../support/cli.js';
import { propertyRuns } from '../support/properties.js';

/** 1 − C(N − k, g) / C(N, g) exactly, as a ratio of BigInts, to 1e-15. */
function exactChance(space: number, codes: number, guesses: number): number {
  if (guesses > space - codes) return 1;
  // C(N − k, g) / C(N, g) = ∏_{i<g} (N − k − i) / (N − i) = ∏_{i<k} (N − g − i) / (N − i).
  let miss = 1n;
  let all = 1n;
  for (let i = 0; i < codes; i++) {
    miss *= BigInt(space - guesses - i);
    all *= BigInt(space - i);
  }
  const scale = 10n ** 18n;
  return 1 - Number((miss * scale) / all) / 1e18;
}

/** examples/acme.json with `count` 6-digit codes on three validating trunks, lockout at the defaults. */
function account(count: number, codeLength = 6, lockout: Record<string, unknown> = {}) {
  const json = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  json.account.codeLength = codeLength;
  json.account.codes = Array.from({ length: count }, (_, i) => ({
    code: String(104_729 + i * 7_919)
      .slice(-codeLength)
      .padStart(codeLength, '0'),
  }));
  json.account.settings.lockout = lockout;
  json.trunks = ['a', 'b', 'c'].map((id) => ({ id, accountCodesEnabled: true }));
  return json;
}

function parsed(json: unknown) {
  const result = parseConfig(json);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.config;
}

describe('the chance of a find within 30 days', () => {
  it('ten 6-digit codes on three validating trunks: under 5 %, no short-exposure; fifty: over, with the warning', () => {
    const ten = lockoutExposure(parsed(account(10)));
    const fifty = lockoutExposure(parsed(account(50)));
    // The daily budget: 30 a day on each of 3 trunks, 2,700 guesses in 30 days.
    expect(ten?.guessesPerDay).toBe(90);
    expect(ten?.chanceIn30Days).toBeLessThan(0.05);
    expect(Math.abs((ten?.chanceIn30Days as number) - exactChance(1e6, 10, 2700))).toBeLessThan(
      1e-9,
    );
    expect(fifty?.chanceIn30Days).toBeGreaterThan(0.05);
    expect(Math.abs((fifty?.chanceIn30Days as number) - exactChance(1e6, 50, 2700))).toBeLessThan(
      1e-9,
    );
    expect(exposureWarnings(parsed(account(10))).map((w) => w.code)).not.toContain(
      'short-exposure',
    );
    const warned = exposureWarnings(parsed(account(50))).find((w) => w.code === 'short-exposure');
    expect(warned?.message).toBe(
      'account.settings.lockout: an attacker who can place calls has a 13 % chance of finding a valid code within 30 days; half the time within 153 days, at 90 guesses a day: use longer codes, fewer codes, or a lower lockout.maxFailuresPerDay',
    );
  });

  it('check --json states the same figures', async () => {
    for (const [count, warned] of [
      [10, false],
      [50, true],
    ] as const) {
      const run = await cli(['check', 'acme.json', '--json'], {
        files: { 'acme.json': JSON.stringify(account(count)) },
      });
      const json = JSON.parse(run.stdout);
      expect(json.exposure).toMatchObject({ guessesPerDay: 90, parallelScopes: 3 });
      expect(Math.abs(json.exposure.chanceIn30Days - exactChance(1e6, count, 2700))).toBeLessThan(
        1e-9,
      );
      expect(json.warnings.some((w: { code: string }) => w.code === 'short-exposure')).toBe(warned);
    }
  });

  it('4-digit codes always warn at the defaults', () => {
    const exposure = lockoutExposure(parsed(account(1, 4)));
    expect(exposure?.chanceIn30Days).toBeGreaterThan(0.05);
  });

  it('agrees with the exact formula for any code length, code count and rate, and the median day is the first to reach ½', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 7 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 900 }),
        (codeLength, count, maxFailures, extra) => {
          const codes = Math.min(count, 10 ** codeLength - 1);
          const config = parsed(
            account(codes, codeLength, { maxFailures, maxFailuresPerDay: maxFailures + extra }),
          );
          const exposure = lockoutExposure(config);
          if (exposure === null) throw new Error('no exposure');
          const perDay = exposure.guessesPerDay as number;
          expect(perDay).toBeCloseTo(3 * Math.min(24 * maxFailures, maxFailures + extra), 9);
          const k = config.account.codes.length;
          const exact = exactChance(10 ** codeLength, k, Math.floor(perDay * 30));
          expect(Math.abs(exposure.chanceIn30Days - exact)).toBeLessThan(1e-9);
          const median = exposure.medianDays;
          expect(
            exactChance(10 ** codeLength, k, Math.floor(perDay * median)),
          ).toBeGreaterThanOrEqual(0.5 - 1e-9);
          if (median > 1) {
            expect(
              exactChance(10 ** codeLength, k, Math.floor(perDay * (median - 1))),
            ).toBeLessThan(0.5 + 1e-9);
          }
        },
      ),
      propertyRuns(),
    );
  });
});
