import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Config, parseConfig, summarizeCalls } from '../../src/index.js';
import { createCallIdSet } from '../../src/reports/call-ids.js';
import { cli, REPORT_ON_ACME } from '../support/cli.js';
import { propertyRuns } from '../support/properties.js';
import { cdrRecordArb } from './arbitraries.js';

const config: Config = (() => {
  const parsed = parseConfig(JSON.parse(readFileSync('examples/acme.json', 'utf8')));
  if (!parsed.ok) throw new Error('examples/acme.json');
  return parsed.config;
})();

describe('call ids seen (docs/rules.md#reports-that-bill)', () => {
  it('knows an id again, with the line it was first seen on, and no other', () => {
    const seen = createCallIdSet();
    expect(seen.see('1793632503.1', 1)).toEqual({ repeated: false });
    expect(seen.see('1793632503.10', 2)).toEqual({ repeated: false });
    expect(seen.see('1793632503.1', 12)).toEqual({ repeated: true, firstLine: 1 });
    expect(seen.see('x', null)).toEqual({ repeated: false });
    expect(seen.see('x', 40)).toEqual({ repeated: true, firstLine: null });
    expect(seen.size).toBe(3);
  });

  it('holds 10^5 distinct ids with no false repeat, in at most 48 bytes an id', () => {
    const seen = createCallIdSet();
    for (let i = 0; i < 100_000; i++) {
      expect(seen.see(`${1793505600 + i}.${i}`, i + 1).repeated).toBe(false);
    }
    for (let i = 0; i < 100_000; i += 997) {
      expect(seen.see(`${1793505600 + i}.${i}`, 0)).toEqual({ repeated: true, firstLine: i + 1 });
    }
    expect(seen.size).toBe(100_000);
    expect(seen.bytes / seen.size).toBeLessThanOrEqual(48);
  });

  it('a report of records given twice equals the report of them once, and warns', () => {
    fc.assert(
      fc.property(fc.array(cdrRecordArb, { maxLength: 30 }), (records) => {
        const withIds = records.map((r, i) => ({ ...r, callId: `call-${i}` }));
        const once = summarizeCalls(config, withIds, { asOf: 0 });
        const twice = summarizeCalls(config, [...withIds, ...withIds], { asOf: 0 });
        expect(once.ok && twice.ok).toBe(true);
        if (!once.ok || !twice.ok) return;
        expect(twice.report.rows).toEqual(once.report.rows);
        expect(twice.report.total).toEqual(once.report.total);
        expect(twice.report.repeated).toBe(records.length);
        const warned = twice.report.warnings.filter((w) => w.code === 'repeated-call');
        expect(warned.reduce((n, w) => n + w.calls, 0)).toBe(records.length);
      }),
      propertyRuns(),
    );
  });
});

describe('account-codes report on a doubled Master.csv', () => {
  it('gives the totals of the original and names the repeated lines', async () => {
    const master = readFileSync('examples/Master.csv', 'utf8');
    const doubled = `${master}${master}`;
    const args = [...REPORT_ON_ACME, '--format', 'json'];
    const original = await cli(args);
    const cdrAt = args.indexOf('--cdr') + 1;
    const path = args[cdrAt] as string;
    const run = await cli(args, { files: { [path]: doubled } });
    expect(run.status).toBe(0);
    const a = JSON.parse(original.stdout);
    const b = JSON.parse(run.stdout);
    expect(b.rows).toEqual(a.rows);
    expect(b.total).toEqual(a.total);
    expect(b.repeated).toBe(11);
    expect(run.stderr).toContain(
      'call id "1793632503.1" on line 12 repeats line 1: counted once [repeated-call]',
    );
  });
});
