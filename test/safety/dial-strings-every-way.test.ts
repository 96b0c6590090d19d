/**
 * docs/rules.md#reading-a-dial-string and docs/rules.md#invariants: a dial string in
 * any form reaches the safe answer through classifyCall + decide, evaluateCall
 * and `account-codes simulate` alike. An emergency number connects with no
 * code in every form (prefixed, `+`, IDD, SIP and tel URIs, suffixed, with
 * stray characters); no prefix or suffix hides a costly call or makes an
 * unplaced number an operator call; an unknown country says so. Many of these
 * strings were once read wrongly (issues 12 and 22).
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { parseConfig } from '../../src/config/parse.js';
import type { Config } from '../../src/config/types.js';
import { decide } from '../../src/decide.js';
import { evaluateCall } from '../../src/evaluate.js';
import { resolveSettings } from '../../src/settings/resolve.js';
import { cli } from '../support/cli.js';

/** acme: codes required for the given call types (none: every external call). */
function account(country: string, outsideLinePrefix: string, requiredCallTypes: string[]) {
  return {
    account: {
      country,
      codeLength: 4,
      maxRetries: 3,
      settings: { enabled: true, validateCodes: true, requiredCallTypes },
      dialPlan: { extensionLengths: [3, 4], outsideLinePrefix },
      codes: [{ code: '1234', name: 'Acme Corp' }],
    },
    trunks: [{ id: 'hq', accountCodesEnabled: true }],
  };
}
const COSTLY = ['international', 'premiumToll', 'directoryAssistance'];
/** Every call needs a code: the trunk where a prompted 911 would show. */
const ALL = (country: string, prefix = '9') => account(country, prefix, []);
const TYPES = (country: string, prefix = '9') => account(country, prefix, COSTLY);
/** Codes only for international and premium calls: where an operator call would slip through. */
const PREMIUM = (country: string) => account(country, '9', ['international', 'premiumToll']);

function parsed(json: unknown): Config {
  const result = parseConfig(json);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.config;
}

/** The decision through classifyCall + decide, evaluateCall and the CLI, which must agree. */
async function decideEveryWay(json: unknown, dialed: string) {
  const config = parsed(json);
  const classification = classifyCall(dialed, config.account);
  const decision = decide(resolveSettings(config, 'hq'), classification);
  const evaluated = evaluateCall(config, { trunk: 'hq', dialed });
  const run = await cli(['simulate', 'acme.json', '--trunk', 'hq', '--dial', dialed, '--json'], {
    files: { 'acme.json': JSON.stringify(json) },
  });
  const simulated = JSON.parse(run.stdout);
  expect(evaluated).toMatchObject({ ok: true, classification, decision });
  expect(simulated.classification).toEqual(classification);
  expect(simulated.decision).toEqual(decision.ok ? { ...decision, ok: undefined } : null);
  return { classification, decision };
}

