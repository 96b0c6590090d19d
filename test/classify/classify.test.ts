import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import type { Classification, ClassifyContext } from '../../src/classify/types.js';
import type { Account } from '../../src/config/types.js';
import { deepFreeze } from '../support/properties.js';

type Row = readonly [dialed: string, context: ClassifyContext, expected: Partial<Classification>];

const US: ClassifyContext = {};
const withPrefix: ClassifyContext = { dialPlan: { outsideLinePrefix: '9' } };

function check(rows: readonly Row[]) {
  return it.each(rows.map(([d, c, e]) => [d, c.country ?? 'US', c, e] as const))(
    '%s dialed from %s',
    (dialed, _country, context, expected) => {
      expect(classifyCall(dialed, deepFreeze(context))).toMatchObject(expected);
    },
  );
}

describe('classifyCall: separators (docs/rules.md#classification rule 1)', () => {
  check([
    ['1 (212) 555-0100', US, { kind: 'external', dialed: '12125550100', e164: '+12125550100' }],
    ['212.555.0100', US, { kind: 'external', dialed: '2125550100', categories: ['domestic'] }],
    ['+44 (0)20 7946 0000', US, { kind: 'external', country: 'GB', categories: ['international'] }],
  ]);
});

describe('classifyCall: invalid dial strings (docs/rules.md#classification)', () => {
  check([
    ['', US, { kind: 'invalid', reason: 'empty', categories: [] }],
    [' - ( ) . ', US, { kind: 'invalid', reason: 'empty' }],
    ['+', US, { kind: 'invalid', reason: 'empty' }],
    ['1-800-FLOWERS', US, { kind: 'invalid', reason: 'not-dialable' }],
    ['212 555 01OO', US, { kind: 'invalid', reason: 'not-dialable' }],
    ['12+34', US, { kind: 'invalid', reason: 'not-dialable' }],
    // Full-width digits are what some platforms send: issue 12 makes them digits.
    ['９１１', US, { kind: 'emergency', number: '911' }],
    ['９１１ｘ', US, { kind: 'invalid', reason: 'not-dialable' }],
    ['1'.repeat(33), US, { kind: 'invalid', reason: 'too-long' }],
  ]);

  it('accepts exactly 32 characters after separators are removed', () => {
    expect(classifyCall(`${'1'.repeat(16)} ${'1'.repeat(16)}`).kind).not.toBe('invalid');
  });

  it('names the field and what a dial string may contain', () => {
    const result = classifyCall('call me');
    expect(result.kind === 'invalid' && result.message).toMatch(/^dialed: .*digits 0-9/);
  });
});

describe('classifyCall: the outside-line prefix (docs/rules.md#classification rule 2)', () => {
  check([
    [
      '9 1 212 555 0100',
      withPrefix,
      { kind: 'external', number: '12125550100', e164: '+12125550100' },
    ],
    ['9 911', withPrefix, { kind: 'emergency', number: '911', why: 'emergency' }],
    ['911', withPrefix, { kind: 'emergency', number: '911' }],
    ['9 411', withPrefix, { kind: 'external', categories: ['directoryAssistance'] }],
    ['9 011 44 20 7946 0000', withPrefix, { kind: 'external', categories: ['international'] }],
    // The rest is not a dialable number: an extension that starts with the prefix stays internal.
    [
      '9123',
      { dialPlan: { outsideLinePrefix: '9', extensionLengths: [4] } },
      { kind: 'internal', via: 'extension', number: '9123' },
    ],
    ['0 911', { dialPlan: { outsideLinePrefix: '0' } }, { kind: 'emergency', number: '911' }],
    [
      '81 999',
      { country: 'GB', dialPlan: { outsideLinePrefix: '81' } },
      { kind: 'emergency', number: '999' },
    ],
    [
      '9 020 7946 0000',
      { country: 'GB', dialPlan: { outsideLinePrefix: '9' } },
      { kind: 'external', categories: ['domestic'], country: 'GB' },
    ],
  ]);
});

