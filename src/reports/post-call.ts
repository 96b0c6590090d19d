/**
 * Post-call tagging (docs/rules.md#reports-and-post-call-tagging): a call that was not code-gated may be tagged,
 * or re-tagged, within `postCallTagMinutes` of its end, with the code checked
 * like any other. A gated call's code never changes afterwards: that would
 * authorize a call after the fact.
 *
 * With validation on, the look-up is a step of its own, as in code entry
 * (docs/rules.md#code-entry), and it is admitted against the lockout ledger on the call's
 * trunk (and caller, with `caller` scope) like any other (docs/rules.md#lockout), so that
 * tagging old records is no oracle. {@link tagCallRecordWithLookup} does the
 * whole of it through `performLookup`, the one place for admit → look up →
 * settle; {@link tagCallRecord} is the pure step it wraps.
 *
 * Post-call tagging is an account-codes feature of the call's trunk: it
 * takes that trunk's settings as `resolveSettings` gives them, and is refused
 * where account codes are not active (`not-active`), like mid-call tagging,
 * so that every path that looks a code up is one `lockoutExposure` counts
 * (docs/rules.md#reports-and-post-call-tagging).
 *
 * The admission's id (docs/rules.md#lockout: call id and attempt number) is
 * `${callId}:post-call` and `1` followed by the code's digits: its own call
 * id, so it never meets the call's entry admissions, and an attempt number
 * that is the code itself, so no request can reuse an admission to look up a
 * *different* code. Two administrators tagging one record with one code at
 * once share an admission and learn one answer; a retried request for a code
 * that already missed is answered from the ledger (a settled admission is a
 * remembered miss) without another look-up.
 */

import { checkInteger } from '../config/fields.js';
import { ALLOWED, POST_CALL_TAG_MINUTES, POST_CALL_TAG_MINUTES_ALLOWED } from '../config/rules.js';
import type { CodeDirectory } from '../entry/directory.js';
import type {
  LookupEffect,
  LookupRefusedEvent,
  LookupResultEvent,
  Timestamp,
} from '../entry/events.js';
import {
  checkBoolean,
  checkCodeLength,
  isDigitString,
  notAnObject,
  type OptionsProblemCode,
} from '../entry/options.js';
import { type LookupContext, performLookup } from '../entry/perform-lookup.js';
import type { LockoutAlert, SubjectStatus } from '../lockout/ledger.js';
import { type LockoutSubject, normaliseCallerId } from '../lockout/scope.js';
import type { LockoutStoreError } from '../lockout/store.js';
import { describeValue, type Problem } from '../result.js';
import type { ResolvedSettings } from '../settings/resolve.js';
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

