import { describe, expect, it } from 'vitest';
import {
  type AdmitRequest,
  type CodeDirectory,
  createCodeDirectory,
  createMemoryLockoutStore,
  type LockoutSettings,
  type LockoutStore,
  lockoutGate,
  performLookup,
  type StatusRequest,
} from '../../src/index.js';
import { deepFreeze } from '../support/properties.js';

const SETTINGS: LockoutSettings = {
  maxFailures: 2,
  windowMinutes: 30,
  scope: 'trunk',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 1000,
};
const SUBJECT = { accountId: 'acme', trunkId: 'hq', callerId: null };
const AT = Date.parse('2026-12-01T10:00:00Z');

function directory(): CodeDirectory {
  const built = createCodeDirectory(['1234'], 4);
  if (!built.ok) throw new Error('directory');
  return built.directory;
}

/** Calls `after` once `log` has `entry`: spies on the order of calls. */
function logged<A extends unknown[], R>(
  log: string[],
  entry: (...args: A) => string,
  after: (...args: A) => R,
) {
  return (...args: A): R => {
    log.push(entry(...args));
    return after(...args);
  };
}

/** A store that records the order of calls around the real memory store. */
function recording(
  log: string[],
  inner: LockoutStore = createMemoryLockoutStore({ clock: () => AT }),
): LockoutStore {
  return {
    admit: logged(log, (_: AdmitRequest) => 'admit', inner.admit),
    settle: logged(log, (r) => `settle ${r.hit}`, inner.settle),
    status: logged(log, (_: StatusRequest) => 'status', inner.status),
    list: (r) => inner.list(r),
    unblock: (r) => inner.unblock(r),
  };
}

describe('performLookup (docs/rules.md#lockout)', () => {
  it('admits, looks up, then settles, and answers the machine', async () => {
    const log: string[] = [];
    const dir = directory();
    const watched: CodeDirectory = {
      ...dir,
      check: logged(log, (_: string) => 'look up', dir.check),
    };
    const context = deepFreeze({
      lockout: SETTINGS,
      store: recording(log),
      subject: SUBJECT,
      callId: 'c1',
    });
    const effect = deepFreeze({ type: 'lookup', code: '1234', attempt: 1 } as const);
    const done = await performLookup(effect, watched, context);
    expect(log).toEqual(['admit', 'look up', 'settle true']);
    expect(done).toMatchObject({
      event: { type: 'lookup-result', code: '1234', valid: true },
      alerts: [],
      problem: null,
    });
  });

  it('says locked on the miss that locks, with the alert; the next look-up is refused unperformed', async () => {
    const store = createMemoryLockoutStore({ clock: () => AT });
    const context = { lockout: SETTINGS, store, subject: SUBJECT, callId: 'c1' };
    await performLookup({ type: 'lookup', code: '0000', attempt: 1 }, directory(), context);
    const locking = await performLookup(
      { type: 'lookup', code: '0001', attempt: 2 },
      directory(),
      context,
    );
    expect(locking.event).toEqual({
      type: 'lookup-result',
      code: '0001',
      valid: false,
      reason: 'not-on-list',
      locked: true,
    });
    expect(locking.alerts).toMatchObject([{ type: 'scope-locked', failures: 2 }]);
    const log: string[] = [];
    const dir = directory();
    const refused = await performLookup(
      { type: 'lookup', code: '1234', attempt: 1 },
      { ...dir, check: logged(log, (_: string) => 'look up', dir.check) },
      { ...context, callId: 'c2' },
    );
    expect(refused.event).toEqual({ type: 'lookup-refused', code: '1234', reason: 'locked-out' });
    expect(log).toEqual([]);
    expect(await lockoutGate(context)).toMatchObject({
      gate: 'locked-out',
      status: { locked: true },
    });
  });

  it('fails closed when the store fails or throws', async () => {
    const down = async () => ({
      ok: false as const,
      error: { code: 'ledger-unavailable' as const, path: [], message: 'down' },
    });
    const failing: LockoutStore = {
      admit: down,
      settle: down,
      status: down,
      list: down,
      unblock: down,
    };
    const throwing: LockoutStore = {
      ...failing,
      admit: () => Promise.reject(new Error('ECONNREFUSED')),
      status: () => {
        throw new Error('ECONNREFUSED');
      },
    };
    for (const store of [failing, throwing]) {
      const context = { lockout: SETTINGS, store, subject: SUBJECT, callId: 'c1' };
      const done = await performLookup(
        { type: 'lookup', code: '1234', attempt: 1 },
        directory(),
        context,
      );
      expect(done.event).toEqual({
        type: 'lookup-refused',
        code: '1234',
        reason: 'ledger-unavailable',
      });
      expect(done.problem?.code).toBe('ledger-unavailable');
      expect((await lockoutGate(context)).gate).toBe('ledger-unavailable');
    }
  });

  it('keeps the answer when only settling fails: the admission stays a miss', async () => {
    const inner = createMemoryLockoutStore({ clock: () => AT });
    const store: LockoutStore = {
      ...inner,
      settle: async () => ({
        ok: false,
        error: { code: 'ledger-unavailable', path: [], message: 'down' },
      }),
    };
    const done = await performLookup({ type: 'lookup', code: '1234', attempt: 1 }, directory(), {
      lockout: SETTINGS,
      store,
      subject: SUBJECT,
      callId: 'c1',
    });
    expect(done.event).toEqual({ type: 'lookup-result', code: '1234', valid: true });
    expect(done.problem?.code).toBe('ledger-unavailable');
    expect(inner.snapshot().scopes['["acme","trunk","hq",null]']?.failures).toHaveLength(1);
  });

  it('with lockout off, answers from the directory and never touches the store', async () => {
    const log: string[] = [];
    const context = {
      lockout: false as const,
      store: recording(log),
      subject: SUBJECT,
      callId: 'c1',
    };
    const done = await performLookup(
      { type: 'lookup', code: '9999', attempt: 1 },
      directory(),
      context,
    );
    expect(done.event).toEqual({
      type: 'lookup-result',
      code: '9999',
      valid: false,
      reason: 'not-on-list',
    });
    expect((await lockoutGate(context)).gate).toBe('open');
    expect(log).toEqual([]);
  });

  it('answers a replayed admission id that already missed as that miss: no look-up, no second count', async () => {
    const log: string[] = [];
    const dir = directory();
    const watched: CodeDirectory = {
      ...dir,
      check: logged(log, (_: string) => 'look up', dir.check),
    };
    const store = createMemoryLockoutStore({ clock: () => AT });
    const context = { lockout: SETTINGS, store, subject: SUBJECT, callId: 'c1' };
    await performLookup({ type: 'lookup', code: '9999', attempt: 1 }, watched, context);
    const replayed = await performLookup(
      { type: 'lookup', code: '1234', attempt: 1 },
      watched,
      context,
    );
    expect(replayed.event).toEqual({ type: 'lookup-result', code: '1234', valid: false });
    expect(log).toEqual(['look up']);
    expect(replayed.status?.failures).toBe(1);
  });

  it('fails closed on an effect without an attempt number', async () => {
    const done = await performLookup({ type: 'lookup', code: '1234' } as never, directory(), {
      lockout: SETTINGS,
      store: createMemoryLockoutStore({ clock: () => AT }),
      subject: SUBJECT,
      callId: 'c1',
    });
    expect(done.event).toEqual({
      type: 'lookup-refused',
      code: '1234',
      reason: 'ledger-unavailable',
    });
    expect(done.problem?.code).toBe('invalid-request');
  });
});
