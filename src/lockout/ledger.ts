/**
 * The lockout ledger of docs/rules.md#lockout: plain JSON data, and the pure functions over
 * it that define the semantics every store (memory, file, Redis) reproduces.
 * Time is always an argument (`now`, epoch milliseconds); nothing here reads a
 * clock.
 *
 * - A look-up is *admitted* before it is performed: admitting records a
 *   failure at once, with the id `callId#attempt`. Admission is refused while
 *   a key is locked, or when its failures (settled misses plus open
 *   admissions) have reached its limit in the window or its daily limit in
 *   the last 24 hours.
 * - *Settling* is idempotent: a hit refunds its own still-recorded admission;
 *   a miss marks it settled, and a settled miss that brings a key to its
 *   limit locks it (`scope-locked`); to its daily limit, locks it until its
 *   oldest failure of those 24 hours is 24 hours old (`sustained-failures`).
 *   An admission never settled stays a miss.
 * - A failure at time t counts during [t, t + window) and, in the daily
 *   count, during [t, t + 24 h). Older failures are dropped, and a key with
 *   nothing left to remember is removed, so the ledger stays bounded.
 * - A window lock lasts `unlockAfterMinutes` (`null`: until an administrator
 *   unblocks), twice as long as the key's previous window lock when it starts
 *   within 24 hours of that lock's end, at most 7 days. A window lock that
 *   ends by time clears the window's count only: the failures keep counting
 *   in their 24 hours. A daily lock is never a previous lock for doubling.
 *   Unblocking removes the key: both counts, both locks, its history.
 * - An operation reads, checks and writes only its subject's keys (one or
 *   two entries), never the whole ledger: docs/rules.md#lockout.
 */
import { lockoutSettingsProblem } from '../config/lockout.js';
import type { LockoutSettings } from '../config/types.js';
import { describeValue, type Problem } from '../result.js';
import {
  type KeyLimits,
  keysOf,
  type LockoutSubject,
  limitsOf,
  type ScopeKey,
  scopeKeyId,
  subjectProblem,
} from './scope.js';

/**
 * The ledger: every key with something to remember. Plain JSON. Version 1 is
 * 0.1.0's format (no daily locks): it is still read, and written back as 2.
 */
export interface LockoutLedger {
  /** The format version. */
  readonly version: 2;
  /** Entries by {@link scopeKeyId} of their key. */
  readonly scopes: { readonly [id: string]: ScopeEntry };
}

/** What the ledger remembers about one key. */
export interface ScopeEntry {
  /** The key this entry counts for. */
  readonly key: ScopeKey;
  /** Failures in the last 24 hours or the window, whichever is longer, oldest first: open admissions and settled misses. */
  readonly failures: readonly Failure[];
  /** The key's current or most recent window lock, kept 24 hours after it ends for the doubling rule; `null` if none. */
  readonly lock: ScopeLock | null;
  /** The key's daily lock while it is in force, else `null`. */
  readonly dailyLock: DailyLock | null;
}

/** A lock for reaching the daily limit: it ends when the oldest failure of its 24 hours is 24 hours old. */
export interface DailyLock {
  /** When it started (epoch ms). */
  readonly at: number;
  /** When it ends (epoch ms). */
  readonly until: number;
}

/** Why a key is locked: its window's limit, or its daily limit. */
export type LockReason = 'window' | 'daily';

/** One failure: an admitted look-up, settled as a miss or still open. */
export interface Failure {
  /** The admission's id: the call's id and the attempt number, `callId#attempt`. */
  readonly id: string;
  /** When it was admitted (epoch ms). */
  readonly at: number;
  /** Settled as a miss; `false` while the look-up is open. */
  readonly settled: boolean;
}

/** A lock of one key. */
export interface ScopeLock {
  /** When it started (epoch ms). */
  readonly at: number;
  /** When it ends (epoch ms), or `null`: only an administrator unlocks. */
  readonly until: number | null;
  /** Its length in minutes, or `null` with `until`. */
  readonly minutes: number | null;
}

/** The state of one key at a given time. */
export interface ScopeStatus {
  /** The key. */
  readonly key: ScopeKey;
  /** Locked now. */
  readonly locked: boolean;
  /** Failures in the window: settled misses plus open admissions. */
  readonly failures: number;
  /** Of those, admissions not yet settled. */
  readonly open: number;
  /** The failures at which this key locks (3 × maxFailures for a trunk under caller scope). */
  readonly limit: number;
  /** Failures in the last 24 hours, open admissions included. */
  readonly failuresToday: number;
  /** The failures in 24 hours at which this key locks (3 × maxFailuresPerDay for a trunk under caller scope). */
  readonly dailyLimit: number;
  /** Why it is locked, the lock that ends last deciding; `null` when not locked. */
  readonly reason: LockReason | null;
  /** When the current lock started (the earlier of two), or `null` when not locked. */
  readonly lockedAt: number | null;
  /** When the current locks end (the later of two), or `null` when not locked or when only an administrator unlocks. */
  readonly unlocksAt: number | null;
}

/** The state of a subject's line: its scope's key, with the trunk's cap under caller scope. */
export interface SubjectStatus {
  /** The scope's own key (the caller's under caller scope). */
  readonly scope: ScopeKey;
  /** Any of the subject's keys is locked. */
  readonly locked: boolean;
  /** Failures in the window on the scope's own key. */
  readonly failures: number;
  /** The scope's own limit (`maxFailures`). */
  readonly limit: number;
  /** Failures in the last 24 hours on the scope's own key. */
  readonly failuresToday: number;
  /** The scope's own daily limit (`maxFailuresPerDay`). */
  readonly dailyLimit: number;
  /** Why the line is locked (the lock that ends last deciding), or `null`. */
  readonly reason: LockReason | null;
  /** The latest end of the subject's current locks, or `null` (not locked, or only an administrator unlocks). */
  readonly unlocksAt: number | null;
  /** A look-up would be admitted now. */
  readonly admits: boolean;
  /** Every key the subject counts under, its own first. */
  readonly keys: readonly ScopeStatus[];
}

