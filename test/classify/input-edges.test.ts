/**
 * What reaches classifyCall from plain JavaScript or from a careless dial
 * plan (docs/rules.md#classification, docs/rules.md#invariants "every function is total"): wrong types fall back to the
 * documented defaults field by field, a `+` is only dialable in front, and
 * the emergency tables are read word by word.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { emergencyNumbersOf } from '../../src/classify/emergency.js';
import { hasWord } from '../../src/classify/tables.js';
import type { ClassifyContext } from '../../src/classify/types.js';

describe('dial strings that are not dialable', () => {
  it('a value that is not a string is not dialable, and names no digits', () => {
    expect(classifyCall(911 as unknown as string)).toMatchObject({
      kind: 'invalid',
      dialed: '',
      reason: 'not-dialable',
    });
  });

  it.each(['ABC', 'a123', '12+34', '12 +34', '1+212 555 0100', '+1+212'])(
    '%s is not dialable: letters never, "+" only in front',
    (dialed) => {
      expect(classifyCall(dialed)).toMatchObject({ kind: 'invalid', reason: 'not-dialable' });
    },
  );

  it.each(['+1 212 555 0100', ' +1 212 555 0100', '(+44) 20 7946 0000'])(
    '%s is dialable: "+" in front, after separators only',
    (dialed) => {
      expect(classifyCall(dialed).kind).toBe('external');
    },
  );
});

describe('contexts of the wrong shape fall back to the defaults field by field', () => {
  it('a null context or dial plan is the US default context', () => {
    expect(classifyCall('1 876 555 0100', null as unknown as ClassifyContext)).toMatchObject({
      categories: ['international'],
      country: 'JM',
    });
    expect(
      classifyCall('212 555 0100', { dialPlan: null } as unknown as ClassifyContext),
    ).toMatchObject({ kind: 'external', categories: ['domestic'] });
  });

  it('an empty country is the default, US', () => {
    expect(classifyCall('1 416 555 0100', { country: '' })).toMatchObject({
      categories: ['domestic'],
      country: 'CA',
    });
  });

  it('an exemptNumbers list with a value that is not a string is ignored: 988 and 711 stay exempt', () => {
    const context = { exemptNumbers: ['988', 5] } as unknown as ClassifyContext;
    expect(classifyCall('711', context)).toMatchObject({ kind: 'emergency', why: 'exempt' });
  });

  it('an extensionLengths list with a value that is not a number is ignored: no extensions', () => {
    const context = { dialPlan: { extensionLengths: [3, '4'] } } as unknown as ClassifyContext;
    expect(classifyCall('123', context).kind).toBe('external');
  });

  it('an ownNumbers list with a value that is not a string is ignored: no own numbers', () => {
    const context = {
      dialPlan: { ownNumbers: ['+12125550100', 1] },
    } as unknown as ClassifyContext;
    expect(classifyCall('212 555 0100', context).kind).toBe('external');
  });
});

describe('toll-free area codes (docs/rules.md#classification: 800, 833, 844, 855, 866, 877, 888)', () => {
  it.each(['800', '833', '844', '855', '866', '877', '888'])('%s is toll-free', (npa) => {
    expect(classifyCall(`1 ${npa} 555 0100`).categories).toEqual(['tollFree']);
  });

  it.each(['822', '811', '899', '880', '808', '838'])('%s is not toll-free', (npa) => {
    expect(classifyCall(`1 ${npa} 555 0100`).categories).not.toContain('tollFree');
  });
});

describe('ten digits that cannot be a NANP number', () => {
  it('ten digits starting with 1 are an unknown destination, not an area code', () => {
    expect(classifyCall('123 456 7890').categories).toEqual([]);
  });
});

describe('the emergency tables', () => {
  it('lists a country’s own emergency numbers, and none for an unknown country', () => {
    // Google's 15, 17, 18 and 112, and AOSP's 114, 115, 119, 191, 196, 197, 116xxx (docs/rules.md#the-decision).
    expect(emergencyNumbersOf('FR')).toEqual(
      expect.arrayContaining(['112', '15', '17', '18', '114', '115', '119', '191', '196']),
    );
    expect(emergencyNumbersOf('XX')).toEqual([]);
    expect(emergencyNumbersOf('constructor')).toEqual([]);
  });

  it('a six-digit emergency number of the caller’s country is never prompted', () => {
    expect(classifyCall('320221', { country: 'FM' })).toMatchObject({
      kind: 'emergency',
      why: 'emergency',
    });
  });

  it('matches whole words only, wherever the word occurs', () => {
    expect(hasWord('112 15 17 18', '15')).toBe(true);
    expect(hasWord('112 15 17 18', '18')).toBe(true);
    expect(hasWord('112 15 17 18', '112')).toBe(true);
    expect(hasWord('115 15', '15')).toBe(true);
    expect(hasWord('112 15 17 18', '1')).toBe(false);
    expect(hasWord('112 15 17 18', '12')).toBe(false);
    expect(hasWord('151 175', '15')).toBe(false);
    expect(hasWord('112 15', '')).toBe(false);
  });
});
