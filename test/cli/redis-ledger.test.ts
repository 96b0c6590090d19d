/**
 * Issue 11's "Done when" through the CLI with `--ledger redis://…`, in
 * process, against a real redis-server on a loopback port: lockout across
 * simulated calls and the administrator's side. The same through separate
 * processes is in redis-ledger-processes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { INTERNATIONAL, LOCKOUT, redisCliFixture } from '../support/redis-cli.js';

const { server, acmeWith } = redisCliFixture();

async function call(config: string, at: string, dial: string, keys: string) {
  const run = await cli([
    'simulate',
    config,
    '--trunk',
    'hq',
    '--dial',
    dial,
    '--keys',
    keys,
    '--json',
    '--ledger',
    server().url,
    '--at',
    at,
  ]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe('issue 11: lockout across calls on a redis:// ledger (docs/rules.md#lockout)', () => {
  it('locks on the 5th miss; the next international call is locked-out with 0 attempts; 911 and domestic connect; 31 minutes later a valid code connects', async () => {
    const { path } = acmeWith(LOCKOUT);
    const first = await call(path, '2026-12-01T10:00:00Z', INTERNATIONAL, '111122223333');
    expect(first.outcome).toMatchObject({ result: 'ended', attempts: 3 });
    expect(first.lockout).toMatchObject({ locked: false, failures: 3 });
    const second = await call(path, '2026-12-01T10:05:00Z', INTERNATIONAL, '44445555');
    expect(second.outcome).toMatchObject({ result: 'locked-out', attempts: 2 });
    expect(second.lockout).toMatchObject({
      locked: true,
      failures: 5,
      unlocksAt: '2026-12-01T10:35:00.000Z',
    });
    const locked = await call(path, '2026-12-01T10:06:00Z', INTERNATIONAL, '1234');
    expect(locked.outcome).toEqual({
      result: 'locked-out',
      accountCode: null,
      validated: false,
      attempts: 0,
    });
    for (const dial of ['911', '2125550147']) {
      const free = await call(path, '2026-12-01T10:07:00Z', dial, '');
      expect(free.outcome.result).toBe('not-required');
    }
    const later = await call(path, '2026-12-01T10:36:00Z', INTERNATIONAL, '1234');
    expect(later.outcome).toMatchObject({ result: 'connected', accountCode: '1234' });
  });

  it('lockout lists the locked trunk and unblock lets a valid code connect at once', async () => {
    const { path } = acmeWith(LOCKOUT);
    await call(path, '2026-12-01T10:00:00Z', INTERNATIONAL, '111122223333');
    await call(path, '2026-12-01T10:01:00Z', INTERNATIONAL, '44445555');
    const listed = await cli([
      'lockout',
      path,
      '--ledger',
      server().url,
      '--at',
      '2026-12-01T10:02:00Z',
      '--json',
    ]);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout).scopes).toEqual([
      {
        scope: 'trunk',
        trunk: 'hq',
        caller: null,
        locked: true,
        failures: 5,
        limit: 5,
        failuresToday: 5,
        dailyLimit: 30,
        reason: 'window',
        unlocksAt: '2026-12-01T10:31:00.000Z',
      },
    ]);
    const unblocked = await cli(['unblock', path, '--ledger', server().url, '--trunk', 'hq']);
    expect(unblocked.status).toBe(0);
    expect(unblocked.stdout.split('\n')[0]).toBe('Unblocked 1 scope:');
    const after = await call(path, '2026-12-01T10:03:00Z', INTERNATIONAL, '1234');
    expect(after.outcome).toMatchObject({ result: 'connected', accountCode: '1234' });
  });
});
