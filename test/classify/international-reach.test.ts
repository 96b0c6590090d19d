/**
 * How far an international or non-NANP number has to go to be read (issue
 * 14): a calling code with one region needs no parse, a region with a plain
 * national prefix needs none for its national numbers, and the precompiled
 * parse (src/classify/phone-parse.ts) answers before libphonenumber-js's own wherever
 * it can. What they answer is pinned elsewhere (phone-metadata.test.ts and
 * phone-parse.prop.test.ts: the same as the library); this pins the reach,
 * which only the work done shows.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/classify/phone.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/classify/phone.js')>();
  return { ...real, parsePhoneNumberFromString: vi.fn(real.parsePhoneNumberFromString) };
});
vi.mock('../../src/classify/phone-parse.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/classify/phone-parse.js')>();
  return {
    ...real,
    parseInternational: vi.fn(real.parseInternational),
    parseNational: vi.fn(real.parseNational),
  };
});

const { classifyCall } = await import('../../src/classify/classify.js');
const { parsePhoneNumberFromString } = await import('../../src/classify/phone.js');
const { parseInternational, parseNational } = await import('../../src/classify/phone-parse.js');

/** The parses classifying `dialed` took, and the destination it found. */
function parses(dialed: string, country: string) {
  for (const spy of [parsePhoneNumberFromString, parseInternational, parseNational]) {
    vi.mocked(spy).mockClear();
  }
  const call = classifyCall(dialed, { country });
  return {
    call: call.kind === 'external' ? { e164: call.e164, country: call.country } : call.kind,
    precompiled:
      vi.mocked(parseInternational).mock.calls.length + vi.mocked(parseNational).mock.calls.length,
    library: vi.mocked(parsePhoneNumberFromString).mock.calls.length,
  };
}

beforeEach(() => vi.clearAllMocks());

describe('a calling code with one region: no parse at all', () => {
  it.each([
    ['011 49 30 1234567', 'US', '+49301234567', 'DE'],
    ['+49 30 1234567', 'US', '+49301234567', 'DE'],
    ['011 420 212 345 678', 'US', '+420212345678', 'CZ'],
    ['0049 30 1234567', 'FR', '+49301234567', 'DE'],
    ['+33 1 23 45 67 89', 'DE', '+33123456789', 'FR'],
  ])('%s from %s', (dialed, caller, e164, country) => {
    expect(parses(dialed, caller)).toEqual({ call: { e164, country }, precompiled: 0, library: 0 });
  });
});

describe('a shared calling code: the precompiled parse, not the library', () => {
  it.each([
    ['011 44 20 7946 0958', 'US', '+442079460958', 'GB'],
    ['+7 495 123 45 67', 'DE', '+74951234567', 'RU'],
  ])('%s from %s', (dialed, caller, e164, country) => {
    expect(parses(dialed, caller)).toEqual({ call: { e164, country }, precompiled: 1, library: 0 });
  });
});

describe('national numbers', () => {
  it('a plain national prefix (DE 0): no parse', () => {
    expect(parses('030 1234567', 'DE')).toEqual({
      call: { e164: '+49301234567', country: 'DE' },
      precompiled: 0,
      library: 0,
    });
  });

  it('a shared calling code (GB on +44): the precompiled parse, not the library', () => {
    expect(parses('020 7946 0958', 'GB')).toEqual({
      call: { e164: '+442079460958', country: 'GB' },
      precompiled: 1,
      library: 0,
    });
  });
});
