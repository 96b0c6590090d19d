import { describe, expect, it } from 'vitest';
import { parseConfig, saveAccountSettings } from '../../src/index.js';

function file(settings: Record<string, unknown> = {}, account: Record<string, unknown> = {}) {
  return {
    account: {
      codeLength: 4,
      maxRetries: 3,
      settings: { enabled: true, validateCodes: true, ...settings },
      codes: [{ code: '1234' }, { code: '5678' }],
      ...account,
    },
    trunks: [{ id: 'hq', accountCodesEnabled: true }],
  };
}

describe('the lockout setting (docs/rules.md#lockout)', () => {
  it('takes the defaults when absent, and fills in omitted fields', () => {
    const absent = parseConfig(file());
    expect(absent.ok && absent.config.account.settings.lockout).toEqual({
      maxFailures: 10,
      windowMinutes: 60,
      scope: 'trunk',
      unlockAfterMinutes: 60,
      maxFailuresPerDay: 30,
    });
    const partial = parseConfig(file({ lockout: { maxFailures: 5, scope: 'caller' } }));
    expect(partial.ok && partial.config.account.settings.lockout).toEqual({
      maxFailures: 5,
      windowMinutes: 60,
      scope: 'caller',
      unlockAfterMinutes: 60,
      maxFailuresPerDay: 30,
    });
    expect(absent.ok && absent.warnings).toEqual([]);
  });

  it('false switches it off, with a warning', () => {
    const off = parseConfig(file({ lockout: false }));
    expect(off.ok && off.config.account.settings.lockout).toBe(false);
    expect(off.ok && off.warnings.map((w) => [w.code, w.path])).toEqual([
      ['lockout-off', ['account', 'settings', 'lockout']],
    ]);
  });

  it.each([
    [{ maxFailures: 0 }, 'out-of-range', 'maxFailures', 'must be an integer from 1 to 100'],
    [{ maxFailures: 101 }, 'out-of-range', 'maxFailures', 'must be an integer from 1 to 100'],
    [
      { windowMinutes: 10081 },
      'out-of-range',
      'windowMinutes',
      'must be an integer from 1 to 10080',
    ],
    [{ scope: 'line' }, 'invalid-value', 'scope', 'must be one of "trunk", "caller", "account"'],
    [{ unlockAfterMinutes: 0 }, 'out-of-range', 'unlockAfterMinutes', 'integer from 1 to 10080'],
    [{ extra: 1 }, 'unknown-field', 'extra', 'is not a known field'],
    [
      { maxFailuresPerDay: 1001 },
      'out-of-range',
      'maxFailuresPerDay',
      'must be an integer from 1 to 1000 and at least maxFailures',
    ],
    [
      { maxFailures: 31 },
      'daily-budget-below-max-failures',
      'maxFailuresPerDay',
      'must be at least lockout.maxFailures (31); got 30 (the default)',
    ],
    [
      { windowMinutes: 120 },
      'unlock-shorter-than-window',
      'unlockAfterMinutes',
      'must be null or at least lockout.windowMinutes (120); got 60 (the default)',
    ],
    [
      { maxFailures: 20, maxFailuresPerDay: 19 },
      'daily-budget-below-max-failures',
      'maxFailuresPerDay',
      'must be at least lockout.maxFailures (20); got 19',
    ],
  ])('rejects lockout %j', (lockout, code, fieldName, message) => {
    const parsed = parseConfig(file({ lockout }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const issue = parsed.issues.find((i) => i.path.includes(fieldName));
    expect(issue).toMatchObject({ code, path: ['account', 'settings', 'lockout', fieldName] });
    expect(issue?.message).toContain(message);
  });

  it('rejects true and other non-objects, naming what is allowed', () => {
    const parsed = parseConfig(file({ lockout: true }));
    expect(!parsed.ok && parsed.issues[0]?.message).toMatch(
      /account\.settings\.lockout must be false, or an object/,
    );
  });

  it('rejects a lock shorter than the window (unlock-shorter-than-window)', () => {
    const parsed = parseConfig(file({ lockout: { windowMinutes: 60, unlockAfterMinutes: 30 } }));
    expect(parsed).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'unlock-shorter-than-window',
          path: ['account', 'settings', 'lockout', 'unlockAfterMinutes'],
          message:
            'account.settings.lockout.unlockAfterMinutes must be null or at least lockout.windowMinutes (60); got 30',
        },
      ],
    });
    // The default window is 60 minutes.
    expect(parseConfig(file({ lockout: { unlockAfterMinutes: 59 } })).ok).toBe(false);
    expect(parseConfig(file({ lockout: { windowMinutes: 30, unlockAfterMinutes: 30 } })).ok).toBe(
      true,
    );
  });

  it('warns about account scope and about administrator-only unlocks on a shared line', () => {
    const account = parseConfig(file({ lockout: { scope: 'account' } }));
    expect(account.ok && account.warnings.map((w) => w.code)).toEqual(['lockout-account-scope']);
    const adminOnly = parseConfig(file({ lockout: { unlockAfterMinutes: null } }));
    expect(adminOnly.ok && adminOnly.warnings.map((w) => w.code)).toEqual([
      'lockout-admin-unlock-only',
    ]);
    const callerAdminOnly = parseConfig(
      file({ lockout: { scope: 'caller', unlockAfterMinutes: null } }),
    );
    expect(callerAdminOnly.ok && callerAdminOnly.warnings).toEqual([]);
  });

  it('can be saved by an administrator, with the same rules', () => {
    const parsed = parseConfig(file());
    if (!parsed.ok) throw new Error('fixture');
    const saved = saveAccountSettings(parsed.config, {
      settings: { lockout: { maxFailures: 3 } as never },
      enableForAllTrunks: false,
    });
    expect(saved.ok && saved.config.account.settings.lockout).toEqual({
      maxFailures: 3,
      windowMinutes: 60,
      scope: 'trunk',
      unlockAfterMinutes: 60,
      maxFailuresPerDay: 30,
    });
    const bad = saveAccountSettings(parsed.config, {
      settings: { lockout: { windowMinutes: 90 } as never },
      enableForAllTrunks: false,
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'unlock-shorter-than-window', field: 'settings.lockout.unlockAfterMinutes' },
    });
    // The error names the lockout field itself, so a form shows it at that field.
    expect(
      saveAccountSettings(parsed.config, {
        settings: { lockout: { maxFailures: 0 } as never },
        enableForAllTrunks: false,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'out-of-range', field: 'settings.lockout.maxFailures' },
    });
    expect(
      saveAccountSettings(parsed.config, {
        settings: { lockout: 'off' as never },
        enableForAllTrunks: false,
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-type', field: 'settings.lockout' } });
    expect(
      saveAccountSettings(parsed.config, {
        settings: { lockout: false },
        enableForAllTrunks: false,
      }),
    ).toMatchObject({
      ok: true,
      config: { account: { settings: { lockout: false } } },
    });
  });
});

describe('account.id (docs/rules.md#lockout)', () => {
  it.each([['acme'], ['tenant 42'], ['ü'.repeat(64)]])('accepts %j', (id) => {
    expect(parseConfig(file({}, { id })).ok).toBe(true);
  });
  it.each([[''], ['a'.repeat(65)], ['tab\there'], [42]])('rejects %j', (id) => {
    const parsed = parseConfig(file({}, { id }));
    expect(!parsed.ok && parsed.issues[0]?.path).toEqual(['account', 'id']);
    expect(!parsed.ok && parsed.issues[0]?.message).toContain('1 to 64 printable characters');
  });
});
