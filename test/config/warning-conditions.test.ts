/**
 * When each configuration warning applies and when it does not (docs/rules.md#account-settings,
 * docs/rules.md#trunks, docs/rules.md#lockout): each trap needs both of its settings, and each lockout warning
 * names its own field.
 */
import { describe, expect, it, vi } from 'vitest';

// The schema and the rules' patterns are built once per module instance, and the mutation run
// shares one module graph between test files: a fresh instance lets this file see them as the
// code under test builds them now.
vi.resetModules();
const { parseConfig } = await import('../../src/config/parse.js');

const TWO_CODES = [{ code: '1111' }, { code: '2222' }];

function warningsOf(account: Record<string, unknown>, trunks: unknown[] = []) {
  const result = parseConfig({ account: { codeLength: 4, maxRetries: 3, ...account }, trunks });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.warnings;
}

function codes(account: Record<string, unknown>, trunks: unknown[] = []) {
  return warningsOf(account, trunks).map((w) => [w.code, w.path.join('.')]);
}

describe('the docs/rules.md#account-settings traps need both of their settings', () => {
  it('gives no warning for the defaults: no call types, no validation, no bypass', () => {
    expect(warningsOf({})).toEqual([]);
  });

  it('does not warn about call types while validation is on, nor about validation without call types', () => {
    expect(
      codes({
        codes: TWO_CODES,
        settings: { validateCodes: true, requiredCallTypes: ['premiumToll'] },
      }),
    ).toEqual([]);
    expect(codes({ codes: TWO_CODES, settings: { validateCodes: true } })).toEqual([]);
  });

  it('does not warn about calls after max retries while validation is off', () => {
    expect(codes({ settings: { allowCallAfterMaxRetries: true } })).toEqual([]);
  });

  it('warns on a trunk whose override makes a trap, and not on one whose override undoes it', () => {
    const account = {
      codes: TWO_CODES,
      settings: { allowCallAfterMaxRetries: true, requiredCallTypes: ['international'] },
    };
    expect(
      codes(account, [
        { id: 'a', customSettings: { validateCodes: true } },
        { id: 'b', customSettings: { validateCodes: true, allowCallAfterMaxRetries: false } },
        { id: 'c', customSettings: { requiredCallTypes: [] } },
      ]),
    ).toEqual([
      ['required-types-without-validation', 'account.settings'],
      ['bypass-after-max-retries', 'trunks.0.customSettings'],
    ]);
  });
});

describe('trunk overrides of allowCallAfterMaxRetries (docs/rules.md#trunks)', () => {
  it('ignores a trunk turning it on over an account that has it off, so that trunk is no bypass', () => {
    expect(
      codes({ codes: TWO_CODES }, [
        { id: 'a', customSettings: { allowCallAfterMaxRetries: true, validateCodes: true } },
      ]),
    ).toEqual([['override-not-allowed', 'trunks.0.customSettings.allowCallAfterMaxRetries']]);
  });

  it('applies a trunk turning it on while the account has it on, without an ignored-override warning', () => {
    expect(
      codes({ codes: TWO_CODES, settings: { allowCallAfterMaxRetries: true } }, [
        { id: 'a', customSettings: { allowCallAfterMaxRetries: true, validateCodes: true } },
      ]),
    ).toEqual([['bypass-after-max-retries', 'trunks.0.customSettings']]);
  });

  it('does not repeat the account trap on a trunk whose overrides are about something else', () => {
    expect(
      codes({ settings: { requiredCallTypes: ['international'] } }, [
        { id: 'a', customSettings: { requireForInternalCalls: true } },
      ]),
    ).toEqual([['required-types-without-validation', 'account.settings']]);
  });
});

describe('one shared code', () => {
  it('warns only when validation is on somewhere', () => {
    expect(codes({ codes: [{ code: '1111' }] }, [{ id: 'a' }])).toEqual([]);
    expect(
      codes({ codes: [{ code: '1111' }] }, [
        { id: 'a', customSettings: { validateCodes: false } },
        { id: 'b', customSettings: { validateCodes: true } },
      ]),
    ).toEqual([['single-shared-code', 'account.codes']]);
  });

  it('warns when the account validates even if a trunk turns validation off', () => {
    expect(
      codes({ codes: [{ code: '1111' }], settings: { validateCodes: true } }, [
        { id: 'a', customSettings: { validateCodes: false } },
      ]),
    ).toEqual([['single-shared-code', 'account.codes']]);
  });
});

describe('lockout warnings (docs/rules.md#lockout)', () => {
  const lockout = (value: unknown) => warningsOf({ settings: { lockout: value } });

  it('says that lockout is off and how to turn it back on', () => {
    expect(lockout(false)).toEqual([
      {
        code: 'lockout-off',
        path: ['account', 'settings', 'lockout'],
        message:
          'account.settings.lockout: lockout is off, so nothing limits guessing codes across calls: an autodialer gets maxRetries guesses on every call, forever; remove "lockout": false to use the defaults',
      },
    ]);
  });

  it('warns about account scope at the scope, and about unlocking by an administrator only at unlockAfterMinutes', () => {
    expect(lockout({ scope: 'account', unlockAfterMinutes: null })).toEqual([
      {
        code: 'lockout-account-scope',
        path: ['account', 'settings', 'lockout', 'scope'],
        message:
          'account.settings.lockout.scope: lockout scope is "account", so any one user who keys wrong codes can block every code-gated call of the account; use "trunk" or "caller"',
      },
      {
        code: 'lockout-admin-unlock-only',
        path: ['account', 'settings', 'lockout', 'unlockAfterMinutes'],
        message:
          'account.settings.lockout.unlockAfterMinutes: unlockAfterMinutes is null with scope "account", so anyone on the line can block it until an administrator unblocks it; set a number of minutes, or use scope "caller"',
      },
    ]);
  });

  it('names the trunk scope when only an administrator unlocks a trunk', () => {
    expect(lockout({ unlockAfterMinutes: null }).map((w) => w.message)).toEqual([
      'account.settings.lockout.unlockAfterMinutes: unlockAfterMinutes is null with scope "trunk", so anyone on the line can block it until an administrator unblocks it; set a number of minutes, or use scope "caller"',
    ]);
  });

  it('gives no lockout warning for scopes trunk or caller that unlock on their own, nor for caller scope unlocked by an administrator', () => {
    expect(lockout({ scope: 'trunk', unlockAfterMinutes: 60 })).toEqual([]);
    expect(lockout({ scope: 'caller', unlockAfterMinutes: 60 })).toEqual([]);
    expect(lockout({ scope: 'caller', unlockAfterMinutes: null })).toEqual([]);
  });
});
