/**
 * The CLI under arbitrary argv, file contents and --keys (docs/rules.md#the-config-file-and-the-cli): exit
 * status 0, 1 or 2 only, no stack trace and no "unexpected error" on stderr,
 * JSON on stdout for a successful --json call, and a usage message with every 2.
 *
 * The run goes through runCli with an in-memory terminal like
 * test/support/cli.ts, except that a path it does not know is a missing file
 * instead of a read from disk: arbitrary argv must not read arbitrary paths.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { createMemoryLockoutStore } from '../../src/lockout/store.js';
import { validConfigFileArb } from '../support/arbitraries.js';
import { propertyRuns } from '../support/properties.js';
import { anyStringArb, anyTextArb, jsonJunkArb, nearValidFileArb } from './arbitraries.js';

const ACME = readFileSync(new URL('../../examples/acme.json', import.meta.url), 'utf8');

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** runCli against in-memory files; unknown paths fail as a missing file does. */
async function run(
  argv: readonly string[],
  files: Readonly<Record<string, string>>,
  typed: readonly string[] | undefined,
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const lines = [...(typed ?? [])];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: (path) => {
      if (Object.hasOwn(files, path)) return files[path] as string;
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
        code: 'ENOENT',
      });
    },
    color: false,
    stdinIsTTY: typed !== undefined,
    readLine: async (prompt) => {
      out.push(prompt);
      return lines.shift();
    },
    now: () => Date.parse('2026-12-01T10:00:00Z'),
    newCallId: () => 'fuzz-call',
    // Never the disk: any --ledger is a private memory ledger here.
    openLedger: async () => ({
      ok: true,
      store: createMemoryLockoutStore({ clock: () => 0 }),
      close: async () => {},
    }),
  };
  const status = await runCli(argv, io);
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

const FILE_NAMES = ['acme.json', 'valid.json', 'near.json', 'junk.json', 'text.txt'] as const;

/** What the files hold on one run: the example, a valid file, a near-valid one, any JSON, any text. */
const filesArb = fc
  .record({
    valid: validConfigFileArb,
    near: nearValidFileArb,
    junk: jsonJunkArb,
    text: anyTextArb,
  })
  .map(
    ({ valid, near, junk, text }): Readonly<Record<string, string>> => ({
      'acme.json': ACME,
      // With a trunk `hq`, so that calls on it get past the trunk look-up.
      'valid.json': JSON.stringify(
        valid.trunks.some((t) => t.id === 'hq')
          ? valid
          : { ...valid, trunks: [...valid.trunks, { id: 'hq', accountCodesEnabled: true }] },
      ),
      'near.json': JSON.stringify(near) ?? 'undefined',
      'junk.json': JSON.stringify(junk) ?? 'undefined',
      'text.txt': text,
    }),
  );

const KEY_LETTERS = [...'0123456789*#THth'];
/** --keys: mostly the letters of docs/rules.md#the-config-file-and-the-cli, sometimes anything. */
const keysArb = fc.oneof(
  { arbitrary: fc.string({ unit: fc.constantFrom(...KEY_LETTERS), maxLength: 24 }), weight: 6 },
  { arbitrary: anyStringArb, weight: 1 },
);
const trunkArb = fc.oneof(
  { arbitrary: fc.constantFrom('hq', 'lab', 'branch', 'nope', ''), weight: 4 },
  { arbitrary: anyStringArb, weight: 1 },
);
const dialArb = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '911',
      '9911',
      '1-876-555-1234',
      '011442079460000',
      '19005550100',
      '101',
      '2125550100',
    ),
    weight: 3,
  },
  { arbitrary: anyTextArb, weight: 1 },
);
const fileArb = fc.oneof(
  { arbitrary: fc.constantFrom('acme.json', 'valid.json'), weight: 6 },
  { arbitrary: fc.constantFrom(...FILE_NAMES), weight: 3 },
  { arbitrary: anyStringArb, weight: 1 },
);

/** Tokens that look like the CLI's own, and junk. */
const tokenArb = fc.oneof(
  fc.constantFrom(
    'check',
    'explain',
    'simulate',
    'schema',
    'demo',
    'help',
    '--trunk',
    '--dial',
    '--keys',
    '--json',
    '--help',
    '-h',
    '--version',
    '-v',
    '--',
    '-',
    '--trunk=hq',
    '--json=false',
    '--unknown',
    '-x',
    'acme.json',
  ),
  anyStringArb,
);

/** All of `parts` in order, most of the time; now and then some of them, shuffled. */
function mostlyAll(parts: readonly (readonly string[])[]): fc.Arbitrary<readonly string[]> {
  return fc
    .oneof(
      { arbitrary: fc.constant(parts), weight: 4 },
      { arbitrary: fc.shuffledSubarray([...parts]), weight: 1 },
    )
    .map((chosen) => chosen.flat());
}

