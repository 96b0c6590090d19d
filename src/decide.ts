/**
 * The requirement decision (docs/rules.md#the-decision): does this call need an account code,
 * and why — the rule, the setting and the level it came from.
 */
import {
  CALL_CATEGORIES,
  type CallCategory,
  type Classification,
  type InvalidDialReason,
} from './classify/types.js';
import { REQUIRED_CALL_TYPES, type RequiredCallType } from './config/types.js';
import type { ResolvedSettings, ResolveSettingsError, SettingSource } from './settings/resolve.js';

/** The rule that made a decision. Stable ids, safe to branch on. */
export type DecisionRule =
  /** Emergency and exempt numbers: never a code (docs/rules.md#the-decision, Kari's Law). */
  | 'emergency-exempt'
  /** The feature is off on the trunk or the account (docs/rules.md#resolution). */
  | 'feature-inactive'
  /** An internal call: `requireForInternalCalls` decides. */
  | 'internal-calls'
  /** `requiredCallTypes` is empty: every external call needs a code. */
  | 'all-external'
  /** One of the call's categories is a required call type. */
  | 'required-call-type'
  /**
   * An external call whose destination is not recognised, on a trunk that
   * requires specific call types: it cannot be shown to be outside them, so a
   * code is required (fail closed: over-dialled numbers, unusual access codes).
   */
  | 'unrecognised-destination'
  /** None of the call's categories is a required call type. */
  | 'call-type-not-required';

/** Whether a call needs a code, and why. */
export interface Decision {
  readonly ok: true;
  readonly required: boolean;
  readonly rule: DecisionRule;
  /** A sentence naming the rule, the setting and its level, e.g. `required: premiumToll is a required call type (account)`. */
  readonly reason: string;
  /** The level the deciding setting came from; absent when no setting decided (emergency, inactive account). */
  readonly source?: SettingSource;
}

/** No decision: the dial string could not be classified (docs/rules.md#the-decision: "Invalid dial strings get no decision"). */
export interface InvalidDialStringError {
  readonly code: 'invalid-dial-string';
  /** The classification's reason. */
  readonly reason: InvalidDialReason;
  readonly dialed: string;
  readonly message: string;
}

/** No decision: an argument is not what {@link classifyCall} or {@link resolveSettings} return. */
export interface InvalidDecisionArgumentError {
  /** Stable identifier, safe to branch on. */
  readonly code: 'invalid-argument';
  /** The argument that is wrong. */
  readonly field: 'resolved' | 'classification';
  /** A sentence naming the argument and what it must be. */
  readonly message: string;
}

/** No decision: the dial string is invalid, the trunk is not in the configuration, or an argument is malformed. */
export interface DecisionError {
  readonly ok: false;
  /** Why there is no decision; branch on `code`. */
  readonly error:
    | InvalidDialStringError
    | ResolveSettingsError['error']
    | InvalidDecisionArgumentError;
}

/** The result of {@link decide}. */
export type DecisionResult = Decision | DecisionError;

/**
 * Decides whether a call needs an account code (docs/rules.md#the-decision), in this order:
 * emergency and exempt numbers never need one, whatever the settings (even
 * for a trunk id that is not in the configuration); invalid dial strings get
 * no decision, nor does an unknown trunk (`resolveSettings`' error is passed
 * through); nothing is required where the feature is inactive; internal calls
 * follow `requireForInternalCalls`; external calls need one when
 * `requiredCallTypes` is empty or holds one of their categories.
 *
 * @example
 * ```ts
 * const resolved = resolveSettings(config, 'hq');
 * if (resolved.ok) {
 *   decide(resolved, classifyCall('1-900-555-0100', config.account));
 *   // { ok: true, required: true, rule: 'required-call-type',
 *   //   reason: 'required: premiumToll is a required call type (account)', source: 'account' }
 * }
 * ```
 */
export function decide(
  resolved: ResolvedSettings | ResolveSettingsError,
  classification: Classification,
): DecisionResult {
  // Total (docs/rules.md#invariants): values from untyped callers get a typed error, never an exception.
  if (!isClassification(classification)) {
    return invalidArgument('classification', 'classification must be what classifyCall returns');
  }
  switch (classification.kind) {
    case 'emergency':
      return {
        ok: true,
        required: false,
        rule: 'emergency-exempt',
        reason:
          classification.why === 'emergency'
            ? `not required: ${classification.number} is an emergency number, never gated by a code`
            : `not required: ${classification.number} is an exempt number (exemptNumbers), never gated by a code`,
      };
    case 'invalid':
      return {
        ok: false,
        error: {
          code: 'invalid-dial-string',
          reason: classification.reason,
          dialed: classification.dialed,
          message: `no decision: ${classification.message}`,
        },
      };
    case 'internal':
    case 'external':
      if (!isResolved(resolved)) {
        return invalidArgument('resolved', 'resolved must be what resolveSettings returns');
      }
      if (!resolved.ok) return { ok: false, error: resolved.error };
      return resolved.active ? decideActive(resolved, classification) : inactive(resolved);
    default:
      return classification satisfies never;
  }
}

