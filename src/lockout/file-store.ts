/**
 * `account-codes/file-ledger`: the lockout ledger of docs/rules.md#lockout on
 * the file system, shared by the processes of one host (the CLI's `--ledger
 * FILE`). Node only: the main entry never loads it, so a browser bundle has
 * no `node:fs`. Several hosts need a shared store: `account-codes/redis`.
 *
 * Every change is made under an exclusive lock file (`FILE.lock`, see
 * `file-lock.ts`), so concurrent processes lose no update. Two layouts
 * (`file-layout.ts`): the whole-file one, where `FILE` is the plain-JSON
 * ledger and every change rewrites it (the CLI's, and the interchange form),
 * and the scope-file one, where an admission or a settlement reads and
 * writes only its own scopes' files, so its cost does not grow with the
 * ledger. `list`, `unblock` and {@link FileLockoutStore.exportLedger} read
 * the whole ledger in either.
 *
 * @module
 */
import {
  difference,
  holdsScopeFiles,
  inspect,
  prepare,
  readJournal,
  readScope,
  readWhole,
  removeLeftovers,
  resetTo,
  type ScopeChanges,
  write,
  writeWhole,
} from './file-layout.js';
import { unavailable, withLock } from './file-lock.js';
import {
  admitIn,
  type EntryTable,
  emptyLedger,
  type LockoutLedger,
  listScopes,
  type ScopeEntry,
  settleIn,
  statusIn,
  type TableResult,
  unblockScopes,
} from './ledger.js';
import { createLedgerStore, type LockoutStore, type StoreResult } from './store.js';

/** A {@link LockoutStore} on the file system, with its plain-JSON export and the way out of an unreadable ledger. */
export interface FileLockoutStore extends LockoutStore {
  /**
   * The whole ledger as plain JSON (what `parseLedger` reads, the console
   * imports, and a whole-ledger `FILE` holds): for exporting and inspection.
   * Reads every scope's file.
   */
  exportLedger(): Promise<StoreResult<LockoutLedger>>;
  /**
   * `unblock … --all --reset`: under the lock, replaces the ledger with an
   * empty one and answers what it held, as text (`null`: nothing), so it can
   * be printed. For a ledger that cannot be read.
   */
  reset(): Promise<StoreResult<string | null>>;
}

/** How {@link createFileLockoutStore} keeps a ledger. */
export interface FileLedgerOptions {
  /**
   * `whole-file` (the default, and the CLI's): `FILE` is the plain-JSON
   * ledger, rewritten whole by each change; its cost grows with the ledger.
   * `scope-files`: `FILE` holds a marker and each scope is a file in
   * `FILE.d/`, so an admission or a settlement costs the same at any size;
   * a whole-ledger `FILE` is migrated on first use. A ledger already in
   * scope files stays in them whichever layout is asked for, so the CLI can
   * administer one an integrator's servers keep.
   */
  readonly layout?: 'whole-file' | 'scope-files';
}

/**
 * A {@link LockoutStore} at `path`, safe for the processes of one host (a
 * lock file, atomic renames, a journal for changes of several scopes), on
 * `clock` (epoch ms; a request's `at` overrides it). A missing file is an
 * empty ledger. A whole-ledger file written by 0.1.0 is read, and written
 * back in today's format by the first change. See
 * {@link FileLedgerOptions.layout} for the two layouts.
 *
 * @example
 * ```ts
 * import { createFileLockoutStore } from 'account-codes/file-ledger';
 *
 * // Many servers on one host, a busy ledger: constant cost per look-up.
 * const store = createFileLockoutStore('/var/lib/pbx/lockout.json', Date.now, {
 *   layout: 'scope-files',
 * });
 * const admitted = await store.admit({ settings, subject, callId: 'call-1', attempt: 1 });
 * if (!admitted.ok) failClosed(admitted.error); // ledger-unavailable, invalid-ledger
 * const exported = await store.exportLedger(); // { ok: true, value: { version: 2, scopes: {...} } }
 * ```
 */
export function createFileLockoutStore(
  path: string,
  clock: () => number = Date.now,
  options: FileLedgerOptions = {},
): FileLockoutStore {
  const refused = pathProblem(path);
  if (refused !== null) {
    const fail = async () => refused;
    return {
      admit: fail,
      settle: fail,
      status: fail,
      list: fail,
      unblock: fail,
      exportLedger: fail,
      reset: fail,
    };
  }
  const now = typeof clock === 'function' ? clock : Date.now;
  const scoped = scopeFileStore(path, now);
  if (options?.layout === 'scope-files') return scoped;
  const whole = wholeFileStore(path, now);
  // Whichever layout FILE is in answers: the marker is read without parsing a ledger.
  const current = (): FileLockoutStore => (holdsScopeFiles(path) ? scoped : whole);
  return {
    admit: (request) => current().admit(request),
    settle: (request) => current().settle(request),
    status: (request) => current().status(request),
    list: (request) => current().list(request),
    unblock: (request) => current().unblock(request),
    exportLedger: () => current().exportLedger(),
    reset: () => whole.reset(),
  };
}

/**
 * The whole-file layout: `FILE` is the ledger, read and replaced whole under
 * the lock, changed by the ledger's pure functions (`createLedgerStore`).
 */