describe('classifyCall: emergency and exempt numbers (docs/rules.md#classification rule 3, docs/rules.md#the-decision)', () => {
  check([
    ['911', US, { kind: 'emergency', why: 'emergency', categories: [] }],
    // Shrunk from the every-form property (seed 212078560): with outside-line
    // prefix 0, TM's 0 + 01 spells its own emergency number 001.
    [
      '001',
      { country: 'TM', dialPlan: { outsideLinePrefix: '0' } },
      { kind: 'emergency', number: '001' },
    ],
    ['933', US, { kind: 'emergency', why: 'emergency' }],
    ['112', US, { kind: 'emergency', why: 'emergency' }],
    ['911', { country: 'GB' }, { kind: 'emergency' }],
    ['933', { country: 'DE' }, { kind: 'emergency' }],
    ['911', { exemptNumbers: [] }, { kind: 'emergency' }],
    ['988', US, { kind: 'emergency', why: 'exempt' }],
    ['711', US, { kind: 'emergency', why: 'exempt' }],
    ['988', { exemptNumbers: ['711'] }, { kind: 'external' }],
    ['711', { exemptNumbers: ['988'] }, { kind: 'external', categories: ['serviceCode'] }],
    ['311', { exemptNumbers: ['988', '711', '311'] }, { kind: 'emergency', why: 'exempt' }],
    ['911', { country: 'CA' }, { kind: 'emergency' }],
    ['911', { country: 'JM' }, { kind: 'emergency' }],
    ['119', { country: 'JM' }, { kind: 'emergency' }],
    ['911', { country: 'PR' }, { kind: 'emergency' }],
    ['999', { country: 'GB' }, { kind: 'emergency', why: 'emergency' }],
    ['110', { country: 'DE' }, { kind: 'emergency' }],
    ['15', { country: 'FR' }, { kind: 'emergency' }],
    ['17', { country: 'FR' }, { kind: 'emergency' }],
    ['18', { country: 'FR' }, { kind: 'emergency' }],
    ['000', { country: 'AU' }, { kind: 'emergency' }],
    ['100', { country: 'IN' }, { kind: 'emergency' }],
    ['112', { country: 'IN' }, { kind: 'emergency' }],
    // Only the caller's country's own numbers: 999 is not an emergency number in the US.
    ['999', US, { kind: 'external' }],
    ['110', { country: 'gb' }, { kind: 'external' }],
    ['*67 911', US, { kind: 'emergency', number: '911' }],
  ]);
});

describe('classifyCall: N11 and operator codes (docs/rules.md#classification rule 4)', () => {
  check([
    ['411', US, { kind: 'external', categories: ['directoryAssistance'] }],
    ['1 411', US, { kind: 'external', categories: ['directoryAssistance'] }],
    ['211', US, { kind: 'external', categories: ['serviceCode'] }],
    ['311', US, { kind: 'external', categories: ['serviceCode'] }],
    ['511', { country: 'CA' }, { kind: 'external', categories: ['serviceCode'] }],
    ['611', US, { kind: 'external', categories: ['serviceCode'] }],
    ['811', US, { kind: 'external', categories: ['serviceCode'] }],
    ['0', US, { kind: 'external', categories: ['directoryAssistance'] }],
    ['00', US, { kind: 'external', categories: ['directoryAssistance'] }],
    ['411', { country: 'JM' }, { kind: 'external', categories: ['directoryAssistance'] }],
    // Special numbers win over extensions of the same digits.
    [
      '411',
      { dialPlan: { extensionLengths: [3] } },
      { kind: 'external', categories: ['directoryAssistance'] },
    ],
    [
      '00',
      { dialPlan: { extensionLengths: [2] } },
      { kind: 'external', categories: ['directoryAssistance'] },
    ],
    ['911', { dialPlan: { extensionLengths: [3] } }, { kind: 'emergency' }],
    ['999', { country: 'GB', dialPlan: { extensionLengths: [3] } }, { kind: 'emergency' }],
  ]);
});

describe('classifyCall: internal calls (docs/rules.md#classification rule 5)', () => {
  const plan: ClassifyContext = {
    dialPlan: { extensionLengths: [3, 4], ownNumbers: ['+12125550100', '+442079460000'] },
  };
  check([
    ['123', plan, { kind: 'internal', via: 'extension', categories: [] }],
    ['1234', plan, { kind: 'internal', via: 'extension' }],
    ['12345', plan, { kind: 'external' }],
    ['212-555-0100', plan, { kind: 'internal', via: 'own-number', e164: '+12125550100' }],
    ['1 212 555 0100', plan, { kind: 'internal', via: 'own-number', e164: '+12125550100' }],
    ['+1 212 555 0100', plan, { kind: 'internal', via: 'own-number' }],
    ['011 44 20 7946 0000', plan, { kind: 'internal', via: 'own-number', e164: '+442079460000' }],
    ['020 7946 0000', { ...plan, country: 'GB' }, { kind: 'internal', via: 'own-number' }],
    ['212-555-0101', plan, { kind: 'external' }],
  ]);
});

