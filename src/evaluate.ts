/**
 * The fail-safe order of an integration (docs/rules.md#the-decision, issue 12): classify first,
 * then everything that can fail. An emergency number is exempt before the
 * trunk is looked up, so an unknown trunk, an incomplete configuration or an
 * unknown country never stops a 911 call.
 */
import { classifyCall } from './classify/classify.js';
import type { Classification, ClassifyContext } from './classify/types.js';
import type { AccountCode, Config, UnattendedCalls } from './config/types.js';
import { type Decision, type DecisionError, decide } from './decide.js';
import { type CodeCall, gatingCategories } from './entry/code-scope.js';
import { type CarriedCodeRefusal, carriedCodeAuthorizes } from './entry/directory.js';
import type { ConnectEffect } from './entry/events.js';
import type { LookupContext } from './entry/perform-lookup.js';
import type { CallRecord, UnattendedRecord, UnattendedRule } from './entry/record.js';
import { normaliseCallerId } from './lockout/scope.js';
import { describeValue } from './result.js';
import {
  type EffectiveSettings,
  type ResolvedSettings,
  type ResolveSettingsError,
  resolveSettings,
  type SettingSource,
} from './settings/resolve.js';

/**
 * Nobody is on the line to key a code (docs/rules.md#calls-nobody-can-key):
 * a forwarded or follow-me call, a call the platform transferred, a fax leg.
 * `true`, or `{ code }`: the code of the call that caused this one (the code
 * the transferring caller keyed, say).
 */
export type Unattended = true | { readonly code: string };

/** One outbound call, as the platform reports it. */
export interface CallToEvaluate {
  /** The trunk the call arrived on: a `trunks[].id` of the configuration. */
  readonly trunk: string;
  /** The dial string as the platform sent it: digits, separators, a `tel:`/`sip:` URI, … */
  readonly dialed: string;
  /**
   * The calling party (an extension or an E.164 number), echoed in the
   * result for the call record; the rules do not read it.
   */
  readonly caller?: string;
  /**
   * Nobody can key a code on this call (forwarded, follow-me, transferred,
   * fax): a gated call is then settled without code entry (see
   * {@link UnattendedCallSettled}). Absent or `false`: somebody is on the line.
   */
  readonly unattended?: Unattended | false;
  /**
   * The call's instant, epoch milliseconds: the instant a code is judged at
   * (docs/rules.md#scoped-codes), for a carried code and in
   * `conversation.lookups.call`. Without it, a code with a validity window
   * authorizes nothing (fail closed).
   */
  readonly at?: number;
}

/**
 * The rest of a call that goes on after {@link evaluateCall}: which machine
 * runs, with which settings, and where and for what its look-ups are
 * counted. The one driver contract (docs/integration.md): a platform adapter
 * adds its lockout store and the call's id, and performs the effects.
 * Plain data, so a stateless webhook can keep it between requests.
 *
 * @example
 * ```ts
 * const call = evaluateCall(config, { trunk: 'hq', dialed, caller, at: Date.now() });
 * if (call.ok && call.conversation !== undefined) {
 *   const context = { ...call.conversation.lookups, store, callId };
 *   const { gate } = await lockoutGate(context);
 *   const started =
 *     call.conversation.machine === 'code-entry'
 *       ? startCodeEntry(call.conversation.settings, gate)
 *       : startMidCallTagging(call.conversation.settings, gate);
 *   // each lookup effect: performLookup(effect, directory, context)
 * }
 * ```
 */
export interface CallConversation {
  /**
   * `code-entry`: a gated call, start `startCodeEntry`. `mid-call-tagging`:
   * a call that connects at once and may be tagged mid-call (only where
   * account codes are active, never an emergency call,
   * docs/rules.md#mid-call-tagging): start `startMidCallTagging`.
   */
  readonly machine: 'code-entry' | 'mid-call-tagging';
  /** The trunk's settings, for the machine's start. */
  readonly settings: EffectiveSettings;
  /**
   * The call's look-up context but for the store and the call's id:
   * `{ ...conversation.lookups, store, callId }` is what `lockoutGate` and
   * `performLookup` take.
   */
  readonly lookups: CallLookups;
}

