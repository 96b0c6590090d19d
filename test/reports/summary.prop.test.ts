import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Config, parseConfig, REPORT_GROUPINGS, summarizeCalls } from '../../src/index.js';
import { propertyRuns } from '../support/properties.js';
import { cdrRecordArb } from './arbitraries.js';

const config: Config = (() => {
  const parsed = parseConfig(JSON.parse(readFileSync('examples/acme.json', 'utf8')));
  if (!parsed.ok) throw new Error('examples/acme.json');
  return parsed.config;
})();

const rangeArb = fc.record(
  {
    from: fc.integer({
      min: Date.parse('2026-10-01T00:00:00Z'),
      max: Date.parse('2026-12-01T00:00:00Z'),
    }),
    to: fc.integer({
      min: Date.parse('2026-10-01T00:00:00Z'),
      max: Date.parse('2026-12-01T00:00:00Z'),
    }),
  },
  { requiredKeys: [] },
);

describe('the summary (docs/rules.md#reports-and-post-call-tagging)', () => {
  it('the rows always add up to the total, for any records, any grouping and any time range', () => {
    fc.assert(
      fc.property(
        fc.array(cdrRecordArb, { maxLength: 40 }),
        fc.constantFrom(...REPORT_GROUPINGS),
        rangeArb,
        (records, by, range) => {
          const made = summarizeCalls(config, records, { by, asOf: 0, ...range });
          expect(made.ok).toBe(true);
          if (!made.ok) return;
          const { rows, total, outsideRange } = made.report;
          const sum = (field: 'calls' | 'answered' | 'billableSeconds') =>
            rows.reduce((acc, row) => acc + row[field], 0);
          expect({
            calls: sum('calls'),
            answered: sum('answered'),
            billableSeconds: sum('billableSeconds'),
          }).toEqual(total);
          expect(total.calls + outsideRange).toBe(records.length);
          const inRange = records.filter((r) => {
            const start = Date.parse(r.start);
            return (
              (range.from === undefined || start >= range.from) &&
              (range.to === undefined || start < range.to)
            );
          });
          expect(total.billableSeconds).toBe(
            inRange.reduce((acc, r) => acc + r.billableSeconds, 0),
          );
        },
      ),
      propertyRuns(),
    );
  });

  it('rows are sorted by billable seconds, largest first, each group once, and the order of the records does not change them', () => {
    fc.assert(
      fc.property(
        fc
          .array(cdrRecordArb, { maxLength: 30 })
          .chain((records) =>
            fc.tuple(
              fc.constant(records),
              fc.shuffledSubarray(records, { minLength: records.length }),
            ),
          ),
        fc.constantFrom(...REPORT_GROUPINGS),
        ([records, shuffled], by) => {
          const a = summarizeCalls(config, records, { by, asOf: 0 });
          const b = summarizeCalls(config, shuffled, { by, asOf: 0 });
          if (!a.ok || !b.ok) throw new Error('not summarised');
          // Warnings name the first record they saw; the rows and totals cannot depend on order.
          expect([a.report.rows, a.report.total]).toEqual([b.report.rows, b.report.total]);
          const { rows } = a.report;
          for (let i = 1; i < rows.length; i++) {
            expect((rows[i - 1]?.billableSeconds ?? 0) >= (rows[i]?.billableSeconds ?? 0)).toBe(
              true,
            );
          }
          const ids = rows.map((r) => JSON.stringify([r.kind, r.key, r.code]));
          expect(new Set(ids).size).toBe(ids.length);
          for (const row of rows) {
            expect(row.kind === 'tagged' || by !== 'code' || row.key === null).toBe(true);
            expect(row.calls > 0 && row.answered <= row.calls).toBe(true);
          }
        },
      ),
      propertyRuns(),
    );
  });
});
