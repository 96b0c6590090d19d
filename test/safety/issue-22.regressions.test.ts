/**
 * Issue 22: every dial string its "Why" lists, with the safe answer, through
 * classifyCall + decide, evaluateCall and `account-codes simulate`
 * (docs/rules.md#reading-a-dial-string).
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { parseConfig } from '../../src/config/parse.js';
import type { Config } from '../../src/config/types.js';
import { decide } from '../../src/decide.js';
import { evaluateCall } from '../../src/evaluate.js';
import { resolveSettings } from '../../src/settings/resolve.js';
import { cli } from '../support/cli.js';

/** acme's `legal` trunk as the issue tried it: every external call needs a code. */
function account(country: string, outsideLinePrefix: string) {
  return {
    account: {
      country,
      codeLength: 4,
      maxRetries: 3,
      settings: { enabled: true, validateCodes: true, requiredCallTypes: [] },
      dialPlan: { extensionLengths: [3, 4], outsideLinePrefix },
      codes: [{ code: '1234', name: 'Acme Corp' }],
    },
    trunks: [{ id: 'hq', accountCodesEnabled: true }],
  };
}

/** Codes only for international and premium calls: where an operator call would slip through. */
function costlyOnly(country: string) {
  const json = account(country, '9');
  return {
    ...json,
    account: {
      ...json.account,
      settings: { ...json.account.settings, requiredCallTypes: ['international', 'premiumToll'] },
    },
  };
}

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

describe('issue 22: the outside-line prefix equal to the number’s first digit, then a suffix', () => {
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
      const { classification, decision } = await decideEveryWay(account(country, prefix), dialed);
      expect(classification).toMatchObject({ kind: 'emergency', number });
      expect(decision).toMatchObject({ ok: true, required: false, rule: 'emergency-exempt' });
    },
  );
});

describe('issue 22: a suffix never makes an unplaced number an operator call', () => {
  it.each(['00442079460958#0', '1 500 555 0100 #0', '*23#0'])(
    '%s from a US account stays unrecognised, and required',
    async (dialed) => {
      const { classification, decision } = await decideEveryWay(costlyOnly('US'), dialed);
      expect(classification).toMatchObject({ kind: 'external', categories: [] });
      expect(decision).toMatchObject({
        ok: true,
        required: true,
        rule: 'unrecognised-destination',
      });
    },
  );
});

describe('issue 22: standard emergency forms are read, not refused', () => {
  it.each([
    ['urn:service:sos', 'urn:service:sos'],
    ['urn:service:sos.police', 'urn:service:sos.police'],
    ['<urn:service:sos.ambulance>', 'urn:service:sos.ambulance'],
    ['<sip:911@pbx>', '911'],
    ['"Front Desk" <sip:911@pbx;user=phone>;tag=a1', '911'],
    ['sip:%39%31%31@host', '911'],
    ['9,911', '911'],
  ])('%s is emergency (%s)', async (dialed, number) => {
    const { classification, decision } = await decideEveryWay(account('US', '9'), dialed);
    expect(classification).toMatchObject({ kind: 'emergency', number });
    expect(decision).toMatchObject({ ok: true, required: false, rule: 'emergency-exempt' });
  });
});
