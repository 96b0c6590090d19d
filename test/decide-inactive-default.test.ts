import { describe, expect, it } from 'vitest';
import { classifyCall } from '../src/classify/classify.js';
import { parseConfig } from '../src/config/parse.js';
import { decide } from '../src/decide.js';
import { type ResolvedSettings, resolveSettings } from '../src/settings/resolve.js';

const parsed = parseConfig({
  account: {
    country: 'US',
    codeLength: 4,
    maxRetries: 3,
    settings: { enabled: false, validateCodes: true, requiredCallTypes: ['international'] },
    dialPlan: { extensionLengths: [4], ownNumbers: [], outsideLinePrefix: '9' },
    codes: [{ code: '1234', name: 'Acme Corp' }],
  },
  trunks: [{ id: 'hq', accountCodesEnabled: true }],
});
if (!parsed.ok) throw new Error('the test config must parse');
const { config } = parsed;

describe('decide on inactive settings that give no inactiveReason', () => {
  it('reads the missing reason as the account being off (ResolvedSettings leaves it optional)', () => {
    const result = resolveSettings(config, 'hq');
    if (!result.ok) throw new Error(result.error.message);
    const { inactiveReason: _dropped, ...withoutReason } = result;
    const inactive: ResolvedSettings = { ...withoutReason, active: false };
    expect(decide(inactive, classifyCall('9 011 44 20 7946 0000', config.account))).toEqual({
      ok: true,
      required: false,
      rule: 'feature-inactive',
      reason: 'not required: account codes are off (enabled is false) (account)',
      source: 'account',
    });
  });
});