/** Something an administrator may want to hear about (docs/rules.md#alerts). */
export type LockoutAlert =
  | {
      /** Discriminant: a settled miss locked this key. */
      readonly type: 'scope-locked';
      /** The key that locked. */
      readonly key: ScopeKey;
      /** Its failures in the window. */
      readonly failures: number;
      /** When the lock started. */
      readonly lockedAt: number;
      /** When it ends, or `null`: only an administrator unlocks. */
      readonly unlocksAt: number | null;
    }
  | {
      /** Discriminant: a settled miss brought this key to its daily limit (and maybe its window's limit too). */
      readonly type: 'sustained-failures';
      /** The key that locked. */
      readonly key: ScopeKey;
      /** Its failures in the window. */
      readonly failures: number;
      /** Its failures in the last 24 hours. */
      readonly failuresToday: number;
      /** When the lock started. */
      readonly lockedAt: number;
      /** When it ends: the later of the daily and the window lock, or `null` when only an administrator unlocks. */
      readonly unlocksAt: number | null;
    }
  | {
      /** Discriminant: a hit on a key that has misses in its window; a guess may just have succeeded. */
      readonly type: 'hit-after-failures';
      /** The key. */
      readonly key: ScopeKey;
      /** Its failures in the window, the refunded admission not included. */
      readonly failures: number;
    };

/** Admit a look-up: the subject's line, and the admission's id parts. */
export interface AdmitRequest {
  /** The account's lockout settings (not `false`: with lockout off nothing is admitted). */
  readonly settings: LockoutSettings;
  /** Where the look-up comes from. */
  readonly subject: LockoutSubject;
  /** The call's id, 1–128 characters, unique per call. */
  readonly callId: string;
  /** The attempt number on the call, from 1. */
  readonly attempt: number;
  /** For stores: an explicit time (epoch ms) overriding the store's clock, for simulations. */
  readonly at?: number;
}

/** Settle an admitted look-up. */
export interface SettleRequest extends AdmitRequest {
  /** The code was in the list. */
  readonly hit: boolean;
}

/** Read a subject's status. */
export interface StatusRequest {
  /** The account's lockout settings. */
  readonly settings: LockoutSettings;
  /** The line. */
  readonly subject: LockoutSubject;
  /** For stores: an explicit time overriding the store's clock. */
  readonly at?: number;
}

/** List an account's keys with failures or locks. */
export interface ListRequest {
  /** The account's lockout settings. */
  readonly settings: LockoutSettings;
  /** The account's id, or `null`. */
  readonly accountId: string | null;
  /** For stores: an explicit time overriding the store's clock. */
  readonly at?: number;
}

/** What an administrator unblocks. */
export type UnblockTarget =
  | {
      /** Every key of the account. */
      readonly kind: 'all';
    }
  | {
      /** The trunk's key and every caller key on the trunk. */
      readonly kind: 'trunk';
      /** The trunk. */
      readonly trunkId: string;
    }
  | {
      /** The caller's keys, on every trunk or on one. */
      readonly kind: 'caller';
      /** The normalised caller id. */
      readonly callerId: string;
      /** Only on this trunk; absent for every trunk. */
      readonly trunkId?: string;
    };

/** Unblock keys of an account. */
export interface UnblockRequest {
  /** The account's lockout settings (for the statuses reported). */
  readonly settings: LockoutSettings;
  /** The account's id, or `null`. */
  readonly accountId: string | null;
  /** What to unblock. */
  readonly target: UnblockTarget;
  /** For stores: an explicit time overriding the store's clock. */
  readonly at?: number;
}

/** The answer to an admission. */
export type AdmitOutcome =
  | {
      /** The look-up may be performed; it is counted as a failure until settled as a hit. */
      readonly admitted: true;
      /** The admission's id. */
      readonly id: string;
      /** The subject's status after admitting. */
      readonly status: SubjectStatus;
    }
  | {
      /** The look-up must not be performed: the call plays `locked-out` and ends. */
      readonly admitted: false;
      /** The id that was refused. */
      readonly id: string;
      /** `locked`: a key is locked; `limit-reached`: failures plus open admissions reached a limit (the window's or the daily one); `already-settled`: the id was used. */
      readonly reason: 'locked' | 'limit-reached' | 'already-settled';
      /** The subject's status. */
      readonly status: SubjectStatus;
    };

/** The answer to a settlement. */
export interface SettleOutcome {
  /** The admission's id. */
  readonly id: string;
  /** The look-up's answer, as given. */
  readonly hit: boolean;
  /** Something changed: the admission was open on at least one key. Repeats change nothing. */
  readonly recorded: boolean;
  /** A key of the subject is locked after settling (a call in progress then gets no further look-ups). */
  readonly locked: boolean;
  /** The locks this settlement caused (`scope-locked`, `sustained-failures`), and hits after failures. */
  readonly alerts: readonly LockoutAlert[];
  /** The subject's status after settling. */
  readonly status: SubjectStatus;
}

/** The answer to an unblock: the keys cleared, as they were just before. */
export interface UnblockOutcome {
  /** Each cleared key's status before it was cleared. */
  readonly cleared: readonly ScopeStatus[];
}

/** {@link parseLedger}'s answer. */
export type ParseLedgerResult =
  | {
      /** The value is a ledger. */
      readonly ok: true;
      /** The value, typed. */
      readonly ledger: LockoutLedger;
    }
  | {
      /** The value is not a ledger. */
      readonly ok: false;
      /** What is wrong with it, naming the field. */
      readonly error: LockoutProblem;
    };

