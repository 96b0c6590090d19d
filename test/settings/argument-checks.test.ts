/**
 * The argument checks of the administrative operations (docs/rules.md#administrative-operations): the
 * boundaries of every range, the typed code of every fault, and the sentence
 * that names the field and what it allows.
 */
import { describe, expect, it } from 'vitest';
import { enableAccountCodes, saveAccountSettings } from '../../src/settings/account.js';
import { removeCode } from '../../src/settings/codes.js';
import { enableTrunk, setTrunkCustomSettings } from '../../src/settings/trunks.js';
import { ACME_JSON, configFrom, errorOf, successOf } from './fixtures.js';

function save(settings: Record<string, unknown>) {
  return saveAccountSettings(configFrom(), { settings, enableForAllTrunks: false } as never);
}

describe('unknown options and fields', () => {
  it.each([
    ['1st', '"1st"'],
    ['a-b', '"a-b"'],
    ['two words', '"two words"'],
    ['', '""'],
  ])('quotes the unknown option %j as %s: it is not a plain name', (key, shown) => {
    const error = errorOf(
      enableAccountCodes(undefined, { codeLength: 4, maxRetries: 3, [key]: 1 } as never),
    );
    expect(error).toEqual({
      code: 'unknown-field',
      field: shown,
      message: `${shown} is not a known field; allowed fields: codeLength, maxRetries, country`,
    });
  });

  it.each([['$x'], ['_x'], ['x1'], ['Ab_$9'], ['zed'], ['Zed'], ['a'], ['A']])(
    'names the unknown option %s as it is',
    (key) => {
      const error = errorOf(
        enableAccountCodes(undefined, { codeLength: 4, maxRetries: 3, [key]: 1 } as never),
      );
      expect(error.field).toBe(key);
    },
  );

  it('names an unknown setting under settings, listing the account settings', () => {
    expect(errorOf(save({ codeLength: 5 }))).toEqual({
      code: 'unknown-field',
      field: 'settings.codeLength',
      message:
        'settings.codeLength is not a known field; allowed fields: enabled, requireForInternalCalls, validateCodes, allowCallAfterMaxRetries, requiredCallTypes, unattendedCalls, midCallCode, postCallTagMinutes, lockout',
    });
  });

  it('says which fields options allow when they are not an object', () => {
    expect(errorOf(enableAccountCodes(undefined, 'four' as never))).toEqual({
      code: 'invalid-value',
      field: 'options',
      message:
        'options must be an object with the fields codeLength, maxRetries, country; got "four"',
    });
    expect(
      errorOf(
        saveAccountSettings(configFrom(), { settings: [], enableForAllTrunks: false } as never),
      ),
    ).toEqual({
      code: 'invalid-value',
      field: 'settings',
      message:
        'settings must be an object with the fields enabled, requireForInternalCalls, validateCodes, allowCallAfterMaxRetries, requiredCallTypes, unattendedCalls, midCallCode, postCallTagMinutes, lockout; got an array',
    });
  });
});

describe('integer ranges', () => {
  it.each([[0], [1], [1440], [44639], [44640]])('accepts postCallTagMinutes %d', (minutes) => {
    const { config } = successOf(save({ postCallTagMinutes: minutes }));
    expect(config.account.settings.postCallTagMinutes).toBe(minutes);
  });

  it.each([[-1], [44641], [1.5], [Number.NaN]])(
    'rejects postCallTagMinutes %d as out-of-range, naming the range',
    (minutes) => {
      expect(errorOf(save({ postCallTagMinutes: minutes }))).toEqual({
        code: 'out-of-range',
        field: 'settings.postCallTagMinutes',
        message: `settings.postCallTagMinutes must be an integer from 0 (off) to 44640 (31 days); got ${minutes}`,
      });
    },
  );

  it('rejects postCallTagMinutes that is not a number as invalid-type', () => {
    expect(errorOf(save({ postCallTagMinutes: '60' }))).toEqual({
      code: 'invalid-type',
      field: 'settings.postCallTagMinutes',
      message:
        'settings.postCallTagMinutes must be an integer from 0 (off) to 44640 (31 days); got "60"',
    });
  });

  it('names codeLength and its range when it is out of range', () => {
    expect(errorOf(enableAccountCodes(undefined, { codeLength: 8, maxRetries: 3 }))).toEqual({
      code: 'out-of-range',
      field: 'codeLength',
      message: 'codeLength must be an integer from 3 to 7; got 8',
    });
    expect(errorOf(enableAccountCodes(undefined, { codeLength: 4, maxRetries: 0 }))).toEqual({
      code: 'out-of-range',
      field: 'maxRetries',
      message: 'maxRetries must be an integer from 1 to 9; got 0',
    });
  });
});

