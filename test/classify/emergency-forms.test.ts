/**
 * docs/rules.md#the-decision / issue 12: an emergency or exempt number connects in each of its
 * longer forms — the caller's own country code after `+`, after 00, 011 or
 * the country's own international prefix (2–4 digits), and for NANP callers
 * `1` + the number — and only there: another country's code, an unknown
 * prefix or extra digits make it another number.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import type { ClassifyContext } from '../../src/classify/types.js';

const AU = { country: 'AU' };
const GB = { country: 'GB' };
const RU = { country: 'RU' };
const FR = { country: 'FR' };
const JM = { country: 'JM' };

describe('emergency in every form', () => {
  it.each([
    ['0011 61 000', AU, '000'],
    ['00 61 000', AU, '000'],
    ['011 61 000', AU, '000'],
    ['+61 000', AU, '000'],
    ['0011 61 112', AU, '112'],
    ['810 7 112', RU, '112'],
    ['00 7 112', RU, '112'],
    ['8 10 7 103', RU, '103'],
    ['00 44 999', GB, '999'],
    ['011 44 999', GB, '999'],
    ['+44 999', GB, '999'],
    ['+33 15', FR, '15'],
    ['00 33 116117', FR, '116117'],
    ['+33 116000', FR, '116000'],
    ['011 1 911', {}, '911'],
    ['00 1 911', {}, '911'],
    ['+1 911', {}, '911'],
    ['1 911', {}, '911'],
    ['1 933', {}, '933'],
    ['+1 112', {}, '112'],
    ['1 119', JM, '119'],
    // Brazil's carrier prefix 0055 is an international prefix too: the code after it counts.
    ['0055 55 190', { country: 'BR' }, '190'],
    ['00 55 190', { country: 'BR' }, '190'],
    ['+1 119', JM, '119'],
  ] as [string, ClassifyContext, string][])('%s %j is emergency %s', (dialed, context, number) => {
    expect(classifyCall(dialed, context)).toMatchObject({
      kind: 'emergency',
      why: 'emergency',
      number,
    });
  });
});

describe('exempt numbers in their forms', () => {
  it.each([
    ['1 988', {}, '988'],
    ['+1 988', {}, '988'],
    ['011 1 988', {}, '988'],
    ['+1 98', { exemptNumbers: ['98'] }, '98'],
    ['1 98', { exemptNumbers: ['98'] }, '98'],
    ['1 234567', { exemptNumbers: ['234567'] }, '234567'],
    // Thirteen characters, the longest form there is.
    ['011 1 234 567 890', { exemptNumbers: ['234567890'] }, '234567890'],
    ['011 44 99', { country: 'GB', exemptNumbers: ['99'] }, '99'],
    ['+1 234 567', { exemptNumbers: ['234567'] }, '234567'],
    ['011 1 234 567', { exemptNumbers: ['234567'] }, '234567'],
    ['+1 234 5678', { exemptNumbers: ['2345678'] }, '2345678'],
  ] as [string, ClassifyContext, string][])('%s %j is exempt %s', (dialed, context, number) => {
    expect(classifyCall(dialed, context)).toMatchObject({
      kind: 'emergency',
      why: 'exempt',
      number,
    });
  });

  it('+1 711 is exempt only while 711 is', () => {
    expect(classifyCall('+1 711')).toMatchObject({ kind: 'emergency', why: 'exempt' });
    expect(classifyCall('+1 711', { exemptNumbers: [] }).kind).toBe('external');
  });
});

describe('not a form of an emergency number', () => {
  it.each([
    ['0044 999', FR, "another country's code"],
    ['+44 112', { country: 'DE' }, "another country's code"],
    ['+1 911', GB, "another country's code"],
    ['1 999', GB, '1 + is a NANP form only'],
    ['1 112', GB, '1 + is a NANP form only'],
    ['00 49 999', GB, "another country's code after 00"],
    ['001 44 999', GB, 'a prefix that is not the country’s'],
    ['0011 44 999', GB, 'a prefix that is not the country’s'],
    ['012 44 999', GB, 'a prefix that is not the country’s'],
    ['0011 7 112', RU, 'a prefix that is not the country’s'],
    ['00 44 999 1', GB, 'extra digits'],
    ['+44 9999', GB, 'extra digits'],
    ['1 9111', {}, 'extra digits'],
    ['+1 9111', {}, 'extra digits'],
    ['011 1 9111', {}, 'extra digits'],
    ['+61 000 000', AU, 'extra digits'],
  ] as [string, ClassifyContext, string][])('%s %j (%s)', (dialed, context) => {
    expect(classifyCall(dialed, context).kind).not.toBe('emergency');
  });
});
