import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../src/classify/classify.js';
import { parseConfig } from '../src/config/parse.js';
import type { Config } from '../src/config/types.js';
import { decide } from '../src/decide.js';
import { evaluateCall } from '../src/evaluate.js';
import { resolveSettings } from '../src/settings/resolve.js';
import { emergencyInEveryFormArb } from './classify/arbitraries.js';
import { invariantRuns } from './support/properties.js';

const parsed = parseConfig({
  account: {
    codeLength: 4,
    maxRetries: 3,
    settings: { enabled: true, requiredCallTypes: ['international', 'premiumToll'] },
    dialPlan: { outsideLinePrefix: '9', extensionLengths: [3] },
  },
  trunks: [
    { id: 'hq', accountCodesEnabled: true },
    { id: 'lobby', accountCodesEnabled: false },
  ],
});
if (!parsed.ok) throw new Error('fixture must parse');
const config = parsed.config;

describe('evaluateCall: classify first, then resolve and decide (issue 12)', () => {
  it('requires a code for an international call and hands back the settings for code entry', () => {
    const result = evaluateCall(config, { trunk: 'hq', dialed: '9 011 44 20 7946 0958' });
    expect(result).toMatchObject({
      ok: true,
      required: true,
      classification: { kind: 'external', categories: ['international'] },
      decision: { rule: 'required-call-type', source: 'account' },
      resolved: { ok: true, trunkId: 'hq', active: true },
    });
  });

  it('gives the same answer as resolveSettings + classifyCall + decide whenever the trunk resolves', () => {
    for (const [trunk, dialed, tagging] of [
      ['hq', '1 212 555 0100', true],
      ['hq', '123', true],
      ['lobby', '1 900 555 0100', false],
      ['hq', '911', false],
    ] as const) {
      const resolved = resolveSettings(config, trunk);
      const classification = classifyCall(dialed, config.account);
      const { conversation, ...evaluation } = evaluateCall(config, { trunk, dialed }) as {
        conversation?: { machine: string };
      };
      // docs/rules.md#mid-call-tagging: only where account codes are active, never an emergency call.
      expect(conversation?.machine).toBe(tagging ? 'mid-call-tagging' : undefined);
      expect(evaluation).toEqual({
        ok: true,
        required: (decide(resolved, classification) as { required: boolean }).required,
        classification,
        decision: decide(resolved, classification),
        resolved,
      });
    }
  });

  it('connects an emergency call whatever the trunk, even with no configuration at all', () => {
    for (const [cfg, trunk] of [
      [config, 'typo'],
      [config, undefined],
      [undefined, 'hq'],
      [{}, 'hq'],
      [{ account: { country: 'UK' } }, 'hq'],
    ] as const) {
      const result = evaluateCall(cfg as unknown as Config, {
        trunk: trunk as never,
        dialed: '911',
      });
      expect(result).toMatchObject({
        ok: true,
        required: false,
        decision: { rule: 'emergency-exempt' },
      });
      expect(result).not.toHaveProperty('resolved');
    }
  });

  it('refuses what is not an emergency call when the trunk is unknown or the dial string invalid', () => {
    expect(evaluateCall(config, { trunk: 'typo', dialed: '1 212 555 0100' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-trunk', trunkId: 'typo' },
      classification: { kind: 'external' },
    });
    expect(evaluateCall(config, { trunk: 42 as never, dialed: '1 212 555 0100' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-trunk', message: expect.stringContaining('got 42') },
    });
    expect(evaluateCall(config, { trunk: 'hq', dialed: 'call me' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-dial-string', reason: 'not-dialable' },
    });
    expect(
      evaluateCall(undefined as never, { trunk: 'hq', dialed: '1 212 555 0100' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-config' } });
    expect(evaluateCall(config, null as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid-dial-string' },
    });
  });

  it('echoes the caller for the call record', () => {
    expect(
      evaluateCall(config, { trunk: 'hq', dialed: '911', caller: '+12125550100' }),
    ).toMatchObject({
      caller: '+12125550100',
    });
    expect(evaluateCall(config, { trunk: 'hq', dialed: '911' })).not.toHaveProperty('caller');
  });

  it('never requires a code for an emergency number in any form, on any trunk id', () => {
    fc.assert(
      fc.property(emergencyInEveryFormArb, fc.string(), ({ context, dialed }, trunk) => {
        const account = {
          ...config.account,
          ...context,
          dialPlan: { ...config.account.dialPlan, ...context.dialPlan },
        };
        const result = evaluateCall({ ...config, account } as Config, { trunk, dialed });
        expect(result).toMatchObject({ ok: true, required: false });
      }),
      invariantRuns(),
    );
  });
});
