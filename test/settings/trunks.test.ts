import { describe, expect, it } from 'vitest';
import {
  addTrunk,
  clearTrunkCustomSettings,
  disableTrunk,
  enableTrunk,
  setTrunkCustomSettings,
} from '../../src/settings/trunks.js';
import { ACME_JSON, configFrom, errorOf, successOf } from './fixtures.js';

describe('addTrunk', () => {
  it('adds a trunk that starts with account codes off and no custom settings', () => {
    const before = configFrom();
    const { config, report } = successOf(addTrunk(before, { id: 'annex' }));
    expect(report).toEqual({ trunkId: 'annex' });
    expect(config.trunks).toEqual([...before.trunks, { id: 'annex', accountCodesEnabled: false }]);
  });

  it('rejects an id already used in the account (duplicate-trunk-id)', () => {
    const error = errorOf(addTrunk(configFrom(), { id: 'hq' }));
    expect(error).toMatchObject({ code: 'duplicate-trunk-id', field: 'id' });
    expect(error.message).toContain('"hq"');
  });

  it.each([[''], [' hq'], ['hq '], ['x'.repeat(65)], [42]])(
    'rejects the id %j with invalid-value naming what ids allow',
    (id) => {
      const error = errorOf(addTrunk(configFrom(), { id } as never));
      expect(error).toMatchObject({ code: 'invalid-value', field: 'id' });
      expect(error.message).toContain('a non-empty string of up to 64 characters');
    },
  );

  it('refuses to start a trunk enabled: accountCodesEnabled is not an option (unknown-field)', () => {
    expect(
      errorOf(addTrunk(configFrom(), { id: 'annex', accountCodesEnabled: true } as never)),
    ).toMatchObject({ code: 'unknown-field', field: 'accountCodesEnabled' });
  });
});

describe('enableTrunk and disableTrunk', () => {
  it('turns a trunk on, leaving the other trunks as they are', () => {
    const before = configFrom();
    const { config, report } = successOf(enableTrunk(before, 'branch'));
    expect(report).toEqual({ changed: true });
    expect(config.trunks[2]).toEqual({ id: 'branch', accountCodesEnabled: true });
    expect(config.trunks.slice(0, 2)).toEqual(before.trunks.slice(0, 2));
  });

  it('turns a trunk off and keeps its custom settings', () => {
    const { config } = successOf(disableTrunk(configFrom(), 'lab'));
    expect(config.trunks[1]).toEqual({
      id: 'lab',
      accountCodesEnabled: false,
      customSettings: { validateCodes: false },
    });
  });

  it('reports no change and returns the same config when the flag already is as asked', () => {
    const before = configFrom();
    expect(enableTrunk(before, 'hq')).toEqual({
      ok: true,
      config: before,
      report: { changed: false },
    });
    expect(disableTrunk(before, 'branch')).toEqual({
      ok: true,
      config: before,
      report: { changed: false },
    });
  });

  it('rejects an unknown trunk (unknown-trunk), naming it and the known trunks', () => {
    for (const operation of [enableTrunk, disableTrunk]) {
      const error = errorOf(operation(configFrom(), 'nowhere'));
      expect(error).toMatchObject({ code: 'unknown-trunk', field: 'trunkId' });
      expect(error.message).toMatch(/"nowhere".*"hq", "lab", "branch"/);
    }
  });

  it('rejects a trunk id that is not a string with invalid-value', () => {
    expect(errorOf(enableTrunk(configFrom(), 7 as never))).toMatchObject({
      code: 'invalid-value',
      field: 'trunkId',
    });
  });
});

