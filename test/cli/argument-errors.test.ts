/**
 * What the command line says about options it cannot parse (docs/rules.md#the-config-file-and-the-cli): its
 * own short sentence for an unknown option and for an option without its
 * value, Node's message for any other mistake (a value given to a flag);
 * one line on stderr, exit 2, never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('option errors', () => {
  it.each([
    [['check', 'examples/acme.json', '--json=yes'], "Option '--json' does not take an argument"],
    [['check', 'examples/acme.json', '--colour'], 'unknown option --colour'],
    [['explain', 'examples/acme.json', '--dial'], '--dial needs a value'],
  ])('%j: %s', async (args, gist) => {
    const run = await cli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`account-codes: ${gist} (see account-codes ${args[0]} --help)`);
  });
});
