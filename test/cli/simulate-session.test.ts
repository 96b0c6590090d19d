/**
 * `simulate` (docs/rules.md#the-config-file-and-the-cli) in-process, where the other tests do not look: usage
 * errors naming the command's help (simulate, unblock, report), the `--at`
 * instants accepted, the terminal mode (hint, blank and spaced lines, keys
 * after the call ended, end of input, `--keys` on a terminal), and the
 * report's reading of a CDR without a final newline or cut after 10
 * malformed lines. Also: a read-only ledger operation writes no file, and a
 * scope with failures but no lock lists `unlocksAt: null`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/cli/commands/simulate.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-simulate-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const INTERNATIONAL = '9011442079460958';
const GATED = ['simulate', 'examples/acme.json', '--trunk', 'hq', '--dial', INTERNATIONAL];
const count = (text: string, part: string) => text.split(part).length - 1;

describe('usage errors name the command whose help to read (exit 2)', () => {
  it.each([
    [
      [...GATED, '--at', '2026-12-01'],
      'account-codes: --at "2026-12-01" is not an ISO-8601 instant such as 2026-12-01T10:00:00Z (see account-codes simulate --help)',
    ],
    [
      [...GATED, '--ledger', ''],
      'account-codes: --ledger needs a file name (see account-codes simulate --help)',
    ],
    [
      ['unblock', 'examples/acme.json', '--ledger', 'x.json'],
      'account-codes: give one of --trunk ID, --caller ID (optionally with --trunk ID) or --all (see account-codes unblock --help)',
    ],
    [
      ['report', 'examples/acme.json'],
      'account-codes: missing --cdr CDR (see account-codes report --help)',
    ],
    [
      ['report', 'examples/acme.json', '--cdr', 'x.csv', '--by', 'client'],
      'account-codes: --by must be one of code, category, trunk; got "client" (see account-codes report --help)',
    ],
    [
      ['report', 'examples/acme.json', '--cdr', 'x.csv', '--format', 'xlsx'],
      'account-codes: --format must be one of table, csv, json; got "xlsx" (see account-codes report --help)',
    ],
    [
      ['report', 'examples/acme.json', '--cdr', 'x.csv', '--cdr-timezone', 'Mars/Base'],
      'account-codes: --cdr-timezone must be an IANA time zone such as America/New_York or UTC; got "Mars/Base" (see account-codes report --help)',
    ],
    [
      ['report', 'examples/acme.json', '--cdr', 'x.csv', '--from', 'yesterday'],
      'account-codes: --from must be an ISO 8601 time such as 2026-11-01, 2026-11-01T09:00 (in the --cdr-timezone) or 2026-11-01T14:00:00Z; got "yesterday" (see account-codes report --help)',
    ],
  ])('%j', async (argv, message) => {
    const run = await cli(argv);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(message);
  });
});

describe('--at: an ISO-8601 instant with a date, a time and a zone', () => {
  it.each([
    ['2026-12-01T10:00:00Z', Date.UTC(2026, 11, 1, 10)],
    ['2026-12-01T10:00Z', Date.UTC(2026, 11, 1, 10)],
    ['2026-12-01t10:00:00z', Date.UTC(2026, 11, 1, 10)],
    ['2026-12-01T10:00:00.5Z', Date.UTC(2026, 11, 1, 10, 0, 0, 500)],
    ['2026-12-01T10:00:00.123456789Z', Date.UTC(2026, 11, 1, 10, 0, 0, 123)],
    ['2026-12-01T15:30:00+05:30', Date.UTC(2026, 11, 1, 10)],
    ['2026-12-01T15:30:00+0530', Date.UTC(2026, 11, 1, 10)],
    ['2026-12-01T05:00:00-05:00', Date.UTC(2026, 11, 1, 10)],
  ])('accepts %s', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });

  it.each([
    '2026-12-01',
    '2026-12-01T10:00:00',
    'x2026-12-01T10:00:00Z',
    // An expanded year: Date.parse reads it, the CLI's shape does not.
    '+002026-12-01T10:00:00Z',
    '2026-12-01T10:00:00Zx',
    '2026-12-01T10:00:00.Z',
    '2026-12-01T10:00:00.1234567890Z',
    '2026-12-01T10:00:00 05:00',
    '2026-12-01T10:00:00+5:30',
    '2026-12-01T10:00:00+05:3',
    'yesterday',
  ])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});

describe('simulate without --keys', () => {
  it('off a terminal it prompts for nothing and plays no keys: the same as --keys ""', async () => {
    const without = await cli(GATED);
    expect(without.stdout).not.toContain('keys> ');
    expect(await cli([...GATED, '--keys', ''])).toEqual(without);
  });

  it('an unknown trunk for a gated call is one line on stderr, exit 1', async () => {
    const run = await cli([
      'simulate',
      'examples/acme.json',
      '--trunk',
      'nowhere',
      '--dial',
      INTERNATIONAL,
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain('unexpected error');
  });
});

describe('simulate on a terminal', () => {
  it('--keys wins over the terminal: no prompt', async () => {
    const run = await cli([...GATED, '--keys', '1234'], { typed: ['5555'] });
    expect(run.stdout).not.toContain('keys> ');
    expect(run.stdout).toMatch(/Outcome: connected, account code 1234/);
  });

  it('says how to type, and ends the prompt line at end of input', async () => {
    const run = await cli(GATED, { typed: [] });
    expect(run.stdout).toContain(
      'Type keys (0-9 * #), Enter to send; an empty line is a timeout, H hangs up, Ctrl-D stops.',
    );
    const lines = run.stdout.split('\n');
    expect(lines[lines.indexOf('keys> ') + 1]).toBe('');
  });

  it('a line of spaces is a timeout; spaces around keys are ignored', async () => {
    const run = await cli(GATED, { typed: ['   ', ' 1234 '] });
    expect(run.stdout).toContain('< (no key in time)');
    expect(run.stdout).not.toContain('is not a key');
    expect(run.stdout).toMatch(/Outcome: connected, account code 1234/);
  });

  it('keys typed after the call connected on the same line are not played', async () => {
    const run = await cli(GATED, { typed: ['12345'] });
    expect(run.stdout).toContain('< key 4');
    expect(run.stdout).not.toContain('< key 5');
  });
});

describe('report: reading the CDR', () => {
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

  it('a last line without a newline is read like the others', async () => {
    const text = readFileSync('examples/Master.csv', 'utf8');
    const withNewline = await cli([...BASE, '--format', 'json'], { files: { 'cdr.csv': text } });
    const without = await cli([...BASE, '--format', 'json'], {
      files: { 'cdr.csv': text.trimEnd() },
    });
    expect(withNewline.status).toBe(0);
    expect(without).toEqual(withNewline);
  });

  it('after 10 malformed lines nothing more is read, not even a last line without a newline', async () => {
    const bad = Array.from({ length: 11 }, () => '"1234","201"').join('\n');
    const run = await cli(BASE, { files: { 'cdr.csv': bad } });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(11);
  });
});

describe('the file ledger through the commands', () => {
  it('unblock with nothing to clear leaves no ledger file behind', async () => {
    const ledger = join(dir, `ledger-${files++}.json`);
    const run = await cli(['unblock', 'examples/acme.json', '--ledger', ledger, '--all']);
    expect(run.stdout).toBe('Nothing to unblock.');
    expect(existsSync(ledger)).toBe(false);
  });

  it('lockout --json lists a scope with failures but no lock with unlocksAt null', async () => {
    const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
    acme.account.settings.lockout = { maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 };
    const config = join(dir, `acme-${files++}.json`);
    writeFileSync(config, JSON.stringify(acme));
    const ledger = join(dir, `ledger-${files++}.json`);
    const at = ['--at', '2026-12-01T10:00:00Z'];
    await cli([
      'simulate',
      config,
      '--trunk',
      'hq',
      '--dial',
      INTERNATIONAL,
      '--keys',
      '9999',
      '--ledger',
      ledger,
      ...at,
    ]);
    const run = await cli(['lockout', config, '--ledger', ledger, '--json', ...at]);
    expect(JSON.parse(run.stdout).scopes).toEqual([
      expect.objectContaining({ locked: false, failures: 1, unlocksAt: null }),
    ]);
    expect(count(run.stdout, '"scope"')).toBe(1);
  });
});
