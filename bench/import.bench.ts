/**
 * Cold import: a fresh Node process importing the built package, against a
 * fresh process importing libphonenumber-js alone (what a user would load
 * anyway to parse numbers). Median of 15 processes each, interleaved so that
 * machine noise hits both sides alike.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type BenchSuite, median, row } from './harness.js';

const RUNS = 15;

/** Milliseconds to import `specifier` in a fresh process, measured inside it. */
function coldImportMs(specifier: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(specifier)});process.stdout.write(String(performance.now()-t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return Number(out);
}

const suite: BenchSuite = {
  title: 'cold import',
  run() {
    if (!existsSync('dist/index.js'))
      throw new Error('run `npm run build` first: the benchmark imports dist/');
    const ours: number[] = [];
    const theirs: number[] = [];
    const target = new URL('../dist/index.js', import.meta.url).href;
    for (let i = 0; i < RUNS; i++) {
      ours.push(coldImportMs(target));
      theirs.push(coldImportMs('libphonenumber-js/min'));
    }
    const ms = median(ours);
    const baseline = median(theirs);
    return [
      row(
        'import account-codes (ESM, fresh process)',
        ms,
        'ms',
        'libphonenumber-js/min alone',
        baseline,
        {
          higherIsBetter: false,
          target: 1 / 1.3,
          targetText: '<= 1.3x baseline time',
        },
      ),
    ];
  },
};
export default suite;
