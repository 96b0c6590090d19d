/**
 * docs/rules.md#classification for NANP numbers, area code by area code and exchange by exchange:
 * toll-free is 800 and 833–888 with a repeated digit, 900 is premium, a 976
 * exchange is premium only in a geographic area code, 555-1212 is directory
 * assistance, and the area code decides the country. Each number is checked
 * as dialed (the fast path), after `0` (operator-assisted, the general
 * path) and for a caller in Jamaica (for whom the US is not domestic).
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import type { CallCategory } from '../../src/classify/types.js';

type Row = [number: string, categories: CallCategory[], country: string | undefined];

const US: Row[] = [
  ['8005551234', ['tollFree'], 'US'],
  ['8335551234', ['tollFree'], 'US'],
  ['8445551234', ['tollFree'], 'US'],
  ['8555551234', ['tollFree'], 'US'],
  ['8665551234', ['tollFree'], 'US'],
  ['8775551234', ['tollFree'], 'US'],
  ['8885551234', ['tollFree'], 'US'],
  // 8 then a repeated digit below 3 or above 8, or no repeat: not toll-free.
  ['8115551234', ['domestic'], 'US'],
  ['8225551234', ['domestic'], 'US'],
  ['8995551234', ['domestic'], 'US'],
  ['8895551234', ['domestic'], 'US'],
  ['8105551234', ['domestic'], 'US'],
  ['8015551234', ['domestic'], 'US'],
  ['7995551234', ['domestic'], 'US'],
  ['9005551234', ['premiumToll'], 'US'],
  ['9015551234', ['domestic'], 'US'],
  ['8009761234', ['tollFree'], 'US'],
  ['2129761234', ['premiumToll', 'domestic'], 'US'],
  ['2129751234', ['domestic'], 'US'],
  ['2129771234', ['domestic'], 'US'],
  ['2122761234', ['domestic'], 'US'],
  ['2125551212', ['directoryAssistance', 'domestic'], 'US'],
  ['2125551213', ['domestic'], 'US'],
  ['2125551202', ['domestic'], 'US'],
  ['2125550212', ['domestic'], 'US'],
  ['2125541212', ['domestic'], 'US'],
  ['2125561212', ['domestic'], 'US'],
  ['4165551234', ['domestic'], 'CA'],
  ['6845551234', ['domestic'], 'AS'],
  ['8765551234', ['international'], 'JM'],
  // Non-geographic codes: no country, no category (fails closed).
  ['5005551234', [], undefined],
  ['8805551234', [], undefined],
];

function withCountry(categories: CallCategory[], country: string | undefined) {
  return country === undefined ? { categories } : { categories, country };
}

describe('a US caller', () => {
  it.each(US)('%s: %j, %s', (number, categories, country) => {
    const result = classifyCall(number);
    expect(result).toMatchObject({ kind: 'external', e164: `+1${number}` });
    expect(result).toMatchObject(withCountry(categories, country));
    if (country === undefined) expect(result).not.toHaveProperty('country');
  });

  it.each(US)('0 + %s is operator-assisted: directory assistance too', (number, categories) => {
    const result = classifyCall(`0${number}`);
    const expected = new Set<CallCategory>([...categories, 'directoryAssistance']);
    expect(new Set(result.categories)).toEqual(expected);
    expect(result).toMatchObject({ kind: 'external', e164: `+1${number}` });
  });
});

describe('a caller in Jamaica, for whom only Jamaica is domestic', () => {
  it.each(US)('%s', (number, categories) => {
    const swap = (c: CallCategory): CallCategory =>
      c === 'domestic' ? 'international' : c === 'international' ? 'domestic' : c;
    const expected = new Set(categories.map(swap));
    expect(new Set(classifyCall(number, { country: 'JM' }).categories)).toEqual(expected);
  });
});

describe('seven-digit local numbers', () => {
  it.each([
    ['5551212', ['directoryAssistance', 'domestic']],
    ['5551213', ['domestic']],
    ['9761234', ['premiumToll', 'domestic']],
    ['9751234', ['domestic']],
    ['2761234', ['domestic']],
  ])('%s: %j, in the caller’s country', (number, categories) => {
    expect(classifyCall(number)).toMatchObject({ categories, country: 'US' });
    expect(classifyCall(number, { country: 'CA' })).toMatchObject({ categories, country: 'CA' });
  });
});

describe('a US caller however the country is written', () => {
  it.each(['us', 'Us'])('%s is a NANP caller', (country) => {
    expect(classifyCall('212-555-1234', { country })).toMatchObject({
      categories: ['domestic'],
      country: 'US',
    });
    expect(classifyCall('411', { country })).toMatchObject({ categories: ['directoryAssistance'] });
    expect(classifyCall('1 911', { country }).kind).toBe('emergency');
  });
});
