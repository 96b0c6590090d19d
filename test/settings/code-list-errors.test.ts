/**
 * The code list operations (docs/rules.md#administrative-operations) at their edges: the sentence of every
 * typed error and of every CSV row problem, names counted in characters, and
 * the header and blank rows a CSV file may have.
 */
import { describe, expect, it } from 'vitest';
import { addCode, importCodesCsv, removeCode, renameCode } from '../../src/settings/codes.js';
import { ACME_JSON, configFrom, errorOf, successOf } from './fixtures.js';

const NAME_RULE = 'a string of up to 64 characters without control characters';

describe('addCode and renameCode', () => {
  it('names the code rule and the length of the account for a code of the wrong form', () => {
    expect(errorOf(addCode(configFrom(), { code: '123' }))).toEqual({
      code: 'invalid-code',
      field: 'code',
      message: 'code must be a string of exactly 4 ASCII digits (account.codeLength); got "123"',
    });
  });

  it('rejects digits given as a list of four, which have the length but are no string', () => {
    expect(errorOf(addCode(configFrom(), { code: ['5', '5', '5', '5'] } as never))).toMatchObject({
      code: 'invalid-code',
      field: 'code',
    });
  });

  it('says the code is already on the list', () => {
    expect(errorOf(addCode(configFrom(), { code: '0420' }))).toEqual({
      code: 'duplicate-code',
      field: 'code',
      message: 'code must be unique in the account; "0420" is already on the list',
    });
  });

  it('counts a name in characters: 64 emoji pass, 65 are name-too-long with their count', () => {
    expect(
      successOf(addCode(configFrom(), { code: '5555', name: '😀'.repeat(64) })).report.added,
    ).toEqual({
      code: '5555',
      name: '😀'.repeat(64),
    });
    expect(errorOf(addCode(configFrom(), { code: '5555', name: '😀'.repeat(65) }))).toEqual({
      code: 'name-too-long',
      field: 'name',
      message: `name must be ${NAME_RULE}; got 65 characters`,
    });
  });

  it('rejects a name with a control character, or that is not a string, naming the rule', () => {
    expect(errorOf(addCode(configFrom(), { code: '5555', name: 'a\tb' }))).toEqual({
      code: 'invalid-value',
      field: 'name',
      message: `name must be ${NAME_RULE}; got "a\\tb"`,
    });
    expect(errorOf(renameCode(configFrom(), '1234', 7 as never))).toEqual({
      code: 'invalid-value',
      field: 'name',
      message: `name must be ${NAME_RULE}; got 7`,
    });
  });

  it('renames only the code asked for, and an empty name removes the name', () => {
    const before = configFrom();
    const { config } = successOf(renameCode(before, '0420', ''));
    expect(config.account.codes).toEqual([{ code: '1234', name: 'Acme Corp' }, { code: '0420' }]);
    expect(config.account.codes[0]).toBe(before.account.codes[0]);
    expect(successOf(renameCode(config, '0420', undefined)).report).toEqual({ changed: false });
  });

  it('names the code that is not on the list', () => {
    expect(errorOf(renameCode(configFrom(), '9999', 'x'))).toEqual({
      code: 'unknown-code',
      field: 'code',
      message: 'code must be one of the account\'s codes; "9999" is not on the list',
    });
  });

  it('removes the first code of the list too, keeping the others', () => {
    const { config, report } = successOf(removeCode(configFrom(), '1234'));
    expect(report.removed).toEqual({ code: '1234', name: 'Acme Corp' });
    expect(config.account.codes).toEqual([{ code: '0420', name: 'Globex' }]);
  });

  it('removes one of two codes while validation is on', () => {
    const validating = configFrom();
    expect(validating.account.settings.validateCodes).toBe(true);
    expect(successOf(removeCode(validating, '0420')).config.account.codes).toEqual([
      { code: '1234', name: 'Acme Corp' },
    ]);
  });
});

