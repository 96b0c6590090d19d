/**
 * The guard every administrative operation runs on its config argument
 * (`invalid-config`, docs/rules.md#administrative-operations): each part of the shape it checks, with the
 * sentence that says which part is wrong, and the valid shapes it lets through.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { addTrunk } from '../../src/settings/trunks.js';
import { configFrom, errorOf, successOf } from './fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: an untyped caller's value, edited freely below
type Loose = any;

/** A mutable copy of the docs/rules.md#the-config-file-and-the-cli example, changed by `edit`, as an untyped caller would pass it. */
function broken(edit: (config: Record<string, Loose>) => void): Config {
  const config = structuredClone(configFrom()) as Record<string, Loose>;
  edit(config);
  return config as Config;
}

const PREFIX = 'config must be a configuration returned by parseConfig; ';

describe('the config shape guard of the administrative operations', () => {
  it.each<[string, (config: Record<string, Loose>) => void, string]>([
    ['account is missing', (c) => delete c.account, 'account is not an object'],
    ['account is an array', (c) => (c.account = []), 'account is not an object'],
    [
      'codeLength is not an integer',
      (c) => (c.account.codeLength = 4.5),
      'account.codeLength and account.maxRetries must be integers',
    ],
    [
      'maxRetries is not an integer',
      (c) => (c.account.maxRetries = '3'),
      'account.codeLength and account.maxRetries must be integers',
    ],
    [
      'settings is missing',
      (c) => delete c.account.settings,
      'account.settings is not a complete set of account settings',
    ],
    [
      'one account setting is missing',
      (c) => delete c.account.settings.postCallTagMinutes,
      'account.settings is not a complete set of account settings',
    ],
    [
      'one account setting has a bad value',
      (c) => (c.account.settings.midCallCode = '50'),
      'account.settings is not a complete set of account settings',
    ],
    ['codes is not a list', (c) => (c.account.codes = {}), 'account.codes is not a list of codes'],
    [
      'a code entry has no string code',
      (c) => (c.account.codes[1] = { code: 420 }),
      'account.codes is not a list of codes',
    ],
    [
      'the code list has a hole',
      (c) => {
        const [first, second] = c.account.codes;
        c.account.codes = [first];
        c.account.codes[2] = second;
      },
      'account.codes is not a list of codes',
    ],
    ['trunks is missing', (c) => delete c.trunks, 'trunks is not a list of trunks'],
    ['a trunk is not an object', (c) => (c.trunks[2] = 'branch'), 'trunks is not a list of trunks'],
    ['a trunk is null', (c) => (c.trunks[0] = null), 'trunks is not a list of trunks'],
    ['a trunk id is not a string', (c) => (c.trunks[0].id = 1), 'trunks is not a list of trunks'],
    [
      'a trunk flag is not a boolean',
      (c) => (c.trunks[2].accountCodesEnabled = 'no'),
      'trunks is not a list of trunks',
    ],
    [
      'a trunk flag is missing',
      (c) => delete c.trunks[0].accountCodesEnabled,
      'trunks is not a list of trunks',
    ],
    [
      'custom settings are not an object',
      (c) => (c.trunks[1].customSettings = 'none'),
      'trunks is not a list of trunks',
    ],
    [
      'custom settings are null',
      (c) => (c.trunks[1].customSettings = null),
      'trunks is not a list of trunks',
    ],
    [
      'custom settings are a list',
      (c) => (c.trunks[1].customSettings = []),
      'trunks is not a list of trunks',
    ],
    [
      'custom settings hold a setting a trunk cannot customise',
      (c) => (c.trunks[1].customSettings = { validateCodes: false, midCallCode: '*7' }),
      'trunks is not a list of trunks',
    ],
    [
      'a custom setting has a bad value',
      (c) => (c.trunks[1].customSettings = { validateCodes: 'no' }),
      'trunks is not a list of trunks',
    ],
  ])('rejects a config whose %s, saying so', (_, edit, what) => {
    expect(errorOf(addTrunk(broken(edit), { id: 'annex' }))).toEqual({
      code: 'invalid-config',
      field: 'config',
      message: `${PREFIX}${what}`,
    });
  });

  it('rejects a value that is not an object at all', () => {
    for (const value of [null, 'config', []]) {
      expect(errorOf(addTrunk(value as never, { id: 'annex' })).message).toBe(
        `${PREFIX}got no object`,
      );
    }
  });

  it('lets through every valid trunk form: no custom settings, empty ones, all four', () => {
    const config = broken((c) => {
      c.trunks[0].customSettings = {};
      c.trunks[2].customSettings = {
        requireForInternalCalls: true,
        validateCodes: true,
        allowCallAfterMaxRetries: false,
        requiredCallTypes: ['international'],
      };
    });
    expect(successOf(addTrunk(config, { id: 'annex' })).report).toEqual({ trunkId: 'annex' });
  });
});