describe('classifyCall: NANP destinations (docs/rules.md#classification)', () => {
  check([
    [
      '212 555 0100',
      US,
      { kind: 'external', categories: ['domestic'], country: 'US', e164: '+12125550100' },
    ],
    ['1 416 555 0100', US, { categories: ['domestic'], country: 'CA' }],
    ['1 212 555 0100', { country: 'CA' }, { categories: ['domestic'], country: 'US' }],
    ['1 787 555 0100', US, { categories: ['domestic'], country: 'PR' }],
    ['1 340 555 0100', US, { categories: ['domestic'], country: 'VI' }],
    ['1 671 555 0100', US, { categories: ['domestic'], country: 'GU' }],
    ['1 212 555 0100', { country: 'PR' }, { categories: ['domestic'], country: 'US' }],
    // The "809 scam": the Caribbean +1 countries are international.
    ['1 876 555 0100', US, { categories: ['international'], country: 'JM' }],
    ['1 809 555 0100', US, { categories: ['international'], country: 'DO' }],
    ['1 849 555 0100', { country: 'CA' }, { categories: ['international'], country: 'DO' }],
    ['1 242 555 0100', US, { categories: ['international'], country: 'BS' }],
    ['876 555 0100', { country: 'JM' }, { categories: ['domestic'], country: 'JM' }],
    ['212 555 0100', { country: 'JM' }, { categories: ['international'], country: 'US' }],
    ['+1 876 555 0100', US, { categories: ['international'], e164: '+18765550100' }],
    // The account lists its own domestic countries instead.
    ['1 876 555 0100', { domesticCountries: ['US', 'JM'] }, { categories: ['domestic'] }],
    [
      '1 416 555 0100',
      { domesticCountries: ['US'] },
      { categories: ['international'], country: 'CA' },
    ],
    ['555 0100', US, { kind: 'external', categories: ['domestic'], country: 'US' }],
  ]);
});

describe('classifyCall: international (docs/rules.md#classification)', () => {
  check([
    [
      '011 44 20 7946 0000',
      US,
      { categories: ['international'], e164: '+442079460000', country: 'GB' },
    ],
    ['+49 30 123456', US, { categories: ['international'], country: 'DE' }],
    ['011 33 1 23 45 67 89', { country: 'CA' }, { categories: ['international'], country: 'FR' }],
    ['+61 2 9876 5432', US, { categories: ['international'], country: 'AU' }],
    ['011 91 98765 43210', US, { categories: ['international', 'mobile'], country: 'IN' }],
    ['00 49 30 123456', { country: 'GB' }, { categories: ['international'], country: 'DE' }],
    ['0011 44 20 7946 0000', { country: 'AU' }, { categories: ['international'], country: 'GB' }],
    ['00 44 20 7946 0000', { country: 'AU' }, { categories: ['international'], country: 'GB' }],
    ['+1 212 555 0100', { country: 'GB' }, { categories: ['international'], country: 'US' }],
    ['00 1 876 555 0100', { country: 'DE' }, { categories: ['international'], country: 'JM' }],
    ['+44 20 7946 0000', { country: 'GB' }, { categories: ['domestic'], country: 'GB' }],
    ['+44 20 7946 0000', { domesticCountries: ['US', 'GB'] }, { categories: ['domestic'] }],
    // International by its form even when the number cannot be told.
    ['+999 1234', US, { kind: 'external', categories: ['international'] }],
  ]);
});

describe('classifyCall: directory and operator assistance (docs/rules.md#classification)', () => {
  check([
    ['212 555 1212', US, { categories: ['directoryAssistance', 'domestic'] }],
    ['1 212 555 1212', US, { categories: ['directoryAssistance', 'domestic'] }],
    ['1 876 555 1212', US, { categories: ['international', 'directoryAssistance'] }],
    [
      '0 212 555 0100',
      US,
      { categories: ['directoryAssistance', 'domestic'], e164: '+12125550100' },
    ],
    // 0 + 1 + number reads as 01 + country code: 212 is Morocco.
    [
      '0 1 212 555 0100',
      US,
      { categories: ['international', 'directoryAssistance'], country: 'MA' },
    ],
    [
      '01 44 20 7946 0000',
      US,
      { categories: ['international', 'directoryAssistance'], country: 'GB' },
    ],
    ['555 1212', US, { categories: ['directoryAssistance', 'domestic'] }],
  ]);
});