function inactive(resolved: ResolvedSettings): Decision {
  const reason = resolved.inactiveReason ?? 'account-disabled';
  switch (reason) {
    case 'account-disabled':
      return {
        ok: true,
        required: false,
        rule: 'feature-inactive',
        reason: 'not required: account codes are off (enabled is false) (account)',
        source: 'account',
      };
    case 'trunk-disabled':
      return {
        ok: true,
        required: false,
        rule: 'feature-inactive',
        reason: `not required: account codes are off on trunk ${JSON.stringify(resolved.trunkId)} (accountCodesEnabled is false) (trunk)`,
        source: 'trunk',
      };
    default:
      return reason satisfies never;
  }
}

function decideActive(
  resolved: ResolvedSettings,
  classification: Classification & { kind: 'internal' | 'external' },
): Decision {
  const { settings, provenance } = resolved;
  if (classification.kind === 'internal') {
    const source = provenance.requireForInternalCalls;
    const required = settings.requireForInternalCalls;
    return {
      ok: true,
      required,
      rule: 'internal-calls',
      reason: sentence(INTERNAL, key(sourceKey(source), 2, required ? 1 : 0), internalReason, [
        required,
        source,
      ]),
      source,
    };
  }
  const { categories } = classification;
  const kept = externalDecisions.get(resolved)?.get(categories);
  if (kept !== undefined) {
    // Every external decision's source is where requiredCallTypes came from.
    const source = provenance.requiredCallTypes;
    return { ok: true, required: kept.required, rule: kept.rule, reason: kept.reason, source };
  }
  const decision = decideExternal(resolved, categories);
  keepExternal(resolved, categories, decision);
  return decision;
}

/**
 * External decisions on frozen resolved settings, per frozen category list
 * (most `classifyCall` results carry one of a few shared lists): what they
 * say depends on nothing else, and frozen values cannot change, so an entry
 * can never be stale; it goes with the settings. A decision is copied out,
 * never shared. Issue 14: working it out was most of `decide`'s cost.
 */
const externalDecisions = new WeakMap<ResolvedSettings, Map<readonly CallCategory[], Decision>>();

/** Lists kept per settings value: as many as `classifyCall` shares (one per category mask), so odd lists cannot grow it. */
const MAX_KEPT_LISTS = 2 ** CALL_CATEGORIES.length;

function keepExternal(
  resolved: ResolvedSettings,
  categories: readonly CallCategory[],
  decision: Decision,
): void {
  const { settings, provenance } = resolved;
  const frozen =
    Object.isFrozen(resolved) &&
    Object.isFrozen(settings) &&
    Object.isFrozen(settings.requiredCallTypes) &&
    Object.isFrozen(provenance) &&
    Object.isFrozen(categories);
  if (!frozen) return;
  let byCategories = externalDecisions.get(resolved);
  if (byCategories === undefined) {
    byCategories = new Map();
    externalDecisions.set(resolved, byCategories);
  }
  if (byCategories.size < MAX_KEPT_LISTS) byCategories.set(categories, decision);
}

function decideExternal(
  { settings, provenance }: ResolvedSettings,
  categories: readonly CallCategory[],
): Decision {
  const types = settings.requiredCallTypes;
  const source = provenance.requiredCallTypes;
  const from = sourceKey(source);
  if (types.length === 0) {
    return {
      ok: true,
      required: true,
      rule: 'all-external',
      reason: sentence(ALL_EXTERNAL, from, allExternalReason, [source]),
      source,
    };
  }
  const hit = firstRequired(categories, types);
  if (hit !== undefined) {
    return {
      ok: true,
      required: true,
      rule: 'required-call-type',
      reason: sentence(
        REQUIRED_TYPE,
        key(from, REQUIRED_CALL_TYPES.length, REQUIRED_CALL_TYPES.indexOf(hit)),
        requiredTypeReason,
        [hit, source],
      ),
      source,
    };
  }
  const typesKey = listKey(types, REQUIRED_CALL_TYPES);
  if (categories.length === 0) {
    return {
      ok: true,
      required: true,
      rule: 'unrecognised-destination',
      reason: sentence(UNRECOGNISED, key(from, TYPE_LIST_KEYS, typesKey), unrecognisedReason, [
        types,
        source,
      ]),
      source,
    };
  }
  const listsKey = key(listKey(categories, CALL_CATEGORIES), TYPE_LIST_KEYS, typesKey);
  return {
    ok: true,
    required: false,
    rule: 'call-type-not-required',
    reason: sentence(NOT_REQUIRED, key(listsKey, 2, from), notRequiredReason, [
      categories,
      types,
      source,
    ]),
    source,
  };
}

