import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { type Config, parseConfig, REPORT_GROUPINGS, summarizeCalls } from '../../src/index.js';
import { priceCall } from '../../src/reports/cost.js';
import { COST_DECIMALS, parseDecimal } from '../../src/reports/money.js';
import { parseRateDeck, type RateDeck } from '../../src/reports/rate-deck.js';
import { invariantRuns } from '../support/properties.js';
import { cdrRecordArb } from './arbitraries.js';

const config: Config = (() => {
  const parsed = parseConfig(JSON.parse(readFileSync('examples/acme.json', 'utf8')));
  if (!parsed.ok) throw new Error('examples/acme.json');
  return parsed.config;
})();

/** Decks over the prefixes the arbitrary records dial (and some they do not). */
const deckArb: fc.Arbitrary<RateDeck> = fc
  .uniqueArray(
    fc.record({
      prefix: fc.constantFrom('1', '12', '1212', '1800', '1900', '4', '44', '4420', '442079', '49'),
      rate: fc
        .tuple(fc.nat(99), fc.nat(9999))
        .map(([w, f]) => `${w}.${String(f).padStart(4, '0')}`),
      increment: fc.constantFrom('', '60/60', '30/6', '6/6', '1/1', '7/13'),
    }),
    { minLength: 1, maxLength: 6, selector: (e) => e.prefix },
  )
  .map((entries) => {
    const read = parseRateDeck(
      `prefix,rate,increment\n${entries.map((e) => `${e.prefix},${e.rate},${e.increment}`).join('\n')}\n`,
    );
    if (!read.ok) throw new Error(read.problems[0]?.message);
    return read.deck;
  });

const units = (text: string | null | undefined): bigint =>
  text === null || text === undefined ? 0n : (parseDecimal(text, COST_DECIMALS) as bigint);

describe('reports that bill (docs/rules.md#reports-that-bill)', () => {
  it('the costs of the rows add up exactly to the total, which is the sum of each call priced alone', () => {
    fc.assert(
      fc.property(
        fc.array(cdrRecordArb, { maxLength: 40 }),
        fc.constantFrom(...REPORT_GROUPINGS),
        deckArb,
        (records, by, rates) => {
          const made = summarizeCalls(config, records, { by, asOf: 0, rates });
          expect(made.ok).toBe(true);
          if (!made.ok) return;
          const { rows, total } = made.report;
          expect(typeof total.cost).toBe('string');
          expect(rows.reduce((sum, row) => sum + units(row.cost), 0n)).toBe(units(total.cost));
          let expected = 0n;
          let unrated = 0;
          for (const r of records) {
            const lockedOrEnded =
              r.gated === true &&
              r.entry.outcome !== 'connected' &&
              r.entry.outcome !== 'connected-after-max-retries';
            const priced = priceCall(
              rates,
              classifyCall(r.dialed, config.account),
              r.answered && !lockedOrEnded,
              r.billableSeconds,
            );
            if (priced.kind === 'rated') expected += priced.cost;
            if (priced.kind === 'unrated') unrated += 1;
          }
          expect(units(total.cost)).toBe(expected);
          const unratedRows = rows.filter((row) => row.kind === 'unrated');
          expect(unratedRows.every((row) => row.cost === null)).toBe(true);
          expect(unratedRows.reduce((n, row) => n + row.calls, 0)).toBe(unrated);
        },
      ),
      invariantRuns(),
    );
  });

  it('leaves cost out when there is no rate deck, and refuses a deck that is not one', () => {
    const made = summarizeCalls(config, [], { asOf: 0 });
    expect(made.ok && made.report.total).toEqual({ calls: 0, answered: 0, billableSeconds: 0 });
    const bad = summarizeCalls(config, [], { asOf: 0, rates: {} as RateDeck });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatchObject({ code: 'invalid-type', path: ['rates'] });
  });
});
