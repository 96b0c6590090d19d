/**
 * Issue 24's done-when, through `simulate --json`: a scoped code refused for
 * a call is, to the caller, a wrong code (the invalid-code prompt, an attempt,
 * a miss on the ledger); the transcript says why (docs/rules.md#scoped-codes).
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const FILE = 'scoped.json';
const CONFIG = JSON.stringify({
  account: {
    codeLength: 4,
    maxRetries: 3,
    settings: { enabled: true, validateCodes: true },
    codes: [
      { code: '1111', name: 'Domestic only', callTypes: ['domestic', 'tollFree'], trunks: ['hq'] },
      { code: '2222', name: 'Suspended', suspended: true },
      { code: '3333', name: 'Contractor', validUntil: '2026-12-31T23:59:59Z' },
      { code: '4444', name: 'Anyone' },
    ],
  },
  trunks: [
    { id: 'hq', accountCodesEnabled: true },
    { id: 'branch', accountCodesEnabled: true },
  ],
});

interface Item {
  readonly type: string;
  readonly prompt?: string;
  readonly valid?: boolean;
  readonly reason?: string;
}

async function simulate(trunk: string, dial: string, keys: string, at?: string) {
  const args = ['simulate', FILE, '--trunk', trunk, '--dial', dial, '--keys', keys, '--json'];
  const run = await cli(at === undefined ? args : [...args, '--at', at], {
    files: { [FILE]: CONFIG },
    now: () => Date.parse('2026-06-01T12:00:00Z'),
  });
  expect(run.status).toBe(0);
  const json = JSON.parse(run.stdout);
  const transcript = json.transcript as Item[];
  return {
    json,
    result: transcript.find((item) => item.type === 'lookup-result'),
    prompts: transcript.filter((item) => item.type === 'play').map((item) => item.prompt),
  };
}

describe('simulate a scoped code (issue 24)', () => {
  it('refuses 1111 (domestic and tollFree on hq) for an international call on hq, as a wrong code', async () => {
    const { json, result, prompts } = await simulate('hq', '011442079460958', '1111');
    expect(result).toEqual({
      type: 'lookup-result',
      code: '1111',
      valid: false,
      reason: 'not-permitted-call-type',
      locked: false,
    });
    expect(prompts).toEqual(['enter-code', 'invalid-code']);
    expect(json.outcome).toEqual({
      result: 'incomplete',
      accountCode: null,
      validated: false,
      attempts: 1,
      refusals: ['not-permitted-call-type'],
    });
    expect(json.lockout.failures).toBe(1);
  });

  it('is exactly what a code not on the list does, but for the reason', async () => {
    const scoped = await simulate('hq', '011442079460958', '1111');
    const unlisted = await simulate('hq', '011442079460958', '9999');
    expect(unlisted.result).toMatchObject({ valid: false, reason: 'not-on-list' });
    expect(scoped.prompts).toEqual(unlisted.prompts);
    const { refusals: scopedWhy, ...scopedOutcome } = scoped.json.outcome;
    const { refusals: unlistedWhy, ...unlistedOutcome } = unlisted.json.outcome;
    expect(scopedOutcome).toEqual(unlistedOutcome);
    expect([scopedWhy, unlistedWhy]).toEqual([['not-permitted-call-type'], ['not-on-list']]);
    expect(scoped.json.lockout).toEqual(unlisted.json.lockout);
  });

  it('lets 1111 authorize a domestic call on hq, and refuses it on branch', async () => {
    expect((await simulate('hq', '2125550100', '1111')).json.outcome.result).toBe('connected');
    expect((await simulate('branch', '2125550100', '1111')).result?.reason).toBe(
      'not-permitted-trunk',
    );
  });

  it('refuses a suspended code, and one past its validUntil (--at is the call’s instant)', async () => {
    expect((await simulate('hq', '2125550100', '2222')).result?.reason).toBe('suspended');
    const late = await simulate('hq', '2125550100', '3333', '2027-01-01T00:00:00Z');
    expect(late.result?.reason).toBe('expired');
    expect(late.prompts).toEqual(['enter-code', 'invalid-code']);
    const inTime = await simulate('hq', '2125550100', '3333', '2026-12-31T23:59:59Z');
    expect(inTime.json.outcome.result).toBe('connected');
  });

  it('says why in the text transcript too', async () => {
    const run = await cli(
      ['simulate', FILE, '--trunk', 'hq', '--dial', '011442079460958', '--keys', '1111'],
      { files: { [FILE]: CONFIG } },
    );
    expect(run.stdout).toContain(
      'look-up: in the list but refused for this call (not-permitted-call-type)',
    );
  });
});
