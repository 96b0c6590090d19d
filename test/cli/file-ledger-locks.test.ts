/**
 * The file ledger of docs/rules.md#lockout in-process (src/lockout/file-store.ts), on a real
 * temporary directory: how `--ledger` is opened, what an unreadable or
 * malformed file answers, and the lock file's rules — a live holder is waited
 * for, a dead holder on this host or a lock older than 30 s is broken, a
 * holder on another host is trusted until then, and after 20 s of waiting
 * the ledger is `ledger-unavailable`. Waits run on fake timers, so no test
 * sleeps.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openLedger } from '../../src/cli/ledger.js';
import { createFileLockoutStore } from '../../src/lockout/file-store.js';
import type { LockoutStore, StoreResult } from '../../src/lockout/store.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-file-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const AT = Date.parse('2026-12-01T10:00:00Z');
const settings = {
  maxFailures: 3,
  windowMinutes: 10,
  scope: 'trunk',
  unlockAfterMinutes: 10,
  maxFailuresPerDay: 1000,
} as const;
const subject = { accountId: null, trunkId: 'hq', callerId: null };
/** No pid can be this large (Linux's pid_max is at most 2^22): its holder is dead. */
const DEAD_PID = 4_194_305;

let ledgers = 0;
function freshLedger(): string {
  ledgers++;
  return join(dir, `ledger-${ledgers}.json`);
}

function admit(store: LockoutStore): Promise<StoreResult<unknown>> {
  return store.admit({ settings, subject, callId: `call-${ledgers}`, attempt: 1, at: AT });
}

/** Tracks whether a promise has settled, without awaiting it. */
function track<T>(promise: Promise<T>): {
  readonly settled: () => boolean;
  readonly value: Promise<T>;
} {
  let done = false;
  const value = promise.finally(() => {
    done = true;
  });
  return { settled: () => done, value };
}

/** The ledger after one admitted look-up was recorded. */
function recordedFailures(path: string): unknown[] {
  const stored = JSON.parse(readFileSync(path, 'utf8'));
  return stored.scopes['[null,"trunk","hq",null]'].failures;
}

describe('openLedger: the --ledger argument (docs/rules.md#lockout)', () => {
  it('an empty --ledger is bad usage (exit 2) naming what is missing', async () => {
    expect(await openLedger('', Date.now, null)).toEqual({
      ok: false,
      exit: 2,
      message: '--ledger needs a file name',
    });
  });

  it('any other argument is a file ledger on the given clock, closed without error', async () => {
    const path = freshLedger();
    const opened = await openLedger(path, () => AT, null);
    if (!opened.ok) throw new Error(opened.message);
    expect(await opened.store.admit({ settings, subject, callId: 'c', attempt: 1 })).toMatchObject({
      ok: true,
    });
    expect(recordedFailures(path)).toHaveLength(1);
    await expect(opened.close()).resolves.toBeUndefined();
  });
});

