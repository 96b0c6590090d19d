/**
 * Edges of the CLI commands (docs/rules.md#the-config-file-and-the-cli), in-process: `check`'s summary when
 * codes are off or nothing is validated and its JSON for a file that is not
 * JSON; file errors in words; extra arguments; an unexpected failure in one
 * line; `simulate` of a call that needs no code (keys are ignored, nothing is
 * prompted) and a typed key that is not a key; `report` tables by category and
 * by trunk, a configuration it cannot load, a CDR read whole, and the limit on
 * malformed lines.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/cli/commands/check.js';
import type { CliIo } from '../../src/cli/io.js';
import { describeFsError } from '../../src/cli/load.js';
import { runCli } from '../../src/cli/run.js';
import { cli, REPORT_ON_ACME } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-command-edges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** examples/acme.json with `change` applied, as a file. */
function acmeWith(
  change: (acme: {
    account: { settings: Record<string, unknown> };
    trunks: Record<string, unknown>[];
  }) => void,
): string {
  const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  change(acme);
  const path = join(dir, `acme-${files++}.json`);
  writeFileSync(path, JSON.stringify(acme));
  return path;
}

/** A CliIo writing into arrays; `overrides` replace its parts. */
function memoryIo(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    color: false,
    stdinIsTTY: false,
    readLine: async () => undefined,
    now: () => Date.parse('2026-12-01T10:00:00Z'),
    newCallId: () => 'call-1',
    openLedger: async () => ({ ok: false, exit: 2, message: 'no ledger here' }),
    ...overrides,
  };
  return { io, out, err };
}

describe('check', () => {
  it('says "Account codes off" when account.settings.enabled is false', async () => {
    const file = acmeWith((acme) => {
      acme.account.settings.enabled = false;
    });
    const run = await cli(['check', file]);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(
      /: valid\. Account codes off; \d+ codes of 4 digits;/,
    );
  });

  it('says there is nothing to guess when no trunk validates codes', async () => {
    const file = acmeWith((acme) => {
      acme.account.settings.validateCodes = false;
      for (const trunk of acme.trunks) delete trunk.customSettings;
    });
    const run = await cli(['check', file]);
    expect(run.stdout.split('\n')[1]).toBe('Exposure: none to guess (no trunk validates codes).');
  });

  it('--json on a file that is not JSON: ok false, one invalid-json issue naming the file, exit 1', async () => {
    const run = await cli(['check', 'bad.json', '--json'], {
      files: { 'bad.json': '{ "account": ' },
    });
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid-json',
          path: [],
          message: expect.stringMatching(/^bad\.json is not valid JSON: .+/),
        },
      ],
      warnings: [],
      exposure: null,
    });
  });

  it('called without its json flag, check prints the text summary', () => {
    const { io, out } = memoryIo();
    expect(check(io, 'examples/acme.json')).toBe(0);
    expect(out[0]).toMatch(/^examples\/acme\.json: valid\. /);
  });

  it('a directory given as FILE is "it is a directory", exit 1', async () => {
    const run = await cli(['check', dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`account-codes: cannot read ${dir}: it is a directory`);
  });

  it('file errors are said in words: EACCES is "permission denied"; others keep their message', () => {
    expect(describeFsError({ code: 'EACCES' })).toBe('permission denied');
    expect(describeFsError({ code: 'EISDIR' })).toBe('it is a directory');
    expect(describeFsError(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))).toBe(
      'EIO: i/o error',
    );
  });
});

