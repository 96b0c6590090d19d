/**
 * decide keeps external decisions only for frozen settings (issue 14): a
 * caller that builds or edits its resolved settings in place must always get
 * the decision for what they say now, never a stale one.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../src/classify/classify.js';
import { parseConfig } from '../src/config/parse.js';
import type { RequiredCallType } from '../src/config/types.js';
import { decide } from '../src/decide.js';
import { type ResolvedSettings, resolveSettings } from '../src/settings/resolve.js';

const parsed = parseConfig({
  account: {
    country: 'US',
    codeLength: 4,
    maxRetries: 3,
    settings: { enabled: true, validateCodes: true, requiredCallTypes: ['premiumToll'] },
    dialPlan: { extensionLengths: [4], ownNumbers: [], outsideLinePrefix: '9' },
    codes: [{ code: '1234', name: 'Acme Corp' }],
  },
  trunks: [{ id: 'hq', accountCodesEnabled: true }],
});
if (!parsed.ok) throw new Error('the test config must parse');
const { config } = parsed;

function mutableResolved(): ResolvedSettings {
  const result = resolveSettings(config, 'hq');
  if (!result.ok) throw new Error(result.error.message);
  return structuredClone(result);
}

describe('decide on resolved settings that are not frozen', () => {
  it('follows requiredCallTypes edited in place between two calls', () => {
    const resolved = mutableResolved();
    const international = classifyCall('9 011 44 20 7946 0000', config.account);
    expect(decide(resolved, international)).toMatchObject({
      ok: true,
      required: false,
      rule: 'call-type-not-required',
    });
    (resolved.settings as unknown as { requiredCallTypes: RequiredCallType[] }).requiredCallTypes =
      ['international'];
    expect(decide(resolved, international)).toEqual({
      ok: true,
      required: true,
      rule: 'required-call-type',
      reason: 'required: international is a required call type (account)',
      source: 'account',
    });
  });
});
