/**
 * Which countries a configuration may name (docs/rules.md#configuration: `country`,
 * `domesticCountries`): the regions classification supports, from a
 * generated list, so that validating a configuration does not load the phone
 * metadata (docs/performance.md: `parseConfig` alone stays small).
 */
import { REGION_CODES } from './regions-table.js';

let regions: ReadonlySet<string> | undefined;

/** True when `value` is a region code the phone metadata knows, such as `US` or `GB`. */
export function isSupportedCountry(value: string): boolean {
  regions ??= new Set(REGION_CODES.split(' '));
  return regions.has(value);
}