function wholeFileStore(path: string, now: () => number): FileLockoutStore {
  /** `FILE`'s ledger; a `FILE` another process moved to scope files meanwhile fails this call closed. */
  const load = (): StoreResult<LockoutLedger> => {
    const found = inspect(path);
    if (!found.ok) return found;
    const state = found.value;
    if (state.kind === 'whole') return { ok: true, value: state.ledger };
    if (state.kind === 'none') return { ok: true, value: emptyLedger() };
    return unavailable(`the ledger ${path} moved to scope files during this operation`);
  };
  const store = createLedgerStore(
    {
      update: (change) =>
        withLock(path, () => {
          const loaded = load();
          if (!loaded.ok) return loaded;
          const result = change(loaded.value);
          if (!result.ok) return result;
          if (result.ledger !== loaded.value) {
            const written = writeWhole(path, result.ledger);
            if (!written.ok) return written;
          }
          return { ok: true, value: result.value };
        }),
      // No lock: the file is only ever replaced whole, by rename.
      read: async (query) => {
        const loaded = load();
        return loaded.ok ? query(loaded.value) : loaded;
      },
    },
    now,
  );
  return {
    ...store,
    exportLedger: async () => load(),
    reset: () => withLock(path, () => resetTo(path)),
  };
}

/** The scope-file layout: an admission or a settlement touches only its own scopes' files. */
function scopeFileStore(path: string, now: () => number): FileLockoutStore {
  const time = (request: { readonly at?: number }): number =>
    typeof request === 'object' && request !== null && request.at !== undefined
      ? request.at
      : now();
  const store = (changes: ScopeChanges, created: boolean): StoreResult<null> => {
    const written = write(path, changes, created);
    if (written.ok && changes.size > 0) removeLeftovers(path, 'beside');
    return written;
  };
  /** An admission or settlement: under the lock, on the subject's scope files only. */
  const onScopes = <T>(
    operate: (table: EntryTable, at: number) => TableResult<T>,
    at: number,
  ): Promise<StoreResult<T>> =>
    withLock(path, (): StoreResult<T> => {
      const prepared = prepare(path, at);
      if (!prepared.ok) return prepared;
      const inUse = prepared.value;
      const changes = new Map<string, ScopeEntry | null>();
      const table = scopeTable(path, inUse, null, changes);
      const result = operate(table.table, at);
      if (table.failure() !== null) return table.failure() as StoreResult<never>;
      if (!result.ok) return located(path, result);
      const written = store(changes, !inUse);
      return written.ok ? { ok: true, value: result.value } : written;
    });
  return {
    admit: (request) => onScopes((t, at) => admitIn(t, request, at), time(request)),
    settle: (request) => onScopes((t, at) => settleIn(t, request, at), time(request)),
    // No lock: every file is replaced whole by rename, and a pending journal is read through.
    async status(request) {
      const at = time(request);
      const found = inspect(path);
      if (!found.ok) return found;
      const { kind } = found.value;
      const journal =
        kind === 'scope-files' ? readJournal(path) : { ok: true as const, value: null };
      if (!journal.ok) return journal;
      const table =
        found.value.kind === 'whole'
          ? ledgerTable(found.value.ledger)
          : scopeTable(path, kind === 'scope-files', journal.value, null);
      const result = statusIn(table.table, request, at);
      if (table.failure() !== null) return table.failure() as StoreResult<never>;
      return result.ok ? { ok: true, value: result.value } : located(path, result);
    },
    async list(request) {
      const whole = readWhole(path);
      if (!whole.ok) return whole;
      const listed = listScopes(whole.value, request, time(request));
      return listed.ok ? listed : located(path, listed);
    },
    unblock: (request) =>
      withLock(path, () => {
        const at = time(request);
        const prepared = prepare(path, at);
        if (!prepared.ok) return prepared;
        const before = readWhole(path);
        if (!before.ok) return before;
        const done = unblockScopes(before.value, request, at);
        if (!done.ok) return located(path, done);
        const written = store(difference(before.value, done.ledger, at), !prepared.value);
        removeLeftovers(path, 'inside');
        return written.ok ? { ok: true, value: done.value } : written;
      }),
    exportLedger: async () => readWhole(path),
    reset: () => withLock(path, () => resetTo(path)),
  };
}

/**
 * The table an operation works on: its scopes' files (through `journal`),
 * changes kept in `changes` until they are written; the first file that
 * cannot be read is the operation's answer.
 */
function scopeTable(
  path: string,
  inUse: boolean,
  journal: ScopeChanges | null,
  changes: Map<string, ScopeEntry | null> | null,
): { readonly table: EntryTable; readonly failure: () => StoreResult<never> | null } {
  let failure: StoreResult<never> | null = null;
  const table: EntryTable = {
    get(id) {
      if (changes?.has(id)) return changes.get(id) ?? undefined;
      if (!inUse) return undefined;
      const read = readScope(path, id, journal);
      if (read.ok) return read.value;
      failure ??= read;
      // Not an entry: the operation refuses, and the read's failure is its answer.
      return null;
    },
    put(id, entry) {
      changes?.set(id, entry);
    },
  };
  return { table, failure: () => failure };
}

/** A whole ledger (one not migrated yet) as a read-only table. */
function ledgerTable(ledger: LockoutLedger): {
  readonly table: EntryTable;
  readonly failure: () => null;
} {
  return {
    table: {
      get: (id) => (Object.hasOwn(ledger.scopes, id) ? ledger.scopes[id] : undefined),
      put: () => {},
    },
    failure: () => null,
  };
}

/** A problem of what is stored names the ledger's path, as the file's own errors do. */
function located<E extends { readonly code: string; readonly message: string }>(
  path: string,
  result: { readonly ok: false; readonly error: E },
): { readonly ok: false; readonly error: E } {
  return result.error.code === 'invalid-ledger'
    ? { ok: false, error: { ...result.error, message: `${path}: ${result.error.message}` } }
    : result;
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
