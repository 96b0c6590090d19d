/**
 * Configurations are values (docs/rules.md#administrative-operations: old config in, new config out).
 * `parseConfig` hands them out frozen all the way down, which is what makes it
 * safe for `resolveSettings` to remember its answer per config object: a
 * frozen object can never change under a cache. (The administrative
 * operations do not freeze: their result shares unchanged parts with their
 * input, and freezing those would change the caller's objects.)
 */
import type { Config } from './types.js';

/** Freezes `config` and every object and array in it; returns it. */
export function freezeConfig(config: Config): Config {
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    // Recurse even into frozen objects: a frozen object may hold unfrozen ones.
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
