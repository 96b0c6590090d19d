/**
 * The shared lockout store of docs/rules.md#lockout on Redis: every
 * operation is one round trip, one `EVALSHA` of the ledger script
 * (script.ts; `EVAL` when the server does not have it yet), atomic because
 * Redis runs a script to completion. The script reads the operation's own
 * scope keys and Redis's clock (`TIME`, unless the request gives an explicit
 * time), decides and writes; it answers with the clock it used and the
 * entries as they were, and the answer objects are computed from those by
 * the pure functions of `src/lockout/ledger.ts`. Operations of one store run
 * concurrently. Works alike with an ioredis `Redis` (single node, Sentinel)
 * or `Cluster` client: an account's keys share one hash slot (keys.ts).
 * Anything the store cannot vouch for is `ledger-unavailable` (fail closed).
 */
import type { Cluster, Redis } from 'ioredis';
import type { LockoutSettings } from '../config/types.js';
import {
  admitIn,
  type EntryTable,
  emptyLedger,
  type LedgerRead,
  type LedgerUpdate,
  type LockoutLedger,
  listScopes,
  parseLedger,
  type ScopeEntry,
  settleIn,
  statusIn,
  type TableResult,
  unblockScopes,
} from '../lockout/ledger.js';
import { keysOf, type LockoutSubject, scopeKeyId } from '../lockout/scope.js';
import type { LockoutStore, LockoutStoreError, StoreResult } from '../lockout/store.js';
import type { RedisClient } from './client.js';
import { type AccountKeys, accountKeys, memberOf } from './keys.js';
import { LEDGER_SCRIPT, LEDGER_SCRIPT_SHA } from './script.js';

/** The ioredis clients a store runs on: a single node (or Sentinel) or a Cluster. */
type IoClient = Redis | Cluster;

/** How a Redis store names its keys and how long it waits. */
export interface RedisStoreOptions {
  /**
   * Prefix of every key; the account's id follows, and the two are the
   * account's hash tag: `{account-codes:lockout:acme}:trunk:hq`. Default
   * `account-codes:lockout:`.
   */
  readonly keyPrefix?: string;
  /**
   * Each operation answers within this many milliseconds (connecting
   * included), else `ledger-unavailable`. Default 1000.
   */
  readonly timeoutMs?: number;
  /**
   * Attempts at migrating an account's 0.1.0 key while something keeps
   * rewriting it (an old node), before `ledger-unavailable`. Default 50.
   */
  readonly maxAttempts?: number;
}

/** What {@link RedisLockoutStore.reset} discarded: each key's name and its value as it was. */
export interface RedisResetOutcome {
  /** The keys deleted, with what they held (a corrupt value included, as text). */
  readonly discarded: readonly { readonly key: string; readonly value: string }[];
}

/** A {@link LockoutStore} on Redis, with a way to let go of its connection. */
export interface RedisLockoutStore extends LockoutStore {
  /**
   * Deletes every key of the account's ledger, readable or not, and says
   * what they held: how an administrator gets out of a corrupt ledger
   * (`unblock --all --reset`). Atomic.
   */
  reset(request: { readonly accountId: string }): Promise<StoreResult<RedisResetOutcome>>;
  /** Closes the store's connection; later operations answer `ledger-unavailable`. */
  close(): Promise<void>;
}

/**
 * The defaults of {@link RedisStoreOptions}.
 *
 * @example
 * ```ts
 * REDIS_STORE_DEFAULTS.timeoutMs; // 1000: every operation answers within a second
 * ```
 */
export const REDIS_STORE_DEFAULTS: {
  /** Every key's hash tag starts with this; the account's id follows. */
  readonly keyPrefix: 'account-codes:lockout:';
  /** Milliseconds each operation may take before it answers `ledger-unavailable`. */
  readonly timeoutMs: 1000;
  /** Attempts at migrating a 0.1.0 key that keeps changing. */
  readonly maxAttempts: 50;
} = {
  keyPrefix: 'account-codes:lockout:',
  timeoutMs: 1000,
  maxAttempts: 50,
};

const TIMED_OUT = Symbol('timed out');

type Failed = { readonly ok: false; readonly error: LockoutStoreError };

/**
 * A {@link RedisLockoutStore} over a connection the store owns (see
 * `openRedisLockoutStore`, which is how integrators get one): an ioredis
 * `Redis` client or a `Cluster`.
 *
 * Every request's account must have an `account.id` (`account-id-required`):
 * trunk ids are unique only within an account (docs/rules.md#lockout). Each
 * scope key of the account is one Redis key holding its entry as JSON;
 * docs/redis.md describes the layout.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const client = new Redis(6379, '127.0.0.1', { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
 * const store = createRedisLockoutStore(client, { timeoutMs: 500 });
 * const admitted = await store.admit({ settings, subject, callId: 'call-1', attempt: 1 });
 * await store.close();
 * ```
 */
