/**
 * How hard property tests push. `npm test` runs each invariant with 1,000
 * cases; `npm run test:deep` sets PROPERTY_RUNS=100000 and a fixed
 * PROPERTY_SEED, which fast-check prints with any counterexample.
 */
import type { Parameters } from 'fast-check';

const runs = Number(process.env.PROPERTY_RUNS ?? '') || 1000;
const seed =
  process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

/** Options for `fc.assert` on a docs/rules.md#invariants invariant: at least 1,000 cases. */
export function invariantRuns<T>(extra: Parameters<T> = {}): Parameters<T> {
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }), ...extra };
}

/** Options for a lighter property (not a docs/rules.md#invariants invariant): a tenth of the invariant runs, at least 100. */
export function propertyRuns<T>(extra: Parameters<T> = {}): Parameters<T> {
  return {
    numRuns: Math.max(100, Math.floor(runs / 10)),
    ...(seed === undefined ? {} : { seed }),
    ...extra,
  };
}

/**
 * Options for a property that needs more cases than the others to reach rare
 * branches: `numRuns` cases in `npm test` and `test:deep`, scaled down with
 * PROPERTY_RUNS below 1,000 (mutation runs), never below 100.
 */
export function extendedRuns<T>(numRuns: number, extra: Parameters<T> = {}): Parameters<T> {
  return {
    numRuns: Math.max(100, Math.floor((numRuns * Math.min(runs, 1000)) / 1000)),
    ...(seed === undefined ? {} : { seed }),
    ...extra,
  };
}

/** Freezes a value and everything in it, to prove a function does not mutate its input. */
export function deepFreeze<T>(value: T): T {
  // A typed array with elements cannot be frozen: leave it as it is.
  if (ArrayBuffer.isView(value)) return value;
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
