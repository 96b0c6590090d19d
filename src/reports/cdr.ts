/**
 * The CDR record of docs/rules.md#reports-and-post-call-tagging: the library's own call record (docs/rules.md#code-entry code entry,
 * or docs/rules.md#mid-call-tagging mid-call tagging) plus what the PBX knows about the call. Plain JSON,
 * one object per line in the library's JSON-lines CDR format
 * (docs/reports.md).
 */
import type { MidCallRecord } from '../entry/mid-call.js';
import type { CallOutcome, CallRecord, UnattendedRule } from '../entry/record.js';
import { describeValue, formatPath, type JsonPath, type Problem } from '../result.js';
import { epochMs, INSTANT_ALLOWED } from './instant.js';

/** What the PBX knows about a call, whatever happened to its code. */
export interface CdrCall {
  /** The integrator's id of the call (Asterisk's `uniqueid`); optional. */
  readonly callId?: string;
  /** When the call started: an ISO 8601 instant with a zone, such as `2026-11-02T14:05:10Z`. */
  readonly start: string;
  /** When the call ended, not before `start`. Post-call tagging counts its window from here. */
  readonly end: string;
  /** The call was answered (Asterisk: disposition `ANSWERED`). */
  readonly answered: boolean;
  /** Seconds billed, a whole number, 0 or more (Asterisk's `billsec`). */
  readonly billableSeconds: number;
  /** The id of the trunk the call was placed on, or `null` when the PBX does not say. */
  readonly trunk: string | null;
  /** The dial string, as the caller keyed it. */
  readonly dialed: string;
  /** The caller (extension or number), or `null`. */
  readonly caller: string | null;
}

/**
 * The record of code entry on a gated call (docs/rules.md#code-entry), as a CDR stores it:
 * `callRecord(state)` as it is, its outcome `locked-out` or
 * `ledger-unavailable` included (docs/rules.md#lockout).
 */
export type CdrCodeEntry = CallRecord;

/** Who tagged a call after it ended (docs/rules.md#reports-and-post-call-tagging): the integrator vouches for it. */
export interface PostCallTagger {
  /** The call's own user, or an administrator of the account. */
  readonly role: 'caller' | 'administrator';
  /** Who they are in the integrator's terms (user name, extension), 1–64 characters. */
  readonly id: string;
}

/** One audit entry of post-call tagging (docs/rules.md#reports-and-post-call-tagging). */
export interface PostCallTag {
  /** The call's code before this tag, or `null` when it had none. */
  readonly previousCode: string | null;
  /** The code the call carries from now on. */
  readonly newCode: string;
  /** The code was checked against the account's list. */
  readonly validated: boolean;
  /** When the tag was made: an ISO 8601 instant. */
  readonly at: string;
  /** Who made it. */
  readonly by: PostCallTagger;
}

/** A call that needed a code (docs/rules.md#the-decision): its code is what code entry recorded, never changed afterwards. */
export interface GatedCdr extends CdrCall {
  /** Discriminant: the call was code-gated. */
  readonly gated: true;
  /** The record of code entry. */
  readonly entry: CdrCodeEntry;
}

/** A call that needed no code: tagged mid-call, after the call, or not at all. */
export interface NotGatedCdr extends CdrCall {
  /** Discriminant: the call was not code-gated. */
  readonly gated: false;
  /** The record of mid-call tagging (docs/rules.md#mid-call-tagging), or `null` when it did not run. */
  readonly midCall: MidCallRecord | null;
  /** Post-call tags, oldest first; the last one's `newCode` is the call's code. Absent when none. */
  readonly postCallTags?: readonly PostCallTag[];
}

/**
 * A call of which only the PBX's account code is known (Asterisk's
 * `Master.csv`): whether it was gated is unknown, so it can never be tagged
 * after the call.
 */
export interface PbxCdr extends CdrCall {
  /** Discriminant: whether the call was gated is not known. */
  readonly gated: null;
  /** The account code column, or `null` when empty. */
  readonly accountCode: string | null;
}

/** One call in a CDR (docs/rules.md#reports-and-post-call-tagging). */
export type CdrRecord = GatedCdr | NotGatedCdr | PbxCdr;

/** How a call counts in a report and for post-call tagging. */
export type CdrTagState =
  | {
      /** The call carries a code (possibly not a well-formed one: reports check it). */
      readonly kind: 'tagged';
      /** The code the call carries. */
      readonly accountCode: string;
    }
  | {
      /**
       * Connected after max retries, ended, abandoned, never tagged — or
       * ended because the lockout ledger could not be reached
       * (`ledger-unavailable`: fail closed, never connected; the line was not
       * locked, so it is not a locked-out call).
       */
      readonly kind: 'untagged';
    }
  | {
      /** docs/rules.md#lockout: the line was locked, so the call took no code. */
      readonly kind: 'locked-out';
    }
  | {
      /**
       * Nobody could key a code and `unattendedCalls` connected the call
       * untagged (`connected-unattended`, docs/rules.md#calls-nobody-can-key).
       * An unattended call tagged with a carried code is `tagged`.
       */
      readonly kind: 'unattended';
    };