/**
 * Where a call's look-ups are counted and what they are for
 * (docs/rules.md#lockout, docs/rules.md#scoped-codes): the account's
 * `lockout` (`false` in tracking mode, which looks nothing up), the line,
 * and the call a code is judged against.
 *
 * @example
 * ```ts
 * call.conversation.lookups;
 * // { lockout: { maxFailures: 10, … }, subject: { accountId: 'acme', trunkId: 'hq', callerId: '201' },
 * //   call: { purpose: 'authorize', gatedBy: ['international'], trunk: 'hq', at: 1764583200000 } }
 * ```
 */
export interface CallLookups extends Pick<LookupContext, 'lockout' | 'subject'> {
  /** The call: `authorize` with its gating categories, or `tag`; its trunk and instant. */
  readonly call: CodeCall;
}

/** Fields every evaluation carries. */
interface EvaluationBase {
  /** A decision was made. */
  readonly ok: true;
  /** What kind of call it is (docs/rules.md#classification); never `invalid` here. */
  readonly classification: Classification;
  /** Why it does or does not need a code (docs/rules.md#the-decision). */
  readonly decision: Decision;
  /** The calling party, when the call gave one. */
  readonly caller?: string;
}

/**
 * The call needs no code: connect it. `resolved` is absent only for an
 * emergency or exempt call whose trunk could not be resolved (it connects anyway).
 */
export interface CallNotRequiringCode extends EvaluationBase {
  /** No code: connect the call. */
  readonly required: false;
  /** The trunk's settings (for mid-call tagging); absent when an emergency call's trunk did not resolve. */
  readonly resolved?: ResolvedSettings;
  /** Why the trunk did not resolve, when an emergency call connects without it. */
  readonly trunkError?: ResolveSettingsError['error'];
  /**
   * Present where mid-call tagging may run: account codes are active on the
   * trunk and the call is not an emergency call (docs/rules.md#mid-call-tagging).
   * Absent: the call connects and its keys are just DTMF.
   */
  readonly conversation?: CallConversation & { readonly machine: 'mid-call-tagging' };
  /** Never set here: only a gated call is settled unattended. */
  readonly unattended?: undefined;
}

/** The call needs a code: start code entry with `resolved.settings`. */
export interface CallRequiringCode extends EvaluationBase {
  /** A code is needed before the call connects. */
  readonly required: true;
  /** The trunk's settings: pass `resolved.settings` to `startCodeEntry`. */
  readonly resolved: ResolvedSettings;
  /** Never set here: somebody is on the line (see {@link UnattendedCallSettled}). */
  readonly unattended?: undefined;
  /** Code entry: its settings and its look-ups' context. */
  readonly conversation: CallConversation & { readonly machine: 'code-entry' };
  /** Never set here: the trunk resolved. */
  readonly trunkError?: undefined;
}

/**
 * The call needs a code and nobody can key one: it is settled already, with
 * no prompt and no look-up (docs/rules.md#calls-nobody-can-key). Perform
 * `unattended.effect` and write `unattended.record`; never start code entry.
 */
export interface UnattendedCallSettled extends EvaluationBase {
  /** A code was needed; the carried code or `unattendedCalls` settled it. */
  readonly required: true;
  /** The trunk's settings. */
  readonly resolved: ResolvedSettings;
  /** What to do, why, and the call record. */
  readonly unattended: UnattendedOutcome;
  /** Never set here: nothing is keyed, nothing looked up. */
  readonly conversation?: undefined;
  /** Never set here: the trunk resolved. */
  readonly trunkError?: undefined;
}

/** End an unattended call: nobody can key a code and nothing authorizes it. */
export interface UnattendedEndEffect {
  /** Discriminant: end the call. */
  readonly type: 'end';
  /** Why: a gated call nobody could key. */
  readonly reason: 'unattended';
}

/** How an unattended gated call was settled (docs/rules.md#calls-nobody-can-key). */
export interface UnattendedOutcome {
  /**
   * What to do, in one value: connect tagged (`accountCode` a code), connect
   * untagged (`accountCode: null`), or end. The connect effect is code
   * entry's own, so one handler serves both.
   */
  readonly effect: ConnectEffect | UnattendedEndEffect;
  /** What settled it; also in `record.unattended.rule`. */
  readonly rule: UnattendedRule;
  /** A sentence naming the rule, the setting and its level, e.g. `ended: … unattendedCalls is "end" (account)`. */
  readonly reason: string;
  /** The level `unattendedCalls` came from; absent when the carried code settled the call. */
  readonly source?: SettingSource;
  /** The call record for the CDR: no attempts, the outcome, and why. */
  readonly record: CallRecord & { readonly unattended: UnattendedRecord };
}

