import type { OpenedLedger } from './ledger.js';

/**
 * What the CLI needs from the outside world, behind an interface so that the
 * commands are tested in-process and `main.ts` is the only file that touches Node.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a whole file as UTF-8; throws a Node error (with `code`) when it cannot. */
  readonly readFile: (path: string) => string;
  /** Colour the output: stdout is a terminal and NO_COLOR is not set. */
  readonly color: boolean;
  /** True when standard input is a terminal a person types at. */
  readonly stdinIsTTY: boolean;
  /** Reads one line a person typed, or `undefined` at end of input. */
  readonly readLine: (prompt: string) => Promise<string | undefined>;
  /**
   * Streams a file as UTF-8 text in chunks, so a large CDR never sits in
   * memory whole (`report`); throws a Node error (with `code`) when it
   * cannot. Absent: `readFile` is used.
   */
  readonly readFileChunks?: (path: string) => AsyncIterable<string>;
  /** The clock (epoch ms): the default `--at`. */
  readonly now: () => number;
  /** A fresh id for a simulated call, unique across processes (lockout admissions, docs/rules.md#lockout). */
  readonly newCallId: () => string;
  /**
   * Maps a `--ledger` argument to a lockout store (`ledger.ts`), for the
   * account `accountId` (a shared ledger needs one). Close what it opens.
   */
  readonly openLedger: (argument: string, accountId: string | null) => Promise<OpenedLedger>;
}

// In a file of their own so that ledger.ts, which io.ts names, need not import io.ts.
export { EXIT, type ExitStatus } from './exit.js';
