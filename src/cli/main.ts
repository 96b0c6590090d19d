/**
 * The `account-codes` executable: wires the CLI to Node's process, files and terminal.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { CliIo } from './io.js';
import { openLedger } from './ledger.js';
import { runCli } from './run.js';

// A closed pipe (`account-codes demo | head`) is the reader's choice, not an error.
// Any other failed write (ENOSPC: `> /dev/full`, EIO) loses output: say so in one
// line, without a stack trace, and exit 1 (docs/rules.md#the-config-file-and-the-cli: nothing reported as success).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      const why = error.code === 'ENOSPC' ? 'no space left on the device' : error.message;
      process.stderr.write(`account-codes: cannot write the output: ${why} (${error.code})\n`);
    }
    process.exit(1);
  });
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
  readFileChunks: (path) => createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 }),
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  stdinIsTTY: process.stdin.isTTY === true,
  readLine: async (prompt) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(prompt);
    } catch {
      return undefined;
    } finally {
      rl.close();
    }
  },
  now: Date.now,
  newCallId: randomUUID,
  openLedger: (argument, accountId) => openLedger(argument, Date.now, accountId),
};

process.exitCode = await runCli(process.argv.slice(2), io);
