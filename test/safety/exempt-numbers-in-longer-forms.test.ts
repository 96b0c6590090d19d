/**
 * docs/rules.md#the-decision gives exempt numbers the same longer forms as
 * emergency numbers: an exempt number longer than six digits, such as a
 * ten-digit crisis line, is exempt as dialed, after `+1`, as `1` + it, after
 * `011 1` and behind the outside-line prefix. (The `1` and `011 1` forms once
 * prompted their callers.)
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';

const CRISIS_LINE = '8002738255';
const context = { exemptNumbers: [CRISIS_LINE] };

describe('a ten-digit exempt number in every longer form (docs/rules.md#the-decision)', () => {
  it.each([
    '8002738255',
    '1 800 273 8255',
    '1-800-273-8255',
    '+1 800 273 8255',
    '011 1 800 273 8255',
  ])('%s is exempt for a NANP caller', (dialed) => {
    expect(classifyCall(dialed, context)).toMatchObject({ kind: 'emergency', why: 'exempt' });
  });

  it('behind the outside-line prefix too: 9 1 800 273 8255', () => {
    const withPrefix = { ...context, dialPlan: { outsideLinePrefix: '9' } };
    expect(classifyCall('9 1 800 273 8255', withPrefix)).toMatchObject({
      kind: 'emergency',
      why: 'exempt',
    });
  });

  it('another toll-free number in the same forms is still an external call', () => {
    for (const dialed of ['18002738256', '+18002738256', '01118002738256']) {
      expect(classifyCall(dialed, context)).toMatchObject({ kind: 'external' });
    }
  });
});