/**
 * The code a call carries now: code entry's on a gated call; on a call that
 * was not gated, the last post-call tag's, else mid-call tagging's.
 *
 * @example
 * ```ts
 * cdrTagState({ ...call, gated: false, midCall: null, postCallTags: [tag] });
 * // { kind: 'tagged', accountCode: tag.newCode }
 * ```
 */
export function cdrTagState(record: CdrRecord): CdrTagState {
  // Untyped callers (docs/rules.md#invariants): what is not a CDR record carries no code.
  if (!parseCdrRecord(record).ok) return { kind: 'untagged' };
  let code: string | null;
  switch (record.gated) {
    case true:
      if (record.entry.outcome === 'locked-out') return { kind: 'locked-out' };
      if (record.entry.outcome === 'connected-unattended') return { kind: 'unattended' };
      code = record.entry.accountCode;
      break;
    case false:
      code = record.postCallTags?.at(-1)?.newCode ?? record.midCall?.accountCode ?? null;
      break;
    case null:
      code = record.accountCode;
      break;
    default:
      return record satisfies never;
  }
  return code === null ? { kind: 'untagged' } : { kind: 'tagged', accountCode: code };
}

/** Why a value is not a {@link CdrRecord}; `path` names the field. */
export type CdrRecordProblem = Problem<'invalid-cdr-record'>;

/** {@link parseCdrRecord}'s answer. */
export type ParseCdrRecordResult =
  | {
      /** The value is a CDR record. */
      readonly ok: true;
      /** The value, typed; it is not copied. */
      readonly record: CdrRecord;
    }
  | {
      /** The value is not a CDR record. */
      readonly ok: false;
      /** The first field found wrong. */
      readonly problem: CdrRecordProblem;
    };

// Every outcome of CallRecord, once: a new outcome fails to compile until listed here.
const ENTRY_OUTCOME_SET: { readonly [outcome in CallOutcome]: true } = {
  connected: true,
  'connected-after-max-retries': true,
  'connected-unattended': true,
  ended: true,
  abandoned: true,
  'locked-out': true,
  'ledger-unavailable': true,
  incomplete: true,
};
const ENTRY_OUTCOMES: readonly string[] = Object.keys(ENTRY_OUTCOME_SET);

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const isText = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 64;

/**
 * Checks a value read from storage (one line of a JSON-lines CDR) is a
 * {@link CdrRecord}. Fields the format does not know are ignored, so an
 * integrator may keep its own beside them.
 *
 * @example
 * ```ts
 * const parsed = parseCdrRecord(JSON.parse(line));
 * if (!parsed.ok) console.error(parsed.problem.message); // 'billableSeconds must be …'
 * ```
 */
export function parseCdrRecord(value: unknown): ParseCdrRecordResult {
  const checked = checkCdrRecord(value);
  return typeof checked === 'number'
    ? { ok: true, record: value as CdrRecord }
    : { ok: false, problem: checked };
}

/**
 * {@link parseCdrRecord} for the summary, which needs the start as a number:
 * epoch milliseconds of a well-formed record's `start`, or its first problem.
 * Nothing is allocated for a good record.
 */
export function checkCdrRecord(value: unknown): number | CdrRecordProblem {
  const checked = recordFault(value);
  if (typeof checked === 'number') return checked;
  return {
    code: 'invalid-cdr-record',
    path: checked.path,
    message: `${checked.path.length === 0 ? 'a CDR record' : formatPath(checked.path)} must be ${checked.allowed}; got ${describeValue(checked.got)}`,
  };
}

interface Fault {
  readonly path: JsonPath;
  readonly allowed: string;
  readonly got: unknown;
}

const fault = (value: Obj, name: string, allowed: string): Fault => ({
  path: [name],
  allowed,
  got: value[name],
});

/** The first fault of a record, in field order, or its start in epoch ms. */
function recordFault(value: unknown): Fault | number {
  if (!isObj(value)) return { path: [], allowed: 'a JSON object', got: value };
  if (value.callId !== undefined && !isText(value.callId)) {
    return fault(value, 'callId', 'a string of 1 to 64 characters');
  }
  const start = typeof value.start === 'string' ? epochMs(value.start) : undefined;
  if (start === undefined) return fault(value, 'start', INSTANT_ALLOWED);
  const end = typeof value.end === 'string' ? epochMs(value.end) : undefined;
  if (end === undefined) return fault(value, 'end', INSTANT_ALLOWED);
  if (end < start) return fault(value, 'end', 'an instant not before start');
  if (typeof value.answered !== 'boolean') return fault(value, 'answered', 'true or false');
  if (!isCount(value.billableSeconds)) {
    return fault(value, 'billableSeconds', 'a whole number of seconds, 0 or more');
  }
  if (value.trunk !== null && !isText(value.trunk)) {
    return fault(value, 'trunk', 'a trunk id or null');
  }
  if (typeof value.dialed !== 'string') return fault(value, 'dialed', 'the dial string');
  if (value.caller !== null && typeof value.caller !== 'string') {
    return fault(value, 'caller', 'a string or null');
  }
  return taggingProblem(value) ?? start;
}

