/**
 * The warnings of docs/rules.md#account-settings are what `account-codes check` prints: each must
 * name the settings that make the trap, the values involved, and what to do.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';

function warningsOf(input: unknown) {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.warnings;
}

describe('configuration warnings (docs/rules.md#account-settings)', () => {
  it('says which call types pass on any digits of the code length when validation is off', () => {
    const warnings = warningsOf({
      account: {
        codeLength: 5,
        maxRetries: 3,
        settings: { requiredCallTypes: ['international', 'premiumToll'] },
      },
    });
    expect(warnings).toEqual([
      {
        code: 'required-types-without-validation',
        path: ['account', 'settings'],
        message:
          'account.settings: requiredCallTypes lists international, premiumToll but validateCodes is off, so any 5 digits pass; turn validateCodes on to authorize these calls',
      },
    ]);
  });

  it('says how many failed attempts still get a caller through when calls proceed after max retries', () => {
    const warnings = warningsOf({
      account: {
        codeLength: 4,
        maxRetries: 7,
        settings: { validateCodes: true, allowCallAfterMaxRetries: true },
        codes: [{ code: '1111' }, { code: '2222' }],
      },
    });
    expect(warnings).toEqual([
      {
        code: 'bypass-after-max-retries',
        path: ['account', 'settings'],
        message:
          'account.settings: allowCallAfterMaxRetries is on while validateCodes is on, so a caller who fails every one of the 7 attempts still gets through; turn allowCallAfterMaxRetries off to make validation a control',
      },
    ]);
  });

  it('warns that a single code is shared by everyone, at the path of the code list', () => {
    const warnings = warningsOf({
      account: { codeLength: 4, maxRetries: 3, codes: [{ code: '1111' }] },
      trunks: [{ id: 't', customSettings: { validateCodes: true } }],
    });
    expect(warnings).toEqual([
      {
        code: 'single-shared-code',
        path: ['account', 'codes'],
        message:
          'account.codes: validation is on with a single code, so everyone shares it; add a code per client, matter or user',
      },
    ]);
  });

  it('reports a trunk’s own trap with that trunk’s effective values, at its custom settings', () => {
    const warnings = warningsOf({
      account: {
        codeLength: 4,
        maxRetries: 2,
        settings: { allowCallAfterMaxRetries: true },
        codes: [{ code: '1111' }, { code: '2222' }],
      },
      trunks: [
        { id: 'a', customSettings: {} },
        { id: 'b', customSettings: { validateCodes: true } },
      ],
    });
    expect(warnings).toEqual([
      {
        code: 'bypass-after-max-retries',
        path: ['trunks', 1, 'customSettings'],
        message:
          'trunks[1].customSettings: allowCallAfterMaxRetries is on while validateCodes is on, so a caller who fails every one of the 2 attempts still gets through; turn allowCallAfterMaxRetries off to make validation a control',
      },
    ]);
  });

  it('gives no warning for a safe configuration nor for one with two codes', () => {
    expect(
      warningsOf({
        account: {
          codeLength: 4,
          maxRetries: 3,
          settings: { validateCodes: true, requiredCallTypes: ['international'] },
          codes: [{ code: '1111' }, { code: '2222' }],
        },
        trunks: [{ id: 't', customSettings: { requireForInternalCalls: true } }],
      }),
    ).toEqual([]);
  });
});
