/**
 * The dial strings and configurations the benchmarks measure, shared by our
 * side and the baseline's so both work on exactly the same input.
 */
import type { Config } from '../src/config/types.js';

/** A NANP caller's day: local, long distance, Canada, the Caribbean, toll-free, premium, DA. */
export const NANP_MIX: readonly string[] = [
  '212-555-0100',
  '1 (312) 555-0199',
  '+1 416 555 0123',
  '1-876-555-0100',
  '1-800-555-0100',
  '1-900-555-0100',
  '(415) 976-1234',
  '1 212 555 1212',
  '+1 787 555 0100',
  '1.604.555.0100',
];

/** A US caller dialling abroad, with 011 and with +, to shared and single-region calling codes. */
export const INTERNATIONAL_FROM_US: readonly string[] = [
  '011 44 20 7946 0000',
  '+44 20 7946 0000',
  '011 49 30 123456',
  '+33 1 23 45 67 89',
  '011 61 2 9876 5432',
  '+81 3 1234 5678',
  '011 91 98765 43210',
  '+7 495 123 4567',
  '011 52 55 1234 5678',
  '+61 2 9876 5432',
];

/** A caller in GB: national 0…, international 00…, and +…. */
export const GB_CALLER: readonly string[] = [
  '020 7946 0000',
  '0161 496 0000',
  '07700 900123',
  '0800 123 4567',
  '0906 123 4567',
  '00 49 30 123456',
  '00 1 212 555 0100',
  '00 353 1 234 5678',
  '+44 20 7946 0000',
  '+33 1 23 45 67 89',
];

/** Callers elsewhere: [dial string, caller country]. The mix of the first benchmark (issue 4). */
export const MIXED_CALLERS: readonly (readonly [
  string,
  'GB' | 'DE' | 'FR' | 'AU' | 'IN' | 'US',
])[] = [
  ['+44 20 7946 0000', 'GB'],
  ['020 7946 0000', 'GB'],
  ['00 49 30 123456', 'GB'],
  ['0900 1234567', 'DE'],
  ['+33 1 23 45 67 89', 'DE'],
  ['01 23 45 67 89', 'FR'],
  ['0011 44 20 7946 0000', 'AU'],
  ['02 9876 5432', 'AU'],
  ['098765 43210', 'IN'],
  ['011 91 98765 43210', 'US'],
];

/** The dial strings of a mix, each with its caller's country. */
export const MIXES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  nanp: NANP_MIX.map((s) => [s, 'US'] as const),
  'international-from-us': INTERNATIONAL_FROM_US.map((s) => [s, 'US'] as const),
  'gb-caller': GB_CALLER.map((s) => [s, 'GB'] as const),
  'mixed-callers': MIXED_CALLERS,
};

/** A US account whose `lab` trunk customises a setting, as in examples/acme.json. */
export const CONFIG: Config = {
  account: {
    country: 'US',
    codeLength: 4,
    maxRetries: 3,
    settings: {
      enabled: true,
      requireForInternalCalls: false,
      validateCodes: true,
      allowCallAfterMaxRetries: false,
      requiredCallTypes: ['international', 'premiumToll'],
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
    dialPlan: { extensionLengths: [3, 4], ownNumbers: ['+12125550100'], outsideLinePrefix: '9' },
    codes: [{ code: '1234', name: 'Acme Corp' }],
    exemptNumbers: ['988', '711'],
  },
  trunks: [
    { id: 'hq', accountCodesEnabled: true },
    { id: 'lab', accountCodesEnabled: true, customSettings: { validateCodes: false } },
  ],
};
