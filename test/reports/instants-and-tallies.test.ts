/**
 * The instants CDRs and requests carry (docs/rules.md#reports-and-post-call-tagging) and the wall times of
 * Asterisk's zone-less columns, at their boundaries; and the warning tally's
 * limit of distinct values, kept per warning code.
 */
import { describe, expect, it } from 'vitest';
import { epochMs, INSTANT_ALLOWED, isoOf } from '../../src/reports/instant.js';
import { isRealWallTime, parseWallTime } from '../../src/reports/local-time.js';
import { createWarningTally } from '../../src/reports/warnings.js';

describe('epochMs: ISO 8601 with a zone, or epoch milliseconds', () => {
  it.each([
    ['2026-11-02T14:05:10Z', Date.UTC(2026, 10, 2, 14, 5, 10)],
    ['2026-11-02T14:05Z', Date.UTC(2026, 10, 2, 14, 5)],
    ['2026-11-02T14:05:10.5Z', Date.UTC(2026, 10, 2, 14, 5, 10, 500)],
    ['2026-11-02T14:05:10.123456789Z', Date.UTC(2026, 10, 2, 14, 5, 10, 123)],
    ['2026-11-02T09:05:10-05:00', Date.UTC(2026, 10, 2, 14, 5, 10)],
    ['2026-11-02T19:35:10+05:30', Date.UTC(2026, 10, 2, 14, 5, 10)],
    ['2026-11-02T14:05+23:59', Date.UTC(2026, 10, 1, 14, 6)],
    ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
    ['2026-12-31T23:59:59Z', Date.UTC(2026, 11, 31, 23, 59, 59)],
  ])('reads %s', (text, ms) => {
    expect(epochMs(text)).toBe(ms);
  });

  it.each([
    ['no zone', '2026-11-02T14:05:10'],
    ['a space for the T', '2026-11-02 14:05:10Z'],
    ['a lower-case z', '2026-11-02T14:05:10z'],
    ['an offset without its colon', '2026-11-02T14:05:10+0530'],
    ['ten digits of fraction', '2026-11-02T14:05:10.1234567890Z'],
    ['a leading space', ' 2026-11-02T14:05:10Z'],
    ['a trailing line break', '2026-11-02T14:05:10Z\n'],
    ['a date alone', '2026-11-02'],
    ['30 February', '2026-02-30T00:00:00Z'],
    ['29 February of a common year', '2026-02-29T00:00:00Z'],
    ['31 April', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['month 0', '2026-00-10T00:00:00Z'],
    ['day 0', '2026-11-00T00:00:00Z'],
    ['hour 24', '2026-11-02T24:00:00Z'],
    ['minute 60', '2026-11-02T14:60:00Z'],
    ['second 60', '2026-11-02T14:05:60Z'],
    ['an offset of 24 hours', '2026-11-02T14:05:10+24:00'],
    ['an offset of 60 minutes', '2026-11-02T14:05:10+05:60'],
  ])('refuses %s', (_, text) => {
    expect(epochMs(text)).toBeUndefined();
  });

  it('takes epoch milliseconds within ±8.64e15 (the range of a Date), and nothing else', () => {
    expect(epochMs(0)).toBe(0);
    expect(epochMs(8.64e15)).toBe(8.64e15);
    expect(epochMs(-8.64e15)).toBe(-8.64e15);
    expect(epochMs(8.64e15 + 1)).toBeUndefined();
    expect(epochMs(-8.64e15 - 1)).toBeUndefined();
    expect(epochMs(Number.NaN)).toBeUndefined();
    expect(epochMs(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(epochMs(null)).toBeUndefined();
    expect(epochMs(new Date(0))).toBeUndefined();
    expect(epochMs({ toString: () => '2026-11-02T14:05:10Z' })).toBeUndefined();
    expect(epochMs(['2026-11-02T14:05:10Z'])).toBeUndefined();
  });

  it('says instants in UTC ISO form, and what an instant field allows', () => {
    expect(isoOf(Date.UTC(2026, 10, 2, 14, 5, 10, 7))).toBe('2026-11-02T14:05:10.007Z');
    expect(INSTANT_ALLOWED).toBe(
      'an ISO 8601 instant with a zone, such as "2026-11-02T14:05:10Z" or "2026-11-02T09:05:10-05:00"',
    );
  });
});

describe('wall times', () => {
  const at = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({
    year,
    month,
    day,
    hour,
    minute,
    second,
  });

  it('knows the leap years: every fourth, but not centuries unless the 400th', () => {
    expect(isRealWallTime(at(2024, 2, 29))).toBe(true);
    expect(isRealWallTime(at(2000, 2, 29))).toBe(true);
    expect(isRealWallTime(at(1900, 2, 29))).toBe(false);
    expect(isRealWallTime(at(2100, 2, 29))).toBe(false);
    expect(isRealWallTime(at(2023, 2, 29))).toBe(false);
    expect(isRealWallTime(at(2024, 2, 30))).toBe(false);
  });

  it('takes the last day of every month and refuses the day after', () => {
    const last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    for (const [i, day] of last.entries()) {
      expect(isRealWallTime(at(2026, i + 1, day))).toBe(true);
      expect(isRealWallTime(at(2026, i + 1, day + 1))).toBe(false);
    }
  });

  it('adds the leap day to February only', () => {
    const last = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    for (const [i, day] of last.entries()) {
      expect(isRealWallTime(at(2028, i + 1, day))).toBe(true);
      expect(isRealWallTime(at(2028, i + 1, day + 1))).toBe(false);
    }
  });

  it('takes 23:59:59 and refuses 24, 60 and 60, and months outside 1 to 12', () => {
    expect(isRealWallTime(at(2026, 1, 1, 23, 59, 59))).toBe(true);
    expect(isRealWallTime(at(2026, 1, 1, 24))).toBe(false);
    expect(isRealWallTime(at(2026, 1, 1, 0, 60))).toBe(false);
    expect(isRealWallTime(at(2026, 1, 1, 0, 0, 60))).toBe(false);
    expect(isRealWallTime(at(2026, 0, 1))).toBe(false);
    expect(isRealWallTime(at(2026, 13, 1))).toBe(false);
    expect(isRealWallTime(at(2026, 12, 0))).toBe(false);
  });

  it('reads the forms cdr_csv and a person write, and nothing around them', () => {
    expect(parseWallTime('2026-11-01 01:30:07')).toEqual(at(2026, 11, 1, 1, 30, 7));
    expect(parseWallTime('2026-11-01T01:30')).toEqual(at(2026, 11, 1, 1, 30, 0));
    expect(parseWallTime(' 2026-11-01')).toBeUndefined();
    expect(parseWallTime('2026-11-01 01:30:07Z')).toBeUndefined();
    expect(parseWallTime('2026-11-01 01')).toBeUndefined();
  });
});

describe('the warning tally', () => {
  it('keeps 20 distinct values per code, each code counting its own', () => {
    const tally = createWarningTally();
    for (let i = 0; i < 20; i++) tally.note('not-a-code', `"v${i}"`, 'a code', i + 1);
    tally.note('repeated-local-time', '2026-11-01 01:xx UTC', 'UTC+00:00', 30);
    tally.note('not-a-code', '"v20"', 'a code', 31);
    const list = tally.list();
    expect(list).toHaveLength(22);
    expect(list[20]).toEqual({
      code: 'repeated-local-time',
      calls: 1,
      firstLine: 30,
      message:
        'local time 2026-11-01 01:xx UTC occurs twice (clocks go back): 1 call read with the earlier offset, UTC+00:00 (first on line 30)',
    });
    expect(list[21]).toEqual({
      code: 'not-a-code',
      calls: 1,
      firstLine: 31,
      message:
        'accountcode other values is not a code: 1 call counted as untagged (first on line 31)',
    });
  });

  it('tallies the other values of each code apart', () => {
    const tally = createWarningTally();
    for (let i = 0; i < 21; i++) tally.note('not-a-code', `"v${i}"`, 'a code', 1);
    for (let i = 0; i < 22; i++) tally.note('repeated-local-time', `t${i}`, 'UTC-04:00', 2);
    const others = tally.list().filter((w) => w.message.includes('other values'));
    expect(others.map((w) => [w.code, w.calls])).toEqual([
      ['not-a-code', 1],
      ['repeated-local-time', 2],
    ]);
  });

  it('keeps counting a value already kept after the limit is reached', () => {
    const tally = createWarningTally();
    for (let i = 0; i < 21; i++) tally.note('skipped-local-time', `t${i}`, 'UTC-05:00', null);
    tally.note('skipped-local-time', 't0', 'UTC-05:00', null);
    tally.note('skipped-local-time', 't99', 'UTC-05:00', null);
    const list = tally.list();
    expect(list.map((w) => w.calls)).toEqual([2, ...Array(19).fill(1), 2]);
    expect(list[0]?.message).toBe(
      'local time t0 does not exist (clocks go forward): 2 calls read with the offset before the change, UTC-05:00; is --cdr-timezone right?',
    );
    expect(list[20]?.message).toBe(
      'local time other values does not exist (clocks go forward): 2 calls read with the offset before the change, UTC-05:00; is --cdr-timezone right?',
    );
  });
});
