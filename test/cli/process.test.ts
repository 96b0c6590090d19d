/**
 * The real executable, as a shell runs it: exit statuses and streams through
 * Node's process, not the in-process harness.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Runs the CLI; `stdout`: a file descriptor to write to instead of a pipe. */
function runWith(stdout: number | 'pipe', ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', stdout, 'pipe'],
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const run = (...args: string[]) => runWith('pipe', ...args);

describe('the account-codes executable', () => {
  it('exits 0 and prints JSON for simulate --json', () => {
    const result = run(
      'simulate',
      'examples/acme.json',
      '--trunk',
      'hq',
      '--dial',
      '911',
      '--json',
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).classification.kind).toBe('emergency');
  });

  it('exits 1 on a bad file without a stack trace', () => {
    const result = run('check', 'package-lock.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is not a valid configuration');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!existsSync('/dev/full'))(
    'exits 1 with one clear line when the output cannot be written (ENOSPC: > /dev/full)',
    () => {
      const full = openSync('/dev/full', 'w');
      try {
        const result = runWith(
          full,
          'simulate',
          'examples/acme.json',
          '--trunk',
          'hq',
          '--dial',
          '911',
        );
        expect(result.status).toBe(1);
        expect(result.stderr.trim()).toBe(
          'account-codes: cannot write the output: no space left on the device (ENOSPC)',
        );
      } finally {
        closeSync(full);
      }
    },
  );

  it('exits 2 on bad usage', () => {
    const result = run('simulate');
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'account-codes: missing FILE (see account-codes simulate --help)',
    );
  });
});
