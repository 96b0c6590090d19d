/**
 * The daily budget through the CLI (docs/rules.md#lockout), with a real ledger
 * file and `--at`: the paced attacker who keeps one miss under maxFailures in
 * every window is admitted exactly maxFailuresPerDay (30 at the defaults) in
 * any 24 hours, then plays locked-out; `lockout --json` shows the scope locked
 * until its oldest miss ages out; `unblock --all` clears it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-daily-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const INTERNATIONAL = '9011442079460958';
const iso = (ms: number) => new Date(ms).toISOString();

/** examples/acme.json with an account id and the default lockout. */
function acme(): string {
  const json = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  json.account.id = 'acme';
  const path = join(dir, 'acme.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

async function run(argv: readonly string[]) {
  const done = await cli(argv);
  expect(done.stderr).toBe('');
  expect(done.status).toBe(0);
  return JSON.parse(done.stdout);
}

describe('the daily budget through the CLI, with a file ledger and --at', () => {
  it('a paced attacker on one trunk is admitted exactly 30 misses in any 24 hours, then plays locked-out; lockout shows it; unblock --all clears it', async () => {
    const config = acme();
    /** Three calls of three wrong codes each hour: 9 misses, one under maxFailures (10) in every window. */
    const pace = async (ledger: string, hours: number) => {
      const misses: number[] = [];
      const outcomes: { at: number; result: string }[] = [];
      for (let hour = 0; hour < hours; hour++) {
        for (let call = 0; call < 3; call++) {
          const at = T0 + hour * HOUR + call * 60_000;
          const json = await run([
            'simulate',
            config,
            '--trunk',
            'hq',
            '--dial',
            INTERNATIONAL,
            '--keys',
            '987198729873',
            '--json',
            '--ledger',
            ledger,
            '--at',
            iso(at),
          ]);
          for (const item of json.transcript) {
            if (item.type === 'lookup-result' && item.valid === false) misses.push(at);
          }
          outcomes.push({ at, result: json.outcome.result });
        }
      }
      return { misses, outcomes };
    };
    const { misses, outcomes } = await pace(join(dir, 'paced.json'), 27);
    // Never more than 30 in any 24 hours; exactly 30 in the first.
    for (const start of misses) {
      expect(misses.filter((t) => t >= start && t < start + 24 * HOUR).length).toBeLessThanOrEqual(
        30,
      );
    }
    expect(misses.filter((t) => t < T0 + 24 * HOUR)).toHaveLength(30);
    // The 30th miss came in hour 3's first call (which then plays locked-out, as does every later call that day).
    expect(outcomes.find((o) => o.at === T0 + 3 * HOUR)?.result).toBe('locked-out');
    expect(outcomes.filter((o) => o.at < T0 + 24 * HOUR && o.result === 'locked-out')).toHaveLength(
      3 * 24 - 9,
    );

    const ledger = join(dir, 'ledger.json');
    await pace(ledger, 5);
    // Back at hour 5: locked by the daily budget until the oldest miss (at T0) is 24 hours old.
    const listed = await run([
      'lockout',
      config,
      '--ledger',
      ledger,
      '--json',
      '--at',
      iso(T0 + 5 * HOUR),
    ]);
    expect(listed.scopes).toEqual([
      {
        scope: 'trunk',
        trunk: 'hq',
        caller: null,
        locked: true,
        failures: 0,
        limit: 10,
        failuresToday: 30,
        dailyLimit: 30,
        reason: 'daily',
        unlocksAt: iso(T0 + 24 * HOUR),
      },
    ]);
    const simulated = await run([
      'simulate',
      config,
      '--trunk',
      'hq',
      '--dial',
      INTERNATIONAL,
      '--keys',
      '1234',
      '--json',
      '--ledger',
      ledger,
      '--at',
      iso(T0 + 5 * HOUR),
    ]);
    expect(simulated.outcome.result).toBe('locked-out');
    expect(simulated.lockout).toMatchObject({ locked: true, failuresToday: 30, reason: 'daily' });

    // unblock has no --at: the store's clock is the terminal's.
    const cleared = await cli(['unblock', config, '--ledger', ledger, '--all'], {
      now: () => T0 + 5 * HOUR,
    });
    expect(cleared.status).toBe(0);
    expect(cleared.stdout).toBe(
      'Unblocked 1 scope:\n  trunk "hq": 0 of 10 failures in the window, 30 of 30 in 24 hours, locked until 2026-12-02T00:00:00.000Z (daily budget)',
    );
    const after = await run([
      'lockout',
      config,
      '--ledger',
      ledger,
      '--json',
      '--at',
      iso(T0 + 5 * HOUR),
    ]);
    expect(after.scopes).toEqual([]);
    const valid = await run([
      'simulate',
      config,
      '--trunk',
      'hq',
      '--dial',
      INTERNATIONAL,
      '--keys',
      '1234',
      '--json',
      '--ledger',
      ledger,
      '--at',
      iso(T0 + 5 * HOUR),
    ]);
    expect(valid.outcome).toMatchObject({ result: 'connected', accountCode: '1234' });
  }, 120_000);
});