/** A ledger or a request that the functions cannot work with. */
export type LockoutProblem = Problem<'invalid-ledger' | 'invalid-request'>;

/** A new ledger and an answer, or why not. The input ledger is never changed. */
export type LedgerUpdate<T> =
  | {
      /** Done. */
      readonly ok: true;
      /**
       * The ledger after the operation: the input object itself when nothing
       * changed; else a new one, built from the input when first read
       * (O(ledger): the operation itself costs only the scopes it touched).
       * A store that keeps its own table applies `changes` instead.
       */
      readonly ledger: LockoutLedger;
      /** What the operation wrote: each touched scope's new entry by id, `null` where it was removed. Empty when nothing changed. */
      readonly changes: LedgerChanges;
      /** The operation's answer. */
      readonly value: T;
    }
  | {
      /** The ledger or the request is malformed; nothing changed. */
      readonly ok: false;
      /** What is wrong, naming the field. */
      readonly error: LockoutProblem;
    };

/** Entries an operation wrote, by {@link scopeKeyId}: the new entry, or `null` for one removed. */
export interface LedgerChanges {
  readonly [id: string]: ScopeEntry | null;
}

/** A read-only answer, or why not. */
export type LedgerRead<T> =
  | {
      /** Done. */
      readonly ok: true;
      /** The answer. */
      readonly value: T;
    }
  | {
      /** The ledger or the request is malformed. */
      readonly ok: false;
      /** What is wrong, naming the field. */
      readonly error: LockoutProblem;
    };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** docs/rules.md#lockout: doubled locks last at most 7 days. */
const MAX_LOCK_MINUTES = 7 * 24 * 60;
const MAX_CALL_ID_LENGTH = 128;
/**
 * Another key's entry is forgotten only when nothing in it could still count
 * under any account's settings: the longest window is 7 days.
 */
const FORGET_AFTER_MS = 7 * DAY;

/**
 * Where an operation finds and puts its keys' entries: a ledger's `scopes`
 * (copied on the first write, for the pure functions), a store's map, a
 * parsed file. An operation reads, checks and writes only its own keys.
 */
export interface EntryTable {
  /** The stored value under `id`, unchecked; `undefined` when there is none. */
  get(id: string): unknown;
  /** Stores `entry` under `id`, or removes `id` (`null`). */
  put(id: string, entry: ScopeEntry | null): void;
}

/** An operation's answer on an {@link EntryTable}: did it write, and what it says. */
export type TableResult<T> =
  | { readonly ok: true; readonly value: T; readonly changed: boolean }
  | { readonly ok: false; readonly error: LockoutProblem };

/**
 * A ledger with nothing in it: what a missing ledger file means.
 *
 * @example
 * ```ts
 * emptyLedger(); // { version: 2, scopes: {} }
 * ```
 */
export function emptyLedger(): LockoutLedger {
  return { version: 2, scopes: {} };
}

/**
 * Admits a look-up (docs/rules.md#concurrency): records a failure on each of the
 * subject's keys at once, or refuses. Admitting the same open id again
 * changes nothing and admits it again (a retried request is safe).
 *
 * @example
 * ```ts
 * const settings = { maxFailures: 5, windowMinutes: 30, scope: 'trunk', unlockAfterMinutes: 30, maxFailuresPerDay: 30 } as const;
 * const subject = { accountId: 'acme', trunkId: 'hq', callerId: null };
 * const admitted = admitLookup(emptyLedger(), { settings, subject, callId: 'c1', attempt: 1 }, Date.parse('2026-12-01T10:00:00Z'));
 * if (admitted.ok && admitted.value.admitted) {
 *   // perform the look-up, then settleLookup(admitted.ledger, { ...request, hit }, now)
 * }
 * ```
 */
export function admitLookup(
  ledger: LockoutLedger,
  request: AdmitRequest,
  now: number,
): LedgerUpdate<AdmitOutcome> {
  return onLedger(ledger, now, (table) => admitIn(table, request, now));
}

/**
 * Settles an admitted look-up. Idempotent: only the first settlement of an
 * open admission changes anything. A hit refunds its own admission (and
 * raises `hit-after-failures` when misses remain in the window); a miss stays
 * recorded and locks each key it brings to its limit (`scope-locked`) or to
 * its daily limit (`sustained-failures`, also when both are reached at once).
 *
 * @example
 * ```ts
 * const settled = settleLookup(ledger, { settings, subject, callId: 'c1', attempt: 1, hit: false }, now);
 * if (settled.ok) settled.value.alerts; // [{ type: 'scope-locked', ... }] on the miss that locks
 * ```
 */
export function settleLookup(
  ledger: LockoutLedger,
  request: SettleRequest,
  now: number,
): LedgerUpdate<SettleOutcome> {
  return onLedger(ledger, now, (table) => settleIn(table, request, now));
}

/**
 * A subject's status now: locked or not (and why), its failures in the
 * window and in 24 hours, when it unlocks, and whether a look-up would be
 * admitted.
 *
 * @example
 * ```ts
 * const status = lockoutStatus(ledger, { settings, subject }, now);
 * if (status.ok && status.value.locked) playLockedOut();
 * ```
 */
export function lockoutStatus(
  ledger: LockoutLedger,
  request: StatusRequest,
  now: number,
): LedgerRead<SubjectStatus> {
  const problem = ledgerShapeProblem(ledger);
  if (problem !== undefined) return { ok: false, error: problem };
  const read = statusIn(ledgerTable(ledger), request, now);
  return read.ok ? { ok: true, value: read.value } : read;
}

