/**
 * A look-up effect without a code (docs/rules.md#lockout) is answered invalid
 * without asking the ledger: nothing to count, nothing to lock.
 */
import { describe, expect, it } from 'vitest';
import {
  createCodeDirectory,
  createMemoryLockoutStore,
  type LockoutStore,
  performLookup,
} from '../../src/index.js';

describe('performLookup with an effect that carries no code', () => {
  it('answers invalid with no alerts, no status and no problem, and asks the ledger nothing', async () => {
    const built = createCodeDirectory(['1234'], 4);
    if (!built.ok) throw new Error('directory');
    const calls: string[] = [];
    const memory = createMemoryLockoutStore({ clock: () => 0 });
    const store: LockoutStore = new Proxy(memory, {
      get: (target, name) => {
        calls.push(String(name));
        return Reflect.get(target, name);
      },
    });
    const settings = {
      maxFailures: 2,
      windowMinutes: 30,
      scope: 'trunk',
      unlockAfterMinutes: 30,
      maxFailuresPerDay: 1000,
    } as const;
    for (const effect of [{ type: 'lookup', attempt: 1 }, null]) {
      const done = await performLookup(effect as never, built.directory, {
        lockout: settings,
        store,
        subject: { accountId: 'acme', trunkId: 'hq', callerId: null },
        callId: 'c1',
      });
      expect(done).toEqual({
        event: { type: 'lookup-result', valid: false },
        alerts: [],
        status: null,
        problem: null,
      });
    }
    expect(calls).toEqual([]);
  });
});
