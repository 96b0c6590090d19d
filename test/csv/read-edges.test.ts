/**
 * The CSV reader at its edges (RFC 4180 as docs/rules.md#administrative-operations and docs/rules.md#reports-and-post-call-tagging read it): line
 * numbers across quoted and skipped line breaks, rows ending in a quote or a
 * comma, the reasons of malformed rows, the row length limit, and chunks
 * that are not text or cut a byte-order mark off.
 */
import { describe, expect, it } from 'vitest';
import { createCsvReader, parseCsv } from '../../src/csv/read.js';

const cells = (line: number, ...values: string[]) => ({ kind: 'cells', line, cells: values });
const malformed = (line: number, why: string) => ({ kind: 'malformed', line, why });

describe('parseCsv at its edges', () => {
  it('ends a row on its closing quote or a final comma, even without a line break', () => {
    expect(parseCsv('"a"')).toEqual([cells(1, 'a')]);
    expect(parseCsv('""')).toEqual([cells(1, '')]);
    expect(parseCsv(',')).toEqual([cells(1, '', '')]);
    expect(parseCsv('a\n,')).toEqual([cells(1, 'a'), cells(2, '', '')]);
    expect(parseCsv('"",')).toEqual([cells(1, '', '')]);
    expect(parseCsv('a,"b",')).toEqual([cells(1, 'a', 'b', '')]);
  });

  it('reads a lone line break as one empty row', () => {
    expect(parseCsv('\n')).toEqual([cells(1, '')]);
    expect(parseCsv('\r\n\r\n')).toEqual([cells(1, ''), cells(2, '')]);
  });

  it('ends a row at a line break after a closing quote: LF, CR or CRLF', () => {
    expect(parseCsv('"a"\r\n"b"\r"c"\n"d"')).toEqual([
      cells(1, 'a'),
      cells(2, 'b'),
      cells(3, 'c'),
      cells(4, 'd'),
    ]);
  });

  it('counts line breaks inside quotes as lines: CR, LF and CRLF each once', () => {
    expect(parseCsv('"a\rb",x\nc')).toEqual([cells(1, 'a\rb', 'x'), cells(3, 'c')]);
    expect(parseCsv('"a\n\nb"\nc')).toEqual([cells(1, 'a\n\nb'), cells(4, 'c')]);
    expect(parseCsv('"a\r\n\r\nb"\nc')).toEqual([cells(1, 'a\r\n\r\nb'), cells(4, 'c')]);
    expect(parseCsv('"a\n\rb"\nc')).toEqual([cells(1, 'a\n\rb'), cells(4, 'c')]);
  });

  it('gives the reason of each kind of broken quoting', () => {
    expect(parseCsv('ab"c\nd')).toEqual([
      malformed(1, 'a quote appears inside an unquoted field'),
      cells(2, 'd'),
    ]);
    expect(parseCsv('"ab"c\nd')).toEqual([
      malformed(1, 'text follows a closing quote'),
      cells(2, 'd'),
    ]);
    expect(parseCsv('"ab')).toEqual([malformed(1, 'a quoted field is never closed')]);
  });

  it('skips the rest of a malformed row to its line break, CRLF counted once, quotes ignored', () => {
    expect(parseCsv('a"b\r\nc')).toEqual([
      malformed(1, 'a quote appears inside an unquoted field'),
      cells(2, 'c'),
    ]);
    expect(parseCsv('a"b\rc')).toEqual([
      malformed(1, 'a quote appears inside an unquoted field'),
      cells(2, 'c'),
    ]);
    expect(parseCsv('a"b,"x\ny"\nz')).toEqual([
      malformed(1, 'a quote appears inside an unquoted field'),
      malformed(2, 'a quote appears inside an unquoted field'),
      cells(3, 'z'),
    ]);
    expect(parseCsv('a"b\n')).toEqual([malformed(1, 'a quote appears inside an unquoted field')]);
  });

  it('keeps the cells of a row read before the malformed one, and none of it', () => {
    expect(parseCsv('x,y\n1,2"\n3,4')).toEqual([
      cells(1, 'x', 'y'),
      malformed(2, 'a quote appears inside an unquoted field'),
      cells(3, '3', '4'),
    ]);
  });
});

describe('createCsvReader at its edges', () => {
  it('takes a row of maxRowLength characters, line break included, and refuses a longer one', () => {
    const reader = createCsvReader({ maxRowLength: 5 });
    expect([...reader.push('abcd\na,de\nabcdef'), ...reader.end()]).toEqual([
      cells(1, 'abcd'),
      cells(2, 'a', 'de'),
      malformed(3, 'the row is longer than 5 characters'),
    ]);
  });

  it('counts a row’s length afresh after a malformed row', () => {
    const reader = createCsvReader({ maxRowLength: 4 });
    expect([...reader.push('a"bcdefgh\nabc\n'), ...reader.end()]).toEqual([
      malformed(1, 'a quote appears inside an unquoted field'),
      cells(2, 'abc'),
    ]);
  });

  it('has no limit by default', () => {
    const long = 'x'.repeat(20_000);
    expect(parseCsv(`${long},"${long}"`)).toEqual([cells(1, long, long)]);
  });

  it('reads a chunk that is not a string as empty text', () => {
    const reader = createCsvReader();
    expect(reader.push(undefined as never)).toEqual([]);
    expect(reader.push(7 as never)).toEqual([]);
    expect([...reader.push('a,b\n'), ...reader.end()]).toEqual([cells(1, 'a', 'b')]);
  });

  it('skips a byte-order mark in the first chunk that is not empty', () => {
    const reader = createCsvReader();
    expect([...reader.push(''), ...reader.push('\uFEFFa\n'), ...reader.end()]).toEqual([
      cells(1, 'a'),
    ]);
    const later = createCsvReader();
    expect([...later.push('a'), ...later.push('\uFEFFb'), ...later.end()]).toEqual([
      cells(1, 'a\uFEFFb'),
    ]);
  });

  it('gives each row once: a chunk returns only the rows it completed', () => {
    const reader = createCsvReader();
    expect(reader.push('a\nb')).toEqual([cells(1, 'a')]);
    expect(reader.push(',c\n')).toEqual([cells(2, 'b', 'c')]);
    expect(reader.end()).toEqual([]);
  });
});
