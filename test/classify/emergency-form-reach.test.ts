/**
 * emergencyForm (docs/rules.md#the-decision) is on the path of every dial string the NANP fast
 * path does not answer, so it stays cheap: a string too short or too long
 * to be a form of an emergency or exempt number (longer than the longest
 * one by more than an international prefix and a calling code), and a NANP
 * caller's string that starts with neither `+`, `0` nor `1`, are turned
 * away before the phone metadata is consulted. What it finds is pinned in
 * emergency-forms.test.ts; this pins what it does not look up.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/classify/phone.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/classify/phone.js')>();
  return {
    ...real,
    callingCodeOf: vi.fn(real.callingCodeOf),
    internationalPrefixLength: vi.fn(real.internationalPrefixLength),
  };
});

const { emergencyForm } = await import('../../src/classify/emergency.js');
const { callingCodeOf, internationalPrefixLength } = await import('../../src/classify/phone.js');

/** Whether reading `number` consulted the metadata. */
function looksUp(number: string, country: string, nanp: boolean, exempt: string[] = []): boolean {
  vi.mocked(callingCodeOf).mockClear();
  vi.mocked(internationalPrefixLength).mockClear();
  emergencyForm(number, country, nanp, exempt);
  return (
    vi.mocked(callingCodeOf).mock.calls.length +
      vi.mocked(internationalPrefixLength).mock.calls.length >
    0
  );
}

beforeEach(() => vi.clearAllMocks());

describe('the length bounds', () => {
  it('under three characters: nothing to look up', () => {
    expect(looksUp('00', 'GB', false)).toBe(false);
    expect(looksUp('000', 'GB', false)).toBe(true);
  });

  it('longer than the longest emergency number (6 digits) + 7: nothing to look up', () => {
    const thirteen = `0044${'9'.repeat(9)}`;
    expect(looksUp(thirteen, 'GB', false)).toBe(true);
    expect(looksUp(`${thirteen}9`, 'GB', false)).toBe(false);
  });

  it("the bound grows with the account's longest exempt number", () => {
    const exempt = ['988', '8002738255'];
    const seventeen = `0044${'9'.repeat(13)}`;
    expect(looksUp(seventeen, 'GB', false, exempt)).toBe(true);
    expect(looksUp(`${seventeen}9`, 'GB', false, exempt)).toBe(false);
    expect(emergencyForm('011 1 8002738255'.replaceAll(' ', ''), 'US', true, exempt)).toEqual({
      number: '8002738255',
      why: 'exempt',
    });
  });
});

describe("a NANP caller's string", () => {
  it('starting with a digit other than 0 or 1: turned away at once', () => {
    expect(looksUp('2215551234', 'US', true)).toBe(false);
    expect(looksUp('0215551234', 'US', true)).toBe(true);
  });
});
