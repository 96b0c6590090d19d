/**
 * `resolveSettings` keeps an answer only when every object it read is frozen:
 * a config frozen all but one part is resolved afresh on every call, and
 * shows a change to that part.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { resolveSettings } from '../../src/settings/resolve.js';

// biome-ignore lint/suspicious/noExplicitAny: a config edited freely below, as an untyped caller would
type Loose = any;

function base(): Loose {
  return {
    account: {
      codeLength: 4,
      maxRetries: 3,
      settings: {
        enabled: true,
        requireForInternalCalls: false,
        validateCodes: false,
        allowCallAfterMaxRetries: false,
        requiredCallTypes: ['premiumToll'],
        midCallCode: '*50',
      },
      codes: [{ code: '1234' }],
    },
    trunks: [
      {
        id: 'hq',
        accountCodesEnabled: true,
        customSettings: { requireForInternalCalls: true, requiredCallTypes: ['international'] },
      },
      { id: 'lab', accountCodesEnabled: true, customSettings: { requiredCallTypes: [] } },
    ],
  };
}

/** Freezes every object in `value` except `keep`, which stays open to change. */
function freezeAllBut(value: Loose, keep: unknown): Loose {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) freezeAllBut(value[key], keep);
    if (value !== keep) Object.freeze(value);
  }
  return value;
}

function resolved(config: Loose) {
  const result = resolveSettings(config as Config, 'hq');
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('resolveSettings on a config frozen all but one part', () => {
  it.each<
    [string, (c: Loose) => unknown, (c: Loose) => void, (r: ReturnType<typeof resolved>) => unknown]
  >([
    [
      'the config',
      (c) => c,
      (c) => {
        c.trunks = [{ id: 'hq', accountCodesEnabled: false }];
      },
      (r) => r.inactiveReason,
    ],
    [
      'the account',
      (c) => c.account,
      (c) => {
        c.account.settings = { ...c.account.settings, enabled: false };
      },
      (r) => r.inactiveReason,
    ],
    [
      'the account settings',
      (c) => c.account.settings,
      (c) => {
        c.account.settings.validateCodes = true;
      },
      (r) => r.settings.validateCodes,
    ],
    [
      'the account call types',
      (c) => c.account.settings.requiredCallTypes,
      (c) => {
        c.account.settings.requiredCallTypes.push('directoryAssistance');
      },
      (r) => r.settings.requiredCallTypes,
    ],
    [
      'the trunk list',
      (c) => c.trunks,
      (c) => {
        c.trunks[0] = { id: 'hq', accountCodesEnabled: false };
      },
      (r) => r.inactiveReason,
    ],
    [
      'the trunk',
      (c) => c.trunks[0],
      (c) => {
        c.trunks[0].accountCodesEnabled = false;
      },
      (r) => r.inactiveReason,
    ],
    [
      'the custom settings',
      (c) => c.trunks[0].customSettings,
      (c) => {
        c.trunks[0].customSettings.requireForInternalCalls = false;
      },
      (r) => r.settings.requireForInternalCalls,
    ],
    [
      'the custom call types',
      (c) => c.trunks[0].customSettings.requiredCallTypes,
      (c) => {
        c.trunks[0].customSettings.requiredCallTypes.push('premiumToll');
      },
      (r) => r.settings.requiredCallTypes,
    ],
  ])('shows a change to %s made after resolving', (part, open, change, read) => {
    const config = base();
    // The trunk's own call types would hide the account's: let it inherit them for that case.
    if (part === 'the account call types') delete config.trunks[0].customSettings.requiredCallTypes;
    freezeAllBut(config, open(config));
    // Documented: such a config is resolved afresh on every call, never from the cache.
    expect(resolved(config)).not.toBe(resolved(config));
    const before = structuredClone(read(resolved(config)));
    change(config);
    expect(read(resolved(config))).not.toEqual(before);
  });

  it('keeps its answer for a config frozen all the way down', () => {
    const config = freezeAllBut(base(), undefined);
    expect(resolved(config)).toBe(resolved(config));
  });
});
