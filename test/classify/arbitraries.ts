/**
 * fast-check arbitraries for classification and the decision: contexts that
 * type-check (sensible and not), NANP numbers, separators, resolved settings.
 */
import fc from 'fast-check';
import { emergencyNumbersOf } from '../../src/classify/emergency.js';
import type { ClassifyContext } from '../../src/classify/types.js';
import { REQUIRED_CALL_TYPES } from '../../src/config/types.js';
import type {
  EffectiveSettings,
  Provenance,
  ResolvedSettings,
  ResolveSettingsError,
  SettingSource,
} from '../../src/settings/resolve.js';

/** Countries the tests care about, plus a few the metadata does not know. */
export const COUNTRIES = [
  'US',
  'CA',
  'JM',
  'PR',
  'DO',
  'GB',
  'DE',
  'FR',
  'AU',
  'IN',
  'XX',
  'us',
  '',
];

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Any context that type-checks, from sensible account data to nonsense. */
export const contextArb: fc.Arbitrary<ClassifyContext> = fc.record(
  {
    country: fc.oneof(fc.constantFrom(...COUNTRIES), fc.string({ maxLength: 4 })),
    dialPlan: fc.record(
      {
        extensionLengths: fc.array(
          fc.oneof(fc.integer({ min: 2, max: 6 }), fc.integer(), fc.double()),
          { maxLength: 4 },
        ),
        ownNumbers: fc.array(
          fc.oneof(
            digits(10, 10).map((d) => `+1${d}`),
            fc.string(),
          ),
          {
            maxLength: 3,
          },
        ),
        outsideLinePrefix: fc.oneof(
          fc.constantFrom('9', '0', '81', '1'),
          fc.string({ maxLength: 3 }),
        ),
      },
      { requiredKeys: [] },
    ),
    domesticCountries: fc.array(fc.oneof(fc.constantFrom(...COUNTRIES), fc.string()), {
      maxLength: 4,
    }),
    exemptNumbers: fc.array(fc.oneof(digits(2, 6), fc.string()), { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

/** Any string at all: unicode, control characters, dial-string look-alikes, up to 10 kB. */
export const anyStringArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  {
    arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789+*#-. ()'), maxLength: 40 }),
    weight: 4,
  },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  // 10 kB strings are slow to generate: one case in twelve is plenty.
  {
    arbitrary: fc.string({
      unit: fc.constantFrom(...'0123456789 -'),
      minLength: 10_000,
      maxLength: 10_240,
    }),
    weight: 1,
  },
  { arbitrary: fc.string({ unit: 'binary', minLength: 10_000, maxLength: 10_240 }), weight: 1 },
);

/** A ten-digit NANP number, NPA-NXX-XXXX. */
export const nanpTenArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 2, max: 9 }), digits(2, 2), fc.integer({ min: 2, max: 9 }), digits(6, 6))
  .map(([a, b, c, d]) => `${a}${b}${c}${d}`);

/** A NANP number as a caller writes it: bare, 1 + number, or +1 + number. */
export const nanpNumberArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', '1', '+1'), nanpTenArb)
  .map(([lead, ten]) => lead + ten);

/** `text` with SPEC §3 separators sprinkled between its characters. */
export function withSeparators(text: string): fc.Arbitrary<string> {
  return fc
    .array(fc.string({ unit: fc.constantFrom(' ', '-', '.', '(', ')'), maxLength: 3 }), {
      minLength: text.length + 1,
      maxLength: text.length + 1,
    })
    .map((seps) => {
      let out = seps[0] ?? '';
      for (let i = 0; i < text.length; i++) out += text[i] + (seps[i + 1] ?? '');
      return out;
    });
}

const sourceArb: fc.Arbitrary<SettingSource> = fc.constantFrom('account', 'trunk');

/** Any resolved settings: active or not, every combination of effective values and levels. */
export const resolvedArb: fc.Arbitrary<ResolvedSettings> = fc
  .record({
    trunkId: fc.string({ minLength: 1, maxLength: 8 }),
    active: fc.boolean(),
    inactiveReason: fc.constantFrom('account-disabled', 'trunk-disabled' as const),
    settings: fc.record<EffectiveSettings>({
      requireForInternalCalls: fc.boolean(),
      validateCodes: fc.boolean(),
      allowCallAfterMaxRetries: fc.boolean(),
      requiredCallTypes: fc.subarray([...REQUIRED_CALL_TYPES]),
      codeLength: fc.integer({ min: 3, max: 7 }),
      maxRetries: fc.integer({ min: 1, max: 9 }),
      midCallCode: fc.constantFrom('*50', '*7'),
    }),
    provenance: fc.record<Provenance>({
      requireForInternalCalls: sourceArb,
      validateCodes: sourceArb,
      allowCallAfterMaxRetries: sourceArb,
      requiredCallTypes: sourceArb,
      codeLength: fc.constant('account'),
      maxRetries: fc.constant('account'),
      midCallCode: fc.constant('account'),
    }),
  })
  .map(({ active, inactiveReason, ...rest }) => ({
    ok: true as const,
    active,
    ...(active ? {} : { inactiveReason }),
    ...rest,
    ignored: [],
  }));

/**
 * A context and a dial string that SPEC §4 says is emergency or exempt in it:
 * 911, 933, 112, prefix + 911, the caller country's own, an exempt number.
 */
export const emergencyCallArb: fc.Arbitrary<{ context: ClassifyContext; dialed: string }> = fc
  .record({
    country: fc.constantFrom('US', 'CA', 'JM', 'PR', 'GB', 'DE', 'FR', 'AU', 'IN'),
    extensionLengths: fc.uniqueArray(fc.integer({ min: 2, max: 6 }), { maxLength: 3 }),
    outsideLinePrefix: fc.option(fc.constantFrom('9', '0', '8', '81'), { nil: undefined }),
    exemptNumbers: fc.uniqueArray(digits(2, 6), { maxLength: 3 }),
    pick: fc.nat(),
    viaPrefix: fc.boolean(),
  })
  .chain(({ country, extensionLengths, outsideLinePrefix, exemptNumbers, pick, viaPrefix }) => {
    const numbers = ['911', '933', '112', ...emergencyNumbersOf(country), ...exemptNumbers];
    const number = numbers[pick % numbers.length] ?? '911';
    const prefixed = viaPrefix && outsideLinePrefix !== undefined && number === '911';
    const context: ClassifyContext = {
      country,
      exemptNumbers,
      dialPlan: {
        extensionLengths,
        ...(outsideLinePrefix === undefined ? {} : { outsideLinePrefix }),
      },
    };
    return withSeparators(prefixed ? `${outsideLinePrefix}911` : number).map((dialed) => ({
      context,
      dialed,
    }));
  });

/** What `resolveSettings` returns for a trunk id that is not in the configuration. */
export const unknownTrunkArb: fc.Arbitrary<ResolveSettingsError> = fc.string().map((trunkId) => ({
  ok: false as const,
  error: {
    code: 'unknown-trunk' as const,
    trunkId,
    message: `trunk ${JSON.stringify(trunkId)} is unknown`,
  },
}));
