/**
 * docs/rules.md#lockout, the store and the look-up it guards: a memory store answers a
 * request that is not an object with a typed problem, never a rejection; when
 * settling fails, performLookup still reports the status the admission left;
 * a store that fails with something other than an Error is named in the
 * problem; a trunk id may be 64 characters long.
 */
import { describe, expect, it } from 'vitest';
import {
  type CodeDirectory,
  createCodeDirectory,
  createMemoryLockoutStore,
  type LockoutSettings,
  type LockoutStore,
  lockoutGate,
  performLookup,
} from '../../src/index.js';

const SETTINGS: LockoutSettings = {
  maxFailures: 2,
  windowMinutes: 30,
  scope: 'trunk',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 1000,
};
const SUBJECT = { accountId: 'acme', trunkId: 'hq', callerId: null };
const AT = Date.parse('2026-12-01T10:00:00Z');
const down = {
  ok: false as const,
  error: { code: 'ledger-unavailable' as const, path: [], message: 'down' },
};

function directory(): CodeDirectory {
  const built = createCodeDirectory(['1234'], 4);
  if (!built.ok) throw new Error('directory');
  return built.directory;
}

describe('the memory store with a request that is not an object', () => {
  it.each([null, undefined])('%s: every operation answers invalid-request', async (request) => {
    const store = createMemoryLockoutStore({ clock: () => AT });
    const bad = request as never;
    for (const operation of [store.admit, store.settle, store.status, store.list, store.unblock]) {
      await expect(operation(bad)).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    expect(store.snapshot()).toEqual({ version: 2, scopes: {} });
  });
});

describe('performLookup when settling fails', () => {
  it("reports the status the admission left, with the store's problem", async () => {
    const inner = createMemoryLockoutStore({ clock: () => AT });
    const store: LockoutStore = { ...inner, settle: async () => down };
    const done = await performLookup({ type: 'lookup', code: '9999', attempt: 1 }, directory(), {
      lockout: SETTINGS,
      store,
      subject: SUBJECT,
      callId: 'c1',
    });
    expect(done).toMatchObject({
      event: { type: 'lookup-result', code: '9999', valid: false },
      alerts: [],
      status: { failures: 1, admits: true, keys: [{ open: 1 }] },
      problem: down.error,
    });
  });
});

describe('performLookup when the store fails with something other than an Error', () => {
  it('names what it failed with in the problem, and fails closed', async () => {
    const inner = createMemoryLockoutStore({ clock: () => AT });
    const store: LockoutStore = { ...inner, admit: () => Promise.reject('socket hang up') };
    const done = await performLookup({ type: 'lookup', code: '1234', attempt: 1 }, directory(), {
      lockout: SETTINGS,
      store,
      subject: SUBJECT,
      callId: 'c1',
    });
    expect(done).toEqual({
      event: { type: 'lookup-refused', code: '1234', reason: 'ledger-unavailable' },
      alerts: [],
      status: null,
      problem: {
        code: 'ledger-unavailable',
        path: [],
        message: 'the lockout ledger failed: socket hang up',
      },
    });
  });
});

describe('trunk ids', () => {
  it('a trunk id of 64 characters is a subject; of 65 it is not', async () => {
    const store = createMemoryLockoutStore({ clock: () => AT });
    const status = (trunkId: string) =>
      store.status({ settings: SETTINGS, subject: { ...SUBJECT, trunkId } });
    expect(await status('t'.repeat(64))).toMatchObject({ ok: true });
    expect(await status('t'.repeat(65))).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        path: ['subject', 'trunkId'],
        message: `subject.trunkId must be a string of 1 to 64 characters; got "${'t'.repeat(40)}…"`,
      },
    });
  });
});

describe('performLookup and lockoutGate say what the ledger said', () => {
  const context = (store: LockoutStore) => ({
    lockout: SETTINGS,
    store,
    subject: SUBJECT,
    callId: 'c1',
  });

  it("a store that throws an Error is named by the Error's message", async () => {
    const inner = createMemoryLockoutStore({ clock: () => AT });
    const store: LockoutStore = {
      ...inner,
      admit: () => Promise.reject(new Error('ECONNREFUSED')),
      status: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    const problem = {
      code: 'ledger-unavailable',
      path: [],
      message: 'the lockout ledger failed: ECONNREFUSED',
    };
    const done = await performLookup(
      { type: 'lookup', code: '1234', attempt: 1 },
      directory(),
      context(store),
    );
    expect(done.problem).toEqual(problem);
    expect(await lockoutGate(context(store))).toEqual({
      gate: 'ledger-unavailable',
      status: null,
      problem,
    });
  });

  it('a locked line is refused with its status and no problem; the gate says the same', async () => {
    const store = createMemoryLockoutStore({ clock: () => AT });
    for (const callId of ['a', 'b']) {
      await performLookup({ type: 'lookup', code: '9999', attempt: 1 }, directory(), {
        ...context(store),
        callId,
      });
    }
    const refused = await performLookup(
      { type: 'lookup', code: '1234', attempt: 1 },
      directory(),
      context(store),
    );
    expect(refused).toEqual({
      event: { type: 'lookup-refused', code: '1234', reason: 'locked-out' },
      alerts: [],
      status: expect.objectContaining({ locked: true, failures: 2, admits: false }),
      problem: null,
    });
    expect(await lockoutGate(context(store))).toEqual({
      gate: 'locked-out',
      status: expect.objectContaining({ locked: true }),
      problem: null,
    });
  });

  it('a replayed attempt already settled as a miss is answered invalid with the status, asking nothing', async () => {
    const store = createMemoryLockoutStore({ clock: () => AT });
    const effect = { type: 'lookup' as const, code: '9999', attempt: 1 };
    await performLookup(effect, directory(), context(store));
    const replay = await performLookup({ ...effect, code: '1234' }, directory(), context(store));
    expect(replay).toEqual({
      event: { type: 'lookup-result', code: '1234', valid: false },
      alerts: [],
      status: expect.objectContaining({ failures: 1, locked: false }),
      problem: null,
    });
  });
});
