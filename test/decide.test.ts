import { describe, expect, it } from 'vitest';
import { classifyCall } from '../src/classify/classify.js';
import { parseConfig } from '../src/config/parse.js';
import type { Config } from '../src/config/types.js';
import { decide } from '../src/decide.js';
import { type ResolvedSettings, resolveSettings } from '../src/settings/resolve.js';
import { deepFreeze } from './support/properties.js';

/** The docs/rules.md#the-config-file-and-the-cli example plus trunks that are off and that customise the call types. */
const FILE = {
  account: {
    country: 'US',
    codeLength: 4,
    maxRetries: 3,
    settings: {
      enabled: true,
      validateCodes: true,
      requiredCallTypes: ['international', 'premiumToll'],
    },
    dialPlan: { extensionLengths: [3, 4], ownNumbers: ['+12125550100'], outsideLinePrefix: '9' },
    codes: [{ code: '1234', name: 'Acme Corp' }],
  },
  trunks: [
    { id: 'hq', accountCodesEnabled: true },
    { id: 'off', accountCodesEnabled: false },
    {
      id: 'strict',
      accountCodesEnabled: true,
      customSettings: { requireForInternalCalls: true, requiredCallTypes: [] },
    },
    {
      id: 'da',
      accountCodesEnabled: true,
      customSettings: { requiredCallTypes: ['directoryAssistance'] },
    },
  ],
};

function configOf(file: unknown): Config {
  const parsed = parseConfig(structuredClone(file));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return deepFreeze(parsed.config);
}

const config = configOf(FILE);
const disabled = configOf({
  ...FILE,
  account: { ...FILE.account, settings: { ...FILE.account.settings, enabled: false } },
});

