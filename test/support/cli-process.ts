/**
 * `account-codes …` as its own OS process (TypeScript through tsx): for the
 * tests where separate processes are the point (concurrency on one ledger,
 * a process that must exit once its Redis connection is closed).
 */
import { spawn } from 'node:child_process';

/** What a CLI process printed, how it exited, and how long it took. */
export interface CliProcessRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the CLI from source with `args`, killed after 100 s at the most. */
export function runCliProcess(args: readonly string[]): Promise<CliProcessRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 100_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr, ms: Date.now() - started }));
  });
}
