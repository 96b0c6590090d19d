/**
 * The Redis store on a real Redis Cluster (docs/redis.md, Redis Cluster):
 * three masters on loopback ports, started and stopped here. The store works
 * with an ioredis `Cluster` client as with a single node: the differential
 * property against the pure ledger, the concurrency property with 20
 * processes each on its own Cluster client, and a failover of the master
 * that serves an account's slot in the middle of operations — after which
 * every acknowledged miss is still there and the limit still holds.
 */
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockoutSettings } from '../../src/index.js';
import { openRedisLockoutStore, type RedisLockoutStore } from '../../src/redis/index.js';
import { accountKeys } from '../../src/redis/keys.js';
import { type RedisCluster, startRedisCluster } from '../support/redis-cluster.js';
import { answersAsThePureLedger } from './differential.js';
import { bundleGuesser, race, recordedMisses } from './race.js';
import { storedLedger } from './stored.js';

let cluster: RedisCluster;
let inspector: Cluster;
let guesser: { path: string; remove: () => void };

beforeAll(async () => {
  guesser = await bundleGuesser();
  cluster = await startRedisCluster();
  inspector = new Cluster([...cluster.nodes]);
  inspector.on('error', () => {});
}, 60_000);
afterAll(async () => {
  inspector?.disconnect();
  await cluster?.stop();
  guesser?.remove();
});

async function open(keyPrefix: string, timeoutMs = 5000): Promise<RedisLockoutStore> {
  const client = new Cluster([...cluster.nodes], { lazyConnect: true });
  const opened = await openRedisLockoutStore(client, { keyPrefix, timeoutMs });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

const url = () => `cluster:${cluster.nodes.map(({ port }) => port).join(',')}`;

describe('the Redis store on a 3-master cluster', () => {
  it('answers as the pure ledger does, for any operations', async () => {
    await answersAsThePureLedger(open, inspector);
  }, 120_000);

  it('20 processes on one trunk: no more misses than maxFailures, none lost', async () => {
    const all = await race(guesser.path, url(), 'race-trunk', 'trunk', () => '-');
    const store = await open('account-codes:lockout:');
    const status = await store.status({
      settings: {
        maxFailures: 10,
        windowMinutes: 60,
        scope: 'trunk',
        unlockAfterMinutes: 60,
        maxFailuresPerDay: 1000,
      },
      subject: { accountId: 'race-trunk', trunkId: 'hq', callerId: null },
    });
    await store.close();
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value.failures).toBeLessThanOrEqual(10);
    expect(status.value.failures).toBe(recordedMisses(all));
    expect(all.filter((t) => t.admit !== 'admitted').length).toBeGreaterThan(0);
  }, 120_000);

  it('20 processes with a caller id each: the trunk caps them at 3 × maxFailures', async () => {
    const all = await race(guesser.path, url(), 'race-caller', 'caller', (i) => String(200 + i));
    const store = await open('account-codes:lockout:');
    const status = await store.status({
      settings: {
        maxFailures: 10,
        windowMinutes: 60,
        scope: 'caller',
        unlockAfterMinutes: 60,
        maxFailuresPerDay: 1000,
      },
      subject: { accountId: 'race-caller', trunkId: 'hq', callerId: '200' },
    });
    await store.close();
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value.keys[1]?.failures).toBeLessThanOrEqual(30);
    expect(status.value.keys[1]?.failures).toBe(recordedMisses(all));
  }, 120_000);

  it('survives a failover of the master serving the account: nothing acknowledged lost, the limit holds', async () => {
    const settings: LockoutSettings = {
      maxFailures: 6,
      windowMinutes: 60,
      scope: 'trunk',
      unlockAfterMinutes: 60,
      maxFailuresPerDay: 1000,
    };
    const subject = { accountId: 'failover', trunkId: 'hq', callerId: null };
    const { index } = accountKeys('fo:', 'failover');
    await cluster.addReplica(index);
    const master = await cluster.masterOf(index);
    const store = await open('fo:', 10_000);
    const miss = async (callId: string) => {
      const request = { settings, subject, callId, attempt: 1 };
      const admitted = await store.admit(request);
      if (!admitted.ok) return admitted.error.code;
      if (!admitted.value.admitted) return admitted.value.reason;
      const settled = await store.settle({ ...request, hit: false });
      return settled.ok ? 'recorded' : settled.error.code;
    };
    for (const callId of ['a', 'b', 'c']) expect(await miss(callId)).toBe('recorded');
    // Acknowledged by the replica before its master dies (replication is asynchronous:
    // without this, a failover may lose the last writes, as docs/redis.md says).
    const direct = new Redis(master.port, '127.0.0.1', { maxRetriesPerRequest: 0 });
    expect(await direct.call('WAIT', '1', '10000')).toBe(1);
    direct.disconnect();
    process.kill(master.pid, 'SIGKILL');
    const after = [];
    for (const callId of ['d', 'e', 'f', 'g', 'h']) after.push(await miss(callId));
    // The replica took over within the store's timeout; then the limit of 6 locks the trunk.
    expect(after).toEqual(['recorded', 'recorded', 'recorded', 'locked', 'locked']);
    const promoted = await cluster.masterOf(index);
    expect(promoted.port).not.toBe(master.port);
    const stored = await storedLedger(inspector, 'failover', 'fo:');
    expect(stored.scopes['["failover","trunk","hq",null]']?.failures.map((f) => f.id)).toEqual([
      'a#1',
      'b#1',
      'c#1',
      'd#1',
      'e#1',
      'f#1',
    ]);
    await store.close();
  }, 60_000);
});
