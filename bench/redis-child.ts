/**
 * bench/redis.bench.ts in a fresh process: two workloads alternated in
 * short windows (A B A B …, so that the load of a shared machine hits both
 * alike), each run by `callers` concurrent loops on one connection; prints
 * the median operations per second of each (one op = one round trip).
 *
 * - `store-vs-raw TARGET`: admit + settle pairs through the Redis store,
 *   against raw `EVALSHA` round trips of a script that reads the clock (the
 *   limit of one script call per operation), on the same server.
 * - `store-vs-script TARGET`: the same pairs through the store, against raw
 *   `EVALSHA`s of the store's own script with the arguments it would send
 *   (what the store adds on the client: checks, keys, the pure answers).
 * - `cluster-vs-single CLUSTER TARGET`: the store on a cluster against the
 *   store on a single node.
 * - `server-time TARGET`: the same pairs through the store, against raw
 *   `EVALSHA` round trips of the clock script, as the server's own time per
 *   script call (`INFO commandstats`, after `CONFIG RESETSTAT`): figures in
 *   calls per second of server time.
 *
 * Usage: tsx bench/redis-child.ts MODE A [B] CALLERS WINDOW_MS ROUNDS (redis.bench.ts
 * runs it bundled, as plain node)
 * where a target is redis://127.0.0.1:PORT/0 or cluster:PORT,PORT,PORT.
 */
import { Cluster, Redis } from 'ioredis';
import type { LockoutSettings } from '../src/index.js';
import { openRedisLockoutStore } from '../src/redis/index.js';
import { accountKeys } from '../src/redis/keys.js';
import { LEDGER_SCRIPT, LEDGER_SCRIPT_SHA } from '../src/redis/script.js';
import { median } from './harness.js';

const argv = process.argv.slice(2);
const mode = argv[0] as 'store-vs-raw' | 'store-vs-script' | 'cluster-vs-single' | 'server-time';
const two = mode === 'cluster-vs-single';
const [a, b] = two ? [argv[1], argv[2]] : [argv[1], argv[1]];
const [callers, windowMs, rounds] = argv.slice(two ? 3 : 2).map(Number) as [number, number, number];
/** Operations each side runs before it is measured. */
const WARM_UP_OPS = 6000;
const settings: LockoutSettings = {
  maxFailures: 100,
  windowMinutes: 60,
  scope: 'trunk',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 1000,
};

function client(target: string): Redis | Cluster {
  return target.startsWith('cluster:')
    ? new Cluster(
        target
          .slice('cluster:'.length)
          .split(',')
          .map((port) => ({ host: '127.0.0.1', port: Number(port) })),
      )
    : new Redis(target);
}

type Op = (caller: number) => Promise<number>;

/** An admit, then its settle as a hit (so nothing accumulates): two round trips. */
async function storeOp(target: string): Promise<Op> {
  const opened = await openRedisLockoutStore(
    target.startsWith('cluster:') ? client(target) : target,
    { timeoutMs: 10_000 },
  );
  if (!opened.ok) throw new Error(opened.error.message);
  const { store } = opened;
  let n = 0;
  return async (caller) => {
    const subject = { accountId: `bench-${caller}`, trunkId: 'hq', callerId: null };
    const request = { settings, subject, callId: `call-${process.pid}-${n++}`, attempt: 1 };
    const admitted = await store.admit(request);
    if (!admitted.ok || !admitted.value.admitted) throw new Error(JSON.stringify(admitted));
    const settled = await store.settle({ ...request, hit: true });
    if (!settled.ok) throw new Error(settled.error.message);
    return 2;
  };
}

/** Two raw EVALSHA round trips of a script that reads the clock. */
async function rawOp(target: string): Promise<Op> {
  const redis = client(target);
  const script = "return redis.call('TIME')";
  const sha = String(await redis.script('LOAD', script));
  return async (caller) => {
    await redis.evalsha(sha, 1, `{bench-${caller}}:raw`);
    await redis.evalsha(sha, 1, `{bench-${caller}}:raw`);
    return 2;
  };
}

/** Raw EVALSHAs of the store's own script: an admit, then its settle as a hit. */
async function scriptOp(target: string): Promise<Op> {
  const redis = client(target);
  await redis.script('LOAD', LEDGER_SCRIPT);
  let n = 0;
  return async (caller) => {
    const { base, index, legacy } = accountKeys('account-codes:lockout:', `script-${caller}`);
    const keys = [index, legacy, `${base}:trunk:hq`];
    const id = `call-${process.pid}-${n++}#1`;
    const args = (op: string, hit: string) => [
      op,
      '',
      '1',
      '60',
      '60',
      id,
      hit,
      `script-${caller}`,
      'trunk:hq',
      'trunk',
      'hq',
      '',
      '100',
      '1000',
    ];
    await redis.evalsha(LEDGER_SCRIPT_SHA, 3, ...keys, ...args('admit', '0'));
    await redis.evalsha(LEDGER_SCRIPT_SHA, 3, ...keys, ...args('settle', '1'));
    return 2;
  };
}

/** Operations per second of `op` by `callers` loops during one window. */
async function window(op: Op): Promise<number> {
  let ops = 0;
  const until = Date.now() + windowMs;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      while (Date.now() < until) {
        // Not `ops += await op()`: that reads `ops` before the await, and 16
        // callers would overwrite each other's counts.
        const done = await op(caller);
        ops += done;
      }
    }),
  );
  return ops / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Calls per second of the server's own time while `op` runs one window. */
async function serverRate(op: Op, inspector: Redis): Promise<number> {
  await inspector.config('RESETSTAT');
  await window(op);
  const info = await inspector.info('commandstats');
  const usec = /^cmdstat_evalsha:calls=\d+,usec=\d+,usec_per_call=([\d.]+)/m.exec(info)?.[1];
  if (usec === undefined) throw new Error(`no EVALSHA in INFO commandstats:\n${info}`);
  return 1e6 / Number(usec);
}

const first = await storeOp(a as string);
const second =
  mode === 'store-vs-raw' || mode === 'server-time'
    ? await rawOp(b as string)
    : mode === 'store-vs-script'
      ? await scriptOp(b as string)
      : await storeOp(b as string);
// Warm-up: connections, the scripts loaded, and the JIT, which optimises a
// function only after some thousands of calls: a store serves millions, so
// its steady state is what counts, not its first second.
for (const op of [first, second]) {
  let done = 0;
  while (done < WARM_UP_OPS) {
    const more = await op(done % callers);
    done += more;
  }
}
const x: number[] = [];
const y: number[] = [];
const inspector = mode === 'server-time' ? new Redis(a as string) : undefined;
for (let round = 0; round < rounds; round += 1) {
  x.push(inspector ? await serverRate(first, inspector) : await window(first));
  y.push(inspector ? await serverRate(second, inspector) : await window(second));
}
process.stdout.write(`${JSON.stringify({ a: median(x), b: median(y) })}\n`);
process.exit(0);
