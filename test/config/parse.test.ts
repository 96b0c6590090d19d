import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { deepFreeze } from '../support/properties.js';

const acme: unknown = JSON.parse(readFileSync('examples/acme.json', 'utf8'));

/** A minimal valid file, with overrides merged into `account`. */
function file(account: Record<string, unknown> = {}, trunks: unknown[] = []): unknown {
  return { account: { codeLength: 4, maxRetries: 3, ...account }, trunks };
}

function issues(input: unknown) {
  const result = parseConfig(input);
  if (result.ok) throw new Error('expected the configuration to be rejected');
  return result.issues;
}

function config(input: unknown) {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result;
}

describe('parseConfig', () => {
  it('accepts the example account without changing what it says', () => {
    const { config: parsed } = config(acme);
    expect(parsed.account.codeLength).toBe(4);
    expect(parsed.trunks.map((t) => t.id)).toEqual(['hq', 'lab', 'legal', 'lobby']);
    expect(parsed.trunks[1]?.customSettings).toEqual({ validateCodes: false });
  });

  it('applies the defaults of docs/rules.md#configuration to omitted fields', () => {
    const { config: parsed } = config({ account: { codeLength: 5, maxRetries: 2 } });
    expect(parsed).toEqual({
      account: {
        country: 'US',
        codeLength: 5,
        maxRetries: 2,
        settings: {
          enabled: false,
          requireForInternalCalls: false,
          validateCodes: false,
          allowCallAfterMaxRetries: false,
          requiredCallTypes: [],
          unattendedCalls: 'end',
          midCallCode: '*50',
          postCallTagMinutes: 1440,
          lockout: {
            maxFailures: 10,
            windowMinutes: 60,
            scope: 'trunk',
            unlockAfterMinutes: 60,
            maxFailuresPerDay: 30,
          },
        },
        dialPlan: { extensionLengths: [], ownNumbers: [] },
        codes: [],
        exemptNumbers: ['988', '711'],
      },
      trunks: [],
    });
  });

  it('starts a trunk without its flag disabled: new trunks are never enabled automatically', () => {
    const { config: parsed } = config(file({}, [{ id: 'new' }]));
    expect(parsed.trunks[0]).toEqual({ id: 'new', accountCodesEnabled: false });
  });

  it('does not modify its input', () => {
    const input = deepFreeze(structuredClone(acme));
    const before = JSON.stringify(input);
    config(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it.each([
    ['codeLength', 2, 'account.codeLength must be an integer from 3 to 7; got 2'],
    ['codeLength', 8, 'account.codeLength must be an integer from 3 to 7; got 8'],
    ['maxRetries', 0, 'account.maxRetries must be an integer from 1 to 9; got 0'],
    ['maxRetries', 10, 'account.maxRetries must be an integer from 1 to 9; got 10'],
  ])('rejects %s %s as out of range, naming the allowed range', (name, value, message) => {
    expect(issues(file({ [name]: value }))).toEqual([
      { code: 'out-of-range', path: ['account', name], message },
    ]);
  });

  it('rejects a fractional codeLength as the wrong type', () => {
    expect(issues(file({ codeLength: 4.5 }))[0]).toMatchObject({
      code: 'invalid-type',
      path: ['account', 'codeLength'],
    });
  });

  it('requires codeLength and maxRetries', () => {
    expect(issues({ account: {} }).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['required', 'account.codeLength'],
      ['required', 'account.maxRetries'],
    ]);
  });

  it('rejects unknown fields at every level, naming the fields allowed', () => {
    const found = issues({
      extra: 1,
      account: { codeLength: 4, maxRetries: 3, settings: { enable: true } },
      trunks: [{ id: 'a', customSettings: { codeLength: 5 } }],
    });
    expect(found.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown-field', 'account.settings.enable'],
      ['unknown-field', 'trunks.0.customSettings.codeLength'],
      ['unknown-field', 'extra'],
    ]);
    expect(found[1]?.message).toBe(
      'trunks[0].customSettings.codeLength is not a known field; allowed fields: requireForInternalCalls, validateCodes, allowCallAfterMaxRetries, requiredCallTypes, unattendedCalls',
    );
  });

  it('reports every problem of a file at once', () => {
    const found = issues({
      account: {
        country: 'ZZ',
        codeLength: 4,
        maxRetries: 12,
        settings: { midCallCode: '50', requiredCallTypes: ['international', 'local'] },
        dialPlan: { extensionLengths: [1], ownNumbers: ['2125550100'], outsideLinePrefix: 'nine' },
        codes: [{ code: '12a4' }, { code: '0001' }, { code: '0001', name: 'x'.repeat(65) }],
        exemptNumbers: ['9'],
      },
      trunks: [{ id: 'hq' }, { id: 'hq', accountCodesEnabled: 'yes' }],
    });
    expect(found.map((i) => i.code).sort()).toEqual(
      [
        'duplicate-code',
        'duplicate-trunk-id',
        'invalid-code',
        'invalid-type',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'out-of-range',
        'out-of-range',
        'out-of-range',
      ].sort(),
    );
    for (const issue of found) expect(issue.message.length).toBeGreaterThan(20);
  });

  it('requires every code to be exactly codeLength ASCII digits, leading zeros included', () => {
    const found = issues(file({ codes: [{ code: '123' }, { code: '12345' }, { code: '١٢٣٤' }] }));
    expect(found.map((i) => i.message)).toEqual([
      'account.codes[0].code must be a string of exactly 4 ASCII digits (account.codeLength); got "123"',
      'account.codes[1].code must be a string of exactly 4 ASCII digits (account.codeLength); got "12345"',
      'account.codes[2].code must be a string of exactly 4 ASCII digits (account.codeLength); got "١٢٣٤"',
    ]);
    expect(parseConfig(file({ codes: [{ code: '0123' }] })).ok).toBe(true);
  });

  it('rejects a code name over 64 characters', () => {
    expect(issues(file({ codes: [{ code: '1234', name: 'n'.repeat(65) }] }))[0]).toMatchObject({
      code: 'out-of-range',
      path: ['account', 'codes', 0, 'name'],
    });
  });

  it('rejects validation with no codes, at the account or at any trunk that turns it on', () => {
    const found = issues(
      file({ settings: { validateCodes: true } }, [
        { id: 'a', customSettings: { validateCodes: true } },
        { id: 'b', customSettings: { validateCodes: false } },
      ]),
    );
    expect(found.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['no-codes-to-validate', 'account.settings.validateCodes'],
      ['no-codes-to-validate', 'trunks.0.customSettings.validateCodes'],
    ]);
  });

  it('rejects duplicate values in lists', () => {
    const found = issues(file({ settings: { requiredCallTypes: ['premiumToll', 'premiumToll'] } }));
    expect(found).toEqual([
      {
        code: 'duplicate-value',
        path: ['account', 'settings', 'requiredCallTypes', 1],
        message:
          'account.settings.requiredCallTypes[1] must be a list of distinct values from "international", "directoryAssistance", "premiumToll", "tollFree", "domestic", "mobile", "serviceCode"; "premiumToll" is listed twice',
      },
    ]);
  });

  it('reports a duplicate even when another item of the list is wrong', () => {
    const found = issues(
      file({ settings: { requiredCallTypes: ['international', 'international', 'bogus'] } }, [
        { id: 't', customSettings: { requiredCallTypes: ['premiumToll', 'premiumToll'] } },
      ]),
    );
    expect(found.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid-value', 'account.settings.requiredCallTypes.2'],
      ['duplicate-value', 'account.settings.requiredCallTypes.1'],
      ['duplicate-value', 'trunks.0.customSettings.requiredCallTypes.1'],
    ]);
  });

  it.each([['us'], ['XX'], ['USA'], ['']])('rejects %j as a country', (country) => {
    expect(issues(file({ country }))[0]).toMatchObject({
      code: 'invalid-value',
      path: ['account', 'country'],
    });
  });

  it.each([['*5'], ['*50'], ['*999']])('accepts the mid-call code %s', (midCallCode) => {
    expect(parseConfig(file({ settings: { midCallCode } })).ok).toBe(true);
  });

  it.each([['*'], ['50'], ['*1234'], ['#50'], ['*5a']])(
    'rejects the mid-call code %j',
    (midCallCode) => {
      expect(issues(file({ settings: { midCallCode } }))[0]?.path).toEqual([
        'account',
        'settings',
        'midCallCode',
      ]);
    },
  );

  it('accepts extension lengths 2 to 6 and rejects others', () => {
    expect(parseConfig(file({ dialPlan: { extensionLengths: [2, 6] } })).ok).toBe(true);
    expect(issues(file({ dialPlan: { extensionLengths: [7] } }))[0]?.message).toBe(
      'account.dialPlan.extensionLengths[0] must be an integer from 2 to 6; got 7',
    );
  });

  it('rejects a value that is not an object at the root, in one issue', () => {
    for (const input of [null, 42, 'text', [], true]) {
      expect(issues(input)).toHaveLength(1);
    }
  });
});

