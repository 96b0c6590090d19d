/**
 * decide builds each reason once and keeps it under a key (issue 14); the
 * key must tell apart everything a reason says (docs/rules.md#the-decision: the rule, the
 * setting, its level), so decisions that differ in any of it never share one.
 * Also: decide is total (docs/rules.md#invariants) on values that are not what classifyCall
 * and resolveSettings return.
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
  trunks: [
    { id: 'hq', accountCodesEnabled: true },
    {
      id: 'own',
      accountCodesEnabled: true,
      customSettings: { requiredCallTypes: ['premiumToll'] },
    },
    {
      id: 'da',
      accountCodesEnabled: true,
      customSettings: { requiredCallTypes: ['directoryAssistance', 'premiumToll'] },
    },
  ],
});
if (!parsed.ok) throw new Error('fixture rejected');
const { config } = parsed;

function reasonFor(trunk: string, dialed: string): string | undefined {
  const decision = decide(resolveSettings(config, trunk), classifyCall(dialed, config.account));
  return decision.ok ? decision.reason : undefined;
}

describe('reasons kept per key', () => {
  it('the same types and categories from the account and from a trunk keep their own level', () => {
    const account = reasonFor('hq', '0 212 555 0100');
    const trunk = reasonFor('own', '0 212 555 0100');
    expect(account).toBe(
      'not required: the call (directoryAssistance, domestic) is none of the required call types premiumToll (account)',
    );
    expect(trunk).toBe(
      'not required: the call (directoryAssistance, domestic) is none of the required call types premiumToll (trunk)',
    );
  });

  it('an unrecognised destination names exactly the required types of each trunk', () => {
    expect(reasonFor('own', '2 212 555 0100')).toBe(
      'required: the destination is not recognised, so it cannot be shown to be none of the required call types premiumToll (trunk)',
    );
    expect(reasonFor('da', '2 212 555 0100')).toBe(
      'required: the destination is not recognised, so it cannot be shown to be none of the required call types directoryAssistance, premiumToll (trunk)',
    );
  });
});

describe('reason keys derived from the vocabularies (issue 24)', () => {
  // With the old literal base 3, "tollFree from the account" (0 * 3 + 3) and
  // "international from a trunk" (1 * 3 + 0) shared a key and a sentence.
  it('a required type of the account and another of a trunk never share a sentence', () => {
    const both = parseConfig({
      account: {
        codeLength: 4,
        maxRetries: 3,
        settings: { enabled: true, requiredCallTypes: ['tollFree'] },
      },
      trunks: [
        { id: 'hq', accountCodesEnabled: true },
        {
          id: 'intl',
          accountCodesEnabled: true,
          customSettings: { requiredCallTypes: ['international'] },
        },
      ],
    });
    if (!both.ok) throw new Error('fixture rejected');
    const of = (trunk: string, dialed: string): string | undefined => {
      const decision = decide(
        resolveSettings(both.config, trunk),
        classifyCall(dialed, both.config.account),
      );
      return decision.ok ? decision.reason : undefined;
    };
    expect(of('hq', '18005550100')).toBe('required: tollFree is a required call type (account)');
    expect(of('intl', '011442079460958')).toBe(
      'required: international is a required call type (trunk)',
    );
  });

  it('lists of the seven types from both levels keep their own sentences', () => {
    const wide = parseConfig({
      account: {
        codeLength: 4,
        maxRetries: 3,
        settings: { enabled: true, requiredCallTypes: ['mobile', 'serviceCode'] },
      },
      trunks: [
        { id: 'hq', accountCodesEnabled: true },
        {
          id: 'mob',
          accountCodesEnabled: true,
          customSettings: { requiredCallTypes: ['serviceCode', 'mobile'] },
        },
      ],
    });
    if (!wide.ok) throw new Error('fixture rejected');
    const of = (trunk: string): string | undefined => {
      const decision = decide(
        resolveSettings(wide.config, trunk),
        classifyCall('2125550100', wide.config.account),
      );
      return decision.ok ? decision.reason : undefined;
    };
    expect(of('hq')).toBe(
      'not required: the call (domestic) is none of the required call types mobile, serviceCode (account)',
    );
    expect(of('mob')).toBe(
      'not required: the call (domestic) is none of the required call types serviceCode, mobile (trunk)',
    );
  });
});

describe('decide on values that are not what it takes', () => {
  const resolved = resolveSettings(config, 'hq');

  it.each([{ kind: 'external' }, { kind: 'external', categories: 'international' }])(
    'refuses a classification %j without a list of categories, naming the argument',
    (classification) => {
      expect(decide(resolved, classification as never)).toEqual({
        ok: false,
        error: {
          code: 'invalid-argument',
          field: 'classification',
          message: 'classification must be what classifyCall returns',
        },
      });
    },
  );

  it.each([{ ok: false }, { ok: false, error: null }, { ok: false, error: 'unknown trunk' }])(
    'refuses failed settings %j without an error object, naming the argument',
    (settings) => {
      expect(decide(settings as never, classifyCall('0 212 555 0100', config.account))).toEqual({
        ok: false,
        error: {
          code: 'invalid-argument',
          field: 'resolved',
          message: 'resolved must be what resolveSettings returns',
        },
      });
    },
  );
});
