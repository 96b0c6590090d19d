/** resolveSettings on values that are not configurations (found in review). */
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings/resolve.js';

describe('resolveSettings is total (docs/rules.md#invariants)', () => {
  it.each([
    [null],
    [undefined],
    ['config'],
    [{}],
    [{ account: { settings: {} }, trunks: null }],
    [{ account: null, trunks: [] }],
    [{ account: { settings: {} }, trunks: [null] }],
  ])('returns invalid-config for %j', (config) => {
    expect(resolveSettings(config as never, 'hq')).toMatchObject({
      ok: false,
      error: { code: 'invalid-config', trunkId: 'hq' },
    });
  });
});
