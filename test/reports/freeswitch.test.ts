import { describe, expect, it } from 'vitest';
import { createCsvReader, parseCsv } from '../../src/csv/read.js';
import { createCdrReader } from '../../src/reports/reader.js';
import { cli, REPORT_ON_ACME } from '../support/cli.js';

const read = (text: string) => {
  const made = createCdrReader({ timezone: 'America/New_York' });
  if (!made.ok) throw new Error(made.problem.message);
  const items = [...made.reader.push(text), ...made.reader.end()];
  return { items, format: made.reader.format() };
};

describe("FreeSWITCH's mod_cdr_csv (docs/rules.md#reports-that-bill)", () => {
  it('reads the stock example template (15 columns)', () => {
    const { items, format } = read(
      '"Jane Doe","201","9011442079460000","default","2026-11-02 09:15:03","2026-11-02 09:15:11","2026-11-02 09:36:01","1258","1250","NORMAL_CLEARING","7f3c-1","8e4d-1","1234","PCMU","PCMU"\n',
    );
    expect(format).toBe('freeswitch-csv');
    expect(items).toEqual([
      {
        kind: 'record',
        line: 1,
        record: {
          callId: '7f3c-1',
          start: '2026-11-02T14:15:03.000Z',
          end: '2026-11-02T14:36:01.000Z',
          answered: true,
          billableSeconds: 1250,
          trunk: null,
          dialed: '9011442079460000',
          caller: '201',
          gated: null,
          accountCode: '1234',
        },
      },
    ]);
  });

  it('reads the built-in default template (13 columns, a space before the last quote)', () => {
    const { items, format } = read(
      '"Ann Poe","203","9011493012345678","default","2026-11-03 16:10:00","","2026-11-03 16:11:00","60","0","NO_ANSWER","7f3c-2","", "3100"\r\n',
    );
    expect(format).toBe('freeswitch-csv');
    expect(items[0]).toMatchObject({
      kind: 'record',
      record: { answered: false, billableSeconds: 0, accountCode: '3100', callId: '7f3c-2' },
    });
  });

  it('names the line and the columns of a row of another length', () => {
    const row =
      '"A","201","9","default","2026-11-02 09:15:03","","2026-11-02 09:15:04","1","0","NO_ANSWER","u","","1234","PCMU","PCMU"';
    const { items } = read(`${row}\n"just","two"\n`);
    expect(items[1]).toMatchObject({ kind: 'malformed', line: 2 });
    if (items[1]?.kind === 'malformed') {
      expect(items[1].problem.message).toMatch(
        /^line 2: a FreeSWITCH mod_cdr_csv row has 13 columns .* this one has 2$/,
      );
    }
  });

  it('the CSV reader skips spaces before a quoted field only when asked', () => {
    const reader = createCsvReader({ spacesBeforeQuote: true });
    expect([...reader.push('"a", "b",  "c"\n'), ...reader.end()]).toEqual([
      { kind: 'cells', line: 1, cells: ['a', 'b', 'c'] },
    ]);
    expect(parseCsv('"a", "b"\n')[0]?.kind).toBe('malformed');
  });

  it.each(['examples/freeswitch/Master.csv', 'examples/freeswitch/Master-default-template.csv'])(
    '%s reports like the Asterisk sample of the same calls (less its locked-out call, which FreeSWITCH cannot mark)',
    async (path) => {
      const asterisk = await cli([...REPORT_ON_ACME, '--format', 'json']);
      const args = [...REPORT_ON_ACME, '--format', 'json'];
      args[args.indexOf('--cdr') + 1] = path;
      const freeswitch = await cli(args);
      expect(freeswitch.status).toBe(0);
      type Row = { kind: string; calls: number; answered: number; billableSeconds: number };
      const a = JSON.parse(asterisk.stdout) as { rows: Row[]; total: Omit<Row, 'kind'> };
      const f = JSON.parse(freeswitch.stdout) as { rows: Row[]; total: Omit<Row, 'kind'> };
      const lockedOut = a.rows.find((r) => r.kind === 'locked-out') as Row;
      expect(f.rows).toEqual(a.rows.filter((r) => r.kind !== 'locked-out'));
      expect(f.total).toEqual({
        calls: a.total.calls - lockedOut.calls,
        answered: a.total.answered - lockedOut.answered,
        billableSeconds: a.total.billableSeconds - lockedOut.billableSeconds,
      });
    },
  );
});
