/**
 * The file ledger at scale (issue 26): admit + settle pairs per second on the
 * file store (`account-codes/file-ledger`) in its scope-file layout (the
 * whole-file one, the CLI's default, rewrites the ledger on every change) whose ledger already holds 10^4
 * other entries (one per trunk, each with a miss in its window), against the
 * same store on an empty ledger, in one process, the two alternated round by
 * round so drifting load hits each alike, the median rounds compared. An
 * operation reads and writes only its own scopes' files (and the lock file),
 * so the target is 10^4 entries ≥ 0.5× empty. The full ledger is written as
 * one whole-ledger file and migrated by the first operation, as an upgrade
 * does; that is not timed.
 *
 * Run: `node --expose-gc --import tsx bench/run.ts file-ledger`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LockoutSettings } from '../src/index.js';
import { createFileLockoutStore, type FileLockoutStore } from '../src/lockout/file-store.js';
import type { ScopeEntry } from '../src/lockout/ledger.js';
import { scopeKeyId } from '../src/lockout/scope.js';
import { type BenchRow, type BenchSuite, median, row } from './harness.js';

const SIZE = 1e4;
const ROUNDS = 7;
const PAIRS_PER_ROUND = 300;
const NOW = Date.parse('2026-12-01T10:00:00Z');
const SETTINGS: LockoutSettings = {
  maxFailures: 10,
  windowMinutes: 60,
  scope: 'caller',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 30,
};

/** A store at `path` whose ledger holds `size` other entries: a settled miss on each of `size` trunks. */
async function filled(path: string, size: number): Promise<FileLockoutStore> {
  const scopes: Record<string, ScopeEntry> = {};
  for (let i = 0; i < size; i++) {
    const key = { accountId: 'acme', kind: 'trunk', trunkId: `t${i}`, callerId: null } as const;
    scopes[scopeKeyId(key)] = {
      key,
      failures: [{ id: `fill-${i}#1`, at: NOW, settled: true }],
      lock: null,
      dailyLock: null,
    };
  }
  writeFileSync(path, JSON.stringify({ version: 2, scopes }));
  const store = createFileLockoutStore(path, () => NOW, { layout: 'scope-files' });
  // The first change migrates the file into one file per scope.
  const warm = {
    settings: SETTINGS,
    subject: { accountId: 'acme', trunkId: 'hq', callerId: '201' },
    callId: 'warm',
    attempt: 1,
  };
  await store.admit(warm);
  await store.settle({ ...warm, hit: true });
  const exported = await store.exportLedger();
  if (!exported.ok || Object.keys(exported.value.scopes).length !== size) {
    throw new Error(`the ledger at ${path} does not hold ${size} entries`);
  }
  return store;
}

/** Pairs per second of admit + settle (a hit, so the ledger stays as it is) on one caller of hq. */
async function pairsPerSecond(store: FileLockoutStore, round: number): Promise<number> {
  const subject = { accountId: 'acme', trunkId: 'hq', callerId: '201' };
  const start = process.hrtime.bigint();
  for (let i = 0; i < PAIRS_PER_ROUND; i++) {
    const request = { settings: SETTINGS, subject, callId: `c${round}-${i}`, attempt: 1 };
    const admitted = await store.admit(request);
    if (!admitted.ok || !admitted.value.admitted) throw new Error('a look-up was not admitted');
    await store.settle({ ...request, hit: true });
  }
  return PAIRS_PER_ROUND / (Number(process.hrtime.bigint() - start) / 1e9);
}

const suite: BenchSuite = {
  title: 'lockout ledger: the file store at 0 and 10^4 entries',
  async run(): Promise<readonly BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'account-codes-file-bench-'));
    try {
      const stores = [
        await filled(join(dir, 'empty.json'), 0),
        await filled(join(dir, 'full.json'), SIZE),
      ];
      const rates: number[][] = stores.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, store] of stores.entries()) {
          (rates[i] as number[]).push(await pairsPerSecond(store, round));
        }
      }
      const [empty, full] = rates.map(median) as [number, number];
      return [
        row(
          'file store (scope files), admit + settle at 10^4 entries',
          full,
          'pairs/s',
          'the same on an empty ledger',
          empty,
          { target: 0.5 },
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
