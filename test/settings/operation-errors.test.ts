/**
 * The account and trunk operations (docs/rules.md#enabling-the-account, docs/rules.md#account-settings, docs/rules.md#trunks, docs/rules.md#resolution and docs/rules.md#administrative-operations): the sentence of each of
 * their typed errors, and the rules that need two facts (validation and codes,
 * an override and the account's own value) in both directions.
 */
import { describe, expect, it } from 'vitest';
import { disableAccountCodes, saveAccountSettings } from '../../src/settings/account.js';
import { resolveSettings } from '../../src/settings/resolve.js';
import {
  addTrunk,
  clearTrunkCustomSettings,
  setTrunkCustomSettings,
} from '../../src/settings/trunks.js';
import { ACME_JSON, configFrom, errorOf, successOf } from './fixtures.js';

const noCodes = configFrom({
  ...ACME_JSON,
  account: { ...ACME_JSON.account, codes: [], settings: { enabled: true } },
  trunks: [{ id: 'hq', accountCodesEnabled: true }],
});

describe('saveAccountSettings', () => {
  it('says validation needs a code, and lets validation stay off without codes', () => {
    expect(
      errorOf(
        saveAccountSettings(noCodes, {
          settings: { validateCodes: true },
          enableForAllTrunks: false,
        }),
      ),
    ).toEqual({
      code: 'no-codes-to-validate',
      field: 'settings.validateCodes',
      message:
        'settings.validateCodes can only be true when the account has at least one code; add a code first, or leave it false',
    });
    const { config } = successOf(
      saveAccountSettings(noCodes, {
        settings: { validateCodes: false, enabled: false },
        enableForAllTrunks: false,
      }),
    );
    expect(config.account.settings.enabled).toBe(false);
    const withCodes = successOf(
      saveAccountSettings(configFrom(), {
        settings: { validateCodes: true },
        enableForAllTrunks: false,
      }),
    );
    expect(withCodes.config.account.settings.validateCodes).toBe(true);
  });

  it('reports the warnings of the saved settings, not of the old ones', () => {
    const { report } = successOf(
      saveAccountSettings(configFrom(), {
        settings: { lockout: false },
        enableForAllTrunks: false,
      }),
    );
    expect(report.warnings.map((w) => w.code)).toEqual([
      'required-types-without-validation', // the lab trunk turns validation off
      'lockout-off',
    ]);
  });
});

describe('disableAccountCodes', () => {
  it('turns only the master switch off and deletes only the custom settings there are', () => {
    const before = configFrom();
    const { config, report } = successOf(
      disableAccountCodes(before, { keepCustomSettings: false }),
    );
    expect(report).toEqual({ customSettingsRemoved: ['lab'] });
    expect(config.account.settings).toEqual({ ...before.account.settings, enabled: false });
    expect(config.trunks).toEqual([
      { id: 'hq', accountCodesEnabled: true },
      { id: 'lab', accountCodesEnabled: true },
      { id: 'branch', accountCodesEnabled: false },
    ]);
    expect(config.trunks[0]).toBe(before.trunks[0]);
  });

  it('keeps every trunk as it is when asked to keep custom settings', () => {
    const before = configFrom();
    const { config, report } = successOf(disableAccountCodes(before, { keepCustomSettings: true }));
    expect(report).toEqual({ customSettingsRemoved: [] });
    expect(config.trunks).toBe(before.trunks);
    expect(resolveSettings(config, 'hq')).toMatchObject({
      active: false,
      inactiveReason: 'account-disabled',
    });
  });
});

describe('trunk operations', () => {
  it('says which trunk id already exists', () => {
    expect(errorOf(addTrunk(configFrom(), { id: 'lab' }))).toEqual({
      code: 'duplicate-trunk-id',
      field: 'id',
      message: 'id must be unique in the account; a trunk "lab" already exists',
    });
  });

  it('says what a trunk may customise when given an account-wide setting', () => {
    expect(
      errorOf(setTrunkCustomSettings(configFrom(), 'hq', { midCallCode: '*7' } as never)),
    ).toEqual({
      code: 'not-customisable',
      field: 'customSettings.midCallCode',
      message:
        'customSettings.midCallCode cannot be customised on a trunk: "midCallCode" is account-wide or unknown; a trunk may customise only requireForInternalCalls, validateCodes, allowCallAfterMaxRetries, requiredCallTypes, unattendedCalls',
    });
  });

  it('says what custom settings must be when they are not an object', () => {
    expect(errorOf(setTrunkCustomSettings(configFrom(), 'hq', null as never))).toEqual({
      code: 'invalid-value',
      field: 'customSettings',
      message:
        'customSettings must be an object with any of the fields requireForInternalCalls, validateCodes, allowCallAfterMaxRetries, requiredCallTypes, unattendedCalls; got null',
    });
  });

  it('says a trunk may only turn allowCallAfterMaxRetries off', () => {
    expect(
      errorOf(setTrunkCustomSettings(configFrom(), 'hq', { allowCallAfterMaxRetries: true })),
    ).toEqual({
      code: 'override-not-allowed',
      field: 'customSettings.allowCallAfterMaxRetries',
      message:
        'customSettings.allowCallAfterMaxRetries can only be false (or absent) while the account has allowCallAfterMaxRetries off: a trunk may turn it off, never on',
    });
  });

  it('reports the warnings of the config also when nothing changed', () => {
    const allowing = configFrom({
      ...ACME_JSON,
      account: {
        ...ACME_JSON.account,
        settings: { ...ACME_JSON.account.settings, allowCallAfterMaxRetries: true },
      },
      trunks: [{ id: 'hq', accountCodesEnabled: true, customSettings: { validateCodes: true } }],
    });
    const { config, report } = successOf(
      setTrunkCustomSettings(allowing, 'hq', { validateCodes: true }),
    );
    expect(config).toBe(allowing);
    expect(report.changed).toBe(false);
    expect(report.warnings.map((w) => [w.code, w.path.join('.')])).toEqual([
      ['bypass-after-max-retries', 'account.settings'],
      ['bypass-after-max-retries', 'trunks.0.customSettings'],
    ]);
  });

  it('keeps only the custom settings given, leaving no empty object behind when cleared', () => {
    const { config } = successOf(
      setTrunkCustomSettings(configFrom(), 'lab', { requireForInternalCalls: true }),
    );
    expect(config.trunks[1]).toEqual({
      id: 'lab',
      accountCodesEnabled: true,
      customSettings: { requireForInternalCalls: true },
    });
    const cleared = successOf(clearTrunkCustomSettings(config, 'lab'));
    expect(cleared.config.trunks[1]).toEqual({ id: 'lab', accountCodesEnabled: true });
    expect(Object.keys(cleared.config.trunks[1] ?? {})).toEqual(['id', 'accountCodesEnabled']);
  });
});
