/**
 * Call classification (SPEC §3): the dialed string and the caller's context
 * in, exactly one of emergency, internal, external or invalid out. The rules
 * run in the order §3 gives them; see docs/classification.md.
 */
import { type ReadContext, readContext } from './context.js';
import { emergencyOrExempt } from './emergency.js';
import {
  internationalDestination,
  nationalDestination,
  SHORT_CODE_MAX_LENGTH,
} from './international.js';
import { type Destination, isTenDigitNanp, nanpDestination, nanpLocalDestination } from './nanp.js';
import { normaliseDialString } from './normalise.js';
import {
  CALL_CATEGORIES,
  type CallCategory,
  type Classification,
  type ClassifyContext,
  type ExternalCall,
} from './types.js';

const NONE: readonly CallCategory[] = Object.freeze([]);
const DIRECTORY_ASSISTANCE: readonly CallCategory[] = Object.freeze(['directoryAssistance']);
const SERVICE_CODE: readonly CallCategory[] = Object.freeze(['serviceCode']);

/**
 * Classifies a dial string for a caller (SPEC §3). Total: any string gives
 * a result, `invalid` with a reason for what cannot be dialed.
 *
 * `context` is plain data with the §2–§3 defaults (country `US`, no
 * extensions, no own numbers, no outside-line prefix, exempt numbers 988 and
 * 711); a parsed config's `account` can be passed as it is.
 *
 * @example
 * ```ts
 * classifyCall('9-1-876-555-1234', { dialPlan: { outsideLinePrefix: '9' } });
 * // { kind: 'external', dialed: '918765551234', number: '18765551234',
 * //   categories: ['international'], e164: '+18765551234', country: 'JM' }
 * classifyCall('999', { country: 'GB' }).kind; // 'emergency'
 * classifyCall('1-800-FLOWERS').kind; // 'invalid'
 * ```
 */
export function classifyCall(dialed: string, context: ClassifyContext = {}): Classification {
  const normalised = normaliseDialString(dialed);
  if (normalised.kind === 'invalid') return normalised;
  const digits = normalised.digits;
  return classifyDigits(digits, withoutSendKey(digits), readContext(context));
}

/**
 * A trailing `#` is the "send now" key many phones and PBXs use; it is not
 * part of the number, and must never hide one (`911#` is 911).
 */
function withoutSendKey(digits: string): string {
  let end = digits.length;
  while (end > 1 && digits[end - 1] === '#') end--;
  return end === digits.length ? digits : digits.slice(0, end);
}

/** The §3 rules from the emergency check on, for `digits` as dialed (`dialed` is reported). */
function classifyDigits(dialed: string, digits: string, ctx: ReadContext): Classification {
  // An emergency or exempt number as dialed is never read as prefix + something else (§4).
  const why = emergencyOrExempt(digits, ctx.country, ctx.exemptNumbers);
  if (why !== undefined)
    return { kind: 'emergency', dialed, number: digits, why, categories: NONE };
  // §3: strip the outside-line prefix only when the rest is a dialable number
  // (so prefix + 911 is emergency, while an extension starting with it stays internal).
  // A NANP caller's ten-digit number is complete as dialed: 901-234-5678 with
  // prefix 9 is Memphis, not 9 + 01 + country code 234.
  const prefix = ctx.outsideLinePrefix;
  if (
    prefix !== '' &&
    digits.length > prefix.length &&
    digits.startsWith(prefix) &&
    !(ctx.nanp && isTenDigitNanp(digits))
  ) {
    const rest = classifyNumber(dialed, digits.slice(prefix.length), ctx, false);
    if (rest !== undefined) return rest;
  }
  return classifyNotEmergency(dialed, digits, ctx, true) ?? unrecognised(dialed, digits, ctx);
}

/**
 * The §3 rules after separators and the prefix, on `number`; `undefined` when
 * `number` is not a number these rules recognise.
 */
function classifyNumber(
  dialed: string,
  number: string,
  ctx: ReadContext,
  extensionsAllowed: boolean,
): Classification | undefined {
  const why = emergencyOrExempt(number, ctx.country, ctx.exemptNumbers);
  if (why !== undefined) return { kind: 'emergency', dialed, number, why, categories: NONE };
  return classifyNotEmergency(dialed, number, ctx, extensionsAllowed);
}

/** {@link classifyNumber} once `number` is known not to be emergency or exempt. */
function classifyNotEmergency(
  dialed: string,
  number: string,
  ctx: ReadContext,
  extensionsAllowed: boolean,
): Classification | undefined {
  if (number.includes('*') || number.includes('#')) return featureCode(dialed, number, ctx);

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
 * NANP N11 codes and operator access (SPEC §3): 411 and 1-411 are directory
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

/** Destinations for a caller on +1 (SPEC §3, "NANP callers"). */
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

/** Destinations for a caller outside the NANP (SPEC §3, "Other countries"). */
function otherCallerDestination(number: string, ctx: ReadContext): Destination | undefined {
  if (number[0] === '+') return internationalDestination(number.slice(1), ctx.domesticCountries);
  return nationalDestination(number, ctx.country, ctx.domesticCountries);
}

/**
 * A vertical service code such as `*67` (caller-ID blocking) in front of a
 * number is classified by that number, so it cannot hide an emergency call
 * or a premium one; any other `*`/`#` string is a service code.
 */
function featureCode(dialed: string, number: string, ctx: ReadContext): Classification {
  if (number.length > 3 && number[0] === '*' && isDigit(number, 1) && isDigit(number, 2)) {
    // The whole of §3 again on what follows, outside-line prefix included (`*67 9 911`).
    return classifyDigits(dialed, number.slice(3), ctx);
  }
  return external(dialed, number, { categories: SERVICE_CODE, country: ctx.country });
}

/** Digits no rule recognised: a short code when short, else an unknown external destination. */
function unrecognised(dialed: string, number: string, ctx: ReadContext): ExternalCall {
  if (number.length <= SHORT_CODE_MAX_LENGTH && number[0] !== '+') {
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

function isDigit(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
}
