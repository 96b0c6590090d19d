/**
 * The lock file of the file ledger (docs/rules.md#lockout): one process at a
 * time changes a ledger on this host. `PATH.lock` is created with `wx` and
 * holds a token (`host pid time random`). A lock whose holder has died (same
 * host) is broken at once; one that is empty or unparsable (a writer killed
 * between creating and writing it) after {@link UNREADABLE_LOCK_MS}; any lock
 * older than {@link STALE_LOCK_MS}. Node only.
 */
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { LockoutStoreError, StoreResult } from './store.js';

/** A lock older than this is stale whoever holds it: a ledger change takes milliseconds. */
export const STALE_LOCK_MS = 30_000;
/** An empty or unparsable lock older than this is stale: its token is written microseconds after it is created. */
export const UNREADABLE_LOCK_MS = 1_000;
const LOCK_TOKEN = /^\S+ [1-9][0-9]* [0-9]+ [0-9a-z]*$/;
/** How long to wait for the lock before the ledger counts as unavailable. */
const LOCK_TIMEOUT_MS = 20_000;

/** Runs `critical` holding `path`.lock; gives up with `ledger-unavailable` after LOCK_TIMEOUT_MS. */
export async function withLock<T>(
  path: string,
  critical: () => StoreResult<T>,
): Promise<StoreResult<T>> {
  const lock = `${path}.lock`;
  const token = `${hostname()} ${process.pid} ${Date.now()} ${Math.random().toString(36).slice(2)}`;
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (let wait = 2; ; wait = Math.min(50, wait * 2)) {
    try {
      const fd = openSync(lock, 'wx');
      try {
        writeFileSync(fd, token);
      } catch (error) {
        // A full disk: the lock file exists but is empty, and an empty lock only
        // goes stale with age. It is ours: remove it rather than block the ledger.
        unlinkSync(lock);
        throw error;
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') {
        return unavailable(`cannot lock the ledger ${path}: ${describeError(error)}`);
      }
    }
    breakIfStale(lock);
    if (Date.now() > deadline) return unavailable(`the ledger ${path} stayed locked (${lock})`);
    await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
  }
  try {
    return critical();
  } finally {
    releaseLock(lock, token);
  }
}

/** Removes the lock only if it is still ours. */
function releaseLock(lock: string, token: string): void {
  try {
    if (readFileSync(lock, 'utf8') === token) unlinkSync(lock);
  } catch {
    // Already gone: broken as stale by another process.
  }
}

/** Breaks a lock whose holder died on this host, or that is older than STALE_LOCK_MS. */
function breakIfStale(lock: string): void {
  try {
    const holder = readFileSync(lock, 'utf8');
    const [host, pid] = holder.split(' ');
    const age = Date.now() - statSync(lock).mtimeMs;
    const readable = LOCK_TOKEN.test(holder);
    const dead = host === hostname() && pid !== undefined && !isAlive(Number(pid));
    // An empty or garbled lock may be one being written right now: give its writer a moment.
    if (dead || (!readable && age > UNREADABLE_LOCK_MS) || age > STALE_LOCK_MS) {
      // Re-read just before removing, so a lock taken meanwhile is left alone.
      if (readFileSync(lock, 'utf8') === holder) unlinkSync(lock);
    }
  } catch {
    // Released meanwhile.
  }
}

/**
 * Removes the temporary files (and directories) in `directory` whose names
 * `pattern` matches, its first group being the writer's pid, when that
 * writer (on this host) is no longer running.
 */
export function removeDeadWritersFiles(directory: string, pattern: RegExp): void {
  try {
    for (const name of readdirSync(directory)) {
      const pid = Number(pattern.exec(name)?.[1]);
      if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
        rmSync(join(directory, name), { recursive: true, force: true });
      }
    }
  } catch {
    // A directory we cannot list: the next write tries again.
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** A store failure of the medium: callers fail closed. */
export function unavailable(message: string): {
  readonly ok: false;
  readonly error: LockoutStoreError;
} {
  return { ok: false, error: { code: 'ledger-unavailable', path: [], message } };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
