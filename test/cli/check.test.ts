import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('account-codes check', () => {
  it('exits 0 on the example account and prints its warnings', async () => {
    const run = await cli(['check', 'examples/acme.json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('examples/acme.json: valid.');
    expect(run.stdout).toContain('[required-types-without-validation]');
    expect(run.stderr).toBe('');
  });

  it('exits 1 on a missing file, naming it, with no stack trace', async () => {
    const run = await cli(['check', 'no/such/file.json']);
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: 'account-codes: cannot read no/such/file.json: no such file',
    });
  });

  it('exits 1 on a file that is not JSON', async () => {
    const run = await cli(['check', 'bad.json'], { files: { 'bad.json': '{ "account": ' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^account-codes: bad\.json is not valid JSON: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 and lists every problem by JSON path when a file has several', async () => {
    const file = JSON.stringify({
      account: { codeLength: 9, maxRetries: 3, codes: [{ code: '12' }], colour: 'red' },
      trunks: [{ id: 'a' }, { id: 'a' }],
    });
    const run = await cli(['check', 'several.json'], { files: { 'several.json': file } });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toEqual([
      'account-codes: several.json is not a valid configuration (3 problems):',
      '  account.codeLength must be an integer from 3 to 7; got 9 [out-of-range]',
      '  account.colour is not a known field; allowed fields: id, country, codeLength, maxRetries, settings, dialPlan, codes, domesticCountries, exemptNumbers [unknown-field]',
      '  trunks[1].id repeats "a", already used by trunks[0]; trunk ids must be unique in the account [duplicate-trunk-id]',
    ]);
  });

  it('exits 2 when FILE is missing', async () => {
    const run = await cli(['check']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('account-codes: missing FILE (see account-codes check --help)');
  });

  it('prints its help with --help', async () => {
    const run = await cli(['check', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: account-codes check FILE/);
  });
});

describe('account-codes', () => {
  it('prints usage on stderr and exits 2 without a command', async () => {
    const run = await cli([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Usage: account-codes <command>/);
  });

  it('prints the package version with --version', async () => {
    const { version } = await import('../../package.json');
    expect(await cli(['--version'])).toEqual({ status: 0, stdout: version, stderr: '' });
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await cli(['frobnicate'])).status).toBe(2);
    const run = await cli(['check', 'examples/acme.json', '--colour']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'account-codes: unknown option --colour (see account-codes check --help)',
    );
  });

  it('prints the JSON Schema of the file with schema', async () => {
    const run = await cli(['schema']);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.account.properties.codeLength).toMatchObject({
      minimum: 3,
      maximum: 7,
    });
    expect(schema.additionalProperties).toBe(false);
  });
});
