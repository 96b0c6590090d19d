/**
 * fast-check arbitraries for classification and the decision: contexts that
 * type-check (sensible and not), NANP numbers, separators, resolved settings.
 */
import fc from 'fast-check';
import { ALWAYS_EMERGENCY_NUMBERS, emergencyNumbersOf } from '../../src/classify/emergency.js';
import { EMERGENCY_NUMBERS } from '../../src/classify/emergency-table.js';
import { isNanpCountry } from '../../src/classify/nanp.js';
import { NANP_AREA_CODES } from '../../src/classify/nanp-table.js';
import {
  type CountryCode,
  internationalPrefixLength,
  isSupportedCountry,
} from '../../src/classify/phone.js';
import type { ClassifyContext } from '../../src/classify/types.js';
import { REQUIRED_CALL_TYPES } from '../../src/config/types.js';
import type {
  EffectiveSettings,
  Provenance,
  ResolvedSettings,
  ResolveSettingsError,
  SettingSource,
} from '../../src/settings/resolve.js';
import { getCountryCallingCode } from './calling-code.js';

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

/** `text` with docs/rules.md#classification separators sprinkled between its characters. */
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
 * A context and a dial string that docs/rules.md#the-decision says is emergency or exempt in it:
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

/*
 * Issue 12: the forms platforms send. Each list below is what the property
 * tests generate, so a reviewer can see what is covered.
 *
 * An emergency number N of the caller's country (911, 933, 112 and the
 * country's own, from the generated table) is written as one of these NUMBER
 * FORMS (cc: the caller's calling code; idd: 00, 011 for +1, the country's own):
 *   N                       bare
 *   +cc N                   E.164 with the own country code
 *   idd cc N                international prefix + own country code
 *   1 N                     NANP callers only: the 1+ habit
 * then optionally OUTSIDE-LINE PREFIX in front (not before `+`):
 *   9 N, 0 N, 8 N, 81 N, 9 1 N, …
 * then optionally a FEATURE CODE in front (FEATURE_CODES):
 *   *67 N, *82 N, **67 N, #31# N, *31# N, *67*82 N
 * then optionally TRAILING KEYS (TRAILING_KEYS): N#, N##
 * then every character may be written with UNICODE DIGITS (UNICODE_DIGIT_SETS:
 * ASCII, full-width, Arabic-Indic, Eastern Arabic-Indic, Devanagari) and with
 * SEPARATORS between characters (SEPARATOR_CHARACTERS: ASCII space - . ( ),
 * no-break space, tab, U+2011 non-breaking hyphen, en dash, em dash, minus
 * sign, zero-width space, word joiner, BOM, ideographic space),
 * then optionally in a URI or with parameters (URI_FORMS):
 *   tel:N   tel:N;phone-context=+cc   sip:N@host   sips:N@host;user=phone
 *   SIP:N@host:5060   N;phone-context=+cc
 * and optionally a LINE ENDING after it: \n, \r\n.
 */

/** Feature codes that may stand in front of a number (docs/rules.md#classification, issue 12). */
export const FEATURE_CODES = ['*67', '*82', '**67', '#31#', '*31#', '*67*82'] as const;

/** Keys that may follow an emergency number (the send key). */
export const EMERGENCY_TRAILING_KEYS = ['', '#', '##'] as const;

/** Keys that may follow a costly number: the send key, post-dial digits, a stray star. */
export const TRAILING_KEYS = ['', '#', '##', '*', '#1', '#5', '*1', '*#'] as const;

/** Decimal digits of several scripts, 0 to 9 each. */
export const UNICODE_DIGIT_SETS: readonly string[] = [
  '0123456789',
  '０１２３４５６７８９',
  '٠١٢٣٤٥٦٧٨٩',
  '۰۱۲۳۴۵۶۷۸۹',
  '०१२३४५६७८९',
];

