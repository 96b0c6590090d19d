/**
 * evaluateCall is total (docs/rules.md#invariants): a call that is not an object at all, as
 * an untyped caller may pass, gives a typed refusal, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { evaluateCall } from '../src/evaluate.js';

const parsed = parseConfig({
  account: { codeLength: 4, maxRetries: 3, settings: { enabled: true } },
  trunks: [{ id: 'hq', accountCodesEnabled: true }],
});
if (!parsed.ok) throw new Error('fixture must parse');
const { config } = parsed;

describe('evaluateCall on a call that is not an object', () => {
  it.each([undefined, '911', 911, true])('refuses %j as an invalid dial string', (call) => {
    const result = evaluateCall(config, call as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-dial-string' } });
    expect(result).not.toHaveProperty('caller');
  });
});

describe('evaluateCall echoes only a string caller', () => {
  it.each([42, null, { number: '+12125550100' }])('leaves out a caller of %j', (caller) => {
    const result = evaluateCall(config, { trunk: 'hq', dialed: '911', caller } as never);
    expect(result).toMatchObject({ ok: true, required: false });
    expect(result).not.toHaveProperty('caller');
  });
});
