/**
 * The ledger an account's Redis keys hold, as plain JSON (`LockoutLedger`),
 * read through the account's index the way the store's `list` reads it: for
 * tests that look at what was stored.
 */
import type { Cluster, Redis } from 'ioredis';
import { type LockoutLedger, scopeKeyId } from '../../src/index.js';
import { accountKeys } from '../../src/redis/keys.js';

export async function storedLedger(
  client: Redis | Cluster,
  accountId: string,
  keyPrefix = 'account-codes:lockout:',
): Promise<LockoutLedger> {
  const { base, index } = accountKeys(keyPrefix, accountId);
  const scopes: Record<string, LockoutLedger['scopes'][string]> = {};
  for (const member of await client.zrange(index, '0', '-1')) {
    const raw = await client.get(`${base}:${member}`);
    if (raw === null) continue;
    const entry = JSON.parse(raw);
    scopes[scopeKeyId(entry.key)] = entry;
  }
  return { version: 2, scopes };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The ledger as it stands at `now`: each entry's failures past both the
 * window and 24 hours dropped, a daily lock that has ended dropped, and
 * entries with nothing left to remember removed — what the pure functions
 * keep, whichever entries the last writes happened to touch.
 */
export function asOf(ledger: LockoutLedger, windowMinutes: number, now: number): LockoutLedger {
  const scopes: Record<string, LockoutLedger['scopes'][string]> = {};
  for (const [id, stored] of Object.entries(ledger.scopes)) {
    const entry = { ...stored, dailyLock: stored.dailyLock ?? null };
    const horizon = now - Math.max(windowMinutes * MINUTE, DAY);
    const failures = entry.failures.filter((f) => f.at > horizon);
    const dailyLock =
      entry.dailyLock !== null && now < entry.dailyLock.until ? entry.dailyLock : null;
    const { lock } = entry;
    const locked =
      (lock !== null && (lock.until === null || now < lock.until)) || dailyLock !== null;
    const recent = lock !== null && lock.until !== null && now - lock.until < DAY;
    if (failures.length > 0 || locked || recent) scopes[id] = { ...entry, failures, dailyLock };
  }
  return { version: 2, scopes };
}