/** The settings that apply to the call: its trunk's, resolved, and the account's tagging window. */
export interface PostCallTagOptions {
  /**
   * `resolveSettings(config, record.trunk)` as it answered for the call's
   * trunk: `active` (tagging is refused where account codes are not active),
   * the effective `validateCodes` (the code must be in the account's list)
   * and `codeLength`.
   */
  readonly trunk: ResolvedSettings;
  /** `config.account.settings.postCallTagMinutes`: 0 turns post-call tagging off. */
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
  /** Account codes are not active on the call's trunk (account or trunk disabled): nothing is tagged or looked up. */
  | 'not-active'
  /** `options.trunk` holds the settings of another trunk than the record's. */
  | 'trunk-mismatch'
  /** `postCallTagMinutes` is 0. */
  | 'post-call-tagging-off'
  /** More than `postCallTagMinutes` have passed since the call ended. */
  | 'too-late'
  /** The tag is dated before the call ended. */
  | 'before-call-end'
  /** The code is not exactly `codeLength` ASCII digits. */
  | 'wrong-length'
  /** With validation on, the look-up says the code is not in the account's list. */
  | 'not-in-list'
  /** The lockout ledger refused the look-up: the call's scope is locked or at its limit (docs/rules.md#lockout). */
  | 'locked-out'
  /** The lockout ledger could not be reached, so the code was not looked up: fail closed (docs/rules.md#lockout). */
  | 'ledger-unavailable'
  /** With validation and lockout on, the record names no trunk, so the look-up cannot be admitted. */
  | 'no-trunk';

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
       * Validation is on: perform the look-up with `performLookup` (admitted
       * against the lockout ledger first), then call again with its event.
       * {@link tagCallRecordWithLookup} does both.
       */
      readonly kind: 'lookup';
      /** The look-up to perform: the code, and the admission's attempt number. */
      readonly lookup: LookupEffect;
      /** The admission's call id, `${callId}:post-call`: pass it as `LookupContext.callId`. */
      readonly callId: string;
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
 * passed, so a refused request costs no look-up. A `lookup-refused` answer
 * refuses the tag (`locked-out`, `ledger-unavailable`): it fails closed.
 * With validation on, prefer {@link tagCallRecordWithLookup}.
 *
 * @example
 * ```ts
 * const trunk = resolveSettings(config, record.trunk);
 * if (!trunk.ok) throw new Error(trunk.error.message);
 * const options = { trunk, postCallTagMinutes: config.account.settings.postCallTagMinutes };
 * const request = { code: '1234', at: '2026-11-02T15:00:00Z', by: { role: 'caller', id: '201' } } as const;
 * let result = tagCallRecord(record, request, options);
 * if (result.kind === 'lookup') {
 *   // The call's line: its trunk and (caller scope) its normalised caller, as tagCallRecordWithLookup builds it.
 *   const subject = { accountId: config.account.id ?? null, trunkId: 'hq', callerId: '201' };
 *   const context = { lockout: config.account.settings.lockout, store, subject, callId: result.callId };
 *   const done = await performLookup(result.lookup, directory, context); // admit → look up → settle
 *   result = tagCallRecord(record, request, options, done.event);
 * }
 * if (result.kind === 'tagged') save(result.record); // result.tag: previous code, new code, when, by whom
 * ```
 */
export function tagCallRecord(
  record: CdrRecord,
  request: PostCallTagRequest,
  options: PostCallTagOptions,
  answer?: LookupResultEvent | LookupRefusedEvent,
): PostCallTagResult {
  const problem = inputProblem(record, request, options);
  if (problem !== undefined) return refused(problem);
  if (record.gated === true) {
    return refuse(
      'gated-call',
      ['record', 'gated'],
      'the call was code-gated: its code is never changed after the call, since that would authorize a call after the fact',
    );
  }
  if (record.gated === null) {
    return refuse(
      'gating-unknown',
      ['record', 'gated'],
      'the record does not say whether the call was code-gated, so it cannot be tagged after the call; only a record of a call that was not gated can',
    );
  }
  const { trunk } = options;
  if (record.trunk !== null && record.trunk !== trunk.trunkId) {
    return refuse(
      'trunk-mismatch',
      ['trunk', 'trunkId'],
      `options.trunk holds the settings of trunk ${JSON.stringify(trunk.trunkId)}, but the call was on trunk ${JSON.stringify(record.trunk)}: pass resolveSettings(config, record.trunk)`,
    );
  }
  if (!trunk.active) {
    return refuse(
      'not-active',
      ['trunk', 'active'],
      `account codes are not active on trunk ${JSON.stringify(trunk.trunkId)}${
        trunk.inactiveReason === undefined ? '' : ` (${trunk.inactiveReason})`
      }, so its calls are not tagged after the call either (docs/rules.md#reports-and-post-call-tagging)`,
    );
  }
  const { validateCodes, codeLength } = trunk.settings;
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
      `the call ended at ${isoOf(end)}; it can be tagged for ${minutes} minute${minutes === 1 ? '' : 's'} after that (postCallTagMinutes), until ${isoOf(end + minutes * 60_000)}; request.at is ${isoOf(at)}`,
    );
  }
  const { code } = request;
  if (!isDigitString(code, codeLength, codeLength)) {
    return refuse(
      'wrong-length',
      ['request', 'code'],
      `request.code must be ${ALLOWED.code(codeLength)}; got ${describeValue(code)}`,
    );
  }
  if (validateCodes) {
    // A stale or misrouted answer (another code's) asks for the look-up again.
    if (
      (answer?.type !== 'lookup-result' && answer?.type !== 'lookup-refused') ||
      (answer.code ?? code) !== code
    ) {
      return {
        kind: 'lookup',
        lookup: { type: 'lookup', code, attempt: postCallAttempt(code) },
        callId: `${record.callId ?? 'call'}:post-call`,
      };
    }
    if (answer.type === 'lookup-refused') return refuseLookup(answer.reason, record.trunk);
    if (answer.valid !== true) {
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
    validated: validateCodes,
    at: isoOf(at),
    by: { role: request.by.role, id: request.by.id },
  };
  return {
    kind: 'tagged',
    record: { ...record, postCallTags: [...(record.postCallTags ?? []), tag] },
    tag,
  };
}

