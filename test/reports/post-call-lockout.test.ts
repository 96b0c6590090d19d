/**
 * Post-call tagging with validation is admitted against the lockout ledger
 * like any other look-up (docs/rules.md#reports-and-post-call-tagging, docs/rules.md#lockout): a locked scope or an unreachable
 * ledger refuses it, and tagging old records is no oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CodeDirectory,
  createCodeDirectory,
  createMemoryLockoutStore,
  type LockoutSettings,
  type LockoutStore,
  type NotGatedCdr,
  type PostCallLookup,
  type PostCallTagOptions,
  type PostCallTagRequest,
  tagCallRecordWithLookup,
} from '../../src/index.js';
import { deepFreeze, invariantRuns } from '../support/properties.js';
import { postCallOptions, untaggedCall } from './arbitraries.js';

const END = Date.parse('2026-11-02T14:10:00Z');
const record: NotGatedCdr = { ...untaggedCall, callId: 'c-17' };
const options: PostCallTagOptions = postCallOptions({
  validateCodes: true,
  postCallTagMinutes: 1440,
});
const request: PostCallTagRequest = {
  code: '1234',
  at: END + 60_000,
  by: { role: 'administrator', id: 'alice' },
};
const settings: LockoutSettings = {
  maxFailures: 2,
  windowMinutes: 60,
  scope: 'trunk',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 1000,
};

/** The account's list ['1234'], counting the look-ups actually made. */
function countingDirectory(): { directory: CodeDirectory; looked: string[] } {
  const built = createCodeDirectory(['1234'], 4);
  if (!built.ok) throw new Error('directory');
  const looked: string[] = [];
  const inner = built.directory;
  return {
    looked,
    directory: {
      ...inner,
      check: (code, call) => {
        looked.push(code);
        return inner.check(code, call);
      },
    },
  };
}

function setUp(lockout: LockoutSettings | false = settings) {
  const store = createMemoryLockoutStore({ clock: () => END + 60_000 });
  const { directory, looked } = countingDirectory();
  const lookup: PostCallLookup = { directory, store, lockout, accountId: 'acme' };
  return { store, looked, lookup };
}

const failureIds = (store: ReturnType<typeof createMemoryLockoutStore>): string[] =>
  Object.values(store.snapshot().scopes).flatMap((entry) => entry.failures.map((f) => f.id));

