/**
 * The command line's dispatch (docs/rules.md#the-config-file-and-the-cli) and the report's table and CSV
 * layout, in-process: help and version spellings, an unknown command listing
 * the commands, an option without its value, missing --trunk/--dial naming
 * the command; a table whose columns line up (numbers right-aligned, one
 * empty name cell under "total"), control characters printed as spaces, and
 * the CSV total row by category.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('dispatch', () => {
  it.each(['--help', '-h', 'help'])('%s prints the usage on stdout, exit 0', async (flag) => {
    const run = await cli([flag]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe((await cli([])).stderr);
    expect(run.stdout).toMatch(/^Usage/m);
  });

  it('no command prints the usage on stderr, exit 2', async () => {
    const run = await cli([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });

  it.each(['--version', '-v'])('%s prints the version', async (flag) => {
    const run = await cli([flag]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('an unknown command lists the commands (exit 2)', async () => {
    const run = await cli(['frob']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'account-codes: unknown command "frob"; commands: check, explain, simulate, report, lockout, unblock, schema, demo (see account-codes --help)',
    );
  });

  it('an option without its value says which (exit 2)', async () => {
    const run = await cli(['simulate', 'examples/acme.json', '--dial', '1', '--trunk']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'account-codes: --trunk needs a value (see account-codes simulate --help)',
    );
  });

  it.each([
    ['explain', ['--dial', '911'], 'missing --trunk ID'],
    ['explain', ['--trunk', 'hq'], 'missing --dial DIGITS'],
    ['simulate', ['--dial', '911'], 'missing --trunk ID'],
    ['simulate', ['--trunk', 'hq'], 'missing --dial DIGITS'],
  ])('%s %j: %s, naming the command', async (command, extra, message) => {
    const run = await cli([command, 'examples/acme.json', ...extra]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`account-codes: ${message} (see account-codes ${command} --help)`);
  });
});

describe('report --format table and csv', () => {
  const BASE = [
    'report',
    'examples/acme.json',
    '--cdr',
    'cdr.csv',
    '--cdr-timezone',
    'UTC',
    '--as-of',
    '2026-12-01T09:00:00Z',
  ];
  const master = readFileSync('examples/Master.csv', 'utf8');

  it('every line of the table below the title is as long as the heading: numbers right-aligned', async () => {
    const run = await cli(BASE, { files: { 'cdr.csv': master } });
    const lines = run.stdout.split('\n').slice(2);
    const width = (lines[0] as string).length;
    for (const line of lines) expect(line).toHaveLength(width);
    // Under "total" the name column is empty: the numbers stay in theirs.
    expect(lines.at(-1)?.split(/\s{2,}/)).toEqual(['total', '11', '9', '6964', '1:56:04']);
  });

  it('by category too, and the code column is as wide as a code: an untagged row leaves it empty', async () => {
    const run = await cli([...BASE, '--by', 'category'], { files: { 'cdr.csv': master } });
    const lines = run.stdout.split('\n').slice(2);
    const width = (lines[0] as string).length;
    for (const line of lines) expect(line).toHaveLength(width);
    expect(lines.some((line) => line.includes('(untagged)'))).toBe(true);
    expect(lines[1]?.split('  ')[1]).toBe('----');
  });

  it('a control character in a key is printed as a space, and the column fits the key exactly', async () => {
    const first = master.split('\n')[0] as string;
    const cdr = first.replace('PJSIP/hq-00000001', 'PJSIP/long\ttrunkname-00000001');
    const run = await cli([...BASE, '--by', 'trunk'], { files: { 'cdr.csv': `${cdr}\n` } });
    const lines = run.stdout.split('\n');
    expect(lines[4]).toMatch(/^long trunkname {2}/);
    expect(lines[3]?.split('  ')[0]).toBe('-'.repeat('long trunkname'.length));
  });

  it('the CSV total row by category leaves category, code and name empty', async () => {
    const run = await cli([...BASE, '--by', 'category', '--format', 'csv'], {
      files: { 'cdr.csv': master },
    });
    // io.stdout adds the last line's LF; the CR before it is the CSV's.
    const rows = run.stdout.split('\r\n');
    expect(rows.at(-1)).toBe(',,,total,11,9,6964\r');
  });
});