/**
 * The account's keys that have failures in the window or in 24 hours, or
 * are locked, in a stable order (docs/rules.md#administration: list locked scopes).
 *
 * @example
 * ```ts
 * const listed = listScopes(ledger, { settings, accountId: 'acme' }, now);
 * if (listed.ok) listed.value.filter((s) => s.locked);
 * ```
 */
export function listScopes(
  ledger: LockoutLedger,
  request: ListRequest,
  now: number,
): LedgerRead<readonly ScopeStatus[]> {
  const problem =
    ledgerProblem(ledger) ??
    settingsProblem(request) ??
    accountIdProblem(request) ??
    timeProblem(now);
  if (problem !== undefined) return { ok: false, error: problem };
  const statuses: ScopeStatus[] = [];
  for (const id of Object.keys(ledger.scopes).sort()) {
    const stored = normalised(ledger.scopes[id] as ScopeEntry);
    if (stored.key.accountId !== request.accountId) continue;
    const entry = refresh(stored, request.settings, now);
    const status = scopeStatus(entry, limitsOf(request.settings, entry.key), request.settings, now);
    if (status.locked || status.failures > 0 || status.failuresToday > 0) statuses.push(status);
  }
  return { ok: true, value: statuses };
}

/**
 * An administrator's unblock: removes the matching keys of the account —
 * their locks, both counts and lock history — and reports them as they were.
 *
 * @example
 * ```ts
 * const done = unblockScopes(ledger, { settings, accountId: 'acme', target: { kind: 'trunk', trunkId: 'hq' } }, now);
 * if (done.ok) ledger = done.ledger; // done.value.cleared lists what was cleared
 * ```
 */
export function unblockScopes(
  ledger: LockoutLedger,
  request: UnblockRequest,
  now: number,
): LedgerUpdate<UnblockOutcome> {
  const problem =
    ledgerProblem(ledger) ??
    settingsProblem(request) ??
    accountIdProblem(request) ??
    targetProblem(request.target) ??
    timeProblem(now);
  if (problem !== undefined) return { ok: false, error: problem };
  const cleared: ScopeStatus[] = [];
  const scopes: Record<string, ScopeEntry> = {};
  for (const id of Object.keys(ledger.scopes).sort()) {
    const entry = normalised(ledger.scopes[id] as ScopeEntry);
    if (entry.key.accountId === request.accountId && matches(entry.key, request.target)) {
      const fresh = refresh(entry, request.settings, now);
      cleared.push(
        scopeStatus(fresh, limitsOf(request.settings, fresh.key), request.settings, now),
      );
    } else scopes[id] = entry;
  }
  const changes: Record<string, null> = {};
  for (const status of cleared) setOwn(changes, scopeKeyId(status.key), null);
  return {
    ok: true,
    ledger: cleared.length === 0 ? ledger : { version: 2, scopes },
    changes,
    value: { cleared },
  };
}

/**
 * Checks a ledger loaded from storage (a file, a message): the ledger, or a
 * typed `invalid-ledger` problem naming the field. A ledger written by 0.1.0
 * (version 1) is read without loss and answered in today's format.
 *
 * @example
 * ```ts
 * const loaded = parseLedger(JSON.parse(text));
 * if (!loaded.ok) console.error(loaded.error.message);
 * ```
 */
export function parseLedger(value: unknown): ParseLedgerResult {
  const error = ledgerProblem(value);
  if (error !== undefined) return { ok: false, error };
  const ledger = value as LockoutLedger;
  return { ok: true, ledger: ledger.version === 2 ? ledger : migrated(ledger) };
}

// ---------------------------------------------------------------------------
// The operations on an entry table: what every store runs.
// ---------------------------------------------------------------------------

/** {@link admitLookup} on a table: reads and writes only the subject's keys. */
export function admitIn(
  table: EntryTable,
  request: AdmitRequest,
  now: number,
): TableResult<AdmitOutcome> {
  const problem = requestProblem(request, true) ?? timeProblem(now);
  if (problem !== undefined) return { ok: false, error: problem };
  const { settings } = request;
  const loaded = load(table, keysOf(settings, request.subject), settings, now);
  if (!loaded.ok) return loaded;
  const keys = loaded.keys;
  const id = admissionId(request);
  const refuse = (reason: 'locked' | 'limit-reached' | 'already-settled') => ({
    ok: true as const,
    changed: false,
    value: { admitted: false as const, id, reason, status: statusOf(keys, settings, now) },
  });
  if (keys.some(({ entry }) => isLocked(entry, now))) return refuse('locked');
  const existing = keys.map(({ entry }) => entry.failures.find((f) => f.id === id));
  if (existing.some((f) => f?.settled === true)) return refuse('already-settled');
  if (existing.every((f) => f !== undefined)) {
    return {
      ok: true,
      changed: false,
      value: { admitted: true, id, status: statusOf(keys, settings, now) },
    };
  }
  const full = (k: Keyed) =>
    windowFailures(k.entry, settings, now).length >= k.limit ||
    dailyFailures(k.entry, now).length >= k.dailyLimit;
  if (keys.some(full)) return refuse('limit-reached');
  const next = keys.map((k) =>
    k.entry.failures.some((f) => f.id === id)
      ? k
      : {
          ...k,
          entry: { ...k.entry, failures: [...k.entry.failures, { id, at: now, settled: false }] },
        },
  );
  write(table, next, now);
  return {
    ok: true,
    changed: true,
    value: { admitted: true, id, status: statusOf(next, settings, now) },
  };
}

