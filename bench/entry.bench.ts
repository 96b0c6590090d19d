/**
 * Code entry (issue 5).
 *
 * - `advance` events per second against `JSON.stringify` + `JSON.parse` of
 *   the same state. A stateless webhook handler does that round trip for
 *   every event anyway (load the state, store the next one), so the ratio
 *   says how much the machine adds to the work that cannot be avoided.
 * - The code directory (a bitset) against a `Set<string>` at 10^3, 10^5,
 *   10^6 and 10^7 seven-digit codes: memory and look-ups per second. The
 *   bitset costs 10^codeLength bits whatever the list holds. Memory is the
 *   heap + array-buffer growth, after `global.gc` when node runs with
 *   `--expose-gc` (else plain `process.memoryUsage` deltas, noisier). The
 *   10^7 `Set` takes ~15 s and ~550 MB to build, once.
 *   Targets: ≥ 20M look-ups/s and ≤ 1.5 MB at 10^7 codes.
 *
 * Run: `node --expose-gc --import tsx bench/run.ts entry`.
 */
import { type CodeDirectory, createCodeDirectory } from '../src/entry/directory.js';
import type { EntryEvent } from '../src/entry/events.js';
import { advance, type EntryState, startCodeEntry } from '../src/entry/machine.js';
import { type BenchRow, type BenchSuite, consume, opsPerSecond, row } from './harness.js';

const CODE_LENGTH = 7;
const SIZES = [1e3, 1e5, 1e6, 1e7] as const;

/** One authorization call: a short entry, a miss, then a hit. 13 events. */
const CALL: readonly EntryEvent[] = [
  { type: 'key', key: '1' },
  { type: 'key', key: '2' },
  { type: 'key', key: '#' },
  { type: 'key', key: '1' },
  { type: 'key', key: '2' },
  { type: 'key', key: '3' },
  { type: 'key', key: '4' },
  { type: 'lookup-result', valid: false },
  { type: 'key', key: '4' },
  { type: 'key', key: '3' },
  { type: 'key', key: '2' },
  { type: 'key', key: '1' },
  { type: 'lookup-result', valid: true },
];

function advanceRows(): BenchRow[] {
  const start = startCodeEntry({
    codeLength: 4,
    maxRetries: 3,
    validateCodes: true,
    allowCallAfterMaxRetries: false,
  });
  if (!start.ok) throw new Error(start.error.message);
  // The states the call goes through, so both sides work on the same data.
  const states: EntryState[] = [];
  let state = start.state;
  for (const event of CALL) {
    states.push(state);
    state = advance(state, event).state;
  }
  const advanceRate = opsPerSecond(
    () => {
      let s = start.state;
      for (const event of CALL) s = advance(s, event).state;
      consume(s);
    },
    { opsPerCall: CALL.length },
  );
  const jsonRate = opsPerSecond(
    () => {
      for (const s of states) consume(JSON.parse(JSON.stringify(s)));
    },
    { opsPerCall: states.length },
  );
  return [
    row('advance, events/s', advanceRate, 'events/s', 'JSON round trip of the state', jsonRate, {
      target: 1,
    }),
  ];
}

function heapBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** `size` codes spread evenly over the 7-digit space, as strings. */
function* codes(size: number): Generator<string> {
  const stride = Math.floor(10 ** CODE_LENGTH / size);
  for (let i = 0; i < size; i++) yield String(i * stride).padStart(CODE_LENGTH, '0');
}

/** Half listed codes, half near misses, fresh strings. */
function probes(size: number): string[] {
  const stride = Math.floor(10 ** CODE_LENGTH / size);
  const out: string[] = [];
  for (let i = 0; i < 4096; i++) {
    const n = ((i * 7919) % size) * stride + (i % 2 === 0 || stride === 1 ? 0 : 1);
    out.push(String(n % 10 ** CODE_LENGTH).padStart(CODE_LENGTH, '0'));
  }
  return out;
}

/** Look-ups per second of `set.has`; a loop of its own so the JIT specialises it. */
function setLookupRate(set: ReadonlySet<string>, queries: readonly string[]): number {
  return opsPerSecond(
    () => {
      let hits = 0;
      for (const q of queries) if (set.has(q)) hits++;
      consume(hits);
    },
    { opsPerCall: queries.length },
  );
}

/** Look-ups per second of `directory.has`, likewise. */
function directoryLookupRate(directory: CodeDirectory, queries: readonly string[]): number {
  return opsPerSecond(
    () => {
      let hits = 0;
      for (const q of queries) if (directory.has(q)) hits++;
      consume(hits);
    },
    { opsPerCall: queries.length },
  );
}

function directoryRows(size: number): BenchRow[] {
  const queries = probes(size);
  const label = `10^${Math.round(Math.log10(size))} codes`;

  let before = heapBytes();
  const set = new Set<string>();
  for (const code of codes(size)) set.add(code);
  const setBytes = heapBytes() - before;
  const setRate = setLookupRate(set, queries);
  set.clear();

  before = heapBytes();
  const built = createCodeDirectory(codes(size), CODE_LENGTH);
  if (!built.ok) throw new Error(built.error.message);
  const directoryBytes = heapBytes() - before;
  const directoryRate = directoryLookupRate(built.directory, queries);
  consume(built.directory.size);

  const memory = row(
    `code directory, ${label}, memory`,
    directoryBytes,
    'bytes',
    'Set<string>',
    setBytes,
    {
      higherIsBetter: false,
    },
  );
  const speed = row(
    `code directory, ${label}, look-ups/s`,
    directoryRate,
    'look-ups/s',
    'Set<string>',
    setRate,
  );
  if (size !== 1e7) return [memory, speed];
  return [
    { ...memory, target: '<= 1.5 MB', met: directoryBytes <= 1.5e6 },
    { ...speed, target: '>= 20M/s', met: directoryRate >= 20e6 },
  ];
}

const suite: BenchSuite = {
  title: 'code entry',
  run: () => [...advanceRows(), ...SIZES.flatMap(directoryRows)],
};

export default suite;