export function createRedisLockoutStore(
  redisClient: RedisClient,
  options: RedisStoreOptions = {},
): RedisLockoutStore {
  // Typed without ioredis for the package's users; inside, it is an ioredis client.
  const client = redisClient as unknown as IoClient;
  // Untyped callers: no options object is the defaults; a client without `on`
  // gets no listeners, and its operations answer ledger-unavailable.
  const given: RedisStoreOptions = typeof options === 'object' && options !== null ? options : {};
  const keyPrefix = given.keyPrefix ?? REDIS_STORE_DEFAULTS.keyPrefix;
  const timeoutMs = given.timeoutMs ?? REDIS_STORE_DEFAULTS.timeoutMs;
  const maxAttempts = given.maxAttempts ?? REDIS_STORE_DEFAULTS.maxAttempts;
  // Errors surface as `ledger-unavailable` answers; without a listener ioredis would print them.
  if (typeof (client as Partial<IoClient> | null)?.on === 'function') client.on('error', () => {});

  /** The script's reply, or the error it failed with. */
  const send = (keys: readonly string[], args: readonly string[]): Promise<unknown> => {
    try {
      return client
        .evalsha(LEDGER_SCRIPT_SHA, keys.length, ...keys, ...args)
        .catch((error: unknown) =>
          // A server restarted or failed over has lost the script: send it whole, once.
          error instanceof Error && error.message.startsWith('NOSCRIPT')
            ? client.eval(LEDGER_SCRIPT, keys.length, ...keys, ...args)
            : Promise.reject(error),
        );
    } catch (error) {
      // Untyped callers: a client that is not an ioredis one.
      return Promise.reject(error);
    }
  };

  /** One script call: its reply, or why there is none. */
  const evaluate = async (
    keys: readonly string[],
    args: readonly string[],
    deadline: number,
  ): Promise<{ ok: true; reply: readonly unknown[] } | Failed> => {
    // Checked without a promise when connected: the common case costs nothing.
    if (client.status !== 'ready' && !(await ready(client, deadline))) {
      return unavailable('is not connected');
    }
    const reply = await within(send(keys, args), deadline);
    // Sent but not answered: it may yet apply (an admission then stays a miss: fail closed).
    if (reply === TIMED_OUT) return unavailable(`did not answer within ${timeoutMs} ms`);
    if (reply instanceof Error) return unavailable(`failed (${reply.message})`);
    if (!Array.isArray(reply)) return unavailable('gave an answer it should not');
    return { ok: true, reply };
  };

  /** Moves an account's 0.1.0 key into the per-scope layout, atomically. */
  const migrate = async (
    keys: AccountKeys,
    accountId: string,
    raw: unknown,
    windowMinutes: number,
    at: number | undefined,
    deadline: number,
  ): Promise<{ ok: true } | Failed> => {
    const parsed = parseJson(raw, keys.legacy);
    if (!parsed.ok) return parsed;
    const loaded = parseLedger(parsed.value);
    if (!loaded.ok) return loaded;
    const entries = Object.values(loaded.ledger.scopes)
      .filter((entry) => entry.key.accountId === accountId)
      .flatMap((entry) => [memberOf(entry.key), JSON.stringify(entry)]);
    const args = ['migrate', timeArg(at), '1', String(windowMinutes), accountId, keys.base];
    const done = await evaluate(
      [keys.index, keys.legacy],
      [...args, String(raw), ...entries],
      deadline,
    );
    if (!done.ok) return done;
    if (done.reply[0] === 'invalid') {
      return invalidLedger(`${keys.base}:${String(done.reply[2])}`, 'does not hold a ledger entry');
    }
    return { ok: true };
  };

  /**
   * Runs the script until it answers for the current layout (migrating a
   * 0.1.0 key first when there is one): its reply and the clock it used.
   */
  const operate = async (
    accountId: string,
    request: { readonly settings: { readonly windowMinutes: number }; readonly at?: number },
    keys: AccountKeys,
    scriptKeys: readonly string[],
    args: readonly string[],
  ): Promise<{ ok: true; reply: readonly unknown[]; now: number } | Failed> => {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const done = await evaluate(scriptKeys, args, deadline);
      if (!done.ok) return done;
      const [state, now] = done.reply;
      if (state !== 'legacy') return { ok: true, reply: done.reply, now: Number(now) };
      const migrated = await migrate(
        keys,
        accountId,
        done.reply[2],
        request.settings.windowMinutes,
        request.at,
        deadline,
      );
      if (!migrated.ok) return migrated;
    }
    return unavailable(`could not migrate the 0.1.0 key ${keys.legacy}: it kept changing`);
  };

  /** The 0.1.0 key when the script may touch it; else the index again (checked: no). */
  const legacyKey = (keys: AccountKeys): string =>
    keys.legacyInSlot || !client.isCluster ? keys.legacy : keys.index;
  const checksLegacy = (keys: AccountKeys): string =>
    keys.legacyInSlot || !client.isCluster ? '1' : '0';

  /**
   * admit, settle, status: the subject's own scope keys. The script decides
   * and writes; the pure operation, run on the entries it read, answers.
   */
  const line =
    <R extends LineRequest, T>(
      op: 'admit' | 'settle' | 'status',
      pure: (table: EntryTable, request: R, now: number) => TableResult<T>,
    ) =>
    async (request: R): Promise<StoreResult<T>> => {
      // The request's own problems first, as the pure operation names them.
      const checked = pure(NO_ENTRIES, request, timeOf(request));
      if (!checked.ok) return checked;
      const accountId = request.subject.accountId;
      if (typeof accountId !== 'string') return accountIdRequired();
      const { settings } = request;
      const keys = accountKeys(keyPrefix, accountId);
      const scopes = keysOf(settings, request.subject);
      const members = scopes.map(({ key }) => memberOf(key));
      const args = [
        op,
        timeArg(request.at),
        checksLegacy(keys),
        String(settings.windowMinutes),
        settings.unlockAfterMinutes === null ? '' : String(settings.unlockAfterMinutes),
        op === 'status' ? '' : `${request.callId}#${request.attempt}`,
        request.hit === true ? '1' : '0',
        accountId,
      ];
      for (const [i, { key, limit, dailyLimit }] of scopes.entries()) {
        args.push(
          members[i] as string,
          key.kind,
          key.trunkId ?? '',
          key.callerId ?? '',
          String(limit),
          String(dailyLimit),
        );
      }
      const scriptKeys = [keys.index, legacyKey(keys)];
      for (const member of members) scriptKeys.push(`${keys.base}:${member}`);
      const done = await operate(accountId, request, keys, scriptKeys, args);
      if (!done.ok) return done;
      const { reply, now } = done;
      const read = new Map<string, unknown>();
      for (const [i, { key }] of scopes.entries()) {
        const raw = reply[i + 2];
        if (raw === null || raw === undefined) continue;
        const parsed = parseJson(raw, `${keys.base}:${members[i]}`);
        if (!parsed.ok) return parsed;
        read.set(scopeKeyId(key), parsed.value);
      }
      // The writes were the script's: this table only answers reads.
      return verdict(reply[0], pure(new ReadTable(read), request, now));
    };

  /** list, unblock, reset: every entry of the account, through its index. */
  const account = async <T>(
    op: 'list' | 'unblock' | 'reset',
    request: {
      readonly accountId: string;
      readonly settings: { readonly windowMinutes: number };
      readonly at?: number;
      readonly target?: { kind: string; trunkId?: string; callerId?: string };
    },
    answer: (
      ledger: LockoutLedger,
      pairs: readonly [string, string][],
      now: number,
    ) => StoreResult<T>,
  ): Promise<StoreResult<T>> => {
    const keys = accountKeys(keyPrefix, request.accountId);
    const target = request.target ?? { kind: 'all' };
    const args = [
      op,
      timeArg(request.at),
      checksLegacy(keys),
      String(request.settings.windowMinutes),
      request.accountId,
      keys.base,
      target.kind,
      target.trunkId ?? '',
      target.callerId ?? '',
    ];
    const done = await operate(
      request.accountId,
      request,
      keys,
      [keys.index, legacyKey(keys)],
      args,
    );
    if (!done.ok) return done;
    const { reply, now } = done;
    const pairs: [string, string][] = [];
    for (let i = 2; i + 1 < reply.length; i += 2)
      pairs.push([String(reply[i]), String(reply[i + 1])]);
    if (op === 'reset') return answer(emptyLedger(), pairs, now);
    const scopes: Record<string, unknown> = {};
    for (const [member, raw] of pairs) {
      const parsed = parseJson(raw, `${keys.base}:${member}`);
      if (!parsed.ok) return parsed;
      const key = (parsed.value as Partial<ScopeEntry> | null)?.key;
      scopes[typeof key === 'object' && key !== null ? scopeKeyId(key) : member] = parsed.value;
    }
    const loaded = parseLedger({ version: 2, scopes });
    if (!loaded.ok) return loaded;
    if (reply[0] === 'invalid') return invalidLedger('', 'holds an entry the store cannot read');
    return answer(loaded.ledger, pairs, now);
  };

  const accountOperation =
    <R extends AccountRequest, T>(
      op: 'list' | 'unblock',
      pure: (ledger: LockoutLedger, request: R, now: number) => LedgerUpdate<T> | LedgerRead<T>,
    ) =>
    async (request: R): Promise<StoreResult<T>> => {
      const checked = pure(emptyLedger(), request, timeOf(request));
      if (!checked.ok) return checked;
      if (typeof request.accountId !== 'string') return accountIdRequired();
      return account(op, request as R & { accountId: string }, (ledger, _pairs, now) =>
        verdict('ok', pure(ledger, request, now)),
      );
    };

  return {
    admit: line('admit', admitIn),
    settle: line('settle', settleIn),
    status: line('status', statusIn),
    list: accountOperation('list', listScopes),
    unblock: accountOperation('unblock', unblockScopes),
    async reset(request) {
      const accountId = (request as { accountId?: unknown } | null)?.accountId;
      if (typeof accountId !== 'string' || accountId.length === 0 || accountId.length > 64) {
        return accountIdRequired();
      }
      const keys = accountKeys(keyPrefix, accountId);
      return account('reset', { accountId, settings: { windowMinutes: 1 } }, (_ledger, pairs) => ({
        ok: true,
        value: {
          discarded: pairs.map(([member, value]) => ({
            key: member === '' ? keys.legacy : `${keys.base}:${member}`,
            value,
          })),
        },
      }));
    },
    async close() {
      await within(client.quit(), Date.now() + timeoutMs);
      client.disconnect();
    },
  };
}