/** The first of the call's categories that is a required call type. */
function firstRequired(
  categories: readonly CallCategory[],
  types: readonly RequiredCallType[],
): RequiredCallType | undefined {
  for (const category of categories) {
    for (const type of types) if (type === category) return type;
  }
  return undefined;
}

// The reasons are a small finite set (docs/rules.md#the-decision: the rule, the setting, its
// level), so each sentence is built once and then looked up by a small integer
// key that encodes everything it says; building them on every call was most
// of the decision's cost (docs/performance.md). A key is negative when an
// input falls outside the set (a hand-built value): that sentence is built
// afresh, so every reason stays exactly what the builders say.

const internalReason = (required: boolean, source: SettingSource): string =>
  `${required ? 'required' : 'not required'}: internal call and requireForInternalCalls is ${required} (${source})`;
const allExternalReason = (source: SettingSource): string =>
  `required: requiredCallTypes is empty, so every external call needs a code (${source})`;
const requiredTypeReason = (hit: RequiredCallType, source: SettingSource): string =>
  `required: ${hit} is a required call type (${source})`;
const unrecognisedReason = (types: readonly RequiredCallType[], source: SettingSource): string =>
  `required: the destination is not recognised, so it cannot be shown to be none of the required call types ${types.join(', ')} (${source})`;
const notRequiredReason = (
  categories: readonly CallCategory[],
  types: readonly RequiredCallType[],
  source: SettingSource,
): string =>
  `not required: the call (${categories.join(', ')}) is none of the required call types ${types.join(', ')} (${source})`;

const INTERNAL = new Map<number, string>();
const ALL_EXTERNAL = new Map<number, string>();
const REQUIRED_TYPE = new Map<number, string>();
const UNRECOGNISED = new Map<number, string>();
const NOT_REQUIRED = new Map<number, string>();

/**
 * Enough for every sentence `resolveSettings` and `classifyCall` values can
 * produce (categories come in a fixed order); a bound so that odd inputs
 * cannot grow a table without limit.
 */
const MAX_SENTENCES = 4096;

function sentence<A extends unknown[]>(
  table: Map<number, string>,
  key: number,
  build: (...args: A) => string,
  args: A,
): string {
  if (key < 0) return build(...args);
  let text = table.get(key);
  if (text === undefined) {
    text = build(...args);
    if (table.size < MAX_SENTENCES) table.set(key, text);
  }
  return text;
}

/** `high` and `low` (below `base`) in one key; -1 when either is -1. */
function key(high: number, base: number, low: number): number {
  return high < 0 || low < 0 ? -1 : high * base + low;
}

/** 0 for the account, 1 for a trunk; -1 for anything else. */
function sourceKey(source: SettingSource): number {
  return source === 'account' ? 0 : source === 'trunk' ? 1 : -1;
}

/**
 * A number for a list of at most `vocabulary.length` words from
 * `vocabulary`, one base-(n+1) digit per item, so that different lists get
 * different numbers; -1 for any other list. Every key is below
 * {@link listKeys}`(vocabulary)`.
 */
function listKey(list: readonly string[], vocabulary: readonly string[]): number {
  if (list.length > vocabulary.length) return -1;
  let key = 0;
  for (const word of list) {
    const at = vocabulary.indexOf(word);
    if (at < 0) return -1;
    key = key * (vocabulary.length + 1) + at + 1;
  }
  return key;
}

/** How many keys {@link listKey} can give over `vocabulary`: (n+1)^n, n its length. */
function listKeys(vocabulary: readonly string[]): number {
  return (vocabulary.length + 1) ** vocabulary.length;
}

/**
 * The base a list of required call types is packed in: derived from the
 * vocabulary, so a longer one cannot make two keys collide (with the seven
 * types of turn 3 every key of the decision stays below 2^53).
 */
const TYPE_LIST_KEYS = listKeys(REQUIRED_CALL_TYPES);

const KINDS: readonly string[] = ['emergency', 'internal', 'external', 'invalid'];

function isClassification(value: unknown): value is Classification {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, categories } = value as { kind?: unknown; categories?: unknown };
  return typeof kind === 'string' && KINDS.includes(kind) && Array.isArray(categories);
}

function isResolved(value: unknown): value is ResolvedSettings | ResolveSettingsError {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, settings, provenance, error } = value as Record<string, unknown>;
  if (ok === false) return typeof error === 'object' && error !== null;
  return (
    ok === true &&
    typeof settings === 'object' &&
    settings !== null &&
    Array.isArray((settings as { requiredCallTypes?: unknown }).requiredCallTypes) &&
    typeof provenance === 'object' &&
    provenance !== null
  );
}

function invalidArgument(
  field: InvalidDecisionArgumentError['field'],
  message: string,
): DecisionError {
  return { ok: false, error: { code: 'invalid-argument', field, message } };
}