/** Now and then a stray token. */
const extraArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: tokenArb, weight: 1 },
);

/** explain or simulate with its flags, --keys and --json sometimes. */
const callArgvArb = fc
  .record(
    {
      command: fc.constantFrom('explain', 'simulate'),
      file: fileArb,
      trunk: trunkArb,
      dial: dialArb,
      keys: keysArb,
      json: fc.boolean(),
      extra: extraArb,
    },
    { requiredKeys: ['command', 'file', 'trunk', 'dial', 'json'] },
  )
  .chain(({ command, file, trunk, dial, keys, json, extra }) =>
    mostlyAll([
      [file],
      ['--trunk', trunk],
      ['--dial', dial],
      // explain takes no --keys: give it to simulate.
      ...(keys === undefined || command === 'explain' ? [] : [['--keys', keys]]),
      ...(json ? [['--json']] : []),
      ...(extra === undefined ? [] : [[extra]]),
    ]).map((rest) => [command, ...rest]),
  );

/** check FILE, schema, demo, each now and then with a stray token. */
const otherArgvArb = fc
  .tuple(fc.constantFrom('check', 'schema', 'demo'), fileArb, extraArb)
  .map(([command, file, extra]) => [
    command,
    ...(command === 'check' ? [file] : []),
    ...(extra === undefined ? [] : [extra]),
  ]);

/** A command line: mostly well formed, with parts dropped or stray tokens; or any tokens at all. */
const argvArb: fc.Arbitrary<readonly string[]> = fc.oneof(
  { arbitrary: callArgvArb, weight: 6 },
  { arbitrary: otherArgvArb, weight: 2 },
  { arbitrary: fc.array(tokenArb, { maxLength: 8 }), weight: 2 },
);

/** Lines a person types at the interactive simulate prompt, or no terminal at all. */
const typedArb = fc.option(fc.array(keysArb, { maxLength: 3 }), { nil: undefined });

const STACK_TRACE = /\n\s+at /;

describe('the CLI under arbitrary input', () => {
  it('exits 0, 1 or 2 without a stack trace or an unexpected error, whatever the argv, files and keys', async () => {
    await fc.assert(
      fc.asyncProperty(argvArb, filesArb, typedArb, async (argv, files, typed) => {
        const { status, stdout, stderr } = await run(argv, files, typed);
        expect([0, 1, 2]).toContain(status);
        expect(stderr).not.toMatch(STACK_TRACE);
        expect(stdout).not.toMatch(STACK_TRACE);
        expect(stderr).not.toMatch(/unexpected error/i);
        // Status 2 is bad usage: stderr says so and points at the help (or is the usage itself).
        if (status === 2) expect(stderr).toMatch(/\(see account-codes( \w+)? --help\)$|^Usage: /m);
        // Status 1 is invalid input: something says what was wrong.
        if (status === 1) expect(`${stderr}${stdout}`).not.toBe('');
        // A successful --json call prints one JSON object (help is text, whatever else is asked).
        const call = argv[0] === 'explain' || argv[0] === 'simulate';
        const help = argv.includes('--help') || argv.includes('-h');
        if (call && !help && argv.includes('--json') && status === 0) {
          expect(JSON.parse(stdout)).toBeTypeOf('object');
        }
      }),
      propertyRuns(),
    );
  });

  it('exits 0, 1 or 2 with a one-line usage problem or a JSON result when only --keys is arbitrary', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('acme.json', 'valid.json'),
        fc.constantFrom('hq', 'lab', 'branch'),
        dialArb,
        keysArb,
        filesArb,
        async (file, trunk, dial, keys, files) => {
          const argv = [
            'simulate',
            file,
            '--trunk',
            trunk,
            '--dial',
            dial,
            '--keys',
            keys,
            '--json',
          ];
          const { status, stdout, stderr } = await run(argv, files, undefined);
          expect([0, 1, 2]).toContain(status);
          expect(stderr).not.toMatch(STACK_TRACE);
          expect(stderr).not.toMatch(/unexpected error/i);
          // Bad usage here is a key letter, or a value that starts with `-` and reads as an option.
          if (status === 2) {
            expect(stderr).toMatch(
              /--keys has .* at position \d+|--(keys|dial) needs a value|ambiguous/,
            );
          }
          if (status === 0) {
            const result = JSON.parse(stdout) as { outcome?: { result?: unknown } };
            expect(result.outcome?.result).toBeTypeOf('string');
          }
        },
      ),
      propertyRuns(),
    );
  });
});
