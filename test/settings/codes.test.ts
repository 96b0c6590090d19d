import { describe, expect, it } from 'vitest';
import { addCode, importCodesCsv, removeCode, renameCode } from '../../src/settings/codes.js';
import { ACME_JSON, configFrom, errorOf, successOf } from './fixtures.js';

const tracking = configFrom({
  ...ACME_JSON,
  account: { ...ACME_JSON.account, settings: { enabled: true } },
  trunks: [{ id: 'hq', accountCodesEnabled: true }],
});

describe('addCode', () => {
  it('adds a code with its name at the end of the list', () => {
    const before = configFrom();
    const { config, report } = successOf(addCode(before, { code: '0007', name: 'Initech' }));
    expect(report).toEqual({ added: { code: '0007', name: 'Initech' } });
    expect(config.account.codes).toEqual([
      ...before.account.codes,
      { code: '0007', name: 'Initech' },
    ]);
  });

  it('adds a code without a name, treating an empty name as none', () => {
    expect(successOf(addCode(configFrom(), { code: '5555' })).report.added).toEqual({
      code: '5555',
    });
    expect(successOf(addCode(configFrom(), { code: '5555', name: '' })).report.added).toEqual({
      code: '5555',
    });
  });

  it.each([['123'], ['12345'], ['12a4'], ['１２３４'], [' 123'], [1234], [null]])(
    'rejects %j, which is not exactly codeLength ASCII digits (invalid-code)',
    (code) => {
      const error = errorOf(addCode(configFrom(), { code } as never));
      expect(error).toMatchObject({ code: 'invalid-code', field: 'code' });
      expect(error.message).toContain('a string of exactly 4 ASCII digits');
    },
  );

  it('rejects a code already on the list (duplicate-code)', () => {
    const error = errorOf(addCode(configFrom(), { code: '1234', name: 'Again' }));
    expect(error).toMatchObject({ code: 'duplicate-code', field: 'code' });
    expect(error.message).toContain('"1234"');
  });

  it('accepts a name of 64 characters and rejects one of 65 (name-too-long)', () => {
    expect(addCode(configFrom(), { code: '5555', name: 'n'.repeat(64) }).ok).toBe(true);
    const error = errorOf(addCode(configFrom(), { code: '5555', name: 'n'.repeat(65) }));
    expect(error).toMatchObject({ code: 'name-too-long', field: 'name' });
    expect(error.message).toContain('up to 64 characters');
  });

  it('rejects a name that is not a string with invalid-value', () => {
    expect(errorOf(addCode(configFrom(), { code: '5555', name: 5 } as never))).toMatchObject({
      code: 'invalid-value',
      field: 'name',
    });
  });
});

describe('renameCode', () => {
  it('changes only the name of the code', () => {
    const before = configFrom();
    const { config, report } = successOf(renameCode(before, '1234', 'Acme Corporation'));
    expect(report).toEqual({ changed: true });
    expect(config.account.codes).toEqual([
      { code: '1234', name: 'Acme Corporation' },
      { code: '0420', name: 'Globex' },
    ]);
  });

  it('removes the name when given none', () => {
    const { config } = successOf(renameCode(configFrom(), '0420', undefined));
    expect(config.account.codes[1]).toEqual({ code: '0420' });
  });

  it('reports no change when the name is the same', () => {
    expect(successOf(renameCode(configFrom(), '1234', 'Acme Corp')).report).toEqual({
      changed: false,
    });
  });

  it('rejects a code not on the list (unknown-code)', () => {
    const error = errorOf(renameCode(configFrom(), '9999', 'Nobody'));
    expect(error).toMatchObject({ code: 'unknown-code', field: 'code' });
    expect(error.message).toContain('"9999"');
  });

  it('rejects a code of the wrong form (invalid-code) and a name too long (name-too-long)', () => {
    expect(errorOf(renameCode(configFrom(), '99', 'x')).code).toBe('invalid-code');
    expect(errorOf(renameCode(configFrom(), '1234', 'x'.repeat(65))).code).toBe('name-too-long');
  });
});

describe('removeCode', () => {
  it('removes the code and reports it', () => {
    const { config, report } = successOf(removeCode(configFrom(), '1234'));
    expect(report).toEqual({ removed: { code: '1234', name: 'Acme Corp' } });
    expect(config.account.codes).toEqual([{ code: '0420', name: 'Globex' }]);
  });

  it('rejects a code not on the list (unknown-code)', () => {
    expect(errorOf(removeCode(configFrom(), '9999')).code).toBe('unknown-code');
  });

  it('rejects removing the last code while the account validates codes (last-code-while-validating)', () => {
    const one = successOf(removeCode(configFrom(), '1234')).config;
    const error = errorOf(removeCode(one, '0420'));
    expect(error).toMatchObject({ code: 'last-code-while-validating', field: 'code' });
    expect(error.message).toContain('validateCodes');
  });

  it('rejects removing the last code while only a trunk validates codes', () => {
    const config = configFrom({
      ...ACME_JSON,
      account: { ...ACME_JSON.account, settings: {}, codes: [{ code: '1234' }] },
      trunks: [
        { id: 'vault', accountCodesEnabled: false, customSettings: { validateCodes: true } },
      ],
    });
    expect(errorOf(removeCode(config, '1234')).code).toBe('last-code-while-validating');
  });

  it('removes the last code when validation is off everywhere', () => {
    const one = successOf(removeCode(tracking, '1234')).config;
    expect(successOf(removeCode(one, '0420')).config.account.codes).toEqual([]);
  });
});

