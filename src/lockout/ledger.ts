/**
 * The lockout ledger of SPEC §9: plain JSON data, and the pure functions over
 * it that define the semantics every store (memory, file, Redis) reproduces.
 * Time is always an argument (`now`, epoch milliseconds); nothing here reads a
 * clock.
 *
 * - A look-up is *admitted* before it is performed: admitting records a
 *   failure at once, with the id `callId#attempt`. Admission is refused while
 *   a key is locked, or when its failures in the window (settled misses plus
 *   open admissions) have reached its limit.
 * - *Settling* is idempotent: a hit refunds its own still-recorded admission;
 *   a miss marks it settled, and a settled miss that brings a key to its limit
 *   locks it. An admission never settled stays a miss.
 * - A failure at time t counts during [t, t + window). Failures older than
 *   the window are dropped, and a key with nothing left to remember is
 *   removed, so the ledger stays bounded.
 * - A lock lasts `unlockAfterMinutes` (`null`: until an administrator
 *   unblocks), twice as long as the key's previous lock when it starts within
 *   24 hours of that lock's end, at most 7 days. Unlocking by time clears the
 *   key's failures; unblocking removes the key, its lock history included.
 */
import type { LockoutSettings } from '../config/types.js';
import { describeValue, type Problem } from '../result.js';
import {
  keysOf,
  type LockoutSubject,
  limitOf,
  type ScopeKey,
  scopeKeyId,
  subjectProblem,
} from './scope.js';
import { lockoutSettingsProblem } from './settings.js';

/** The ledger: every key with something to remember. Plain JSON. */
export interface LockoutLedger {
  /** The format version. */
  readonly version: 1;
  /** Entries by {@link scopeKeyId} of their key. */
  readonly scopes: { readonly [id: string]: ScopeEntry };
}

/** What the ledger remembers about one key. */
export interface ScopeEntry {
  /** The key this entry counts for. */
  readonly key: ScopeKey;
  /** Failures in the window, oldest first: open admissions and settled misses. */
  readonly failures: readonly Failure[];
  /** The key's current or most recent lock, kept 24 hours after it ends for the doubling rule; `null` if none. */
  readonly lock: ScopeLock | null;
}

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
  /** When the current lock started, or `null` when not locked. */
  readonly lockedAt: number | null;
  /** When the current lock ends, or `null` when not locked or when only an administrator unlocks. */
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
  /** The latest end of the subject's current locks, or `null` (not locked, or only an administrator unlocks). */
  readonly unlocksAt: number | null;
  /** A look-up would be admitted now. */
  readonly admits: boolean;
  /** Every key the subject counts under, its own first. */
  readonly keys: readonly ScopeStatus[];
}

/** Something an administrator may want to hear about (SPEC §9, Alerts). */
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
      /** `locked`: a key is locked; `limit-reached`: failures plus open admissions reached a limit; `already-settled`: the id was used. */
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
  /** The lock this settlement caused, and hits after failures. */
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
      /** The ledger after the operation (the input object itself when nothing changed). */
      readonly ledger: LockoutLedger;
      /** The operation's answer. */
      readonly value: T;
    }
  | {
      /** The ledger or the request is malformed; nothing changed. */
      readonly ok: false;
      /** What is wrong, naming the field. */
      readonly error: LockoutProblem;
    };

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
/** SPEC §9: doubled locks last at most 7 days. */
const MAX_LOCK_MINUTES = 7 * 24 * 60;
const MAX_CALL_ID_LENGTH = 128;

/**
 * A ledger with nothing in it: what a missing ledger file means.
 *
 * @example
 * ```ts
 * emptyLedger(); // { version: 1, scopes: {} }
 * ```
 */
export function emptyLedger(): LockoutLedger {
  return { version: 1, scopes: {} };
}

