/**
 * Issue 11's "Done when" through `account-codes` processes with
 * `--ledger redis://…` on a real redis-server: an unreachable server (fail
 * closed, and the process still exits at once), and 20 concurrent `simulate`
 * processes sharing one ledger. Left out of mutation runs: a mutant is active
 * only in the test's own process.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { storedLedger } from '../redis/stored.js';
import { runCliProcess as run } from '../support/cli-process.js';
import { INTERNATIONAL, LOCKOUT, redisCliFixture } from '../support/redis-cli.js';
import { freePort } from '../support/redis-server.js';

const { server, acmeWith } = redisCliFixture();

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

describe('a redis:// ledger shared by concurrent processes (docs/rules.md#lockout)', () => {
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
          server().url,
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
    const client = new Redis(server().port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const stored = await storedLedger(client, id);
      const recorded = stored.scopes[`["${id}","trunk","hq",null]`]?.failures.length ?? 0;
      // Every miss a process was told of is on record (no update lost), and never more than the limit.
      expect(recorded).toBeGreaterThanOrEqual(misses);
      expect(recorded).toBeLessThanOrEqual(maxFailures);
    } finally {
      client.disconnect();
    }
  }, 120_000);

  it('20 simulate processes over a day record no more than maxFailuresPerDay misses between them', async () => {
    const maxFailuresPerDay = 12;
    // A one-minute window that never fills (each call alone in its minutes): only the daily budget binds.
    const { path, id } = acmeWith({
      maxFailures: 10,
      windowMinutes: 1,
      unlockAfterMinutes: 1,
      maxFailuresPerDay,
    });
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
          server().url,
          '--at',
          new Date(Date.parse('2026-12-01T10:00:00Z') + i * 37 * 60_000).toISOString(),
        ]),
      ),
    );
    let misses = 0;
    for (const done of runs) {
      expect(done.status).toBe(0);
      const json = JSON.parse(done.stdout);
      for (const item of json.transcript) {
        if (item.type === 'lookup-result' && item.valid === false) misses++;
      }
    }
    // 60 wrong codes over twelve hours, against a budget of 12 a day.
    expect(misses).toBeLessThanOrEqual(maxFailuresPerDay);
    const client = new Redis(server().port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const stored = await storedLedger(client, id);
      const entry = stored.scopes[`["${id}","trunk","hq",null]`];
      expect(entry?.failures.length).toBeGreaterThanOrEqual(misses);
      expect(entry?.failures.length).toBeLessThanOrEqual(maxFailuresPerDay);
      expect(entry?.dailyLock).not.toBeNull();
    } finally {
      client.disconnect();
    }
  }, 120_000);
});
