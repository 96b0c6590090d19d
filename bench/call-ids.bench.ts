/**
 * Repeated CDRs counted once (issue 27): what remembering call ids costs.
 * 10^6 distinct Asterisk-style `uniqueid`s go into the report's call-id set
 * (fingerprints in typed arrays) and, as the baseline, into a
 * `Map<string, number>` of id → first line, the plain way to do it; heap
 * growth per id after a full collection, in this one process.
 * Target: a third of the Map's bytes or less.
 *
 * Run: `node --expose-gc --import tsx bench/run.ts call-ids`.
 */
import { createCallIdSet } from '../src/reports/call-ids.js';
import { type BenchSuite, consume, row } from './harness.js';

const IDS = 1_000_000;

function heapBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Fresh id strings, as a CDR reader makes them (one string per row). */
const idOf = (i: number): string => `${1793505600 + i}.${i}`;

const suite: BenchSuite = {
  title: 'call ids seen',
  run() {
    let before = heapBytes();
    const seen = createCallIdSet();
    for (let i = 0; i < IDS; i++) seen.see(idOf(i), i + 1);
    const ours = (heapBytes() - before) / IDS;
    consume(seen);
    before = heapBytes();
    const map = new Map<string, number>();
    for (let i = 0; i < IDS; i++) if (!map.has(idOf(i))) map.set(idOf(i), i + 1);
    const baseline = (heapBytes() - before) / IDS;
    consume(map);
    return [
      row('bytes a call id, 10^6 ids', ours, 'B', 'Map<string, number>', baseline, {
        higherIsBetter: false,
        target: 3,
      }),
    ];
  },
};

export default suite;
