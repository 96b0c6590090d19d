/**
 * docs/rules.md#lockout's exposure in words, as `check` prints it: the duration in the
 * largest unit that still reads well (minutes under 2 hours, hours under 2
 * days, days under 2 years, then years), the rate per minute from 60 an hour
 * and per hour (three figures) below, and where the guesses go.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Config, exposureWarnings, lockoutExposure, parseConfig } from '../../src/index.js';

type File = {
  account: Record<string, unknown> & { settings: Record<string, unknown> };
  trunks: Record<string, unknown>[];
};

function acme(change: (file: File) => void = () => {}): Config {
  const file = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  change(file);
  const parsed = parseConfig(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

const summary = (change: (file: File) => void) => lockoutExposure(acme(change))?.summary;

describe('lockoutExposure in words', () => {
  it('under 2 hours in minutes; lockout off is 6 a minute on each trunk', () => {
    expect(
      summary((f) => {
        f.account.settings.lockout = false;
      }),
    ).toBe(
      'about 119 minutes: 1,429 guesses on average at 12 guesses a minute (6 guesses a minute on each of 2 trunks, lockout off)',
    );
  });

  it('exactly 2 hours is 2 hours', () => {
    // 1,001 / 11 = 91 guesses at 91 per 120 minutes on the account: 120 minutes.
    expect(
      summary((f) => {
        f.account.codeLength = 3;
        f.account.codes = Array.from({ length: 10 }, (_, i) => ({ code: `${580 + i * 7}` }));
        f.account.settings.lockout = {
          scope: 'account',
          maxFailures: 91,
          windowMinutes: 120,
          unlockAfterMinutes: 120,
          maxFailuresPerDay: 1000,
        };
      }),
    ).toMatch(/^about 2 hours: 91 guesses on average at /);
  });

  it('under 2 days in hours, at 60 or more an hour in guesses a minute', () => {
    expect(
      summary((f) => {
        f.account.settings.lockout = { maxFailures: 100, maxFailuresPerDay: 1000 };
      }),
    ).toBe(
      'about 17 hours: 1,429 guesses on average at 1 guess a minute (1000 a day on each of 2 trunks, the daily budget)',
    );
  });

  it('caller scope counts the trunk cap of 3 × maxFailures, and says so', () => {
    const words = summary((f) => {
      f.account.settings.lockout = { scope: 'caller', maxFailuresPerDay: 1000 };
    });
    // 60 an hour exactly is stated per minute.
    expect(words).toMatch(/^about 24 hours: 1,429 guesses on average at 1 guess(es)? a minute /);
    expect(words).toMatch(
      / \(30 per 60 minutes on each of 2 trunks, the trunk cap of caller scope\)$/,
    );
  });

  it('account scope is one count on the account; an hourly rate keeps three figures', () => {
    expect(
      summary((f) => {
        f.account.settings.lockout = {
          scope: 'account',
          maxFailures: 1,
          windowMinutes: 7,
          maxFailuresPerDay: 1000,
        };
      }),
    ).toBe(
      'about 7 days: 1,429 guesses on average at 8.57 guesses an hour (1 per 7 minutes on the account)',
    );
  });

  it('one validating trunk is one trunk', () => {
    expect(
      summary((f) => {
        (f.trunks[2] as Record<string, unknown>).accountCodesEnabled = false;
      }),
    ).toBe(
      'about 48 days: 1,429 guesses on average at 1.25 guesses an hour (30 a day on each of 1 trunk, the daily budget)',
    );
  });

  it('two years or more in years, guesses rounded with thousands separators', () => {
    expect(
      summary((f) => {
        f.account.codeLength = 7;
        f.account.codes = [{ code: '5820471' }];
        f.account.settings.lockout = {
          maxFailures: 3,
          windowMinutes: 120,
          unlockAfterMinutes: 120,
          maxFailuresPerDay: 1000,
        };
      }),
    ).toBe(
      'about 190 years: 5,000,001 guesses on average at 3 guesses an hour (3 per 120 minutes on each of 2 trunks)',
    );
  });

  it('the max-retries bypass names maxRetries: that many wrong entries connect', () => {
    expect(
      summary((f) => {
        f.account.settings.allowCallAfterMaxRetries = true;
      }),
    ).toBe(
      'no time at all: allowCallAfterMaxRetries is on where codes are validated, so 3 wrong entries connect the call anyway',
    );
  });
});

describe('exposureWarnings say why', () => {
  it('a short exposure leads with the chance, then the median and the remedies; a weak code names its pattern', () => {
    const config = acme((f) => {
      f.account.codes = [{ code: '7777' }, { code: '4321' }, { code: '0123' }, { code: '0199' }];
    });
    expect(exposureWarnings(config).map((w) => w.message)).toEqual([
      'account.settings.lockout: an attacker who can place calls has a 55 % chance of finding a valid code within 30 days; half the time within 27 days, at 60 guesses a day: use longer codes, fewer codes, or a lower lockout.maxFailuresPerDay',
      'account.codes[0].code: "7777" is one digit repeated, among the first codes anyone guesses; choose codes without a pattern',
      'account.codes[1].code: "4321" is a descending run, among the first codes anyone guesses; choose codes without a pattern',
      'account.codes[2].code: "0123" is an ascending run, among the first codes anyone guesses; choose codes without a pattern',
      'account.codes[3].code: "0199" is the last digits of one of the account\'s own numbers, among the first codes anyone guesses; choose codes without a pattern',
    ]);
  });
});