function taggingProblem(value: Obj): Fault | undefined {
  switch (value.gated) {
    case true:
      return codeEntryProblem(value.entry);
    case false:
      return (
        (value.midCall === null ? undefined : midCallProblem(value.midCall)) ??
        (value.postCallTags === undefined ? undefined : postCallTagsProblem(value.postCallTags))
      );
    case null:
      return codeOrNull(value.accountCode)
        ? undefined
        : { path: ['accountCode'], allowed: 'a string or null', got: value.accountCode };
    default:
      return { path: ['gated'], allowed: 'true, false or null (not known)', got: value.gated };
  }
}

const codeOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

function codeEntryProblem(entry: unknown): Fault | undefined {
  if (!isObj(entry)) return { path: ['entry'], allowed: 'the record of code entry', got: entry };
  const at = (name: string, ok: boolean, allowed: string): Fault | undefined =>
    ok ? undefined : { path: ['entry', name], allowed, got: entry[name] };
  return (
    at('accountCode', codeOrNull(entry.accountCode), 'a string or null') ??
    at('validated', typeof entry.validated === 'boolean', 'true or false') ??
    at('attempts', isCount(entry.attempts), 'a whole number, 0 or more') ??
    at(
      'outcome',
      typeof entry.outcome === 'string' && ENTRY_OUTCOMES.includes(entry.outcome),
      `one of ${ENTRY_OUTCOMES.map((o) => `"${o}"`).join(', ')}`,
    ) ??
    at(
      'unattended',
      entry.unattended === undefined ||
        (isObj(entry.unattended) &&
          typeof entry.unattended.rule === 'string' &&
          UNATTENDED_RULES.includes(entry.unattended.rule) &&
          codeOrNull(entry.unattended.carriedCode)),
      `absent, or { rule: ${UNATTENDED_RULES.map((r) => `"${r}"`).join(' | ')}, carriedCode: a string or null }`,
    )
  );
}

// Every rule of an unattended call's record, once (docs/rules.md#calls-nobody-can-key).
const UNATTENDED_RULE_SET: { readonly [rule in UnattendedRule]: true } = {
  'carried-code': true,
  'unattended-end': true,
  'unattended-connect': true,
  'unattended-code': true,
  'unattended-code-refused': true,
};
const UNATTENDED_RULES: readonly string[] = Object.keys(UNATTENDED_RULE_SET);

function midCallProblem(midCall: unknown): Fault | undefined {
  if (!isObj(midCall)) {
    return { path: ['midCall'], allowed: 'the record of mid-call tagging, or null', got: midCall };
  }
  const at = (name: string, ok: boolean, allowed: string): Fault | undefined =>
    ok ? undefined : { path: ['midCall', name], allowed, got: midCall[name] };
  const taggedAt = midCall.taggedAt;
  return (
    at('accountCode', codeOrNull(midCall.accountCode), 'a string or null') ??
    at('validated', typeof midCall.validated === 'boolean', 'true or false') ??
    at('attempts', isCount(midCall.attempts), 'a whole number, 0 or more') ??
    at('lockedOut', typeof midCall.lockedOut === 'boolean', 'true or false') ??
    at(
      'taggedAt',
      taggedAt === null || (isObj(taggedAt) && isCount(taggedAt.keyIndex)),
      'null or { keyIndex, at? }',
    )
  );
}

function postCallTagsProblem(tags: unknown): Fault | undefined {
  if (!Array.isArray(tags)) {
    return { path: ['postCallTags'], allowed: 'a list of post-call tags', got: tags };
  }
  for (const [index, tag] of tags.entries()) {
    const bad = (name: string, allowed: string, got: unknown): Fault => ({
      path: ['postCallTags', index, name],
      allowed,
      got,
    });
    if (!isObj(tag)) return { path: ['postCallTags', index], allowed: 'a post-call tag', got: tag };
    if (!codeOrNull(tag.previousCode))
      return bad('previousCode', 'a string or null', tag.previousCode);
    if (typeof tag.newCode !== 'string') return bad('newCode', 'a string', tag.newCode);
    if (typeof tag.validated !== 'boolean') return bad('validated', 'true or false', tag.validated);
    if (typeof tag.at !== 'string' || epochMs(tag.at) === undefined)
      return bad('at', INSTANT_ALLOWED, tag.at);
    const by = tag.by;
    if (!isObj(by) || (by.role !== 'caller' && by.role !== 'administrator') || !isText(by.id)) {
      return bad('by', '{ role: "caller" or "administrator", id: 1 to 64 characters }', by);
    }
  }
  return undefined;
}