describe('tagCallRecordWithLookup (docs/rules.md#post-call-tagging, admitted per docs/rules.md#lockout)', () => {
  it('tags on a hit, and the hit refunds its admission', async () => {
    const { store, looked, lookup } = setUp();
    const done = await tagCallRecordWithLookup(record, request, options, lookup);
    expect(done.result.kind === 'tagged' && done.result.tag).toMatchObject({
      newCode: '1234',
      validated: true,
    });
    expect(looked).toEqual(['1234']);
    expect(failureIds(store)).toEqual([]);
  });

  it('counts a miss on the trunk under the post-call admission id, never the call entry ids', async () => {
    const { store, lookup } = setUp();
    const done = await tagCallRecordWithLookup(
      record,
      { ...request, code: '9999' },
      options,
      lookup,
    );
    expect(done.result.kind === 'refused' && done.result.error.code).toBe('not-in-list');
    expect(failureIds(store)).toEqual(['c-17:post-call#19999']);
    expect(done.status?.failures).toBe(1);
  });

  it('answers a retried miss from the ledger: no second look-up, no second count', async () => {
    const { store, looked, lookup } = setUp();
    const miss = { ...request, code: '9999' };
    await tagCallRecordWithLookup(record, miss, options, lookup);
    const retried = await tagCallRecordWithLookup(record, miss, options, lookup);
    expect(retried.result.kind === 'refused' && retried.result.error.code).toBe('not-in-list');
    expect(looked).toEqual(['9999']);
    expect(failureIds(store)).toHaveLength(1);
  });

  it('two administrators at once: one code is one admission, two codes are two', async () => {
    const { store, lookup } = setUp({ ...settings, maxFailures: 5 });
    const bob = { ...request, code: '9999', by: { role: 'administrator', id: 'bob' } } as const;
    await Promise.all([
      tagCallRecordWithLookup(record, { ...request, code: '9999' }, options, lookup),
      tagCallRecordWithLookup(record, bob, options, lookup),
    ]);
    expect(failureIds(store)).toEqual(['c-17:post-call#19999']);
    await Promise.all([
      tagCallRecordWithLookup(record, { ...request, code: '5555' }, options, lookup),
      tagCallRecordWithLookup(record, { ...bob, code: '5556' }, options, lookup),
    ]);
    expect(failureIds(store)).toHaveLength(3);
  });

  it('a locked scope refuses post-call tagging, a valid code too, without a look-up', async () => {
    const { looked, lookup } = setUp();
    const first = await tagCallRecordWithLookup(
      record,
      { ...request, code: '9998' },
      options,
      lookup,
    );
    const second = await tagCallRecordWithLookup(
      { ...record, callId: 'c-18' },
      { ...request, code: '9997' },
      options,
      lookup,
    );
    expect(first.alerts).toEqual([]);
    expect(second.alerts.map((a) => a.type)).toEqual(['scope-locked']);
    const locked = await tagCallRecordWithLookup(record, request, options, lookup);
    expect(locked.result.kind === 'refused' && locked.result.error.code).toBe('locked-out');
    expect(looked).toEqual(['9998', '9997']);
  });

  it('counts on the caller and on the trunk with caller scope', async () => {
    const { store, lookup } = setUp({ ...settings, scope: 'caller' });
    await tagCallRecordWithLookup(
      { ...record, caller: '(212) 555-0147' },
      { ...request, code: '9999' },
      options,
      lookup,
    );
    expect(Object.values(store.snapshot().scopes).map((e) => [e.key.kind, e.key.callerId])).toEqual(
      expect.arrayContaining([
        ['caller', '2125550147'],
        ['trunk', null],
      ]),
    );
  });

  it('fails closed when the ledger cannot be reached', async () => {
    const { lookup } = setUp();
    const failing: LockoutStore = {
      ...lookup.store,
      admit: () => Promise.reject(new Error('connection refused')),
    };
    const done = await tagCallRecordWithLookup(record, request, options, {
      ...lookup,
      store: failing,
    });
    expect(done.result.kind === 'refused' && done.result.error.code).toBe('ledger-unavailable');
    expect(done.problem?.message).toMatch(/connection refused/);
  });

  it('refuses a record without a trunk while lockout is on; with lockout off, it just looks up', async () => {
    const noTrunk = { ...record, trunk: null };
    const on = await tagCallRecordWithLookup(noTrunk, request, options, setUp().lookup);
    expect(on.result.kind === 'refused' && on.result.error.code).toBe('no-trunk');
    const off = await tagCallRecordWithLookup(noTrunk, request, options, setUp(false).lookup);
    expect(off.result.kind).toBe('tagged');
  });

  it('makes no look-up for a refused request (a gated call, a late tag, tracking mode)', async () => {
    const { store, looked, lookup } = setUp();
    const late = await tagCallRecordWithLookup(
      record,
      { ...request, at: END + 1441 * 60_000 },
      options,
      lookup,
    );
    expect(late.result.kind === 'refused' && late.result.error.code).toBe('too-late');
    const tracking = await tagCallRecordWithLookup(
      record,
      { ...request, code: '9999' },
      postCallOptions({ postCallTagMinutes: 1440 }),
      lookup,
    );
    expect(tracking.result.kind).toBe('tagged');
    expect(looked).toEqual([]);
    expect(failureIds(store)).toEqual([]);
  });

  it('never mutates its inputs', async () => {
    const { lookup } = setUp();
    const frozen = deepFreeze({
      record: { ...record },
      request: { ...request },
      options: { ...options },
    });
    const before = JSON.stringify(frozen);
    const done = await tagCallRecordWithLookup(
      frozen.record,
      frozen.request,
      frozen.options,
      lookup,
    );
    expect(done.result.kind).toBe('tagged');
    expect(JSON.stringify(frozen)).toBe(before);
  });

  it('tells a guesser at most maxFailures wrong codes per window on one scope, however requests interleave', async () => {
    const requestArb = fc.record({
      record: fc.integer({ min: 0, max: 3 }),
      code: fc.constantFrom('1234', '0000', '0001', '0002', '4321', '7777', '8888'),
      minute: fc.integer({ min: 0, max: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          maxFailures: fc.integer({ min: 1, max: 4 }),
          windowMinutes: fc.integer({ min: 1, max: 10 }),
          unlockAfterMinutes: fc.integer({ min: 0, max: 10 }),
        }),
        fc.array(fc.array(requestArb, { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
        async (limits, batches) => {
          const lockout: LockoutSettings = {
            maxFailures: limits.maxFailures,
            windowMinutes: limits.windowMinutes,
            scope: 'trunk',
            unlockAfterMinutes: limits.windowMinutes + limits.unlockAfterMinutes,
            maxFailuresPerDay: 1000,
          };
          const store = createMemoryLockoutStore({ clock: () => END });
          const built = createCodeDirectory(['1234'], 4);
          if (!built.ok) throw new Error('directory');
          // What a guesser learns: which codes missed, and when. The same code
          // looked up twice at once (a shared admission) tells nothing new.
          const misses: { at: number; code: string }[] = [];
          let now = END;
          for (const batch of batches) {
            // A batch runs at once (two administrators, a retried request); time moves between batches.
            now += (batch[0]?.minute ?? 0) * 60_000;
            const at = now;
            const directory: CodeDirectory = {
              ...built.directory,
              check: (code, call) => {
                const verdict = built.directory.check(code, call);
                if (!verdict.valid) misses.push({ at, code });
                return verdict;
              },
            };
            await Promise.all(
              batch.map((r) =>
                tagCallRecordWithLookup(
                  { ...record, callId: `c-${r.record}` },
                  { ...request, code: r.code, at: END + 60_000 },
                  options,
                  { directory, store, lockout, accountId: 'acme', at },
                ),
              ),
            );
            // The ledger keeps misses 24 hours; those in the window are what the limit bounds.
            const recorded = Object.values(store.snapshot().scopes)
              .flatMap((e) => e.failures)
              .filter((f) => f.at > at - lockout.windowMinutes * 60_000);
            expect(recorded.length).toBeLessThanOrEqual(lockout.maxFailures);
          }
          const window = lockout.windowMinutes * 60_000;
          for (const { at: start } of misses) {
            const learnt = new Set(
              misses.filter(({ at }) => at >= start && at < start + window).map((m) => m.code),
            );
            expect(learnt.size).toBeLessThanOrEqual(lockout.maxFailures);
          }
        },
      ),
      invariantRuns(),
    );
  });
});
