/**
 * docs/rules.md#classification for callers outside the NANP and for international forms: national
 * numbers, the caller's own international prefix and the generic 00, own
 * country via IDD or `+` is domestic, premium-rate numbers at home and
 * abroad, shared calling codes, and what is no destination (an impossible
 * domestic number, a `+0…`, an unparseable national number) failing closed.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { internationalDestination } from '../../src/classify/international.js';
import type { CallCategory, ClassifyContext } from '../../src/classify/types.js';

type Row = [
  dialed: string,
  context: ClassifyContext,
  categories: CallCategory[],
  e164?: string,
  country?: string | undefined,
];

const GB = { country: 'GB' };

const KNOWN: Row[] = [
  // National forms: the plain-prefix path (DE, FR) and the parse (GB, AU).
  ['02079460000', GB, ['domestic'], '+442079460000', 'GB'],
  ['030123456', { country: 'DE' }, ['domestic'], '+4930123456', 'DE'],
  ['0612345678', { country: 'FR' }, ['domestic', 'mobile'], '+33612345678', 'FR'],
  ['0291234567', { country: 'AU' }, ['domestic'], '+61291234567', 'AU'],
  // Own country with + or the international prefix is domestic.
  ['+442079460000', GB, ['domestic'], '+442079460000', 'GB'],
  ['00442079460000', GB, ['domestic'], '+442079460000', 'GB'],
  ['+61291234567', { country: 'AU' }, ['domestic'], '+61291234567', 'AU'],
  ['+4930123456', { country: 'DE' }, ['domestic'], '+4930123456', 'DE'],
  // The caller country's own prefix, and the generic 00.
  ['0011442079460000', { country: 'AU' }, ['international'], '+442079460000', 'GB'],
  ['00442079460000', { country: 'AU' }, ['international'], '+442079460000', 'GB'],
  ['810442079460000', { country: 'RU' }, ['international'], '+442079460000', 'GB'],
  ['004930123456', { country: 'FR' }, ['international'], '+4930123456', 'DE'],
  ['0012125551234', GB, ['international'], '+12125551234', 'US'],
  // Korea's own prefix 001 reads +282…, no country: the generic 00 reads +1 282…, which is one.
  ['0012825551234', { country: 'KR' }, ['international'], '+12825551234', 'US'],
  ['+12125551234', GB, ['international'], '+12125551234', 'US'],
  ['+4930123456', {}, ['international'], '+4930123456', 'DE'],
  // Premium rate at home and abroad.
  ['09098790000', GB, ['premiumToll', 'domestic'], '+449098790000', 'GB'],
  ['+449098790000', {}, ['international', 'premiumToll'], '+449098790000', 'GB'],
  ['011449098790000', {}, ['international', 'premiumToll'], '+449098790000', 'GB'],
  // Shared calling codes: the region from the number.
  ['+79161234567', {}, ['international', 'mobile'], '+79161234567', 'RU'],
  ['+77011234567', {}, ['international', 'mobile'], '+77011234567', 'KZ'],
  ['+61291234567', {}, ['international'], '+61291234567', 'AU'],
  // Other domestic countries of the account.
  [
    '+4930123456',
    { country: 'FR', domesticCountries: ['FR', 'DE'] },
    ['domestic'],
    '+4930123456',
    'DE',
  ],
  [
    '+33612345678',
    { country: 'FR', domesticCountries: ['FR', 'DE'] },
    ['domestic', 'mobile'],
    '+33612345678',
    'FR',
  ],
  // International by its form, where the country cannot be told.
  ['+3912345678', {}, ['international'], '+3912345678', undefined],
];

describe('destinations of international and national forms', () => {
  it.each(KNOWN)('%s %j: %j', (dialed, context, categories, e164, country) => {
    const result = classifyCall(dialed, context);
    expect(result).toMatchObject({ kind: 'external', categories, e164 });
    if (country === undefined) expect(result).not.toHaveProperty('country');
    else expect(result).toHaveProperty('country', country);
  });
});

describe('international by form alone, with no E.164 form', () => {
  it.each([
    ['+1212555', {}],
    ['+1212555', GB],
    ['001', GB],
    ['+999123', {}],
    ['+21', {}],
  ])('%s %j is international', (dialed, context) => {
    const result = classifyCall(dialed, context);
    expect(result).toMatchObject({ kind: 'external', categories: ['international'] });
    expect(result).not.toHaveProperty('e164');
  });
});

describe('no destination: fails closed (an unrecognised destination, no category)', () => {
  it.each([
    ['020794600001234', GB, 'an over-dialled domestic number'],
    ['0049999999999999', { country: 'DE' }, 'an impossible domestic number via IDD'],
    ['+0123456', {}, 'no calling code starts with 0'],
    ['00012345678', GB, '00 + 0…'],
    ['1234567', GB, 'seven digits that are no national number'],
    ['12345678901234567890', GB, 'too long to be any national number'],
  ] as [string, ClassifyContext, string][])('%s %j (%s)', (dialed, context, _why) => {
    const result = classifyCall(dialed, context);
    expect(result).toMatchObject({ kind: 'external', categories: [] });
    expect(result).not.toHaveProperty('e164');
  });

  it('up to six digits that no rule knows are a short code of the caller’s country', () => {
    expect(classifyCall('123456', GB)).toMatchObject({
      categories: ['serviceCode'],
      country: 'GB',
    });
    expect(classifyCall('00', GB)).toMatchObject({ categories: ['serviceCode'], country: 'GB' });
  });
});

describe('internationalDestination', () => {
  it('a number whose country cannot be told has no country field at all', () => {
    const destination = internationalDestination('3912345678', ['US']);
    expect(destination).toEqual({ categories: ['international'], e164: '+3912345678' });
    expect(destination).not.toHaveProperty('country');
  });
});
