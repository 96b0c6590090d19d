/**
 * One guessing process for test/redis/concurrency.test.ts: opens the ledger
 * that a CLI `--ledger redis://…` argument names (openRedisLedger, as the CLI
 * does), waits for the common start time, then admits `attempts` look-ups on
 * one line and settles each (every third a hit), on the store's own clock.
 * Prints what it was told, one JSON line.
 *
 * Arguments: URL ACCOUNT_ID START_EPOCH_MS ATTEMPTS SCOPE CALLER_ID|-
 * where URL may also be `cluster:PORT,PORT,…`: an ioredis Cluster client on
 * those nodes of 127.0.0.1, given to openRedisLockoutStore.
 */
import { Cluster } from 'ioredis';
import type { LockoutSettings } from '../../src/index.js';
import { openRedisLedger, openRedisLockoutStore } from '../../src/redis/index.js';

const [url, accountId, start, attempts, scope, caller] = process.argv.slice(2) as string[];
const settings: LockoutSettings = {
  maxFailures: 10,
  windowMinutes: 60,
  scope: scope as LockoutSettings['scope'],
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 1000,
};
const subject = {
  accountId: accountId as string,
  trunkId: 'hq',
  callerId: caller === '-' ? null : (caller as string),
};

const options = { timeoutMs: 20_000 };
const opened = (url as string).startsWith('cluster:')
  ? await openRedisLockoutStore(
      new Cluster(
        (url as string)
          .slice('cluster:'.length)
          .split(',')
          .map((port) => ({ host: '127.0.0.1', port: Number(port) })),
        { lazyConnect: true },
      ),
      options,
    )
  : await openRedisLedger(url as string, accountId as string, options);
if (!opened.ok) throw new Error(opened.error.message);
const { store } = opened;
await store.status({ settings, subject }); // connected before the start
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(start) - Date.now())));
const told: { admit: string; hit?: boolean; settle?: string }[] = [];
for (let attempt = 1; attempt <= Number(attempts); attempt += 1) {
  const request = { settings, subject, callId: `pid-${process.pid}`, attempt };
  const admitted = await store.admit(request);
  if (!admitted.ok) {
    told.push({ admit: admitted.error.code });
    continue;
  }
  if (!admitted.value.admitted) {
    told.push({ admit: admitted.value.reason });
    continue;
  }
  const hit = attempt % 3 === 0;
  const settled = await store.settle({ ...request, hit });
  told.push({
    admit: 'admitted',
    hit,
    settle: settled.ok ? (settled.value.recorded ? 'recorded' : 'repeat') : settled.error.code,
  });
}
await store.close();
process.stdout.write(`${JSON.stringify(told)}\n`);
