/**
 * `account-codes/file-ledger`: the lockout ledger of docs/rules.md#lockout in
 * a JSON file, shared by the processes of one host (the CLI's `--ledger FILE`).
 * Node only: the main entry never loads it, so a browser bundle has no
 * `node:fs`. Several hosts need a shared store: `account-codes/redis`.
 *
 * A missing file is an empty ledger; every change is made under an exclusive
 * lock file (`FILE.lock`, see `file-lock.ts`) and written to a temporary file
 * that is renamed over FILE, so readers see the old or the new ledger, never
 * half of one, and concurrent processes lose no update. A successful write
 * removes the temporary files of writers that died before renaming theirs.
 *
 * @module
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { describeError, removeDeadWritersFiles, unavailable, withLock } from './file-lock.js';
import { emptyLedger, type LockoutLedger, parseLedger } from './ledger.js';
import {
  createLedgerStore,
  type LedgerAccess,
  type LockoutStore,
  type StoreResult,
} from './store.js';

/** A {@link LockoutStore} in a file, with the administrator's way out of an unreadable one. */
export interface FileLockoutStore extends LockoutStore {
  /**
   * `unblock … --all --reset`: under the lock, replaces the ledger with an
   * empty one and answers what the file held, as text (`null`: there was no
   * file), so it can be printed. For a file that cannot be read as a ledger.
   */
  reset(): Promise<StoreResult<string | null>>;
}

/**
 * A {@link LockoutStore} kept in the JSON file at `path`, safe for the
 * processes of one host (a lock file and atomic renames), on `clock` (epoch
 * ms; a request's `at` overrides it). A ledger file written by 0.1.0 is read
 * and written back in today's format.
 *
 * @example
 * ```ts
 * import { createFileLockoutStore } from 'account-codes/file-ledger';
 *
 * const store = createFileLockoutStore('/var/lib/pbx/lockout.json', Date.now);
 * const admitted = await store.admit({ settings, subject, callId: 'call-1', attempt: 1 });
 * if (!admitted.ok) failClosed(admitted.error); // ledger-unavailable, invalid-ledger
 * ```
 */
export function createFileLockoutStore(
  path: string,
  clock: () => number = Date.now,
): FileLockoutStore {
  const time = typeof clock === 'function' ? clock : Date.now;
  const refused = pathProblem(path);
  if (refused !== null) {
    const fail = async () => refused;
    return { admit: fail, settle: fail, status: fail, list: fail, unblock: fail, reset: fail };
  }
  const access: LedgerAccess = {
    async update(change) {
      return withLock(path, () => {
        const loaded = load(path);
        if (!loaded.ok) return loaded;
        const result = change(loaded.value);
        if (!result.ok) return result;
        if (result.ledger !== loaded.value) {
          const written = save(path, result.ledger);
          if (!written.ok) return written;
        }
        return { ok: true, value: result.value };
      });
    },
    async read(query) {
      // No lock: the file is only ever replaced whole, by rename.
      const loaded = load(path);
      return loaded.ok ? query(loaded.value) : loaded;
    },
  };
  return { ...createLedgerStore(access, time), reset: () => reset(path) };
}

function pathProblem(path: unknown): StoreResult<never> | null {
  return typeof path === 'string' && path !== '' && !path.includes('\0')
    ? null
    : {
        ok: false,
        error: {
          code: 'invalid-request',
          path: ['path'],
          message: 'path must be a non-empty file name',
        },
      };
}

async function reset(path: string): Promise<StoreResult<string | null>> {
  return withLock(path, () => {
    let discarded: string | null;
    try {
      discarded = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') {
        return unavailable(`cannot read the ledger ${path}: ${describeError(error)}`);
      }
      discarded = null;
    }
    const written = save(path, emptyLedger());
    return written.ok ? { ok: true, value: discarded } : written;
  });
}

function load(path: string): StoreResult<LockoutLedger> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { ok: true, value: emptyLedger() };
    return unavailable(`cannot read the ledger ${path}: ${describeError(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'invalid-ledger',
        path: [],
        message: `${path} is not valid JSON: ${describeError(error)}`,
      },
    };
  }
  const parsed = parseLedger(json);
  return parsed.ok
    ? { ok: true, value: parsed.ledger }
    : { ok: false, error: { ...parsed.error, message: `${path}: ${parsed.error.message}` } };
}

function save(path: string, ledger: LockoutLedger): StoreResult<null> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(ledger, null, 2)}\n`, { flush: true });
    renameSync(temporary, path);
    removeDeadWritersFiles(path);
    return { ok: true, value: null };
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was left behind.
    }
    return unavailable(`cannot write the ledger ${path}: ${describeError(error)}`);
  }
}
