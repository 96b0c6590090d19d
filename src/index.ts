/**
 * account-codes: Account Codes for hosted telephony.
 *
 * The public API, each name listed explicitly. Everything here is pure: no
 * I/O, no clocks, no globals; the embedding application performs the effects.
 *
 * @packageDocumentation
 */

// Configuration (SPEC §2, §8)
export { configJsonSchema } from './config/json-schema.js';
export { type ParseConfigResult, parseConfig } from './config/parse.js';
export type {
  ConfigIssue,
  ConfigIssueCode,
  ConfigWarning,
  ConfigWarningCode,
} from './config/problems.js';
export {
  type Account,
  type AccountCode,
  type AccountSettings,
  type Config,
  type CustomisableSetting,
  DEFAULT_EXEMPT_NUMBERS,
  DEFAULT_MID_CALL_CODE,
  type DialPlan,
  REQUIRED_CALL_TYPES,
  type RequiredCallType,
  type Trunk,
  type TrunkCustomSettings,
} from './config/types.js';
export { formatPath, type JsonPath, type Problem } from './result.js';

// Settings resolution (SPEC §2.3, §2.4)
export {
  type EffectiveSettings,
  type IgnoredOverride,
  type InactiveReason,
  type Provenance,
  type ResolvedSettings,
  resolveSettings,
  type SettingSource,
  type UnknownTrunkError,
} from './settings/resolve.js';
