/**
 * The file ledger's wait for a held lock (src/lockout/file-store.ts) backs off: tries
 * start 2 ms apart and double up to 50 ms (± half, at random), so a process
 * waiting out a long change does not spin on the file system. Counted by
 * wrapping the `node:fs` built-in's openSync (each try opens `FILE.lock`
 * with `wx`), on fake timers.
 */
import fs, { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFileLockoutStore } from '../../src/lockout/file-store.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-backoff-'));
const lock = join(dir, 'ledger.json.lock');
let tries = 0;

// Not vi.mock: mutation runs share one module graph between test files.
const { openSync } = fs;
beforeAll(() => {
  fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    if (String(path) === lock) tries++;
    return (openSync as (...args: unknown[]) => number)(path, ...rest);
  }) as typeof fs.openSync;
  syncBuiltinESMExports();
});
afterAll(() => {
  fs.openSync = openSync;
  syncBuiltinESMExports();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('waiting for a held lock', () => {
  it('tries about every 50 ms, not faster: 15 to 40 tries in the first second', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    // Jitter at its middle (× 1): tries at 0, 2, 6, 14, 30, 62 ms, then every 50 ms.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    writeFileSync(lock, `${hostname()} ${process.pid} ${Date.now()} holder`);
    const settings = {
      maxFailures: 3,
      windowMinutes: 10,
      scope: 'trunk',
      unlockAfterMinutes: 10,
      maxFailuresPerDay: 1000,
    } as const;
    const store = createFileLockoutStore(join(dir, 'ledger.json'), Date.now);
    const answer = store.admit({
      settings,
      subject: { accountId: null, trunkId: 'hq', callerId: null },
      callId: 'c',
      attempt: 1,
    });
    await vi.advanceTimersByTimeAsync(1_000);
    const waiting = tries;
    rmSync(lock);
    await vi.advanceTimersByTimeAsync(100);
    expect(await answer).toMatchObject({ ok: true });
    expect(waiting).toBeGreaterThanOrEqual(15);
    expect(waiting).toBeLessThanOrEqual(40);
  });
});
