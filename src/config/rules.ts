/**
 * The field rules of docs/rules.md#configuration as data: one place for the ranges, the forms and
 * the sentence that tells a person what a field allows. The zod schema, the
 * administrative operations and the docs all read from here.
 */

export const CODE_LENGTH = { min: 3, max: 7 } as const;
export const MAX_RETRIES = { min: 1, max: 9 } as const;
export const EXTENSION_LENGTH = { min: 2, max: 6 } as const;
export const CODE_NAME_MAX_LENGTH = 64;
/** docs/rules.md#reports-and-post-call-tagging: minutes after a call's end it may still be tagged; 0 is off, 44640 (31 days) lets a whole month be tagged at its end. */
export const POST_CALL_TAG_MINUTES = { min: 0, max: 44640 } as const;
/**
 * What `postCallTagMinutes` allows: a plain string apart from ALLOWED (which
 * code entry imports whole), so that bundles that do not use it drop it.
 */
export const POST_CALL_TAG_MINUTES_ALLOWED = 'an integer from 0 (off) to 44640 (31 days)';
export const LOCKOUT_MAX_FAILURES = { min: 1, max: 100 } as const;
export const LOCKOUT_WINDOW_MINUTES = { min: 1, max: 10080 } as const;
export const LOCKOUT_UNLOCK_MINUTES = { min: 1, max: 10080 } as const;
export const LOCKOUT_MAX_FAILURES_PER_DAY = { min: 1, max: 1000 } as const;
/** An account id: 1–64 printable characters (no control or format characters). */
export const ACCOUNT_ID_PATTERN: RegExp = /^[^\p{C}]{1,64}$/u;

/** `*` then 1–3 digits (docs/rules.md#account-settings). */
export const MID_CALL_CODE_PATTERN: RegExp = /^\*[0-9]{1,3}$/;
/** E.164: `+`, a non-zero digit, then up to 14 more digits. */
export const E164_PATTERN: RegExp = /^\+[1-9][0-9]{1,14}$/;
/** An outside-line prefix: 1–2 digits (`9`, `0`, `81`). */
export const OUTSIDE_LINE_PREFIX_PATTERN: RegExp = /^[0-9]{1,2}$/;
/** An exempt number: 2–15 digits. */
export const EXEMPT_NUMBER_PATTERN: RegExp = /^[0-9]{2,15}$/;
/**
 * A trunk id: 1–64 characters (code points), no surrounding spaces, no
 * control characters (line breaks, tabs, NUL, ANSI escapes, bidi overrides:
 * they break logs, CDRs and terminals, and can make two ids look alike).
 */
export const TRUNK_ID_PATTERN: RegExp =
  /^[^\s\p{Cc}](?:[^\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]{0,62}[^\s\p{Cc}])?$/u;

/** A code name holds no control character (see {@link TRUNK_ID_PATTERN}); its length is checked apart. */
export const CODE_NAME_PATTERN: RegExp =
  /^[^\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]*$/u;

/** True when `text` holds a control character: a line break, a tab, an escape, a bidi override. */
export function hasControlCharacter(text: string): boolean {
  return !CODE_NAME_PATTERN.test(text);
}

/** The length of `text` as a person counts it: code points, so an emoji is one, not two. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** True when `code` is exactly `codeLength` ASCII digits. */
export function isCodeOfLength(code: string, codeLength: number): boolean {
  if (code.length !== codeLength) return false;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const CALL_TYPE_NAMES =
  '"international", "directoryAssistance", "premiumToll", "tollFree", "domestic", "mobile", "serviceCode"';

/** An ISO-8601 instant with a date, a time and a zone (`Z` or an offset). */
export const INSTANT_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** True when `value` is an {@link INSTANT_PATTERN} instant that names a real time. */
export function isInstant(value: unknown): value is string {
  return (
    typeof value === 'string' && INSTANT_PATTERN.test(value) && Number.isFinite(Date.parse(value))
  );
}

/**
 * What a code's scope fields allow (docs/rules.md#scoped-codes): apart from
 * {@link ALLOWED}, which code entry bundles whole, so that only the
 * configuration and the settings pay for them.
 */
export const SCOPE_ALLOWED = {
  codeCallTypes: `a non-empty list of distinct values from ${CALL_TYPE_NAMES}`,
  codeTrunks: "a non-empty list of distinct trunk ids of the account's trunks",
  instant: 'an ISO-8601 instant with a zone, such as "2026-12-01T10:00:00Z"',
} as const;

/** The sentences that say what each field allows, used in every error message. */
export const ALLOWED = {
  codeLength: `an integer from ${CODE_LENGTH.min} to ${CODE_LENGTH.max}`,
  maxRetries: `an integer from ${MAX_RETRIES.min} to ${MAX_RETRIES.max}`,
  boolean: 'true or false',
  requiredCallType: `one of ${CALL_TYPE_NAMES}`,
  requiredCallTypes: `a list of distinct values from ${CALL_TYPE_NAMES}`,
  midCallCode: '"*" followed by 1 to 3 digits, such as "*50"',
  unattendedCalls: '"end", "connect", or { "code": "…" } with a code of the account',
  country: 'a supported ISO 3166 alpha-2 country code in capitals, such as "US" or "GB"',
  extensionLength: `an integer from ${EXTENSION_LENGTH.min} to ${EXTENSION_LENGTH.max}`,
  extensionLengths: `a list of distinct integers from ${EXTENSION_LENGTH.min} to ${EXTENSION_LENGTH.max}`,
  ownNumber: 'a phone number in E.164 form, such as "+12125550100"',
  ownNumbers: 'a list of distinct phone numbers in E.164 form, such as "+12125550100"',
  outsideLinePrefix: 'one or two digits, such as "9"',
  exemptNumber: 'a number of 2 to 15 digits, such as "988"',
  exemptNumbers: 'a list of distinct numbers of 2 to 15 digits, such as "988"',
  domesticCountries: 'a list of distinct supported ISO 3166 alpha-2 country codes',
  code: (codeLength: number | undefined): string =>
    codeLength === undefined
      ? 'a string of digits as long as account.codeLength'
      : `a string of exactly ${codeLength} ASCII digits`,
  codeName: `a string of up to ${CODE_NAME_MAX_LENGTH} characters without control characters`,
  trunkId:
    'a non-empty string of up to 64 characters without surrounding spaces or control characters',
} as const;

/** What the lockout fields (docs/rules.md#lockout) allow; apart from {@link ALLOWED} so code entry does not carry them. */
export const LOCKOUT_ALLOWED = {
  accountId: 'a string of 1 to 64 printable characters',
  lockout:
    'false, or an object with maxFailures, windowMinutes, scope, unlockAfterMinutes and maxFailuresPerDay',
  maxFailures: `an integer from ${LOCKOUT_MAX_FAILURES.min} to ${LOCKOUT_MAX_FAILURES.max}`,
  maxFailuresPerDay: `an integer from ${LOCKOUT_MAX_FAILURES_PER_DAY.min} to ${LOCKOUT_MAX_FAILURES_PER_DAY.max} and at least maxFailures`,
  windowMinutes: `an integer from ${LOCKOUT_WINDOW_MINUTES.min} to ${LOCKOUT_WINDOW_MINUTES.max}`,
  lockoutScope: 'one of "trunk", "caller", "account"',
  unlockAfterMinutes: `null (only an administrator unlocks), or an integer from ${LOCKOUT_UNLOCK_MINUTES.min} to ${LOCKOUT_UNLOCK_MINUTES.max} and at least windowMinutes`,
} as const;
