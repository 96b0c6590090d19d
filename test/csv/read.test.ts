import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvReader, parseCsv } from '../../src/csv/read.js';
import { propertyRuns } from '../support/properties.js';

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

describe('createCsvReader', () => {
  it('reads the same rows whatever the chunks, CRLF and quotes cut anywhere', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'é') }),
      fc.constantFrom('', '"', '""', 'a,b', 'x\r\ny'),
    );
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', 'é') }),
      fc
        .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 5 })
        .chain((rows) =>
          fc
            .constantFrom('\n', '\r\n', '\r')
            .map((eol) =>
              rows
                .map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
                .join(eol),
            ),
        ),
    );
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (whole, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
        const reader = createCsvReader();
        const rows: unknown[] = [];
        let from = 0;
        for (const point of [...points, whole.length]) {
          rows.push(...reader.push(whole.slice(from, point)));
          from = point;
        }
        rows.push(...reader.end());
        expect(rows).toEqual(parseCsv(whole));
      }),
      propertyRuns(),
    );
  });

  it('gives back quoted rows as written: commas, doubled quotes and line breaks inside', () => {
    const rows = [
      ['1234', 'Acme, Inc.', 'say "hi"'],
      ['x\r\ny', '', 'a\nb'],
    ];
    const text = rows
      .map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
      .join('\r\n');
    expect(parseCsv(text)).toEqual([
      { kind: 'cells', line: 1, cells: rows[0] },
      { kind: 'cells', line: 2, cells: rows[1] },
    ]);
  });

  it('skips a byte-order mark only at the very start', () => {
    expect(parseCsv('\uFEFFa,b\n\uFEFFc')).toEqual([
      { kind: 'cells', line: 1, cells: ['a', 'b'] },
      { kind: 'cells', line: 2, cells: ['\uFEFFc'] },
    ]);
  });

  it('does not count a CRLF split across chunks as two lines', () => {
    const reader = createCsvReader();
    const rows = [...reader.push('a\r'), ...reader.push('\nb,"c\r'), ...reader.push('\nd"\r')];
    rows.push(...reader.push('\ne'), ...reader.end());
    expect(rows).toEqual([
      { kind: 'cells', line: 1, cells: ['a'] },
      { kind: 'cells', line: 2, cells: ['b', 'c\r\nd'] },
      { kind: 'cells', line: 4, cells: ['e'] },
    ]);
  });

  it('marks a quote never closed as malformed at the line its row starts on', () => {
    expect(parseCsv('a\n"b,c\nd\n')).toEqual([
      { kind: 'cells', line: 1, cells: ['a'] },
      { kind: 'malformed', line: 2, why: 'a quoted field is never closed' },
    ]);
  });

  it('marks a row longer than maxRowLength as malformed and goes on at the next line', () => {
    const reader = createCsvReader({ maxRowLength: 5 });
    expect([...reader.push('abc\n"abcdefgh\nxy'), ...reader.end()]).toEqual([
      { kind: 'cells', line: 1, cells: ['abc'] },
      { kind: 'malformed', line: 2, why: 'the row is longer than 5 characters' },
      { kind: 'cells', line: 3, cells: ['xy'] },
    ]);
  });
});
