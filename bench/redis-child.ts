/**
 * One side of bench/redis.bench.ts, in a fresh process: admit + settle pairs
 * through the Redis store, or the same number of raw `EVALSHA` round trips,
 * by `callers` concurrent loops on one connection, for `ms` milliseconds
 * after a warm-up. Prints `{ "opsPerSecond": n }` (one op = one round trip).
 *
 * Usage: tsx bench/redis-child.ts store|raw TARGET CALLERS MS
 * where TARGET is redis://127.0.0.1:PORT/0 or cluster:PORT,PORT,PORT.
 */
import { Cluster, Redis } from 'ioredis';
import type { LockoutSettings } from '../src/index.js';
import { openRedisLockoutStore } from '../src/redis/index.js';

const [side, target, callersText, msText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const callers = Number(callersText);
const ms = Number(msText);
const settings: LockoutSettings = {
  maxFailures: 100,
  windowMinutes: 60,
  scope: 'trunk',
  unlockAfterMinutes: 60,
};

function client(): Redis | Cluster {
  return target.startsWith('cluster:')
    ? new Cluster(
        target
          .slice('cluster:'.length)
          .split(',')
          .map((port) => ({ host: '127.0.0.1', port: Number(port) })),
      )
    : new Redis(target);
}

/** One round trip of the store's kind: an admit, then its settle (a hit: nothing accumulates). */
async function storeLoop(): Promise<() => Promise<number>> {
  const opened = await openRedisLockoutStore(target.startsWith('cluster:') ? client() : target, {
    timeoutMs: 5000,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const { store } = opened;
  let n = 0;
  return async () => {
    const me = n++;
    const subject = { accountId: `bench-${me % callers}`, trunkId: 'hq', callerId: null };
    const request = { settings, subject, callId: `call-${process.pid}-${me}`, attempt: 1 };
    const admitted = await store.admit(request);
    if (!admitted.ok || !admitted.value.admitted) throw new Error(JSON.stringify(admitted));
    const settled = await store.settle({ ...request, hit: true });
    if (!settled.ok) throw new Error(settled.error.message);
    return 2;
  };
}

/** The limit: a raw EVALSHA round trip of a script that reads the clock, twice. */
async function rawLoop(): Promise<() => Promise<number>> {
  const redis = client();
  const script = "return redis.call('TIME')";
  const sha = String(await redis.script('LOAD', script));
  if (redis instanceof Cluster) {
    for (const node of redis.nodes('master')) await node.script('LOAD', script);
  }
  let n = 0;
  return async () => {
    const key = `{bench-${n++ % callers}}:raw`;
    await redis.evalsha(sha, 1, key);
    await redis.evalsha(sha, 1, key);
    return 2;
  };
}

const pair = side === 'store' ? await storeLoop() : await rawLoop();
let ops = 0;
let counting = false;
let running = true;
const loops = Array.from({ length: callers }, async () => {
  while (running) {
    const done = await pair();
    if (counting) ops += done;
  }
});
await new Promise((resolve) => setTimeout(resolve, 300));
counting = true;
const start = process.hrtime.bigint();
await new Promise((resolve) => setTimeout(resolve, ms));
counting = false;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
running = false;
await Promise.all(loops);
process.stdout.write(`${JSON.stringify({ opsPerSecond: ops / seconds })}\n`);
process.exit(0);
