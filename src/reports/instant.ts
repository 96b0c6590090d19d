/**
 * Instants in CDRs and requests (docs/rules.md#reports-and-post-call-tagging): ISO 8601 with a zone (`Z` or an
 * offset), or epoch milliseconds. A time without a zone is refused here:
 * only the Asterisk reader knows which zone its times are in.
 */
import { digitsAt, isRealTimeAt, isRealWallTime } from './local-time.js';

/** `2026-11-02T14:05:10Z`, `2026-11-02T09:05:10.250-05:00`: date, time, optional fraction, zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of `value` (an ISO 8601 instant with a zone, or epoch ms), or `undefined`. */
export function epochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Math.abs(value) <= 8.64e15 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const utc = utcInstantMs(value);
  if (utc !== undefined) return utc;
  if (!ISO_INSTANT.test(value)) return undefined;
  // Date.parse rolls 30 February over into March; a CDR time that does not exist is refused.
  if (!isCalendarTime(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The common case read by hand: `YYYY-MM-DDTHH:MM:SSZ` or
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` (what `toISOString` writes) in a year from 1000,
 * a real date and time; `undefined` for anything else, which the general
 * path reads. A report reads millions of these.
 */
function utcInstantMs(text: string): number | undefined {
  const n = text.length;
  if (
    (n !== 20 && (n !== 24 || text.charCodeAt(19) !== 0x2e)) ||
    text.charCodeAt(n - 1) !== 0x5a ||
    !isRealTimeAt(text, 0x54)
  ) {
    return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const ms = n === 24 ? digitsAt(text, 20, 3) : 0;
  if (year < 1000 || ms < 0) return undefined;
  return Date.UTC(
    year,
    digitsAt(text, 5, 2) - 1,
    digitsAt(text, 8, 2),
    digitsAt(text, 11, 2),
    digitsAt(text, 14, 2),
    digitsAt(text, 17, 2),
    ms,
  );
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

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** The last day formatted, and its `YYYY-MM-DDT`: CDRs come roughly in order. */
let lastDay = Number.NaN;
let lastDayPrefix = '';

/**
 * The ISO form of epoch milliseconds, in UTC, as `toISOString` writes it;
 * the date part is formatted once per day, the time by table (a report
 * writes two per row of a CDR of millions of rows).
 */
export function isoOf(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay || !Number.isInteger(ms)) {
    const iso = new Date(ms).toISOString();
    lastDay = day;
    lastDayPrefix = iso.slice(0, -13);
    return iso;
  }
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  return `${lastDayPrefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[milli]}Z`;
}
