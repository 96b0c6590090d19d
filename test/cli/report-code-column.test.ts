/**
 * `report --by category` (docs/rules.md#reports-and-post-call-tagging) gives each row its account code as
 * well as its category: in JSON a `code` (null for untagged and locked-out
 * rows), in CSV a `code` column after the category, in the table a column
 * of its own. Other groupings carry no code field, and no table line ends
 * in spaces.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/csv/read.js';
import { cli, REPORT_ON_ACME } from '../support/cli.js';

const BASE = REPORT_ON_ACME;

const report = async (...extra: string[]) => {
  const run = await cli([...BASE, ...extra]);
  expect(run.status).toBe(0);
  return run.stdout;
};

describe('the code of each row, by category', () => {
  it('JSON: every row has its code, null where the call had none', async () => {
    const { rows } = JSON.parse(await report('--by', 'category', '--format', 'json'));
    expect(rows.slice(0, 4)).toEqual([
      expect.objectContaining({ key: 'domestic', code: '2002', kind: 'tagged' }),
      expect.objectContaining({ key: 'international', code: '1234', kind: 'tagged' }),
      expect.objectContaining({ key: 'domestic', code: '2001', kind: 'tagged' }),
      expect.objectContaining({ key: 'tollFree', code: null, kind: 'untagged' }),
    ]);
    for (const row of rows) expect(row).toHaveProperty('code');
  });

  it('JSON by code or trunk: no code field', async () => {
    for (const by of ['code', 'trunk']) {
      const { rows } = JSON.parse(await report('--by', by, '--format', 'json'));
      for (const row of rows) expect(row).not.toHaveProperty('code');
    }
  });

  it('CSV: a code column after the category, empty where there is none', async () => {
    const cells = parseCsv(await report('--by', 'category', '--format', 'csv')).flatMap((r) =>
      r.kind === 'cells' ? [r.cells] : [],
    );
    expect(cells[0]).toEqual([
      'category',
      'code',
      'name',
      'kind',
      'calls',
      'answered',
      'billableSeconds',
    ]);
    expect(cells[1]?.slice(0, 2)).toEqual(['domestic', '2002']);
    expect(cells[4]?.slice(0, 4)).toEqual(['tollFree', '', '', 'untagged']);
    expect(cells.at(-1)?.slice(0, 4)).toEqual(['', '', '', 'total']);
  });

  it('the table: a code column, and no line ending in spaces', async () => {
    for (const by of ['code', 'trunk', 'category']) {
      const lines = (await report('--by', by)).split('\n');
      for (const line of lines) expect(line).not.toMatch(/ $/);
    }
    const table = (await report('--by', 'category')).split('\n');
    expect(table[2]).toMatch(/^category +code +name +calls/);
    expect(table[4]).toMatch(/^domestic +2002 +Globex: general counsel +1 +1 +2410 +0:40:10$/);
  });
});
