/**
 * One side of bench/report-speed.bench.ts, in a fresh process: either
 * `account-codes report` itself (the CLI command, in-process, output
 * discarded) or `csv-parse` streaming the same file and counting its
 * records, the least any report built on a general CSV parser could do.
 * Prints `{ ms, cpuMs, records }`: the wall and CPU time from opening the
 * file to the end.
 *
 * Usage: node --import tsx bench/report-speed-child.ts report|csv-parse CONFIG CDR
 */
import { createReadStream, readFileSync } from 'node:fs';

const [side, configPath, cdrPath] = process.argv.slice(2) as [string, string, string];

/** CPU time (user and system, all threads) since `from`: steadier than wall time on a shared machine. */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

async function ours(): Promise<void> {
  const { report } = await import('../src/cli/commands/report.js');
  let output = '';
  const started = performance.now();
  const cpu = process.cpuUsage();
  const status = await report(
    {
      stdout: (text) => {
        output = text;
      },
      stderr: () => {},
      readFile: (path) => readFileSync(path, 'utf8'),
      readFileChunks: (path) =>
        createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 }),
      color: false,
      stdinIsTTY: false,
      readLine: async () => undefined,
      now: Date.now,
      newCallId: () => 'bench',
      openLedger: () => Promise.reject(new Error('no ledger in a report')),
    },
    configPath,
    {
      cdr: cdrPath,
      by: 'code',
      from: undefined,
      to: undefined,
      format: 'json',
      cdrTimezone: 'America/New_York',
      asOf: '2026-12-01T09:00:00Z',
    },
  );
  const ms = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  if (status !== 0) throw new Error(`report exited ${status}`);
  const total = (JSON.parse(output) as { total: { calls: number } }).total.calls;
  process.stdout.write(JSON.stringify({ ms, cpuMs, records: total }));
}

async function csvParse(): Promise<void> {
  const { parse } = await import('csv-parse');
  const started = performance.now();
  const cpu = process.cpuUsage();
  let records = 0;
  const parser = createReadStream(cdrPath, { highWaterMark: 1 << 16 }).pipe(parse());
  for await (const _record of parser) records += 1;
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, cpuMs: cpuMsSince(cpu), records }));
}

if (side === 'report') await ours();
else if (side === 'csv-parse') await csvParse();
else throw new Error(`unknown side ${side}`);
