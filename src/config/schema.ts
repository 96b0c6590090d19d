/**
 * The zod schema of the configuration file (docs/rules.md#configuration, docs/rules.md#the-config-file-and-the-cli).
 *
 * zod/mini, not classic zod: its functions tree-shake, so the schema costs a
 * bundle about 5 kB gzipped instead of 90 (docs/performance.md). Built on
 * first use, never at import.
 */
import * as z from 'zod/mini';
import { isSupportedCountry } from './countries.js';
import {
  ACCOUNT_ID_PATTERN,
  ALLOWED,
  CODE_LENGTH,
  CODE_NAME_MAX_LENGTH,
  CODE_NAME_PATTERN,
  codePointLength,
  E164_PATTERN,
  EXEMPT_NUMBER_PATTERN,
  EXTENSION_LENGTH,
  isInstant,
  LOCKOUT_ALLOWED,
  LOCKOUT_MAX_FAILURES,
  LOCKOUT_MAX_FAILURES_PER_DAY,
  LOCKOUT_UNLOCK_MINUTES,
  LOCKOUT_WINDOW_MINUTES,
  MAX_RETRIES,
  MID_CALL_CODE_PATTERN,
  OUTSIDE_LINE_PREFIX_PATTERN,
  POST_CALL_TAG_MINUTES,
  POST_CALL_TAG_MINUTES_ALLOWED,
  SCOPE_ALLOWED,
  TRUNK_ID_PATTERN,
} from './rules.js';
import {
  type Config,
  DEFAULT_EXEMPT_NUMBERS,
  DEFAULT_LOCKOUT,
  DEFAULT_MID_CALL_CODE,
  DEFAULT_POST_CALL_TAG_MINUTES,
  DEFAULT_UNATTENDED_CALLS,
  LOCKOUT_SCOPE_KINDS,
  type LockoutScopeKind,
  REQUIRED_CALL_TYPES,
  type RequiredCallType,
} from './types.js';

/** zod's `error` option: every failure of a field reports what the field allows. */
const allows = (text: string) => ({ error: () => text });

function intIn(range: { readonly min: number; readonly max: number }, text: string) {
  return z
    .int(allows(text))
    .check(z.minimum(range.min, allows(text)), z.maximum(range.max, allows(text)));
}

function bool() {
  return z.boolean(allows(ALLOWED.boolean));
}

/** A list; that its items are distinct is checked in cross-field.ts, with the other items' problems. */
function list<T extends z.ZodMiniType>(item: T, text: string) {
  return z.array(item, allows(text));
}

function pattern(re: RegExp, text: string) {
  return z.string(allows(text)).check(z.regex(re, allows(text)));
}

/** A strict object: unknown fields are errors that name the fields allowed. */
function strict<S extends z.core.$ZodShape>(shape: S) {
  const fields = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `allowed fields: ${fields}`
        : `an object with the fields ${fields}`,
  });
}

