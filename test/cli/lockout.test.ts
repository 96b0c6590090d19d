/**
 * Issue 11's "Done when" scenarios through the CLI, with a real ledger file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-lockout-'));
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

async function call(
  config: string,
  ledger: string,
  at: string,
  dial: string,
  keys: string,
  extra: readonly string[] = [],
) {
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
    ledger,
    '--at',
    at,
    ...extra,
  ]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const INTERNATIONAL = '9011442079460958';
const LOCKOUT = { maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 };

describe('issue 11: the mid-call oracle is bounded (docs/rules.md#mid-call-tagging)', () => {
  it('the *50… sequence performs at most 3 look-ups on acme hq, and a valid code after the budget is not taken', async () => {
    const run = await cli([
      'simulate',
      'examples/acme.json',
      '--trunk',
      'hq',
      '--dial',
      '2125550147',
      '--json',
      '--keys',
      '*50120012021204*50120612081210*501234',
    ]);
    const json = JSON.parse(run.stdout);
    const lookups = json.transcript.filter((item: { type: string }) => item.type === 'lookup');
    expect(lookups.map((l: { code: string }) => l.code)).toEqual(['1200', '1202', '1204']);
    expect(json.outcome).toMatchObject({ result: 'not-required', accountCode: null });
    // The third miss, then each later *50, plays max-retries and takes nothing.
    const prompts = json.transcript.filter((i: { type: string }) => i.type === 'play');
    expect(prompts.filter((p: { prompt: string }) => p.prompt === 'max-retries')).toHaveLength(3);
    expect(json.transcript.some((i: { type: string }) => i.type === 'tag')).toBe(false);
  });
});

describe('issue 11: lockout across calls with a file ledger (docs/rules.md#lockout)', () => {
  it('locks the trunk on the 5th miss; 911 and domestic calls still connect; 31 minutes later a valid code connects', async () => {
    const config = acmeWith(LOCKOUT);
    const ledger = freshLedger();
    const first = await call(config, ledger, '2026-12-01T10:00:00Z', INTERNATIONAL, '111122223333');
    expect(first.outcome).toMatchObject({ result: 'ended', attempts: 3 });
    expect(first.lockout).toEqual({
      scope: 'trunk',
      trunk: 'hq',
      caller: null,
      locked: false,
      failures: 3,
      failuresToday: 3,
      reason: null,
      unlocksAt: null,
    });

    const second = await call(config, ledger, '2026-12-01T10:05:00Z', INTERNATIONAL, '44445555');
    expect(second.outcome).toMatchObject({ result: 'locked-out', attempts: 2 });
    expect(second.lockout).toMatchObject({
      locked: true,
      failures: 5,
      unlocksAt: '2026-12-01T10:35:00.000Z',
    });
    expect(
      second.transcript.filter((i: { type: string }) => i.type === 'scope-locked'),
    ).toHaveLength(1);
    expect(second.transcript.slice(-2)).toEqual([
      { type: 'play', prompt: 'locked-out' },
      { type: 'end', reason: 'locked-out' },
    ]);

    const locked = await call(config, ledger, '2026-12-01T10:06:00Z', INTERNATIONAL, '1234');
    expect(locked.outcome).toEqual({
      result: 'locked-out',
      accountCode: null,
      validated: false,
      attempts: 0,
    });
    expect(locked.transcript.filter((i: { type: string }) => i.type === 'lookup')).toEqual([]);

    for (const dial of ['911', '2125550147']) {
      const free = await call(config, ledger, '2026-12-01T10:07:00Z', dial, '');
      expect(free.outcome.result).toBe('not-required');
      expect(free.transcript[0]).toEqual({ type: 'connect', accountCode: null, validated: false });
    }

    const later = await call(config, ledger, '2026-12-01T10:36:00Z', INTERNATIONAL, '1234');
    expect(later.outcome).toMatchObject({ result: 'connected', accountCode: '1234' });
    expect(later.lockout).toMatchObject({ locked: false, failures: 0 });
  });

  it('an administrator unblock lets a valid code connect again at once', async () => {
    const config = acmeWith(LOCKOUT);
    const ledger = freshLedger();
    await call(config, ledger, '2026-12-01T10:00:00Z', INTERNATIONAL, '111122223333');
    await call(config, ledger, '2026-12-01T10:01:00Z', INTERNATIONAL, '44445555');
    const listed = await cli([
      'lockout',
      config,
      '--ledger',
      ledger,
      '--at',
      '2026-12-01T10:02:00Z',
      '--json',
    ]);
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
    const text = await cli(['lockout', config, '--ledger', ledger, '--at', '2026-12-01T10:02:00Z']);
    expect(text.stdout).toBe(
      'trunk "hq": 5 of 5 failures in the window, 5 of 30 in 24 hours, locked until 2026-12-01T10:31:00.000Z',
    );
    const unblocked = await cli(['unblock', config, '--ledger', ledger, '--trunk', 'hq']);
    expect(unblocked.status).toBe(0);
    expect(unblocked.stdout.split('\n')[0]).toBe('Unblocked 1 scope:');
    const after = await call(config, ledger, '2026-12-01T10:03:00Z', INTERNATIONAL, '1234');
    expect(after.outcome).toMatchObject({ result: 'connected', accountCode: '1234' });
  });

  it('with scope caller, one caller locked leaves another caller on the trunk alone', async () => {
    const config = acmeWith({ ...LOCKOUT, scope: 'caller' });
    const ledger = freshLedger();
    const at = '2026-12-01T10:00:00Z';
    await call(config, ledger, at, INTERNATIONAL, '111122223333', ['--caller', '201']);
    const locking = await call(config, ledger, at, INTERNATIONAL, '44445555', ['--caller', '201']);
    expect(locking.outcome.result).toBe('locked-out');
    expect(locking.lockout).toMatchObject({
      scope: 'caller',
      trunk: 'hq',
      caller: '201',
      locked: true,
    });
    const other = await call(config, ledger, at, INTERNATIONAL, '1234', ['--caller', '202']);
    expect(other.outcome).toMatchObject({ result: 'connected', accountCode: '1234' });
    const again = await call(config, ledger, at, INTERNATIONAL, '1234', ['--caller', '(201)']);
    expect(again.outcome).toMatchObject({ result: 'locked-out', attempts: 0 });
  });

  it('a missing ledger file is an empty ledger, written back as JSON', async () => {
    const config = acmeWith(LOCKOUT);
    const ledger = freshLedger();
    await call(config, ledger, '2026-12-01T10:00:00Z', INTERNATIONAL, '1111');
    const stored = JSON.parse(readFileSync(ledger, 'utf8'));
    expect(stored.version).toBe(2);
    expect(Object.keys(stored.scopes)).toEqual(['["acme","trunk","hq",null]']);
  });

  it('a ledger file that is not a ledger fails closed: the gated call ends ledger-unavailable', async () => {
    const config = acmeWith(LOCKOUT);
    const ledger = freshLedger();
    writeFileSync(ledger, '{"version": 9}');
    // The call is printed, and the ledger's failure is reported: exit 1 (issue 17).
    const run = await cli([
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
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^account-codes: .*ledger-\d+\.json: .*\[invalid-ledger\]$/);
    expect(JSON.parse(run.stdout).outcome).toMatchObject({
      result: 'ledger-unavailable',
      attempts: 0,
    });
    const free = await call(config, ledger, '2026-12-01T10:00:00Z', '911', '');
    expect(free.outcome.result).toBe('not-required');
  });

  it.each([
    [['--at', 'yesterday'], /--at "yesterday" is not an ISO-8601 instant/],
    [['--caller', 'alice'], /--caller "alice" must be an extension or number/],
    [['--ledger', 'redis://127.0.0.1:6379/x'], /the database is not 0-15.*\[invalid-ledger-url\]/],
  ])('usage errors exit 2: %j', async (extra, message) => {
    const run = await cli([
      'simulate',
      'examples/acme.json',
      '--trunk',
      'hq',
      '--dial',
      '911',
      ...extra,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('unblock needs exactly one target', async () => {
    const run = await cli([
      'unblock',
      'examples/acme.json',
      '--ledger',
      freshLedger(),
      '--all',
      '--trunk',
      'hq',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/give one of --trunk ID, --caller ID/);
  });
});

describe('a shared ledger (docs/rules.md#lockout: account-id-required)', () => {
  it('refuses a redis:// ledger for a file without account.id, naming the rule: exit 1, before connecting', async () => {
    // Port 1 on loopback: nothing is ever asked there, the check comes first.
    for (const command of [
      ['simulate', 'examples/acme.json', '--trunk', 'hq', '--dial', '911'],
      ['lockout', 'examples/acme.json'],
      ['unblock', 'examples/acme.json', '--all'],
    ]) {
      const run = await cli([...command, '--ledger', 'redis://127.0.0.1:1/0']);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/account\.id .*is required.*\[account-id-required\]/);
    }
  });

  it('a malformed redis:// URL is a usage error (exit 2) that names the allowed shape', async () => {
    const config = acmeWith(LOCKOUT);
    for (const url of ['redis://127.0.0.1:6379/16', 'redis://127.0.0.1:99999', 'redis://:pw@/0']) {
      const run = await cli(['lockout', config, '--ledger', url]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/redis:\/\/host\[:port\]\[\/db\].*\[invalid-ledger-url\]/);
      expect(run.stderr).not.toMatch(/pw/);
    }
  });
});
