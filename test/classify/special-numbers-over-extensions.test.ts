/**
 * docs/rules.md#classification: "Special numbers win over extensions of the same digits." An
 * account with three- or four-digit extensions must still reach its N11
 * service codes, while three digits that are not an N11 code stay extensions.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';

const THREE = { dialPlan: { extensionLengths: [3] } };
const FOUR = { dialPlan: { extensionLengths: [4] } };

describe('N11 codes on an account with extensions of the same length', () => {
  it.each(['211', '311', '511', '611', '811'])(
    '%s is a service code, not the extension of the same digits',
    (dialed) => {
      expect(classifyCall(dialed, THREE)).toMatchObject({
        kind: 'external',
        categories: ['serviceCode'],
      });
    },
  );

  it.each(['1211', '1311', '1511', '1611', '1811'])(
    '%s (1 + N11) is a service code, not a four-digit extension',
    (dialed) => {
      expect(classifyCall(dialed, FOUR)).toMatchObject({
        kind: 'external',
        categories: ['serviceCode'],
      });
    },
  );

  it('1 411 is directory assistance, not a four-digit extension', () => {
    expect(classifyCall('1411', FOUR)).toMatchObject({
      kind: 'external',
      categories: ['directoryAssistance'],
    });
  });

  it.each(['011', '111', '121', '212', '401', '410', '412'])(
    '%s is not an N11 code, so it is the extension of the same digits',
    (dialed) => {
      expect(classifyCall(dialed, THREE)).toMatchObject({ kind: 'internal', via: 'extension' });
    },
  );

  it.each(['1111', '1011', '2411', '1412', '1421'])(
    '%s is not 1 + N11, so it is the four-digit extension',
    (dialed) => {
      expect(classifyCall(dialed, FOUR)).toMatchObject({ kind: 'internal', via: 'extension' });
    },
  );
});
