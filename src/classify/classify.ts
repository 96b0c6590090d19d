/**
 * Call classification (docs/rules.md#classification): the dialed string and the caller's context
 * in, exactly one of emergency, internal, external or invalid out. The rules
 * run in the order docs/rules.md#classification gives them; see docs/classification.md.
 */

import { categoriesOf } from './categories.js';
import { type ReadContext, readContext } from './context.js';
import {
  isKeyOrPause,
  isKnownFeatureCode,
  type Reading,
  readingsOf,
  sosUrnOf,
} from './dial-string.js';
import { emergencyForm, emergencyOrExempt } from './emergency.js';
import {
  internationalDestination,
  nationalDestination,
  SHORT_CODE_MAX_LENGTH,
} from './international.js';
import {
  type Destination,
  isTenDigitNanp,
  NO_PLACE,
  nanpCategoryMask,
  nanpCountryAt,
  nanpDestination,
  nanpLocalDestination,
} from './nanp.js';
import { normaliseDialString, plainNanpDigits } from './normalise.js';
import {
  CALL_CATEGORIES,
  type CallCategory,
  type Classification,
  type ClassifyContext,
  type EmergencyCall,
  type ExternalCall,
  type InvalidDialString,
} from './types.js';

const NONE: readonly CallCategory[] = Object.freeze([]);
const DIRECTORY_ASSISTANCE: readonly CallCategory[] = Object.freeze(['directoryAssistance']);
const SERVICE_CODE: readonly CallCategory[] = Object.freeze(['serviceCode']);

/**
 * Classifies a dial string for a caller (docs/rules.md#classification). Total: any string gives
 * a result, `invalid` with a reason for what cannot be dialed. The string is
 * read by the grammar `wrapper? prefixes* number suffix?`
 * (docs/rules.md#reading-a-dial-string): emergency when any reading is;
 * `number` (or `e164`) is what to dial, never the string as given.
 *
 * `context` is plain data with the docs/rules.md#configuration and docs/rules.md#classification defaults (country `US`, no
 * extensions, no own numbers, no outside-line prefix, exempt numbers 988 and
 * 711); a parsed config's `account` can be passed as it is.
 *
 * @example
 * ```ts
 * classifyCall('9-1-876-555-1234', { dialPlan: { outsideLinePrefix: '9' } });
 * // { kind: 'external', dialed: '918765551234', number: '18765551234',
 * //   categories: ['international'], e164: '+18765551234', country: 'JM' }
 * classifyCall('999', { country: 'GB' }).kind; // 'emergency'
 * classifyCall('sip:+1911@carrier;user=phone').kind; // 'emergency'
 * classifyCall('911*', { dialPlan: { outsideLinePrefix: '9' } }).kind; // 'emergency'
 * classifyCall('urn:service:sos.police').kind; // 'emergency'
 * classifyCall('212 555 0100 #0').categories; // ['domestic']: the suffix adds nothing
 * classifyCall('#31#011442079460958').categories; // ['international']
 * classifyCall('1-800-FLOWERS').kind; // 'invalid'
 * ```
 */
export function classifyCall(dialed: string, context: ClassifyContext = {}): Classification {
  // The commonest shapes in one pass; the same digits the general pass gives.
  const plain = plainNanpDigits(dialed);
  let digits = plain;
  if (digits === undefined) {
    const normalised = normaliseDialString(dialed);
    if (normalised.kind === 'invalid') return sosCall(dialed) ?? normalised;
    digits = normalised.digits;
  }
  const ctx = readContext(context);
  if (ctx.nanp) {
    // `plain` is NPA-NXX-XXXX after nothing, 1 or +1: the ten digits are its last.
    const from = plain !== undefined ? plain.length - 10 : nanpNumberStart(digits);
    const call = from < 0 ? undefined : plainNanpCall(digits, from, ctx);
    if (call !== undefined) return call;
  }
  return hasKeys(digits) ? readDialString(digits, ctx) : classifyDigits(digits, digits, ctx, false);
}

/** An RFC 5031 `urn:service:sos…` (docs/rules.md#reading-a-dial-string): emergency whatever follows. */
function sosCall(dialed: string): EmergencyCall | undefined {
  const urn = sosUrnOf(dialed);
  return urn === undefined
    ? undefined
    : { kind: 'emergency', dialed: urn, number: urn, why: 'emergency', categories: NONE };
}

