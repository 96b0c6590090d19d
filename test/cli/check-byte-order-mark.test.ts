/**
 * A configuration saved with a UTF-8 byte-order mark (Windows editors do
 * this) is read the same way by every command: `check`, `check --json` and
 * the commands that load it. Once `check --json` alone refused it as
 * `invalid-json`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const acme = `\uFEFF${readFileSync('examples/acme.json', 'utf8')}`;
const files = { 'bom.json': acme };

describe('a configuration file that starts with a byte-order mark', () => {
  it('check --json: valid, the same answer as without the mark', async () => {
    const withMark = await cli(['check', 'bom.json', '--json'], { files });
    const without = await cli(['check', 'examples/acme.json', '--json']);
    expect(withMark.status).toBe(0);
    expect(JSON.parse(withMark.stdout)).toEqual(JSON.parse(without.stdout));
  });

  it('check: valid', async () => {
    const run = await cli(['check', 'bom.json'], { files });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^bom\.json: valid\./);
  });

  it('a mark anywhere but first is still not JSON', async () => {
    const run = await cli(['check', 'late.json', '--json'], {
      files: { 'late.json': ` ${acme}` },
    });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).issues[0].code).toBe('invalid-json');
  });
});
