/**
 * Scoped codes (docs/rules.md#scoped-codes, issue 24) as properties:
 * a code without scope fields answers every call as the directory always
 * did; a code refused by its scope is, to the caller, a code not on the
 * list (same effects, prompts, attempts and ledger change), while the call
 * record keeps each refused look-up's reason for the administrator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT, REQUIRED_CALL_TYPES } from '../../src/config/types.js';
import { CODE_REFUSALS, type CodeCall, gatingCategories } from '../../src/entry/code-scope.js';
import { createCodeDirectory, mayAuthorize } from '../../src/entry/directory.js';
import type { EntryEvent } from '../../src/entry/events.js';
import { advance, startCodeEntry } from '../../src/entry/machine.js';
import { performLookup } from '../../src/entry/perform-lookup.js';
import { callRecord } from '../../src/entry/record.js';
import { createMemoryLockoutStore } from '../../src/lockout/store.js';
import { invariantRuns, propertyRuns } from '../support/properties.js';

const AT = Date.parse('2026-06-01T12:00:00Z');
const code4 = fc.stringMatching(/^[0-9]{4}$/);
const trunk = fc.constantFrom('hq', 'branch', 'lab');
const callType = fc.constantFrom(...REQUIRED_CALL_TYPES);
const instant = fc
  .integer({ min: AT - 10 * 86_400_000, max: AT + 10 * 86_400_000 })
  .map((ms) => new Date(ms).toISOString());

/** Any call, including ones that leave fields out or hold odd values. */
const call: fc.Arbitrary<CodeCall> = fc.record(
  {
    purpose: fc.constantFrom('authorize' as const, 'tag' as const),
    gatedBy: fc.array(fc.oneof(callType, fc.constant('local')), { maxLength: 4 }),
    trunk,
    at: fc.integer({ min: AT - 20 * 86_400_000, max: AT + 20 * 86_400_000 }),
  },
  { requiredKeys: [] },
);

const scope = fc
  .record(
    {
      callTypes: fc.uniqueArray(callType, { minLength: 1, maxLength: 4 }),
      trunks: fc.uniqueArray(trunk, { minLength: 1, maxLength: 2 }),
      suspended: fc.boolean(),
      validFrom: instant,
      validUntil: instant,
    },
    { requiredKeys: [] },
  )
  .filter((s) => Object.keys(s).length > 0);

describe('a code without scope fields (differential against the old directory)', () => {
  it('is valid for every call exactly when it is on the list, and a miss is not-on-list', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            code4,
            code4.map((code) => ({ code, name: 'n' })),
          ),
          { maxLength: 40 },
        ),
        code4,
        call,
        (codes, asked, forCall) => {
          const built = createCodeDirectory(codes, 4);
          if (!built.ok) throw new Error('directory');
          const listed = codes.some((c) => (typeof c === 'string' ? c : c.code) === asked);
          expect(built.directory.has(asked)).toBe(listed);
          expect(built.directory.check(asked, forCall)).toEqual(
            listed ? { valid: true } : { valid: false, reason: 'not-on-list' },
          );
          expect(mayAuthorize(built.directory, asked, forCall).valid).toBe(listed);
          expect(built.directory.check(asked).valid).toBe(listed);
        },
      ),
      invariantRuns(),
    );
  });
});

/** Drives code entry on one call, keying `code` `times` times; what the caller meets, and the ledger after. */
async function drive(
  codes: readonly { code: string }[],
  keyed: string,
  times: number,
  forCall: CodeCall,
) {
  const built = createCodeDirectory(codes, 4);
  if (!built.ok) throw new Error('directory');
  const store = createMemoryLockoutStore({ clock: () => AT });
  const context = {
    lockout: DEFAULT_LOCKOUT,
    store,
    subject: { accountId: null, trunkId: 'hq', callerId: null },
    callId: 'c1',
    call: forCall,
  };
  const started = startCodeEntry({
    codeLength: 4,
    maxRetries: 3,
    validateCodes: true,
    allowCallAfterMaxRetries: false,
  });
  if (!started.ok) throw new Error('start');
  let state = started.state;
  const effects: unknown[] = [...started.effects];
  const reasons: string[] = [];
  const feed = async (event: EntryEvent): Promise<void> => {
    const next = advance(state, event);
    state = next.state;
    for (const effect of next.effects) {
      effects.push(effect);
      if (effect.type === 'lookup') {
        const done = await performLookup(effect, built.directory, context);
        const { reason: forTheAdministrator, ...heard } = done.event as { reason?: string };
        if (forTheAdministrator !== undefined) reasons.push(forTheAdministrator);
        effects.push(heard);
        await feed(done.event);
      }
    }
  };
  for (let i = 0; i < times; i++) {
    for (const key of keyed) await feed({ type: 'key', key: key as '0' });
  }
  const status = await store.status({
    settings: DEFAULT_LOCKOUT,
    subject: context.subject,
    at: AT,
  });
  return { effects, record: callRecord(state), reasons, ledger: status };
}

