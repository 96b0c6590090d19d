import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings/resolve.js';
import { ACME_JSON, configFrom } from './fixtures.js';

function withTrunks(trunks: unknown[], settings: Record<string, unknown> = {}) {
  return configFrom({
    ...ACME_JSON,
    account: { ...ACME_JSON.account, settings: { ...ACME_JSON.account.settings, ...settings } },
    trunks,
  });
}

describe('resolveSettings', () => {
  it('gives a trunk without custom settings every account setting, each from the account', () => {
    const resolved = resolveSettings(configFrom(), 'hq');
    expect(resolved).toEqual({
      ok: true,
      trunkId: 'hq',
      active: true,
      settings: {
        requireForInternalCalls: false,
        validateCodes: true,
        allowCallAfterMaxRetries: false,
        requiredCallTypes: ['international', 'premiumToll'],
        unattendedCalls: 'end',
        codeLength: 4,
        maxRetries: 3,
        midCallCode: '*50',
      },
      provenance: {
        requireForInternalCalls: 'account',
        validateCodes: 'account',
        allowCallAfterMaxRetries: 'account',
        requiredCallTypes: 'account',
        unattendedCalls: 'account',
        codeLength: 'account',
        maxRetries: 'account',
        midCallCode: 'account',
      },
      ignored: [],
    });
  });

  it('lets a present custom value override the account and an absent one inherit it', () => {
    const resolved = resolveSettings(configFrom(), 'lab');
    if (!resolved.ok) expect.fail(resolved.error.message);
    expect(resolved.settings.validateCodes).toBe(false);
    expect(resolved.provenance.validateCodes).toBe('trunk');
    expect(resolved.settings.requiredCallTypes).toEqual(['international', 'premiumToll']);
    expect(resolved.provenance.requiredCallTypes).toBe('account');
  });

  it('replaces the account required call types as a whole with a custom set, even an empty one', () => {
    const config = withTrunks([
      { id: 't', accountCodesEnabled: true, customSettings: { requiredCallTypes: [] } },
    ]);
    const resolved = resolveSettings(config, 't');
    if (!resolved.ok) expect.fail(resolved.error.message);
    expect(resolved.settings.requiredCallTypes).toEqual([]);
    expect(resolved.provenance.requiredCallTypes).toBe('trunk');
  });

  it('lets a trunk turn allowCallAfterMaxRetries off when the account has it on', () => {
    const config = withTrunks(
      [{ id: 't', accountCodesEnabled: true, customSettings: { allowCallAfterMaxRetries: false } }],
      { allowCallAfterMaxRetries: true },
    );
    const resolved = resolveSettings(config, 't');
    if (!resolved.ok) expect.fail(resolved.error.message);
    expect(resolved.settings.allowCallAfterMaxRetries).toBe(false);
    expect(resolved.provenance.allowCallAfterMaxRetries).toBe('trunk');
    expect(resolved.ignored).toEqual([]);
  });

  it('ignores a stored override turning allowCallAfterMaxRetries on over an account that has it off, and says why', () => {
    const config = withTrunks([
      { id: 't', accountCodesEnabled: true, customSettings: { allowCallAfterMaxRetries: true } },
    ]);
    const resolved = resolveSettings(config, 't');
    if (!resolved.ok) expect.fail(resolved.error.message);
    expect(resolved.settings.allowCallAfterMaxRetries).toBe(false);
    expect(resolved.provenance.allowCallAfterMaxRetries).toBe('account');
    expect(resolved.ignored).toEqual([
      {
        code: 'override-not-allowed',
        setting: 'allowCallAfterMaxRetries',
        value: true,
        message: expect.stringContaining('allowCallAfterMaxRetries'),
      },
    ]);
  });

  it('keeps codeLength, maxRetries and midCallCode account-wide', () => {
    const resolved = resolveSettings(configFrom(), 'lab');
    if (!resolved.ok) expect.fail(resolved.error.message);
    expect(resolved.settings).toMatchObject({ codeLength: 4, maxRetries: 3, midCallCode: '*50' });
  });

  it('is inactive on an enabled trunk when the account is disabled', () => {
    const resolved = resolveSettings(
      withTrunks([{ id: 't', accountCodesEnabled: true }], { enabled: false }),
      't',
    );
    expect(resolved).toMatchObject({ ok: true, active: false, inactiveReason: 'account-disabled' });
  });

  it('is inactive on a disabled trunk of an enabled account', () => {
    const resolved = resolveSettings(configFrom(), 'branch');
    expect(resolved).toMatchObject({ ok: true, active: false, inactiveReason: 'trunk-disabled' });
  });

  it('has no inactive reason on an active trunk', () => {
    const resolved = resolveSettings(configFrom(), 'hq');
    expect(resolved.ok && 'inactiveReason' in resolved).toBe(false);
  });

  it('rejects an unknown trunk with a typed error naming it and the known trunks', () => {
    const resolved = resolveSettings(configFrom(), 'nowhere');
    expect(resolved).toEqual({
      ok: false,
      error: {
        code: 'unknown-trunk',
        trunkId: 'nowhere',
        message: expect.stringMatching(/"nowhere".*"hq", "lab", "branch"/),
      },
    });
  });
});
