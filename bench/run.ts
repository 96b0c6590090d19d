/**
 * `npm run bench`: runs every suite in bench/ and prints one table, each
 * figure beside a baseline measured in the same run and the ratio between
 * them. Every side of every comparison runs in fresh processes of its own,
 * alternated with the other side (bench/harness.ts, bench/measure.ts).
 *
 * Usage: tsx bench/run.ts [--json] [name-filter]
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from './harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const filter = args.find((arg) => !arg.startsWith('--'));

const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filter === undefined || name.includes(filter))
  .sort();

const results: { suite: string; rows: readonly BenchRow[] }[] = [];
for (const file of files) {
  const suite = (await import(`./${file}`)).default as BenchSuite;
  process.stderr.write(`running ${suite.title}...\n`);
  results.push({ suite: suite.title, rows: await suite.run() });
}

if (json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  process.stdout.write(`${renderTable(results)}\n`);
}

function renderTable(groups: typeof results): string {
  const header = ['benchmark', 'figure', 'baseline', 'ratio', 'target'];
  const lines: string[][] = [];
  for (const { suite, rows } of groups) {
    for (const r of rows) {
      lines.push([
        `${suite}: ${r.name}`,
        `${format(r.value)} ${r.unit}`,
        `${r.baselineName}: ${format(r.baseline)} ${r.unit}`,
        ratioText(r),
        r.target === undefined ? '' : `${r.target} ${r.met ? 'met' : 'MISSED'}`,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

/** Times read as "the baseline's time × n"; everything else as "n× better". */
function ratioText(r: BenchRow): string {
  if (r.unit === 'ms') return `${(r.value / r.baseline).toFixed(2)}x the time`;
  return `${r.ratio.toFixed(r.ratio >= 100 ? 0 : 2)}x`;
}

function format(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}
