/**
 * The cross-field rules of `parseConfig` (docs/rules.md#account-settings, docs/rules.md#administrative-operations, docs/rules.md#lockout): each rule on
 * both sides of its boundary, with its stable code, its path and the sentence
 * that names the field and what it allows. They run on the raw input, so they
 * must also stay quiet where the schema already reports the fault.
 */
import { describe, expect, it, vi } from 'vitest';

// The schema and the rules' patterns are built once per module instance, and the mutation run
// shares one module graph between test files: a fresh instance lets this file see them as the
// code under test builds them now.
vi.resetModules();
const { parseConfig } = await import('../../src/config/parse.js');

function file(account: Record<string, unknown> = {}, trunks: unknown[] = []): unknown {
  return { account: { codeLength: 4, maxRetries: 3, ...account }, trunks };
}

function issues(input: unknown) {
  const result = parseConfig(input);
  if (result.ok) throw new Error('expected the configuration to be rejected');
  return result.issues;
}

function codesAndPaths(input: unknown) {
  return issues(input).map((i) => [i.code, i.path.join('.')]);
}

describe('codes as long as codeLength', () => {
  it.each([
    [3, '12', '123'],
    [7, '123456', '1234567'],
  ])('at codeLength %d, rejects %s and accepts %s', (codeLength, short, exact) => {
    expect(issues(file({ codeLength, codes: [{ code: short }] }))).toEqual([
      {
        code: 'invalid-code',
        path: ['account', 'codes', 0, 'code'],
        message: `account.codes[0].code must be a string of exactly ${codeLength} ASCII digits (account.codeLength); got "${short}"`,
      },
    ]);
    expect(parseConfig(file({ codeLength, codes: [{ code: exact }] })).ok).toBe(true);
  });

  it.each([[2], [8], [4.5], ['4'], [null]])(
    'does not judge codes by a codeLength of %j, which is itself reported',
    (codeLength) => {
      const found = issues(file({ codeLength, codes: [{ code: '12' }, { code: '12345678' }] }));
      expect(found).toHaveLength(1);
      expect(found[0]?.path).toEqual(['account', 'codeLength']);
    },
  );

  it('leaves a code that is not a string to the schema, even when it repeats', () => {
    expect(codesAndPaths(file({ codes: [{ code: 1234 }, { code: 1234 }] }))).toEqual([
      ['invalid-type', 'account.codes.0.code'],
      ['invalid-type', 'account.codes.1.code'],
    ]);
  });

  it('reads codes only from a list of objects', () => {
    expect(codesAndPaths(file({ codes: { code: '12' } }))).toEqual([
      ['invalid-type', 'account.codes'],
    ]);
    expect(codesAndPaths(file({ codes: [['12'], '12'] }))).toEqual([
      ['invalid-type', 'account.codes.0'],
      ['invalid-type', 'account.codes.1'],
    ]);
  });
});

describe('unique codes and trunk ids', () => {
  it('names the earlier place of a repeated code', () => {
    expect(
      issues(
        file({
          codes: [
            { code: '2222' },
            { code: '1111' },
            { code: '3333' },
            { code: '1111' },
            { code: '1111' },
          ],
        }),
      ),
    ).toEqual([
      {
        code: 'duplicate-code',
        path: ['account', 'codes', 3, 'code'],
        message:
          'account.codes[3].code repeats "1111", already listed at account.codes[1]; codes must be unique in the account',
      },
      {
        code: 'duplicate-code',
        path: ['account', 'codes', 4, 'code'],
        message:
          'account.codes[4].code repeats "1111", already listed at account.codes[1]; codes must be unique in the account',
      },
    ]);
  });

  it('reports a repeated code also when it has the wrong length', () => {
    expect(codesAndPaths(file({ codes: [{ code: '12' }, { code: '12' }] }))).toEqual([
      ['invalid-code', 'account.codes.0.code'],
      ['invalid-code', 'account.codes.1.code'],
      ['duplicate-code', 'account.codes.1.code'],
    ]);
  });

  it('names the earlier trunk of a repeated id', () => {
    expect(issues(file({}, [{ id: 'a' }, { id: 'b' }, { id: 'b' }]))).toEqual([
      {
        code: 'duplicate-trunk-id',
        path: ['trunks', 2, 'id'],
        message:
          'trunks[2].id repeats "b", already used by trunks[1]; trunk ids must be unique in the account',
      },
    ]);
  });

  it('leaves trunk ids that are not strings to the schema, even when they repeat', () => {
    expect(codesAndPaths(file({}, [{ id: 7 }, { id: 7 }]))).toEqual([
      ['invalid-type', 'trunks.0.id'],
      ['invalid-type', 'trunks.1.id'],
    ]);
  });

  it('accepts codes and ids that differ', () => {
    expect(
      parseConfig(file({ codes: [{ code: '1111' }, { code: '1112' }] }, [{ id: 'a' }, { id: 'A' }]))
        .ok,
    ).toBe(true);
  });
});