/** No decision: do not connect (the call is not an emergency call). */
export interface CallEvaluationError {
  /** No decision: refuse the call. */
  readonly ok: false;
  /** Why: an invalid dial string or unknown country, an unknown trunk, a malformed config or `unattended`. */
  readonly error: DecisionError['error'] | InvalidUnattendedError;
  /** The classification, when the dial string could be classified. */
  readonly classification: Classification;
  /** The calling party, when the call gave one. */
  readonly caller?: string;
  /** The trunk's settings when the trunk resolved (an invalid dial string on a known trunk). */
  readonly resolved?: ResolvedSettings;
  /** Why the trunk did not resolve, when it did not, whatever the error. */
  readonly trunkError?: ResolveSettingsError['error'];
}

/** No decision on a gated call: `unattended` is neither `true`, `false` nor `{ code }` (fail closed). */
export interface InvalidUnattendedError {
  /** Stable identifier, safe to branch on. */
  readonly code: 'invalid-argument';
  /** The field that is wrong. */
  readonly field: 'unattended';
  /** A sentence naming the field and what it allows. */
  readonly message: string;
}

/** The result of {@link evaluateCall}. */
export type CallEvaluation =
  | CallNotRequiringCode
  | CallRequiringCode
  | UnattendedCallSettled
  | CallEvaluationError;

/**
 * Evaluates one outbound call the fail-safe way: classifies the dial string
 * with the account's context first, so an emergency or exempt number is
 * never required — whatever the trunk, even one the configuration does not
 * have, and even with a configuration that is incomplete or a country that
 * is unknown; then resolves the trunk's settings and decides (docs/rules.md#the-decision).
 * Total: any input gives a typed result, never an exception.
 *
 * Connect when `ok && !required`, and run mid-call tagging when it brings a
 * `conversation`; start code entry with `conversation` when `ok && required`;
 * otherwise refuse the call (`error.message` says why). Pass the call's
 * `caller` and `at`: the look-ups count on the caller's line
 * (docs/rules.md#lockout) and judge scoped codes at that instant.
 *
 * With `unattended` (nobody can key a code: a forwarded, follow-me or
 * transferred call, a fax leg) emergency, exempt and not-gated calls are
 * evaluated as ever; a gated one never prompts and is settled at once
 * (`unattended` in the result): a carried code that authorizes it connects
 * it tagged (no lockout: nobody guessed); else the trunk's `unattendedCalls`
 * ends it (the default), connects it untagged, or tags it with its code
 * (docs/rules.md#calls-nobody-can-key).
 *
 * @example
 * ```ts
 * const call = evaluateCall(config, { trunk: 'typo', dialed: '911' });
 * // { ok: true, required: false, decision: { rule: 'emergency-exempt', … }, … }
 * const intl = evaluateCall(config, { trunk: 'hq', dialed: '9 011 44 20 7946 0958', caller: '201', at: Date.now() });
 * if (!intl.ok) refuse(intl.error.message);
 * else if (!intl.required) connect(); // intl.conversation: mid-call tagging, where it may run
 * else {
 *   // The driver contract: the machine's settings and its look-ups' context come with the result.
 *   const context = { ...intl.conversation.lookups, store, callId };
 *   const { gate } = await lockoutGate(context);
 *   startCodeEntry(intl.conversation.settings, gate); // then performLookup(effect, directory, context)
 * }
 *
 * const forwarded = evaluateCall(config, { trunk: 'hq', dialed: '011 44 20 7946 0958', unattended: true });
 * if (forwarded.ok && forwarded.unattended !== undefined) {
 *   forwarded.unattended.effect; // { type: 'end', reason: 'unattended' } with unattendedCalls "end"
 *   writeCdr(forwarded.unattended.record); // { accountCode: null, …, outcome: 'ended', unattended: { rule: 'unattended-end', … } }
 * }
 * ```
 */
