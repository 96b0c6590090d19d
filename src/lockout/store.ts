/**
 * Where a lockout ledger lives (docs/rules.md#concurrency). The pure functions of
 * `ledger.ts` define the semantics; a {@link LockoutStore} applies them
 * atomically to a ledger it keeps — in memory, in a file, in Redis — and
 * uses its own clock unless a request carries an explicit `at`. Every
 * operation may fail with `ledger-unavailable`; callers fail closed.
 */
import type { Problem } from '../result.js';
import {
  type AdmitOutcome,
  type AdmitRequest,
  admitIn,
  admitLookup,
  type EntryTable,
  emptyLedger,
  isForgettable,
  type LedgerRead,
  type LedgerUpdate,
  type ListRequest,
  type LockoutLedger,
  listScopes,
  lockoutStatus,
  parseLedger,
  type ScopeEntry,
  type ScopeStatus,
  type SettleOutcome,
  type SettleRequest,
  type StatusRequest,
  type SubjectStatus,
  settleIn,
  settleLookup,
  statusIn,
  type TableResult,
  type UnblockOutcome,
  type UnblockRequest,
  unblockScopes,
} from './ledger.js';

/**
 * Why a store operation failed: the store cannot be reached or read
 * (`ledger-unavailable`: fail closed), what it holds is not a ledger
 * (`invalid-ledger`), the request is malformed (`invalid-request`), or a
 * shared store was asked about an account with no `account.id`
 * (`account-id-required`, docs/rules.md#keys).
 */
export type LockoutStoreError = Problem<
  'ledger-unavailable' | 'invalid-ledger' | 'invalid-request' | 'account-id-required'
>;

/** A store operation's answer. */
export type StoreResult<T> =
  | {
      /** Done. */
      readonly ok: true;
      /** The answer. */
      readonly value: T;
    }
  | {
      /** Failed; nothing was changed, or the store cannot say. */
      readonly ok: false;
      /** Why. */
      readonly error: LockoutStoreError;
    };

/**
 * A ledger shared by every call of one or more accounts: the operations of
 * docs/rules.md#lockout, each atomic. The answers are those of the pure functions
 * ({@link admitLookup}, {@link settleLookup}, {@link lockoutStatus},
 * {@link listScopes}, {@link unblockScopes}) applied at the store's time.
 */
export interface LockoutStore {
  /** Admits a look-up before it is performed. */
  admit(request: AdmitRequest): Promise<StoreResult<AdmitOutcome>>;
  /** Settles an admitted look-up with its answer. Idempotent. */
  settle(request: SettleRequest): Promise<StoreResult<SettleOutcome>>;
  /** A line's status: locked or not, failures, unlock time. */
  status(request: StatusRequest): Promise<StoreResult<SubjectStatus>>;
  /** The account's keys with failures or locks. */
  list(request: ListRequest): Promise<StoreResult<readonly ScopeStatus[]>>;
  /** An administrator's unblock. */
  unblock(request: UnblockRequest): Promise<StoreResult<UnblockOutcome>>;
}

/**
 * Read-modify-write access to one stored ledger, atomic per call: what a
 * store needs from its medium. `update` applies `change` to the current
 * ledger and stores the result when it differs.
 */
export interface LedgerAccess {
  /** Applies `change` atomically; a failure of the medium is `ledger-unavailable`. */
  update<T>(change: (ledger: LockoutLedger) => LedgerUpdate<T>): Promise<StoreResult<T>>;
  /** Reads the current ledger. */
  read<T>(query: (ledger: LockoutLedger) => LedgerRead<T>): Promise<StoreResult<T>>;
}

/**
 * A {@link LockoutStore} over any {@link LedgerAccess}: the pure functions
 * applied at `request.at`, or at `clock()` when the request has none. Use it
 * for a medium with an atomic read-modify-write (a database transaction).
 *
 * @example
 * ```ts
 * const store = createLedgerStore(
 *   {
 *     update: (change) => db.transaction(async (tx) => {
 *       const result = change(await tx.loadLedger());
 *       if (!result.ok) return result;
 *       await tx.saveLedger(result.ledger);
 *       return { ok: true, value: result.value };
 *     }),
 *     read: async (query) => query(await db.loadLedger()),
 *   },
 *   Date.now,
 * );
 * ```
 */
export function createLedgerStore(access: LedgerAccess, clock: () => number): LockoutStore {
  const time = (request: { readonly at?: number }): number =>
    typeof request === 'object' && request !== null && request.at !== undefined
      ? request.at
      : clock();
  return {
    admit: (request) => access.update((ledger) => admitLookup(ledger, request, time(request))),
    settle: (request) => access.update((ledger) => settleLookup(ledger, request, time(request))),
    status: (request) => access.read((ledger) => lockoutStatus(ledger, request, time(request))),
    list: (request) => access.read((ledger) => listScopes(ledger, request, time(request))),
    unblock: (request) => access.update((ledger) => unblockScopes(ledger, request, time(request))),
  };
}

