/**
 * The classification context with the docs/rules.md#configuration and docs/rules.md#classification defaults applied. Reads
 * defensively: a context built in plain JavaScript with a wrong type in a
 * field gets the default for that field, never an exception (docs/rules.md#invariants).
 */

import { DEFAULT_EXEMPT_NUMBERS } from '../config/types.js';
import { EMERGENCY_NUMBERS } from './emergency-table.js';
import { isNanpCountry } from './nanp.js';
import { isSupportedCountry } from './phone.js';
import { ownEntry } from './tables.js';
import type { ClassifyContext } from './types.js';

/** The context every rule reads, defaults applied. */
export interface ReadContext {
  /** The caller's country, in capitals. */
  readonly country: string;
  /** The caller is on +1 (US, CA and the other NANP countries). */
  readonly nanp: boolean;
  /** The phone metadata knows the country (`UK` is not a country code; `GB` is). */
  readonly countryKnown: boolean;
  readonly extensionLengths: readonly number[];
  readonly ownNumbers: readonly string[];
  /** Empty when there is none. */
  readonly outsideLinePrefix: string;
  readonly domesticCountries: readonly string[];
  readonly exemptNumbers: readonly string[];
  readonly serviceCodes: readonly string[];
}

/**
 * US, Canada and the US territories on +1 are domestic to each other by
 * default (docs/rules.md#classification); the Caribbean +1 countries are not.
 */
export const NANP_DOMESTIC_GROUP: readonly string[] = ['US', 'CA', 'PR', 'VI', 'GU', 'MP', 'AS'];

const NONE: readonly never[] = [];

/** A country's context with every other field at its default. */
function defaultContext(
  country: string,
  nanp: boolean,
  countryKnown: boolean,
  domesticCountries: readonly string[],
): ReadContext {
  return {
    country,
    nanp,
    countryKnown,
    extensionLengths: NONE,
    ownNumbers: NONE,
    outsideLinePrefix: '',
    domesticCountries,
    exemptNumbers: DEFAULT_EXEMPT_NUMBERS,
    serviceCodes: NONE,
  };
}

// Pure: a bundle that never classifies drops it.
const US_DEFAULTS = /* @__PURE__ */ defaultContext('US', true, true, NANP_DOMESTIC_GROUP);

function stringList(value: unknown): readonly string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (typeof item !== 'string') return undefined;
  return value;
}

function numberList(value: unknown): readonly number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (typeof item !== 'number') return undefined;
  return value;
}

/**
 * Derived contexts of frozen contexts (a parsed config's `account` is one,
 * all the way down): freezing is permanent, so an entry can never be stale,
 * and it goes when the context is collected (issue 14).
 */
const derived = new WeakMap<object, ReadContext>();

/** Applies the defaults to `context`; the result shares arrays with it (never mutated). */
export function readContext(context: ClassifyContext | undefined): ReadContext {
  if (typeof context !== 'object' || context === null) return applyDefaults({});
  if (!Object.isFrozen(context)) return applyDefaults(context);
  let read = derived.get(context);
  if (read === undefined) {
    read = applyDefaults(context);
    if (isFrozenThrough(context)) derived.set(context, read);
  }
  return read;
}

/** Every object `readContext` reads is frozen: the context, its dial plan and each list. */
function isFrozenThrough(context: ClassifyContext): boolean {
  const plan = context.dialPlan;
  const parts: unknown[] = [
    plan,
    plan?.extensionLengths,
    plan?.ownNumbers,
    context.domesticCountries,
    context.exemptNumbers,
    context.serviceCodes,
  ];
  return parts.every((part) => typeof part !== 'object' || part === null || Object.isFrozen(part));
}

function applyDefaults(context: ClassifyContext): ReadContext {
  const c: Partial<Record<keyof ClassifyContext, unknown>> = context;
  const base =
    typeof c.country === 'string' && c.country !== '' && c.country !== 'US'
      ? defaultsFor(c.country)
      : US_DEFAULTS;
  // Nothing but a country (`{ country: 'US' }`, as many callers pass): that
  // country's defaults, built once, instead of a new object per call.
  if (
    c.dialPlan === undefined &&
    c.domesticCountries === undefined &&
    c.exemptNumbers === undefined &&
    c.serviceCodes === undefined
  ) {
    return base;
  }
  const plan: Partial<Record<string, unknown>> =
    typeof c.dialPlan === 'object' && c.dialPlan !== null ? c.dialPlan : {};
  const lengths = plan.extensionLengths;
  const prefix = plan.outsideLinePrefix;
  return {
    country: base.country,
    nanp: base.nanp,
    countryKnown: base.countryKnown,
    extensionLengths: numberList(lengths) ?? NONE,
    ownNumbers: stringList(plan.ownNumbers) ?? NONE,
    outsideLinePrefix: typeof prefix === 'string' ? prefix : '',
    domesticCountries: stringList(c.domesticCountries) ?? base.domesticCountries,
    exemptNumbers: stringList(c.exemptNumbers) ?? DEFAULT_EXEMPT_NUMBERS,
    serviceCodes: stringList(c.serviceCodes) ?? NONE,
  };
}

/** The defaults of each known country, as given (`gb` and `GB` alike); unknown ones are not kept. */
const countryDefaults = new Map<string, ReadContext>();

function defaultsFor(given: string): ReadContext {
  let defaults = countryDefaults.get(given);
  if (defaults === undefined) {
    defaults = defaultsOf(given.toUpperCase());
    // Only known countries, a finite set: odd strings from callers cannot grow the map.
    if (defaults.countryKnown) countryDefaults.set(given, defaults);
  }
  return defaults;
}

function defaultsOf(country: string): ReadContext {
  const nanp = isNanpCountry(country);
  return defaultContext(
    country,
    nanp,
    // The emergency table first: it holds nearly every region, and reading it loads no metadata.
    nanp || ownEntry(EMERGENCY_NUMBERS, country) !== undefined || isSupportedCountry(country),
    NANP_DOMESTIC_GROUP.includes(country) ? NANP_DOMESTIC_GROUP : Object.freeze([country]),
  );
}
