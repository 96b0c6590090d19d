/**
 * Post-call tagging (SPEC §10): a call that was not code-gated may be tagged,
 * or re-tagged, within `postCallTagMinutes` of its end, with the code checked
 * like any other. A gated call's code never changes afterwards: that would
 * authorize a call after the fact.
 *
 * With validation on, the look-up is a step of its own, as in code entry
 * (SPEC §5): the first call returns `lookup`; the integrator looks the code
 * up and calls again with the answer. That is the one place where the
 * look-up is admitted against the lockout ledger (SPEC §9) before it is made
 * and settled after it, so that tagging old records is no oracle.
 */
import { ALLOWED, POST_CALL_TAG_MINUTES, POST_CALL_TAG_MINUTES_ALLOWED } from '../config/rules.js';
import type { LookupEffect, LookupResultEvent, Timestamp } from '../entry/events.js';
import {
  checkBoolean,
  checkCodeLength,
  checkInteger,
  isDigitString,
  notAnObject,
  type OptionsProblemCode,
} from '../entry/options.js';
import { describeValue, type Problem } from '../result.js';
import {
  type CdrRecord,
  cdrTagState,
  type NotGatedCdr,
  type PostCallTag,
  type PostCallTagger,
  parseCdrRecord,
} from './cdr.js';
import { epochMs, INSTANT_ALLOWED, isoOf } from './instant.js';

/** What the integrator asks for. */
export interface PostCallTagRequest {
  /** The code to tag the call with. */
  readonly code: string;
  /** When the tag is made (the core reads no clock): epoch ms or an ISO 8601 instant. */
  readonly at: Timestamp;
  /** Who tags: the call's own user or an administrator, as the integrator vouches. */
  readonly by: PostCallTagger;
}

/** The settings that apply to the call's trunk: `resolveSettings(config, record.trunk)` and the account's. */
export interface PostCallTagOptions {
  /** Digits in every code (SPEC §2.1). */
  readonly codeLength: number;
  /** The trunk's effective `validateCodes`: the code must be in the account's list. */
  readonly validateCodes: boolean;
  /** `account.settings.postCallTagMinutes`: 0 turns post-call tagging off. */
  readonly postCallTagMinutes: number;
}

/** Why a post-call tag was refused. Stable: branch on these, not on messages. */
export type PostCallTagErrorCode =
  /** A request or option of the wrong type or out of range (the same codes as code entry's options). */
  | OptionsProblemCode
  /** The record is not a {@link CdrRecord}. */
  | 'invalid-cdr-record'
  /** The call was code-gated: its code is never changed afterwards. */
  | 'gated-call'
  /** The record does not say whether the call was gated (a PBX's own CDR), so it cannot be tagged. */
  | 'gating-unknown'
  /** `postCallTagMinutes` is 0. */
  | 'post-call-tagging-off'
  /** More than `postCallTagMinutes` have passed since the call ended. */
  | 'too-late'
  /** The tag is dated before the call ended. */
  | 'before-call-end'
  /** The code is not exactly `codeLength` ASCII digits. */
  | 'wrong-length'
  /** With validation on, the look-up says the code is not in the account's list. */
  | 'not-in-list';

/** A refused post-call tag: `path` names the field, the message why and what is allowed. */
export type PostCallTagError = Problem<PostCallTagErrorCode>;

/** {@link tagCallRecord}'s answer. */
export type PostCallTagResult =
  | {
      /** Tagged: the new record, and the audit entry appended to it. */
      readonly kind: 'tagged';
      /** A new record; the one given is unchanged. */
      readonly record: NotGatedCdr;
      /** The audit entry: previous code, new code, when, by whom. */
      readonly tag: PostCallTag;
    }
  | {
      /**
       * Validation is on: look the code up (admitted against the lockout
       * ledger first), then call again with the answer.
       */
      readonly kind: 'lookup';
      /** The code to look up; answer with a `lookup-result` event. */
      readonly lookup: LookupEffect;
    }
  | {
      /** Refused; nothing changed. */
      readonly kind: 'refused';
      /** Why, with a stable code. */
      readonly error: PostCallTagError;
    };

/**
 * Tags (or re-tags) the record of a call that was not code-gated. Checks, in
 * order: the record, request and options; that the call was not gated; that
 * post-call tagging is on and the window open; the code's length; and, with
 * validation on, the look-up — which is asked for only when everything else
 * passed, so a refused request costs no look-up.
 *
 * @example
 * ```ts
 * const options = { codeLength: 4, validateCodes: true, postCallTagMinutes: 1440 };
 * const request = { code: '1234', at: '2026-11-02T15:00:00Z', by: { role: 'caller', id: '201' } } as const;
 * let result = tagCallRecord(record, request, options);
 * if (result.kind === 'lookup') {
 *   // Admit against the lockout ledger here (SPEC §9), then look up, then settle.
 *   result = tagCallRecord(record, request, options, directory.answer(result.lookup));
 * }
 * if (result.kind === 'tagged') save(result.record); // result.tag: previous code, new code, when, by whom
 * ```
 */
