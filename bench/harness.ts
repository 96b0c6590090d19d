/**
 * A small benchmark harness: every figure is reported next to a baseline
 * measured in the same run, because absolute times on a shared machine are
 * noise. Each side runs in processes of its own, alternated (A B A B …) so
 * that drifting load hits both, and the medians are compared.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One line of the benchmark table. */
export interface BenchRow {
  /** What was measured, e.g. `classifyCall, NANP mix`. */
  readonly name: string;
  /** The measured figure (higher is better for `ops/s`, lower for sizes and times). */
  readonly value: number;
  readonly unit: string;
  /** What it is compared with, measured in the same run. */
  readonly baselineName: string;
  readonly baseline: number;
  /** How many times better than the baseline (always "higher is better"). */
  readonly ratio: number;
  /** The target ratio from the issue, e.g. `>= 50x`; absent when there is none. */
  readonly target?: string;
  /** Whether the ratio meets the target; absent when there is no target. */
  readonly met?: boolean;
}

/** A group of benchmark rows, one file in `bench/`. */
export interface BenchSuite {
  readonly title: string;
  run(): Promise<readonly BenchRow[]> | readonly BenchRow[];
}

let sink: unknown;
/** Keeps a result alive so the JIT cannot drop the work that made it. */
export function consume(value: unknown): void {
  sink = value;
}
export function lastConsumed(): unknown {
  return sink;
}

/**
 * Operations per second of `fn`, which performs `opsPerCall` operations per call.
 * Runs `rounds` timed rounds of at least `minMs` each after a warm-up and
 * returns the median round, which resists the odd descheduled round.
 */
export function opsPerSecond(
  fn: () => void,
  {
    opsPerCall = 1,
    minMs = 200,
    rounds = 5,
  }: { opsPerCall?: number; minMs?: number; rounds?: number } = {},
): number {
  // Warm up and find how many calls fill a round.
  let calls = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= minMs / 4) {
      calls = Math.max(1, Math.ceil((calls * minMs) / Math.max(ms, 0.001)));
      break;
    }
    calls *= 4;
  }
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) fn();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push((calls * opsPerCall) / seconds);
  }
  return median(rates);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * A row comparing `value` with `baseline`. With `higherIsBetter` false (sizes,
 * times) the ratio is baseline / value, so a ratio above 1 always means "better".
 */
export function row(
  name: string,
  value: number,
  unit: string,
  baselineName: string,
  baseline: number,
  options: { higherIsBetter?: boolean; target?: number; targetText?: string } = {},
): BenchRow {
  const higherIsBetter = options.higherIsBetter ?? true;
  const ratio = higherIsBetter ? value / baseline : baseline / value;
  const base = { name, value, unit, baselineName, baseline, ratio };
  if (options.target === undefined) return base;
  return {
    ...base,
    target: options.targetText ?? `>= ${options.target}x`,
    met: ratio >= options.target,
  };
}

/** How many processes each side of a comparison gets (`BENCH_PAIRS`, default 3). */
export const PAIRS = Number(process.env.BENCH_PAIRS ?? '') || 3;

/** What one `bench/measure.ts` process reports: figure name → number. */
export type Figures = Readonly<Record<string, number>>;

const MEASURE = fileURLToPath(new URL('./measure.ts', import.meta.url));

/** Runs one side of a benchmark in a fresh process (`bench/measure.ts`). */
export function measureInProcess(measurement: string, argument?: string): Figures {
  const args = ['--expose-gc', '--import', 'tsx', MEASURE, measurement];
  if (argument !== undefined) args.push(argument);
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${measurement} ${argument ?? ''} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Figures;
}

/**
 * `ours` and `baseline` alternated over `pairs` rounds, each a fresh process;
 * the median of every figure of each side.
 */
export function alternated(
  ours: () => Figures,
  baseline: () => Figures,
  pairs = PAIRS,
): [Figures, Figures] {
  const a: Figures[] = [];
  const b: Figures[] = [];
  for (let i = 0; i < pairs; i++) {
    a.push(ours());
    b.push(baseline());
  }
  return [medians(a), medians(b)];
}

function medians(samples: readonly Figures[]): Figures {
  const out: Record<string, number> = {};
  for (const key of Object.keys(samples[0] ?? {})) {
    out[key] = median(samples.map((s) => s[key] as number));
  }
  return out;
}

/** Wall-clock milliseconds of a whole process, from spawn to exit. */
export function wholeProcessMs(command: string, args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
  return ms;
}