describe('importCodesCsv', () => {
  const config = configFrom({
    ...ACME_JSON,
    account: { ...ACME_JSON.account, codes: [{ code: '1234' }] },
  });

  function rows(csv: string) {
    return errorOf(importCodesCsv(config, csv)).rows?.map((row) => [row.reason, row.message]);
  }

  it('says how many rows are bad, one or several, and what each row must be', () => {
    const rule =
      'Each row must be a code of a string of exactly 4 ASCII digits, not already on the account nor earlier in the file, then optionally a name of up to 64 characters';
    expect(errorOf(importCodesCsv(config, 'code,name\n12,x\n')).message).toBe(
      `csv has 1 bad row; nothing was imported. ${rule}`,
    );
    expect(errorOf(importCodesCsv(config, 'code,name\n12,x\n13,y\n')).message).toBe(
      `csv has 2 bad rows; nothing was imported. ${rule}`,
    );
  });

  it('counts a row with two problems once', () => {
    expect(errorOf(importCodesCsv(config, 'code,name\n12,x,y\n')).message).toMatch(
      /^csv has 1 bad row;/,
    );
  });

  it('words each row problem with its line', () => {
    expect(
      rows(
        [
          'code,name',
          '12',
          '1234,x',
          '5555,a',
          '5555,b',
          `6666,${'n'.repeat(65)}`,
          '7777,a,b',
          '',
          '8888,\u001b[31m',
        ].join('\n'),
      ),
    ).toEqual([
      ['invalid-code', 'line 2: the code must be a string of exactly 4 ASCII digits; got "12"'],
      ['duplicate-code', 'line 3: the code "1234" is already on the account'],
      ['duplicate-in-file', 'line 5: the code "5555" is already on line 4'],
      ['name-too-long', `line 6: the name must be ${NAME_RULE}; it has 65`],
      [
        'too-many-columns',
        'line 7: the row has 3 columns; it must have at most the 2 columns of the header (quote a name that holds commas)',
      ],
      [
        'blank-row',
        'line 8: the row is empty; it must be a string of exactly 4 ASCII digits, a comma and an optional name',
      ],
      ['invalid-value', `line 9: the name must be ${NAME_RULE}; got "\\u001b[31m"`],
    ]);
  });

  it('accepts a name of exactly 64 characters and stores a row without a name as a bare code', () => {
    const csv = `code,name\n5555,${'😀'.repeat(64)}\n6666\n7777, \n`;
    const { config: imported, report } = successOf(importCodesCsv(config, csv));
    expect(report).toEqual({ added: 3 });
    expect(imported.account.codes).toEqual([
      { code: '1234' },
      { code: '5555', name: '😀'.repeat(64) },
      { code: '6666' },
      { code: '7777' },
    ]);
  });

  it('keeps a last row that holds only a code', () => {
    expect(successOf(importCodesCsv(config, 'code,name\n5555,a\n6666')).report).toEqual({
      added: 2,
    });
  });

  it('drops blank lines only at the end: one in the middle is a bad row', () => {
    expect(successOf(importCodesCsv(config, 'code,name\n5555,a\n\n \n\n')).report).toEqual({
      added: 1,
    });
    expect(rows('code,name\n\n5555,a\n')).toEqual([
      [
        'blank-row',
        'line 2: the row is empty; it must be a string of exactly 4 ASCII digits, a comma and an optional name',
      ],
    ]);
  });

  it('takes a lone comma row for a row with an empty code, not a blank row', () => {
    expect(rows('code,name\n,\n')).toEqual([
      ['invalid-code', 'line 2: the code must be a string of exactly 4 ASCII digits; got ""'],
    ]);
  });

  it('says how to quote a name when a row has malformed quotes', () => {
    const found = rows('code,name\n5555,a"b\n');
    expect(found?.[0]?.[0]).toBe('malformed-quotes');
    expect(found?.[0]?.[1]).toMatch(
      /^line 2: .+; quote a name that holds commas or quotes, and double the quotes inside it$/,
    );
  });

  it('shows the header it found when the first row is not code,name', () => {
    expect(errorOf(importCodesCsv(config, 'code,nom\n5555,a\n'))).toEqual({
      code: 'invalid-csv-header',
      field: 'csv',
      message:
        'csv must start with the header row "code,name", optionally followed by any of the columns callTypes, trunks, validFrom, validUntil, suspended; got "code,nom"',
    });
    expect(errorOf(importCodesCsv(config, '\n\n')).message).toBe(
      'csv must start with the header row "code,name", optionally followed by any of the columns callTypes, trunks, validFrom, validUntil, suspended; got no header',
    );
    expect(errorOf(importCodesCsv(config, 'codes,name\n')).code).toBe('invalid-csv-header');
    expect(errorOf(importCodesCsv(config, 'code,name,note\n5555,a,b\n')).message).toBe(
      'csv must start with the header row "code,name", optionally followed by any of the columns callTypes, trunks, validFrom, validUntil, suspended; got "code,name,note"',
    );
  });

  it('names what the csv argument must be when it is not text', () => {
    expect(errorOf(importCodesCsv(config, null as never))).toEqual({
      code: 'invalid-value',
      field: 'csv',
      message: 'csv must be CSV text with the header row "code,name"; got null',
    });
  });
});
