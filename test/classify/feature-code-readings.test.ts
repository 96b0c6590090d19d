/**
 * SPEC §3 / issue 12 for `*`/`#` strings that hold numbers: every number in
 * the string is a reading; an emergency reading wins, then the first costly
 * one (its number, E.164 form and country are reported), and the costly
 * categories of the other readings are added, never the others'. A `+` with
 * no digits after it, and the empty string between keys, are no readings.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';

describe('an emergency reading wins over every other reading', () => {
  it('*67 911 * 011 44… is 911, not the international number after it', () => {
    expect(classifyCall('*67911*011442079460958')).toMatchObject({
      kind: 'emergency',
      number: '911',
      why: 'emergency',
    });
  });

  it('*67 555 1234 * 911 is 911', () => {
    expect(classifyCall('*675551234*911')).toMatchObject({ kind: 'emergency', number: '911' });
  });
});

describe('the first reading, unless a later one is costly', () => {
  it('*67 555 1234 is the local number after the code (not 67 555 1234)', () => {
    expect(classifyCall('*67 555 1234')).toEqual({
      kind: 'external',
      dialed: '*675551234',
      number: '5551234',
      categories: ['domestic'],
      country: 'US',
    });
  });

  it('*67 *67 +44… reports the international number, with its E.164 form and country', () => {
    expect(classifyCall('*67*67+442079460958')).toEqual({
      kind: 'external',
      dialed: '*67*67+442079460958',
      number: '+442079460958',
      categories: ['international'],
      e164: '+442079460958',
      country: 'GB',
    });
  });

  it('a local number then an international one: international only (domestic is not carried)', () => {
    expect(classifyCall('*675551234*011442079460958')).toMatchObject({
      number: '011442079460958',
      categories: ['international'],
      e164: '+442079460958',
      country: 'GB',
    });
  });

  it('a local number then 411: directory assistance', () => {
    expect(classifyCall('*675551234*411')).toMatchObject({
      number: '411',
      categories: ['directoryAssistance'],
    });
  });

  it('two costly readings: the first is reported, with the other’s costly category added', () => {
    expect(classifyCall('*67011442079460958*9005551234')).toMatchObject({
      number: '011442079460958',
      categories: ['international', 'premiumToll'],
      e164: '+442079460958',
      country: 'GB',
    });
  });
});

describe('what is no reading', () => {
  it('a + with no digits after it: +*555 1234 is the local number', () => {
    expect(classifyCall('+*5551234')).toMatchObject({
      number: '5551234',
      categories: ['domestic'],
    });
  });
});

describe('short strings that are no number fail closed', () => {
  it.each(['+01234', '+0123'])(
    '%s (no calling code starts with 0) is no service code',
    (dialed) => {
      const result = classifyCall(dialed);
      expect(result).toMatchObject({ kind: 'external', categories: [] });
      expect(result).not.toHaveProperty('country');
    },
  );

  it('00 + six digits is no operator-assisted local number (0 + 0555123)', () => {
    expect(classifyCall('00555123')).toMatchObject({ kind: 'external', categories: [] });
  });
});

describe('the number after each form of feature-code prefix', () => {
  it.each([
    '**21*5551234#', // GSM registration, two digits
    '**002*5551234#', // GSM registration, three digits
    '*#31#5551234', // interrogation
    '##002#5551234', // erasure, three digits
    '*#002#5551234',
    '#31#5551234',
    '*31#5551234',
    '**67 555 1234', // vertical service code as PBXs take it
  ])('%s is the local number 555-1234', (dialed) => {
    expect(classifyCall(dialed)).toMatchObject({
      kind: 'external',
      number: '5551234',
      categories: ['domestic'],
    });
  });
});

describe("the account's own service codes", () => {
  it('*555 is a service code only when the account lists it; else it fails closed', () => {
    expect(classifyCall('*555', { serviceCodes: ['*555'] })).toMatchObject({
      number: '*555',
      categories: ['serviceCode'],
    });
    expect(classifyCall('*555')).toMatchObject({ kind: 'external', categories: [] });
  });
});
