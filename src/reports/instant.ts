/**
 * Instants in CDRs and requests (SPEC §10): ISO 8601 with a zone (`Z` or an
 * offset), or epoch milliseconds. A time without a zone is refused here:
 * only the Asterisk reader knows which zone its times are in.
 */
import { isRealWallTime } from './local-time.js';

/** `2026-11-02T14:05:10Z`, `2026-11-02T09:05:10.250-05:00`: date, time, optional fraction, zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of `value` (an ISO 8601 instant with a zone, or epoch ms), or `undefined`. */
export function epochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Math.abs(value) <= 8.64e15 ? value : undefined;
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return undefined;
  // Date.parse rolls 30 February over into March; a CDR time that does not exist is refused.
  if (!isCalendarTime(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The date and time fields of `YYYY-MM-DDTHH:MM[:SS]…` are a real date and a time of day. */
function isCalendarTime(text: string): boolean {
  return isRealWallTime({
    year: Number(text.slice(0, 4)),
    month: Number(text.slice(5, 7)),
    day: Number(text.slice(8, 10)),
    hour: Number(text.slice(11, 13)),
    minute: Number(text.slice(14, 16)),
    second: text[16] === ':' ? Number(text.slice(17, 19)) : 0,
  });
}

/** What an instant field allows, for error messages. */
export const INSTANT_ALLOWED =
  'an ISO 8601 instant with a zone, such as "2026-11-02T14:05:10Z" or "2026-11-02T09:05:10-05:00"';

/** The ISO form of epoch milliseconds, in UTC. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
