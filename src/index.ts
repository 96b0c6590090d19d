/**
 * account-codes: Account Codes for hosted telephony.
 *
 * The public API, each name listed explicitly. Everything here is pure: no
 * I/O, no clocks, no globals; the embedding application performs the effects.
 *
 * @packageDocumentation
 */

// Call classification (docs/rules.md#classification) and the requirement decision (docs/rules.md#the-decision)
export { classifyCall } from './classify/classify.js';
export { ALWAYS_EMERGENCY_NUMBERS, emergencyNumbersOf } from './classify/emergency.js';
export {
  CALL_CATEGORIES,
  type CallCategory,
  type Classification,
  type ClassifyContext,
  type ClassifyDialPlan,
  type EmergencyCall,
  type ExternalCall,
  type InternalCall,
  type InvalidDialReason,
  type InvalidDialString,
} from './classify/types.js';
// Configuration (docs/rules.md#configuration, docs/rules.md#the-config-file-and-the-cli)
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
  DEFAULT_LOCKOUT,
  DEFAULT_MID_CALL_CODE,
  DEFAULT_POST_CALL_TAG_MINUTES,
  DEFAULT_UNATTENDED_CALLS,
  type DialPlan,
  LOCKOUT_SCOPE_KINDS,
  type LockoutScopeKind,
  type LockoutSettings,
  REQUIRED_CALL_TYPES,
  type RequiredCallType,
  type Trunk,
  type TrunkCustomSettings,
  type UnattendedCalls,
} from './config/types.js';
export {
  type Decision,
  type DecisionError,
  type DecisionResult,
  type DecisionRule,
  decide,
  type InvalidDecisionArgumentError,
  type InvalidDialStringError,
} from './decide.js';
// Code entry (docs/rules.md#code-entry): a pure state machine; the application performs the effects
export {
  CODE_REFUSALS,
  type CodeCall,
  type CodeRefusal,
  type CodeScope,
  gatingCategories,
} from './entry/code-scope.js';
export {
  type CarriedCodeCall,
  type CarriedCodeRefusal,
  type CarriedCodeVerdict,
  type CodeDirectory,
  type CodeDirectoryProblem,
  type CodeDirectoryResult,
  type CodeVerdict,
  carriedCodeAuthorizes,
  createCodeDirectory,
  mayAuthorize,
} from './entry/directory.js';
export { isDtmfKey } from './entry/dtmf.js';
export type {
  ConnectEffect,
  DtmfKey,
  EndEffect,
  EndReason,
  EntryEffect,
  EntryEvent,
  HangupEvent,
  KeyEvent,
  KeyLeg,
  LockoutGate,
  LookupEffect,
  LookupRefusedEvent,
  LookupResultEvent,
  PlayEffect,
  RefusalReason,
  TimeoutEvent,
  Timestamp,
} from './entry/events.js';
export {
  type AbandonedState,
  type AwaitingLookupState,
  advance,
  type CollectingState,
  type ConnectedAfterMaxRetriesState,
  type ConnectedState,
  type EndedState,
  type EntryOptions,
  type EntryParseStateResult,
  type EntryPhase,
  type EntryStartResult,
  type EntryState,
  type EntryStateProblem,
  type EntryTransition,
  isTerminal,
  type LedgerUnavailableState,
  type LockedOutState,
  type ParseStateResult,
  parseEntryState,
  type StartResult,
  startCodeEntry,
  type Transition,
} from './entry/machine.js';
// Mid-call tagging (docs/rules.md#mid-call-tagging): the call always continues
export {
  advanceMidCall,
  type MidCallAwaitingLookupState,
  type MidCallCollectingState,
  type MidCallEffect,
  type MidCallEndedState,
  type MidCallListeningState,
  type MidCallOptions,
  type MidCallParseStateResult,
  type MidCallPhase,
  type MidCallRecord,
  type MidCallStartResult,
  type MidCallState,
  type MidCallStateProblem,
  type MidCallTag,
  type MidCallTransition,
  midCallRecord,
  parseMidCallState,
  startMidCallTagging,
  type TagEffect,
} from './entry/mid-call.js';
export type { OptionsProblem, OptionsProblemCode } from './entry/options.js';
export {
  type LockoutGateResult,
  type LookupContext,
  lockoutGate,
  type PerformedLookup,
  performLookup,
} from './entry/perform-lookup.js';
export { PROMPT_IDS, type PromptId, promptText } from './entry/prompts.js';
export {
  type CallOutcome,
  type CallRecord,
  callRecord,
  type UnattendedRecord,
  type UnattendedRule,
} from './entry/record.js';
export type { MachineStart, MachineStep, ParsedState } from './entry/state-machine.js';
// The fail-safe order for integrations: classify first, then resolve and decide (docs/rules.md#the-decision)
export {
  type CallConversation,
  type CallEvaluation,
  type CallEvaluationError,
  type CallLookups,
  type CallNotRequiringCode,
  type CallRequiringCode,
  type CallToEvaluate,
  evaluateCall,
  type InvalidUnattendedError,
  type Unattended,
  type UnattendedCallSettled,
  type UnattendedEndEffect,
  type UnattendedOutcome,
} from './evaluate.js';
// Brute-force protection (docs/rules.md#lockout): exposure, the lockout ledger (pure), performing look-ups, stores
export {
  EXPOSURE_WARNING_CHANCE,
  EXPOSURE_WARNING_DAYS,
  type Exposure,
  exposureWarnings,
  lockoutExposure,
} from './lockout/exposure.js';
export {
  type AdmitOutcome,
  type AdmitRequest,
  admitLookup,
  type DailyLock,
  emptyLedger,
  type Failure,
  type LedgerChanges,
  type LedgerRead,
  type LedgerUpdate,
  type ListRequest,
  type LockoutAlert,
  type LockoutLedger,
  type LockoutProblem,
  type LockReason,
  listScopes,
  lockoutStatus,
  type ParseLedgerResult,
  parseLedger,
  type ScopeEntry,
  type ScopeLock,
  type ScopeStatus,
  type SettleOutcome,
  type SettleRequest,
  type StatusRequest,
  type SubjectStatus,
  settleLookup,
  type UnblockOutcome,
  type UnblockRequest,
  type UnblockTarget,
  unblockScopes,
} from './lockout/ledger.js';
export {
  type LockoutSubject,
  normaliseCallerId,
  type ScopeKey,
  scopeKeyId,
} from './lockout/scope.js';
export {
  createLedgerStore,
  createMemoryLockoutStore,
  type LedgerAccess,
  type LockoutStore,
  type LockoutStoreError,
  type MemoryLockoutStore,
  type StoreResult,
} from './lockout/store.js';
// Reports and post-call tagging (docs/rules.md#reports-and-post-call-tagging)
export {
  type CdrCall,
  type CdrCodeEntry,
  type CdrRecord,
  type CdrRecordProblem,
  type CdrTagState,
  cdrTagState,
  type GatedCdr,
  type NotGatedCdr,
  type ParseCdrRecordResult,
  type PbxCdr,
  type PostCallTag,
  type PostCallTagger,
  parseCdrRecord,
} from './reports/cdr.js';
export type { BillingIncrements } from './reports/increments.js';
export {
  type PostCallLookup,
  type PostCallTagError,
  type PostCallTagErrorCode,
  type PostCallTagOptions,
  type PostCallTagRequest,
  type PostCallTagResult,
  type PostCallTagWithLookupResult,
  tagCallRecord,
  tagCallRecordWithLookup,
} from './reports/post-call.js';
export {
  type ParseRateDeckResult,
  parseRateDeck,
  type RateDeck,
  type RateDeckEntry,
  type RateDeckProblem,
  type RateDeckProblemCode,
} from './reports/rate-deck.js';
export {
  type CdrFormat,
  type CdrItem,
  type CdrLineProblemCode,
  type CdrReader,
  type CreateCdrReaderResult,
  createCdrReader,
  MAX_CDR_LINE_LENGTH,
} from './reports/reader.js';
export {
  type CallReport,
  type CallReportBuilder,
  type CallReportOptions,
  type CallReportProblem,
  type CreateCallReportResult,
  createCallReport,
  REPORT_GROUPINGS,
  type ReportCategory,
  type ReportCounts,
  type ReportGrouping,
  type ReportRow,
  type ReportRowKind,
  type SummarizeCallsResult,
  summarizeCalls,
} from './reports/summary.js';
export type { ReportWarning, ReportWarningCode } from './reports/warnings.js';
export { formatPath, type JsonPath, type Problem } from './result.js';
// Administrative operations (docs/rules.md#administrative-operations): old config in, new config and a report out
export {
  type DisableAccountCodesOptions,
  type DisableAccountCodesReport,
  disableAccountCodes,
  type EnableAccountCodesOptions,
  type EnableAccountCodesReport,
  enableAccountCodes,
  type SaveAccountSettingsOptions,
  type SaveAccountSettingsReport,
  saveAccountSettings,
} from './settings/account.js';
export {
  CODE_CSV_COLUMNS,
  type CodeScopeInput,
  clearCodeScope,
  exportCodesCsv,
  resumeCode,
  setCodeScope,
  suspendCode,
} from './settings/code-scope.js';
export {
  type AddCodeReport,
  addCode,
  type ImportCodesReport,
  importCodesCsv,
  type RemoveCodeReport,
  removeCode,
  renameCode,
} from './settings/codes.js';
export type {
  ChangeReport,
  CsvRowProblem,
  CsvRowReason,
  OperationResult,
  SettingsError,
  SettingsErrorCode,
} from './settings/errors.js';
// Settings resolution (docs/rules.md#trunks, docs/rules.md#resolution)
export {
  type EffectiveSettings,
  type IgnoredOverride,
  type InactiveReason,
  type Provenance,
  type ResolvedSettings,
  type ResolveSettingsError,
  resolveSettings,
  type SettingSource,
} from './settings/resolve.js';
export {
  type AddTrunkOptions,
  type AddTrunkReport,
  addTrunk,
  clearTrunkCustomSettings,
  disableTrunk,
  enableTrunk,
  type SetTrunkCustomSettingsReport,
  setTrunkCustomSettings,
} from './settings/trunks.js';
