/**
 * `*`/`#` strings that hold numbers (docs/rules.md#reading-a-dial-string):
 * each way of reading feature codes off the front is a reading; an emergency
 * reading wins, else the first reading decides, and whatever follows its
 * number after a `*`, `#` or pause is a suffix that never adds or removes a
 * category. A `+` with no digits after it is no number.
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

  it('**67*911 is 911 (GSM registration form), whichever way the codes read', () => {
    expect(classifyCall('**67*911')).toMatchObject({ kind: 'emergency', number: '911' });
  });
});

describe('the first reading decides; what follows the number is a suffix (docs/rules.md#reading-a-dial-string)', () => {
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

  it.each([
    ['*675551234*911', '5551234', ['domestic']],
    ['*675551234*011442079460958', '5551234', ['domestic']],
    ['*675551234*411', '5551234', ['domestic']],
    ['*67011442079460958*9005551234', '011442079460958', ['international']],
  ])(
    '%s is the number after the code; the keys after it add nothing',
    (dialed, number, categories) => {
      expect(classifyCall(dialed)).toMatchObject({ kind: 'external', number, categories });
    },
  );
});

describe('what is no reading', () => {
  it('a + with no digits after it: +*555 1234 has no number, which fails closed', () => {
    expect(classifyCall('+*5551234')).toMatchObject({ kind: 'external', categories: [] });
  });

  it('*23#0: an unknown code, then the keys #0, is no operator call', () => {
    expect(classifyCall('*23#0')).toMatchObject({ kind: 'external', categories: [] });
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
    '*#31#5551234', // interrogation
    '##002#5551234', // erasure, three digits
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

describe('a number that ends before a suffix is no number when something else follows it', () => {
  it('**67*67+44… is not extension 67: 67+44 is no number, so the codes read on', () => {
    expect(
      classifyCall('**67*67+442079460958', { dialPlan: { extensionLengths: [2] } }),
    ).toMatchObject({
      categories: ['international'],
    });
  });

  it('**002*555 1234#: **00 then 2, then keys: unrecognised, which fails closed', () => {
    expect(classifyCall('**002*5551234#')).toMatchObject({ kind: 'external', categories: [] });
  });
});
