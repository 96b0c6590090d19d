/**
 * One run of bench/report.bench.ts, in a fresh process so its peak RSS is its
 * own: streams a CDR file through the reader and the summary, as
 * `account-codes report` does, and prints its figures as JSON.
 *
 * Usage: node --import tsx bench/report-child.ts CONFIG CDR
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createCallReport, createCdrReader, parseConfig } from '../src/index.js';

const [configPath, cdrPath] = process.argv.slice(2) as [string, string];
const parsed = parseConfig(JSON.parse(readFileSync(configPath, 'utf8')));
if (!parsed.ok) throw new Error(`${configPath} is not a valid configuration`);
const made = createCallReport(parsed.config, { by: 'code', asOf: 0 });
const read = createCdrReader({ timezone: 'America/New_York' });
if (!made.ok || !read.ok) throw new Error('cannot start the report');

let peakHeap = 0;
let records = 0;
const started = performance.now();
const take = (items: ReturnType<typeof read.reader.push>) => {
  for (const item of items) {
    if (item.kind === 'malformed') throw new Error(item.problem.message);
    made.builder.add(item.record, item.line);
    records += 1;
  }
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
for await (const chunk of createReadStream(cdrPath, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
  take(read.reader.push(chunk as string));
}
take(read.reader.end());
const report = made.builder.result();
process.stdout.write(
  JSON.stringify({
    records,
    rows: report.rows.length,
    calls: report.total.calls,
    ms: performance.now() - started,
    // resourceUsage().maxRSS is in kilobytes.
    peakRss: process.resourceUsage().maxRSS * 1024,
    peakHeap,
  }),
);
