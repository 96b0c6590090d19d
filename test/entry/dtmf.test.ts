import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDtmfKey } from '../../src/entry/dtmf.js';
import { propertyRuns } from '../support/properties.js';

describe('isDtmfKey', () => {
  it.each([...'0123456789*#'])('accepts the keypad key %s', (key) => {
    expect(isDtmfKey(key)).toBe(true);
  });

  it.each(['A', 'D', 'w', '', '11', ' 1', '１', 1, null, undefined, ['1']])(
    'refuses %j',
    (value) => {
      expect(isDtmfKey(value)).toBe(false);
    },
  );

  it('accepts exactly the twelve one-character keys', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isDtmfKey(value)).toBe(typeof value === 'string' && /^[0-9*#]$/.test(value));
      }),
      propertyRuns(),
    );
  });
});