export function evaluateCall(config: Config, call: CallToEvaluate): CallEvaluation {
  const { trunk, dialed, caller, unattended } = readCall(call);
  const withCaller = caller === undefined ? {} : { caller };
  const account: unknown = (config as { account?: unknown } | null | undefined)?.account;
  const classification = classifyCall(dialed as string, account as ClassifyContext);
  const resolved: ResolvedSettings | ResolveSettingsError =
    typeof trunk === 'string'
      ? resolveSettings(config, trunk)
      : {
          ok: false,
          error: {
            code: 'unknown-trunk',
            trunkId: '',
            message: `trunk must be the id of one of the configuration's trunks (a string); got ${describeValue(trunk)}`,
          },
        };
  const decision = decide(resolved, classification);
  const trunkError = resolved.ok ? {} : { trunkError: resolved.error };
  if (!decision.ok) {
    const withResolved = resolved.ok ? { resolved } : trunkError;
    return { ok: false, error: decision.error, classification, ...withCaller, ...withResolved };
  }
  // decide settles emergency calls before it looks at `resolved`; every other decision needs it.
  if (!resolved.ok) {
    return { ok: true, required: false, classification, decision, ...withCaller, ...trunkError };
  }
  const at = (call as { at?: unknown }).at;
  const instant = typeof at === 'number' && Number.isFinite(at) ? at : undefined;
  const converse = <M extends CallConversation['machine']>(machine: M) =>
    conversationOf(machine, config, resolved, classification, caller, instant);
  if (!decision.required) {
    // docs/rules.md#mid-call-tagging: only where account codes are active, never on an emergency call.
    const tagging =
      resolved.active && classification.kind !== 'emergency'
        ? { conversation: converse('mid-call-tagging') }
        : {};
    return {
      ok: true,
      required: false,
      classification,
      decision,
      resolved,
      ...withCaller,
      ...tagging,
    };
  }
  if (unattended === undefined) {
    return {
      ok: true,
      required: true,
      classification,
      decision,
      resolved,
      ...withCaller,
      conversation: converse('code-entry'),
    };
  }
  if (unattended === INVALID) {
    const error: InvalidUnattendedError = {
      code: 'invalid-argument',
      field: 'unattended',
      message: `unattended must be true, false or { code: "…" }; got ${describeValue((call as { unattended?: unknown }).unattended)}`,
    };
    return { ok: false, error, classification, ...withCaller, resolved };
  }
  const codes = (config as { account?: { codes?: unknown } }).account?.codes;
  const settled = settleUnattended(resolved, classification, codes, unattended, instant);
  return {
    ok: true,
    required: true,
    classification,
    decision,
    resolved,
    ...withCaller,
    unattended: settled,
  };
}

/**
 * The conversation of a call that goes on (docs/rules.md#lockout: lockout
 * only matters when validating; docs/rules.md#scoped-codes: the code is
 * judged against this call).
 */
function conversationOf<M extends CallConversation['machine']>(
  machine: M,
  config: Config,
  resolved: ResolvedSettings,
  classification: Classification,
  caller: string | undefined,
  at: number | undefined,
): CallConversation & { readonly machine: M } {
  const { settings, trunkId } = resolved;
  // resolveSettings succeeded, so the account has the shape parseConfig gives.
  const { account } = config;
  return {
    machine,
    settings,
    lookups: {
      lockout: settings.validateCodes ? account.settings.lockout : false,
      subject: {
        accountId: account.id ?? null,
        trunkId,
        callerId: caller === undefined ? null : (normaliseCallerId(caller) ?? null),
      },
      call: {
        purpose: machine === 'code-entry' ? 'authorize' : 'tag',
        gatedBy: gatingCategories(settings.requiredCallTypes, classification),
        trunk: trunkId,
        ...(at === undefined ? {} : { at }),
      },
    },
  };
}

/** `unattended` as read: absent (attended), a carried code or none, or not a valid value. */
type ReadUnattended = undefined | { readonly carried: string | undefined } | typeof INVALID;
const INVALID = Symbol('invalid');

/** The call's fields, each `undefined` unless it has the right type (untyped callers). */
function readCall(call: unknown): {
  trunk: unknown;
  dialed: unknown;
  caller: string | undefined;
  unattended: ReadUnattended;
} {
  if (typeof call !== 'object' || call === null) {
    return { trunk: undefined, dialed: undefined, caller: undefined, unattended: undefined };
  }
  const { trunk, dialed, caller, unattended } = call as Record<string, unknown>;
  return {
    trunk,
    dialed,
    caller: typeof caller === 'string' ? caller : undefined,
    unattended: readUnattended(unattended),
  };
}

