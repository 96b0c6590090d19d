/**
 * `unblock … --all --reset` on a `redis://` ledger that cannot be read
 * (docs/rules.md#lockout, "Recovery"): a foreign value where the account's
 * ledger lives fails closed, and the administrator can always get out of it.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { LOCKOUT, redisCliFixture } from '../support/redis-cli.js';

const { server, acmeWith } = redisCliFixture();

async function plant(key: string, value: string): Promise<void> {
  const client = new Redis(server().port, '127.0.0.1');
  try {
    await client.set(key, value);
  } finally {
    client.disconnect();
  }
}

describe('unblock --all --reset on a redis:// ledger', () => {
  it('a corrupt ledger is invalid-ledger and the error names --reset; with it, it is emptied and what it held is printed', async () => {
    const { path, id } = acmeWith(LOCKOUT);
    await plant(`account-codes:lockout:${id}`, 'not a ledger');
    const refused = await cli(['unblock', path, '--ledger', server().url, '--all']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /\[invalid-ledger\]; `unblock FILE --ledger LEDGER --all --reset`/,
    );

    const reset = await cli(['unblock', path, '--ledger', server().url, '--all', '--reset']);
    expect(reset.stderr).toBe('');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain(`Reset the ledger ${server().url}`);
    expect(reset.stdout).toContain('not a ledger');

    const listed = await cli(['lockout', path, '--ledger', server().url, '--json']);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ scopes: [] });
  });

  it('--reset on a readable ledger is an ordinary unblock --all', async () => {
    const { path } = acmeWith(LOCKOUT);
    const run = await cli(['unblock', path, '--ledger', server().url, '--all', '--reset']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('Nothing to unblock.');
  });
});
