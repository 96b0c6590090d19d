/**
 * `lockout` and `unblock` (docs/rules.md#lockout) before they reach a ledger: a
 * configuration they cannot read, and an empty `--ledger`, which is bad usage
 * pointing at the command's own help.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('lockout and unblock before the ledger', () => {
  it.each([
    ['lockout', []],
    ['unblock', ['--all']],
  ])(
    '%s on a configuration it cannot read reports it in one line, exit 1',
    async (command, extra) => {
      const run = await cli([command, 'no/such.json', '--ledger', 'ledger.json', ...extra]);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('account-codes: cannot read no/such.json: no such file');
    },
  );

  it.each([
    ['lockout', []],
    ['unblock', ['--all']],
  ])('%s --ledger "" is bad usage pointing at its help, exit 2', async (command, extra) => {
    const run = await cli([command, 'examples/acme.json', '--ledger', '', ...extra]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `account-codes: --ledger needs a file name (see account-codes ${command} --help)`,
    );
  });
});
