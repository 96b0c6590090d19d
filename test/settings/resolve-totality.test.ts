/**
 * `resolveSettings` is total (docs/rules.md#invariants): every part of the shape it reads is
 * checked before it is read, and a kept answer is frozen in every part, so no
 * caller can change it for the next one.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { resolveSettings } from '../../src/settings/resolve.js';

describe('resolveSettings on values that are not configurations', () => {
  const settings = { enabled: true };
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'config'],
    ['an empty object', {}],
    ['a null trunk list', { account: { settings: {} }, trunks: null }],
    ['a null account', { account: null, trunks: [] }],
    ['a null trunk', { account: { settings: {} }, trunks: [null] }],
    ['no account', { trunks: [{ id: 'hq' }] }],
    ['an account without settings', { account: {}, trunks: [{ id: 'hq' }] }],
    ['null settings', { account: { settings: null }, trunks: [{ id: 'hq' }] }],
    ['a trunk that is a string', { account: { settings }, trunks: ['hq'] }],
    // A hole: every() alone would skip it.
    [
      'a trunk list with a hole',
      { account: { settings }, trunks: Object.assign([], { length: 1 }) },
    ],
  ])('answers invalid-config for %s, naming what a config must be', (_, config) => {
    expect(resolveSettings(config as never, 'hq')).toEqual({
      ok: false,
      error: {
        code: 'invalid-config',
        trunkId: 'hq',
        message:
          'config must be a configuration as parseConfig returns it (account.settings and trunks)',
      },
    });
  });
});

describe('a kept answer', () => {
  it('is frozen in every part, the ignored overrides included', () => {
    const parsed = parseConfig({
      account: { codeLength: 4, maxRetries: 3, settings: { enabled: true } },
      trunks: [
        { id: 'hq', accountCodesEnabled: true, customSettings: { allowCallAfterMaxRetries: true } },
      ],
    });
    if (!parsed.ok) throw new Error('fixture rejected');
    const first = resolveSettings(parsed.config, 'hq');
    if (!first.ok) throw new Error(first.error.message);
    expect(first.ignored).toHaveLength(1);
    for (const part of [first, first.settings, first.provenance, first.ignored, first.ignored[0]]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(resolveSettings(parsed.config, 'hq')).toBe(first);
  });
});