describe('a file ledger that cannot be read or is not a ledger', () => {
  it('a directory in place of the file is ledger-unavailable, naming the path', async () => {
    const path = freshLedger();
    mkdirSync(path);
    const store = createFileLockoutStore(path, () => AT);
    const answer = await store.status({ settings, subject });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: expect.stringMatching(new RegExp(`^cannot read the ledger ${path}: EISDIR`)),
      },
    });
  });

  it('a file that is not JSON is invalid-ledger, naming the path and the parse error', async () => {
    const path = freshLedger();
    writeFileSync(path, '{"version": 1,');
    const store = createFileLockoutStore(path, () => AT);
    const answer = await store.admit({ settings, subject, callId: 'c', attempt: 1 });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'invalid-ledger',
        path: [],
        message: expect.stringMatching(new RegExp(`^${path} is not valid JSON: .*JSON`)),
      },
    });
    // Nothing was written over the torn file, and the lock was let go.
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1,');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('a refused change', () => {
  it('a malformed request is answered as such and writes nothing', async () => {
    const path = freshLedger();
    const store = createFileLockoutStore(path, () => AT);
    const answer = await store.admit({ settings, subject, callId: '', attempt: 1, at: AT });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('file-system errors other than a held lock', () => {
  // Linux allows 255 bytes per file name: these names fit, but what the
  // ledger derives from them does not, which gives real errors without faults.
  it('a lock file that cannot be created answers ledger-unavailable at once, without waiting', async () => {
    const path = join(dir, `${'l'.repeat(252)}.json`); // 257 bytes with ".lock"
    const store = createFileLockoutStore(path, () => AT);
    const answer = track(admit(store));
    // Real timers: if the error were taken for a held lock, this would wait 20 s.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answer.settled()).toBe(true);
    expect(await answer.value).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: expect.stringMatching(new RegExp(`^cannot lock the ledger ${path}: ENAMETOOLONG`)),
      },
    });
  });

  it('a ledger that cannot be written answers ledger-unavailable and releases the lock', async () => {
    // ".lock" fits; the temporary file `${path}.PID.RANDOM.tmp` does not.
    const path = join(dir, `${'w'.repeat(245)}.json`);
    const store = createFileLockoutStore(path, () => AT);
    expect(await admit(store)).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: expect.stringMatching(
          new RegExp(`^cannot write the ledger ${path}: ENAMETOOLONG`),
        ),
      },
    });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('the lock file (docs/rules.md#lockout: concurrent processes lose no update)', () => {
  const livePidToken = () => `${hostname()} ${process.pid} ${Date.now()} someone`;

  /**
   * Starts a look-up while `lock` holds the lock, lets `holdMs` of fake time
   * pass, and says whether the look-up was still waiting; then removes the
   * lock (if still there) and says whether the look-up then went through
   * within 100 ms.
   */
  async function holdThenRelease(holder: string, holdMs: number, age = 0) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    const path = freshLedger();
    const lock = `${path}.lock`;
    writeFileSync(lock, holder);
    if (age > 0) {
      const then = (Date.now() - age) / 1000;
      utimesSync(lock, then, then);
    }
    const answer = track(admit(createFileLockoutStore(path, () => AT)));
    await vi.advanceTimersByTimeAsync(holdMs);
    const waited = !answer.settled();
    const lockKept = existsSync(lock) && readFileSync(lock, 'utf8') === holder;
    rmSync(lock, { force: true });
    await vi.advanceTimersByTimeAsync(100);
    const tookOver = answer.settled();
    return { path, lock, waited, lockKept, tookOver, answer };
  }

  it('a lock held by a live process on this host is waited for, and taken soon after it is let go', async () => {
    const run = await holdThenRelease(livePidToken(), 1_000);
    expect(run.waited).toBe(true);
    expect(run.lockKept).toBe(true);
    expect(run.tookOver).toBe(true);
    expect(await run.answer.value).toMatchObject({ ok: true });
    expect(recordedFailures(run.path)).toHaveLength(1);
    // The lock we took was ours, and was removed.
    expect(existsSync(run.lock)).toBe(false);
  });

  it('the retry delay stays short however long the lock was held', async () => {
    // Held 15 s (under the 20 s timeout): the next try comes within 100 ms of
    // the release, not after a delay grown with the wait.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const run = await holdThenRelease(livePidToken(), 15_000);
    expect(run.waited).toBe(true);
    expect(run.tookOver).toBe(true);
    expect(await run.answer.value).toMatchObject({ ok: true });
  });

  it('after 20 s of a held lock the ledger is unavailable, naming the lock', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    const path = freshLedger();
    const lock = `${path}.lock`;
    writeFileSync(lock, livePidToken());
    const answer = track(admit(createFileLockoutStore(path, () => AT)));
    await vi.advanceTimersByTimeAsync(19_000);
    expect(answer.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1_200);
    expect(answer.settled()).toBe(true);
    expect(await answer.value).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: `the ledger ${path} stayed locked (${lock})`,
      },
    });
    // Someone else's lock is not ours to remove, and the ledger was not touched.
    expect(existsSync(lock)).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('a lock whose holder on this host is dead is broken at once', async () => {
    const run = await holdThenRelease(`${hostname()} ${DEAD_PID} ${Date.now()} gone`, 10);
    expect(run.waited).toBe(false);
    expect(await run.answer.value).toMatchObject({ ok: true });
    expect(recordedFailures(run.path)).toHaveLength(1);
  });

  it.each([
    ['not a number', 'abc'],
    ['zero', '0'],
    ['negative', '-7'],
    ['fractional', '12.5'],
  ])(
    'a holder pid on this host that is %s names no live process: the lock is broken',
    async (_, pid) => {
      const run = await holdThenRelease(`${hostname()} ${pid} ${Date.now()} odd`, 10);
      expect(run.waited).toBe(false);
      expect(await run.answer.value).toMatchObject({ ok: true });
    },
  );

  it('a lock naming this host but no pid is waited for a moment (its holder cannot be judged dead)', async () => {
    const run = await holdThenRelease(hostname(), 500);
    expect(run.waited).toBe(true);
    expect(run.lockKept).toBe(true);
    expect(run.tookOver).toBe(true);
  });

  it('a dead-looking pid on another host is trusted: its lock is waited for', async () => {
    const run = await holdThenRelease(`not-${hostname()} ${DEAD_PID} ${Date.now()} far`, 1_000);
    expect(run.waited).toBe(true);
    expect(run.lockKept).toBe(true);
    expect(run.tookOver).toBe(true);
  });

  it('an empty lock (being written right now) is waited for a moment', async () => {
    const run = await holdThenRelease('', 500);
    expect(run.waited).toBe(true);
    expect(run.lockKept).toBe(true);
    expect(run.tookOver).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['unparsable', 'garbage\n'],
    ['a host name alone', hostname()],
  ])(
    'a lock that is %s is broken once it is 1 s old: a writer killed before writing its token stalls nobody for long',
    async (_, holder) => {
      const run = await holdThenRelease(holder, 5_000);
      expect(run.waited).toBe(false);
      expect(run.lockKept).toBe(false);
      expect(await run.answer.value).toMatchObject({ ok: true });
      expect(recordedFailures(run.path)).toHaveLength(1);
    },
  );

  it('a live holder that may not be signalled (EPERM) counts as alive: its lock is waited for', async () => {
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    const run = await holdThenRelease(`${hostname()} ${DEAD_PID} ${Date.now()} root`, 1_000);
    expect(run.waited).toBe(true);
    expect(run.lockKept).toBe(true);
  });

  it.each([
    ['on another host', () => `not-${hostname()} 1 0 far`],
    ['empty', () => ''],
    ['held by a live process here', () => livePidToken()],
  ])('a lock older than 30 s is broken at once whoever holds it (%s)', async (_, holder) => {
    const run = await holdThenRelease(holder(), 10, 31_000);
    expect(run.waited).toBe(false);
    expect(await run.answer.value).toMatchObject({ ok: true });
    expect(recordedFailures(run.path)).toHaveLength(1);
  });

  it('a lock 29 s old held on another host is not yet stale', async () => {
    const run = await holdThenRelease(`not-${hostname()} 1 0 far`, 500, 29_000);
    expect(run.waited).toBe(true);
    expect(run.lockKept).toBe(true);
  });

  it('changes leave no file descriptor open', async () => {
    const open = () => readdirSync('/proc/self/fd').length;
    const store = createFileLockoutStore(freshLedger(), () => AT);
    await admit(store);
    const before = open();
    for (let i = 0; i < 20; i++) await admit(store);
    expect(open()).toBeLessThan(before + 5);
  });

  it('no temporary or lock file is left behind by a change', async () => {
    const path = freshLedger();
    await admit(createFileLockoutStore(path, () => AT));
    const base = path.slice(dir.length + 1);
    expect(readdirSync(dir).filter((name) => name.startsWith(base))).toEqual([base]);
  });

  it('a temporary file left by a writer killed before its rename does not survive the next write', async () => {
    const path = freshLedger();
    const base = path.slice(dir.length + 1);
    // A writer killed (kill -9) between writing its temporary file and renaming it.
    const dead = `${path}.${DEAD_PID}.k1ll3d.tmp`;
    writeFileSync(dead, '{"version":2,"scopes":{}}');
    // A writer still running (this process's parent) keeps its own.
    const live = `${path}.${process.ppid}.l1v3.tmp`;
    writeFileSync(live, '');
    await admit(createFileLockoutStore(path, () => AT));
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith(base))
        .sort(),
    ).toEqual([base, live.slice(dir.length + 1)].sort());
    rmSync(live);
  });
});
