import { describe, expect, it } from 'vitest';
import { isSupportedCountry as phoneMetadataKnows } from '../../src/classify/phone.js';
import { isSupportedCountry } from '../../src/config/countries.js';
import { REGION_CODES } from '../../src/config/regions-table.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('the countries a configuration may name', () => {
  it('are exactly the regions of the phone metadata classification uses, for every pair of letters', () => {
    for (const a of LETTERS) {
      for (const b of LETTERS) {
        expect(isSupportedCountry(a + b), a + b).toBe(phoneMetadataKnows(a + b));
      }
    }
  });

  it('are two capital letters each, listed once, in order', () => {
    const regions = REGION_CODES.split(' ');
    expect(regions.length).toBeGreaterThan(240);
    for (const region of regions) expect(region).toMatch(/^[A-Z]{2}$/);
    expect([...new Set(regions)].sort()).toEqual(regions);
  });

  it.each(['', 'us', 'USA', ' US', '001', 'XX', 'constructor', '__proto__'])(
    'exclude %j',
    (value) => {
      expect(isSupportedCountry(value)).toBe(false);
    },
  );
});
