/**
 * Cold start (issue 14, item 4), measured as whole processes from spawn to
 * exit, alternated with the baseline, median of `COLD_RUNS` (default 21):
 *
 * - `import('account-codes')` (the package's own name, so Node resolves it as
 *   an installed package: dist/index.node.js) against
 *   `import('libphonenumber-js/min')`, what a user would load anyway to parse
 *   numbers. Target: no slower.
 * - the CLI's `check examples/acme.json` against an empty `node -e 0`.
 *   Target: within 2×.
 */
import { existsSync } from 'node:fs';
import { type BenchRow, type BenchSuite, median, row, wholeProcessMs } from './harness.js';

const RUNS = Number(process.env.COLD_RUNS ?? '') || 21;

function importing(specifier: string): readonly string[] {
  return ['--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`];
}

/** Median wall times of `a` and `b`, run alternately `RUNS` times each. */
function alternatedMs(a: readonly string[], b: readonly string[]): [number, number] {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    as.push(wholeProcessMs(process.execPath, a));
    bs.push(wholeProcessMs(process.execPath, b));
  }
  return [median(as), median(bs)];
}

const suite: BenchSuite = {
  title: 'cold start',
  run(): BenchRow[] {
    if (!existsSync('dist/index.node.js') || !existsSync('dist/cli.js'))
      throw new Error('run `npm run build` first: the cold-start benchmark runs dist/');
    const [importMs, lpnMs] = alternatedMs(
      importing('account-codes'),
      importing('libphonenumber-js/min'),
    );
    const [checkMs, emptyMs] = alternatedMs(
      ['dist/cli.js', 'check', 'examples/acme.json'],
      ['-e', '0'],
    );
    return [
      row(
        'import account-codes, whole process',
        importMs,
        'ms',
        'import libphonenumber-js/min',
        lpnMs,
        {
          higherIsBetter: false,
          target: 1,
          targetText: '<= 1.0x baseline time',
        },
      ),
      row('account-codes check examples/acme.json', checkMs, 'ms', 'node -e 0', emptyMs, {
        higherIsBetter: false,
        target: 0.5,
        targetText: '<= 2x baseline time',
      }),
    ];
  },
};

export default suite;
