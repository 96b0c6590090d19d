/**
 * readContext (src/classify/context.ts) applies the docs/rules.md#configuration and docs/rules.md#classification defaults: a
 * field of the wrong type gets its default, never an exception (docs/rules.md#invariants);
 * a context with nothing but a country gets that country's defaults,
 * built once (issue 14: no object per call), and only for countries that
 * exist, so odd strings cannot grow what is kept; whether a country is
 * known is read from the emergency table first, which needs no metadata.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/classify/phone.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/classify/phone.js')>();
  return { ...real, isSupportedCountry: vi.fn(real.isSupportedCountry) };
});

const { NANP_DOMESTIC_GROUP, readContext } = await import('../../src/classify/context.js');
const { isSupportedCountry } = await import('../../src/classify/phone.js');

beforeEach(() => vi.mocked(isSupportedCountry).mockClear());

describe('a context with nothing but a country', () => {
  it("is that country's defaults, the same object on every call", () => {
    const first = readContext({ country: 'FR' });
    expect(first).toMatchObject({ country: 'FR', nanp: false, countryKnown: true });
    expect(readContext({ country: 'FR' })).toBe(first);
    expect(readContext({ country: 'fr' })).toEqual(first);
  });

  it('US, no country, an empty one and a missing context are the one default', () => {
    const us = readContext(undefined);
    expect(us.country).toBe('US');
    for (const context of [{ country: 'US' }, {}, { country: '' }, { country: 7 }]) {
      expect(readContext(context as never)).toBe(us);
    }
  });

  it('an unknown country is read afresh each time: nothing is kept for it', () => {
    const first = readContext({ country: 'ZZ' });
    expect(first).toMatchObject({ country: 'ZZ', countryKnown: false });
    expect(readContext({ country: 'ZZ' })).not.toBe(first);
    expect(readContext({ country: 'ZZ' })).toEqual(first);
  });

  it('a country in the emergency table is known without the metadata', () => {
    for (const country of ['DE', 'GB', 'AU', 'CA', 'JM']) {
      expect(readContext({ country }).countryKnown).toBe(true);
    }
    expect(isSupportedCountry).not.toHaveBeenCalled();
    // Tristan da Cunha has no entry of its own in the table: the metadata knows it.
    expect(readContext({ country: 'TA' }).countryKnown).toBe(true);
    expect(isSupportedCountry).toHaveBeenCalledWith('TA');
  });
});

describe('a field of the wrong type gets its default', () => {
  it.each([
    ['outsideLinePrefix', { dialPlan: { outsideLinePrefix: 9 } }, { outsideLinePrefix: '' }],
    ['extensionLengths', { dialPlan: { extensionLengths: ['4'] } }, { extensionLengths: [] }],
    ['ownNumbers', { dialPlan: { ownNumbers: [12125550100] } }, { ownNumbers: [] }],
    ['dialPlan', { dialPlan: 'none' }, { extensionLengths: [], outsideLinePrefix: '' }],
    ['domesticCountries', { domesticCountries: 'US' }, { domesticCountries: NANP_DOMESTIC_GROUP }],
    ['exemptNumbers', { exemptNumbers: [988] }, { exemptNumbers: ['988', '711'] }],
    ['serviceCodes', { serviceCodes: {} }, { serviceCodes: [] }],
  ])('%s', (_field, context, expected) => {
    expect(readContext({ country: 'US', ...context } as never)).toMatchObject(expected);
  });
});
