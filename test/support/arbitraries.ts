/**
 * fast-check arbitraries for configurations: valid ones (every rule of docs/rules.md#configuration
 * respected) and near-valid ones that break a rule here and there.
 */
import fc from 'fast-check';
import { REQUIRED_CALL_TYPES } from '../../src/config/types.js';

export const requiredCallTypesArb = fc.subarray([...REQUIRED_CALL_TYPES]);

/** Codes of exactly `codeLength` digits, distinct, 0–8 of them. */
const codesByLength = new Map<number, ReturnType<typeof makeCodesArb>>();
export function codesArb(codeLength: number): ReturnType<typeof makeCodesArb> {
  const known = codesByLength.get(codeLength);
  if (known !== undefined) return known;
  const made = makeCodesArb(codeLength);
  codesByLength.set(codeLength, made);
  return made;
}

function makeCodesArb(codeLength: number) {
  return fc.uniqueArray(
    fc.record(
      {
        code: fc
          .integer({ min: 0, max: 10 ** codeLength - 1 })
          .map((n) => String(n).padStart(codeLength, '0')),
        name: fc.string({ maxLength: 64 }),
      },
      { requiredKeys: ['code'] },
    ),
    { maxLength: 8, selector: (c) => c.code },
  );
}

/** `unattendedCalls`, with `code` standing for `{ code }` of one of the account's codes (set below). */
const unattendedArb = fc.constantFrom('end' as const, 'connect' as const, 'code' as const);

const customSettingsArb = fc.record(
  {
    requireForInternalCalls: fc.boolean(),
    validateCodes: fc.boolean(),
    allowCallAfterMaxRetries: fc.boolean(),
    requiredCallTypes: requiredCallTypesArb,
    unattendedCalls: unattendedArb,
  },
  { requiredKeys: [] },
);

// Built once: fast-check arbitraries from regexes are costly to construct.
const accountPartsArb = fc.record({
  settings: fc.record(
    {
      enabled: fc.boolean(),
      requireForInternalCalls: fc.boolean(),
      validateCodes: fc.boolean(),
      allowCallAfterMaxRetries: fc.boolean(),
      requiredCallTypes: requiredCallTypesArb,
      unattendedCalls: unattendedArb,
      midCallCode: fc.stringMatching(/^\*[0-9]{1,3}$/),
    },
    { requiredKeys: [] },
  ),
  trunks: fc.uniqueArray(
    fc.record(
      {
        id: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
        accountCodesEnabled: fc.boolean(),
        customSettings: customSettingsArb,
      },
      { requiredKeys: ['id'] },
    ),
    { maxLength: 5, selector: (t) => t.id },
  ),
  dialPlan: fc.record(
    {
      extensionLengths: fc.uniqueArray(fc.integer({ min: 2, max: 6 }), { maxLength: 3 }),
      ownNumbers: fc.uniqueArray(fc.stringMatching(/^\+1[2-9][0-9]{9}$/), { maxLength: 3 }),
      outsideLinePrefix: fc.constantFrom('9', '0', '81'),
    },
    { requiredKeys: [] },
  ),
});

/**
 * A configuration file that parseConfig accepts (it may carry stored trunk
 * overrides that the account forbids: those are warnings, not errors).
 */
export const validConfigFileArb = fc
  .record({
    codeLength: fc.integer({ min: 3, max: 7 }),
    maxRetries: fc.integer({ min: 1, max: 9 }),
    country: fc.constantFrom('US', 'CA', 'GB', 'DE', 'FR', 'AU', 'IN', 'JM'),
  })
  .chain(({ codeLength, maxRetries, country }) =>
    fc
      .record({ codes: codesArb(codeLength), parts: accountPartsArb })
      .map(({ codes, parts: { settings, trunks, dialPlan } }) => {
        // Validation needs at least one code (docs/rules.md#account-settings): drop it where there are none.
        const noCodes = codes.length === 0;
        // unattendedCalls { code } names a listed code; with none, it is left out.
        const unattended = <T extends { unattendedCalls?: 'end' | 'connect' | 'code' }>(
          level: T,
        ) => {
          const { unattendedCalls, ...others } = level;
          if (unattendedCalls === undefined) return others;
          if (unattendedCalls !== 'code') return { ...others, unattendedCalls };
          const listed = codes[0];
          return listed === undefined
            ? others
            : { ...others, unattendedCalls: { code: listed.code } };
        };
        const { validateCodes, ...rest } = settings;
        return {
          account: {
            country,
            codeLength,
            maxRetries,
            settings: unattended(
              noCodes || validateCodes === undefined ? rest : { ...rest, validateCodes },
            ),
            dialPlan,
            codes,
          },
          trunks: trunks.map((trunk) => {
            if (trunk.customSettings === undefined) return trunk;
            const customSettings = unattended(trunk.customSettings);
            if (!noCodes || customSettings.validateCodes !== true) {
              return { ...trunk, customSettings };
            }
            const { validateCodes: _dropped, ...custom } = customSettings;
            return { ...trunk, customSettings: custom };
          }),
        };
      }),
  );
