/**
 * A code's scope (docs/rules.md#scoped-codes): which gated calls it may
 * authorize (`callTypes`), on which trunks, whether it is `suspended`, and
 * between which instants it is valid. Absent fields are unrestricted, so a
 * code without scope authorizes every call, as before.
 */
import { type AccountCode, REQUIRED_CALL_TYPES, type RequiredCallType } from '../config/types.js';
import type { CodeRefusal } from './refusals.js';

// The refusals have their own file, so code entry reads them without the scope's tables.
export { CODE_REFUSALS, type CodeRefusal } from './refusals.js';

/** The scope fields of a code, as the configuration holds them (every one optional). */
export type CodeScope = Pick<
  AccountCode,
  'callTypes' | 'trunks' | 'suspended' | 'validFrom' | 'validUntil'
>;

/**
 * The call a code is looked up for. A field left out cannot show the code
 * permitted, so a scoped code that depends on it is refused (fail closed);
 * a code without scope never depends on anything.
 */
export interface CodeCall {
  /**
   * `authorize` (the default): code entry on a gated call, where `callTypes`
   * apply. `tag`: mid-call or post-call tagging, where only `trunks`,
   * `suspended` and the validity window do.
   */
  readonly purpose?: 'authorize' | 'tag';
  /** The categories that made the call gated ({@link gatingCategories}); absent: every requirable type. */
  readonly gatedBy?: readonly string[];
  /** The trunk the call is on. */
  readonly trunk?: string;
  /** The call's instant, epoch milliseconds. */
  readonly at?: number;
}

/** A scope, compiled once for look-ups: call types as a bit mask, instants as epoch ms. */
export interface CompiledScope {
  /** Bit i: `REQUIRED_CALL_TYPES[i]` may be authorized; all bits when unrestricted. */
  readonly callTypes: number;
  /** `undefined` when unrestricted. */
  readonly trunks: ReadonlySet<string> | undefined;
  readonly suspended: boolean;
  /** `-Infinity` when unrestricted. */
  readonly validFrom: number;
  /** `Infinity` when unrestricted. */
  readonly validUntil: number;
}

const EVERY_TYPE = 2 ** REQUIRED_CALL_TYPES.length - 1;

/** True when `entry` has any scope field: only those codes cost the directory memory. */
export function hasScope(entry: CodeScope): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  return (
    entry.callTypes !== undefined ||
    entry.trunks !== undefined ||
    entry.suspended === true ||
    entry.validFrom !== undefined ||
    entry.validUntil !== undefined
  );
}

/**
 * The compiled form of a code's scope. Total: a field of the wrong shape
 * (hand-built data that bypassed `parseConfig`) restricts as much as it can:
 * an unreadable list permits nothing, an unreadable instant is never reached.
 */
export function compileScope(entry: CodeScope): CompiledScope {
  if (typeof entry !== 'object' || entry === null) return NOTHING;
  const types = entry.callTypes;
  let callTypes = EVERY_TYPE;
  if (types !== undefined) {
    callTypes = 0;
    if (Array.isArray(types)) {
      for (const type of types) {
        const at = REQUIRED_CALL_TYPES.indexOf(type);
        if (at >= 0) callTypes |= 1 << at;
      }
    }
  }
  const trunks =
    entry.trunks === undefined
      ? undefined
      : new Set(
          Array.isArray(entry.trunks) ? entry.trunks.filter((t) => typeof t === 'string') : [],
        );
  return {
    callTypes,
    trunks,
    suspended: entry.suspended !== false && entry.suspended !== undefined,
    validFrom: entry.validFrom === undefined ? -Infinity : instant(entry.validFrom, Infinity),
    validUntil: entry.validUntil === undefined ? Infinity : instant(entry.validUntil, -Infinity),
  };
}

/** The scope of something that is not a code: it permits nothing. */
const NOTHING: CompiledScope = Object.freeze({
  callTypes: 0,
  trunks: new Set<string>(),
  suspended: true,
  validFrom: Infinity,
  validUntil: -Infinity,
});

/** Epoch ms of an ISO-8601 instant, or `otherwise` when it is not one. */
function instant(value: unknown, otherwise: number): number {
  if (typeof value !== 'string') return otherwise;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : otherwise;
}

/**
 * Why `scope` may not serve `call`, or `undefined` when it may: the one
 * answer to "may this code authorize this call" once the code is known to
 * be on the list. Checked in a fixed order: suspended, not yet valid,
 * expired, trunk, call type.
 *
 * @example
 * ```ts
 * const scope = compileScope({ callTypes: ['domestic', 'tollFree'], trunks: ['hq'] });
 * scopeRefusal(scope, { gatedBy: ['international'], trunk: 'hq', at: Date.now() });
 * // 'not-permitted-call-type'
 * ```
 */
export function scopeRefusal(scope: CompiledScope, call: CodeCall): CodeRefusal | undefined {
  if (typeof scope !== 'object' || scope === null) return 'suspended';
  if (typeof call !== 'object' || call === null) call = {};
  if (scope.suspended) return 'suspended';
  const at = typeof call.at === 'number' && Number.isFinite(call.at) ? call.at : undefined;
  if (scope.validFrom !== -Infinity && (at === undefined || at < scope.validFrom)) {
    return 'not-yet-valid';
  }
  if (scope.validUntil !== Infinity && (at === undefined || at > scope.validUntil)) {
    return 'expired';
  }
  if (
    scope.trunks !== undefined &&
    (typeof call.trunk !== 'string' || !scope.trunks.has(call.trunk))
  ) {
    return 'not-permitted-trunk';
  }
  if (call.purpose !== 'tag' && scope.callTypes !== EVERY_TYPE) {
    const needed = Array.isArray(call.gatedBy) ? typeMask(call.gatedBy) : EVERY_TYPE;
    if ((needed & scope.callTypes) !== needed) return 'not-permitted-call-type';
  }
  return undefined;
}

/** The mask of `types`; a word that is no requirable type needs a code that can do everything. */
function typeMask(types: readonly string[]): number {
  let mask = 0;
  for (const type of types) {
    const at = REQUIRED_CALL_TYPES.indexOf(type as RequiredCallType);
    mask |= at < 0 ? EVERY_TYPE : 1 << at;
  }
  return mask;
}

/**
 * The categories that made a call gated (docs/rules.md#scoped-codes): the
 * call's categories that are required, or, with `requiredCallTypes` empty,
 * all of them. An internal call has none (it is gated by
 * `requireForInternalCalls`, not by a type). An external call with no
 * category cannot be shown to be none of them, so it is gated by every
 * required type (every requirable type when none is listed): only a code
 * that may authorize all of those opens it (fail closed).
 *
 * @example
 * ```ts
 * gatingCategories(['international', 'premiumToll'], classifyCall('011 44 20 7946 0958'));
 * // ['international']
 * ```
 */
export function gatingCategories(
  requiredCallTypes: readonly RequiredCallType[],
  classification: { readonly kind: string; readonly categories: readonly string[] },
): readonly RequiredCallType[] {
  if (!Array.isArray(requiredCallTypes)) requiredCallTypes = [];
  if (typeof classification !== 'object' || classification === null) return REQUIRED_CALL_TYPES;
  if (classification.kind !== 'external') return [];
  const categories = (
    Array.isArray(classification.categories) ? classification.categories : []
  ) as readonly RequiredCallType[];
  if (categories.length === 0) {
    return requiredCallTypes.length === 0 ? REQUIRED_CALL_TYPES : requiredCallTypes;
  }
  if (requiredCallTypes.length === 0) return categories;
  return categories.filter((category) => requiredCallTypes.includes(category));
}
