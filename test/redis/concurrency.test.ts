/**
 * docs/rules.md#concurrency, across OS processes: 20 processes, each with its own
 * connection opened from a `redis://` ledger argument (as the CLI opens it),
 * admit and settle look-ups on one line at once, on Redis's clock. The misses
 * the ledger records never exceed the limit, and equal the misses the
 * processes were told were recorded: no update is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockoutSettings } from '../../src/index.js';
import { openRedisLedger } from '../../src/redis/index.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';
import { bundleGuesser, race as raceOn, recordedMisses } from './race.js';

let server: RedisServer;
let guesser: { path: string; remove: () => void };
beforeAll(async () => {
  guesser = await bundleGuesser();
  server = await startRedisServer();
}, 15_000);
afterAll(async () => {
  await server?.stop();
  guesser?.remove();
});

const race = (accountId: string, scope: LockoutSettings['scope'], callers: (i: number) => string) =>
  raceOn(guesser.path, server.url, accountId, scope, callers);

async function ledgerStatus(accountId: string, settings: LockoutSettings, callerId: string | null) {
  const opened = await openRedisLedger(server.url, accountId);
  if (!opened.ok) throw new Error(opened.error.message);
  const status = await opened.store.status({
    settings,
    subject: { accountId, trunkId: 'hq', callerId },
  });
  await opened.store.close();
  if (!status.ok) throw new Error(status.error.message);
  return status.value;
}

describe('the Redis store under 20 concurrent processes (docs/rules.md#lockout)', () => {
  it('records no more misses than maxFailures on one trunk, and loses none it acknowledged', async () => {
    const all = await race('race-trunk', 'trunk', () => '-');
    const misses = recordedMisses(all);
    const status = await ledgerStatus(
      'race-trunk',
      {
        maxFailures: 10,
        windowMinutes: 60,
        scope: 'trunk',
        unlockAfterMinutes: 60,
        maxFailuresPerDay: 1000,
      },
      null,
    );
    expect(status.failures).toBeLessThanOrEqual(10);
    expect(status.failures).toBe(misses);
    expect(status.keys[0]?.open).toBe(0);
    // The limit was really contended: 60 look-ups, 40 of them misses, for 10 places.
    expect(all.filter((t) => t.admit !== 'admitted').length).toBeGreaterThan(0);
    if (status.failures === 10) expect(status.locked).toBe(true);
  }, 60_000);

  it('with caller scope and a caller id per process, the trunk caps them at 3 × maxFailures', async () => {
    const all = await race('race-caller', 'caller', (i) => String(200 + i));
    const misses = recordedMisses(all);
    const status = await ledgerStatus(
      'race-caller',
      {
        maxFailures: 10,
        windowMinutes: 60,
        scope: 'caller',
        unlockAfterMinutes: 60,
        maxFailuresPerDay: 1000,
      },
      '200',
    );
    const trunk = status.keys[1];
    expect(trunk?.key.kind).toBe('trunk');
    expect(trunk?.failures).toBeLessThanOrEqual(30);
    expect(trunk?.failures).toBe(misses);
  }, 60_000);
});