describe('enableAccountCodes on an existing config', () => {
  it('changes the country when one is given, and keeps it when none is', () => {
    const before = configFrom();
    const moved = successOf(
      enableAccountCodes(before, { codeLength: 4, maxRetries: 3, country: 'GB' }),
    );
    expect(moved.config.account.country).toBe('GB');
    expect(moved.report).toEqual({ created: false });
    const kept = successOf(enableAccountCodes(before, { codeLength: 4, maxRetries: 3 }));
    expect(kept.config.account.country).toBe('US');
    expect(Object.keys(kept.config.account)).toEqual(Object.keys(before.account));
  });

  it('rejects a country that is not a string, naming what it allows', () => {
    expect(
      errorOf(enableAccountCodes(undefined, { codeLength: 4, maxRetries: 3, country: 1 } as never)),
    ).toEqual({
      code: 'invalid-value',
      field: 'country',
      message:
        'country must be a supported ISO 3166 alpha-2 country code in capitals, such as "US" or "GB"; got 1',
    });
  });

  it('says which codeLength is fixed and which was asked for', () => {
    expect(
      errorOf(enableAccountCodes(configFrom(), { codeLength: 3, maxRetries: 3 })).message,
    ).toBe(
      'codeLength is fixed once set: it must stay 4, the length of every code of the account; got 3',
    );
  });
});

describe('setting values', () => {
  it('stores required call types in the order given', () => {
    const { config } = successOf(save({ requiredCallTypes: ['premiumToll', 'international'] }));
    expect(config.account.settings.requiredCallTypes).toEqual(['premiumToll', 'international']);
  });

  it('names the field and the allowed call types when a list repeats one', () => {
    expect(errorOf(save({ requiredCallTypes: ['premiumToll', 'premiumToll'] }))).toEqual({
      code: 'invalid-value',
      field: 'settings.requiredCallTypes',
      message:
        'settings.requiredCallTypes must be a list of distinct values from "international", "directoryAssistance", "premiumToll", "tollFree", "domestic", "mobile", "serviceCode"; got an array',
    });
  });

  it('rejects a mid-call code that is not a string', () => {
    expect(errorOf(save({ midCallCode: 50 }))).toEqual({
      code: 'invalid-value',
      field: 'settings.midCallCode',
      message: 'settings.midCallCode must be "*" followed by 1 to 3 digits, such as "*50"; got 50',
    });
  });

  it('rejects a mid-call code inside a list, though the list reads as "*50"', () => {
    expect(errorOf(save({ midCallCode: ['*50'] }))).toMatchObject({
      code: 'invalid-value',
      field: 'settings.midCallCode',
    });
  });

  it('rejects a boolean setting given as a string with invalid-type', () => {
    expect(errorOf(save({ enabled: 'true' }))).toEqual({
      code: 'invalid-type',
      field: 'settings.enabled',
      message: 'settings.enabled must be true or false; got "true"',
    });
  });

  it('checks a custom setting under its customSettings name', () => {
    expect(
      errorOf(
        setTrunkCustomSettings(configFrom(), 'hq', { requiredCallTypes: 'international' } as never),
      ),
    ).toMatchObject({ code: 'invalid-value', field: 'customSettings.requiredCallTypes' });
  });
});

describe('trunk ids', () => {
  it('lists the known trunks, or none, when the id is unknown', () => {
    expect(errorOf(enableTrunk(configFrom(), 'annex'))).toEqual({
      code: 'unknown-trunk',
      field: 'trunkId',
      message:
        'trunkId must be the id of a trunk of the account; "annex" is not one (known trunks: "hq", "lab", "branch")',
    });
    const empty = configFrom({ ...ACME_JSON, trunks: [] });
    expect(errorOf(enableTrunk(empty, 'hq')).message).toBe(
      'trunkId must be the id of a trunk of the account; "hq" is not one (known trunks: none)',
    );
  });

  it('names what a trunk id allows when it is not a string', () => {
    expect(errorOf(enableTrunk(configFrom(), 7 as never))).toEqual({
      code: 'invalid-value',
      field: 'trunkId',
      message:
        'trunkId must be a non-empty string of up to 64 characters without surrounding spaces or control characters; got 7',
    });
  });

  it('finds the first trunk of the list too', () => {
    const { config } = successOf(
      enableTrunk(configFrom({ ...ACME_JSON, trunks: [{ id: 'solo' }] }), 'solo'),
    );
    expect(config.trunks).toEqual([{ id: 'solo', accountCodesEnabled: true }]);
  });
});

describe('removing the last code', () => {
  const oneCode = (trunks: unknown[]) =>
    configFrom({
      ...ACME_JSON,
      account: {
        ...ACME_JSON.account,
        settings: { ...ACME_JSON.account.settings, validateCodes: false },
        codes: [{ code: '1234' }],
      },
      trunks,
    });

  it('is allowed when no trunk turns validation on, whatever else it customises', () => {
    const config = oneCode([
      { id: 'a', customSettings: { validateCodes: false } },
      { id: 'b', customSettings: { requireForInternalCalls: true } },
      { id: 'c' },
    ]);
    expect(successOf(removeCode(config, '1234')).config.account.codes).toEqual([]);
  });

  it('is refused when the last trunk of several turns validation on', () => {
    const config = oneCode([{ id: 'a' }, { id: 'b', customSettings: { validateCodes: true } }]);
    expect(errorOf(removeCode(config, '1234'))).toEqual({
      code: 'last-code-while-validating',
      field: 'code',
      message:
        'code "1234" is the account\'s last code and codes are validated (validateCodes is true at the account or on a trunk); turn validateCodes off everywhere before removing it',
    });
  });
});
