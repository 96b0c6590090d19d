/**
 * Code entry (issues 5 and 14), each side in fresh processes of its own,
 * alternated.
 *
 * - `advance` events per second against `JSON.stringify` + `JSON.parse` of
 *   the same states. A stateless webhook handler does that round trip for
 *   every event anyway (load the state, store the next one), so the ratio
 *   says how much the machine adds to the work that cannot be avoided.
 * - The code directory against a `Set<string>` of the same seven-digit
 *   codes: bytes (heap + array buffers after `gc`, per structure; small ones
 *   are built many times over and the growth divided) and look-ups per
 *   second. The 10^7 `Set` takes ~15 s and ~550 MB to build, so that size
 *   gets one process per side. Targets: < 1 kB for 10 codes, about 1.25 MB at
 *   10^7, and ≥ 20M look-ups/s at every size.
 */
import {
  alternated,
  type BenchRow,
  type BenchSuite,
  measureInProcess,
  PAIRS,
  row,
} from './harness.js';

const SIZES = [10, 1e3, 1e4, 1e5, 1e6, 1e7] as const;
const RATE_TARGET = 20e6;

function advanceRow(): BenchRow {
  const [ours, theirs] = alternated(
    () => measureInProcess('advance'),
    () => measureInProcess('json-round-trip'),
  );
  return row(
    'advance, events/s',
    ours.rate as number,
    'events/s',
    'JSON round trip of the state',
    theirs.rate as number,
    { target: 1 },
  );
}

function directoryRows(size: number): BenchRow[] {
  const [ours, set] = alternated(
    () => measureInProcess('directory', String(size)),
    () => measureInProcess('set', String(size)),
    size >= 1e7 ? 1 : PAIRS,
  );
  const label = `10^${Math.round(Math.log10(size))} codes`;
  const bytes = ours.bytes as number;
  const rate = ours.rate as number;
  const memory = row(
    `code directory, ${label}, memory`,
    bytes,
    'bytes',
    'Set<string>',
    set.bytes as number,
    {
      higherIsBetter: false,
    },
  );
  const speed = row(
    `code directory, ${label}, look-ups/s`,
    rate,
    'look-ups/s',
    'Set<string>',
    set.rate as number,
  );
  const memoryTarget =
    size === 10
      ? { target: '< 1 kB', met: bytes < 1000 }
      : size === 1e7
        ? { target: '<= 1.5 MB', met: bytes <= 1.5e6 }
        : {};
  return [
    { ...memory, ...memoryTarget },
    { ...speed, target: '>= 20M/s', met: rate >= RATE_TARGET },
  ];
}

/**
 * Issue 24: the directory answering for a call (`check`) against today's
 * `has`, on an unscoped list (target: within 1.5x, in speed and memory),
 * and the memory of a 10^6 list with 1 % of its codes scoped (< 3 MB).
 */
function scopedRows(): BenchRow[] {
  const size = 1e6;
  const [call, has] = alternated(
    () => measureInProcess('directory-call', String(size)),
    () => measureInProcess('directory', String(size)),
  );
  const [scoped] = alternated(
    () => measureInProcess('directory-scoped', String(size)),
    () => measureInProcess('directory', String(size)),
  );
  const speed = row(
    'code directory for a call, 10^6 unscoped codes, look-ups/s',
    call.rate as number,
    'look-ups/s',
    'has(code)',
    has.rate as number,
  );
  const memory = row(
    'code directory for a call, 10^6 unscoped codes, memory',
    call.bytes as number,
    'bytes',
    'has(code) directory',
    has.bytes as number,
    { higherIsBetter: false },
  );
  const scopedBytes = scoped.bytes as number;
  return [
    { ...speed, target: '>= 1/1.5 of has', met: speed.ratio >= 1 / 1.5 },
    { ...memory, target: '<= 1.5x', met: memory.ratio >= 1 / 1.5 },
    {
      ...row(
        'code directory, 10^6 codes, 1 % scoped, memory',
        scopedBytes,
        'bytes',
        'unscoped',
        has.bytes as number,
        { higherIsBetter: false },
      ),
      target: '< 3 MB',
      met: scopedBytes < 3e6,
    },
  ];
}

const suite: BenchSuite = {
  title: 'code entry',
  run: () => [advanceRow(), ...SIZES.flatMap(directoryRows), ...scopedRows()],
};

export default suite;
