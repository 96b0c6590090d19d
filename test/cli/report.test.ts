import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/csv/read.js';
import { cli, REPORT_ON_ACME } from '../support/cli.js';

const BASE = REPORT_ON_ACME;

interface Row {
  key: string | null;
  kind: string;
  calls: number;
  answered: number;
  billableSeconds: number;
}

async function json(extra: readonly string[] = []) {
  const run = await cli([...BASE, ...extra, '--format', 'json']);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as {
    rows: (Row & { name: string | null })[];
    total: Omit<Row, 'key' | 'kind'>;
  };
}

describe('account-codes report (docs/rules.md#reports-and-post-call-tagging)', () => {
  it.each([
    [[]],
    [['--by', 'category']],
    [['--by', 'trunk']],
    [['--from', '2026-11-02', '--to', '2026-11-05']],
  ])('prints the same rows and total as a table, CSV and JSON (%j)', async (extra) => {
    const fromJson = await json(extra);
    const asRows = (rows: Row[]) =>
      rows.map((r) => [r.key, r.kind, r.calls, r.answered, r.billableSeconds]);

    const csv = await cli([...BASE, ...extra, '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.endsWith('\r')).toBe(true);
    const cells = parseCsv(csv.stdout).flatMap((r) => (r.kind === 'cells' ? [r.cells] : []));
    const header = cells[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    const fromCsv = cells
      .slice(1, -1)
      .map((c) => [
        c[0] === '' ? null : c[0],
        c[col('kind')],
        Number(c[col('calls')]),
        Number(c[col('answered')]),
        Number(c[col('billableSeconds')]),
      ]);
    expect(fromCsv).toEqual(asRows(fromJson.rows));
    expect(cells.at(-1)?.slice(-3).map(Number)).toEqual([
      fromJson.total.calls,
      fromJson.total.answered,
      fromJson.total.billableSeconds,
    ]);

    const table = await cli([...BASE, ...extra]);
    expect(table.status).toBe(0);
    const lines = table.stdout.split('\n');
    const rule = lines.findIndex((l) => l.startsWith('---'));
    const body = lines.slice(rule + 1, lines.lastIndexOf(lines[rule] as string));
    const numbers = (line: string) => line.trim().split(/\s+/).slice(-4, -1).map(Number);
    expect(body.map(numbers)).toEqual(
      fromJson.rows.map((r) => [r.calls, r.answered, r.billableSeconds]),
    );
    expect(numbers(lines.at(-1) as string)).toEqual([
      fromJson.total.calls,
      fromJson.total.answered,
      fromJson.total.billableSeconds,
    ]);
  });

  it('prints the JSON shape of docs/rules.md#reports-and-post-call-tagging, key and name first, names from the config', async () => {
    const report = await json();
    expect(Object.keys(report.rows[0] ?? {}).slice(0, 5)).toEqual([
      'key',
      'name',
      'calls',
      'answered',
      'billableSeconds',
    ]);
    expect(report.rows.find((r) => r.key === '1234')).toMatchObject({
      name: 'Acme Corp',
      calls: 3,
      billableSeconds: 2165,
    });
    expect(report.rows.filter((r) => r.key === null).map((r) => [r.kind, r.name])).toEqual([
      ['untagged', null],
      ['locked-out', null],
    ]);
    expect(report).toMatchObject({ asOf: '2026-12-01T09:00:00.000Z', by: 'code' });
  });

  it('reads JSON lines too, recognised from the content', async () => {
    const line = {
      start: '2026-11-02T14:00:00Z',
      end: '2026-11-02T14:10:00Z',
      answered: true,
      billableSeconds: 600,
      trunk: 'hq',
      dialed: '912125550123',
      caller: '201',
      gated: false,
      midCall: null,
      postCallTags: [
        {
          previousCode: null,
          newCode: '2001',
          validated: true,
          at: '2026-11-02T15:00:00Z',
          by: { role: 'caller', id: '201' },
        },
      ],
    };
    const run = await cli(
      ['report', 'examples/acme.json', '--cdr', 'cdr.jsonl', '--format', 'json'],
      {
        files: {
          'cdr.jsonl': `${JSON.stringify(line)}\n${JSON.stringify({ ...line, postCallTags: undefined })}\n`,
        },
      },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).rows.map((r: Row) => [r.key, r.calls])).toEqual([
      ['2001', 1],
      [null, 1],
    ]);
  });

  it('exits 1 on a malformed line, naming it, and prints no report', async () => {
    const good = readFileSync('examples/Master.csv', 'utf8').split('\n')[0];
    const run = await cli([...BASE.slice(0, 3), 'bad.csv'], {
      files: { 'bad.csv': `${good}\n${good}\n"1234","201"\n${good}\n` },
    });
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        'account-codes: bad.csv has malformed lines; nothing was reported:',
        '  line 3: a Master.csv row has 16 to 18 columns (accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags, uniqueid, userfield); this one has 2',
      ].join('\n'),
    });
  });

  it('exits 1 on a CDR it cannot read', async () => {
    const run = await cli([...BASE.slice(0, 3), 'no/such.csv']);
    expect(run).toMatchObject({
      status: 1,
      stderr: 'account-codes: cannot read no/such.csv: no such file',
    });
  });

  it('makes CSV cells safe against formula injection', async () => {
    const config = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
    config.account.codes[0].name = '=HYPERLINK("http://evil","Acme")';
    config.account.codes[1].name = '@SUM(A1)';
    const cdr = readFileSync('examples/Master.csv', 'utf8');
    const run = await cli(
      [
        'report',
        'evil.json',
        '--cdr',
        'examples/Master.csv',
        '--format',
        'csv',
        '--cdr-timezone',
        'UTC',
      ],
      {
        files: { 'evil.json': JSON.stringify(config), 'examples/Master.csv': cdr },
      },
    );
    expect(run.stdout).toContain(`1234,"'=HYPERLINK(""http://evil"",""Acme"")",tagged`);
    expect(run.stdout).toContain("2001,'@SUM(A1),tagged");
  });

  it.each([
    [['report', 'examples/acme.json'], 'missing --cdr CDR'],
    [[...BASE, '--by', 'client'], '--by must be one of code, category, trunk; got "client"'],
    [[...BASE, '--format', 'xlsx'], '--format must be one of table, csv, json; got "xlsx"'],
    [[...BASE, '--cdr-timezone', 'Mars/Base'], '--cdr-timezone must be an IANA time zone'],
    [[...BASE, '--from', 'last week'], '--from must be an ISO 8601 time'],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const run = await cli(argv);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('docs/reports.md', () => {
  const doc = readFileSync('docs/reports.md', 'utf8');
  const blocks = [...doc.matchAll(/```console\n\$ account-codes (.+)\n([\s\S]*?)```/g)];

  it('has examples to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((m) => [m[1] as string, m[2] as string]))(
    'prints what the docs say: account-codes %s',
    async (command, output) => {
      const run = await cli(command.split(' '));
      expect(run.status).toBe(0);
      expect([run.stderr, run.stdout.replaceAll('\r', '')].filter((t) => t !== '').join('\n')).toBe(
        output.trimEnd(),
      );
    },
  );
});

describe('account-codes report --rates (docs/rules.md#reports-that-bill)', () => {
  const RATES = [...BASE, '--rates', 'examples/rates.csv'];

  it.each([[[]], [['--by', 'category']], [['--by', 'trunk']]])(
    'prints the same cost in a table, CSV and JSON, to the last digit (%j)',
    async (extra) => {
      const run = await cli([...RATES, ...extra, '--format', 'json']);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as {
        rows: { kind: string; cost: string | null }[];
        total: { cost: string };
      };
      const fromJson = [...report.rows.map((r) => r.cost ?? ''), report.total.cost];

      const csv = await cli([...RATES, ...extra, '--format', 'csv']);
      const cells = parseCsv(csv.stdout).flatMap((r) => (r.kind === 'cells' ? [r.cells] : []));
      const costAt = (cells[0] ?? []).indexOf('cost');
      expect(costAt).toBe((cells[0] ?? []).length - 1);
      expect(cells.slice(1).map((c) => c[costAt])).toEqual(fromJson);

      const table = await cli([...RATES, ...extra]);
      const lines = table.stdout.split('\n');
      const body = lines.slice(4, 4 + report.rows.length);
      const fromTable = [...body, lines.at(-1) ?? ''].map((l) => l.trim().split(/\s+/).at(-1));
      expect(fromTable).toEqual(fromJson.map((c) => (c === '' ? 'unrated' : c)));
      const millionths = (cost: string) => {
        const [whole = '', fraction = ''] = cost.split('.');
        return BigInt(whole + fraction.padEnd(6, '0'));
      };
      expect(report.rows.reduce((sum, r) => sum + millionths(r.cost ?? '0'), 0n)).toBe(
        millionths(report.total.cost),
      );
    },
  );

  it('refuses a rate deck with bad lines, naming each (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'account-codes-rates-'));
    const path = join(dir, 'rates.csv');
    writeFileSync(path, 'prefix,rate\n44,0.019\n4x,1\n44,2\n');
    const run = await cli([...BASE, '--rates', path]);
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${path} is not a rate deck; nothing was reported:`);
    expect(run.stderr).toContain('line 3: prefix must be 1 to 15 E.164 digits');
    expect(run.stderr).toContain('line 4: prefix 44 is already on line 2 [duplicate-prefix]');
  });

  it('refuses a rate deck it cannot read (exit 1)', async () => {
    const run = await cli([...BASE, '--rates', 'no/such/rates.csv']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot read no/such/rates.csv');
  });
});
