/**
 * docs/rules.md#classification's first rule with the forms platforms send (issue 12): URIs,
 * other scripts' digits, line endings. 911 connects in every one of them;
 * what cannot be dialed, is empty or is too long says so.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';

describe('911 in every form a platform sends', () => {
  it.each([
    'sip:+1911@carrier;user=phone',
    'SIP:911@host',
    'sip:911@x',
    'tel:911;phone-context=+1',
    'tel:%2B1911',
    '９１１', // full-width
    '٩١١', // Arabic-Indic
    '९११', // Devanagari
    '911\n',
    '+ 1 911',
  ])('%j is emergency 911', (dialed) => {
    expect(classifyCall(dialed)).toMatchObject({ kind: 'emergency', number: '911' });
  });

  it('a tel: URI of a ten-digit number is that number', () => {
    expect(classifyCall('tel:+1-212-555-1234')).toMatchObject({
      dialed: '+12125551234',
      e164: '+12125551234',
    });
  });
});

describe('a + after a feature code', () => {
  it.each(['#31#+442079460958', '*67+442079460958'])('%j holds +44…', (dialed) => {
    expect(classifyCall(dialed)).toMatchObject({
      number: '+442079460958',
      categories: ['international'],
    });
  });

  it('two in a row are not dialable', () => {
    expect(classifyCall('*67++442079460958')).toMatchObject({ reason: 'not-dialable' });
  });
});

describe('what is not a dial string', () => {
  it.each([
    ['+', 'empty'],
    ['  ', 'empty'],
    ['1-800-FLOWERS', 'not-dialable'],
    ['1'.repeat(33), 'too-long'],
  ])('%j is invalid: %s', (dialed, reason) => {
    expect(classifyCall(dialed)).toMatchObject({ kind: 'invalid', reason });
  });

  it('32 digits is the longest dial string', () => {
    expect(classifyCall('1'.repeat(32)).kind).toBe('external');
  });
});