/** `digits` holds a `*`, `#` or pause: the grammar's prefixes or suffix are in it. */
function hasKeys(digits: string): boolean {
  for (let i = 0; i < digits.length; i++) if (isKeyOrPause(digits.charCodeAt(i))) return true;
  return false;
}

/**
 * A NANP caller's NPA-NXX-XXXX, 1 + NPA-NXX-XXXX or +1 + NPA-NXX-XXXX (the
 * ten digits at `digits[from..]`), the most common calls there are, without
 * the rules that cannot apply to them (issue 14): no emergency number or form
 * of one has these shapes (docs/rules.md#the-decision), they hold no `*`/`#`, are no N11 code,
 * and a ten-digit number keeps an outside-line prefix (docs/rules.md#classification). `undefined`
 * where an account's own rule could apply (an exempt number, an extension of that
 * length, an outside-line prefix in front, one of its own numbers): the
 * whole of docs/rules.md#classification then decides, as for every other string.
 */
function plainNanpCall(digits: string, from: number, ctx: ReadContext): ExternalCall | undefined {
  const prefix = ctx.outsideLinePrefix;
  if (from > 0 && prefix !== '' && digits.startsWith(prefix)) return undefined;
  // `1` or `+1` + an exempt number is a form of it (docs/rules.md#the-decision, emergencyForm).
  const exempt = ctx.exemptNumbers;
  if (exempt.includes(digits) || (from > 0 && hasTenDigitTail(digits, exempt))) return undefined;
  if (ctx.extensionLengths.includes(digits.length)) return undefined;
  const e164 = from === 2 ? digits : from === 1 ? `+${digits}` : `+1${digits}`;
  if (ctx.ownNumbers.includes(e164)) return undefined;
  const country = nanpCountryAt(digits, from);
  const categories = categoriesOf(nanpCategoryMask(digits, from, country, ctx.domesticCountries));
  return country === NO_PLACE
    ? { kind: 'external', dialed: digits, number: digits, categories, e164 }
    : { kind: 'external', dialed: digits, number: digits, categories, e164, country };
}

/** One of `numbers` is the last ten digits of `digits` (without slicing them off). */
function hasTenDigitTail(digits: string, numbers: readonly string[]): boolean {
  for (const n of numbers) if (n.length === 10 && digits.endsWith(n)) return true;
  return false;
}

/** Where the ten digits of NPA-NXX-XXXX, 1 + it or +1 + it start in `digits`; -1 for anything else. */
function nanpNumberStart(digits: string): number {
  const from =
    digits.length === 10
      ? 0
      : digits.length === 11 && digits[0] === '1'
        ? 1
        : digits.length === 12 && digits[0] === '+' && digits[1] === '1'
          ? 2
          : -1;
  return from >= 0 && isTenDigitNanp(digits, from) ? from : -1;
}

/**
 * The docs/rules.md#classification rules from the emergency check on, for `digits` as dialed (`dialed`
 * is reported). `wrapped`: a feature code stands in front of `digits`, where
 * an unrecognised short code is not a service code (it fails closed).
 */
function classifyDigits(
  dialed: string,
  digits: string,
  ctx: ReadContext,
  wrapped: boolean,
): Classification {
  // An emergency or exempt number as dialed, or after the outside-line prefix, is
  // emergency first: never read as prefix + something else (docs/rules.md#the-decision), known country or not.
  const emergency = emergencyReading(dialed, digits, ctx);
  if (emergency !== undefined) return emergency;
  // Without a known country only the numbers every country shares are known: say so.
  if (!ctx.countryKnown) return unknownCountry(dialed, ctx.country);
  // docs/rules.md#classification: strip the outside-line prefix only when the rest is a dialable number
  // (so an extension starting with it stays internal).
  if (hasOutsideLinePrefix(digits, ctx)) {
    const rest = classifyNumber(dialed, digits.slice(ctx.outsideLinePrefix.length), ctx);
    if (rest !== undefined) return rest;
  }
  return (
    classifyNotEmergency(dialed, digits, ctx, true) ?? unrecognised(dialed, digits, ctx, wrapped)
  );
}

/**
 * An emergency or exempt number (docs/rules.md#the-decision) as dialed or in one of its longer
 * forms (`+1 911`, `011 44 999`, NANP `1-911`: {@link emergencyForm}).
 */
