/**
 * Recovery (docs/rules.md#lockout): a ledger file that cannot be read fails
 * gated calls closed, and an administrator can always get out of it with
 * `unblock … --all --reset`, which empties it and says what it discarded.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-reset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function acme(): string {
  const json = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  json.account.id = 'acme';
  const path = join(dir, 'acme.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('unblock --all --reset', () => {
  it('without --reset a corrupt ledger is invalid-ledger, and the error names the option', async () => {
    const ledger = join(dir, 'corrupt-1.json');
    writeFileSync(ledger, '{"version":2,"scop');
    const run = await cli(['unblock', acme(), '--ledger', ledger, '--all']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /is not valid JSON: .* \[invalid-ledger\]; `unblock FILE --ledger LEDGER --all --reset` replaces it with an empty ledger and prints what it held$/,
    );
    expect(readFileSync(ledger, 'utf8')).toBe('{"version":2,"scop');
  });

  it('replaces an unreadable ledger with an empty one, prints what it discarded (exit 0), and calls go through again', async () => {
    const config = acme();
    const ledger = join(dir, 'corrupt-2.json');
    writeFileSync(ledger, '{"version":7,"scopes":{}}');
    const refused = await cli([
      'simulate',
      config,
      '--trunk',
      'hq',
      '--dial',
      '9011442079460958',
      '--keys',
      '1234',
      '--json',
      '--ledger',
      ledger,
    ]);
    expect(JSON.parse(refused.stdout).outcome.result).not.toBe('connected');
    const run = await cli(['unblock', config, '--ledger', ledger, '--all', '--reset']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        `Reset the ledger ${ledger}: it could not be read (${ledger}: version must be 1 (0.1.0's format) or 2; got 7).`,
        'Discarded 25 characters: "{\\"version\\":7,\\"scopes\\":{}}"',
        'Every scope is unblocked; counting starts again.',
      ].join('\n'),
    );
    expect(JSON.parse(readFileSync(ledger, 'utf8'))).toEqual({ version: 2, scopes: {} });
    const connected = await cli([
      'simulate',
      config,
      '--trunk',
      'hq',
      '--dial',
      '9011442079460958',
      '--keys',
      '1234',
      '--json',
      '--ledger',
      ledger,
    ]);
    expect(JSON.parse(connected.stdout).outcome).toMatchObject({
      result: 'connected',
      accountCode: '1234',
    });
  });

  it('on a readable ledger --reset is an ordinary unblock --all; it goes only with --all', async () => {
    const config = acme();
    const ledger = join(dir, 'fine.json');
    const run = await cli(['unblock', config, '--ledger', ledger, '--all', '--reset']);
    expect(run).toMatchObject({ status: 0, stdout: 'Nothing to unblock.' });
    const usage = await cli(['unblock', config, '--ledger', ledger, '--trunk', 'hq', '--reset']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--reset goes with --all/);
  });
});
