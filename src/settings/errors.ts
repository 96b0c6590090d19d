/**
 * What the administrative operations of docs/rules.md#administrative-operations return: the new config and
 * a report, or one typed error with a stable `code` and a sentence naming the
 * field and the values it allows. Errors are data, never exceptions.
 */
import { mustBe } from '../config/fields.js';
import type { Config } from '../config/types.js';

/** Why an administrative operation was rejected. Stable: branch on these, not on messages. */
export type SettingsErrorCode =
  /** The config argument is not shaped like a {@link Config} (use `parseConfig` on stored data first). */
  | 'invalid-config'
  /** A field has the wrong type (a string where a number goes). */
  | 'invalid-type'
  /** A number outside its range, or not a whole number where one is needed. */
  | 'out-of-range'
  /** A value not among the allowed ones or not of the allowed form. */
  | 'invalid-value'
  /** An option or setting the operation does not know. */
  | 'unknown-field'
  /** docs/rules.md#enabling-the-account: `codeLength` is fixed once set. */
  | 'code-length-immutable'
  /** docs/rules.md#account-settings: validation needs at least one code on the account. */
  | 'no-codes-to-validate'
  /** No trunk has the given id. */
  | 'unknown-trunk'
  /** A trunk with the given id already exists. */
  | 'duplicate-trunk-id'
  /** docs/rules.md#trunks: a trunk may turn `allowCallAfterMaxRetries` off, never on over an account that has it off. */
  | 'override-not-allowed'
  /** docs/rules.md#trunks: the setting is account-wide (or unknown) and cannot be customised on a trunk. */
  | 'not-customisable'
  /** A code is not exactly `codeLength` ASCII digits. */
  | 'invalid-code'
  /** The code is already on the account. */
  | 'duplicate-code'
  /** No code on the account has the given digits. */
  | 'unknown-code'
  /** A code's name is longer than 64 characters. */
  | 'name-too-long'
  /** `lockout.unlockAfterMinutes` is shorter than `lockout.windowMinutes` (docs/rules.md#lockout). */
  | 'unlock-shorter-than-window'
  /** `lockout.maxFailuresPerDay` is below `lockout.maxFailures` (docs/rules.md#lockout). */
  | 'daily-budget-below-max-failures'
  /**
   * An `unattendedCalls: { code }` would name a code that is not on the list
   * where codes are validated, or not `codeLength` digits
   * (docs/rules.md#calls-nobody-can-key).
   */
  | 'unattended-code-not-on-list'
  /** docs/rules.md#administrative-operations: removing the last code while validation is on at the account or any trunk. */
  | 'last-code-while-validating'
  /** A code's `validUntil` is before its `validFrom` (docs/rules.md#scoped-codes). */
  | 'invalid-validity'
  /** The CSV does not start with the header row `code,name`. */
  | 'invalid-csv-header'
  /** One or more CSV rows are bad; every one is listed in `rows`. */
  | 'invalid-csv-rows';

/** Why one CSV row was refused. */
export type CsvRowReason =
  /** The code is not exactly `codeLength` ASCII digits (an empty cell included). */
  | 'invalid-code'
  /** The code is already on the account. */
  | 'duplicate-code'
  /** The code appears on an earlier row of the same file. */
  | 'duplicate-in-file'
  /** The name is longer than 64 characters. */
  | 'name-too-long'
  /** The name holds a control character (the code config and operations use for it too). */
  | 'invalid-value'
  /** The row has more columns than the header. */
  | 'too-many-columns'
  /** A scope cell (callTypes, trunks, validFrom, validUntil, suspended) is not what it allows. */
  | 'invalid-scope'
  /** An empty row before the end of the file. */
  | 'blank-row'
  /** A quote inside an unquoted field, text after a closing quote, or a quote never closed. */
  | 'malformed-quotes';

/** One problem with one CSV row. A row with several problems has several entries. */
export interface CsvRowProblem {
  /** The 1-based line the row starts on; the header is line 1. */
  readonly line: number;
  /** The code cell as written in the file (trimmed); `''` when there is none. */
  readonly code: string;
  /** Stable reason code for this row's problem. */
  readonly reason: CsvRowReason;
  /** A sentence saying what is wrong and what is allowed. */
  readonly message: string;
}

/** A rejected administrative operation. */
export interface SettingsError {
  /** Stable identifier, safe to branch on and to translate. */
  readonly code: SettingsErrorCode;
  /** The field of the operation's arguments that is wrong, such as `settings.validateCodes`. */
  readonly field: string;
  /** A sentence naming the field and the values it allows. */
  readonly message: string;
  /** For `invalid-csv-rows`: every bad row, in file order. */
  readonly rows?: readonly CsvRowProblem[];
}

/**
 * The result of every administrative operation: the new config and a report
 * of what changed, or an error and nothing else. The input is never modified;
 * unchanged parts of it may be shared by the new config.
 */
export type OperationResult<Report> =
  | {
      /** The operation succeeded. */
      readonly ok: true;
      /** The new configuration; store it in place of the input. */
      readonly config: Config;
      /** What the operation changed (its shape depends on the operation). */
      readonly report: Report;
    }
  | {
      /** The operation was rejected; the input config is unchanged. */
      readonly ok: false;
      /** Why, with a stable `code` and the offending field. */
      readonly error: SettingsError;
    };

/** The report of an operation that may turn out to change nothing (setting what is already set). */
export interface ChangeReport {
  /** False when the config already was as asked; the returned config is then the input. */
  readonly changed: boolean;
}

/** A rejected operation. */
export function fail(
  code: SettingsErrorCode,
  field: string,
  message: string,
): { readonly ok: false; readonly error: SettingsError } {
  return { ok: false, error: { code, field, message } };
}

/** A successful operation. */
export function succeed<Report>(
  config: Config,
  report: Report,
): { readonly ok: true; readonly config: Config; readonly report: Report } {
  return { ok: true, config, report };
}

/** `field must be <allowed>; got <value>`: the sentence of every `invalid-value`. */
export function invalidValue(
  field: string,
  allowed: string,
  value: unknown,
  code: 'invalid-value' | 'invalid-type' | 'out-of-range' = 'invalid-value',
): { readonly ok: false; readonly error: SettingsError } {
  return fail(code, field, mustBe(code, [field], allowed, value).message);
}