describe('a code its scope refuses', () => {
  it('is to the caller a code not on the list: effects, prompts, attempts, ledger', async () => {
    await fc.assert(
      fc.asyncProperty(scope, call, fc.integer({ min: 1, max: 3 }), async (s, forCall, times) => {
        const scoped = [{ code: '1111', ...s }, { code: '4444' }];
        const built = createCodeDirectory(scoped, 4);
        if (!built.ok) throw new Error('directory');
        const verdict = built.directory.check('1111', forCall);
        fc.pre(!verdict.valid);
        if (!verdict.valid) expect(CODE_REFUSALS.slice(1)).toContain(verdict.reason);
        const refused = await drive(scoped, '1111', times, forCall);
        const unlisted = await drive(scoped, '9999', times, forCall);
        expect(refused.effects).toEqual(
          unlisted.effects.map((e) =>
            typeof e === 'object' && e !== null && 'code' in e
              ? { ...e, code: (e as { code: string }).code.replace('9999', '1111') }
              : e,
          ),
        );
        // The record differs only in the reasons, kept for the administrator.
        const { refusals: refusedWhy, ...refusedRecord } = refused.record;
        const { refusals: unlistedWhy, ...unlistedRecord } = unlisted.record;
        expect(refusedRecord).toEqual(unlistedRecord);
        expect(refused.ledger).toEqual(unlisted.ledger);
        // The record's refusals are the refused look-ups' reasons, in order.
        expect(refusedWhy ?? []).toEqual(refused.reasons);
        expect(unlistedWhy ?? []).toEqual(unlisted.reasons);
        expect(refused.reasons.length).toBeGreaterThan(0);
        expect(new Set(refused.reasons)).toEqual(new Set([verdict.valid ? '' : verdict.reason]));
        expect(new Set(unlisted.reasons)).toEqual(new Set(['not-on-list']));
      }),
      propertyRuns(),
    );
  });
});

describe('the reasons and the gating categories', () => {
  const built = createCodeDirectory(
    [
      { code: '1111', callTypes: ['domestic', 'tollFree'], trunks: ['hq'] },
      { code: '2222', suspended: true },
      { code: '3333', validFrom: '2026-07-01T00:00:00Z', validUntil: '2026-12-31T23:59:59Z' },
      { code: '4444' },
    ],
    4,
  );
  if (!built.ok) throw new Error('directory');
  const { directory } = built;
  const base = { trunk: 'hq', at: AT };

  it('names each refusal', () => {
    expect(directory.check('1111', { ...base, gatedBy: ['international'] })).toEqual({
      valid: false,
      reason: 'not-permitted-call-type',
    });
    expect(directory.check('1111', { ...base, gatedBy: ['tollFree'] }).valid).toBe(true);
    expect(directory.check('1111', { ...base, trunk: 'lab', gatedBy: ['domestic'] })).toEqual({
      valid: false,
      reason: 'not-permitted-trunk',
    });
    expect(directory.check('2222', base)).toEqual({ valid: false, reason: 'suspended' });
    expect(directory.check('3333', base)).toEqual({ valid: false, reason: 'not-yet-valid' });
    expect(directory.check('3333', { ...base, at: Date.parse('2027-01-01T00:00:00Z') })).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(directory.check('3333', { ...base, at: Date.parse('2026-12-31T23:59:59Z') }).valid).toBe(
      true,
    );
    expect(directory.check('5555', base)).toEqual({ valid: false, reason: 'not-on-list' });
    expect(directory.scoped).toBe(3);
  });

  it('tagging checks trunks, suspension and validity, not call types', () => {
    expect(
      directory.check('1111', { ...base, purpose: 'tag', gatedBy: ['international'] }).valid,
    ).toBe(true);
    expect(directory.check('1111', { purpose: 'tag', trunk: 'lab', at: AT }).valid).toBe(false);
    expect(directory.check('2222', { ...base, purpose: 'tag' }).valid).toBe(false);
  });

  it('refuses a scoped code when the call leaves out what its scope depends on (fail closed)', () => {
    expect(directory.check('1111')).toEqual({ valid: false, reason: 'not-permitted-trunk' });
    expect(directory.check('1111', { trunk: 'hq' })).toEqual({
      valid: false,
      reason: 'not-permitted-call-type',
    });
    expect(directory.check('3333', { trunk: 'hq' })).toEqual({
      valid: false,
      reason: 'not-yet-valid',
    });
    expect(directory.check('4444').valid).toBe(true);
  });

  it('gates a call by its required categories, all of them when none is listed', () => {
    const external = (categories: string[]) => ({ kind: 'external', categories });
    expect(gatingCategories(['international'], external(['international', 'mobile']))).toEqual([
      'international',
    ]);
    expect(gatingCategories([], external(['international', 'mobile']))).toEqual([
      'international',
      'mobile',
    ]);
    expect(gatingCategories(['premiumToll'], external([]))).toEqual(['premiumToll']);
    expect(gatingCategories([], external([]))).toEqual(REQUIRED_CALL_TYPES);
    expect(gatingCategories([], { kind: 'internal', categories: [] })).toEqual([]);
    expect(gatingCategories(null as never, null as never)).toEqual(REQUIRED_CALL_TYPES);
  });
});