/**
 * Admits a look-up (SPEC §9, Concurrency): records a failure on each of the
 * subject's keys at once, or refuses. Admitting the same open id again
 * changes nothing and admits it again (a retried request is safe).
 *
 * @example
 * ```ts
 * const settings = { maxFailures: 5, windowMinutes: 30, scope: 'trunk', unlockAfterMinutes: 30 } as const;
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
  const problem = ledgerProblem(ledger) ?? requestProblem(request, true) ?? timeProblem(now);
  if (problem !== undefined) return { ok: false, error: problem };
  const id = admissionId(request);
  const keys = keysOf(request.settings, request.subject);
  const entries = keys.map(({ key }) => current(ledger, key, request.settings, now));
  const refuse = (reason: 'locked' | 'limit-reached' | 'already-settled') => ({
    ok: true as const,
    ledger,
    value: { admitted: false as const, id, reason, status: statusOf(entries, keys, now) },
  });
  if (entries.some((entry) => isLocked(entry, now))) return refuse('locked');
  const existing = entries.map((entry) => entry.failures.find((f) => f.id === id));
  if (existing.some((f) => f?.settled === true)) return refuse('already-settled');
  if (existing.every((f) => f !== undefined)) {
    return {
      ok: true,
      ledger,
      value: { admitted: true, id, status: statusOf(entries, keys, now) },
    };
  }
  if (entries.some((entry, i) => entry.failures.length >= (keys[i] as { limit: number }).limit)) {
    return refuse('limit-reached');
  }
  const next = entries.map((entry) =>
    entry.failures.some((f) => f.id === id)
      ? entry
      : { ...entry, failures: [...entry.failures, { id, at: now, settled: false }] },
  );
  return {
    ok: true,
    ledger: write(ledger, next, request.settings, now),
    value: { admitted: true, id, status: statusOf(next, keys, now) },
  };
}

/**
 * Settles an admitted look-up. Idempotent: only the first settlement of an
 * open admission changes anything. A hit refunds its own admission (and
 * raises `hit-after-failures` when misses remain in the window); a miss stays
 * recorded and locks each key it brings to its limit (`scope-locked`).
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
  const problem =
    ledgerProblem(ledger) ??
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
  const id = admissionId(request);
  const { settings, hit } = request;
  const keys = keysOf(settings, request.subject);
  const alerts: LockoutAlert[] = [];
  let recorded = false;
  const next = keys.map(({ key, limit }) => {
    const entry = current(ledger, key, settings, now);
    const index = entry.failures.findIndex((f) => f.id === id && !f.settled);
    if (index < 0) return entry;
    recorded = true;
    if (hit) {
      const failures = entry.failures.filter((_, i) => i !== index);
      if (failures.length > 0)
        alerts.push({ type: 'hit-after-failures', key, failures: failures.length });
      return { ...entry, failures };
    }
    const failures = entry.failures.map((f, i) => (i === index ? { ...f, settled: true } : f));
    const settled = { ...entry, failures };
    if (isLocked(settled, now) || failures.length < limit) return settled;
    const lock = newLock(entry.lock, settings, now);
    alerts.push({
      type: 'scope-locked',
      key,
      failures: failures.length,
      lockedAt: lock.at,
      unlocksAt: lock.until,
    });
    return { ...settled, lock };
  });
  const after = recorded ? write(ledger, next, settings, now) : ledger;
  return {
    ok: true,
    ledger: after,
    value: {
      id,
      hit,
      recorded,
      locked: next.some((entry) => isLocked(entry, now)),
      alerts,
      status: statusOf(next, keys, now),
    },
  };
}

/**
 * A subject's status now: locked or not, its failures in the window, when it
 * unlocks, and whether a look-up would be admitted.
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
  const problem = ledgerProblem(ledger) ?? requestProblem(request, false) ?? timeProblem(now);
  if (problem !== undefined) return { ok: false, error: problem };
  const keys = keysOf(request.settings, request.subject);
  const entries = keys.map(({ key }) => current(ledger, key, request.settings, now));
  return { ok: true, value: statusOf(entries, keys, now) };
}

/**
 * The account's keys that have failures in the window or are locked, in a
 * stable order (SPEC §9, Administrator: list locked scopes).
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
    const stored = ledger.scopes[id] as ScopeEntry;
    if (stored.key.accountId !== request.accountId) continue;
    const entry = refresh(stored, request.settings, now);
    const status = scopeStatus(entry, limitOf(request.settings, entry.key), now);
    if (status.locked || status.failures > 0) statuses.push(status);
  }
  return { ok: true, value: statuses };
}

/**
 * An administrator's unblock: removes the matching keys of the account —
 * their locks, failures and lock history — and reports them as they were.
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
    const entry = ledger.scopes[id] as ScopeEntry;
    if (entry.key.accountId === request.accountId && matches(entry.key, request.target)) {
      const fresh = refresh(entry, request.settings, now);
      cleared.push(scopeStatus(fresh, limitOf(request.settings, fresh.key), now));
    } else scopes[id] = entry;
  }
  return {
    ok: true,
    ledger: cleared.length === 0 ? ledger : { version: 1, scopes },
    value: { cleared },
  };
}

/**
 * Checks a ledger loaded from storage (a file, a message): the ledger, or a
 * typed `invalid-ledger` problem naming the field.
 *
 * @example
 * ```ts
 * const loaded = parseLedger(JSON.parse(text));
 * if (!loaded.ok) console.error(loaded.error.message);
 * ```
 */
export function parseLedger(value: unknown): ParseLedgerResult {
  const error = ledgerProblem(value);
  return error === undefined ? { ok: true, ledger: value as LockoutLedger } : { ok: false, error };
}

// ---------------------------------------------------------------------------
// Internals.
// ---------------------------------------------------------------------------

function admissionId(request: AdmitRequest): string {
  return `${request.callId}#${request.attempt}`;
}

const EMPTY_FAILURES: readonly Failure[] = /* @__PURE__ */ Object.freeze([]);

