/**
 * `account-codes/redis`: the shared lockout store of docs/rules.md#lockout on Redis. A
 * separate entry point so that `import 'account-codes'` never loads ioredis
 * (an optional peer dependency: `npm install ioredis@6`).
 *
 * @module
 */
export type { RedisClient } from './client.js';
export {
  isRedisLedger,
  openRedisLedger,
  type RedisLedgerError,
  type RedisLedgerResult,
} from './ledger-argument.js';
export {
  openRedisLockoutStore,
  parseRedisUrl,
  type RedisOpenError,
  type RedisOpenResult,
  type RedisUrlCheck,
} from './open.js';
export {
  createRedisLockoutStore,
  REDIS_STORE_DEFAULTS,
  type RedisLockoutStore,
  type RedisResetOutcome,
  type RedisStoreOptions,
} from './store.js';