function buildSchemas() {
  const callType = z.enum(
    REQUIRED_CALL_TYPES as [RequiredCallType, ...RequiredCallType[]],
    allows(ALLOWED.requiredCallType),
  );
  const requiredCallTypes = list(callType, ALLOWED.requiredCallTypes);
  const country = z
    .string(allows(ALLOWED.country))
    .check(z.refine((value): boolean => isSupportedCountry(value), allows(ALLOWED.country)));
  const defaultFalse = z._default(bool(), false);

  // docs/rules.md#lockout: an object (each field defaulted), or false to switch lockout off.
  // unlockAfterMinutes >= windowMinutes and maxFailuresPerDay >= maxFailures are checked in cross-field.ts.
  const lockout = z.union(
    [
      z.literal(false, allows(LOCKOUT_ALLOWED.lockout)),
      strict({
        maxFailures: z._default(
          intIn(LOCKOUT_MAX_FAILURES, LOCKOUT_ALLOWED.maxFailures),
          DEFAULT_LOCKOUT.maxFailures,
        ),
        windowMinutes: z._default(
          intIn(LOCKOUT_WINDOW_MINUTES, LOCKOUT_ALLOWED.windowMinutes),
          DEFAULT_LOCKOUT.windowMinutes,
        ),
        scope: z._default(
          z.enum(
            LOCKOUT_SCOPE_KINDS as [LockoutScopeKind, ...LockoutScopeKind[]],
            allows(LOCKOUT_ALLOWED.lockoutScope),
          ),
          DEFAULT_LOCKOUT.scope,
        ),
        unlockAfterMinutes: z._default(
          z.nullable(intIn(LOCKOUT_UNLOCK_MINUTES, LOCKOUT_ALLOWED.unlockAfterMinutes)),
          DEFAULT_LOCKOUT.unlockAfterMinutes,
        ),
        maxFailuresPerDay: z._default(
          intIn(LOCKOUT_MAX_FAILURES_PER_DAY, LOCKOUT_ALLOWED.maxFailuresPerDay),
          DEFAULT_LOCKOUT.maxFailuresPerDay,
        ),
      }),
    ],
    allows(LOCKOUT_ALLOWED.lockout),
  );

  // docs/rules.md#calls-nobody-can-key; the code's length and list are checked in cross-field.ts.
  const unattendedCalls = z.union(
    [
      z.literal('end', allows(ALLOWED.unattendedCalls)),
      z.literal('connect', allows(ALLOWED.unattendedCalls)),
      strict({ code: z.string(allows(ALLOWED.code(undefined))) }),
    ],
    allows(ALLOWED.unattendedCalls),
  );

  const settings = strict({
    enabled: defaultFalse,
    requireForInternalCalls: defaultFalse,
    validateCodes: defaultFalse,
    allowCallAfterMaxRetries: defaultFalse,
    requiredCallTypes: z._default(requiredCallTypes, []),
    unattendedCalls: z._default(unattendedCalls, DEFAULT_UNATTENDED_CALLS),
    midCallCode: z._default(
      pattern(MID_CALL_CODE_PATTERN, ALLOWED.midCallCode),
      DEFAULT_MID_CALL_CODE,
    ),
    postCallTagMinutes: z._default(
      intIn(POST_CALL_TAG_MINUTES, POST_CALL_TAG_MINUTES_ALLOWED),
      DEFAULT_POST_CALL_TAG_MINUTES,
    ),
    lockout: z.prefault(lockout, {}),
  });

  const dialPlan = strict({
    extensionLengths: z._default(
      list(intIn(EXTENSION_LENGTH, ALLOWED.extensionLength), ALLOWED.extensionLengths),
      [],
    ),
    ownNumbers: z._default(list(pattern(E164_PATTERN, ALLOWED.ownNumber), ALLOWED.ownNumbers), []),
    outsideLinePrefix: z.optional(pattern(OUTSIDE_LINE_PREFIX_PATTERN, ALLOWED.outsideLinePrefix)),
  });

  const instant = z.string(allows(SCOPE_ALLOWED.instant)).check(
    z.refine((value): boolean => isInstant(value), allows(SCOPE_ALLOWED.instant)),
    z.meta({ format: 'date-time' }),
  );

  const code = strict({
    // The length is checked against account.codeLength in cross-field.ts.
    code: z.string(allows(ALLOWED.code(undefined))),
    name: z.optional(
      z.string(allows(ALLOWED.codeName)).check(
        z.refine((name: string) => codePointLength(name) <= CODE_NAME_MAX_LENGTH, {
          ...allows(ALLOWED.codeName),
          params: { code: 'out-of-range' },
        }),
        z.regex(CODE_NAME_PATTERN, allows(ALLOWED.codeName)),
        // JSON Schema counts code points too (RFC 8259 characters).
        z.meta({ maxLength: CODE_NAME_MAX_LENGTH }),
      ),
    ),
    // docs/rules.md#scoped-codes; distinct items and known trunks: cross-field.ts.
    callTypes: z.optional(
      list(callType, SCOPE_ALLOWED.codeCallTypes).check(
        z.minLength(1, allows(SCOPE_ALLOWED.codeCallTypes)),
      ),
    ),
    trunks: z.optional(
      list(pattern(TRUNK_ID_PATTERN, SCOPE_ALLOWED.codeTrunks), SCOPE_ALLOWED.codeTrunks).check(
        z.minLength(1, allows(SCOPE_ALLOWED.codeTrunks)),
      ),
    ),
    suspended: z.optional(bool()),
    validFrom: z.optional(instant),
    validUntil: z.optional(instant),
  });

  const account = strict({
    id: z.optional(pattern(ACCOUNT_ID_PATTERN, LOCKOUT_ALLOWED.accountId)),
    country: z._default(country, 'US'),
    codeLength: intIn(CODE_LENGTH, ALLOWED.codeLength),
    maxRetries: intIn(MAX_RETRIES, ALLOWED.maxRetries),
    settings: z.prefault(settings, {}),
    dialPlan: z.prefault(dialPlan, {}),
    codes: z._default(z.array(code, allows('a list of codes')), []),
    domesticCountries: z.optional(list(country, ALLOWED.domesticCountries)),
    exemptNumbers: z._default(
      list(pattern(EXEMPT_NUMBER_PATTERN, ALLOWED.exemptNumber), ALLOWED.exemptNumbers),
      [...DEFAULT_EXEMPT_NUMBERS],
    ),
  });

  const customSettings = strict({
    requireForInternalCalls: z.optional(bool()),
    validateCodes: z.optional(bool()),
    allowCallAfterMaxRetries: z.optional(bool()),
    requiredCallTypes: z.optional(requiredCallTypes),
    unattendedCalls: z.optional(unattendedCalls),
  });

  const trunk = strict({
    id: pattern(TRUNK_ID_PATTERN, ALLOWED.trunkId),
    accountCodesEnabled: defaultFalse,
    customSettings: z.optional(customSettings),
  });

  const config = strict({
    account,
    trunks: z._default(z.array(trunk, allows('a list of trunks')), []),
  });
  return { config, customSettings };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

/** The schemas, built once on first use. */
export function getSchemas(): Schemas {
  schemas ??= buildSchemas();
  return schemas;
}

// Compile-time guard: what the schema produces is the documented Config
// (compared with optional fields read as `T | undefined`, as zod types them).
type Loose<T> = T extends readonly (infer U)[]
  ? readonly Loose<U>[]
  : T extends object
    ? {
        readonly [K in keyof T]-?:
          | Loose<T[K]>
          | (Partial<Pick<T, K>> extends Pick<T, K> ? undefined : never);
      }
    : T;
type Output = Loose<z.output<Schemas['config']>>;
type Assert<T extends true> = T;
export type SchemaMatchesConfig = Assert<
  Output extends Loose<Config> ? (Loose<Config> extends Output ? true : false) : false
>;