function emergencyCall(
  dialed: string,
  number: string,
  ctx: ReadContext,
): EmergencyCall | undefined {
  const why = emergencyOrExempt(number, ctx.country, ctx.exemptNumbers);
  if (why !== undefined) return { kind: 'emergency', dialed, number, why, categories: NONE };
  const form = emergencyForm(number, ctx.country, ctx.nanp, ctx.exemptNumbers);
  if (form === undefined) return undefined;
  return { kind: 'emergency', dialed, number: form.number, why: form.why, categories: NONE };
}

/**
 * The docs/rules.md#classification rules after separators and the prefix, on `number`; `undefined` when
 * `number` is not a number these rules recognise.
 */
function classifyNumber(
  dialed: string,
  number: string,
  ctx: ReadContext,
): Classification | undefined {
  return emergencyCall(dialed, number, ctx) ?? classifyNotEmergency(dialed, number, ctx, false);
}

/** {@link classifyNumber} once `number` is known not to be emergency or exempt. */
function classifyNotEmergency(
  dialed: string,
  number: string,
  ctx: ReadContext,
  extensionsAllowed: boolean,
): Classification | undefined {
  const service = ctx.nanp ? nanpServiceCode(number) : undefined;
  if (service !== undefined) {
    return external(dialed, number, { categories: service, country: ctx.country });
  }

  // Special numbers (above) win over extensions of the same digits.
  if (extensionsAllowed && number[0] !== '+' && ctx.extensionLengths.includes(number.length)) {
    return { kind: 'internal', dialed, number, via: 'extension', categories: NONE };
  }

  const destination = ctx.nanp
    ? nanpCallerDestination(number, ctx)
    : otherCallerDestination(number, ctx);
  if (destination === undefined) return undefined;
  if (destination.e164 !== undefined && ctx.ownNumbers.includes(destination.e164)) {
    return {
      kind: 'internal',
      dialed,
      number,
      via: 'own-number',
      e164: destination.e164,
      categories: NONE,
    };
  }
  return external(dialed, number, destination);
}

/**
 * NANP N11 codes and operator access (docs/rules.md#classification): 411 and 1-411 are directory
 * assistance, 0 and 00 operator assistance, the other N11 codes service codes.
 */
function nanpServiceCode(number: string): readonly CallCategory[] | undefined {
  if (number === '0' || number === '00') return DIRECTORY_ASSISTANCE;
  const n11 = number.length === 4 && number[0] === '1' ? number.slice(1) : number;
  if (n11.length !== 3 || n11[1] !== '1' || n11[2] !== '1') return undefined;
  const first = n11.charCodeAt(0);
  if (first < 50 || first > 57) return undefined;
  return n11 === '411' ? DIRECTORY_ASSISTANCE : SERVICE_CODE;
}

/** Destinations for a caller on +1 (docs/rules.md#classification, "NANP callers"). */
function nanpCallerDestination(number: string, ctx: ReadContext): Destination | undefined {
  const domestic = ctx.domesticCountries;
  if (number[0] === '+') return internationalDestination(number.slice(1), domestic);
  if (number.startsWith('011')) return internationalDestination(number.slice(3), domestic);
  if (number.startsWith('01')) {
    // Operator-assisted international: directory assistance and international.
    const destination = internationalDestination(number.slice(2), domestic);
    return destination === undefined ? undefined : withCategory(destination, 'directoryAssistance');
  }
  if (number[0] === '0') {
    // Operator-assisted domestic: 0 + a number.
    const rest = number.slice(1);
    const destination = nanpNumber(rest, ctx);
    return destination === undefined ? undefined : withCategory(destination, 'directoryAssistance');
  }
  return nanpNumber(number, ctx);
}

/** NPA-NXX-XXXX, 1 + NPA-NXX-XXXX, or a seven-digit local number. */
function nanpNumber(number: string, ctx: ReadContext): Destination | undefined {
  if (isTenDigitNanp(number)) return nanpDestination(number, ctx.domesticCountries);
  if (number[0] === '1' && isTenDigitNanp(number, 1)) {
    return nanpDestination(number.slice(1), ctx.domesticCountries);
  }
  if (
    number.length === 7 &&
    isTenDigitNanp(`200${number}`) &&
    number[0] !== '0' &&
    number[0] !== '1'
  ) {
    return nanpLocalDestination(number, ctx.country);
  }
  return undefined;
}

/** Destinations for a caller outside the NANP (docs/rules.md#classification, "Other countries"). */
function otherCallerDestination(number: string, ctx: ReadContext): Destination | undefined {
  if (number[0] === '+') return internationalDestination(number.slice(1), ctx.domesticCountries);
  return nationalDestination(number, ctx.country, ctx.domesticCountries);
}

