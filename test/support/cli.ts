/** Runs the CLI in-process against an in-memory terminal and file system. */
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import type { CliIo } from '../../src/cli/io.js';
import { openLedger } from '../../src/cli/ledger.js';
import { runCli } from '../../src/cli/run.js';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FakeTerminal {
  /** Files by path; anything else is read from disk. */
  readonly files?: Readonly<Record<string, string>>;
  /** Colour on, as on a terminal without NO_COLOR. */
  readonly color?: boolean;
  /** Lines a person types, for interactive commands; presence makes stdin a TTY. */
  readonly typed?: readonly string[];
  /** The clock; the real one when absent. */
  readonly now?: () => number;
}

export async function cli(argv: readonly string[], terminal: FakeTerminal = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const typed = [...(terminal.typed ?? [])];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: (path) => terminal.files?.[path] ?? readFileSync(path, 'utf8'),
    // Small chunks, so that every reader meets rows cut at any point.
    readFileChunks: (path) => {
      const text = terminal.files?.[path];
      if (text === undefined)
        return createReadStream(path, { encoding: 'utf8', highWaterMark: 61 });
      return (async function* () {
        for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
      })();
    },
    color: terminal.color ?? false,
    stdinIsTTY: terminal.typed !== undefined,
    readLine: async (prompt) => {
      out.push(prompt);
      return typed.shift();
    },
    now: terminal.now ?? Date.now,
    newCallId: randomUUID,
    openLedger: (argument, accountId) => openLedger(argument, terminal.now ?? Date.now, accountId),
  };
  const status = await runCli(argv, io);
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** `report` on the example account and its example CDRs, at a fixed instant (docs/rules.md#reports-and-post-call-tagging). */
export const REPORT_ON_ACME: readonly string[] = [
  'report',
  'examples/acme.json',
  '--cdr',
  'examples/Master.csv',
  '--cdr-timezone',
  'America/New_York',
  '--as-of',
  '2026-12-01T09:00:00Z',
];