/** {@link settleLookup} on a table: reads and writes only the subject's keys. */
export function settleIn(
  table: EntryTable,
  request: SettleRequest,
  now: number,
): TableResult<SettleOutcome> {
  const problem =
    requestProblem(request, true) ??
    (typeof request.hit === 'boolean'
      ? undefined
      : bad(
          'invalid-request',
          ['hit'],
          `hit must be true or false; got ${describeValue(request.hit)}`,
        )) ??
    timeProblem(now);
  if (problem !== undefined) return { ok: false, error: problem };
  const { settings, hit } = request;
  const loaded = load(table, keysOf(settings, request.subject), settings, now);
  if (!loaded.ok) return loaded;
  const id = admissionId(request);
  const alerts: LockoutAlert[] = [];
  let recorded = false;
  const next = loaded.keys.map((k): Keyed => {
    const { key, entry } = k;
    const index = entry.failures.findIndex((f) => f.id === id && !f.settled);
    if (index < 0) return k;
    recorded = true;
    if (hit) {
      const refunded = { ...entry, failures: entry.failures.filter((_, i) => i !== index) };
      const failures = windowFailures(refunded, settings, now).length;
      if (failures > 0) alerts.push({ type: 'hit-after-failures', key, failures });
      return { ...k, entry: refunded };
    }
    const settled = {
      ...entry,
      failures: entry.failures.map((f, i) => (i === index ? { ...f, settled: true } : f)),
    };
    const failures = windowFailures(settled, settings, now).length;
    const today = dailyFailures(settled, now);
    const windowReached = !isWindowLocked(settled, now) && failures >= k.limit;
    const dailyReached = !isDailyLocked(settled, now) && today.length >= k.dailyLimit;
    if (!windowReached && !dailyReached) return { ...k, entry: settled };
    const locked: ScopeEntry = {
      ...settled,
      lock: windowReached ? newLock(settled.lock, settings, now) : settled.lock,
      // The oldest failure of the 24 hours leaves the daily count first.
      dailyLock: dailyReached
        ? { at: now, until: Math.min(...today.map((f) => f.at)) + DAY }
        : settled.dailyLock,
    };
    const unlocksAt = lockEnd(locked, now);
    alerts.push(
      dailyReached
        ? {
            type: 'sustained-failures',
            key,
            failures,
            failuresToday: today.length,
            lockedAt: now,
            unlocksAt,
          }
        : { type: 'scope-locked', key, failures, lockedAt: now, unlocksAt },
    );
    return { ...k, entry: locked };
  });
  if (recorded) write(table, next, now);
  return {
    ok: true,
    changed: recorded,
    value: {
      id,
      hit,
      recorded,
      locked: next.some(({ entry }) => isLocked(entry, now)),
      alerts,
      status: statusOf(next, settings, now),
    },
  };
}

/** {@link lockoutStatus} on a table: reads only the subject's keys. */
export function statusIn(
  table: EntryTable,
  request: StatusRequest,
  now: number,
): TableResult<SubjectStatus> {
  const problem = requestProblem(request, false) ?? timeProblem(now);
  if (problem !== undefined) return { ok: false, error: problem };
  const loaded = load(table, keysOf(request.settings, request.subject), request.settings, now);
  if (!loaded.ok) return loaded;
  return { ok: true, changed: false, value: statusOf(loaded.keys, request.settings, now) };
}

/**
 * Nothing in this stored value can count any more under any settings: no
 * failure in the last 7 days, no lock in force, no lock history under 24
 * hours old. Anything it cannot read is kept (an operation on its key says
 * what is wrong with it). For stores that sweep their other entries.
 */
export function isForgettable(value: unknown, now: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (!Array.isArray(e.failures)) return false;
  for (const f of e.failures) {
    const at = (f as { at?: unknown } | null)?.at;
    if (typeof at !== 'number' || at > now - FORGET_AFTER_MS) return false;
  }
  const lock = e.lock as { until?: unknown } | null;
  if (lock !== null && !(typeof lock?.until === 'number' && now - lock.until >= DAY)) return false;
  const daily = e.dailyLock as { until?: unknown } | null | undefined;
  return (
    daily === null || daily === undefined || (typeof daily.until === 'number' && daily.until <= now)
  );
}

/**
 * The first problem of a ledger's outer shape (a version this code reads, a
 * `scopes` object), without reading its entries: operations check only the
 * entries they touch.
 */
export function ledgerShapeProblem(value: unknown): LockoutProblem | undefined {
  if (typeof value !== 'object' || value === null)
    return bad('invalid-ledger', [], `the ledger must be an object; got ${describeValue(value)}`);
  const l = value as Record<string, unknown>;
  if (l.version !== 1 && l.version !== 2) {
    return bad(
      'invalid-ledger',
      ['version'],
      `version must be 1 (0.1.0's format) or 2; got ${describeValue(l.version)}`,
    );
  }
  if (typeof l.scopes !== 'object' || l.scopes === null || Array.isArray(l.scopes)) {
    return bad(
      'invalid-ledger',
      ['scopes'],
      `scopes must be an object; got ${describeValue(l.scopes)}`,
    );
  }
  return undefined;
}

/** A version 1 ledger in today's format: every entry gains `dailyLock: null`. */
export function migrated(ledger: { readonly scopes: object }): LockoutLedger {
  const scopes: Record<string, ScopeEntry> = {};
  const from = (ledger as { scopes?: unknown } | null)?.scopes;
  for (const [id, entry] of Object.entries(typeof from === 'object' && from !== null ? from : {})) {
    setOwn(scopes, id, typeof entry === 'object' && entry !== null ? normalised(entry) : entry);
  }
  return { version: 2, scopes };
}

// ---------------------------------------------------------------------------
// Internals.
// ---------------------------------------------------------------------------

/** One of the subject's keys: its ledger id, its limits and its entry as of now. */
interface Keyed extends KeyLimits {
  readonly id: string;
  readonly key: ScopeKey;
  readonly entry: ScopeEntry;
}

function admissionId(request: AdmitRequest): string {
  return `${request.callId}#${request.attempt}`;
}

const EMPTY_FAILURES: readonly Failure[] = /* @__PURE__ */ Object.freeze([]);

