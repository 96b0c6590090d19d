/**
 * A real redis-server and acme configurations of their own for the CLI's
 * `--ledger redis://…` tests: hooks that start and stop both, and `acmeWith`,
 * which writes acme with a fresh `account.id` (so each test has a ledger of
 * its own in one Redis) and the given `lockout`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, startRedisServer } from './redis-server.js';

export interface RedisCliFixture {
  /** The running server (after `beforeAll`). */
  readonly server: () => RedisServer;
  /** Writes acme with its own account id and `lockout`; returns the file and the id. */
  readonly acmeWith: (lockout: unknown) => { path: string; id: string };
}

export function redisCliFixture(): RedisCliFixture {
  const dir = mkdtempSync(join(tmpdir(), 'account-codes-redis-cli-'));
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  }, 15_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  let files = 0;
  return {
    server: () => {
      if (server === undefined) throw new Error('redis-server has not started');
      return server;
    },
    acmeWith: (lockout) => {
      const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
      const id = `acme-${files++}`;
      acme.account.id = id;
      acme.account.settings.lockout = lockout;
      const path = join(dir, `${id}.json`);
      writeFileSync(path, JSON.stringify(acme));
      return { path, id };
    },
  };
}

/** An international dial string on acme's hq trunk (code-gated), and a lockout policy. */
export const INTERNATIONAL = '9011442079460958';
export const LOCKOUT = { maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 };