describe('the command line itself', () => {
  it('an extra positional argument is a usage error quoting it (exit 2)', async () => {
    const run = await cli(['check', 'examples/acme.json', 'extra.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'account-codes: unexpected argument "extra.json" (see account-codes check --help)',
    );
  });

  it('an unexpected failure is one line on stderr with exit 1, not a thrown error', async () => {
    const { io, err } = memoryIo({
      stdout: () => {
        throw new Error('stdout closed');
      },
    });
    expect(await runCli(['check', 'examples/acme.json'], io)).toBe(1);
    expect(err).toEqual(['account-codes: unexpected error: stdout closed']);
  });
});

describe('simulate: a dial string that cannot be dialed', () => {
  // A dial string that cannot be dialed: nothing is gated, the call is over at once.
  const base = ['simulate', 'examples/acme.json', '--trunk', 'hq', '--dial', 'abc'];

  it('ignores keys given with --keys: the printout is the same as without', async () => {
    const without = await cli(base);
    const withKeys = await cli([...base, '--keys', '1234#']);
    expect(withKeys).toEqual(without);
    expect(without.status).toBe(1);
    expect(without.stderr).toMatch(/^account-codes: --dial "abc": /);
  });

  it('prompts for nothing on a terminal: the call is already over', async () => {
    const run = await cli(base, { typed: ['1234'] });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('keys> ');
  });
});

describe('simulate on a terminal', () => {
  it('a typed letter that is not a key is named, and the call goes on', async () => {
    const run = await cli(
      ['simulate', 'examples/acme.json', '--trunk', 'hq', '--dial', '9011442079460958'],
      { typed: ['x', '1234'] },
    );
    expect(run.stdout).toContain('\n  "x" is not a key; keys are 0-9, *, #, T and H\n');
    expect(run.stdout).toMatch(/1234/);
  });
});

describe('report', () => {
  const BASE = REPORT_ON_ACME;

  it('--by category --format table is titled by code and category, with a code column', async () => {
    const run = await cli([...BASE, '--by', 'category']);
    expect(run.status).toBe(0);
    const [title, , heading] = run.stdout.split('\n');
    expect(title).toMatch(/^Calls by account code and call category, /);
    expect(heading?.split(/\s{2,}/)).toEqual([
      'category',
      'code',
      'name',
      'calls',
      'answered',
      'billable s',
      'h:mm:ss',
    ]);
  });

  it('--by trunk --format table is titled by trunk, with no name column', async () => {
    const run = await cli([...BASE, '--by', 'trunk']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Calls by trunk, /);
    expect(lines[2]?.split(/\s{2,}/).slice(1)).toEqual([
      'calls',
      'answered',
      'billable s',
      'h:mm:ss',
    ]);
    // Rows are keyed by trunk id; the table lists hq's calls by name.
    expect(lines.some((line) => /^hq\s/.test(line))).toBe(true);
  });

  it('by trunk, a call on no known channel is "(none)"; a tagged row is its bare trunk id', async () => {
    const good = readFileSync('examples/Master.csv', 'utf8').split('\n')[0] as string;
    // Another call like it (its own uniqueid: a repeated one counts once), untagged and with no channel to name its trunk.
    const untagged = good
      .replace(/^"1234"/, '""')
      .replace('"PJSIP/hq-00000001"', '""')
      .replace('"1793632503.1"', '"1793632503.99"');
    const run = await cli([...BASE.slice(0, 3), 'cdr.csv', ...BASE.slice(4), '--by', 'trunk'], {
      files: { 'cdr.csv': `${good}\n${untagged}\n` },
    });
    expect(run.status).toBe(0);
    const rows = run.stdout.split('\n').slice(4, 6);
    expect(rows.map((row) => row.split(/\s{2,}/)[0])).toEqual(['hq', '(none) (untagged)']);
  });

  it('a configuration it cannot load is reported and nothing is read (exit 1)', async () => {
    const run = await cli(['report', 'bad.json', '--cdr', 'examples/Master.csv'], {
      files: { 'bad.json': '[]' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(
      /^account-codes: bad\.json is not a valid configuration/,
    );
  });

  it('without chunked reading the CDR is read whole, with the same report', async () => {
    const chunked = await cli([...BASE, '--format', 'json']);
    const { io, out } = memoryIo();
    expect(await runCli([...BASE, '--format', 'json'], io)).toBe(0);
    expect(out.join('\n')).toBe(chunked.stdout);
    expect(JSON.parse(chunked.stdout).total.calls).toBeGreaterThan(0);
  });

  it('stops after 10 malformed lines and says so; nothing is reported', async () => {
    const bad = Array.from({ length: 12 }, () => '"1234","201"').join('\n');
    const run = await cli([...BASE.slice(0, 3), 'bad.csv'], { files: { 'bad.csv': `${bad}\n` } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe(
      'account-codes: bad.csv has malformed lines; stopped after 10; nothing was reported:',
    );
    expect(lines).toHaveLength(11);
  });

  it('a row the report refuses is named by its line number', async () => {
    // Two JSON lines of 2^52 s each: their total would pass 2^53 and round.
    const line = JSON.stringify({
      start: '2026-11-02T14:00:00Z',
      end: '2026-11-02T14:10:00Z',
      answered: true,
      billableSeconds: 2 ** 52,
      trunk: 'hq',
      dialed: '912125550123',
      caller: '201',
      gated: false,
      midCall: null,
      postCallTags: [],
    });
    const run = await cli([...BASE.slice(0, 3), 'big.jsonl', ...BASE.slice(4)], {
      files: { 'big.jsonl': `${line}\n${line}\n` },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      'account-codes: big.jsonl has malformed lines; nothing was reported:',
      expect.stringMatching(
        /^ {2}line 2: billableSeconds would add up to more than 9007199254740991/,
      ),
    ]);
  });

  it.each([
    [['--from', '2026-11-03T00:00:00Z'], 'calls from 2026-11-03T00:00:00.000Z to the end'],
    [['--to', '2026-11-03T00:00:00Z'], 'calls from the start to 2026-11-03T00:00:00.000Z'],
  ])('a range open at one end says so in the title: %j', async (range, words) => {
    const run = await cli([...BASE, ...range]);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      `Calls by account code, ${words}, as of 2026-12-01T09:00:00.000Z`,
    );
  });
});