/** The look-up's own attempt number: `1` then the code's digits (docs/rules.md#lockout admission ids). */
function postCallAttempt(code: string): number {
  return Number(`1${code}`);
}

function refuseLookup(
  reason: LookupRefusedEvent['reason'],
  trunk: string | null,
): PostCallTagResult {
  switch (reason) {
    case 'locked-out':
      return refuse(
        'locked-out',
        ['request', 'code'],
        `account codes are locked on this call's line (trunk ${trunk}): the lockout ledger admits no look-up until the scope unlocks or an administrator unblocks it`,
      );
    case 'ledger-unavailable':
      return refuse(
        'ledger-unavailable',
        ['request', 'code'],
        'the lockout ledger cannot be reached, so the code was not looked up and the call was not tagged (fail closed)',
      );
    default:
      return reason satisfies never;
  }
}

/** Where {@link tagCallRecordWithLookup} looks codes up and counts the look-ups. */
export interface PostCallLookup extends Omit<LookupContext, 'callId' | 'subject'> {
  /** The account's code list: `createCodeDirectory(config.account.codes)`. */
  readonly directory: CodeDirectory;
  /** `config.account.id`, or `null`: the first part of the ledger's keys. */
  readonly accountId: string | null;
}

/** {@link tagCallRecordWithLookup}'s answer. */
export interface PostCallTagWithLookupResult {
  /** Tagged or refused: the look-up, if one was needed, has been performed. */
  readonly result: Exclude<PostCallTagResult, { readonly kind: 'lookup' }>;
  /** The scope that locked, a hit after failures: tell an administrator (empty without a look-up). */
  readonly alerts: readonly LockoutAlert[];
  /** The line's lockout status after the look-up; `null` without one, or with lockout off. */
  readonly status: SubjectStatus | null;
  /** The store failure behind `ledger-unavailable`, else `null`. */
  readonly problem: LockoutStoreError | null;
}

/**
 * Post-call tagging with the look-up done the one right way (docs/rules.md#reports-and-post-call-tagging, docs/rules.md#lockout):
 * {@link tagCallRecord}, and when it asks for a look-up, `performLookup` on
 * the call's trunk (and caller, with `caller` scope) with the post-call
 * admission id, then {@link tagCallRecord} again with its answer. A locked
 * scope or an unreachable ledger refuses the tag; so does, with lockout on,
 * a record that names no trunk (`no-trunk`). The ledger's time is the
 * store's clock (or `lookup.at`), never `request.at`, which the requester
 * chooses.
 *
 * @example
 * ```ts
 * const store = createMemoryLockoutStore({ clock: Date.now });
 * const built = createCodeDirectory(config.account.codes, config.account.codeLength);
 * if (!built.ok) throw new Error(built.error.message);
 * const directory = built.directory;
 * const trunk = resolveSettings(config, record.trunk); // active, validateCodes, postCallTagMinutes
 * if (!trunk.ok) throw new Error(trunk.error.message);
 * const options = { trunk, postCallTagMinutes: config.account.settings.postCallTagMinutes };
 * const request = { code: '1234', at: Date.now(), by: { role: 'administrator', id: 'alice' } } as const;
 * const done = await tagCallRecordWithLookup(record, request, options, {
 *   directory, store, lockout: config.account.settings.lockout, accountId: config.account.id ?? null,
 * });
 * for (const alert of done.alerts) notifyAdministrator(alert);
 * if (done.result.kind === 'tagged') save(done.result.record);
 * else console.error(done.result.error.code); // 'not-in-list', 'locked-out', 'too-late', …
 * ```
 */
