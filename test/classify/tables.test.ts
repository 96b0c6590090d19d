import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ECCDATA_PATH,
  expandPattern,
  generateEmergencyTable,
  generateTables,
  readEccdata,
  TABLE_PATHS,
} from '../../scripts/generate-tables.js';
import { EMERGENCY_NUMBERS } from '../../src/classify/emergency-table.js';
import { NANP_AREA_CODES } from '../../src/classify/nanp-table.js';
import { PREMIUM_RATE_PATTERNS } from '../../src/classify/premium-rate-table.js';

describe('the generated tables', () => {
  const generated = generateTables();

  it.each(Object.values(TABLE_PATHS))(
    '%s is what the generator makes from the installed metadata',
    (path) => {
      // Stale? Run `npx tsx scripts/generate-tables.ts` and commit the result.
      expect(readFileSync(path, 'utf8')).toBe(generated[path]);
    },
  );

  it('knows the emergency numbers of about 240 regions', () => {
    expect(Object.keys(EMERGENCY_NUMBERS).length).toBeGreaterThan(230);
    expect(EMERGENCY_NUMBERS.GB).toBe('112 999');
    expect(EMERGENCY_NUMBERS.AU).toContain('000');
  });

  it('holds every AOSP eccdata number of up to six digits (docs/rules.md#the-decision: the union)', () => {
    const eccdata = readEccdata(readFileSync(ECCDATA_PATH, 'utf8'));
    expect(eccdata.size).toBeGreaterThan(200);
    for (const [region, numbers] of eccdata) {
      const own = (EMERGENCY_NUMBERS[region] ?? '').split(' ');
      for (const number of numbers) expect(own, region).toContain(number);
    }
    expect(EMERGENCY_NUMBERS.ES).toMatch(/\b091\b.*\b092\b/);
    expect(EMERGENCY_NUMBERS.RS).toContain('192 193 194');
    expect(EMERGENCY_NUMBERS.SA).toContain('998');
  });

  it('reads eccdata: numbers per iso_code, at most six digits, the generator takes them', () => {
    const text = [
      'countries {',
      '  iso_code: "ZZ"',
      '  eccs {\n    phone_number: "123"\n    types: POLICE\n  }',
      '  eccs {\n    phone_number: "1234567"\n  }',
      '  ecc_fallback: "112"',
      '}',
    ].join('\n');
    expect(readEccdata(text)).toEqual(new Map([['ZZ', new Set(['123'])]]));
    expect(generateEmergencyTable(text)).toContain("  ZZ: '123',");
  });

  it('lists only short digit strings as emergency numbers', () => {
    for (const list of Object.values(EMERGENCY_NUMBERS)) {
      for (const number of list.split(' ')) expect(number).toMatch(/^[0-9]{2,6}$/);
    }
  });

  it('gives every NANP area code to at most one region, and none to the US', () => {
    const seen = new Set<string>();
    for (const [region, list] of Object.entries(NANP_AREA_CODES)) {
      expect(region).not.toBe('US');
      for (const npa of list.split(' ')) {
        expect(npa).toMatch(/^[2-9][0-9]{2}$/);
        expect(seen.has(npa)).toBe(false);
        seen.add(npa);
      }
    }
    expect(NANP_AREA_CODES.JM).toContain('876');
    expect(NANP_AREA_CODES.CA).toContain('416');
  });

  it('holds premium-rate patterns that compile, and none for +1 regions', () => {
    for (const source of Object.values(PREMIUM_RATE_PATTERNS)) {
      expect(() => new RegExp(source)).not.toThrow();
    }
    expect(PREMIUM_RATE_PATTERNS.US).toBeUndefined();
    expect(PREMIUM_RATE_PATTERNS.GB).toBeDefined();
  });
});

describe('expandPattern', () => {
  it.each([
    ['112|911', ['112', '911']],
    ['1(?:12|[578])', ['112', '15', '17', '18']],
    ['9(?:11?|2)', ['91', '911', '92']],
    ['0[1-3]', ['01', '02', '03']],
    ['8[024]9', ['809', '829', '849']],
    ['1\\d{0,1}', ['1', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19']],
    ['', []],
  ])('expands /%s/ into the strings it matches', (pattern, strings) => {
    expect(expandPattern(pattern)).toEqual(strings);
  });

  it('refuses patterns it cannot expand exactly', () => {
    expect(() => expandPattern('1\\d*')).toThrow();
    expect(() => expandPattern('\\d{9}', 100)).toThrow(/more than 100/);
  });
});
