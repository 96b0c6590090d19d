/**
 * Issue 11's "Done when" through the CLI with `--ledger redis://…`, against a
 * real redis-server on a loopback port: lockout across simulated calls, the
 * administrator's side, an unreachable server (fail closed, and the process
 * still exits at once), and 20 concurrent `simulate` processes sharing one
 * ledger.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { runCliProcess as run } from '../support/cli-process.js';
import { freePort, type RedisServer, startRedisServer } from '../support/redis-server.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-redis-cli-'));
let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
}, 15_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** acme with its own account.id (so each test has a ledger of its own in one Redis) and `lockout`. */
function acmeWith(lockout: unknown): { path: string; id: string } {
  const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  const id = `acme-${files++}`;
  acme.account.id = id;
  acme.account.settings.lockout = lockout;
  const path = join(dir, `${id}.json`);
  writeFileSync(path, JSON.stringify(acme));
  return { path, id };
}

const INTERNATIONAL = '9011442079460958';
const LOCKOUT = { maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 };

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
    server.url,
    '--at',
    at,
  ]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe('issue 11: lockout across calls on a redis:// ledger (SPEC §9)', () => {
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
      server.url,
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
        unlocksAt: '2026-12-01T10:31:00.000Z',
      },
    ]);
    const unblocked = await cli(['unblock', path, '--ledger', server.url, '--trunk', 'hq']);
    expect(unblocked.status).toBe(0);
    expect(unblocked.stdout.split('\n')[0]).toBe('Unblocked 1 scope:');
    const after = await call(path, '2026-12-01T10:03:00Z', INTERNATIONAL, '1234');
    expect(after.outcome).toMatchObject({ result: 'connected', accountCode: '1234' });
  });
});

describe('an unreachable redis:// ledger fails closed', () => {
  it('ends the gated call ledger-unavailable (exit 1, saying why), connects 911, and the process exits promptly', async () => {
    const { path } = acmeWith(LOCKOUT);
    // A port nothing listens on.
    const url = `redis://127.0.0.1:${await freePort()}/0`;
    const gated = await run([
      'simulate',
      path,
      '--trunk',
      'hq',
      '--dial',
      INTERNATIONAL,
      '--keys',
      '1234',
      '--json',
      '--ledger',
      url,
    ]);
    expect(gated.status).toBe(1);
    expect(gated.stderr).toMatch(/\[ledger-unavailable\]/);
    const json = JSON.parse(gated.stdout);
    expect(json.outcome).toMatchObject({ result: 'ledger-unavailable', attempts: 0 });
    expect(json.transcript.some((i: { type: string }) => i.type === 'connect')).toBe(false);
    // Each operation answers within the store's 1 s; nothing keeps the process after that.
    expect(gated.ms).toBeLessThan(15_000);
    const emergency = await run([
      'simulate',
      path,
      '--trunk',
      'hq',
      '--dial',
      '911',
      '--ledger',
      url,
    ]);
    expect(emergency.status).toBe(0);
    expect(emergency.stdout).toMatch(/not-required|connect/i);
    const listed = await run(['lockout', path, '--ledger', url]);
    expect(listed.status).toBe(1);
    expect(listed.stderr).toMatch(/\[ledger-unavailable\]/);
  }, 60_000);
});

describe('a redis:// ledger shared by concurrent processes (SPEC §9)', () => {
  it('20 simulate processes keying wrong codes record no more than maxFailures misses between them', async () => {
    const maxFailures = 10;
    const { path, id } = acmeWith({ maxFailures, windowMinutes: 60, unlockAfterMinutes: 60 });
    // 20 calls × 3 wrong codes = 60 guesses against a limit of 10.
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run([
          'simulate',
          path,
          '--trunk',
          'hq',
          '--dial',
          INTERNATIONAL,
          '--json',
          '--keys',
          `${9000 + i}${8000 + i}${7000 + i}`,
          '--ledger',
          server.url,
          '--at',
          '2026-12-01T10:00:00Z',
        ]),
      ),
    );
    let misses = 0;
    const outcomes = new Set<string>();
    for (const done of runs) {
      expect(done.stderr).toBe('');
      expect(done.status).toBe(0);
      const json = JSON.parse(done.stdout);
      outcomes.add(json.outcome.result);
      for (const item of json.transcript) {
        if (item.type === 'lookup-result' && item.valid === false) misses++;
      }
    }
    // A process the busy machine slows past the store's timeout fails closed (ledger-unavailable).
    for (const outcome of outcomes)
      expect(['ended', 'locked-out', 'ledger-unavailable']).toContain(outcome);
    expect(outcomes.has('locked-out')).toBe(true);
    expect(misses).toBeLessThanOrEqual(maxFailures);
    const client = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const stored = JSON.parse((await client.get(`account-codes:lockout:${id}`)) ?? 'null');
      const recorded = stored.scopes[`["${id}","trunk","hq",null]`].failures.length;
      // Every miss a process was told of is on record (no update lost), and never more than the limit.
      expect(recorded).toBeGreaterThanOrEqual(misses);
      expect(recorded).toBeLessThanOrEqual(maxFailures);
    } finally {
      client.disconnect();
    }
  }, 120_000);
});