export async function tagCallRecordWithLookup(
  record: CdrRecord,
  request: PostCallTagRequest,
  options: PostCallTagOptions,
  lookup: PostCallLookup,
): Promise<PostCallTagWithLookupResult> {
  const none = { alerts: [], status: null, problem: null };
  const first = tagCallRecord(record, request, options);
  if (first.kind !== 'lookup') return { result: first, ...none };
  const caller = record.caller === null ? undefined : normaliseCallerId(record.caller);
  let subject: LockoutSubject | undefined;
  if (record.trunk !== null) {
    subject = { accountId: lookup.accountId, trunkId: record.trunk, callerId: caller ?? null };
  } else if (lookup.lockout === false) {
    // With lockout off no ledger key is needed; the subject is never read.
    subject = { accountId: lookup.accountId, trunkId: '-', callerId: null };
  }
  if (subject === undefined) {
    return {
      result: {
        kind: 'refused',
        error: {
          code: 'no-trunk',
          path: ['record', 'trunk'],
          message:
            "the record names no trunk, so the look-up cannot be admitted against the lockout ledger on the call's trunk; the call was not tagged",
        },
      },
      ...none,
    };
  }
  const done = await performLookup(first.lookup, lookup.directory, {
    lockout: lookup.lockout,
    store: lookup.store,
    subject,
    callId: first.callId,
    ...(lookup.at === undefined ? {} : { at: lookup.at }),
    // docs/rules.md#scoped-codes: tagging checks the code's trunks, suspension
    // and validity against the call being tagged (when it started), not its call types.
    call: {
      purpose: 'tag',
      ...(record.trunk === null ? {} : { trunk: record.trunk }),
      at: Date.parse(record.start),
    },
  });
  const second = tagCallRecord(record, request, options, done.event);
  return {
    // performLookup answers for the code it was given, so a second look-up is never asked for.
    result:
      second.kind === 'lookup'
        ? (refuseLookup(
            'ledger-unavailable',
            record.trunk,
          ) as PostCallTagWithLookupResult['result'])
        : second,
    alerts: done.alerts,
    status: done.status,
    problem: done.problem,
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
  const trunk = o.trunk as Record<string, unknown> | null | undefined;
  if (
    typeof trunk !== 'object' ||
    trunk === null ||
    trunk.ok !== true ||
    typeof trunk.trunkId !== 'string' ||
    typeof trunk.active !== 'boolean' ||
    typeof trunk.settings !== 'object' ||
    trunk.settings === null
  ) {
    return invalid(
      'invalid-type',
      ['trunk'],
      "trunk must be the call's trunk settings as resolveSettings(config, record.trunk) gives them (ok, trunkId, active, settings)",
      trunk,
    );
  }
  const settings = trunk.settings as Record<string, unknown>;
  const settingProblem =
    checkCodeLength(settings.codeLength) ?? checkBoolean(settings.validateCodes, 'validateCodes');
  if (settingProblem !== undefined) {
    return { ...settingProblem, path: ['trunk', 'settings', ...settingProblem.path] };
  }
  const minutesProblem = checkInteger(
    o.postCallTagMinutes,
    ['postCallTagMinutes'],
    POST_CALL_TAG_MINUTES,
    POST_CALL_TAG_MINUTES_ALLOWED,
  );
  if (minutesProblem !== undefined) return minutesProblem;
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
