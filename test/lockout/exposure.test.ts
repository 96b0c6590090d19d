import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Config, exposureWarnings, lockoutExposure, parseConfig } from '../../src/index.js';
import { cli } from '../support/cli.js';

function acme(
  change: (file: {
    account: Record<string, unknown> & { settings: Record<string, unknown>; codes: unknown[] };
    trunks: Record<string, unknown>[];
  }) => void = () => {},
): Config {
  const file = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  change(file);
  const parsed = parseConfig(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

describe('lockoutExposure (docs/rules.md#lockout)', () => {
  it('acme with the defaults: 1,429 guesses at the daily budget, 30 a day on each of the 2 validating trunks, about 24 days', () => {
    const exposure = lockoutExposure(acme());
    expect(exposure).toMatchObject({
      basis: 'lockout',
      validatingTrunks: ['hq', 'legal'],
      parallelScopes: 2,
      guessesPerMinute: 60 / 1440,
      guessesPerDay: 60,
    });
    expect(exposure?.guessesNeeded).toBeCloseTo(10_001 / 7);
    expect(exposure?.days).toBeCloseTo(10_001 / 7 / 60);
    expect(exposure?.summary).toBe(
      'about 24 days: 1,429 guesses on average at 2.5 guesses an hour (30 a day on each of 2 trunks, the daily budget)',
    );
  });

  it('one validating trunk with the defaults and 4-digit codes: about 48 days at the daily budget (a week before it)', () => {
    const exposure = lockoutExposure(
      acme((f) => {
        (f.trunks[2] as Record<string, unknown>).accountCodesEnabled = false;
      }),
    );
    expect(Math.round(exposure?.days ?? 0)).toBe(48);
  });

  it('caller scope counts each trunk at its cap of 3 × maxFailures; account scope is one scope', () => {
    const caller = lockoutExposure(
      acme((f) => {
        f.account.settings.lockout = { scope: 'caller' };
      }),
    );
    expect(caller).toMatchObject({ parallelScopes: 2, guessesPerMinute: (2 * 90) / 1440 });
    const account = lockoutExposure(
      acme((f) => {
        f.account.settings.lockout = { scope: 'account' };
      }),
    );
    expect(account).toMatchObject({ parallelScopes: 1, guessesPerMinute: 30 / 1440 });
  });

  it('lockout off: 6 guesses a minute per validating trunk', () => {
    const exposure = lockoutExposure(
      acme((f) => {
        f.account.settings.lockout = false;
      }),
    );
    expect(exposure).toMatchObject({ basis: 'no-lockout', guessesPerMinute: 12 });
    expect(exposure?.minutes).toBeCloseTo(10_001 / 7 / 12);
  });

  it('allowCallAfterMaxRetries where codes are validated: zero', () => {
    const exposure = lockoutExposure(
      acme((f) => {
        f.account.settings.allowCallAfterMaxRetries = true;
      }),
    );
    expect(exposure).toMatchObject({
      basis: 'bypass-after-max-retries',
      minutes: 0,
      days: 0,
      guessesPerMinute: null,
    });
  });

  it('tracking mode: nothing to guess', () => {
    expect(
      lockoutExposure(
        acme((f) => {
          f.account.settings.validateCodes = false;
          (
            f.trunks[2] as { customSettings: Record<string, unknown> }
          ).customSettings.validateCodes = false;
        }),
      ),
    ).toBeNull();
  });

  it('warns under 30 days, and on weak codes: one digit, runs, the end of an own number', () => {
    const config = acme((f) => {
      f.account.codeLength = 4;
      f.account.codes = [
        { code: '7777' },
        { code: '4321' },
        { code: '0123' },
        { code: '0199' },
        { code: '5820' },
      ];
    });
    expect(exposureWarnings(config).map((w) => [w.code, w.path])).toEqual([
      ['short-exposure', ['account', 'settings', 'lockout']],
      ['weak-code', ['account', 'codes', 0, 'code']],
      ['weak-code', ['account', 'codes', 1, 'code']],
      ['weak-code', ['account', 'codes', 2, 'code']],
      ['weak-code', ['account', 'codes', 3, 'code']],
    ]);
    const strong = acme((f) => {
      f.account.codeLength = 7;
      f.account.codes = [{ code: '5820471' }];
      f.account.settings.lockout = { maxFailures: 3, windowMinutes: 120, unlockAfterMinutes: 120 };
    });
    expect(exposureWarnings(strong)).toEqual([]);
  });

  it('no trunk validating codes: no figure and no warnings, weak codes included', () => {
    const config = acme((f) => {
      for (const trunk of f.trunks) trunk.accountCodesEnabled = false;
    });
    expect(lockoutExposure(config)).toBeNull();
    expect(exposureWarnings(config)).toEqual([]);
    // The same codes warn once a trunk validates: the empty list above is not for want of weak codes.
    expect(exposureWarnings(acme()).map((w) => w.code)).toContain('weak-code');
  });
});

describe('account-codes check --json (docs/rules.md#lockout)', () => {
  it('prints { ok, issues, warnings, exposure } for a valid file', async () => {
    const run = await cli(['check', 'examples/acme.json', '--json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['ok', 'issues', 'warnings', 'exposure']);
    expect(json).toMatchObject({
      ok: true,
      issues: [],
      exposure: { basis: 'lockout', parallelScopes: 2 },
    });
    expect(json.warnings.map((w: { code: string }) => w.code)).toEqual([
      'required-types-without-validation',
      'short-exposure',
      'weak-code',
    ]);
    for (const w of json.warnings) expect(Object.keys(w)).toEqual(['code', 'path', 'message']);
  });

  it('lists every issue and exits 1 for an invalid file; unreadable files are issues too', async () => {
    const bad = await cli(['check', 'bad.json', '--json'], {
      files: { 'bad.json': '{"account":{"codeLength":9}}' },
    });
    expect(bad.status).toBe(1);
    const json = JSON.parse(bad.stdout);
    expect(json).toMatchObject({ ok: false, warnings: [], exposure: null });
    expect(json.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
      ['account', 'codeLength'],
      ['account', 'maxRetries'],
    ]);
    const missing = await cli(['check', 'nope.json', '--json']);
    expect(JSON.parse(missing.stdout).issues[0].code).toBe('unreadable-file');
  });

  it('states the exposure in words without --json', async () => {
    const run = await cli(['check', 'examples/acme.json']);
    expect(run.stdout).toContain('Exposure: an attacker finds a valid code in about 24 days');
    expect(run.stdout).toContain('[short-exposure]');
  });
});