describe('emergency numbers in every form connect with no code', () => {
  it.each([
    ['US', '+1911', '911'],
    ['US', '+1 911', '911'],
    ['US', '+1933', '933'],
    ['US', '011 1 911', '911'],
    ['GB', '+44999', '999'],
    ['DE', '+49112', '112'],
    ['AU', '+61000', '000'],
    ['US', '1911', '911'],
    ['US', '1-911', '911'],
    ['US', '9-1-911', '911'],
    ['US', '91911', '911'],
    ['US', '*671911', '911'],
    ['US', '911\n', '911'],
    ['US', '911\r\n', '911'],
    ['US', '\t911', '911'],
    ['US', '9\u00a011', '911'],
    ['US', '9\u201111', '911'],
    ['US', '9\u201311', '911'],
    ['US', '9\u200b11', '911'],
    ['US', '９１１', '911'],
    ['US', '٩١١', '911'],
    ['US', 'sip:911@host', '911'],
    ['US', 'tel:911', '911'],
    ['US', '911;phone-context=+1', '911'],
    ['US', 'sip:+1911@carrier;user=phone', '911'],
    ['ES', '091', '091'],
    ['ES', '092', '092'],
    ['ES', '080', '080'],
    ['RS', '192', '192'],
    ['RS', '193', '193'],
    ['RS', '194', '194'],
    ['SA', '998', '998'],
    ['UZ', '101', '101'],
    ['UZ', '102', '102'],
    ['UZ', '103', '103'],
    ['MM', '191', '191'],
    ['MM', '192', '192'],
  ])('%s %j is emergency %s, never required', async (country, dialed, number) => {
    const { classification, decision } = await decideEveryWay(ALL(country), dialed);
    expect(classification).toMatchObject({ kind: 'emergency', why: 'emergency', number });
    expect(decision).toMatchObject({ ok: true, required: false, rule: 'emergency-exempt' });
  });

  it('an unknown or missing trunk does not refuse 911 (evaluateCall classifies first)', () => {
    const config = parsed(ALL('US'));
    for (const trunk of ['typo', '', undefined]) {
      expect(evaluateCall(config, { trunk: trunk as string, dialed: '911' })).toMatchObject({
        ok: true,
        required: false,
        decision: { rule: 'emergency-exempt' },
      });
    }
    expect(evaluateCall(config, { trunk: 'typo', dialed: '1 212 555 0100' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-trunk' },
    });
  });
});

describe('no dial string hides a costly call', () => {
  it.each([
    ['#31#011442079460958', 'international'],
    ['*31#011442079460958', 'international'],
    ['**67011442079460958', 'international'],
    ['011442079460958*', 'international'],
    ['011442079460958#1', 'international'],
    ['19005551234#5', 'premiumToll'],
    // Shrunk from the wrapped-number property: read as **67, *21*…? or **67*, *21, *90 + 0 5550123
    // (operator-assisted)? Every costly reading counts, so the premium one is required.
    ['**67**21*9005550123', 'premiumToll'],
  ])('%s is %s, required', async (dialed, category) => {
    const { classification, decision } = await decideEveryWay(TYPES('US'), dialed);
    expect(classification.categories).toContain(category);
    expect(decision).toMatchObject({ ok: true, required: true, rule: 'required-call-type' });
  });

  it.each(
    '456 500 521 522 523 524 525 526 527 528 529 533 544 566 577 588 700 710 880 881 882'.split(
      ' ',
    ),
  )(
    'non-geographic area code %s is not domestic: required where call types are listed',
    async (npa) => {
      const { classification, decision } = await decideEveryWay(TYPES('US'), `1 ${npa} 555 0100`);
      expect(classification).toMatchObject({ kind: 'external', categories: [] });
      expect(decision).toMatchObject({ required: true, rule: 'unrecognised-destination' });
    },
  );

  it.each([
    ['AU', '0', '0011 44 20 7946 0000', ['international']],
    ['GB', '9', '020 7946 0000 12345', []],
    ['DE', '9', '0999999999999', []],
  ])('%s with prefix %s: %s is never domestic', async (country, prefix, dialed, categories) => {
    const { classification, decision } = await decideEveryWay(TYPES(country, prefix), dialed);
    expect(classification).toMatchObject({ kind: 'external', categories });
    expect(decision).toMatchObject({ required: true });
  });
});

describe('clear answers: an unknown country, own country via IDD', () => {
  it("an unknown country ('UK') says so, and 911, 933 and 112 still connect", () => {
    expect(classifyCall('999', { country: 'UK' })).toMatchObject({
      kind: 'invalid',
      reason: 'unknown-country',
      message: expect.stringContaining('"UK"'),
    });
    for (const number of ['911', '933', '112']) {
      expect(classifyCall(number, { country: 'UK' })).toMatchObject({ kind: 'emergency' });
    }
    const config = {
      ...parsed(ALL('US')),
      account: { ...parsed(ALL('US')).account, country: 'UK' },
    };
    expect(evaluateCall(config, { trunk: 'hq', dialed: '112' })).toMatchObject({
      ok: true,
      required: false,
    });
    expect(evaluateCall(config, { trunk: 'hq', dialed: '999' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-dial-string', reason: 'unknown-country' },
    });
  });

  it('own country via IDD is domestic, the same as +: AU 0011 61 2 9876 5432', async () => {
    const viaIdd = await decideEveryWay(TYPES('AU', '0'), '0011 61 2 9876 5432');
    const viaPlus = classifyCall('+61 2 9876 5432', parsed(TYPES('AU', '0')).account);
    expect(viaIdd.classification).toMatchObject({
      kind: 'external',
      categories: ['domestic'],
      e164: '+61298765432',
      country: 'AU',
    });
    expect(viaPlus).toMatchObject({ categories: ['domestic'], e164: '+61298765432' });
    expect(viaIdd.decision).toMatchObject({ required: false });
  });
});

describe('the outside-line prefix equal to the number’s first digit, then a suffix', () => {
  it.each([
    ['US', '9', '911*', '911'],
    ['US', '9', '911#1', '911'],
    ['US', '9', '933*', '933'],
    ['GB', '9', '999*', '999'],
    ['AU', '0', '000*', '000'],
    ['US', '9', 'sip:911*@pbx.example.com', '911'],
  ])(
    '%s, prefix %s: %s is emergency %s, never prompted',
    async (country, prefix, dialed, number) => {
      const { classification, decision } = await decideEveryWay(ALL(country, prefix), dialed);
      expect(classification).toMatchObject({ kind: 'emergency', number });
      expect(decision).toMatchObject({ ok: true, required: false, rule: 'emergency-exempt' });
    },
  );
});

describe('a suffix never makes an unplaced number an operator call', () => {
  it.each(['00442079460958#0', '1 500 555 0100 #0', '*23#0'])(
    '%s from a US account stays unrecognised, and required',
    async (dialed) => {
      const { classification, decision } = await decideEveryWay(PREMIUM('US'), dialed);
      expect(classification).toMatchObject({ kind: 'external', categories: [] });
      expect(decision).toMatchObject({
        ok: true,
        required: true,
        rule: 'unrecognised-destination',
      });
    },
  );
});

describe('standard emergency forms are read, not refused', () => {
  it.each([
    ['urn:service:sos', 'urn:service:sos'],
    ['urn:service:sos.police', 'urn:service:sos.police'],
    ['<urn:service:sos.ambulance>', 'urn:service:sos.ambulance'],
    ['<sip:911@pbx>', '911'],
    ['"Front Desk" <sip:911@pbx;user=phone>;tag=a1', '911'],
    ['sip:%39%31%31@host', '911'],
    ['9,911', '911'],
  ])('%s is emergency (%s)', async (dialed, number) => {
    const { classification, decision } = await decideEveryWay(ALL('US'), dialed);
    expect(classification).toMatchObject({ kind: 'emergency', number });
    expect(decision).toMatchObject({ ok: true, required: false, rule: 'emergency-exempt' });
  });
});
