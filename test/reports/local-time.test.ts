import { describe, expect, it } from 'vitest';
import { createZoneResolver, parseWallTime } from '../../src/reports/local-time.js';

function resolve(zone: string, text: string) {
  const wall = parseWallTime(text);
  if (wall === undefined) throw new Error(`not a wall time: ${text}`);
  const resolver = createZoneResolver(zone);
  if (resolver === undefined) throw new Error(`unknown zone ${zone}`);
  const r = resolver.resolve(wall);
  return { iso: new Date(r.ms).toISOString(), kind: r.kind, offsetMinutes: r.offsetMinutes };
}

describe('local times in a zone (docs/rules.md#reports-and-post-call-tagging --cdr-timezone)', () => {
  it.each([
    // America/New_York: clocks go back at 02:00 EDT on 2026-11-01, forward at 02:00 EST on 2026-03-08.
    ['America/New_York', '2026-11-01 00:59:59', '2026-11-01T04:59:59.000Z', 'unique', -240],
    ['America/New_York', '2026-11-01 01:00:00', '2026-11-01T05:00:00.000Z', 'repeated', -240],
    ['America/New_York', '2026-11-01 01:59:59', '2026-11-01T05:59:59.000Z', 'repeated', -240],
    ['America/New_York', '2026-11-01 02:00:00', '2026-11-01T07:00:00.000Z', 'unique', -300],
    ['America/New_York', '2026-03-08 01:59:59', '2026-03-08T06:59:59.000Z', 'unique', -300],
    ['America/New_York', '2026-03-08 02:30:00', '2026-03-08T07:30:00.000Z', 'skipped', -300],
    ['America/New_York', '2026-03-08 03:00:00', '2026-03-08T07:00:00.000Z', 'unique', -240],
    // Europe/London: back at 02:00 BST on 2026-10-25, forward at 01:00 GMT on 2026-03-29.
    ['Europe/London', '2026-10-25 01:30:00', '2026-10-25T00:30:00.000Z', 'repeated', 60],
    ['Europe/London', '2026-10-25 02:00:00', '2026-10-25T02:00:00.000Z', 'unique', 0],
    ['Europe/London', '2026-03-29 01:15:00', '2026-03-29T01:15:00.000Z', 'skipped', 0],
    ['Europe/London', '2026-03-29 02:00:00', '2026-03-29T01:00:00.000Z', 'unique', 60],
    ['Europe/London', '2026-07-01 12:00:00', '2026-07-01T11:00:00.000Z', 'unique', 60],
    ['UTC', '2026-11-01 01:30:00', '2026-11-01T01:30:00.000Z', 'unique', 0],
    ['Asia/Kolkata', '2026-11-01 01:30:00', '2026-10-31T20:00:00.000Z', 'unique', 330],
  ] as const)('%s %s is %s (%s)', (zone, text, iso, kind, offsetMinutes) => {
    expect(resolve(zone, text)).toEqual({ iso, kind, offsetMinutes });
  });

  it('knows no zone that Intl does not know', () => {
    expect(createZoneResolver('Mars/Olympus_Mons')).toBeUndefined();
    expect(createZoneResolver('')).toBeUndefined();
  });

  it.each([
    '2026-02-29 00:00:00',
    '2026-02-30 00:00:00',
    '2026-04-31 12:00:00',
    '2026-13-01',
    '2026-01-01 24:00:00',
    '2026-01-01 23:60',
    '2026-1-1',
    '',
  ])('refuses %j as a wall time', (text) => {
    expect(parseWallTime(text)).toBeUndefined();
  });

  it('takes 29 February in a leap year, and a date alone as its midnight', () => {
    expect(parseWallTime('2028-02-29')).toEqual({
      year: 2028,
      month: 2,
      day: 29,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });
});