describe('classifyCall: premium-rate numbers (docs/rules.md#classification)', () => {
  check([
    ['1 900 555 0100', US, { categories: ['premiumToll'], e164: '+19005550100' }],
    ['900 555 0100', US, { categories: ['premiumToll'] }],
    ['212 976 0100', US, { categories: ['premiumToll', 'domestic'] }],
    ['1 416 976 0100', { country: 'CA' }, { categories: ['premiumToll', 'domestic'] }],
    ['1 876 976 0100', US, { categories: ['international', 'premiumToll'] }],
    ['976 0100', US, { categories: ['premiumToll', 'domestic'] }],
    ['*67 1 900 555 0100', US, { categories: ['premiumToll'] }],
    [
      '0909 879 0000',
      { country: 'GB' },
      { categories: ['premiumToll', 'domestic'], country: 'GB' },
    ],
    ['011 44 909 879 0000', US, { categories: ['international', 'premiumToll'] }],
    ['0900 1234567', { country: 'DE' }, { categories: ['premiumToll', 'domestic'] }],
    ['1900 123 456', { country: 'AU' }, { categories: ['premiumToll', 'domestic'] }],
    ['08 99 12 34 56', { country: 'FR' }, { categories: ['premiumToll', 'domestic'] }],
    ['1861 123 456789', { country: 'IN' }, { categories: ['premiumToll', 'domestic'] }],
    ['020 7946 0000', { country: 'GB' }, { categories: ['domestic'] }],
  ]);
});

describe('classifyCall: toll-free numbers (docs/rules.md#classification)', () => {
  check(
    ['800', '833', '844', '855', '866', '877', '888'].map(
      (npa): Row => [`1 ${npa} 555 0100`, US, { kind: 'external', categories: ['tollFree'] }],
    ),
  );
  check([
    ['800 976 0100', US, { categories: ['tollFree'] }],
    ['1 800 555 0100', { country: 'JM' }, { categories: ['tollFree'] }],
  ]);
});

describe('classifyCall: other countries (docs/rules.md#classification)', () => {
  check([
    [
      '030 123456',
      { country: 'DE' },
      { kind: 'external', categories: ['domestic'], country: 'DE' },
    ],
    [
      '01 23 45 67 89',
      { country: 'FR' },
      { categories: ['domestic'], country: 'FR', e164: '+33123456789' },
    ],
    ['02 9876 5432', { country: 'AU' }, { categories: ['domestic'], country: 'AU' }],
    ['098765 43210', { country: 'IN' }, { categories: ['domestic', 'mobile'], country: 'IN' }],
    ['123', { country: 'GB', dialPlan: { extensionLengths: [3] } }, { kind: 'internal' }],
    [
      '118 118',
      { country: 'GB' },
      { kind: 'external', categories: ['serviceCode'], country: 'GB' },
    ],
  ]);
});

describe('classifyCall: other dial strings', () => {
  check([
    ['*72', US, { kind: 'external', categories: ['serviceCode'] }],
    ['#31#', US, { kind: 'external', categories: ['serviceCode'] }],
    ['12345', US, { kind: 'external', categories: ['serviceCode'] }],
    ['1234 5678 9012', US, { kind: 'external', categories: [] }],
  ]);

  it('uses the US defaults without a context', () => {
    expect(classifyCall('1 876 555 0100')).toMatchObject({ categories: ['international'] });
    expect(classifyCall('988')).toMatchObject({ kind: 'emergency', why: 'exempt' });
  });

  it('says the country is unknown, and still connects the numbers every country shares (issue 12)', () => {
    expect(classifyCall('112', { country: 'XX' }).kind).toBe('emergency');
    expect(classifyCall('+44 20 7946 0000', { country: 'constructor' })).toMatchObject({
      kind: 'invalid',
      reason: 'unknown-country',
    });
  });

  it('takes a parsed account as its context', () => {
    const account: Account = {
      country: 'US',
      codeLength: 4,
      maxRetries: 3,
      settings: {
        enabled: true,
        requireForInternalCalls: false,
        validateCodes: false,
        allowCallAfterMaxRetries: false,
        requiredCallTypes: [],
        unattendedCalls: 'end',
        midCallCode: '*50',
        postCallTagMinutes: 1440,
        lockout: {
          maxFailures: 10,
          windowMinutes: 60,
          scope: 'trunk',
          unlockAfterMinutes: 60,
          maxFailuresPerDay: 1000,
        },
      },
      dialPlan: { extensionLengths: [3], ownNumbers: ['+12125550100'], outsideLinePrefix: '9' },
      codes: [],
      exemptNumbers: ['988', '711'],
    };
    expect(classifyCall('9 212 555 0100', account)).toMatchObject({
      kind: 'internal',
      via: 'own-number',
    });
  });
});
