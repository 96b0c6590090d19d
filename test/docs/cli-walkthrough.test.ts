/**
 * docs/cli.md's walkthroughs run as written: every `$ account-codes …` line
 * of its `console` blocks runs through the CLI (in-process, on the example
 * files), and prints the lines the doc shows after it, `…` standing for
 * lines left out; it exits 0 unless the block shows `(exit status N)`. A
 * `--ledger FILE` is a file of the block's own in a temporary folder, so
 * each block starts from an empty ledger and its calls share one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { matches, walkthroughs, words } from './walkthrough.js';

const DIR = mkdtempSync(join(tmpdir(), 'account-codes-walkthrough-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function lines(text: string): string[] {
  const all = text.split('\n').map((line) => line.trimEnd());
  while (all.at(-1) === '') all.pop();
  return all;
}

const blocks = walkthroughs(readFileSync('docs/cli.md', 'utf8'));

describe('docs/cli.md: the walkthroughs', () => {
  it('has walkthroughs, the lockout one among them', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.flat().map((step) => step.argv[0])).toEqual(
      expect.arrayContaining(['check', 'explain', 'simulate', 'lockout', 'unblock']),
    );
  });

  blocks.forEach((steps, index) => {
    it(`block ${index + 1}: ${steps.map((step) => step.argv[0]).join(', ')}`, async () => {
      const ledgers = mkdtempSync(join(DIR, 'block-'));
      for (const step of steps) {
        const argv = step.argv.map((arg, i) =>
          step.argv[i - 1] === '--ledger' && !/^rediss?:/.test(arg) ? join(ledgers, arg) : arg,
        );
        const run = await cli(argv);
        const printed = lines([run.stdout, run.stderr].filter((out) => out !== '').join('\n'));
        expect(
          { command: step.command, status: run.status, matches: matches(step.expected, printed) },
          printed.join('\n'),
        ).toEqual({
          command: step.command,
          status: step.status,
          matches: true,
        });
      }
    });
  });
});

describe('reading a walkthrough', () => {
  it('splits commands as a shell does and matches … to any run of lines', () => {
    expect(words(`simulate a.json --keys '1 2' --dial "9 \\"1\\""`)).toEqual([
      'simulate',
      'a.json',
      '--keys',
      '1 2',
      '--dial',
      '9 "1"',
    ]);
    expect(matches(['a', '…', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matches(['a', '…', 'd'], ['a', 'd'])).toBe(true);
    expect(matches(['a', '…'], ['a'])).toBe(true);
    expect(matches(['a', 'd'], ['a', 'b', 'd'])).toBe(false);
    expect(matches(['a'], ['a', 'b'])).toBe(false);
    expect(matches(['…', 'x'], ['a', 'b'])).toBe(false);
  });

  it('reads steps, their output and exit status from console blocks only', () => {
    const doc = [
      '```sh',
      'account-codes nothing',
      '```',
      '```console',
      '$ npx account-codes check x.json',
      'ok',
      '(exit status 1)',
      '$ account-codes schema',
      '```',
    ].join('\n');
    expect(walkthroughs(doc)).toEqual([
      [
        {
          command: 'npx account-codes check x.json',
          argv: ['check', 'x.json'],
          expected: ['ok'],
          status: 1,
        },
        { command: 'account-codes schema', argv: ['schema'], expected: [], status: 0 },
      ],
    ]);
  });
});
