import { describe, expect, it } from 'vitest';
import {
  advance,
  type CdrRecord,
  callRecord,
  parseCdrRecord,
  startCodeEntry,
} from '../../src/index.js';
import { cli } from '../support/cli.js';

describe('the record docs/integration.md tells an integrator to write', () => {
  it('is a CDR line report counts, prices and dedupes', async () => {
    const started = startCodeEntry({
      codeLength: 4,
      maxRetries: 3,
      validateCodes: false,
      allowCallAfterMaxRetries: false,
    });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    let state = started.state;
    for (const key of ['1', '2', '3', '4'] as const)
      state = advance(state, { type: 'key', key }).state;
    const entry = callRecord(state);
    expect(entry).toMatchObject({ accountCode: '1234', outcome: 'connected' });
    const cdr: CdrRecord = {
      callId: 'CA0001',
      start: '2026-11-02T14:15:03.000Z',
      end: '2026-11-02T14:36:01.000Z',
      answered: true,
      billableSeconds: 1250,
      trunk: 'hq',
      dialed: '9011442079460000',
      caller: '201',
      gated: true,
      entry,
    };
    expect(parseCdrRecord(JSON.parse(JSON.stringify(cdr))).ok).toBe(true);
    const line = `${JSON.stringify(cdr)}\n`;
    const run = await cli(
      [
        'report',
        'examples/acme.json',
        '--cdr',
        'records.jsonl',
        '--rates',
        'examples/rates.csv',
        '--as-of',
        '2026-12-01T09:00:00Z',
        '--format',
        'json',
      ],
      { files: { 'records.jsonl': line + line } },
    );
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.rows).toEqual([
      {
        key: '1234',
        name: 'Acme Corp',
        calls: 1,
        answered: 1,
        billableSeconds: 1250,
        cost: '0.3135',
        kind: 'tagged',
      },
    ]);
    expect(report.repeated).toBe(1);
  });
});
