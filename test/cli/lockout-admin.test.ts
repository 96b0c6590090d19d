/**
 * The administrator's commands of docs/rules.md#lockout, in-process: `lockout` (list) and
 * `unblock`, their usage errors, a ledger they cannot use, lockout off, a
 * lock only an administrator lifts, and `unblock --caller` with and without
 * `--trunk`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-lockout-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function acmeWith(lockout: unknown): string {
  const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  acme.account.id = 'acme';
  acme.account.settings.lockout = lockout;
  const path = join(dir, `acme-${files++}.json`);
  writeFileSync(path, JSON.stringify(acme));
  return path;
}

function freshLedger(): string {
  return join(dir, `ledger-${files++}.json`);
}

const AT = '2026-12-01T10:00:00Z';
const INTERNATIONAL = '9011442079460958';

/** Five wrong codes on trunk hq (from `caller`, if given) at AT: two calls, as hq allows 3 tries. */
async function miss5(config: string, ledger: string, caller?: string): Promise<void> {
  for (const keys of ['111122223333', '44445555']) {
    const run = await cli([
      'simulate',
      config,
      '--trunk',
      'hq',
      '--dial',
      INTERNATIONAL,
      '--keys',
      keys,
      '--json',
      '--ledger',
      ledger,
      '--at',
      AT,
      ...(caller === undefined ? [] : ['--caller', caller]),
    ]);
    expect(run.stderr).toBe('');
  }
}

describe('lockout and unblock: usage errors (exit 2)', () => {
  it.each([
    ['lockout', ['lockout', 'examples/acme.json']],
    ['unblock', ['unblock', 'examples/acme.json', '--all']],
  ])('%s without --ledger names the missing option and its help', async (command, argv) => {
    const run = await cli(argv);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `account-codes: missing --ledger LEDGER (see account-codes ${command} --help)`,
    );
  });

  it('lockout --at that is not an instant quotes it and shows the expected shape', async () => {
    const run = await cli([
      'lockout',
      'examples/acme.json',
      '--ledger',
      freshLedger(),
      '--at',
      'noon',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'account-codes: --at "noon" is not an ISO-8601 instant such as 2026-12-01T10:00:00Z (see account-codes lockout --help)',
    );
  });

  it('unblock --caller that is not an extension or number quotes it', async () => {
    const run = await cli([
      'unblock',
      'examples/acme.json',
      '--ledger',
      freshLedger(),
      '--caller',
      'bob',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'account-codes: --caller "bob" is not an extension or number (see account-codes unblock --help)',
    );
  });
});

describe('a ledger the commands cannot use (exit 1)', () => {
  it.each([
    ['lockout', []],
    ['unblock', ['--all']],
  ])(
    '%s on a file that is not a ledger reports it in one line with its code',
    async (command, extra) => {
      const ledger = freshLedger();
      writeFileSync(ledger, '{"version": 9}');
      const run = await cli([command, acmeWith(false), '--ledger', ledger, ...extra]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      // unblock names the way out: --all --reset (test/cli/unblock-reset.test.ts).
      expect(run.stderr).toMatch(
        /^account-codes: .*ledger-\d+\.json: .+ \[invalid-ledger\](; `unblock FILE --ledger LEDGER --all --reset` replaces it with an empty ledger and prints what it held)?$/,
      );
    },
  );
});

describe('lockout: listing', () => {
  it('with lockout off and an empty ledger it says both', async () => {
    const run = await cli(['lockout', acmeWith(false), '--ledger', freshLedger()]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'Lockout is off (account.settings.lockout is false).\nNo scope has failures or a lock.',
    );
  });

  it('with lockout on and an empty ledger it says only that nothing is on record', async () => {
    const config = acmeWith({ maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 });
    const run = await cli(['lockout', config, '--ledger', freshLedger()]);
    expect(run.stdout).toBe('No scope has failures or a lock.');
  });

  it('a lock with unlockAfterMinutes null lasts until an administrator unblocks it', async () => {
    const config = acmeWith({ maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: null });
    const ledger = freshLedger();
    await miss5(config, ledger);
    const run = await cli(['lockout', config, '--ledger', ledger, '--at', '2026-12-01T10:02:00Z']);
    expect(run.stdout).toBe(
      'trunk "hq": 5 of 5 failures in the window, 5 of 30 in 24 hours, locked until an administrator unblocks it',
    );
  });
});

describe('unblock', () => {
  it('nothing on record: says so, exit 0', async () => {
    const run = await cli(['unblock', acmeWith(false), '--ledger', freshLedger(), '--all']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('Nothing to unblock.');
  });

  describe('--caller, with scope caller', () => {
    const lockout = { maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30, scope: 'caller' };

    it('clears the caller on every trunk when --trunk is not given', async () => {
      const config = acmeWith(lockout);
      const ledger = freshLedger();
      await miss5(config, ledger, '201');
      const run = await cli(['unblock', config, '--ledger', ledger, '--caller', '(201)']);
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n')).toEqual([
        'Unblocked 1 scope:',
        // unblock runs on the real clock, long after AT: the window is empty by now.
        '  caller 201 on trunk "hq": 0 of 5 failures in the window, 0 of 30 in 24 hours, not locked',
      ]);
      const after = await cli(['lockout', config, '--ledger', ledger, '--at', AT]);
      // The trunk's own key (3 × maxFailures under scope caller) is not the caller's.
      expect(after.stdout).toBe(
        'trunk "hq": 5 of 15 failures in the window, 5 of 90 in 24 hours, not locked',
      );
    });

    it('with --trunk clears it only on that trunk', async () => {
      const config = acmeWith(lockout);
      const ledger = freshLedger();
      await miss5(config, ledger, '201');
      const elsewhere = await cli([
        'unblock',
        config,
        '--ledger',
        ledger,
        '--caller',
        '201',
        '--trunk',
        'branch',
      ]);
      expect(elsewhere.status).toBe(0);
      expect(elsewhere.stdout).toBe('Nothing to unblock.');
      const here = await cli([
        'unblock',
        config,
        '--ledger',
        ledger,
        '--caller',
        '201',
        '--trunk',
        'hq',
      ]);
      expect(here.stdout.split('\n')[0]).toBe('Unblocked 1 scope:');
    });
  });
});
