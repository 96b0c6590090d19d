/**
 * The `unattendedCalls` setting (docs/rules.md#calls-nobody-can-key): its
 * shape, its default, a trunk's override, the code it names, and the warning
 * for `connect` where codes are validated.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { resolveSettings } from '../../src/settings/resolve.js';
import { setTrunkCustomSettings } from '../../src/settings/trunks.js';

function file(settings: object, custom?: object, more: object = {}) {
  return {
    account: {
      codeLength: 4,
      maxRetries: 3,
      settings: { enabled: true, ...settings },
      codes: [{ code: '1234' }, { code: '2001' }],
      ...more,
    },
    trunks: [
      { id: 'hq', accountCodesEnabled: true },
      {
        id: 'fax',
        accountCodesEnabled: true,
        ...(custom === undefined ? {} : { customSettings: custom }),
      },
    ],
  };
}

function problems(input: unknown) {
  const parsed = parseConfig(input);
  return parsed.ok ? [] : parsed.issues.map((i) => [i.code, i.path.join('.'), i.message]);
}

describe('unattendedCalls', () => {
  it('defaults to "end", and a trunk may customise it, with provenance', () => {
    const parsed = parseConfig(file({}, { unattendedCalls: 'connect' }));
    if (!parsed.ok) expect.fail(parsed.issues[0]?.message);
    expect(parsed.config.account.settings.unattendedCalls).toBe('end');
    const hq = resolveSettings(parsed.config, 'hq');
    const fax = resolveSettings(parsed.config, 'fax');
    expect(hq.ok && [hq.settings.unattendedCalls, hq.provenance.unattendedCalls]).toEqual([
      'end',
      'account',
    ]);
    expect(fax.ok && [fax.settings.unattendedCalls, fax.provenance.unattendedCalls]).toEqual([
      'connect',
      'trunk',
    ]);
  });

  it('takes "end", "connect" or { code }, and names what it allows otherwise', () => {
    expect(problems(file({ unattendedCalls: 'prompt' }))).toEqual([
      [
        'invalid-value',
        'account.settings.unattendedCalls',
        'account.settings.unattendedCalls must be "end", "connect", or { "code": "…" } with a code of the account; got "prompt"',
      ],
    ]);
    expect(problems(file({ unattendedCalls: { code: '1234', name: 'x' } }))[0]?.[0]).toBe(
      'unknown-field',
    );
  });

  it('refuses a { code } that is not codeLength digits, validating or not', () => {
    expect(problems(file({ unattendedCalls: { code: '12345' } }))).toEqual([
      [
        'invalid-code',
        'account.settings.unattendedCalls.code',
        'account.settings.unattendedCalls.code must be a string of exactly 4 ASCII digits (account.codeLength); got "12345"',
      ],
    ]);
  });

  it('refuses a { code } not on the list where codes are validated, at the level that sets it', () => {
    const notListed =
      'is "9999", which is not in account.codes, and codes are validated where it applies; use a code of the list, or "end"';
    expect(problems(file({ validateCodes: true, unattendedCalls: { code: '9999' } }))).toEqual([
      [
        'unattended-code-not-on-list',
        'account.settings.unattendedCalls.code',
        `account.settings.unattendedCalls.code ${notListed}`,
      ],
    ]);
    // Tracking: any code of the right length tags the call.
    expect(problems(file({ unattendedCalls: { code: '9999' } }))).toEqual([]);
    // Validated only on a trunk that inherits the account's { code }.
    expect(problems(file({ unattendedCalls: { code: '9999' } }, { validateCodes: true }))).toEqual([
      [
        'unattended-code-not-on-list',
        'account.settings.unattendedCalls.code',
        `account.settings.unattendedCalls.code ${notListed}`,
      ],
    ]);
    // A trunk's own { code } under the account's validation.
    expect(problems(file({ validateCodes: true }, { unattendedCalls: { code: '9999' } }))).toEqual([
      [
        'unattended-code-not-on-list',
        'trunks.1.customSettings.unattendedCalls.code',
        `trunks[1].customSettings.unattendedCalls.code ${notListed}`,
      ],
    ]);
    // A trunk that turns validation off may carry any code of the right length.
    expect(
      problems(
        file({ validateCodes: true }, { validateCodes: false, unattendedCalls: { code: '9999' } }),
      ),
    ).toEqual([]);
    expect(problems(file({ validateCodes: true, unattendedCalls: { code: '2001' } }))).toEqual([]);
  });

  it('warns about "connect" wherever codes are validated: a bypass', () => {
    const parsed = parseConfig(file({ validateCodes: true }, { unattendedCalls: 'connect' }));
    if (!parsed.ok) expect.fail(parsed.issues[0]?.message);
    expect(parsed.warnings.filter((w) => w.code === 'unattended-bypass')).toEqual([
      {
        code: 'unattended-bypass',
        path: ['trunks', 1, 'customSettings'],
        message:
          'trunks[1].customSettings: unattendedCalls is "connect" while validateCodes is on, so a forwarded, follow-me or transferred call reaches any gated destination with no code at all (forward a phone to a premium number and call it); use "end", or { "code": "…" } to bill such calls to one code',
      },
    ]);
    const tracking = parseConfig(file({ unattendedCalls: 'connect' }));
    expect(tracking.ok && tracking.warnings.map((w) => w.code)).not.toContain('unattended-bypass');
  });

  it('is a setting the administrative operations take and check', () => {
    const parsed = parseConfig(file({}));
    if (!parsed.ok) expect.fail(parsed.issues[0]?.message);
    const saved = setTrunkCustomSettings(parsed.config, 'fax', {
      unattendedCalls: { code: '1234' },
    });
    expect(saved.ok && saved.config.trunks[1]?.customSettings).toEqual({
      unattendedCalls: { code: '1234' },
    });
    const bad = setTrunkCustomSettings(parsed.config, 'fax', { unattendedCalls: 'ring' } as never);
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid-value', field: 'customSettings.unattendedCalls' },
    });
  });
});

describe('the administrative operations keep unattendedCalls { code } on the list where validated', () => {
  it('refuses saving, customising or removing what would leave it off the list', async () => {
    const { saveAccountSettings } = await import('../../src/settings/account.js');
    const { removeCode } = await import('../../src/settings/codes.js');
    const parsed = parseConfig(file({ validateCodes: true, unattendedCalls: { code: '1234' } }));
    if (!parsed.ok) expect.fail(parsed.issues[0]?.message);
    const { config } = parsed;
    expect(removeCode(config, '1234')).toMatchObject({
      ok: false,
      error: {
        code: 'unattended-code-not-on-list',
        field: 'account.settings.unattendedCalls.code',
      },
    });
    expect(removeCode(config, '2001').ok).toBe(true);
    expect(
      saveAccountSettings(config, {
        settings: { unattendedCalls: { code: '5555' } },
        enableForAllTrunks: false,
      }),
    ).toMatchObject({ ok: false, error: { code: 'unattended-code-not-on-list' } });
    expect(
      setTrunkCustomSettings(config, 'fax', { unattendedCalls: { code: '5555' } }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'unattended-code-not-on-list',
        field: 'trunks.1.customSettings.unattendedCalls.code',
      },
    });
    expect(
      setTrunkCustomSettings(config, 'fax', {
        validateCodes: false,
        unattendedCalls: { code: '5555' },
      }).ok,
    ).toBe(true);
  });
});
