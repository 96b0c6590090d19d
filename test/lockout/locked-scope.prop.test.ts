/**
 * docs/rules.md#invariants, docs/rules.md#lockout: a locked scope never connects a code-gated call and never
 * blocks an emergency, exempt or not-gated call. Whole calls, driven as the
 * simulator drives them (resolve, classify, decide, gate, machine,
 * performLookup), on a ledger where every scope is locked or unreachable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startCall } from '../../src/cli/call.js';
import { type Config, type LockoutStore, parseConfig } from '../../src/index.js';
import { nanpNumberArb } from '../classify/arbitraries.js';
import { validConfigFileArb } from '../support/arbitraries.js';
import { invariantRuns } from '../support/properties.js';

/** An integrator's store that answers every question with "locked", or fails every call. */
function lockedStore(how: 'locked' | 'unavailable'): LockoutStore {
  const fail = async () => ({
    ok: false as const,
    error: { code: 'ledger-unavailable' as const, path: [], message: 'down' },
  });
  if (how === 'unavailable')
    return { admit: fail, settle: fail, status: fail, list: fail, unblock: fail };
  const key = { accountId: null, kind: 'trunk' as const, trunkId: 'x', callerId: null };
  const status = {
    scope: key,
    locked: true,
    failures: 1,
    limit: 1,
    failuresToday: 1,
    dailyLimit: 30,
    reason: 'window' as const,
    unlocksAt: null,
    admits: false,
    keys: [],
  };
  return {
    admit: async () => ({
      ok: true,
      value: { admitted: false, id: 'x#1', reason: 'locked', status },
    }),
    settle: fail,
    status: async () => ({ ok: true, value: status }),
    list: async () => ({ ok: true, value: [] }),
    unblock: async () => ({ ok: true, value: { cleared: [] } }),
  };
}

const dialArb = fc.oneof(
  fc.constantFrom(
    '911',
    '9911',
    '1911',
    '112',
    '988',
    '711',
    '933',
    '999',
    '000',
    '110',
    '15',
    '17',
  ),
  nanpNumberArb,
  fc.constantFrom('011442079460958', '+442079460958', '1-900-555-0123', '411', '0', '101', '1001'),
);

const keysArb = fc.string({ unit: fc.constantFrom(...'0123456789*#TH'), maxLength: 20 });

describe('a locked or unreachable ledger (docs/rules.md#invariants, docs/rules.md#lockout)', () => {
  it('never connects a code-gated call, and never blocks an emergency, exempt or not-gated call', async () => {
    await fc.assert(
      fc.asyncProperty(
        validConfigFileArb,
        dialArb,
        keysArb,
        fc.constantFrom('locked' as const, 'unavailable' as const),
        async (file, dialed, keys, how) => {
          const parsed = parseConfig(file);
          if (!parsed.ok) throw new Error('the arbitrary gave an invalid file');
          const config: Config = parsed.config;
          for (const trunk of config.trunks) {
            const started = await startCall(config, trunk.id, dialed, {
              store: lockedStore(how),
              subject: { accountId: null, trunkId: trunk.id, callerId: null },
              callId: 'call',
            });
            if (!started.ok) throw new Error(started.message);
            const { session } = started;
            for (const letter of keys) {
              if (session.done()) break;
              await session.step(
                letter === 'T'
                  ? { type: 'timeout' }
                  : letter === 'H'
                    ? { type: 'hangup' }
                    : { type: 'key', key: letter as '1' },
              );
            }
            const call = session.call();
            if (call.decision === null) continue;
            const connects = call.transcript.filter((item) => item.type === 'connect');
            if (!call.decision.required) {
              // Not gated (emergency and exempt numbers included): connected at once, never ended.
              expect(call.outcome?.result).toBe('not-required');
              expect(call.transcript[0]).toEqual({
                type: 'connect',
                accountCode: null,
                validated: false,
              });
              expect(call.transcript.some((item) => item.type === 'end')).toBe(false);
            } else if (call.resolved?.settings.validateCodes) {
              // Gated with validation: never connected, whatever allowCallAfterMaxRetries says.
              expect(connects).toEqual([]);
              expect(call.outcome?.result).toBe(
                how === 'locked' ? 'locked-out' : 'ledger-unavailable',
              );
              expect(call.outcome?.attempts).toBe(0);
            }
            if (call.classification.kind === 'emergency') {
              expect(call.transcript.filter((item) => item.type === 'play')).toEqual([]);
            }
          }
        },
      ),
      invariantRuns(),
    );
  });
});
