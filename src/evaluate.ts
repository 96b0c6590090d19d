/**
 * The fail-safe order of an integration (SPEC §4, issue 12): classify first,
 * then everything that can fail. An emergency number is exempt before the
 * trunk is looked up, so an unknown trunk, an incomplete configuration or an
 * unknown country never stops a 911 call.
 */
import { classifyCall } from './classify/classify.js';
import type { Classification, ClassifyContext } from './classify/types.js';
import type { Config } from './config/types.js';
import { type Decision, type DecisionError, decide } from './decide.js';
import { describeValue } from './result.js';
import {
  type ResolvedSettings,
  type ResolveSettingsError,
  resolveSettings,
} from './settings/resolve.js';

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
}

/** Fields every evaluation carries. */
interface EvaluationBase {
  /** A decision was made. */
  readonly ok: true;
  /** What kind of call it is (SPEC §3); never `invalid` here. */
  readonly classification: Classification;
  /** Why it does or does not need a code (SPEC §4). */
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
}

/** The call needs a code: start code entry with `resolved.settings`. */
export interface CallRequiringCode extends EvaluationBase {
  /** A code is needed before the call connects. */
  readonly required: true;
  /** The trunk's settings: pass `resolved.settings` to `startCodeEntry`. */
  readonly resolved: ResolvedSettings;
}

/** No decision: do not connect (the call is not an emergency call). */
export interface CallEvaluationError {
  /** No decision: refuse the call. */
  readonly ok: false;
  /** Why: an invalid dial string or unknown country, an unknown trunk, a malformed config. */
  readonly error: DecisionError['error'];
  /** The classification, when the dial string could be classified. */
  readonly classification: Classification;
  /** The calling party, when the call gave one. */
  readonly caller?: string;
}

/** The result of {@link evaluateCall}. */
export type CallEvaluation = CallNotRequiringCode | CallRequiringCode | CallEvaluationError;

/**
 * Evaluates one outbound call the fail-safe way: classifies the dial string
 * with the account's context first, so an emergency or exempt number is
 * never required — whatever the trunk, even one the configuration does not
 * have, and even with a configuration that is incomplete or a country that
 * is unknown; then resolves the trunk's settings and decides (SPEC §4).
 * Total: any input gives a typed result, never an exception.
 *
 * Connect when `ok && !required`; start code entry with `resolved.settings`
 * when `ok && required`; otherwise refuse the call (`error.message` says why).
 *
 * @example
 * ```ts
 * const call = evaluateCall(config, { trunk: 'typo', dialed: '911' });
 * // { ok: true, required: false, decision: { rule: 'emergency-exempt', … }, … }
 * const intl = evaluateCall(config, { trunk: 'hq', dialed: '9 011 44 20 7946 0958' });
 * if (!intl.ok) refuse(intl.error.message);
 * else if (!intl.required) connect();
 * else startCodeEntry(intl.resolved.settings);
 * ```
 */
export function evaluateCall(config: Config, call: CallToEvaluate): CallEvaluation {
  const { trunk, dialed, caller } = readCall(call);
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
  if (!decision.ok) return { ok: false, error: decision.error, classification, ...withCaller };
  // decide settles emergency calls before it looks at `resolved`; every other decision needs it.
  if (!resolved.ok) return { ok: true, required: false, classification, decision, ...withCaller };
  return decision.required
    ? { ok: true, required: true, classification, decision, resolved, ...withCaller }
    : { ok: true, required: false, classification, decision, resolved, ...withCaller };
}

/** The call's fields, each `undefined` unless it has the right type (untyped callers). */
function readCall(call: unknown): { trunk: unknown; dialed: unknown; caller: string | undefined } {
  if (typeof call !== 'object' || call === null) {
    return { trunk: undefined, dialed: undefined, caller: undefined };
  }
  const { trunk, dialed, caller } = call as Record<string, unknown>;
  return { trunk, dialed, caller: typeof caller === 'string' ? caller : undefined };
}
