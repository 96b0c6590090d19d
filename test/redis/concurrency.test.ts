/**
 * SPEC §9, Concurrency, across OS processes: 20 processes, each with its own
 * connection opened from a `redis://` ledger argument (as the CLI opens it),
 * admit and settle look-ups on one line at once, on Redis's clock. The misses
 * the ledger records never exceed the limit, and equal the misses the
 * processes were told were recorded: no update is lost.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockoutSettings } from '../../src/index.js';
import { openRedisLedger } from '../../src/redis/index.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';

const PROCESSES = 20;
const ATTEMPTS = 3;
const SOURCE = fileURLToPath(new URL('./guesser.ts', import.meta.url));
// Bundled once, so that 20 processes start as plain node (20 TypeScript loaders would take seconds);
// next to node_modules, where the bundle finds ioredis.
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));

let server: RedisServer;
let dir: string;
let guesser: string;
beforeAll(async () => {
  mkdirSync(CACHE, { recursive: true });
  dir = mkdtempSync(join(CACHE, 'account-codes-guesser-'));
  guesser = join(dir, 'guesser.mjs');
  await build({
    entryPoints: [SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: guesser,
    external: ['ioredis'],
    logLevel: 'error',
  });
  server = await startRedisServer();
}, 15_000);
afterAll(async () => {
  await server?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

type Told = { admit: string; hit?: boolean; settle?: string }[];

function guess(args: readonly string[]): Promise<Told> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [guesser, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as Told)
        : reject(new Error(`guesser exited ${code}: ${err}`)),
    );
  });
}

async function race(
  accountId: string,
  scope: LockoutSettings['scope'],
  callers: (i: number) => string,
) {
  const start = String(Date.now() + 1000);
  const told = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) =>
      guess([server.url, accountId, start, String(ATTEMPTS), scope, callers(i)]),
    ),
  );
  const all = told.flat();
  // Every process got an answer to everything (the timeout is generous here).
  expect(
    all.filter((t) => t.admit === 'ledger-unavailable' || t.settle === 'ledger-unavailable'),
  ).toEqual([]);
  return all;
}

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

describe('the Redis store under 20 concurrent processes (SPEC §9)', () => {
  it('records no more misses than maxFailures on one trunk, and loses none it acknowledged', async () => {
    const all = await race('race-trunk', 'trunk', () => '-');
    const misses = all.filter(
      (t) => t.admit === 'admitted' && t.hit === false && t.settle === 'recorded',
    );
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
    expect(status.failures).toBe(misses.length);
    expect(status.keys[0]?.open).toBe(0);
    // The limit was really contended: 60 look-ups, 40 of them misses, for 10 places.
    expect(all.filter((t) => t.admit !== 'admitted').length).toBeGreaterThan(0);
    if (status.failures === 10) expect(status.locked).toBe(true);
  }, 60_000);

  it('with caller scope and a caller id per process, the trunk caps them at 3 × maxFailures', async () => {
    const all = await race('race-caller', 'caller', (i) => String(200 + i));
    const misses = all.filter(
      (t) => t.admit === 'admitted' && t.hit === false && t.settle === 'recorded',
    );
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
    expect(trunk?.failures).toBe(misses.length);
  }, 60_000);
});