describe('importCodesCsv', () => {
  it('adds every row after the header and says how many', () => {
    const { config, report } = successOf(
      importCodesCsv(configFrom(), 'code,name\n1001,Initech\n1002,\n1003\n'),
    );
    expect(report).toEqual({ added: 3 });
    expect(config.account.codes.slice(2)).toEqual([
      { code: '1001', name: 'Initech' },
      { code: '1002' },
      { code: '1003' },
    ]);
  });

  it('reads quoted names with commas and doubled quotes (RFC 4180)', () => {
    const { config } = successOf(
      importCodesCsv(
        configFrom(),
        'code,name\r\n1001,"Acme, Inc."\r\n1002,"The ""Big"" Client"\r\n',
      ),
    );
    expect(config.account.codes.slice(2)).toEqual([
      { code: '1001', name: 'Acme, Inc.' },
      { code: '1002', name: 'The "Big" Client' },
    ]);
  });

  it('parses a quoted line break, and refuses it in a name: no control characters (issue 12)', () => {
    const error = errorOf(importCodesCsv(configFrom(), 'code,name\n1003,"two\nlines"\n'));
    expect(error.rows).toMatchObject([{ line: 2, code: '1003', reason: 'invalid-value' }]);
  });

  it('accepts CRLF line ends, no final line break, blank trailing lines and a byte-order mark', () => {
    expect(
      successOf(importCodesCsv(configFrom(), '\uFEFFcode,name\r\n1001,A\r\n1002,B')).report.added,
    ).toBe(2);
    expect(successOf(importCodesCsv(configFrom(), 'code,name\n1001,A\n\n\r\n')).report.added).toBe(
      1,
    );
  });

  it('accepts a header row in any case with spaces around its cells', () => {
    expect(successOf(importCodesCsv(configFrom(), ' Code , NAME \n1001,A\n')).report.added).toBe(1);
  });

  it('accepts a header row only, adding nothing', () => {
    expect(successOf(importCodesCsv(configFrom(), 'code,name\n')).report).toEqual({ added: 0 });
  });

  it.each([[''], ['1001,Acme\n'], ['code\n1001\n'], ['name,code\n'], ['code,name,extra\n']])(
    'rejects %j, which does not start with the header row code,name (invalid-csv-header)',
    (csv) => {
      const error = errorOf(importCodesCsv(configFrom(), csv));
      expect(error).toMatchObject({ code: 'invalid-csv-header', field: 'csv' });
      expect(error.message).toContain('"code,name"');
    },
  );

  it('reports every bad row with its line number and reason, and imports nothing', () => {
    const csv = [
      'code,name', // 1
      '1001,Good', // 2
      '12,Short', // 3
      '1234,Already there', // 4
      '1001,Twice', // 5
      `1005,${'n'.repeat(65)}`, // 6
      '1006,Acme,Inc.', // 7
      '', // 8
      '1008,ok', // 9
      '1009,bad"quote', // 10
    ].join('\n');
    const error = errorOf(importCodesCsv(configFrom(), csv));
    expect(error.code).toBe('invalid-csv-rows');
    expect(error.field).toBe('csv');
    expect(error.message).toContain('nothing was imported');
    expect(error.rows?.map(({ line, code, reason }) => ({ line, code, reason }))).toEqual([
      { line: 3, code: '12', reason: 'invalid-code' },
      { line: 4, code: '1234', reason: 'duplicate-code' },
      { line: 5, code: '1001', reason: 'duplicate-in-file' },
      { line: 6, code: '1005', reason: 'name-too-long' },
      { line: 7, code: '1006', reason: 'too-many-columns' },
      { line: 8, code: '', reason: 'blank-row' },
      { line: 10, code: '', reason: 'malformed-quotes' },
    ]);
    expect(error.rows?.[2]?.message).toContain('line 2');
  });

  it('reports the line a bad row starts on when a quoted name spans lines', () => {
    const error = errorOf(importCodesCsv(configFrom(), 'code,name\n1001,"a\nb"\n99,x\n'));
    expect(error.rows).toMatchObject([
      { line: 2, code: '1001', reason: 'invalid-value' }, // the line break in the name (issue 12)
      { line: 4, code: '99', reason: 'invalid-code' },
    ]);
  });

  it('reports a quote that is never closed as a malformed row', () => {
    const error = errorOf(importCodesCsv(configFrom(), 'code,name\n1001,"open\n1002,x\n'));
    expect(error.rows).toMatchObject([{ line: 2, reason: 'malformed-quotes' }]);
  });

  it('reports text after a closing quote as a malformed row', () => {
    const error = errorOf(importCodesCsv(configFrom(), 'code,name\n1001,"a"b\n1002,x\n'));
    expect(error.rows).toMatchObject([{ line: 2, reason: 'malformed-quotes' }]);
  });

  it('rejects text that is not a string with invalid-value', () => {
    expect(errorOf(importCodesCsv(configFrom(), 42 as never))).toMatchObject({
      code: 'invalid-value',
      field: 'csv',
    });
  });
});
