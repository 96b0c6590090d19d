import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billedSeconds, parseIncrements } from '../../src/reports/increments.js';
import {
  COST_DECIMALS,
  costOf,
  formatDecimal,
  parseDecimal,
  RATE_DECIMALS,
} from '../../src/reports/money.js';
import { parseRateDeck } from '../../src/reports/rate-deck.js';
import { invariantRuns, propertyRuns } from '../support/properties.js';

const incrementsArb = fc.record({
  first: fc.integer({ min: 1, max: 3600 }),
  next: fc.integer({ min: 1, max: 3600 }),
});
const rateArb = fc.bigInt({ min: 0n, max: 10n ** 14n }); // up to 10,000 a minute

describe('billing increments', () => {
  it.each([
    ['60/60', 0, 0],
    ['60/60', 1, 60],
    ['60/60', 60, 60],
    ['60/60', 61, 120],
    ['30/6', 5, 30],
    ['30/6', 30, 30],
    ['30/6', 31, 36],
    ['30/6', 1250, 1254],
    ['6/6', 7, 12],
    ['1/1', 47, 47],
  ])('under %s, %i s is billed %i s', (text, seconds, billed) => {
    const increments = parseIncrements(text);
    expect(increments).toBeDefined();
    if (increments) expect(billedSeconds(seconds, increments)).toBe(billed);
  });

  it('round up as specified: never less than the call, the first increment whole, then whole next increments', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), incrementsArb, (seconds, inc) => {
        const billed = billedSeconds(seconds, inc);
        if (seconds === 0) {
          expect(billed).toBe(0);
          return;
        }
        expect(billed).toBeGreaterThanOrEqual(seconds);
        expect(billed).toBeGreaterThanOrEqual(inc.first);
        expect((billed - inc.first) % inc.next).toBe(0);
        // The least such figure: one increment less would not cover the call.
        if (billed > inc.first) expect(billed - inc.next).toBeLessThan(seconds);
      }),
      invariantRuns(),
    );
  });

  it.each(['', '60', '0/60', '60/0', '60/60/60', '86401/1', ' 6/6', '6/6 ', '-1/1'])(
    'refuses %j',
    (text) => {
      expect(parseIncrements(text)).toBeUndefined();
    },
  );
});

describe('money', () => {
  it('costs a minute of a rate at the rate, exactly', () => {
    fc.assert(
      fc.property(rateArb, (rate) => {
        // 10^-10 units a minute for 60 s is the rate itself in 10^-6 units, rounded half up.
        expect(costOf(rate, 60)).toBe((rate + 5000n) / 10_000n);
      }),
      propertyRuns(),
    );
  });

  it("a call's cost is monotone in its billable seconds", () => {
    fc.assert(
      fc.property(
        rateArb,
        incrementsArb,
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        (rate, inc, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(costOf(rate, billedSeconds(lo, inc))).toBeLessThanOrEqual(
            costOf(rate, billedSeconds(hi, inc)),
          );
        },
      ),
      invariantRuns(),
    );
  });

  it('reads and writes decimals exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (units) => {
        const text = formatDecimal(units, COST_DECIMALS);
        expect(parseDecimal(text, COST_DECIMALS)).toBe(units);
      }),
      propertyRuns(),
    );
    expect(formatDecimal(12_500_000n, 6)).toBe('12.50');
    expect(formatDecimal(1_167n, 6)).toBe('0.001167');
    expect(formatDecimal(0n, 6)).toBe('0.00');
    expect(parseDecimal('0.0125', RATE_DECIMALS)).toBe(125_000_000n);
    for (const bad of ['', '.5', '5.', '1e3', '-1', '1,5', '0x10', ' 1', '1234567890']) {
      expect(parseDecimal(bad, RATE_DECIMALS)).toBeUndefined();
    }
  });

  it('prices the worked example of docs/reports.md by hand', () => {
    const read = parseRateDeck('prefix,rate,increment\n4420,0.0150,30/6\n');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const entry = read.deck.match('442079460000');
    expect(entry).toBeDefined();
    if (!entry) return;
    const billed = billedSeconds(1250, entry.increments); // 30 + 204 × 6
    expect(billed).toBe(1254);
    expect(formatDecimal(costOf(entry.rateUnits, billed), COST_DECIMALS)).toBe('0.3135');
  });
});
