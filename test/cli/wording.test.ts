/**
 * Counts in the CLI's words read as English at 1 and at 0: "after 1 miss",
 * "in under a minute", "the one attempt" (issue 28: "after 1 misses" and
 * "in about 0 minutes" were printed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const DIR = mkdtempSync(join(tmpdir(), 'account-codes-wording-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

type File = {
  account: Record<string, unknown> & { settings: Record<string, unknown> };
  trunks: Record<string, unknown>[];
};

/** examples/acme.json changed by `change`, as an in-memory file. */
function acme(change: (file: File) => void): Record<string, string> {
  const file = JSON.parse(readFileSync('examples/acme.json', 'utf8')) as File;
  change(file);
  return { 'acme.json': JSON.stringify(file) };
}

const AT = Date.parse('2026-12-01T10:00:00Z');
const call = (keys: string, ledger: string) => [
  'simulate',
  'acme.json',
  '--trunk',
  'hq',
  '--dial',
  '9011442079460958',
  '--keys',
  keys,
  '--ledger',
  join(DIR, ledger),
  '--at',
  '2026-12-01T10:00:00Z',
];

describe('the lockout alerts count misses in words', () => {
  it('a scope that locks at its first miss is "locked after 1 miss"', async () => {
    const files = acme((f) => {
      f.account.settings.lockout = { maxFailures: 1, windowMinutes: 60, unlockAfterMinutes: 60 };
    });
    const run = await cli(call('1111', 'one.json'), { files, now: () => AT });
    expect(run.stdout).toContain(
      'alert: trunk "hq" locked after 1 miss, until 2026-12-01T11:00:00.000Z',
    );
    expect(run.stdout).not.toMatch(/\b1 misses\b/);
  });

  it('a valid code after one miss is "after 1 miss in the window", after two "after 2 misses"', async () => {
    const files = acme((f) => {
      f.account.settings.lockout = { maxFailures: 5, windowMinutes: 60, unlockAfterMinutes: 60 };
    });
    const one = await cli(call('11111234', 'hit-1.json'), { files, now: () => AT });
    expect(one.stdout).toContain('a valid code on trunk "hq" after 1 miss in the window');
    const two = await cli(call('111122221234', 'hit-2.json'), { files, now: () => AT });
    expect(two.stdout).toContain('a valid code on trunk "hq" after 2 misses in the window');
  });
});

describe('check states a short exposure without "about 0 minutes"', () => {
  it('under half a minute reads "in under a minute"', async () => {
    // 3-digit codes, 500 of them, lockout off: about 2 guesses at 12 a minute.
    const files = acme((f) => {
      f.account.codeLength = 3;
      f.account.codes = Array.from({ length: 500 }, (_, i) => ({
        code: String(i * 2).padStart(3, '0'),
      }));
      f.account.settings.lockout = false;
    });
    const run = await cli(['check', 'acme.json'], { files });
    expect(run.stdout).toContain('Exposure: an attacker finds a valid code in under a minute: ');
    expect(run.stdout).not.toContain('0 minutes');
  });
});

describe('the bypass warning with a single attempt', () => {
  it('says "fails the one attempt", not "every one of the 1 attempts"', async () => {
    const files = acme((f) => {
      f.account.maxRetries = 1;
      f.account.settings.allowCallAfterMaxRetries = true;
    });
    const run = await cli(['check', 'acme.json'], { files });
    expect(`${run.stdout}\n${run.stderr}`).toContain(
      'so a caller who fails the one attempt still gets through',
    );
    expect(`${run.stdout}\n${run.stderr}`).not.toContain('1 attempts');
  });
});
