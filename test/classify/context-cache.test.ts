/**
 * classifyCall keeps the derived context of a frozen context (issue 14).
 * Only what cannot change is kept: a context with any part left unfrozen is
 * read afresh on every call, so editing that part changes the next answer.
 */
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { parseConfig } from '../../src/config/parse.js';
import { ACME_JSON } from '../settings/fixtures.js';
import { deepFreeze } from '../support/properties.js';

describe('the derived-context cache', () => {
  it('gives a frozen context the answers of the same context unfrozen', () => {
    const plain = { country: 'US', dialPlan: { extensionLengths: [4], outsideLinePrefix: '9' } };
    const frozen = deepFreeze(structuredClone(plain));
    for (const dialed of ['2125550100', '1234', '9911', '912125550100', '011442079460000']) {
      expect(classifyCall(dialed, frozen)).toEqual(classifyCall(dialed, plain));
      expect(classifyCall(dialed, frozen)).toEqual(classifyCall(dialed, plain)); // a hit
    }
  });

  it('reads a frozen context whose dial plan is not frozen afresh', () => {
    const dialPlan: { extensionLengths: number[] } = { extensionLengths: [] };
    const context = Object.freeze({ country: 'US', dialPlan });
    expect(classifyCall('1234', context).kind).toBe('external');
    dialPlan.extensionLengths.push(4);
    expect(classifyCall('1234', context).kind).toBe('internal');
    dialPlan.extensionLengths = [];
    expect(classifyCall('1234', context).kind).toBe('external');
  });

  it("reads an unfrozen context afresh, and a parsed config's account from the cache", () => {
    const context = { country: 'US' };
    expect(classifyCall('02079460000', context).kind).toBe('external');
    context.country = 'GB';
    expect(classifyCall('999', context).kind).toBe('emergency');
    const parsed = parseConfig({ ...ACME_JSON, account: { ...ACME_JSON.account, country: 'GB' } });
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    const { account } = parsed.config;
    expect(Object.isFrozen(account.dialPlan)).toBe(true);
    for (const _ of [1, 2]) {
      expect(classifyCall('902079460000', account)).toMatchObject({ country: 'GB' });
      expect(classifyCall('1234', account).kind).toBe('internal');
      expect(classifyCall('999', account).kind).toBe('emergency');
    }
  });

  it('knows a country however it is written, and does not keep unknown ones', () => {
    expect(classifyCall('999', { country: 'gb' }).kind).toBe('emergency');
    expect(classifyCall('999', { country: 'Gb' }).kind).toBe('emergency');
    expect(classifyCall('2079460000', { country: 'UK' })).toMatchObject({
      reason: 'unknown-country',
    });
  });
});