/** Separators platforms and people put between the characters of a dial string. */
export const SEPARATOR_CHARACTERS: readonly string[] = [
  ' ',
  '-',
  '.',
  '(',
  ')',
  '\u00a0',
  '\t',
  '\u2011',
  '\u2013',
  '\u2014',
  '\u2212',
  '\u200b',
  '\u2060',
  '\ufeff',
  '\u3000',
];

/** Ways a SIP or tel URI (or a bare string with parameters) carries a dial string `n` for calling code `cc`. */
export const URI_FORMS: readonly ((n: string, cc: string) => string)[] = [
  (n) => n,
  (n) => `tel:${n}`,
  (n, cc) => `tel:${n};phone-context=+${cc}`,
  (n) => `sip:${n}@pbx.example.com`,
  (n) => `sips:${n}@carrier.example.net;user=phone`,
  (n) => `SIP:${n}@198.51.100.7:5060`,
  (n, cc) => `${n};phone-context=+${cc}`,
];

/** `text` written with the digits of one script and any of {@link SEPARATOR_CHARACTERS} between characters. */
export function platformSpelling(text: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...UNICODE_DIGIT_SETS),
      fc.array(fc.string({ unit: fc.constantFrom(...SEPARATOR_CHARACTERS), maxLength: 2 }), {
        minLength: text.length + 1,
        maxLength: text.length + 1,
      }),
    )
    .map(([script, seps]) => {
      let out = seps[0] ?? '';
      for (let i = 0; i < text.length; i++) {
        const c = text[i] as string;
        const digit = c >= '0' && c <= '9' ? script[Number(c)] : c;
        // A separator between `+` and what precedes it is fine; none is put inside a URI scheme here.
        out += (digit ?? c) + (seps[i + 1] ?? '');
      }
      return out;
    });
}

/** Every country the emergency table or the NANP table knows, and the US. */
export const EVERY_COUNTRY: readonly string[] = [
  ...new Set(['US', ...Object.keys(EMERGENCY_NUMBERS), ...Object.keys(NANP_AREA_CODES)]),
].sort();

/** The calling code of `country`, when the phone metadata knows it. */
export function callingCode(country: string): string | undefined {
  return isSupportedCountry(country) ? getCountryCallingCode(country as CountryCode) : undefined;
}

/** International prefixes a caller in `country` may dial: 00, 011 on +1, and the country's own. */
function internationalPrefixes(country: string): string[] {
  const own = ['0011', '810', '011', '00', '001', '0019', '009', '010', '119'].filter(
    (idd) => internationalPrefixLength(country, `${idd}99`) === idd.length,
  );
  return [...new Set([isNanpCountry(country) ? '011' : '00', ...own])];
}

/** The number forms of an emergency number `n` for a caller in `country` (see the list above). */
export function numberForms(country: string, n: string): string[] {
  const cc = callingCode(country);
  const forms = [n];
  if (cc !== undefined) {
    forms.push(`+${cc}${n}`);
    for (const idd of internationalPrefixes(country)) forms.push(`${idd}${cc}${n}`);
  }
  if (isNanpCountry(country)) forms.push(`1${n}`);
  return forms;
}

/**
 * A caller's context and an emergency number of theirs in one of the forms
 * listed above (issue 12): every country, every emergency number, every form.
 */
