/**
 * docs/rules.md#the-decision: "The decision carries its reason." For calls that are not
 * required, the reason lists the call's categories so an administrator can
 * see why the call passed, or why it could not be shown to pass.
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
    settings: { enabled: true, requiredCallTypes: ['premiumToll'] },
  },
  trunks: [{ id: 'hq', accountCodesEnabled: true }],
});
if (!parsed.ok) throw new Error('fixture rejected');
const { config } = parsed;

function reasonFor(dialed: string): string | undefined {
  const decision = decide(resolveSettings(config, 'hq'), classifyCall(dialed, config.account));
  return decision.ok ? decision.reason : undefined;
}

describe('the reason of a call that needs no code', () => {
  it('lists every category of the call, comma-separated', () => {
    expect(reasonFor('0 212 555 0100')).toBe(
      'not required: the call (directoryAssistance, domestic) is none of the required call types premiumToll (account)',
    );
  });

  it('an unrecognised destination is not such a call: it needs a code, and the reason says why', () => {
    expect(reasonFor('2 212 555 0100')).toBe(
      'required: the destination is not recognised, so it cannot be shown to be none of the required call types premiumToll (account)',
    );
  });
});
