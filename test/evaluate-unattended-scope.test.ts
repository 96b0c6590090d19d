/**
 * A code carried by a call nobody can key is held to its scope like a keyed
 * one (docs/rules.md#scoped-codes, docs/rules.md#calls-nobody-can-key): a
 * code that may not authorize this call connects nothing by itself, and
 * `unattendedCalls` decides.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import type { Config } from '../src/config/types.js';
import { evaluateCall } from '../src/evaluate.js';

const INTERNATIONAL = '9 011 44 20 7946 0958';
const DECEMBER = Date.parse('2026-12-01T10:00:00Z');

function account(): Config {
  const parsed = parseConfig({
    account: {
      codeLength: 4,
      maxRetries: 3,
      settings: { enabled: true, validateCodes: true, requiredCallTypes: ['international'] },
      dialPlan: { outsideLinePrefix: '9', extensionLengths: [3] },
      codes: [
        { code: '1234' },
        { code: '1111', callTypes: ['domestic', 'tollFree'] },
        { code: '2222', trunks: ['lab'] },
        { code: '3333', suspended: true },
        { code: '4444', validUntil: '2026-06-30T23:59:59Z' },
        { code: '5555', validFrom: '2026-01-01T00:00:00Z' },
      ],
    },
    trunks: [
      { id: 'hq', accountCodesEnabled: true },
      { id: 'lab', accountCodesEnabled: true },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return parsed.config;
}

function forwarded(code: string, at?: number) {
  const result = evaluateCall(account(), {
    trunk: 'hq',
    dialed: INTERNATIONAL,
    unattended: { code },
    ...(at === undefined ? {} : { at }),
  });
  if (!result.ok || !result.required || result.unattended === undefined) {
    throw new Error('expected a gated unattended call');
  }
  return result.unattended;
}

describe('a carried code is held to its scope', () => {
  it('an unrestricted code on the list connects the call tagged with it', () => {
    expect(forwarded('1234')).toMatchObject({
      rule: 'carried-code',
      effect: { type: 'connect', accountCode: '1234', validated: true },
    });
  });

  it.each([
    ['1111', 'not-permitted-call-type'],
    ['2222', 'not-permitted-trunk'],
    ['3333', 'suspended'],
  ])(
    '%s may not authorize an international call on hq (%s): unattendedCalls ends it',
    (code, why) => {
      const settled = forwarded(code, DECEMBER);
      expect(settled).toMatchObject({ rule: 'unattended-end', effect: { type: 'end' } });
      expect(settled.reason).toContain(`(${why})`);
      expect(settled.record.accountCode).toBeNull();
    },
  );

  it('a code past its validUntil is expired at the call instant', () => {
    expect(forwarded('4444', DECEMBER).reason).toContain('(expired)');
  });

  it('a code with a validity window authorizes at an instant inside it, and nothing without one', () => {
    expect(forwarded('5555', DECEMBER)).toMatchObject({
      rule: 'carried-code',
      effect: { accountCode: '5555' },
    });
    // No instant given: the window cannot be shown to hold, so the code authorizes nothing.
    expect(forwarded('5555')).toMatchObject({ rule: 'unattended-end' });
  });
});
