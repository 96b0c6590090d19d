import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import type { Config } from '../../src/config/types.js';
import {
  disableAccountCodes,
  enableAccountCodes,
  saveAccountSettings,
} from '../../src/settings/account.js';
import { resolveSettings } from '../../src/settings/resolve.js';
import { deepFreeze } from '../support/properties.js';
import { ACME_JSON, configFrom, errorOf, successOf } from './fixtures.js';

describe('enableAccountCodes', () => {
  it('creates a config with every docs/rules.md#account-settings default when there is none', () => {
    const { config, report } = successOf(
      enableAccountCodes(undefined, { codeLength: 5, maxRetries: 2 }),
    );
    expect(report).toEqual({ created: true });
    expect(config).toEqual({
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
    expect(parseConfig(config)).toMatchObject({ ok: true, config });
  });

  it('uses the country given for a new config', () => {
    const { config } = successOf(
      enableAccountCodes(undefined, { codeLength: 4, maxRetries: 3, country: 'GB' }),
    );
    expect(config.account.country).toBe('GB');
  });

  it.each([
    ['codeLength', { codeLength: 2, maxRetries: 3 }, 'out-of-range', 'an integer from 3 to 7'],
    ['codeLength', { codeLength: 8, maxRetries: 3 }, 'out-of-range', 'an integer from 3 to 7'],
    ['codeLength', { codeLength: 4.5, maxRetries: 3 }, 'out-of-range', 'an integer from 3 to 7'],
    ['codeLength', { codeLength: '4', maxRetries: 3 }, 'invalid-type', 'an integer from 3 to 7'],
    ['maxRetries', { codeLength: 4, maxRetries: 0 }, 'out-of-range', 'an integer from 1 to 9'],
    ['maxRetries', { codeLength: 4, maxRetries: 10 }, 'out-of-range', 'an integer from 1 to 9'],
    ['maxRetries', { codeLength: 4 }, 'invalid-type', 'an integer from 1 to 9'],
    [
      'country',
      { codeLength: 4, maxRetries: 3, country: 'XX' },
      'invalid-value',
      'ISO 3166 alpha-2',
    ],
    [
      'country',
      { codeLength: 4, maxRetries: 3, country: 'us' },
      'invalid-value',
      'ISO 3166 alpha-2',
    ],
  ])(
    'rejects a bad %s (%j) with %s naming the field and what it allows',
    (field, options, code, allowed) => {
      const error = errorOf(enableAccountCodes(undefined, options as never));
      expect(error).toMatchObject({ code, field });
      expect(error.message).toContain(field);
      expect(error.message).toContain(allowed);
    },
  );

  it('accepts the bounds of both ranges', () => {
    expect(enableAccountCodes(undefined, { codeLength: 3, maxRetries: 1 }).ok).toBe(true);
    expect(enableAccountCodes(undefined, { codeLength: 7, maxRetries: 9 }).ok).toBe(true);
  });

  it('rejects options that are not an object, and unknown options', () => {
    expect(errorOf(enableAccountCodes(undefined, null as never))).toMatchObject({
      code: 'invalid-value',
      field: 'options',
    });
    expect(
      errorOf(enableAccountCodes(undefined, { codeLength: 4, maxRetries: 3, length: 4 } as never)),
    ).toMatchObject({ code: 'unknown-field', field: 'length' });
  });

  it('refuses to change codeLength once set (code-length-immutable)', () => {
    const error = errorOf(enableAccountCodes(configFrom(), { codeLength: 5, maxRetries: 3 }));
    expect(error.code).toBe('code-length-immutable');
    expect(error.field).toBe('codeLength');
    expect(error.message).toMatch(/codeLength.*4.*got 5/);
  });

  it('updates maxRetries when codeLength is the same, keeping everything else', () => {
    const before = configFrom();
    const { config, report } = successOf(
      enableAccountCodes(before, { codeLength: 4, maxRetries: 5 }),
    );
    expect(report).toEqual({ created: false });
    expect(config).toEqual({ ...before, account: { ...before.account, maxRetries: 5 } });
  });

  it('rejects a config that is not a configuration with invalid-config', () => {
    expect(
      errorOf(enableAccountCodes({} as Config, { codeLength: 4, maxRetries: 3 })),
    ).toMatchObject({
      code: 'invalid-config',
      field: 'config',
    });
  });
});

describe('saveAccountSettings', () => {
  it('changes the settings given and keeps the others', () => {
    const before = configFrom();
    const { config } = successOf(
      saveAccountSettings(before, {
        settings: { requireForInternalCalls: true, midCallCode: '*7' },
        enableForAllTrunks: false,
      }),
    );
    expect(config.account.settings).toEqual({
      ...before.account.settings,
      requireForInternalCalls: true,
      midCallCode: '*7',
    });
  });

  it('turns on every trunk that is off when the administrator answers yes, and lists them', () => {
    const { config, report } = successOf(
      saveAccountSettings(configFrom(), { settings: {}, enableForAllTrunks: true }),
    );
    expect(report.trunksEnabled).toEqual(['branch']);
    expect(config.trunks.map((t) => t.accountCodesEnabled)).toEqual([true, true, true]);
  });

  it('turns on a trunk the administrator had turned off on purpose when the answer is yes', () => {
    const before = configFrom({
      ...ACME_JSON,
      trunks: [
        { id: 'quiet', accountCodesEnabled: false, customSettings: { validateCodes: false } },
      ],
    });
    const { config, report } = successOf(
      saveAccountSettings(before, { settings: { enabled: true }, enableForAllTrunks: true }),
    );
    expect(report.trunksEnabled).toEqual(['quiet']);
    expect(config.trunks[0]).toEqual({
      id: 'quiet',
      accountCodesEnabled: true,
      customSettings: { validateCodes: false },
    });
  });

  it('leaves every trunk flag and custom setting as it is when the answer is no', () => {
    const before = configFrom();
    const { config, report } = successOf(
      saveAccountSettings(before, { settings: { enabled: true }, enableForAllTrunks: false }),
    );
    expect(report.trunksEnabled).toEqual([]);
    expect(config.trunks).toEqual(before.trunks);
  });

  it('rejects turning validation on when the account has no codes (no-codes-to-validate)', () => {
    const before = configFrom({
      ...ACME_JSON,
      account: { ...ACME_JSON.account, codes: [], settings: { validateCodes: false } },
      trunks: [],
    });
    const error = errorOf(
      saveAccountSettings(before, { settings: { validateCodes: true }, enableForAllTrunks: false }),
    );
    expect(error).toMatchObject({ code: 'no-codes-to-validate', field: 'settings.validateCodes' });
  });

  it.each([
    ['enabled', 'yes', 'true or false'],
    ['requireForInternalCalls', 1, 'true or false'],
    ['validateCodes', null, 'true or false'],
    ['allowCallAfterMaxRetries', 'false', 'true or false'],
    ['requiredCallTypes', 'international', '"international", "directoryAssistance", "premiumToll"'],
    ['requiredCallTypes', ['local'], '"international", "directoryAssistance", "premiumToll"'],
    ['requiredCallTypes', ['international', 'international'], 'distinct'],
    ['midCallCode', '50', '"*" followed by 1 to 3 digits'],
    ['midCallCode', '*5000', '"*" followed by 1 to 3 digits'],
  ])('rejects settings.%s = %j naming the field and what it allows', (name, value, allowed) => {
    const error = errorOf(
      saveAccountSettings(configFrom(), {
        settings: { [name]: value },
        enableForAllTrunks: false,
      } as never),
    );
    // A boolean of the wrong type is invalid-type (as in parseConfig); other rules invalid-value.
    const code = allowed === 'true or false' ? 'invalid-type' : 'invalid-value';
    expect(error).toMatchObject({ code, field: `settings.${name}` });
    expect(error.message).toContain(`settings.${name}`);
    expect(error.message).toContain(allowed);
  });

  it('rejects a setting that is not an account setting (unknown-field), naming the allowed ones', () => {
    const error = errorOf(
      saveAccountSettings(configFrom(), {
        settings: { codeLength: 5 },
        enableForAllTrunks: false,
      } as never),
    );
    expect(error).toMatchObject({ code: 'unknown-field', field: 'settings.codeLength' });
    expect(error.message).toContain('enabled, requireForInternalCalls');
  });

  it('rejects an answer to "enable for all trunks?" that is not a boolean', () => {
    expect(errorOf(saveAccountSettings(configFrom(), { settings: {} } as never))).toMatchObject({
      code: 'invalid-type',
      field: 'enableForAllTrunks',
    });
  });

  it('keeps trunk overrides turning allowCallAfterMaxRetries on when the account turns it off, with a warning', () => {
    const before = configFrom({
      ...ACME_JSON,
      account: {
        ...ACME_JSON.account,
        settings: { ...ACME_JSON.account.settings, allowCallAfterMaxRetries: true },
      },
      trunks: [
        { id: 'a', accountCodesEnabled: true, customSettings: { allowCallAfterMaxRetries: true } },
        {
          id: 'b',
          accountCodesEnabled: true,
          customSettings: { allowCallAfterMaxRetries: true, validateCodes: false },
        },
        { id: 'c', accountCodesEnabled: true, customSettings: { allowCallAfterMaxRetries: false } },
      ],
    });
    const { config, report } = successOf(
      saveAccountSettings(before, {
        settings: { allowCallAfterMaxRetries: false },
        enableForAllTrunks: false,
      }),
    );
    // docs/rules.md#administrative-operations: custom settings are kept; resolution ignores the ones now forbidden (docs/rules.md#trunks).
    expect(config.trunks).toEqual(before.trunks);
    expect(
      report.warnings.filter((w) => w.code === 'override-not-allowed').map((w) => w.path[1]),
    ).toEqual([0, 1]);
  });

  it('leaves alone a stored override the account already did not allow (it stays ignored)', () => {
    const before = configFrom({
      ...ACME_JSON,
      trunks: [
        { id: 'a', accountCodesEnabled: true, customSettings: { allowCallAfterMaxRetries: true } },
      ],
    });
    const { config, report } = successOf(
      saveAccountSettings(before, {
        settings: { allowCallAfterMaxRetries: false },
        enableForAllTrunks: false,
      }),
    );
    expect(config.trunks).toEqual(before.trunks);
    expect(report.warnings.map((w) => w.code)).toContain('override-not-allowed');
  });

  it('keeps a trunk override turning allowCallAfterMaxRetries on while the account has it on', () => {
    const before = configFrom({
      ...ACME_JSON,
      account: { ...ACME_JSON.account, settings: { allowCallAfterMaxRetries: true } },
      trunks: [
        { id: 'a', accountCodesEnabled: true, customSettings: { allowCallAfterMaxRetries: true } },
      ],
    });
    const { config, report } = successOf(
      saveAccountSettings(before, { settings: { enabled: true }, enableForAllTrunks: false }),
    );
    expect(config.trunks).toEqual(before.trunks);
    expect(report.warnings.map((w) => w.code)).not.toContain('override-not-allowed');
  });

  it('reports the docs/rules.md#account-settings traps of the saved settings as warnings', () => {
    const { report } = successOf(
      saveAccountSettings(configFrom(), {
        settings: { validateCodes: false },
        enableForAllTrunks: false,
      }),
    );
    expect(report.warnings.map((w) => w.code)).toContain('required-types-without-validation');
  });
});

describe('disableAccountCodes', () => {
  it('turns the master switch off and keeps flags, codes and custom settings when asked to keep them', () => {
    const before = configFrom();
    const { config, report } = successOf(disableAccountCodes(before, { keepCustomSettings: true }));
    expect(report).toEqual({ customSettingsRemoved: [] });
    expect(config).toEqual({
      ...before,
      account: { ...before.account, settings: { ...before.account.settings, enabled: false } },
    });
  });

  it('stops every trunk from prompting', () => {
    const { config } = successOf(disableAccountCodes(configFrom(), { keepCustomSettings: true }));
    for (const trunk of config.trunks) {
      expect(resolveSettings(config, trunk.id)).toMatchObject({ active: false });
    }
  });

  it('deletes every trunk custom setting when asked to, listing those trunks', () => {
    const before = configFrom();
    const { config, report } = successOf(
      disableAccountCodes(before, { keepCustomSettings: false }),
    );
    expect(report).toEqual({ customSettingsRemoved: ['lab'] });
    expect(config.trunks).toEqual([
      { id: 'hq', accountCodesEnabled: true },
      { id: 'lab', accountCodesEnabled: true },
      { id: 'branch', accountCodesEnabled: false },
    ]);
    expect(config.account.codes).toEqual(before.account.codes);
  });

  it('restores every trunk when re-enabled without enabling all trunks', () => {
    const before = configFrom();
    const off = successOf(disableAccountCodes(before, { keepCustomSettings: true }));
    const on = successOf(
      saveAccountSettings(off.config, { settings: { enabled: true }, enableForAllTrunks: false }),
    );
    expect(on.config).toEqual(before);
  });

  it('rejects an answer to "keep custom settings?" that is not a boolean', () => {
    expect(errorOf(disableAccountCodes(configFrom(), {} as never))).toMatchObject({
      code: 'invalid-type',
      field: 'keepCustomSettings',
    });
    expect(
      errorOf(disableAccountCodes(configFrom(), { keepCustomSettings: 'yes' } as never)).message,
    ).toContain('true or false');
  });

  it('rejects input that is not a config with invalid-config', () => {
    expect(
      errorOf(disableAccountCodes(deepFreeze([]) as never, { keepCustomSettings: true })).code,
    ).toBe('invalid-config');
  });
});
