/**
 * Asterisk's CDR times carry no zone (docs/rules.md#reports-and-post-call-tagging): a local wall time in a given
 * IANA zone becomes an instant with `Intl` alone. Around a change of offset a
 * wall time can occur twice (clocks go back) or not at all (clocks go
 * forward); both are resolved and reported, never guessed silently.
 */

/** A wall time in a zone, resolved to an instant. */
export interface LocalTimeResolution {
  /** Epoch milliseconds. */
  readonly ms: number;
  /**
   * `unique` for most times; `repeated`: the hour repeated when clocks go back,
   * resolved to the earlier offset (the first occurrence); `skipped`: a time
   * that does not exist (clocks went forward past it), read with the offset in
   * force before the change, so it lands as far after the change as it was
   * after the last real time (what JavaScript's Temporal calls "compatible").
   */
  readonly kind: 'unique' | 'repeated' | 'skipped';
  /** The offset used, in minutes east of UTC (New York in winter: -300). */
  readonly offsetMinutes: number;
}

/** Wall-clock fields, as written. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** `2026-11-01`, `2026-11-01 01:30:00` (cdr_csv's `%Y-%m-%d %T`), `2026-11-01T01:30`. */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The fields of a zone-less date or date-time, or `undefined` when it is not
 * one or names a day or time that no calendar has (30 February, 24:00).
 */
export function parseWallTime(text: string): WallTime | undefined {
  const m = WALL_TIME.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = { year, month, day, hour, minute, second };
  return isRealWallTime(wall) ? wall : undefined;
}

/**
 * The fields of `YYYY-MM-DD HH:MM:SS` exactly, as cdr_csv and mod_cdr_csv
 * write times (`%Y-%m-%d %T`), or `undefined` when it is not one or names a
 * day or time that no calendar has. Read by hand: it runs once per column
 * per row of a CDR of millions of rows.
 */
export function parseCdrTime(text: string): WallTime | undefined {
  if (!isCdrTime(text)) return undefined;
  return {
    year: digitsAt(text, 0, 4),
    month: digitsAt(text, 5, 2),
    day: digitsAt(text, 8, 2),
    hour: digitsAt(text, 11, 2),
    minute: digitsAt(text, 14, 2),
    second: digitsAt(text, 17, 2),
  };
}

/** `text` is a real time written `YYYY-MM-DD HH:MM:SS` ({@link parseCdrTime}), checked without allocating. */
export function isCdrTime(text: string): boolean {
  return text.length === 19 && isRealTimeAt(text, 0x20);
}

/**
 * The first 19 characters of `text` are a real date and time written
 * `YYYY-MM-DD?HH:MM:SS`, `?` being the character code `separator` (a space
 * in CDRs, `T` in ISO 8601); checked without allocating.
 */
export function isRealTimeAt(text: string, separator: number): boolean {
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== separator ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a
  ) {
    return false;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  return (
    (year | month | day | hour | minute | second) >= 0 &&
    isRealTime(year, month, day, hour, minute, second)
  );
}

/** The number written by `count` ASCII digits at `from`, or -1 when one is not a digit. */
export function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    // NaN past the end fails too.
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The fields are a real date and a time of day. */
export function isRealWallTime(w: WallTime): boolean {
  return isRealTime(w.year, w.month, w.day, w.hour, w.minute, w.second);
}

/** {@link isRealWallTime} of the fields one by one. */
export function isRealTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): boolean {
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= (DAYS_IN_MONTH[month - 1] as number) + (month === 2 ? leapDay(year) : 0) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** 1 in a leap year, else 0. */
function leapDay(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 1 : 0;
}

const DAY_MS = 86_400_000;
/** Offsets change on a quarter hour in every zone in use, so one offset per quarter hour is exact. */
const QUARTER_MS = 900_000;

/** Resolves wall times in one zone; offsets are cached per quarter hour (CDRs come roughly in order). */
export interface ZoneResolver {
  /** The IANA zone, as given. */
  readonly zone: string;
  resolve(wall: WallTime): LocalTimeResolution;
}

/**
 * A resolver for `zone`, or `undefined` when `Intl` does not know the zone.
 *
 * @example
 * ```ts
 * createZoneResolver('America/New_York')?.resolve({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 });
 * // { ms: Date.parse('2026-11-01T05:30:00Z'), kind: 'repeated', offsetMinutes: -240 }
 * ```
 */
export function createZoneResolver(zone: string): ZoneResolver | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const cache = new Map<number, number>();
  /** The zone's offset at instant `t`, in ms: wall time read as UTC, minus `t`. */
  const offsetAt = (t: number): number => {
    const quarter = Math.floor(t / QUARTER_MS);
    const known = cache.get(quarter);
    if (known !== undefined) return known;
    const at = quarter * QUARTER_MS;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(at)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year as number,
      (parts.month as number) - 1,
      parts.day as number,
      parts.hour as number,
      parts.minute as number,
      parts.second as number,
    );
    const offset = wall - at;
    if (cache.size >= 4096) cache.clear();
    cache.set(quarter, offset);
    return offset;
  };
  /** Resolutions per wall-clock quarter hour: within one, the kind and offset are the same. */
  const resolved = new Map<
    number,
    { readonly kind: LocalTimeResolution['kind']; readonly offset: number }
  >();
  const resolveQuarter = (asUtc: number): { kind: LocalTimeResolution['kind']; offset: number } => {
    // Offsets change at most once within a day either side, so these two are all there are.
    const before = offsetAt(asUtc - DAY_MS);
    const after = offsetAt(asUtc + DAY_MS);
    const fits = [before, after]
      .filter((offset, i, all) => all.indexOf(offset) === i)
      .filter((offset) => offsetAt(asUtc - offset) === offset)
      .sort((a, b) => b - a);
    const [first] = fits;
    if (first === undefined) return { kind: 'skipped', offset: before };
    return { kind: fits.length > 1 ? 'repeated' : 'unique', offset: first };
  };
  return {
    zone,
    resolve(w) {
      const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
      const quarter = Math.floor(asUtc / QUARTER_MS);
      let known = resolved.get(quarter);
      if (known === undefined) {
        known = resolveQuarter(quarter * QUARTER_MS);
        if (resolved.size >= 4096) resolved.clear();
        resolved.set(quarter, known);
      }
      return { ms: asUtc - known.offset, kind: known.kind, offsetMinutes: known.offset / 60_000 };
    },
  };
}