/**
 * A dial string with keys in it, read by the grammar
 * (docs/rules.md#reading-a-dial-string, src/classify/dial-string.ts): a
 * feature code alone is a service code when the standards or the account
 * know it; else the call is emergency when any reading of it is (with and
 * without the outside-line prefix, each way of reading feature codes, the
 * suffix dropped), and every other decision is taken on the first reading,
 * whose suffix never adds or removes a category. No reading (`*23#0`: an
 * unknown code, then keys): an unrecognised destination, which fails closed.
 */
function readDialString(keys: string, ctx: ReadContext): Classification {
  if (isKnownFeatureCode(keys, ctx.serviceCodes)) {
    return external(keys, keys, { categories: SERVICE_CODE, country: ctx.country });
  }
  const readings = readingsOf(keys, ctx.outsideLinePrefix, ctx.serviceCodes);
  let chosen: Reading | undefined;
  for (const reading of readings) {
    const emergency = emergencyReading(keys, reading.number, ctx);
    if (emergency !== undefined) return emergency;
    if (chosen === undefined && !reading.isOutsideLinePrefix) chosen = reading;
  }
  if (chosen === undefined) return external(keys, keys, { categories: NONE });
  // The whole of docs/rules.md#classification on the number, outside-line prefix included (`*67 9 011…`).
  return classifyDigits(keys, chosen.number, ctx, chosen.afterFeatureCode);
}

/** `number` is an emergency or exempt number as dialed or after the outside-line prefix. */
function emergencyReading(
  dialed: string,
  number: string,
  ctx: ReadContext,
): EmergencyCall | undefined {
  return (
    emergencyCall(dialed, number, ctx) ??
    (hasOutsideLinePrefix(number, ctx)
      ? emergencyCall(dialed, number.slice(ctx.outsideLinePrefix.length), ctx)
      : undefined)
  );
}

/**
 * `digits` starts with the outside-line prefix and has more after it. A NANP
 * caller's ten-digit number is complete as dialed: 901-234-5678 with prefix 9
 * is Memphis, not 9 + 01 + country code 234.
 */
function hasOutsideLinePrefix(digits: string, ctx: ReadContext): boolean {
  const prefix = ctx.outsideLinePrefix;
  return (
    prefix !== '' &&
    digits.length > prefix.length &&
    digits.startsWith(prefix) &&
    !(ctx.nanp && isTenDigitNanp(digits))
  );
}

/** The caller's country is not one the metadata knows: no rule past the emergency numbers applies. */
function unknownCountry(dialed: string, country: string): InvalidDialString {
  return {
    kind: 'invalid',
    dialed,
    reason: 'unknown-country',
    message: `country: ${JSON.stringify(country)} is not a country the phone metadata knows; expected a supported ISO 3166 alpha-2 code such as "GB" (without one, only 911, 933, 112 and the exempt numbers are recognised)`,
    categories: NONE,
  };
}

/**
 * Digits no rule recognised: a short code when short, else an unknown
 * external destination. After a feature code (`wrapped`) a short code is
 * unknown too: it cannot be shown to be harmless.
 */
function unrecognised(
  dialed: string,
  number: string,
  ctx: ReadContext,
  wrapped: boolean,
): ExternalCall {
  if (!wrapped && number.length <= SHORT_CODE_MAX_LENGTH && number[0] !== '+') {
    return external(dialed, number, { categories: SERVICE_CODE, country: ctx.country });
  }
  return external(dialed, number, { categories: NONE });
}

function external(dialed: string, number: string, destination: Destination): ExternalCall {
  const { categories, e164, country } = destination;
  // Literal shapes rather than spreads: this is the hot path of every call.
  if (e164 !== undefined) {
    return country === undefined
      ? { kind: 'external', dialed, number, categories, e164 }
      : { kind: 'external', dialed, number, categories, e164, country };
  }
  return country === undefined
    ? { kind: 'external', dialed, number, categories }
    : { kind: 'external', dialed, number, categories, country };
}

function withCategory(destination: Destination, category: CallCategory): Destination {
  if (destination.categories.includes(category)) return destination;
  const categories = [...destination.categories, category].sort(
    (a, b) => CALL_CATEGORIES.indexOf(a) - CALL_CATEGORIES.indexOf(b),
  );
  return { ...destination, categories };
}