type LineRequest = {
  readonly settings: LockoutSettings;
  readonly subject: LockoutSubject;
  readonly callId?: string;
  readonly attempt?: number;
  readonly hit?: boolean;
  readonly at?: number;
};
type AccountRequest = {
  readonly settings: LockoutSettings;
  readonly accountId: string | null;
  readonly at?: number;
};

/** The entries the script read, by scope key id; writes are the script's, not the table's. */
class ReadTable implements EntryTable {
  constructor(private readonly read: ReadonlyMap<string, unknown>) {}
  get(id: string): unknown {
    return this.read.get(id);
  }
  put(): void {}
}

/** A table with no entries: for checking a request before anything is read. */
const NO_ENTRIES: EntryTable = { get: () => undefined, put: () => {} };

/** The request's explicit time, for checking it (0 when it has none). */
function timeOf(request: unknown): number {
  const at = typeof request === 'object' && request !== null ? (request as { at?: unknown }).at : 0;
  return (at ?? 0) as number;
}

/** The script's verdict and the pure function's answer, as one store answer. */
function verdict<T>(
  state: unknown,
  result: LedgerUpdate<T> | LedgerRead<T> | TableResult<T>,
): StoreResult<T> {
  if (!result.ok) return result;
  // The script found an entry it cannot read, yet ledger.ts can: refuse rather than guess.
  if (state === 'invalid') return invalidLedger('', 'holds an entry the store cannot read');
  return { ok: true, value: result.value };
}

