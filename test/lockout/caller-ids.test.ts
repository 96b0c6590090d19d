/**
 * A found fault (issue 17's tests): normaliseCallerId gave `+` and 32 digits,
 * 33 characters, which the ledger then refused as a subject (docs/rules.md#lockout: a
 * normalised caller id has at most 32 characters), so the look-up failed
 * closed for a caller id the library itself had accepted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admitLookup, emptyLedger, normaliseCallerId } from '../../src/index.js';
import { propertyRuns } from '../support/properties.js';

const SETTINGS = {
  maxFailures: 5,
  windowMinutes: 30,
  scope: 'caller',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 1000,
} as const;

function admitted(callerId: string) {
  return admitLookup(
    emptyLedger(),
    {
      settings: SETTINGS,
      subject: { accountId: 'acme', trunkId: 'hq', callerId },
      callId: 'c1',
      attempt: 1,
    },
    0,
  );
}

describe('normaliseCallerId and the ledger agree on what a caller id is', () => {
  it('at most 32 characters, the + included', () => {
    expect(normaliseCallerId(`+${'1'.repeat(31)}`)).toBe(`+${'1'.repeat(31)}`);
    expect(normaliseCallerId(`+${'1'.repeat(32)}`)).toBeUndefined();
    expect(normaliseCallerId('1'.repeat(32))).toBe('1'.repeat(32));
    expect(normaliseCallerId('1'.repeat(33))).toBeUndefined();
  });

  it('every caller id it returns is a subject the ledger admits', () => {
    const raw = fc.tuple(
      fc.constantFrom('', '+'),
      fc.string({ unit: fc.constantFrom(...'0123456789 -.()'), minLength: 1, maxLength: 40 }),
    );
    fc.assert(
      fc.property(raw, ([plus, rest]) => {
        const id = normaliseCallerId(plus + rest);
        if (id !== undefined) expect(admitted(id)).toMatchObject({ ok: true });
      }),
      propertyRuns(),
    );
  });
});
