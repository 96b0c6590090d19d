/**
 * What the send key and feature codes leave of a dial string
 * (docs/rules.md#reading-a-dial-string, docs/rules.md#classification): a trailing `#` never hides
 * a number, a vertical service code is followed by the whole of the rules,
 * and strings that feature codes can read more than one way get the
 * readings that section gives.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import type { ClassifyContext } from '../../src/classify/types.js';

const ACCOUNT: ClassifyContext = { dialPlan: { outsideLinePrefix: '9', extensionLengths: [3, 4] } };

describe('a trailing # (the send key) never hides a number', () => {
  it.each([['911#'], ['9 911 #'], ['911##']])('%s is the emergency number 911', (dialed) => {
    expect(classifyCall(dialed, ACCOUNT)).toMatchObject({ kind: 'emergency', number: '911' });
  });

  it('classifies an international number followed by # as international', () => {
    expect(classifyCall('9 011 44 20 7946 0958#', ACCOUNT)).toMatchObject({
      kind: 'external',
      categories: ['international'],
      country: 'GB',
    });
  });

  it('keeps the # in the reported dial string', () => {
    expect(classifyCall('911#', ACCOUNT).dialed).toBe('911#');
  });

  it('leaves a lone # an unrecognised destination: no table knows it (issue 12)', () => {
    expect(classifyCall('#', ACCOUNT)).toMatchObject({
      kind: 'external',
      categories: [],
    });
  });
});

describe('a vertical service code such as *67 is followed by the whole of docs/rules.md#classification', () => {
  it('finds 911 behind *67 and the outside-line prefix', () => {
    expect(classifyCall('*67 9 911', ACCOUNT)).toMatchObject({ kind: 'emergency', number: '911' });
  });

  it.each([
    ['*67 9 011 44 20 7946 0958', 'international'],
    ['*67 9 1 900 555 1234', 'premiumToll'],
    ['*67 1 876 555 0100', 'international'],
  ])('finds %s to be %s', (dialed, category) => {
    expect(classifyCall(dialed, ACCOUNT)).toMatchObject({
      kind: 'external',
      categories: [category],
    });
  });
});

describe('feature codes read more than one way (issue 12)', () => {
  const twoDigitExtensions = { dialPlan: { extensionLengths: [2] } };

  it('**67*67+44… is international, not extension 67 after a GSM registration code', () => {
    expect(classifyCall('**67*67+442079460958', twoDigitExtensions)).toMatchObject({
      categories: ['international'],
    });
  });

  it('**67*67*82 011 44… is GSM registration of extension 67, then keys (the first reading)', () => {
    // docs/rules.md#reading-a-dial-string: the suffix `*82011…` is never the
    // destination; the library reads (and the examples dial) extension 67.
    expect(classifyCall('**67*67*82011442079460958', twoDigitExtensions)).toMatchObject({
      kind: 'internal',
      number: '67',
    });
    expect(classifyCall('**67*67*82011442079460958')).toMatchObject({
      kind: 'external',
      number: '67',
      categories: [],
    });
  });

  it('*67+247911 from Ascension is 911 behind the caller-ID code', () => {
    expect(classifyCall('*67+247911', { country: 'AC' })).toMatchObject({
      kind: 'emergency',
      number: '911',
    });
  });

  it('reads a long run of feature codes in linear time (each position once)', () => {
    expect(classifyCall('**11*'.repeat(6)).kind).toBe('external');
  });
});
