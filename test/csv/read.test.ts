import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/csv/read.js';

describe('parseCsv', () => {
  it('splits rows on LF, CRLF and CR, numbering the line each row starts on', () => {
    expect(parseCsv('a,b\r\nc\rd,e\nf')).toEqual([
      { kind: 'cells', line: 1, cells: ['a', 'b'] },
      { kind: 'cells', line: 2, cells: ['c'] },
      { kind: 'cells', line: 3, cells: ['d', 'e'] },
      { kind: 'cells', line: 4, cells: ['f'] },
    ]);
  });

  it('does not start an empty row after a final line break, but keeps empty lines before it', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([
      { kind: 'cells', line: 1, cells: ['a'] },
      { kind: 'cells', line: 2, cells: [''] },
      { kind: 'cells', line: 3, cells: ['b'] },
    ]);
  });

  it('keeps empty cells, a trailing one included', () => {
    expect(parseCsv(',x,')).toEqual([{ kind: 'cells', line: 1, cells: ['', 'x', ''] }]);
  });

  it('unquotes quoted cells, with doubled quotes, commas and CRLF inside', () => {
    expect(parseCsv('"a,""b""","c\r\nd"\ne')).toEqual([
      { kind: 'cells', line: 1, cells: ['a,"b"', 'c\r\nd'] },
      { kind: 'cells', line: 3, cells: ['e'] },
    ]);
  });

  it('marks a row with a stray quote as malformed and carries on with the next line', () => {
    expect(parseCsv('a"b,c\nd')).toEqual([
      { kind: 'malformed', line: 1, why: expect.any(String) },
      { kind: 'cells', line: 2, cells: ['d'] },
    ]);
  });

  it('reads nothing from an empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });
});
