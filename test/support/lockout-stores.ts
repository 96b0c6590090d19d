/**
 * Lockout stores and configurations for the examples' tests (docs/rules.md#lockout): a
 * store that fails like an unreachable Redis, and examples/acme.json with a
 * lockout setting and the `account.id` a shared ledger needs.
 */
import { readFileSync } from 'node:fs';
import { type Config, type LockoutStore, parseConfig } from '../../src/index.js';

/**
 * `working`, except that each operation in `broken` answers
 * `ledger-unavailable` ("the ledger is down"), as an unreachable Redis does.
 */
export function brokenStore(
  working: LockoutStore,
  broken: readonly (keyof LockoutStore)[],
): LockoutStore {
  const down = async () => ({
    ok: false as const,
    error: { code: 'ledger-unavailable' as const, path: [], message: 'the ledger is down' },
  });
  return Object.fromEntries(
    (['admit', 'settle', 'status', 'list', 'unblock'] as const).map((op) => [
      op,
      broken.includes(op) ? down : working[op].bind(working),
    ]),
  ) as unknown as LockoutStore;
}

/** Every operation of a {@link LockoutStore}. */
export const ALL_OPERATIONS: readonly (keyof LockoutStore)[] = [
  'admit',
  'settle',
  'status',
  'list',
  'unblock',
];

/** examples/acme.json with `account.id` `acme` and `lockout` as given. */
export function acmeWithLockout(lockout: Record<string, unknown>): Config {
  const json = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  json.account.id = 'acme';
  json.account.settings.lockout = lockout;
  const parsed = parseConfig(json);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return parsed.config;
}
