/**
 * `setTrunkCustomSettings` reports `changed: false`, and hands back the very
 * config it was given, only when the stored custom settings already are the
 * ones asked for; a list of call types counts as the same only item by item.
 */
import { describe, expect, it } from 'vitest';
import { setTrunkCustomSettings } from '../../src/settings/trunks.js';
import { ACME_JSON, configFrom, errorOf, successOf } from './fixtures.js';

const stored = configFrom({
  ...ACME_JSON,
  trunks: [
    {
      id: 'hq',
      accountCodesEnabled: true,
      customSettings: { requiredCallTypes: ['international', 'premiumToll'] },
    },
    { id: 'lab', accountCodesEnabled: true },
  ],
});

describe('setTrunkCustomSettings: is it a change?', () => {
  it('is no change for the same call types in the same order, and returns the input', () => {
    const result = successOf(
      setTrunkCustomSettings(stored, 'hq', { requiredCallTypes: ['international', 'premiumToll'] }),
    );
    expect(result.report.changed).toBe(false);
    expect(result.config).toBe(stored);
  });

  it.each([
    ['a shorter list', ['international']],
    ['a longer list', ['international', 'premiumToll', 'directoryAssistance']],
    ['the same length with another type', ['international', 'directoryAssistance']],
    ['the same types in another order', ['premiumToll', 'international']],
    ['an empty list', []],
  ])('is a change for %s', (_, requiredCallTypes) => {
    const result = successOf(setTrunkCustomSettings(stored, 'hq', { requiredCallTypes } as never));
    expect(result.report.changed).toBe(true);
    expect(result.config.trunks[0]?.customSettings).toEqual({ requiredCallTypes });
    expect(result.config.trunks[1]).toBe(stored.trunks[1]);
  });

  it('is a change from no custom settings to an empty call type list (which overrides)', () => {
    const result = successOf(setTrunkCustomSettings(stored, 'lab', { requiredCallTypes: [] }));
    expect(result.report.changed).toBe(true);
    expect(result.config.trunks[1]?.customSettings).toEqual({ requiredCallTypes: [] });
  });

  it('lets a trunk turn validation on when the account has codes', () => {
    const result = successOf(setTrunkCustomSettings(stored, 'lab', { validateCodes: true }));
    expect(result.config.trunks[1]?.customSettings).toEqual({ validateCodes: true });
  });

  it('says why validation cannot be turned on for a trunk of an account without codes', () => {
    const noCodes = configFrom({
      ...ACME_JSON,
      account: { ...ACME_JSON.account, codes: [], settings: {} },
      trunks: [{ id: 'hq' }],
    });
    expect(errorOf(setTrunkCustomSettings(noCodes, 'hq', { validateCodes: true }))).toEqual({
      code: 'no-codes-to-validate',
      field: 'customSettings.validateCodes',
      message:
        'customSettings.validateCodes can only be true when the account has at least one code; add a code first, or leave it false or absent',
    });
    expect(
      successOf(setTrunkCustomSettings(noCodes, 'hq', { validateCodes: false })).report.changed,
    ).toBe(true);
  });
});
