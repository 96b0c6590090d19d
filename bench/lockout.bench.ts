/**
 * The lockout ledger at scale (issue 26): admit + settle pairs per second on
 * the memory store whose ledger already holds 0, 10^2 and 10^4 other entries
 * (one per trunk, each with a miss in its window), measured in one process,
 * the sizes alternated round by round so drifting load hits each alike, and
 * the median round of each compared with the empty ledger's. An operation
 * touches only its own keys, so the target is 10^4 entries ≥ 0.5× empty.
 * The same for the pure functions (`admitLookup`, `settleLookup`): an
 * admission and a settlement of a hit on a ledger of 10^4 entries, their
 * answers and `changes` used as a store does (the new ledger not read).
 *
 * Run: `node --expose-gc --import tsx bench/run.ts lockout`.
 */
import {
  admitLookup,
  createMemoryLockoutStore,
  type LockoutLedger,
  type LockoutSettings,
  type MemoryLockoutStore,
  settleLookup,
} from '../src/index.js';
import { type BenchRow, type BenchSuite, median, row } from './harness.js';

const SIZES = [0, 1e2, 1e4] as const;
const ROUNDS = 7;
const PAIRS_PER_ROUND = 20_000;
const NOW = Date.parse('2026-12-01T10:00:00Z');
const SETTINGS: LockoutSettings = {
  maxFailures: 10,
  windowMinutes: 60,
  scope: 'caller',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 30,
};

/** A store whose ledger holds `size` other entries: a miss on each of `size` callers of another trunk. */
async function filled(size: number): Promise<MemoryLockoutStore> {
  const store = createMemoryLockoutStore({ clock: () => NOW });
  for (let i = 0; i < size; i++) {
    const request = {
      settings: { ...SETTINGS, scope: 'trunk' as const },
      subject: { accountId: 'acme', trunkId: `t${i}`, callerId: null },
      callId: `fill-${i}`,
      attempt: 1,
    };
    await store.admit(request);
    await store.settle({ ...request, hit: false });
  }
  return store;
}

/** Pairs per second of admit + settle (a hit, so the ledger stays as it is) on one caller of hq. */
async function pairsPerSecond(store: MemoryLockoutStore, round: number): Promise<number> {
  const subject = HQ_201;
  const start = process.hrtime.bigint();
  for (let i = 0; i < PAIRS_PER_ROUND; i++) {
    const request = { settings: SETTINGS, subject, callId: `c${round}-${i}`, attempt: 1 };
    await store.admit(request);
    await store.settle({ ...request, hit: true });
  }
  return PAIRS_PER_ROUND / (Number(process.hrtime.bigint() - start) / 1e9);
}

const HQ_201 = { accountId: 'acme', trunkId: 'hq', callerId: '201' };

/** The pure functions on the ledger of `store`: pairs per second of an admission and a settled hit. */
function purePairsPerSecond(ledger: LockoutLedger, round: number): number {
  const open = { settings: SETTINGS, subject: HQ_201, callId: 'open', attempt: 1 };
  const admitted = admitLookup(ledger, open, NOW);
  if (!admitted.ok) throw new Error(admitted.error.message);
  // A ledger holding an open admission, built once: each settlement below refunds it anew.
  const withOpen = admitted.ledger;
  let written = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < PAIRS_PER_ROUND; i++) {
    const request = { settings: SETTINGS, subject: HQ_201, callId: `c${round}-${i}`, attempt: 1 };
    const admit = admitLookup(ledger, request, NOW);
    const settle = settleLookup(withOpen, { ...open, hit: true }, NOW);
    if (admit.ok && settle.ok) written += Object.keys(admit.changes).length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (written !== 2 * PAIRS_PER_ROUND) throw new Error('an admission did not write its two keys');
  return PAIRS_PER_ROUND / seconds;
}

const suite: BenchSuite = {
  title: 'lockout ledger: the memory store and the pure functions at 0, 10^2 and 10^4 entries',
  async run(): Promise<readonly BenchRow[]> {
    const stores = await Promise.all(SIZES.map(filled));
    const rates: number[][] = SIZES.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, store] of stores.entries()) {
        (rates[i] as number[]).push(await pairsPerSecond(store, round));
      }
    }
    const ledgers = stores.map((store) => store.snapshot());
    const pure: number[][] = SIZES.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, ledger] of ledgers.entries()) {
        (pure[i] as number[]).push(purePairsPerSecond(ledger, round));
      }
    }
    const rows = (label: string, series: number[][]) => {
      const [empty, ...others] = series.map(median) as [number, ...number[]];
      return others.map((rate, i) =>
        row(
          `${label}, admit + settle at 10^${Math.log10(SIZES[i + 1] as number)} entries`,
          rate,
          'pairs/s',
          'the same on an empty ledger',
          empty,
          { target: 0.5 },
        ),
      );
    };
    return [...rows('memory store', rates), ...rows('pure functions (changes only)', pure)];
  },
};

export default suite;
