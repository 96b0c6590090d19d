/**
 * Names, ids and files at their edges (docs/rules.md#configuration):
 * control characters and code-point lengths in names and trunk ids (the
 * same code from parseConfig and the operations), a config file with a
 * byte-order mark, formatPath on anything.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { formatPath } from '../../src/result.js';
import { addCode, importCodesCsv, renameCode } from '../../src/settings/codes.js';
import { addTrunk } from '../../src/settings/trunks.js';
import { ACME_JSON, configFrom, errorOf } from '../settings/fixtures.js';
import { cli } from '../support/cli.js';

const CONTROL = ['\n', '\r', '\t', '\u0000', '\u001b[31m', '\u007f', '\u2028', '\u202e', '\u2066'];

function issuesOf(json: unknown) {
  const result = parseConfig(json);
  return result.ok ? [] : result.issues;
}

function withCodeName(name: string) {
  return {
    ...ACME_JSON,
    account: { ...ACME_JSON.account, codes: [{ code: '1234', name }] },
  };
}

describe('control characters in trunk ids and code names', () => {
  it.each(CONTROL)(
    'a trunk id with %j is refused with invalid-value, in a file and by addTrunk',
    (c) => {
      const id = `hq${c}x`;
      const json = { ...ACME_JSON, trunks: [{ id, accountCodesEnabled: true }] };
      expect(issuesOf(json)).toEqual([
        expect.objectContaining({ code: 'invalid-value', path: ['trunks', 0, 'id'] }),
      ]);
      expect(errorOf(addTrunk(configFrom(), { id }))).toMatchObject({
        code: 'invalid-value',
        field: 'id',
        message: expect.stringContaining('control characters'),
      });
    },
  );

  it.each(CONTROL)('a code name with %j is refused with invalid-value everywhere', (c) => {
    const name = `Acme${c}Corp`;
    expect(issuesOf(withCodeName(name))).toEqual([
      expect.objectContaining({ code: 'invalid-value', path: ['account', 'codes', 0, 'name'] }),
    ]);
    const config = configFrom();
    expect(errorOf(addCode(config, { code: '5555', name }))).toMatchObject({
      code: 'invalid-value',
    });
    expect(errorOf(renameCode(config, '1234', name))).toMatchObject({ code: 'invalid-value' });
    const csv = `code,name\n5555,"${name}"\n`;
    expect(errorOf(importCodesCsv(config, csv))).toMatchObject({
      code: 'invalid-csv-rows',
      rows: [expect.objectContaining({ line: 2, reason: 'invalid-value' })],
    });
  });

  it('keeps accepting printable Unicode, emoji sequences included', () => {
    expect(issuesOf(withCodeName('Société Générale 👩‍⚖️ 법무팀'))).toEqual([]);
    expect(
      issuesOf({ ...ACME_JSON, trunks: [{ id: 'siège social', accountCodesEnabled: true }] }),
    ).toEqual([]);
  });
});

describe('code names are measured in code points', () => {
  const emoji = '📞'.repeat(64); // 128 UTF-16 units, 64 characters

  it('accepts 64 emoji as 64 characters', () => {
    expect(issuesOf(withCodeName(emoji))).toEqual([]);
    expect(addCode(configFrom(), { code: '5555', name: emoji }).ok).toBe(true);
  });

  it('refuses 65 characters with the existing codes', () => {
    const long = `${emoji}x`;
    expect(issuesOf(withCodeName(long))).toEqual([
      expect.objectContaining({ code: 'out-of-range', path: ['account', 'codes', 0, 'name'] }),
    ]);
    expect(errorOf(addCode(configFrom(), { code: '5555', name: long }))).toMatchObject({
      code: 'name-too-long',
      message: expect.stringContaining('got 65 characters'),
    });
  });
});

describe('a config file with a UTF-8 byte-order mark', () => {
  it('is read as the JSON after the mark', async () => {
    const run = await cli(['check', 'bom.json'], {
      files: { 'bom.json': `\ufeff${JSON.stringify(ACME_JSON)}` },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/valid/);
  });
});

describe('formatPath is total', () => {
  it.each([undefined, null, 'trunks', 42, {}])(
    'gives (root) for %j, never an exception',
    (path) => {
      expect(formatPath(path as never)).toBe('(root)');
    },
  );

  it('names parts that are neither keys nor indexes instead of failing', () => {
    expect(formatPath(['trunks', null, 'id'] as never)).toBe('trunks[null].id');
  });
});
