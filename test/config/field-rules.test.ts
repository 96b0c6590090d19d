/**
 * The field rules of `parseConfig` (docs/rules.md#configuration, docs/rules.md#the-config-file-and-the-cli, docs/rules.md#lockout, docs/rules.md#reports-and-post-call-tagging): every range just
 * inside and just outside, every form, with the stable code, the path and the
 * sentence that names the field and what it allows.
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

function accepted(input: unknown) {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.config;
}

describe('integer ranges', () => {
  const settings = (value: Record<string, unknown>) => file({ settings: value });
  const lockout = (value: Record<string, unknown>) =>
    file({ settings: { lockout: { unlockAfterMinutes: null, ...value } } });

  it.each<[string, (value: number) => unknown, (string | number)[], number, number, string]>([
    [
      'codeLength',
      (v) => file({ codeLength: v }),
      ['account', 'codeLength'],
      3,
      7,
      'an integer from 3 to 7',
    ],
    [
      'maxRetries',
      (v) => file({ maxRetries: v }),
      ['account', 'maxRetries'],
      1,
      9,
      'an integer from 1 to 9',
    ],
    [
      'postCallTagMinutes',
      (v) => settings({ postCallTagMinutes: v }),
      ['account', 'settings', 'postCallTagMinutes'],
      0,
      44640,
      'an integer from 0 (off) to 44640 (31 days)',
    ],
    [
      'lockout.maxFailures',
      (v) => lockout({ maxFailures: v, maxFailuresPerDay: 1000 }),
      ['account', 'settings', 'lockout', 'maxFailures'],
      1,
      100,
      'an integer from 1 to 100',
    ],
    [
      'lockout.maxFailuresPerDay',
      (v) => lockout({ maxFailures: 1, maxFailuresPerDay: v }),
      ['account', 'settings', 'lockout', 'maxFailuresPerDay'],
      1,
      1000,
      'an integer from 1 to 1000 and at least maxFailures',
    ],
    [
      'lockout.windowMinutes',
      (v) => lockout({ windowMinutes: v }),
      ['account', 'settings', 'lockout', 'windowMinutes'],
      1,
      10080,
      'an integer from 1 to 10080',
    ],
    [
      'lockout.unlockAfterMinutes',
      (v) => file({ settings: { lockout: { windowMinutes: 1, unlockAfterMinutes: v } } }),
      ['account', 'settings', 'lockout', 'unlockAfterMinutes'],
      1,
      10080,
      'null (only an administrator unlocks), or an integer from 1 to 10080 and at least windowMinutes',
    ],
    [
      'an extension length',
      (v) => file({ dialPlan: { extensionLengths: [v] } }),
      ['account', 'dialPlan', 'extensionLengths', 0],
      2,
      6,
      'an integer from 2 to 6',
    ],
  ])(
    '%s: accepts its bounds, rejects one past each as out-of-range',
    (_, make, path, min, max, allowed) => {
      accepted(make(min));
      accepted(make(max));
      const where = path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
        .join('');
      for (const value of [min - 1, max + 1]) {
        // An unlock time of 0 is also shorter than the 1-minute window: that rule is tested apart.
        const found = issues(make(value)).filter((i) => i.code !== 'unlock-shorter-than-window');
        expect(found).toEqual([
          { code: 'out-of-range', path, message: `${where} must be ${allowed}; got ${value}` },
        ]);
      }
      expect(issues(make(min + 0.5))[0]).toMatchObject({ code: 'invalid-type', path });
    },
  );

  it('says what a number field allows when it is given a string', () => {
    expect(issues(file({ maxRetries: '3' }))).toEqual([
      {
        code: 'invalid-type',
        path: ['account', 'maxRetries'],
        message: 'account.maxRetries must be an integer from 1 to 9; got "3"',
      },
    ]);
  });
});

describe('forms', () => {
  it.each<[string, (value: string) => unknown, (string | number)[], string[], string[], string]>([
    [
      'an own number',
      (v) => file({ dialPlan: { ownNumbers: [v] } }),
      ['account', 'dialPlan', 'ownNumbers', 0],
      ['+12', '+123456789012345', '+919876543210'],
      ['+1', '+1234567890123456', '+02125550100', '12125550100', '1+12125550100'],
      'a phone number in E.164 form, such as "+12125550100"',
    ],
    [
      'the outside-line prefix',
      (v) => file({ dialPlan: { outsideLinePrefix: v } }),
      ['account', 'dialPlan', 'outsideLinePrefix'],
      ['0', '81', '9'],
      ['', '123', '#'],
      'one or two digits, such as "9"',
    ],
    [
      'an exempt number',
      (v) => file({ exemptNumbers: [v] }),
      ['account', 'exemptNumbers', 0],
      ['11', '123456789012345'],
      ['1', '1234567890123456', '98a'],
      'a number of 2 to 15 digits, such as "988"',
    ],
    [
      'the mid-call code',
      (v) => file({ settings: { midCallCode: v } }),
      ['account', 'settings', 'midCallCode'],
      ['*0', '*999'],
      ['*', '*1000', '50', '5*50'],
      '"*" followed by 1 to 3 digits, such as "*50"',
    ],
  ])(
    '%s: accepts its form and rejects others as invalid-value',
    (_, make, path, good, bad, allowed) => {
      for (const value of good) accepted(make(value));
      const where = path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
        .join('');
      for (const value of bad) {
        expect(issues(make(value))).toEqual([
          {
            code: 'invalid-value',
            path,
            message: `${where} must be ${allowed}; got ${JSON.stringify(value)}`,
          },
        ]);
      }
    },
  );

  it('names the country rule for an unknown country and for one that is not a string', () => {
    const allowed = 'a supported ISO 3166 alpha-2 country code in capitals, such as "US" or "GB"';
    expect(issues(file({ country: 'ZZ' }))).toEqual([
      {
        code: 'invalid-value',
        path: ['account', 'country'],
        message: `account.country must be ${allowed}; got "ZZ"`,
      },
    ]);
    expect(issues(file({ country: 1 }))).toEqual([
      {
        code: 'invalid-type',
        path: ['account', 'country'],
        message: `account.country must be ${allowed}; got 1`,
      },
    ]);
    expect(issues(file({ domesticCountries: ['US', 'ZZ'] }))[0]).toMatchObject({
      code: 'invalid-value',
      path: ['account', 'domesticCountries', 1],
    });
    expect(
      accepted(file({ country: 'GB', domesticCountries: ['GB', 'IE'] })).account.domesticCountries,
    ).toEqual(['GB', 'IE']);
  });

  it('names the call types for a value that is not one of them', () => {
    expect(issues(file({ settings: { requiredCallTypes: ['local'] } }))).toEqual([
      {
        code: 'invalid-value',
        path: ['account', 'settings', 'requiredCallTypes', 0],
        message:
          'account.settings.requiredCallTypes[0] must be one of "international", "directoryAssistance", "premiumToll", "tollFree", "domestic", "mobile", "serviceCode"; got "local"',
      },
    ]);
  });

  it('names the list rule when a list is not a list', () => {
    expect(issues(file({ settings: { requiredCallTypes: 'international' } }))).toEqual([
      {
        code: 'invalid-type',
        path: ['account', 'settings', 'requiredCallTypes'],
        message:
          'account.settings.requiredCallTypes must be a list of distinct values from "international", "directoryAssistance", "premiumToll", "tollFree", "domestic", "mobile", "serviceCode"; got "international"',
      },
    ]);
    expect(issues(file({ codes: {} }))[0]?.message).toBe(
      'account.codes must be a list of codes; got an object',
    );
    expect(issues({ account: { codeLength: 4, maxRetries: 3 }, trunks: 'hq' })[0]?.message).toBe(
      'trunks must be a list of trunks; got "hq"',
    );
  });

  it('names the boolean rule for a flag that is not a boolean', () => {
    expect(issues(file({}, [{ id: 'a', accountCodesEnabled: 'yes' }]))).toEqual([
      {
        code: 'invalid-type',
        path: ['trunks', 0, 'accountCodesEnabled'],
        message: 'trunks[0].accountCodesEnabled must be true or false; got "yes"',
      },
    ]);
    expect(
      issues(file({}, [{ id: 'a', customSettings: { requireForInternalCalls: 0 } }]))[0],
    ).toMatchObject({
      code: 'invalid-type',
      path: ['trunks', 0, 'customSettings', 'requireForInternalCalls'],
    });
  });
});

describe('codes and their names', () => {
  it('requires the digits of every code, saying what they must be', () => {
    expect(issues(file({ codes: [{ name: 'Acme' }] }))).toEqual([
      {
        code: 'required',
        path: ['account', 'codes', 0, 'code'],
        message:
          'account.codes[0].code is required; it must be a string of digits as long as account.codeLength',
      },
    ]);
  });

  it('counts a name in characters as a person does: 64 emoji pass, 65 do not', () => {
    const allowed = 'a string of up to 64 characters without control characters';
    expect(
      accepted(file({ codes: [{ code: '1234', name: '😀'.repeat(64) }] })).account.codes[0]?.name,
    ).toBe('😀'.repeat(64));
    expect(issues(file({ codes: [{ code: '1234', name: '😀'.repeat(65) }] }))).toEqual([
      {
        code: 'out-of-range',
        path: ['account', 'codes', 0, 'name'],
        message: `account.codes[0].name must be ${allowed}`,
      },
    ]);
  });

  it('rejects a name with a control character as invalid-value', () => {
    expect(issues(file({ codes: [{ code: '1234', name: 'Acme\nCorp' }] }))).toEqual([
      {
        code: 'invalid-value',
        path: ['account', 'codes', 0, 'name'],
        message:
          'account.codes[0].name must be a string of up to 64 characters without control characters; got "Acme\\nCorp"',
      },
    ]);
    expect(issues(file({ codes: [{ code: '1234', name: 5 }] }))[0]).toMatchObject({
      code: 'invalid-type',
      path: ['account', 'codes', 0, 'name'],
    });
  });
});

describe('ids', () => {
  it('rejects a trunk id with surrounding spaces, naming what ids allow', () => {
    expect(issues(file({}, [{ id: ' hq' }]))).toEqual([
      {
        code: 'invalid-value',
        path: ['trunks', 0, 'id'],
        message:
          'trunks[0].id must be a non-empty string of up to 64 characters without surrounding spaces or control characters; got " hq"',
      },
    ]);
    expect(issues(file({}, [{}]))[0]).toMatchObject({
      code: 'required',
      path: ['trunks', 0, 'id'],
    });
  });

  it('names what an account id allows', () => {
    expect(issues(file({ id: '' }))).toEqual([
      {
        code: 'invalid-value',
        path: ['account', 'id'],
        message: 'account.id must be a string of 1 to 64 printable characters; got ""',
      },
    ]);
  });
});

describe('objects', () => {
  it('says which fields an object has when it is not an object', () => {
    expect(issues(file({ settings: 'on' }))).toEqual([
      {
        code: 'invalid-type',
        path: ['account', 'settings'],
        message:
          'account.settings must be an object with the fields enabled, requireForInternalCalls, validateCodes, allowCallAfterMaxRetries, requiredCallTypes, unattendedCalls, midCallCode, postCallTagMinutes, lockout; got "on"',
      },
    ]);
    expect(issues({ trunks: [] })).toEqual([
      {
        code: 'required',
        path: ['account'],
        message:
          'account is required; it must be an object with the fields id, country, codeLength, maxRetries, settings, dialPlan, codes, domesticCountries, exemptNumbers',
      },
    ]);
  });

  it('names the allowed fields of the object an unknown field is in', () => {
    expect(issues(file({ dialPlan: { prefix: '9' } }))).toEqual([
      {
        code: 'unknown-field',
        path: ['account', 'dialPlan', 'prefix'],
        message:
          'account.dialPlan.prefix is not a known field; allowed fields: extensionLengths, ownNumbers, outsideLinePrefix',
      },
    ]);
  });
});

describe('lockout: false or an object', () => {
  it('reports the problems inside a lockout object, not the choice between false and an object', () => {
    expect(issues(file({ settings: { lockout: { maxFailures: 0, scope: 'line' } } }))).toEqual([
      {
        code: 'out-of-range',
        path: ['account', 'settings', 'lockout', 'maxFailures'],
        message: 'account.settings.lockout.maxFailures must be an integer from 1 to 100; got 0',
      },
      {
        code: 'invalid-value',
        path: ['account', 'settings', 'lockout', 'scope'],
        message:
          'account.settings.lockout.scope must be one of "trunk", "caller", "account"; got "line"',
      },
    ]);
  });

  it('reports an unknown field of a lockout object together with its other problems', () => {
    expect(issues(file({ settings: { lockout: { maxFailures: 0, extra: 1 } } }))).toEqual([
      {
        code: 'out-of-range',
        path: ['account', 'settings', 'lockout', 'maxFailures'],
        message: 'account.settings.lockout.maxFailures must be an integer from 1 to 100; got 0',
      },
      {
        code: 'unknown-field',
        path: ['account', 'settings', 'lockout', 'extra'],
        message:
          'account.settings.lockout.extra is not a known field; allowed fields: maxFailures, windowMinutes, scope, unlockAfterMinutes, maxFailuresPerDay',
      },
    ]);
  });

  it.each([[true], ['off'], [null], [0]])(
    'rejects lockout %j as neither, in one sentence',
    (value) => {
      expect(issues(file({ settings: { lockout: value } }))).toEqual([
        {
          code: 'invalid-value',
          path: ['account', 'settings', 'lockout'],
          message: `account.settings.lockout must be false, or an object with maxFailures, windowMinutes, scope, unlockAfterMinutes and maxFailuresPerDay; got ${JSON.stringify(value)}`,
        },
      ]);
    },
  );

  it('rejects an array as neither', () => {
    expect(issues(file({ settings: { lockout: [] } }))[0]).toMatchObject({
      code: 'invalid-value',
      path: ['account', 'settings', 'lockout'],
    });
  });
});