function readUnattended(value: unknown): ReadUnattended {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { carried: undefined };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { code } = value as { code?: unknown };
    if (typeof code === 'string') return { carried: code };
  }
  return INVALID;
}

/**
 * A gated call nobody can key (docs/rules.md#calls-nobody-can-key): the
 * carried code if it authorizes the call, else `unattendedCalls`. Nothing
 * prompts, nothing is looked up, the lockout ledger is not involved.
 */
function settleUnattended(
  resolved: ResolvedSettings,
  classification: Classification,
  codes: unknown,
  unattended: { readonly carried: string | undefined },
  at: number | undefined,
): UnattendedOutcome {
  const { settings, provenance, trunkId } = resolved;
  // carriedCodeAuthorizes reads the list defensively: a malformed one authorizes nothing.
  const call = {
    codes: codes as readonly AccountCode[],
    settings,
    trunkId,
    classification,
    ...(at === undefined ? {} : { at }),
  };
  const carried = unattended.carried ?? null;
  let refused: CarriedCodeRefusal | undefined;
  if (carried !== null) {
    const verdict = carriedCodeAuthorizes(carried, call);
    if (verdict.ok) {
      return settled(
        { type: 'connect', accountCode: verdict.accountCode, validated: verdict.validated },
        'carried-code',
        `connected: nobody can key a code, and the code the call carries authorizes it (${verdict.validated ? 'on the list' : 'tracking: any code of the right length'})`,
        undefined,
        carried,
      );
    }
    refused = verdict.reason;
  }
  const setting: UnattendedCalls = settings.unattendedCalls ?? 'end';
  // Hand-built settings may lack it: the account's level, the default's.
  const source = provenance.unattendedCalls ?? 'account';
  const carriedNote =
    refused === undefined
      ? ''
      : refused === 'wrong-length'
        ? `; the code it carries is not ${settings.codeLength} digits`
        : refused === 'not-on-list'
          ? '; the code it carries is not on the list'
          : `; the code it carries may not authorize this call (${refused})`;
  if (setting === 'connect') {
    return settled(
      { type: 'connect', accountCode: null, validated: false },
      'unattended-connect',
      `connected untagged: nobody can key a code and unattendedCalls is "connect"${carriedNote} (${source})`,
      source,
      carried,
      refused,
    );
  }
  if (typeof setting === 'object' && setting !== null) {
    const verdict = carriedCodeAuthorizes(setting.code, call);
    if (verdict.ok) {
      return settled(
        { type: 'connect', accountCode: verdict.accountCode, validated: verdict.validated },
        'unattended-code',
        `connected: nobody can key a code and unattendedCalls tags the call with its code${carriedNote} (${source})`,
        source,
        carried,
        refused,
      );
    }
    return settled(
      { type: 'end', reason: 'unattended' },
      'unattended-code-refused',
      `ended: nobody can key a code and the code of unattendedCalls may not authorize this call (${verdict.reason})${carriedNote} (${source})`,
      source,
      carried,
      refused,
    );
  }
  // "end", and anything that is not a known setting: fail closed.
  return settled(
    { type: 'end', reason: 'unattended' },
    'unattended-end',
    `ended: nobody can key a code and unattendedCalls is "end"${carriedNote} (${source})`,
    source,
    carried,
    refused,
  );
}

function settled(
  effect: ConnectEffect | UnattendedEndEffect,
  rule: UnattendedRule,
  reason: string,
  source: SettingSource | undefined,
  carriedCode: string | null,
  carriedCodeRefused?: CarriedCodeRefusal,
): UnattendedOutcome {
  const outcome =
    effect.type === 'end'
      ? 'ended'
      : effect.accountCode === null
        ? 'connected-unattended'
        : 'connected';
  const accountCode = effect.type === 'connect' ? effect.accountCode : null;
  const validated = effect.type === 'connect' && effect.validated;
  return {
    effect,
    rule,
    reason,
    ...(source === undefined ? {} : { source }),
    record: {
      accountCode,
      validated,
      attempts: 0,
      outcome,
      unattended: {
        rule,
        carriedCode,
        ...(carriedCodeRefused === undefined ? {} : { carriedCodeRefused }),
      },
    },
  };
}
