/**
 * Reports from CDRs (issue 16): memory stays flat as the CDR grows. A
 * `Master.csv` of 10^4, 10^5 and 10^6 rows (about 250 bytes each, so 10^6
 * rows is ~250 MB) is generated in a temp directory and streamed through the
 * reader and the summary in a fresh process (bench/report-child.ts), which
 * reports its peak RSS and the peak heap it saw after each 64 kB chunk. The
 * baseline is the same figure at 10^4 rows; the target is that 100× more
 * rows cost less than twice the memory (ratio ≥ 0.5).
 *
 * Run: `node --expose-gc --import tsx bench/run.ts report`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, type BenchSuite, row } from './harness.js';
import { writeMasterCsv } from './master-csv.js';

const SIZES = [1e4, 1e5, 1e6] as const;
interface ChildFigures {
  readonly records: number;
  readonly rows: number;
  readonly ms: number;
  readonly peakRss: number;
  readonly peakHeap: number;
}

function runChild(cdr: string): ChildFigures {
  const child = fileURLToPath(new URL('./report-child.ts', import.meta.url));
  const config = fileURLToPath(new URL('../examples/acme.json', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, config, cdr], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as ChildFigures;
}

const MB = 1024 * 1024;

const suite: BenchSuite = {
  title: 'report from Master.csv',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'account-codes-bench-'));
    try {
      const figures: { rows: number; bytes: number; child: ChildFigures }[] = [];
      for (const rows of SIZES) {
        const path = join(dir, `Master-${rows}.csv`);
        await writeMasterCsv(path, rows);
        const child = runChild(path);
        if (child.records !== rows) throw new Error(`read ${child.records} of ${rows} rows`);
        figures.push({ rows, bytes: statSync(path).size, child });
        rmSync(path);
      }
      const [base] = figures;
      if (base === undefined) return [];
      const out: BenchRow[] = [];
      for (const f of figures) {
        const label = `10^${Math.log10(f.rows)} rows (${(f.bytes / MB).toFixed(0)} MB, ${(((f.rows / f.child.ms) * 1000) / 1000).toFixed(0)}k rows/s)`;
        out.push(
          row(
            `peak RSS, ${label}`,
            f.child.peakRss / MB,
            'MB',
            'at 10^4 rows',
            base.child.peakRss / MB,
            {
              higherIsBetter: false,
              target: 0.5,
              targetText: '>= 0.5x (flat)',
            },
          ),
          row(
            `peak heap, ${label}`,
            f.child.peakHeap / MB,
            'MB',
            'at 10^4 rows',
            base.child.peakHeap / MB,
            {
              higherIsBetter: false,
              target: 0.5,
              targetText: '>= 0.5x (flat)',
            },
          ),
        );
      }
      return out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
