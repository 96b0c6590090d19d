/**
 * The stable codes of configuration problems and warnings (docs/rules.md#configuration, docs/rules.md#the-config-file-and-the-cli).
 */
import type { Problem } from '../result.js';

/** Why a configuration was rejected. Stable: branch on these, not on messages. */
export type ConfigIssueCode =
  /** A field has the wrong JSON type. */
  | 'invalid-type'
  /** A required field is missing. */
  | 'required'
  /** A field the format does not know (docs/rules.md#the-config-file-and-the-cli: unknown fields are errors). */
  | 'unknown-field'
  /** A number outside its range, or a string too long. */
  | 'out-of-range'
  /** A value not among the allowed ones, or not of the required form. */
  | 'invalid-value'
  /** A list holds the same value twice. */
  | 'duplicate-value'
  /** A code is not exactly `codeLength` ASCII digits. */
  | 'invalid-code'
  /** Two codes are the same. */
  | 'duplicate-code'
  /** Two trunks share an id. */
  | 'duplicate-trunk-id'
  /** Validation is on (at the account or a trunk) but the account has no codes. */
  | 'no-codes-to-validate'
  /** `lockout.unlockAfterMinutes` is shorter than `lockout.windowMinutes` (docs/rules.md#lockout). */
  | 'unlock-shorter-than-window'
  /** `lockout.maxFailuresPerDay` is below `lockout.maxFailures` (docs/rules.md#lockout). */
  | 'daily-budget-below-max-failures'
  /** A code's `trunks` names a trunk the account does not have (docs/rules.md#scoped-codes). */
  | 'unknown-trunk'
  /** A code's `validUntil` is before its `validFrom` (docs/rules.md#scoped-codes). */
  | 'invalid-validity'
  /**
   * `unattendedCalls: { code }` names a code that is not on the list where
   * codes are validated (docs/rules.md#calls-nobody-can-key).
   */
  | 'unattended-code-not-on-list';

/** A reason to look twice at a valid configuration (docs/rules.md#account-settings, docs/rules.md#trunks). */
export type ConfigWarningCode =
  /** Call types are required but validation is off: any digits pass. */
  | 'required-types-without-validation'
  /** Calls proceed after max retries while codes are validated: failing N times bypasses the control. */
  | 'bypass-after-max-retries'
  /** Validation is on with a single code: everyone shares it. */
  | 'single-shared-code'
  /** A trunk turns allowCallAfterMaxRetries on over an account that has it off; it is ignored. */
  | 'override-not-allowed'
  /** `unattendedCalls` is `connect` where codes are validated: a forwarded call gets through with no code (docs/rules.md#calls-nobody-can-key). */
  | 'unattended-bypass'
  /** `lockout` is `false`: guessing codes is unbounded across calls (docs/rules.md#lockout). */
  | 'lockout-off'
  /** Lockout scope `account`: any one user can block everyone's gated calls (docs/rules.md#lockout). */
  | 'lockout-account-scope'
  /** `unlockAfterMinutes` is `null` with scope `trunk` or `account`: anyone on the line can block it until an administrator acts (docs/rules.md#lockout). */
  | 'lockout-admin-unlock-only'
  /** `check` (docs/rules.md#lockout): an attacker finds a valid code in under 30 days on average. */
  | 'short-exposure'
  /** `check` (docs/rules.md#lockout): a code of one repeated digit, an ascending or descending run, or the end of one of the account's own numbers. */
  | 'weak-code'
  /** A trunk validates codes but every code is suspended or scoped to other trunks (docs/rules.md#scoped-codes). */
  | 'no-code-for-trunk'
  /** A call type needs a code on a trunk but no usable code may authorize it (docs/rules.md#scoped-codes). */
  | 'no-code-for-call-type'
  /** A code's `trunks` names no trunk that validates codes: its scope authorizes nothing (docs/rules.md#scoped-codes). */
  | 'scope-without-validating-trunk';

/** A problem that makes a configuration invalid. */
export type ConfigIssue = Problem<ConfigIssueCode>;

/** A warning about a valid configuration. */
export type ConfigWarning = Problem<ConfigWarningCode>;