export const emergencyInEveryFormArb: fc.Arbitrary<{
  context: ClassifyContext;
  dialed: string;
  number: string;
}> = fc
  .record({
    country: fc.constantFrom(...EVERY_COUNTRY),
    pick: fc.nat(),
    form: fc.nat(),
    outsideLinePrefix: fc.option(fc.constantFrom('9', '0', '8', '81'), { nil: undefined }),
    dialPrefix: fc.boolean(),
    featureCode: fc.option(fc.constantFrom(...FEATURE_CODES), { nil: undefined }),
    trailing: fc.constantFrom(...EMERGENCY_TRAILING_KEYS),
    uri: fc.nat(),
    lineEnding: fc.constantFrom('', '\n', '\r\n'),
    extensionLengths: fc.uniqueArray(fc.integer({ min: 2, max: 6 }), { maxLength: 3 }),
  })
  .chain((r) => {
    const numbers = [...ALWAYS_EMERGENCY_NUMBERS, ...emergencyNumbersOf(r.country)];
    const number = numbers[r.pick % numbers.length] as string;
    const forms = numberForms(r.country, number);
    let text = forms[r.form % forms.length] as string;
    const prefix = r.dialPrefix && !text.startsWith('+') ? r.outsideLinePrefix : undefined;
    if (prefix !== undefined) text = prefix + text;
    if (r.featureCode !== undefined) text = r.featureCode + text;
    text += r.trailing;
    const context: ClassifyContext = {
      country: r.country,
      exemptNumbers: [],
      dialPlan: {
        extensionLengths: r.extensionLengths,
        ...(r.outsideLinePrefix === undefined ? {} : { outsideLinePrefix: r.outsideLinePrefix }),
      },
    };
    const uri = URI_FORMS[r.uri % URI_FORMS.length] as (n: string, cc: string) => string;
    return platformSpelling(text).map((spelled) => ({
      context,
      dialed: uri(spelled, callingCode(r.country) ?? '1') + r.lineEnding,
      number,
    }));
  });

/** Numbers that cost: international and premium-rate, by the caller's country, as the caller dials them. */
const COSTLY_NUMBERS: Readonly<Record<string, readonly string[]>> = {
  US: [
    '011442079460958',
    '01133123456789',
    '+442079460958',
    '+4930123456',
    '18765550100',
    '+18095550100',
    '0144 2079460958',
    '19005550123',
    '9005550123',
    '3129761234',
    '13129761234',
  ],
  CA: ['011442079460958', '+33123456789', '18765550100', '19005550123'],
  GB: ['0033123456789', '+12125550100', '09098790000', '+4930123456'],
  DE: ['0033123456789', '+442079460958', '09001234567'],
  AU: ['0011442079460958', '+12125550100', '1900123456'],
};

/**
 * A caller, the costly call types, and a dial string holding one of their
 * costly numbers wrapped in a feature code, an outside-line prefix and
 * trailing keys, with separators: no wrapping may make it not required (issue 12).
 */
export const costlyInAnyWrappingArb: fc.Arbitrary<{
  context: ClassifyContext;
  dialed: string;
  /** The costly number as dialed, with the outside-line prefix when it was dialed. */
  number: string;
}> = fc
  .record({
    country: fc.constantFrom(...Object.keys(COSTLY_NUMBERS)),
    pick: fc.nat(),
    outsideLinePrefix: fc.option(fc.constantFrom('9', '8'), { nil: undefined }),
    dialPrefix: fc.boolean(),
    featureCodes: fc.array(fc.constantFrom(...FEATURE_CODES, '**21*'), { maxLength: 2 }),
    trailing: fc.constantFrom(...TRAILING_KEYS),
    extensionLengths: fc.uniqueArray(fc.integer({ min: 2, max: 6 }), { maxLength: 3 }),
  })
  .chain((r) => {
    const numbers = COSTLY_NUMBERS[r.country] ?? [];
    let text = numbers[r.pick % numbers.length] as string;
    if (r.dialPrefix && r.outsideLinePrefix !== undefined && !text.startsWith('+')) {
      text = r.outsideLinePrefix + text;
    }
    const number = text;
    text = r.featureCodes.join('') + text + r.trailing;
    const context: ClassifyContext = {
      country: r.country,
      dialPlan: {
        extensionLengths: r.extensionLengths,
        ...(r.outsideLinePrefix === undefined ? {} : { outsideLinePrefix: r.outsideLinePrefix }),
      },
    };
    return withSeparators(text).map((dialed) => ({ context, dialed, number }));
  });
