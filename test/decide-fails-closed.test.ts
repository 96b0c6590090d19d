/**
 * decide fails closed (docs/rules.md#the-decision, docs/rules.md#invariants): a
 * destination it cannot recognise needs a code on a trunk that requires
 * specific call types, since it cannot be shown to be none of them; malformed
 * input is a typed error, never a throw; and an emergency call never needs a
 * code, whatever the settings. The unrecognised destinations once went through
 * without a code (found in review).
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../src/classify/classify.js';
import { parseConfig } from '../src/config/parse.js';
import { decide } from '../src/decide.js';
import { resolveSettings } from '../src/settings/resolve.js';

const parsed = parseConfig({
  account: {
    codeLength: 4,
    maxRetries: 3,
    settings: { enabled: true, requiredCallTypes: ['international', 'premiumToll'] },
    dialPlan: { outsideLinePrefix: '9' },
  },
  trunks: [{ id: 'hq', accountCodesEnabled: true }],
});
if (!parsed.ok) throw new Error('fixture must parse');
const { config } = parsed;
const hq = resolveSettings(config, 'hq');

describe('an unrecognised destination on a trunk that requires specific call types', () => {
  it.each([['1 876 555 1234 0'], ['190055512349'], ['00442079460958']])(
    'requires a code for %s (fail closed)',
    (dialed) => {
      const classification = classifyCall(dialed, config.account);
      expect(classification).toMatchObject({ kind: 'external', categories: [] });
      expect(decide(hq, classification)).toEqual({
        ok: true,
        required: true,
        rule: 'unrecognised-destination',
        reason:
          'required: the destination is not recognised, so it cannot be shown to be none of the required call types international, premiumToll (account)',
        source: 'account',
      });
    },
  );

  it('still lets a recognised domestic call through without a code', () => {
    expect(decide(hq, classifyCall('212 555 0147', config.account))).toMatchObject({
      required: false,
      rule: 'call-type-not-required',
    });
  });
});

describe('decide is total (docs/rules.md#invariants)', () => {
  it.each([[null], [undefined], [42], [{}], [{ kind: 'other', categories: [] }]])(
    'returns a typed error for the classification %j',
    (classification) => {
      expect(decide(hq, classification as never)).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument', field: 'classification' },
      });
    },
  );

  it.each([[null], [{}], [{ ok: true }], [{ ok: true, settings: {}, provenance: {} }]])(
    'returns a typed error for the resolved settings %j on a non-emergency call',
    (resolved) => {
      expect(decide(resolved as never, classifyCall('011 44 20 7946 0958'))).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument', field: 'resolved' },
      });
    },
  );

  it('never requires a code for an emergency call, even with malformed settings', () => {
    expect(decide(null as never, classifyCall('911'))).toMatchObject({ ok: true, required: false });
  });
});
