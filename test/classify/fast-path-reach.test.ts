/**
 * The NANP fast path of classifyCall (issue 14) answers the commonest calls
 * without the general rules, and hands every call an account's own rule
 * could touch to them. What it answers is pinned elsewhere (the property in
 * nanp-fast-path.prop.test.ts: the same answer as the general rules); this
 * pins its reach, which only the work done shows: a call the fast path
 * answers never reaches the emergency check that opens the general rules,
 * and a plain string is not normalised a second time.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/classify/emergency.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/classify/emergency.js')>();
  return { ...real, emergencyOrExempt: vi.fn(real.emergencyOrExempt) };
});
vi.mock('../../src/classify/normalise.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/classify/normalise.js')>();
  return { ...real, normaliseDialString: vi.fn(real.normaliseDialString) };
});

const { classifyCall } = await import('../../src/classify/classify.js');
const { emergencyOrExempt } = await import('../../src/classify/emergency.js');
const { normaliseDialString } = await import('../../src/classify/normalise.js');
type Context = Parameters<typeof classifyCall>[1];

/** Which way `dialed` went: `fast` when the general rules never ran. */
function route(dialed: string, context: Context = { country: 'US' }): 'fast' | 'general' {
  vi.mocked(emergencyOrExempt).mockClear();
  const call = classifyCall(dialed, context);
  expect(call.kind).not.toBe('invalid');
  return vi.mocked(emergencyOrExempt).mock.calls.length === 0 ? 'fast' : 'general';
}

beforeEach(() => {
  vi.mocked(normaliseDialString).mockClear();
});

describe('the calls the fast path answers', () => {
  it.each([
    '2125551234',
    '12125551234',
    '+12125551234',
    '212-555-1234',
    '1 (212) 555-1234',
    '+1 212.555.1234',
  ])('%s: answered, and never normalised', (dialed) => {
    expect(route(dialed)).toBe('fast');
    expect(normaliseDialString).not.toHaveBeenCalled();
  });

  it.each([
    ['２１２５５５１２３４', 'bare'],
    ['１２１２５５５１２３４', 'after 1'],
    ['＋１２１２５５５１２３４', 'after +1'],
    ['tel:+1-212-555-1234', 'a tel: URI'],
  ])('%s (%s, normalised first): answered', (dialed) => {
    expect(route(dialed)).toBe('fast');
    expect(normaliseDialString).toHaveBeenCalledTimes(1);
  });

  it('with an outside-line prefix: a ten-digit number starting with it, and 1 + or +1 + a number', () => {
    const plan = { country: 'US', dialPlan: { outsideLinePrefix: '9' } };
    expect(route('9125551234', plan)).toBe('fast');
    expect(route('19125551234', plan)).toBe('fast');
    expect(route('+19125551234', plan)).toBe('fast');
    expect(route('12125551234', plan)).toBe('fast');
  });

  it("with an empty prefix, extensions, own numbers and exempt numbers that are not this one's", () => {
    const context = {
      country: 'US',
      dialPlan: { outsideLinePrefix: '', extensionLengths: [4, 5], ownNumbers: ['+13125550000'] },
      exemptNumbers: ['988', '711', '8002738255'],
    };
    for (const dialed of ['2125551234', '12125551234', '+12125551234', '12125550988']) {
      expect(route(dialed, context)).toBe('fast');
    }
  });

  it('a number ending in a short exempt number is still answered (only ten-digit ones are forms)', () => {
    expect(route('12125550988')).toBe('fast');
    expect(route('+12125550711')).toBe('fast');
  });
});

describe('the calls it hands to the general rules', () => {
  it('the exempt number itself, and 1 + or +1 + it', () => {
    const context = { country: 'US', exemptNumbers: ['2125551234'] };
    for (const dialed of ['2125551234', '12125551234', '+12125551234', '1 212 555 1234']) {
      expect(route(dialed, context)).toBe('general');
    }
  });

  it('an extension of its length', () => {
    const ten = { country: 'US', dialPlan: { extensionLengths: [10] } };
    expect(route('2125551234', ten)).toBe('general');
    expect(route('12125551234', ten)).toBe('fast');
    const eleven = { country: 'US', dialPlan: { extensionLengths: [11] } };
    expect(route('12125551234', eleven)).toBe('general');
  });

  it('one of the account numbers, in each form', () => {
    const context = { country: 'US', dialPlan: { ownNumbers: ['+12125551234'] } };
    for (const dialed of ['2125551234', '12125551234', '+12125551234']) {
      expect(route(dialed, context)).toBe('general');
    }
  });

  it('an outside-line prefix in front of the number', () => {
    const context = { country: 'US', dialPlan: { outsideLinePrefix: '1' } };
    expect(route('12125551234', context)).toBe('general');
    expect(route('2125551234', context)).toBe('fast');
  });

  it('a caller outside the NANP', () => {
    expect(route('2125551234', { country: 'GB' })).toBe('general');
  });
});
