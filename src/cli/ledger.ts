/**
 * The `--ledger` argument of docs/rules.md#lockout: a JSON file, or a
 * `redis://host:port[/db]` URL. {@link openLedger} is the one place that maps
 * the argument to a {@link LockoutStore}; a Redis ledger is opened through
 * `account-codes/redis` (ioredis is loaded only then).
 *
 * The file ledger: a missing file is an empty ledger; every change is made
 * under an exclusive lock file (`FILE.lock`, created with `wx`) and written
 * to a temporary file that is renamed over FILE, so readers see the old or
 * the new ledger, never half of one, and concurrent processes lose no
 * update. A lock whose holder has died (same host) is broken at once; one
 * that is empty or unparsable (a writer killed between creating and writing
 * it) after {@link UNREADABLE_LOCK_MS}; any lock older than
 * {@link STALE_LOCK_MS}. A successful write removes the temporary files of
 * writers that died before renaming theirs.
 */
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { emptyLedger, type LockoutLedger, parseLedger } from '../lockout/ledger.js';
import {
  createLedgerStore,
  type LedgerAccess,
  type LockoutStore,
  type LockoutStoreError,
  type StoreResult,
} from '../lockout/store.js';
import { isRedisLedger, openRedisLedger } from '../redis/ledger-argument.js';
import { parseRedisUrl } from '../redis/open.js';
import { EXIT } from './io.js';

/**
 * {@link openLedger}'s answer: a store and how to let go of it (always call
 * `close`: a Redis connection would keep the process alive), or why not,
 * with the exit status of docs/rules.md#the-config-file-and-the-cli (2: a bad argument; 1: a configuration
 * without the `account.id` a shared ledger needs, or no Redis client).
 */
export type OpenedLedger =
  | {
      readonly ok: true;
      readonly store: LockoutStore;
      readonly close: () => Promise<void>;
      /**
       * `unblock --all --reset`: replaces an unreadable ledger with an empty
       * one and answers what it held, as text (null: nothing was there);
       * absent where a ledger cannot be unreadable (memory).
       */
      readonly reset?: () => Promise<StoreResult<string | null>>;
    }
  | {
      readonly ok: false;
      readonly exit: typeof EXIT.invalid | typeof EXIT.usage;
      readonly message: string;
    };

/** A lock older than this is stale whoever holds it: a ledger change takes milliseconds. */
export const STALE_LOCK_MS = 30_000;
/** An empty or unparsable lock older than this is stale: its token is written microseconds after it is created. */
export const UNREADABLE_LOCK_MS = 1_000;
const LOCK_TOKEN = /^\S+ [1-9][0-9]* [0-9]+ [0-9a-z]*$/;
/**
 * How long one Redis operation may take before it answers
 * `ledger-unavailable`: longer than a server's 1 s, since a command line
 * starting among many (a busy machine) may take that long just to connect.
 */
const REDIS_TIMEOUT_MS = 5_000;
/** How long to wait for the lock before the ledger counts as unavailable. */
const LOCK_TIMEOUT_MS = 20_000;

/**
 * Maps a `--ledger` argument to a store: a `redis://` URL to the shared
 * Redis store (Redis's clock; a request's `--at` overrides it), which keys by
 * `accountId` and so requires one (docs/rules.md#keys); anything else to the
 * file store on `clock`. An unreachable Redis is not an error here: its
 * operations answer `ledger-unavailable`, and calls fail closed.
 */
export async function openLedger(
  argument: string,
  clock: () => number,
  accountId: string | null,
): Promise<OpenedLedger> {
  if (isRedisLedger(argument)) {
    // A malformed argument is bad usage whatever the configuration says.
    const url = parseRedisUrl(argument);
    const opened = url.ok
      ? await openRedisLedger(argument, accountId, { timeoutMs: REDIS_TIMEOUT_MS })
      : url;
    if (!opened.ok) {
      const { code, message } = opened.error;
      return {
        ok: false,
        exit: code === 'invalid-ledger-url' ? EXIT.usage : EXIT.invalid,
        message: `--ledger: ${message} [${code}]`,
      };
    }
    const { store } = opened;
    const reset = async (): Promise<StoreResult<string | null>> => {
      // openRedisLedger has refused a configuration without account.id already.
      const done = await store.reset({ accountId: accountId as string });
      if (!done.ok) return done;
      const { discarded } = done.value;
      return {
        ok: true,
        value:
          discarded.length === 0
            ? null
            : discarded.map(({ key, value }) => `${key}: ${value}`).join('\n'),
      };
    };
    return { ok: true, store, close: () => store.close(), reset };
  }
  if (argument === '')
    return { ok: false, exit: EXIT.usage, message: '--ledger needs a file name' };
  return {
    ok: true,
    store: createFileLockoutStore(argument, clock),
    close: async () => {},
    reset: () => resetFileLedger(argument),
  };
}

/** A {@link LockoutStore} kept in the JSON file at `path`, safe for concurrent processes. */
export function createFileLockoutStore(path: string, clock: () => number): LockoutStore {
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
  return createLedgerStore(access, clock);
}

/**
 * An administrator's way out of an unreadable ledger file (`unblock … --all
 * --reset`): under the lock, replaces FILE with an empty ledger and answers
 * what it held (`null` when there was no file), so it can be printed.
 */
export async function resetFileLedger(path: string): Promise<StoreResult<string | null>> {
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

function unavailable(message: string): { readonly ok: false; readonly error: LockoutStoreError } {
  return { ok: false, error: { code: 'ledger-unavailable', path: [], message } };
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

/** Runs `critical` holding `path`.lock; gives up with `ledger-unavailable` after LOCK_TIMEOUT_MS. */
async function withLock<T>(path: string, critical: () => StoreResult<T>): Promise<StoreResult<T>> {
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

/** Removes `FILE.PID.*.tmp` files whose writer (on this host) is no longer running. */
function removeDeadWritersFiles(path: string): void {
  const prefix = `${basename(path)}.`;
  try {
    for (const name of readdirSync(dirname(path))) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const pid = Number(name.slice(prefix.length).split('.')[0]);
      if (pid !== process.pid && !isAlive(pid)) unlinkSync(join(dirname(path), name));
    }
  } catch {
    // A file removed meanwhile, or a directory we cannot list: the next write tries again.
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

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