describe('parseConfig warnings', () => {
  it('warns when call types are required but validation is off', () => {
    const { warnings } = config(file({ settings: { requiredCallTypes: ['international'] } }));
    expect(warnings.map((w) => [w.code, w.path.join('.')])).toEqual([
      ['required-types-without-validation', 'account.settings'],
    ]);
  });

  it('warns when calls proceed after max retries with validation on', () => {
    const codes = [{ code: '1111' }, { code: '2222' }];
    const { warnings } = config(
      file({ codes, settings: { validateCodes: true, allowCallAfterMaxRetries: true } }),
    );
    expect(warnings.map((w) => w.code)).toEqual(['bypass-after-max-retries']);
  });

  it('warns when validation is on with a single code, at the account or on a trunk', () => {
    const codes = [{ code: '1111' }];
    expect(
      config(file({ codes, settings: { validateCodes: true } })).warnings.map((w) => w.code),
    ).toEqual(['single-shared-code']);
    const onTrunk = config(file({ codes }, [{ id: 't', customSettings: { validateCodes: true } }]));
    expect(onTrunk.warnings.map((w) => w.code)).toEqual(['single-shared-code']);
  });

  it('warns, and does not reject, a stored trunk override that the account does not allow', () => {
    const result = config(
      file({}, [{ id: 't', customSettings: { allowCallAfterMaxRetries: true } }]),
    );
    expect(result.warnings).toEqual([
      {
        code: 'override-not-allowed',
        path: ['trunks', 0, 'customSettings', 'allowCallAfterMaxRetries'],
        message:
          'trunks[0].customSettings.allowCallAfterMaxRetries: the trunk turns allowCallAfterMaxRetries on, but the account has it off; a trunk may only turn it off; it is ignored',
      },
    ]);
  });

  it('warns about a trap on a trunk only when the trunk’s own custom settings make it', () => {
    const inherited = config(
      file({ settings: { requiredCallTypes: ['international'] } }, [
        { id: 'plain', customSettings: {} },
      ]),
    );
    expect(inherited.warnings.map((w) => w.path.join('.'))).toEqual(['account.settings']);

    const made = config(
      file(
        {
          codes: [{ code: '1111' }, { code: '2222' }],
          settings: { validateCodes: true, requiredCallTypes: ['international'] },
        },
        [{ id: 'lab', customSettings: { validateCodes: false } }],
      ),
    );
    expect(made.warnings.map((w) => [w.code, w.path.join('.')])).toEqual([
      ['required-types-without-validation', 'trunks.0.customSettings'],
    ]);
  });
});

describe('parseConfig results are values', () => {
  it('hands out a configuration frozen all the way down, so caches keyed by it stay true', () => {
    const result = parseConfig({
      account: { codeLength: 4, maxRetries: 3, codes: [{ code: '1234' }] },
      trunks: [{ id: 'hq', customSettings: { requiredCallTypes: ['international'] } }],
    });
    if (!result.ok) throw new Error('fixture rejected');
    const { config } = result;
    for (const part of [
      config,
      config.account,
      config.account.settings,
      config.account.settings.requiredCallTypes,
      config.account.codes,
      config.account.codes[0],
      config.account.dialPlan,
      config.account.exemptNumbers,
      config.trunks,
      config.trunks[0],
      config.trunks[0]?.customSettings,
      config.trunks[0]?.customSettings?.requiredCallTypes,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });
});