export function tagCallRecord(
  record: CdrRecord,
  request: PostCallTagRequest,
  options: PostCallTagOptions,
  lookupResult?: LookupResultEvent,
): PostCallTagResult {
  const problem = inputProblem(record, request, options);
  if (problem !== undefined) return refused(problem);
  if (record.gated === true) {
    return refuse(
      'gated-call',
      ['record', 'gated'],
      'the call was code-gated: its code is never changed after the call, since that would authorize a call after the fact (SPEC §10)',
    );
  }
  if (record.gated === null) {
    return refuse(
      'gating-unknown',
      ['record', 'gated'],
      'the record does not say whether the call was code-gated, so it cannot be tagged after the call; only a record of a call that was not gated can',
    );
  }
  const minutes = options.postCallTagMinutes;
  if (minutes === 0) {
    return refuse(
      'post-call-tagging-off',
      ['postCallTagMinutes'],
      'post-call tagging is off (postCallTagMinutes is 0)',
    );
  }
  const at = epochMs(request.at) as number;
  const end = epochMs(record.end) as number;
  if (at < end) {
    return refuse(
      'before-call-end',
      ['request', 'at'],
      `request.at (${isoOf(at)}) is before the call ended (${isoOf(end)}); a call is tagged after it ends`,
    );
  }
  if (at - end > minutes * 60_000) {
    return refuse(
      'too-late',
      ['request', 'at'],
      `the call ended at ${isoOf(end)}; it can be tagged for ${minutes} minutes after that (postCallTagMinutes), until ${isoOf(end + minutes * 60_000)}; request.at is ${isoOf(at)}`,
    );
  }
  const { code } = request;
  if (!isDigitString(code, options.codeLength, options.codeLength)) {
    return refuse(
      'wrong-length',
      ['request', 'code'],
      `request.code must be ${ALLOWED.code(options.codeLength)}; got ${describeValue(code)}`,
    );
  }
  if (options.validateCodes) {
    // A stale or misrouted answer (another code's) asks for the look-up again.
    if (lookupResult?.type !== 'lookup-result' || (lookupResult.code ?? code) !== code) {
      return {
        kind: 'lookup',
        lookup: { type: 'lookup', code, attempt: (record.postCallTags?.length ?? 0) + 1 },
      };
    }
    if (lookupResult.valid !== true) {
      return refuse(
        'not-in-list',
        ['request', 'code'],
        `code ${code} is not in the account's list`,
      );
    }
  }
  const state = cdrTagState(record);
  const tag: PostCallTag = {
    previousCode: state.kind === 'tagged' ? state.accountCode : null,
    newCode: code,
    validated: options.validateCodes,
    at: isoOf(at),
    by: { role: request.by.role, id: request.by.id },
  };
  return {
    kind: 'tagged',
    record: { ...record, postCallTags: [...(record.postCallTags ?? []), tag] },
    tag,
  };
}

function inputProblem(
  record: unknown,
  request: unknown,
  options: unknown,
): PostCallTagError | undefined {
  const parsed = parseCdrRecord(record);
  if (!parsed.ok) return parsed.problem;
  if (typeof options !== 'object' || options === null) return notAnObject(options);
  const o = options as Partial<Record<keyof PostCallTagOptions, unknown>>;
  const optionProblem =
    checkCodeLength(o.codeLength) ??
    checkBoolean(o.validateCodes, 'validateCodes') ??
    checkInteger(
      o.postCallTagMinutes,
      'postCallTagMinutes',
      POST_CALL_TAG_MINUTES,
      POST_CALL_TAG_MINUTES_ALLOWED,
    );
  if (optionProblem !== undefined) return optionProblem;
  if (typeof request !== 'object' || request === null) {
    return invalid('invalid-type', ['request'], 'request must be { code, at, by }', request);
  }
  const r = request as Partial<Record<keyof PostCallTagRequest, unknown>>;
  if (typeof r.code !== 'string') {
    return invalid('invalid-type', ['request', 'code'], 'request.code must be a string', r.code);
  }
  if (epochMs(r.at) === undefined) {
    return invalid(
      'invalid-value',
      ['request', 'at'],
      `request.at must be epoch milliseconds or ${INSTANT_ALLOWED}`,
      r.at,
    );
  }
  const by = r.by as Partial<Record<keyof PostCallTagger, unknown>> | null | undefined;
  if (
    typeof by !== 'object' ||
    by === null ||
    (by.role !== 'caller' && by.role !== 'administrator') ||
    typeof by.id !== 'string' ||
    by.id.length < 1 ||
    by.id.length > 64
  ) {
    return invalid(
      'invalid-value',
      ['request', 'by'],
      'request.by must be { role: "caller" or "administrator", id: 1 to 64 characters }',
      by,
    );
  }
  return undefined;
}

function invalid(
  code: OptionsProblemCode,
  path: readonly (string | number)[],
  sentence: string,
  got: unknown,
): PostCallTagError {
  return { code, path, message: `${sentence}; got ${describeValue(got)}` };
}

function refuse(
  code: PostCallTagErrorCode,
  path: readonly (string | number)[],
  message: string,
): PostCallTagResult {
  return { kind: 'refused', error: { code, path, message } };
}

function refused(error: PostCallTagError): PostCallTagResult {
  return { kind: 'refused', error };
}
