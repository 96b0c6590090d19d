/**
 * The NANP fast path of classifyCall (issue 14) answers only where no rule of
 * the account can apply (docs/rules.md#classification and docs/rules.md#the-decision); everywhere else the whole of docs/rules.md#classification
 * decides. These pin the cases where answering from the fast path would be
 * wrong: a `+1` form of an exempt number, a complete ten-digit number that is
 * one of the account's own (with the outside-line prefix as its first digit),
 * and strings shaped almost like a NANP number (eleven digits not starting 1,
 * `+` + ten digits, `+2` + eleven digits, a `*` among ten characters).
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';

describe('a +1 form of a ten-digit exempt number is that exempt number (docs/rules.md#the-decision)', () => {
  const context = { exemptNumbers: ['2125551234'] };

  it.each(['+12125551234', '+1 212 555 1234', 'tel:+12125551234'])('%s is exempt', (dialed) => {
    expect(classifyCall(dialed, context)).toMatchObject({
      kind: 'emergency',
      why: 'exempt',
      number: '2125551234',
    });
  });

  it('the exempt number as dialed is exempt too', () => {
    expect(classifyCall('212-555-1234', context)).toMatchObject({
      kind: 'emergency',
      why: 'exempt',
    });
  });

  it('another +1 number on the same account is an ordinary call', () => {
    expect(classifyCall('+12125551235', context)).toMatchObject({
      kind: 'external',
      categories: ['domestic'],
      e164: '+12125551235',
    });
  });
});

describe('a complete ten-digit number keeps its first digit when it is the outside-line prefix', () => {
  // 901-234-5678 is Memphis; stripped of the prefix 9 it would read 01 + 234…
  // (operator-assisted international to Nigeria).
  it('an own number starting with the prefix is the own number', () => {
    const context = { dialPlan: { outsideLinePrefix: '9', ownNumbers: ['+19012345678'] } };
    expect(classifyCall('9012345678', context)).toMatchObject({
      kind: 'internal',
      via: 'own-number',
      e164: '+19012345678',
    });
  });

  it('ten digits starting with the prefix are a ten-digit extension', () => {
    const context = { dialPlan: { outsideLinePrefix: '9', extensionLengths: [10] } };
    expect(classifyCall('9012345678', context)).toMatchObject({
      kind: 'internal',
      via: 'extension',
      number: '9012345678',
    });
  });

  it('without either rule it is the Memphis number', () => {
    expect(classifyCall('9012345678', { dialPlan: { outsideLinePrefix: '9' } })).toMatchObject({
      kind: 'external',
      categories: ['domestic'],
      e164: '+19012345678',
    });
  });
});

describe('strings shaped almost like a NANP number are not read as one', () => {
  it('+2 and eleven digits is a number in +221 (Senegal), not 212-555-1234', () => {
    expect(classifyCall('+22125551234')).toMatchObject({
      kind: 'external',
      categories: ['international'],
      e164: '+22125551234',
      country: 'SN',
    });
  });

  it('+ and ten digits is international (+212 is Morocco), not 212-555-1234', () => {
    expect(classifyCall('+2125551234')).toMatchObject({
      kind: 'external',
      categories: ['international'],
      e164: '+2125551234',
      country: 'MA',
    });
  });

  it('eleven digits not starting with 1 are an unrecognised destination (fails closed)', () => {
    const result = classifyCall('22125551234');
    expect(result).toMatchObject({ kind: 'external', categories: [] });
    expect(result).not.toHaveProperty('e164');
  });

  it('ten characters with a * among them are the number 2 and a suffix, not a NANP number', () => {
    const result = classifyCall('2*12555123');
    expect(result).toMatchObject({ kind: 'external', number: '2', categories: ['serviceCode'] });
    expect(result).not.toHaveProperty('e164');
  });

  it('a leading pause is a wait for dial tone: ,1 212 555 1234 is the NANP number', () => {
    expect(classifyCall(',12125551234')).toMatchObject({
      number: '12125551234',
      categories: ['domestic'],
    });
  });
});

describe('a ten-digit number in a non-geographic area code has no country', () => {
  it('0 + 500-555-1234 is operator-assisted, with its E.164 form and no country', () => {
    const result = classifyCall('0 500 555 1234');
    expect(result).toMatchObject({
      kind: 'external',
      categories: ['directoryAssistance'],
      e164: '+15005551234',
    });
    expect(result).not.toHaveProperty('country');
  });

  it('9 + 1-500-555-1234 after the outside-line prefix is unrecognised, with its E.164 form', () => {
    const result = classifyCall('9 1 500 555 1234', { dialPlan: { outsideLinePrefix: '9' } });
    expect(result).toMatchObject({
      kind: 'external',
      number: '15005551234',
      categories: [],
      e164: '+15005551234',
    });
    expect(result).not.toHaveProperty('country');
  });
});

describe('a trailing # is a send key only after a number, never in a */# string', () => {
  it('#31# is the GSM caller-ID code (a service code), not #31 + send', () => {
    expect(classifyCall('#31#')).toMatchObject({ kind: 'external', categories: ['serviceCode'] });
  });

  it('*67# is not the known code *67: it is unrecognised and fails closed', () => {
    expect(classifyCall('*67')).toMatchObject({ categories: ['serviceCode'] });
    expect(classifyCall('*67#')).toMatchObject({ kind: 'external', categories: [] });
  });

  it('911# is 911', () => {
    expect(classifyCall('911#')).toMatchObject({ kind: 'emergency', number: '911' });
  });
});