/**
 * A pure operation on a ledger: its entries read in place, its writes kept
 * aside (O(scopes touched)); the new ledger is built only when the answer's
 * `ledger` is read.
 */
function onLedger<T>(
  ledger: LockoutLedger,
  now: number,
  operate: (table: EntryTable) => TableResult<T>,
): LedgerUpdate<T> {
  const problem = ledgerShapeProblem(ledger);
  if (problem !== undefined) return { ok: false, error: problem };
  const table = ledgerTable(ledger);
  const result = operate(table);
  if (!result.ok) return result;
  const { changes } = table;
  if (changes.size === 0) return { ok: true, ledger, changes: {}, value: result.value };
  const written: Record<string, ScopeEntry | null> = {};
  for (const [id, entry] of changes) setOwn(written, id, entry);
  let built: LockoutLedger | null = null;
  return Object.defineProperty(
    { ok: true as const, changes: written, value: result.value },
    'ledger',
    {
      enumerable: true,
      get: (): LockoutLedger => {
        built ??= applied(ledger, changes, now);
        return built;
      },
    },
  ) as LedgerUpdate<T>;
}

/**
 * A ledger's entries as a table: read in place, writes kept in `changes`,
 * so the input is never changed.
 */
function ledgerTable(
  ledger: LockoutLedger,
): EntryTable & { readonly changes: Map<string, ScopeEntry | null> } {
  const stored = ledger.scopes as Record<string, unknown>;
  const changes = new Map<string, ScopeEntry | null>();
  return {
    changes,
    get: (id) => {
      if (changes.has(id)) return changes.get(id) ?? undefined;
      return Object.hasOwn(stored, id) ? stored[id] : undefined;
    },
    put(id, entry) {
      changes.set(id, entry);
    },
  };
}

/**
 * The new ledger: the other entries copied (forgetting those nothing can
 * count any more, migrating 0.1.0's), then the changes.
 */
function applied(
  ledger: LockoutLedger,
  changes: ReadonlyMap<string, ScopeEntry | null>,
  now: number,
): LockoutLedger {
  const stored = ledger.scopes as Record<string, unknown>;
  const v1 = (ledger as { version: number }).version === 1;
  const copy: Record<string, unknown> = {};
  for (const other of Object.keys(stored)) {
    // A changed entry keeps its place: the ledger's text differs only where it changed.
    if (changes.has(other)) {
      const entry = changes.get(other);
      if (entry !== null) setOwn(copy, other, entry);
      continue;
    }
    const value = stored[other];
    if (isForgettable(value, now)) continue;
    setOwn(
      copy,
      other,
      v1 && typeof value === 'object' && value !== null ? normalised(value) : value,
    );
  }
  for (const [id, entry] of changes) {
    if (entry !== null && !Object.hasOwn(stored, id)) setOwn(copy, id, entry);
  }
  return { version: 2, scopes: copy as LockoutLedger['scopes'] };
}