describe('setTrunkCustomSettings', () => {
  it('replaces the custom settings of a trunk with the ones given', () => {
    const { config, report } = successOf(
      setTrunkCustomSettings(configFrom(), 'lab', {
        requireForInternalCalls: true,
        requiredCallTypes: ['directoryAssistance'],
      }),
    );
    expect(report.changed).toBe(true);
    expect(config.trunks[1]?.customSettings).toEqual({
      requireForInternalCalls: true,
      requiredCallTypes: ['directoryAssistance'],
    });
  });

  it('accepts each of the four customisable settings', () => {
    const { config } = successOf(
      setTrunkCustomSettings(configFrom(), 'hq', {
        requireForInternalCalls: true,
        validateCodes: true,
        allowCallAfterMaxRetries: false,
        requiredCallTypes: [],
      }),
    );
    expect(config.trunks[0]?.customSettings).toEqual({
      requireForInternalCalls: true,
      validateCodes: true,
      allowCallAfterMaxRetries: false,
      requiredCallTypes: [],
    });
  });

  it('removes the custom settings altogether when given none', () => {
    const { config } = successOf(setTrunkCustomSettings(configFrom(), 'lab', {}));
    expect(config.trunks[1]).toEqual({ id: 'lab', accountCodesEnabled: true });
  });

  it('reports no change when the custom settings already are the ones given', () => {
    const before = configFrom();
    const result = successOf(setTrunkCustomSettings(before, 'lab', { validateCodes: false }));
    expect(result.report.changed).toBe(false);
    expect(result.config).toBe(before);
  });

  it('rejects turning allowCallAfterMaxRetries on over an account that has it off (override-not-allowed)', () => {
    const error = errorOf(
      setTrunkCustomSettings(configFrom(), 'hq', { allowCallAfterMaxRetries: true }),
    );
    expect(error).toMatchObject({
      code: 'override-not-allowed',
      field: 'customSettings.allowCallAfterMaxRetries',
    });
    expect(error.message).toContain('false');
  });

  it('lets a trunk turn allowCallAfterMaxRetries off, or on when the account has it on', () => {
    const allowing = configFrom({
      ...ACME_JSON,
      account: { ...ACME_JSON.account, settings: { allowCallAfterMaxRetries: true } },
    });
    expect(setTrunkCustomSettings(allowing, 'hq', { allowCallAfterMaxRetries: false }).ok).toBe(
      true,
    );
    expect(setTrunkCustomSettings(allowing, 'hq', { allowCallAfterMaxRetries: true }).ok).toBe(
      true,
    );
    expect(setTrunkCustomSettings(configFrom(), 'hq', { allowCallAfterMaxRetries: false }).ok).toBe(
      true,
    );
  });

  it('rejects turning validation on for a trunk of an account with no codes (no-codes-to-validate)', () => {
    const noCodes = configFrom({
      ...ACME_JSON,
      account: { ...ACME_JSON.account, codes: [], settings: {} },
      trunks: [{ id: 'hq' }],
    });
    expect(errorOf(setTrunkCustomSettings(noCodes, 'hq', { validateCodes: true }))).toMatchObject({
      code: 'no-codes-to-validate',
      field: 'customSettings.validateCodes',
    });
  });

  it.each([
    ['codeLength', 5],
    ['maxRetries', 2],
    ['midCallCode', '*7'],
    ['enabled', true],
    ['dialPlan', {}],
    ['codes', []],
    ['colour', 'red'],
  ])(
    'rejects customising %s on a trunk (not-customisable), naming the settings a trunk may customise',
    (name, value) => {
      const error = errorOf(setTrunkCustomSettings(configFrom(), 'hq', { [name]: value } as never));
      expect(error).toMatchObject({ code: 'not-customisable', field: `customSettings.${name}` });
      expect(error.message).toContain(
        'requireForInternalCalls, validateCodes, allowCallAfterMaxRetries, requiredCallTypes',
      );
    },
  );

  it.each([
    ['validateCodes', 'yes'],
    ['requireForInternalCalls', 0],
    ['allowCallAfterMaxRetries', null],
    ['requiredCallTypes', ['local']],
    ['requiredCallTypes', {}],
  ])('rejects customSettings.%s = %j naming the field', (name, value) => {
    const error = errorOf(setTrunkCustomSettings(configFrom(), 'hq', { [name]: value } as never));
    const code = name === 'requiredCallTypes' ? 'invalid-value' : 'invalid-type';
    expect(error).toMatchObject({ code, field: `customSettings.${name}` });
    expect(error.message).toContain(`customSettings.${name} must be`);
  });

  it('rejects custom settings that are not an object with invalid-value', () => {
    expect(errorOf(setTrunkCustomSettings(configFrom(), 'hq', [] as never))).toMatchObject({
      code: 'invalid-value',
      field: 'customSettings',
    });
  });

  it('rejects an unknown trunk (unknown-trunk)', () => {
    expect(errorOf(setTrunkCustomSettings(configFrom(), 'nowhere', {})).code).toBe('unknown-trunk');
  });

  it('reports the docs/rules.md#account-settings traps its custom settings create as warnings', () => {
    const allowing = configFrom({
      ...ACME_JSON,
      account: { ...ACME_JSON.account, settings: { allowCallAfterMaxRetries: true } },
    });
    const { report } = successOf(setTrunkCustomSettings(allowing, 'hq', { validateCodes: true }));
    expect(report.warnings.map((w) => w.code)).toContain('bypass-after-max-retries');
  });
});

describe('clearTrunkCustomSettings', () => {
  it('makes the trunk inherit every setting from the account again', () => {
    const { config, report } = successOf(clearTrunkCustomSettings(configFrom(), 'lab'));
    expect(report).toEqual({ changed: true });
    expect(config.trunks[1]).toEqual({ id: 'lab', accountCodesEnabled: true });
  });

  it('reports no change for a trunk without custom settings', () => {
    const before = configFrom();
    expect(clearTrunkCustomSettings(before, 'hq')).toEqual({
      ok: true,
      config: before,
      report: { changed: false },
    });
  });

  it('rejects an unknown trunk (unknown-trunk)', () => {
    expect(errorOf(clearTrunkCustomSettings(configFrom(), 'nowhere')).code).toBe('unknown-trunk');
  });
});