describe('lists that act as sets', () => {
  it.each<[string, Record<string, unknown>, string[], string]>([
    [
      'extension lengths',
      { dialPlan: { extensionLengths: [3, 4, 3] } },
      ['account', 'dialPlan', 'extensionLengths'],
      'must be a list of distinct integers from 2 to 6; 3 is listed twice',
    ],
    [
      'own numbers',
      { dialPlan: { ownNumbers: ['+12125550100', '+12125550100'] } },
      ['account', 'dialPlan', 'ownNumbers'],
      'must be a list of distinct phone numbers in E.164 form, such as "+12125550100"; "+12125550100" is listed twice',
    ],
    [
      'domestic countries',
      { domesticCountries: ['US', 'CA', 'CA'] },
      ['account', 'domesticCountries'],
      'must be a list of distinct supported ISO 3166 alpha-2 country codes; "CA" is listed twice',
    ],
    [
      'exempt numbers',
      { exemptNumbers: ['988', '988'] },
      ['account', 'exemptNumbers'],
      'must be a list of distinct numbers of 2 to 15 digits, such as "988"; "988" is listed twice',
    ],
  ])('rejects repeated %s at the repeat, naming the rule', (_, account, path, sentence) => {
    const found = issues(file(account));
    const at = found[0]?.path.at(-1) as number;
    expect(found).toEqual([
      {
        code: 'duplicate-value',
        path: [...path, at],
        message: `${path.join('.')}[${at}] ${sentence}`,
      },
    ]);
  });

  it('accepts each list when its items are distinct', () => {
    const result = parseConfig(
      file({
        dialPlan: { extensionLengths: [3, 4], ownNumbers: ['+12125550100', '+12125550101'] },
        domesticCountries: ['US', 'CA'],
        exemptNumbers: ['988', '911'],
        settings: { requiredCallTypes: ['international', 'premiumToll'] },
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('checks the call types of every trunk, at that trunk', () => {
    expect(
      codesAndPaths(
        file({}, [
          { id: 'a', customSettings: { requiredCallTypes: ['premiumToll'] } },
          { id: 'b', customSettings: { requiredCallTypes: ['international', 'international'] } },
        ]),
      ),
    ).toEqual([['duplicate-value', 'trunks.1.customSettings.requiredCallTypes.1']]);
  });
});

describe('unlockAfterMinutes is at least windowMinutes (docs/rules.md#lockout)', () => {
  function lockout(value: unknown) {
    return file({ codes: [{ code: '1234' }], settings: { lockout: value } });
  }

  it('rejects one minute short of the window, and accepts the window itself, either way round', () => {
    expect(codesAndPaths(lockout({ windowMinutes: 120, unlockAfterMinutes: 119 }))).toEqual([
      ['unlock-shorter-than-window', 'account.settings.lockout.unlockAfterMinutes'],
    ]);
    expect(parseConfig(lockout({ windowMinutes: 120, unlockAfterMinutes: 120 })).ok).toBe(true);
    expect(parseConfig(lockout({ windowMinutes: 120, unlockAfterMinutes: 121 })).ok).toBe(true);
    expect(parseConfig(lockout({ windowMinutes: 1, unlockAfterMinutes: 1 })).ok).toBe(true);
  });

  it('compares with the default window of 60 minutes when the window is omitted', () => {
    expect(parseConfig(lockout({ unlockAfterMinutes: 60 })).ok).toBe(true);
    expect(issues(lockout({ unlockAfterMinutes: 59 }))[0]?.message).toBe(
      'account.settings.lockout.unlockAfterMinutes must be null or at least lockout.windowMinutes (60); got 59',
    );
  });

  it('leaves a window or an unlock time that is not a number to the schema', () => {
    expect(codesAndPaths(lockout({ windowMinutes: '90', unlockAfterMinutes: 60 }))).toEqual([
      ['invalid-type', 'account.settings.lockout.windowMinutes'],
    ]);
    expect(codesAndPaths(lockout({ windowMinutes: 90, unlockAfterMinutes: '60' }))).toEqual([
      ['invalid-type', 'account.settings.lockout.unlockAfterMinutes'],
    ]);
    expect(parseConfig(lockout({ windowMinutes: 90, unlockAfterMinutes: null })).ok).toBe(true);
  });
});

describe('validation needs codes (docs/rules.md#account-settings)', () => {
  it('names the account setting and says what to do', () => {
    expect(issues(file({ settings: { validateCodes: true } }))).toEqual([
      {
        code: 'no-codes-to-validate',
        path: ['account', 'settings', 'validateCodes'],
        message:
          'account.settings.validateCodes is true, but account.codes is empty; add at least one code before turning validation on',
      },
    ]);
  });

  it('names each trunk that turns validation on', () => {
    expect(
      issues(file({}, [{ id: 'a' }, { id: 'b', customSettings: { validateCodes: true } }])),
    ).toEqual([
      {
        code: 'no-codes-to-validate',
        path: ['trunks', 1, 'customSettings', 'validateCodes'],
        message:
          'trunks[1].customSettings.validateCodes is true, but account.codes is empty; add at least one code before turning validation on',
      },
    ]);
  });

  it('accepts validation at the account and on trunks once there is one code', () => {
    const result = parseConfig(
      file({ codes: [{ code: '1234' }], settings: { validateCodes: true } }, [
        { id: 'a', customSettings: { validateCodes: true } },
      ]),
    );
    expect(result.ok).toBe(true);
  });

  it('does not count a validateCodes that is not true, which the schema reports', () => {
    expect(codesAndPaths(file({ settings: { validateCodes: 'true' } }))).toEqual([
      ['invalid-type', 'account.settings.validateCodes'],
    ]);
    expect(codesAndPaths(file({}, [{ id: 'a', customSettings: { validateCodes: 1 } }]))).toEqual([
      ['invalid-type', 'trunks.0.customSettings.validateCodes'],
    ]);
  });
});