/** Sets an own property, even one named `__proto__` (a parsed file may hold any name). */
function setOwn(target: Record<string, unknown>, id: string, value: unknown): void {
  if (id === '__proto__') {
    Object.defineProperty(target, id, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else target[id] = value;
}

/** A stored entry with today's fields (0.1.0's entries have no `dailyLock`). */
function normalised<E extends object>(entry: E): E & { readonly dailyLock: DailyLock | null } {
  return 'dailyLock' in entry
    ? (entry as E & { dailyLock: DailyLock | null })
    : { ...entry, dailyLock: null };
}

/** The subject's keys with their entries as of `now`, each checked; or the first that is malformed. */
function load(
  table: EntryTable,
  keys: readonly ({ readonly key: ScopeKey } & KeyLimits)[],
  settings: LockoutSettings,
  now: number,
):
  | { readonly ok: true; readonly keys: readonly Keyed[] }
  | { readonly ok: false; readonly error: LockoutProblem } {
  if (typeof (table as Partial<EntryTable> | null)?.get !== 'function') {
    return {
      ok: false,
      error: bad('invalid-request', ['table'], 'the entry table must have get and put'),
    };
  }
  const loaded: Keyed[] = [];
  for (const { key, limit, dailyLimit } of keys) {
    const id = scopeKeyId(key);
    const stored = table.get(id);
    if (stored === undefined) {
      loaded.push({
        id,
        key,
        limit,
        dailyLimit,
        entry: { key, failures: EMPTY_FAILURES, lock: null, dailyLock: null },
      });
      continue;
    }
    const problem = entryProblem(stored, id);
    if (problem !== undefined) {
      return {
        ok: false,
        error: bad('invalid-ledger', ['scopes', id, ...problem.path], problem.message),
      };
    }
    loaded.push({
      id,
      key,
      limit,
      dailyLimit,
      entry: refresh(normalised(stored as ScopeEntry), settings, now),
    });
  }
  return { ok: true, keys: loaded };
}

/** Writes the keys' entries back: kept while they have something to remember, else removed. */
function write(table: EntryTable, keys: readonly Keyed[], now: number): void {
  for (const { id, entry } of keys) table.put(id, worthKeeping(entry, now) ? entry : null);
}

/** Applies time: failures older than both the window and 24 hours drop out; an ended daily lock goes. */
function refresh(entry: ScopeEntry, settings: LockoutSettings, now: number): ScopeEntry {
  const horizon = now - Math.max(settings.windowMinutes * MINUTE, DAY);
  const failures = entry.failures.some((f) => f.at <= horizon)
    ? entry.failures.filter((f) => f.at > horizon)
    : entry.failures;
  const dailyLock = isDailyLocked(entry, now) ? entry.dailyLock : null;
  return failures === entry.failures && dailyLock === entry.dailyLock
    ? entry
    : { ...entry, failures, dailyLock };
}

/** The failures that count in the window: a window lock that ended by time cleared those before its end. */
function windowFailures(
  entry: ScopeEntry,
  settings: LockoutSettings,
  now: number,
): readonly Failure[] {
  const { lock } = entry;
  const clearedUntil =
    lock !== null && lock.until !== null && now >= lock.until ? lock.until : -Infinity;
  const start = now - settings.windowMinutes * MINUTE;
  return entry.failures.filter((f) => f.at > start && f.at >= clearedUntil);
}

/** The failures that count in the last 24 hours. */
function dailyFailures(entry: ScopeEntry, now: number): readonly Failure[] {
  const start = now - DAY;
  return entry.failures.filter((f) => f.at > start);
}

function isWindowLocked(entry: ScopeEntry, now: number): boolean {
  return entry.lock !== null && (entry.lock.until === null || now < entry.lock.until);
}

function isDailyLocked(entry: ScopeEntry, now: number): boolean {
  return entry.dailyLock !== null && now < entry.dailyLock.until;
}

function isLocked(entry: ScopeEntry, now: number): boolean {
  return isWindowLocked(entry, now) || isDailyLocked(entry, now);
}

/** When the key's locks in force end: the later one; `null` when an administrator must unlock (or none is in force). */
function lockEnd(entry: ScopeEntry, now: number): number | null {
  const window = isWindowLocked(entry, now) ? (entry.lock as ScopeLock).until : undefined;
  if (window === null) return null;
  const daily = isDailyLocked(entry, now) ? (entry.dailyLock as DailyLock).until : undefined;
  if (window === undefined && daily === undefined) return null;
  return Math.max(window ?? -Infinity, daily ?? -Infinity);
}

/** docs/rules.md#lockout: twice the previous window lock when this one starts within 24 h of its end, at most 7 days. */
function newLock(previous: ScopeLock | null, settings: LockoutSettings, now: number): ScopeLock {
  const base = settings.unlockAfterMinutes;
  if (base === null) return { at: now, until: null, minutes: null };
  const repeat =
    previous !== null &&
    previous.until !== null &&
    previous.minutes !== null &&
    now - previous.until < DAY;
  const minutes = repeat
    ? Math.min(MAX_LOCK_MINUTES, Math.max(base, 2 * (previous.minutes as number)))
    : base;
  return { at: now, until: now + minutes * MINUTE, minutes };
}

/** Still worth keeping: failures, a lock in force, or a window lock that ended under 24 h ago. */
function worthKeeping(entry: ScopeEntry, now: number): boolean {
  if (entry.failures.length > 0 || isLocked(entry, now)) return true;
  return entry.lock !== null && entry.lock.until !== null && now - entry.lock.until < DAY;
}

function scopeStatus(
  entry: ScopeEntry,
  limits: KeyLimits,
  settings: LockoutSettings,
  now: number,
): ScopeStatus {
  const windowLocked = isWindowLocked(entry, now);
  const dailyLocked = isDailyLocked(entry, now);
  const locked = windowLocked || dailyLocked;
  const inWindow = windowFailures(entry, settings, now);
  const unlocksAt = lockEnd(entry, now);
  const starts = [
    ...(windowLocked ? [(entry.lock as ScopeLock).at] : []),
    ...(dailyLocked ? [(entry.dailyLock as DailyLock).at] : []),
  ];
  return {
    key: entry.key,
    locked,
    failures: inWindow.length,
    open: inWindow.filter((f) => !f.settled).length,
    limit: limits.limit,
    failuresToday: dailyFailures(entry, now).length,
    dailyLimit: limits.dailyLimit,
    // The lock that ends last says why: the daily one unless the window's outlasts it.
    reason: !locked
      ? null
      : dailyLocked && unlocksAt !== null && unlocksAt === (entry.dailyLock as DailyLock).until
        ? 'daily'
        : 'window',
    lockedAt: locked ? Math.min(...starts) : null,
    unlocksAt: locked ? unlocksAt : null,
  };
}

function statusOf(keys: readonly Keyed[], settings: LockoutSettings, now: number): SubjectStatus {
  const statuses = keys.map((k) => scopeStatus(k.entry, k, settings, now));
  const own = statuses[0] as ScopeStatus;
  const locks = statuses.filter((s) => s.locked);
  const locked = locks.length > 0;
  const forever = locks.find((s) => s.unlocksAt === null);
  const last =
    forever ??
    locks.reduce<ScopeStatus | undefined>(
      (latest, s) =>
        latest === undefined || (s.unlocksAt as number) > (latest.unlocksAt as number) ? s : latest,
      undefined,
    );
  return {
    scope: own.key,
    locked,
    failures: own.failures,
    limit: own.limit,
    failuresToday: own.failuresToday,
    dailyLimit: own.dailyLimit,
    reason: last?.reason ?? null,
    unlocksAt: forever !== undefined || last === undefined ? null : last.unlocksAt,
    admits:
      !locked && statuses.every((s) => s.failures < s.limit && s.failuresToday < s.dailyLimit),
    keys: statuses,
  };
}

function matches(key: ScopeKey, target: UnblockTarget): boolean {
  switch (target.kind) {
    case 'all':
      return true;
    case 'trunk':
      return key.trunkId === target.trunkId;
    case 'caller':
      return (
        key.kind === 'caller' &&
        key.callerId === target.callerId &&
        (target.trunkId === undefined || key.trunkId === target.trunkId)
      );
    default:
      return target satisfies never;
  }
}

// ---------------------------------------------------------------------------
// Checks: every function is total (docs/rules.md#invariants).
// ---------------------------------------------------------------------------

function bad(
  code: LockoutProblem['code'],
  path: readonly (string | number)[],
  message: string,
): LockoutProblem {
  return { code, path, message };
}

function timeProblem(now: unknown): LockoutProblem | undefined {
  return typeof now === 'number' && Number.isFinite(now)
    ? undefined
    : bad(
        'invalid-request',
        ['now'],
        `now must be a finite number of epoch milliseconds; got ${describeValue(now)}`,
      );
}

function settingsProblem(request: unknown): LockoutProblem | undefined {
  if (typeof request !== 'object' || request === null) {
    return bad(
      'invalid-request',
      [],
      `the request must be an object; got ${describeValue(request)}`,
    );
  }
  const { settings } = request as { settings?: unknown };
  const problem = lockoutSettingsProblem(settings, ['settings']);
  return problem === undefined ? undefined : bad('invalid-request', problem.path, problem.message);
}

function accountIdProblem(request: { readonly accountId?: unknown }): LockoutProblem | undefined {
  const { accountId } = request;
  return accountId === null ||
    (typeof accountId === 'string' && accountId.length > 0 && accountId.length <= 64)
    ? undefined
    : bad(
        'invalid-request',
        ['accountId'],
        `accountId must be null or a string of 1 to 64 characters; got ${describeValue(accountId)}`,
      );
}

function requestProblem(request: unknown, withId: boolean): LockoutProblem | undefined {
  const problem = settingsProblem(request);
  if (problem !== undefined) return problem;
  const r = request as Record<string, unknown>;
  const subject = subjectProblem(r.subject);
  if (subject !== undefined) return subject;
  if (!withId) return undefined;
  if (
    typeof r.callId !== 'string' ||
    r.callId.length === 0 ||
    r.callId.length > MAX_CALL_ID_LENGTH
  ) {
    return bad(
      'invalid-request',
      ['callId'],
      `callId must be a string of 1 to ${MAX_CALL_ID_LENGTH} characters; got ${describeValue(r.callId)}`,
    );
  }
  if (typeof r.attempt !== 'number' || !Number.isSafeInteger(r.attempt) || r.attempt < 1) {
    return bad(
      'invalid-request',
      ['attempt'],
      `attempt must be a whole number from 1; got ${describeValue(r.attempt)}`,
    );
  }
  return undefined;
}

function targetProblem(target: unknown): LockoutProblem | undefined {
  const t = (typeof target === 'object' && target !== null ? target : {}) as Record<
    string,
    unknown
  >;
  const isId = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 64;
  if (t.kind === 'all') return undefined;
  if (t.kind === 'trunk' && isId(t.trunkId)) return undefined;
  if (t.kind === 'caller' && isId(t.callerId) && (t.trunkId === undefined || isId(t.trunkId)))
    return undefined;
  return bad(
    'invalid-request',
    ['target'],
    `target must be { kind: "all" }, { kind: "trunk", trunkId } or { kind: "caller", callerId, trunkId? }; got ${describeValue(target)}`,
  );
}

function ledgerProblem(value: unknown): LockoutProblem | undefined {
  const shape = ledgerShapeProblem(value);
  if (shape !== undefined) return shape;
  for (const [id, entry] of Object.entries((value as LockoutLedger).scopes)) {
    const problem = entryProblem(entry, id);
    if (problem !== undefined)
      return bad('invalid-ledger', ['scopes', id, ...problem.path], problem.message);
  }
  return undefined;
}

function entryProblem(
  value: unknown,
  id: string,
): { path: readonly (string | number)[]; message: string } | undefined {
  const at = (path: readonly (string | number)[], message: string) => ({
    path,
    message: `scopes[${JSON.stringify(id)}].${message}`,
  });
  if (typeof value !== 'object' || value === null)
    return at([], `entry must be an object; got ${describeValue(value)}`);
  const e = value as Record<string, unknown>;
  const key = e.key as Record<string, unknown> | null;
  const nullableId = (v: unknown) => v === null || (typeof v === 'string' && v.length > 0);
  if (
    typeof key !== 'object' ||
    key === null ||
    !['trunk', 'caller', 'account'].includes(key.kind as string) ||
    !nullableId(key.accountId) ||
    !nullableId(key.trunkId) ||
    !nullableId(key.callerId) ||
    scopeKeyId(key as unknown as ScopeKey) !== id
  ) {
    return at(
      ['key'],
      "key must be { accountId, kind, trunkId, callerId } matching the entry's id",
    );
  }
  if (!Array.isArray(e.failures))
    return at(['failures'], `failures must be a list; got ${describeValue(e.failures)}`);
  for (const [i, f] of e.failures.entries()) {
    const failure = f as Record<string, unknown> | null;
    if (
      typeof failure !== 'object' ||
      failure === null ||
      typeof failure.id !== 'string' ||
      typeof failure.at !== 'number' ||
      !Number.isFinite(failure.at) ||
      typeof failure.settled !== 'boolean'
    ) {
      return at(
        ['failures', i],
        `failures[${i}] must be { id: string, at: number, settled: boolean }`,
      );
    }
  }
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  // 0.1.0's entries have no dailyLock: absent reads as null.
  const daily = e.dailyLock as Record<string, unknown> | null | undefined;
  if (
    daily !== undefined &&
    daily !== null &&
    (typeof daily !== 'object' || !finite(daily.at) || !finite(daily.until))
  ) {
    return at(['dailyLock'], 'dailyLock must be null or { at: number, until: number }');
  }
  const lock = e.lock as Record<string, unknown> | null;
  if (lock === null) return undefined;
  if (
    typeof lock !== 'object' ||
    !finite(lock.at) ||
    !(lock.until === null ? lock.minutes === null : finite(lock.until) && finite(lock.minutes))
  ) {
    return at(
      ['lock'],
      'lock must be null or { at: number, until: number | null, minutes: number | null }',
    );
  }
  return undefined;
}