/** The key's entry as of `now` (a blank one when the ledger has none). */
function current(
  ledger: LockoutLedger,
  key: ScopeKey,
  settings: LockoutSettings,
  now: number,
): ScopeEntry {
  const id = scopeKeyId(key);
  const stored = Object.hasOwn(ledger.scopes, id) ? ledger.scopes[id] : undefined;
  return stored === undefined
    ? { key, failures: EMPTY_FAILURES, lock: null }
    : refresh(stored, settings, now);
}

/** Applies time: a lock that has ended clears the failures before its end; old failures drop out. */
function refresh(entry: ScopeEntry, settings: LockoutSettings, now: number): ScopeEntry {
  const { lock } = entry;
  const unlockedAt =
    lock !== null && lock.until !== null && now >= lock.until ? lock.until : -Infinity;
  const windowStart = now - settings.windowMinutes * MINUTE;
  const failures = entry.failures.filter((f) => f.at > windowStart && f.at >= unlockedAt);
  return failures.length === entry.failures.length ? entry : { ...entry, failures };
}

function isLocked(entry: ScopeEntry, now: number): boolean {
  return entry.lock !== null && (entry.lock.until === null || now < entry.lock.until);
}

/** SPEC §9: twice the previous lock when this one starts within 24 h of its end, at most 7 days. */
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

/** Still worth keeping: failures, a lock in force, or a lock that ended under 24 h ago. */
function worthKeeping(entry: ScopeEntry, now: number): boolean {
  if (entry.failures.length > 0 || isLocked(entry, now)) return true;
  return entry.lock !== null && entry.lock.until !== null && now - entry.lock.until < DAY;
}

/** The ledger with `entries` written back, and every other entry refreshed and pruned. */
function write(
  ledger: LockoutLedger,
  entries: readonly ScopeEntry[],
  settings: LockoutSettings,
  now: number,
): LockoutLedger {
  const scopes: Record<string, ScopeEntry> = {};
  for (const id of Object.keys(ledger.scopes)) {
    const entry = refresh(ledger.scopes[id] as ScopeEntry, settings, now);
    if (worthKeeping(entry, now)) scopes[id] = entry;
  }
  for (const entry of entries) {
    const id = scopeKeyId(entry.key);
    if (worthKeeping(entry, now)) scopes[id] = entry;
    else delete scopes[id];
  }
  return { version: 1, scopes };
}

function scopeStatus(entry: ScopeEntry, limit: number, now: number): ScopeStatus {
  const locked = isLocked(entry, now);
  return {
    key: entry.key,
    locked,
    failures: entry.failures.length,
    open: entry.failures.filter((f) => !f.settled).length,
    limit,
    lockedAt: locked ? (entry.lock as ScopeLock).at : null,
    unlocksAt: locked ? (entry.lock as ScopeLock).until : null,
  };
}

function statusOf(
  entries: readonly ScopeEntry[],
  keys: readonly { readonly key: ScopeKey; readonly limit: number }[],
  now: number,
): SubjectStatus {
  const statuses = entries.map((entry, i) =>
    scopeStatus(entry, (keys[i] as { limit: number }).limit, now),
  );
  const own = statuses[0] as ScopeStatus;
  const locks = statuses.filter((s) => s.locked);
  const locked = locks.length > 0;
  const unlocksAt =
    !locked || locks.some((s) => s.unlocksAt === null)
      ? null
      : Math.max(...locks.map((s) => s.unlocksAt as number));
  return {
    scope: own.key,
    locked,
    failures: own.failures,
    limit: own.limit,
    unlocksAt,
    admits: !locked && statuses.every((s) => s.failures < s.limit),
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
// Checks: every function is total (SPEC §7).
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
  const problem = lockoutSettingsProblem((request as { settings?: unknown }).settings, 'settings');
  return problem === undefined
    ? undefined
    : bad('invalid-request', ['settings', ...problem.path], problem.message);
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
  const invalid = (path: readonly (string | number)[], message: string) =>
    bad('invalid-ledger', path, message);
  if (typeof value !== 'object' || value === null)
    return invalid([], `the ledger must be an object; got ${describeValue(value)}`);
  const l = value as Record<string, unknown>;
  if (l.version !== 1)
    return invalid(['version'], `version must be 1; got ${describeValue(l.version)}`);
  if (typeof l.scopes !== 'object' || l.scopes === null || Array.isArray(l.scopes)) {
    return invalid(['scopes'], `scopes must be an object; got ${describeValue(l.scopes)}`);
  }
  for (const [id, entry] of Object.entries(l.scopes)) {
    const problem = entryProblem(entry, id);
    if (problem !== undefined) return invalid(['scopes', id, ...problem.path], problem.message);
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
  const lock = e.lock as Record<string, unknown> | null;
  if (lock === null) return undefined;
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
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
