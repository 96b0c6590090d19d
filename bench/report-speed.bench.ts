/**
 * Reports at the speed of CSV parsing (issue 27): `account-codes report` on
 * a generated `Master.csv` of 10^6 rows (~250 MB) against `csv-parse`
 * streaming the same file and only counting its records, each in fresh
 * processes of its own, alternated (bench/harness.ts). The target is that
 * the whole report, every row checked, its times resolved in New York and
 * summed by code, takes no longer than the parser alone: ratio ≥ 1.0.
 *
 * Run: `node --expose-gc --import tsx bench/run.ts report-speed`
 * (`BENCH_ROWS=100000` for a quicker look).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternated, type BenchSuite, type Figures, row } from './harness.js';
import { writeMasterCsv } from './master-csv.js';

const ROWS = Number(process.env.BENCH_ROWS ?? '') || 1_000_000;

function runSide(side: 'report' | 'csv-parse', cdr: string): Figures {
  const child = fileURLToPath(new URL('./report-speed-child.ts', import.meta.url));
  const config = fileURLToPath(new URL('../examples/acme.json', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, side, config, cdr], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const figures = JSON.parse(out) as { ms: number; cpuMs: number; records: number };
  if (figures.records !== ROWS) throw new Error(`${side} read ${figures.records} of ${ROWS} rows`);
  return figures;
}

const suite: BenchSuite = {
  title: 'report against csv-parse',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'account-codes-bench-'));
    try {
      const path = join(dir, 'Master.csv');
      await writeMasterCsv(path, ROWS);
      const mb = statSync(path).size / (1024 * 1024);
      const [ours, base] = alternated(
        () => runSide('report', path),
        () => runSide('csv-parse', path),
      );
      const ms = ours.ms as number;
      const baseMs = base.ms as number;
      const label = `report --by code, 10^${Math.log10(ROWS).toFixed(0)} rows (${mb.toFixed(0)} MB, ${(ROWS / ms).toFixed(0)}k rows/s)`;
      const target = { higherIsBetter: false, target: 1, targetText: '>= 1.0x' };
      return [
        row(`${label}, wall`, ms, 'ms', 'csv-parse streaming it', baseMs, target),
        row(
          `${label}, CPU`,
          ours.cpuMs as number,
          'ms',
          'csv-parse streaming it',
          base.cpuMs as number,
          target,
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
