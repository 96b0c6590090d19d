/**
 * Issue 17: concurrent calls on one ledger, driven the way an integration
 * drives the library (the CLI's call driver: lockoutGate, the machines,
 * performLookup), with fast-check's scheduler deciding the order in which
 * every store operation of every call completes — and, now and then, failing
 * one (the store is down). The calls are a mix of:
 *
 * - code-gated calls (international on hq): keys, `*` clears, `#` submits,
 *   timeouts, hang-ups;
 * - not-gated calls with mid-call tagging (a domestic number on hq): the star
 *   code `*50` keyed at ANY point among the far-end digits, any number of times;
 * - emergency calls (911): keys are just DTMF.
 *
 * Invariants: the misses recorded on the line never exceed maxFailures; a
 * gated call connects only with an admitted, answered look-up of a listed
 * code; a call whose admission failed never connects on that look-up; an
 * emergency call always connects at once.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKeys, startCall, type TranscriptItem } from '../../src/cli/call.js';
import { type Config, createMemoryLockoutStore, type LockoutStore } from '../../src/index.js';
import { propertyRuns } from '../support/properties.js';

const AT = Date.parse('2026-12-01T10:00:00Z');
const MAX_FAILURES = 4;
const LOCKOUT = {
  maxFailures: MAX_FAILURES,
  windowMinutes: 60,
  scope: 'trunk',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 1000,
} as const;
const config: Config = (() => {
  const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  acme.account.settings.lockout = LOCKOUT;
  return acme;
})();
const LISTED = new Set(config.account.codes.map((c) => c.code));
const GATED = '9011442079460958';
const MID_CALL = '2125550147';
const EMERGENCY = '911';
const subject = { accountId: null, trunkId: 'hq', callerId: null };

const digit = fc.constantFrom(...'0123456789');
/** Codes: listed ones, near misses, wrong lengths. */
const codeArb = fc.oneof(
  fc.constantFrom(...LISTED),
  fc.string({ unit: digit, minLength: 4, maxLength: 4 }),
  fc.string({ unit: digit, minLength: 1, maxLength: 6 }),
);
/** What one caller does: codes, clears, submits, pauses, a hang-up; `*50` anywhere. */
const keysArb = fc
  .array(
    fc.oneof(
      codeArb,
      fc.constantFrom('*', '#', 'T', 'H', '*50', '*5', '**50'),
      fc.string({ unit: digit, maxLength: 3 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));
const callArb = fc.record({ dial: fc.constantFrom(GATED, MID_CALL, EMERGENCY), keys: keysArb });

/** `store` with every operation completed when the scheduler says, or failed when `failing` says. */
function scheduled(
  store: LockoutStore,
  s: fc.Scheduler,
  failing: (n: number) => boolean,
  admitted: Set<string>,
) {
  let n = 0;
  const wrap =
    <R, A>(run: (request: R) => Promise<A>) =>
    (request: R): Promise<A> => {
      const fails = failing(n++);
      return s.schedule(
        fails ? Promise.reject(new Error('the store is down')) : run(request),
      ) as Promise<A>;
    };
  return {
    // Which look-ups the ledger admitted: `callId#attempt`.
    admit: wrap(async (request: Parameters<LockoutStore['admit']>[0]) => {
      const answer = await store.admit(request);
      if (answer.ok && answer.value.admitted) admitted.add(`${request.callId}#${request.attempt}`);
      return answer;
    }),
    settle: wrap(store.settle),
    status: wrap(store.status),
    list: wrap(store.list),
    unblock: wrap(store.unblock),
  } as LockoutStore;
}

function connectsAfter(transcript: readonly TranscriptItem[]) {
  return transcript.findIndex((item) => item.type === 'connect');
}

describe('concurrent calls on one ledger (docs/rules.md#lockout, issue 17)', () => {
  it('never more than maxFailures misses, no gated call without an admitted hit, emergency always', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(callArb, { minLength: 2, maxLength: 6 }),
        fc.array(fc.nat(40), { maxLength: 3 }),
        async (s, calls, failures) => {
          const store = createMemoryLockoutStore({ clock: () => AT });
          const admitted = new Set<string>();
          const shared = scheduled(store, s, (n) => failures.includes(n), admitted);
          const runs = calls.map(async (call, i) => {
            const started = await startCall(config, 'hq', call.dial, {
              store: shared,
              subject,
              callId: `call-${i}`,
              at: AT,
            });
            if (!started.ok) throw new Error(started.message);
            const parsed = parseKeys(call.keys);
            if (!parsed.ok) throw new Error('keys');
            for (const action of parsed.actions) {
              if (started.session.done()) break;
              await started.session.step(action);
            }
            return { call, result: started.session.call() };
          });
          const results = await s.waitFor(Promise.all(runs));
          const status = await store.status({ settings: LOCKOUT, subject, at: AT });
          if (!status.ok) throw new Error(status.error.message);
          expect(status.value.failures).toBeLessThanOrEqual(MAX_FAILURES);
          for (const [i, { call, result }] of results.entries()) {
            const { transcript, outcome } = result;
            // Every answered look-up was admitted first (docs/rules.md#lockout): a refused or failed
            // admission is never looked up, so it can neither connect nor tag.
            transcript.forEach((item, at) => {
              if (item.type !== 'lookup-result' || item.code === undefined) return;
              const asked = [...transcript.slice(0, at)].reverse().find((e) => e.type === 'lookup');
              const attempt = (asked as { attempt: number }).attempt;
              expect(admitted.has(`call-${i}#${attempt}`)).toBe(true);
            });
            if (call.dial === EMERGENCY) {
              expect(transcript[0]).toMatchObject({ type: 'connect' });
              expect(transcript.some((item) => item.type === 'lookup')).toBe(false);
              continue;
            }
            if (call.dial !== GATED) continue;
            const connect = connectsAfter(transcript);
            if (connect === -1) continue;
            // The connect follows an answered look-up of a listed code (acme's hq has
            // allowCallAfterMaxRetries off).
            const before = transcript.slice(0, connect);
            const answer = [...before].reverse().find((item) => item.type === 'lookup-result');
            expect(answer).toMatchObject({ type: 'lookup-result', valid: true });
            expect(LISTED.has((answer as { code: string }).code)).toBe(true);
            expect(before.at(-1)?.type).not.toBe('lookup-refused');
            expect(outcome?.result).toBe('connected');
          }
        },
      ),
      propertyRuns(),
    );
  });
});