function timeArg(at: number | undefined): string {
  return at === undefined ? '' : String(at);
}

function parseJson(raw: unknown, key: string): { ok: true; value: unknown } | Failed {
  try {
    return { ok: true, value: JSON.parse(String(raw)) };
  } catch {
    return invalidLedger(key, 'does not hold JSON');
  }
}

function invalidLedger(key: string, what: string): Failed {
  return {
    ok: false,
    error: {
      code: 'invalid-ledger',
      path: [],
      message: `the Redis key ${key === '' ? 'of the ledger' : key} ${what}`,
    },
  };
}

function accountIdRequired(): Failed {
  return {
    ok: false,
    error: {
      code: 'account-id-required',
      path: ['accountId'],
      message:
        "a shared (redis://) ledger needs the configuration's account.id (1-64 printable characters): trunk ids are unique only within an account",
    },
  };
}

function unavailable(what: string): Failed {
  return {
    ok: false,
    error: {
      code: 'ledger-unavailable',
      path: [],
      message: `the Redis ledger ${what}; code-gated calls fail closed until it answers`,
    },
  };
}

/** The connection is ready, or becomes so before the deadline. */
async function ready(client: IoClient, deadline: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  if (client.status === 'end' || client.status === 'close') return false;
  if (client.status === 'wait') client.connect().catch(() => {});
  let onReady = (): void => {};
  const became = new Promise<boolean>((resolve) => {
    onReady = () => resolve(true);
    client.once('ready', onReady);
  });
  const outcome = await within(became, deadline);
  client.off('ready', onReady);
  return outcome === true;
}

/**
 * What `promise` settles to (a rejection as its Error), or TIMED_OUT at the
 * deadline: one timer, cleared as soon as it is not needed.
 */
function within<T>(promise: Promise<T>, deadline: number): Promise<T | Error | typeof TIMED_OUT> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), TIMED_OUT);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