function resolved(trunkId: string, from: Config = config): ResolvedSettings {
  const result = resolveSettings(from, trunkId);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

function decision(trunkId: string, dialed: string, from: Config = config) {
  return decide(resolved(trunkId, from), classifyCall(dialed, from.account));
}

describe('decide (docs/rules.md#the-decision)', () => {
  it.each([
    // [trunk, dialed, required, rule, reason]
    [
      'hq',
      '1 900 555 0100',
      true,
      'required-call-type',
      'required: premiumToll is a required call type (account)',
    ],
    [
      'hq',
      '9 011 44 20 7946 0000',
      true,
      'required-call-type',
      'required: international is a required call type (account)',
    ],
    [
      'hq',
      '1 876 555 0100',
      true,
      'required-call-type',
      'required: international is a required call type (account)',
    ],
    [
      'hq',
      '212 555 0199',
      false,
      'call-type-not-required',
      'not required: the call (domestic) is none of the required call types international, premiumToll (account)',
    ],
    [
      'hq',
      '411',
      false,
      'call-type-not-required',
      'not required: the call (directoryAssistance) is none of the required call types international, premiumToll (account)',
    ],
    [
      'hq',
      '1 800 555 0100',
      false,
      'call-type-not-required',
      'not required: the call (tollFree) is none of the required call types international, premiumToll (account)',
    ],
    [
      'hq',
      '1234',
      false,
      'internal-calls',
      'not required: internal call and requireForInternalCalls is false (account)',
    ],
    [
      'hq',
      '9 212 555 0100',
      false,
      'internal-calls',
      'not required: internal call and requireForInternalCalls is false (account)',
    ],
    [
      'strict',
      '1234',
      true,
      'internal-calls',
      'required: internal call and requireForInternalCalls is true (trunk)',
    ],
    [
      'strict',
      '212 555 0199',
      true,
      'all-external',
      'required: requiredCallTypes is empty, so every external call needs a code (trunk)',
    ],
    [
      'strict',
      '1 800 555 0100',
      true,
      'all-external',
      'required: requiredCallTypes is empty, so every external call needs a code (trunk)',
    ],
    [
      'da',
      '411',
      true,
      'required-call-type',
      'required: directoryAssistance is a required call type (trunk)',
    ],
    [
      'da',
      '0',
      true,
      'required-call-type',
      'required: directoryAssistance is a required call type (trunk)',
    ],
    [
      'da',
      '212 555 1212',
      true,
      'required-call-type',
      'required: directoryAssistance is a required call type (trunk)',
    ],
    [
      'da',
      '1 900 555 0100',
      false,
      'call-type-not-required',
      'not required: the call (premiumToll) is none of the required call types directoryAssistance (trunk)',
    ],
    [
      'off',
      '1 900 555 0100',
      false,
      'feature-inactive',
      'not required: account codes are off on trunk "off" (accountCodesEnabled is false) (trunk)',
    ],
    [
      'hq',
      '911',
      false,
      'emergency-exempt',
      'not required: 911 is an emergency number, never gated by a code',
    ],
    [
      'hq',
      '9 911',
      false,
      'emergency-exempt',
      'not required: 911 is an emergency number, never gated by a code',
    ],
    [
      'strict',
      '933',
      false,
      'emergency-exempt',
      'not required: 933 is an emergency number, never gated by a code',
    ],
    [
      'strict',
      '988',
      false,
      'emergency-exempt',
      'not required: 988 is an exempt number (exemptNumbers), never gated by a code',
    ],
    [
      'strict',
      '711',
      false,
      'emergency-exempt',
      'not required: 711 is an exempt number (exemptNumbers), never gated by a code',
    ],
  ] as const)(
    'on trunk %s, %s: required %s by rule %s',
    (trunk, dialed, required, rule, reason) => {
      expect(decision(trunk, dialed)).toEqual({
        ok: true,
        required,
        rule,
        reason,
        ...(rule === 'emergency-exempt'
          ? {}
          : { source: reason.endsWith('(trunk)') ? 'trunk' : 'account' }),
      });
    },
  );

  it('requires nothing while the account is disabled, and names the account as the level', () => {
    expect(decision('strict', '1 900 555 0100', disabled)).toEqual({
      ok: true,
      required: false,
      rule: 'feature-inactive',
      reason: 'not required: account codes are off (enabled is false) (account)',
      source: 'account',
    });
  });

  it('never requires a code for emergency numbers of other countries, as their callers dial them', () => {
    const gb = configOf({
      ...FILE,
      account: { ...FILE.account, country: 'GB', dialPlan: { extensionLengths: [3] } },
    });
    expect(decision('strict', '999', gb)).toMatchObject({
      required: false,
      rule: 'emergency-exempt',
    });
    expect(decision('strict', '020 7946 0000', gb)).toMatchObject({
      required: true,
      rule: 'all-external',
    });
  });

  it('lets the account un-exempt 988 and 711', () => {
    const unexempt = configOf({
      ...FILE,
      account: { ...FILE.account, exemptNumbers: [], dialPlan: { extensionLengths: [4] } },
    });
    expect(decision('strict', '988', unexempt)).toMatchObject({
      required: true,
      rule: 'all-external',
    });
    expect(decision('strict', '911', unexempt)).toMatchObject({ required: false });
  });

  it('gives no decision for an invalid dial string, but a typed error naming why', () => {
    expect(decision('hq', '1-800-FLOWERS')).toEqual({
      ok: false,
      error: {
        code: 'invalid-dial-string',
        reason: 'not-dialable',
        dialed: '1800FLOWERS',
        message: expect.stringMatching(/^no decision: dialed: /),
      },
    });
    expect(decision('off', '')).toMatchObject({ ok: false, error: { reason: 'empty' } });
  });
});

describe('decide with an unknown trunk', () => {
  const unknown = resolveSettings(config, 'nope');

  it('passes the unknown-trunk error through for ordinary calls', () => {
    expect(decide(unknown, classifyCall('1 900 555 0100'))).toMatchObject({
      ok: false,
      error: { code: 'unknown-trunk', trunkId: 'nope' },
    });
  });

  it('still never gates an emergency call', () => {
    expect(decide(unknown, classifyCall('911'))).toMatchObject({ ok: true, required: false });
  });
});