/** A memory store: the store and a way to see its ledger (for tests and single-process servers). */
export interface MemoryLockoutStore extends LockoutStore {
  /** The ledger as it is now: plain JSON. */
  snapshot(): LockoutLedger;
}

/** Other entries a write looks at, to forget what nothing can count any more. */
const SWEEP_PER_WRITE = 2;

/**
 * A {@link LockoutStore} in this process's memory: atomic because each
 * operation runs to completion before the next (one event loop). For one
 * process only; several nodes need a shared store (Redis). The clock is the
 * caller's (`Date.now` in production); a request's `at` overrides it.
 * Admitting and settling cost the same whatever the ledger holds: they read
 * and write their own keys, and look at two others to forget old ones.
 *
 * @example
 * ```ts
 * const store = createMemoryLockoutStore({ clock: Date.now });
 * const admitted = await store.admit({ settings, subject, callId: 'call-1', attempt: 1 });
 * if (admitted.ok && admitted.value.admitted) {
 *   const hit = directory.has(code);
 *   await store.settle({ settings, subject, callId: 'call-1', attempt: 1, hit });
 * }
 * ```
 */
export function createMemoryLockoutStore(options: {
  /** The store's clock: epoch milliseconds. */
  readonly clock: () => number;
  /** The ledger to start from (0.1.0's format too); empty when absent. */
  readonly ledger?: LockoutLedger;
}): MemoryLockoutStore {
  // Untyped callers: no options, or no clock, is the system clock.
  const given: { clock?: unknown; ledger?: LockoutLedger } =
    typeof options === 'object' && options !== null ? options : {};
  const clock = typeof given.clock === 'function' ? (given.clock as () => number) : Date.now;
  const start = parseLedger(given.ledger ?? emptyLedger());
  // A ledger that is not one fails every operation closed, as a corrupt file does.
  const broken: StoreResult<never> | null = start.ok ? null : start;
  const entries = new Map<string, unknown>(start.ok ? Object.entries(start.ledger.scopes) : []);
  // The keys still to look at for forgetting: a copy, since a live Map iterator slows every write.
  let sweep: readonly string[] = [];
  let swept = 0;
  // A key with nothing left to remember keeps a null until the sweep reaches it:
  // deleting and re-adding one key of a large Map makes V8 rebuild the Map.
  const table: EntryTable = {
    get: (id) => entries.get(id) ?? undefined,
    put: (id, entry) => {
      if (entry !== null || entries.has(id)) entries.set(id, entry);
    },
  };
  const forgetOld = (now: number): void => {
    for (let i = 0; i < SWEEP_PER_WRITE; i += 1) {
      if (swept >= sweep.length) {
        sweep = [...entries.keys()];
        swept = 0;
        if (sweep.length === 0) return;
      }
      const id = sweep[swept++] as string;
      const entry = entries.get(id);
      if (entry === null || isForgettable(entry, now)) entries.delete(id);
    }
  };
  const snapshot = (): LockoutLedger => {
    const scopes: Record<string, ScopeEntry> = {};
    for (const [id, entry] of entries) if (entry !== null) scopes[id] = entry as ScopeEntry;
    return { version: 2, scopes };
  };
  const time = (request: { readonly at?: number }): number =>
    typeof request === 'object' && request !== null && request.at !== undefined
      ? request.at
      : clock();
  const onTable = async <T>(
    operate: (table: EntryTable, now: number) => TableResult<T>,
    now: number,
  ): Promise<StoreResult<T>> => {
    if (broken !== null) return broken;
    const result = operate(table, now);
    if (!result.ok) return result;
    if (result.changed) forgetOld(now);
    return { ok: true, value: result.value };
  };
  const whole: LedgerAccess = {
    async update(change) {
      if (broken !== null) return broken;
      const result = change(snapshot());
      if (!result.ok) return result;
      entries.clear();
      for (const [id, entry] of Object.entries(result.ledger.scopes)) entries.set(id, entry);
      sweep = [];
      return { ok: true, value: result.value };
    },
    async read(query) {
      return broken !== null ? broken : query(snapshot());
    },
  };
  const administration = createLedgerStore(whole, clock);
  return {
    admit: (request) => onTable((t, now) => admitIn(t, request, now), time(request)),
    settle: (request) => onTable((t, now) => settleIn(t, request, now), time(request)),
    status: (request) => onTable((t, now) => statusIn(t, request, now), time(request)),
    list: administration.list,
    unblock: administration.unblock,
    snapshot,
  };
}
