/**
 * docs/rules.md#lockout and issue 11: 20 `simulate` processes share one ledger file, each
 * keying wrong codes at once. The lock file serialises their changes: every
 * admitted look-up is recorded (no update lost) and the misses recorded never
 * exceed maxFailures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess as simulate } from '../support/cli-process.js';

const PROCESSES = 20;
const dir = mkdtempSync(join(tmpdir(), 'account-codes-concurrency-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a file ledger shared by concurrent processes (docs/rules.md#lockout)', () => {
  it(`${PROCESSES} processes keying wrong codes lose no update and record no more than maxFailures misses`, async () => {
    // 20 calls × 3 wrong codes = 60 guesses against a limit of 50: the limit is
    // reached under contention, and every admitted guess must be on record.
    const maxFailures = 50;
    const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
    acme.account.settings.lockout = {
      maxFailures,
      windowMinutes: 60,
      unlockAfterMinutes: 60,
      maxFailuresPerDay: 1000,
    };
    const config = join(dir, 'acme.json');
    writeFileSync(config, JSON.stringify(acme));
    const ledger = join(dir, 'ledger.json');
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) =>
        simulate([
          'simulate',
          config,
          '--trunk',
          'hq',
          '--dial',
          '9011442079460958',
          '--json',
          '--keys',
          `${9000 + i}${8000 + i}${7000 + i}`,
          '--ledger',
          ledger,
          '--at',
          '2026-12-01T10:00:00Z',
        ]),
      ),
    );
    let lookedUp = 0;
    let locks = 0;
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const json = JSON.parse(run.stdout);
      expect(['ended', 'locked-out']).toContain(json.outcome.result);
      for (const item of json.transcript) {
        if (item.type === 'lookup-result') lookedUp++;
        if (item.type === 'scope-locked') locks++;
      }
    }
    const stored = JSON.parse(readFileSync(ledger, 'utf8'));
    const entry = stored.scopes['[null,"trunk","hq",null]'];
    expect(entry.failures).toHaveLength(lookedUp);
    expect(lookedUp).toBe(maxFailures);
    expect(entry.failures.every((f: { settled: boolean }) => f.settled)).toBe(true);
    expect(locks).toBe(1);
    expect(entry.lock).not.toBeNull();
  }, 120_000);

  it(`${PROCESSES} processes over half a day record no more than maxFailuresPerDay misses between them`, async () => {
    const maxFailuresPerDay = 12;
    // A one-minute window that never fills (each call alone in its minutes): only the daily budget binds.
    const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
    acme.account.settings.lockout = {
      maxFailures: 10,
      windowMinutes: 1,
      unlockAfterMinutes: 1,
      maxFailuresPerDay,
    };
    const config = join(dir, 'acme-daily.json');
    writeFileSync(config, JSON.stringify(acme));
    const ledger = join(dir, 'ledger-daily.json');
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) =>
        simulate([
          'simulate',
          config,
          '--trunk',
          'hq',
          '--dial',
          '9011442079460958',
          '--json',
          '--keys',
          `${9000 + i}${8000 + i}${7000 + i}`,
          '--ledger',
          ledger,
          '--at',
          new Date(Date.parse('2026-12-01T10:00:00Z') + i * 37 * 60_000).toISOString(),
        ]),
      ),
    );
    let misses = 0;
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      for (const item of JSON.parse(run.stdout).transcript) {
        if (item.type === 'lookup-result' && item.valid === false) misses++;
      }
    }
    // 60 wrong codes over twelve hours, against a budget of 12 a day.
    expect(misses).toBeGreaterThan(0);
    expect(misses).toBeLessThanOrEqual(maxFailuresPerDay);
    const entry = JSON.parse(readFileSync(ledger, 'utf8')).scopes['[null,"trunk","hq",null]'];
    // Every miss a process was told of is on record (no update lost), and never more than the budget.
    expect(entry.failures.length).toBeGreaterThanOrEqual(misses);
    expect(entry.failures.length).toBeLessThanOrEqual(maxFailuresPerDay);
    expect(entry.dailyLock).not.toBeNull();
  }, 120_000);
});
