/**
 * docs/rules.md#lockout: an admission or settlement on a ledger reads and
 * writes only its subject's scopes — the pure functions too. Their answer's
 * `changes` are what they wrote; the new `ledger` is built only when read.
 * A store that applies `changes` to its own table holds what the chain of
 * whole ledgers holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admitLookup,
  isForgettable,
  type LockoutLedger,
  type ScopeEntry,
  settleLookup,
} from '../../src/lockout/ledger.js';
import { keysOf, scopeKeyId } from '../../src/lockout/scope.js';
import { deepFreeze, propertyRuns } from '../support/properties.js';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const settings = {
  maxFailures: 3,
  windowMinutes: 10,
  scope: 'caller',
  unlockAfterMinutes: 10,
  maxFailuresPerDay: 5,
} as const;
const callers = ['201', '202', null] as const;

const stepArb = fc.record({
  settle: fc.boolean(),
  hit: fc.boolean(),
  call: fc.nat(4),
  caller: fc.nat(2),
  trunk: fc.constantFrom('hq', 'lab'),
  minutes: fc.oneof(fc.nat(5), fc.constantFrom(60, 1440, 3 * 1440)),
});
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

function operate(ledger: LockoutLedger, step: Step, now: number) {
  const subject = {
    accountId: 'acme',
    trunkId: step.trunk,
    callerId: callers[step.caller] ?? null,
  };
  const request = { settings, subject, callId: `c${step.call}`, attempt: 1 };
  return step.settle
    ? settleLookup(ledger, { ...request, hit: step.hit }, now)
    : admitLookup(ledger, request, now);
}

/** What still counts at `now`: entries nothing can forget yet, as plain JSON. */
function counting(entries: Iterable<[string, unknown]>, now: number): Record<string, unknown> {
  return Object.fromEntries([...entries].filter(([, e]) => !isForgettable(e, now)));
}

describe('the pure functions write only what they touch', () => {
  it('a store applying `changes` holds what the chain of ledgers holds', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        let ledger: LockoutLedger = { version: 2, scopes: {} };
        const table = new Map<string, ScopeEntry>();
        let now = T0;
        for (const step of steps) {
          now += step.minutes * 60_000;
          const done = operate(ledger, step, now);
          if (!done.ok) throw new Error(done.error.message);
          for (const [id, entry] of Object.entries(done.changes)) {
            if (entry === null) table.delete(id);
            else table.set(id, entry);
          }
          if (Object.keys(done.changes).length === 0) expect(done.ledger).toBe(ledger);
          ledger = done.ledger;
          expect(counting(table, now)).toEqual(counting(Object.entries(ledger.scopes), now));
        }
      }),
      propertyRuns(),
    );
  });

  it('reads only the subject’s scopes and never lists the ledger until its `ledger` is read', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 20 }), (steps) => {
        let ledger: LockoutLedger = { version: 2, scopes: {} };
        let now = T0;
        for (const step of steps) {
          now += step.minutes * 60_000;
          const read: string[] = [];
          let listed = 0;
          const scopes = new Proxy(deepFreeze({ ...ledger.scopes }), {
            get(target, id, receiver) {
              if (typeof id === 'string') read.push(id);
              return Reflect.get(target, id, receiver);
            },
            getOwnPropertyDescriptor(target, id) {
              if (typeof id === 'string') read.push(id);
              return Reflect.getOwnPropertyDescriptor(target, id);
            },
            ownKeys(target) {
              listed++;
              return Reflect.ownKeys(target);
            },
          });
          const done = operate({ version: 2, scopes }, step, now);
          if (!done.ok) throw new Error(done.error.message);
          const subject = {
            accountId: 'acme',
            trunkId: step.trunk,
            callerId: callers[step.caller] ?? null,
          };
          const own = new Set(keysOf(settings, subject).map(({ key }) => scopeKeyId(key)));
          expect(listed).toBe(0);
          expect(read.filter((id) => !own.has(id))).toEqual([]);
          ledger = done.ledger;
          // Reading it builds the new ledger from the input (O(ledger), once).
          expect({ ...ledger.scopes }).toEqual(ledger.scopes);
        }
      }),
      propertyRuns({ numRuns: 50 }),
    );
  });
});
