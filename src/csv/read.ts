/**
 * The project's one RFC 4180 reader, for the bulk code import (SPEC §2.5) and
 * Asterisk's `Master.csv` (SPEC §10). Quoted fields may hold commas, doubled
 * quotes and line breaks; lines end in LF, CRLF or CR; a leading byte-order
 * mark (as spreadsheets write it) is skipped. It reads text in chunks of any
 * size, so a large file streams through in constant memory. It never throws:
 * a row with broken quoting comes back marked as malformed, with its line
 * number, and reading goes on at the next line.
 */

/** One row of a CSV text. */
export type CsvRecord =
  | {
      readonly kind: 'cells';
      /** The 1-based line the row starts on. */
      readonly line: number;
      readonly cells: readonly string[];
    }
  | {
      readonly kind: 'malformed';
      readonly line: number;
      /** Why the quoting is broken, for a message. */
      readonly why: string;
    };

/** Reads CSV text a chunk at a time; each call returns the rows the chunk completed. */
export interface CsvReader {
  /** Feeds the next chunk; returns the rows it completed, in order. */
  push(chunk: string): CsvRecord[];
  /** Ends the text; returns the last row, if the text did not end with a line break. */
  end(): CsvRecord[];
}

enum Mode {
  /** At the start of a cell. */
  CellStart,
  /** Inside an unquoted cell. */
  Unquoted,
  /** Inside a quoted cell. */
  Quoted,
  /** Just read a quote inside a quoted cell: a doubled quote or the closing one. */
  QuoteInQuoted,
  /** After a malformed row: skipping to the next line break. */
  Skipping,
}

/**
 * A streaming reader; a row longer than `maxRowLength` characters is
 * malformed. A final line break does not start an empty row; every
 * other empty line is a row with one empty cell.
 *
 * @example
 * ```ts
 * const reader = createCsvReader();
 * reader.push('a,"b\r\n'); // []
 * reader.push('c"\r\nd'); // [{ kind: 'cells', line: 1, cells: ['a', 'b\r\nc'] }]
 * reader.end(); // [{ kind: 'cells', line: 3, cells: ['d'] }]
 * ```
 */
export function createCsvReader(options: { readonly maxRowLength?: number } = {}): CsvReader {
  // A stray quote must not make one "row" of the rest of a 1 GB file.
  const maxRowLength = options.maxRowLength ?? Number.POSITIVE_INFINITY;
  let rowLength = 0;
  let mode: Mode = Mode.CellStart;
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let startLine = 1;
  /** Nothing of the current row read yet (a final line break starts no row). */
  let rowEmpty = true;
  /** The previous character was a CR that ended a line: an LF right after it belongs to it. */
  let afterCR = false;
  let first = true;
  let out: CsvRecord[] = [];

  const endRow = (): void => {
    cells.push(cell);
    out.push({ kind: 'cells', line: startLine, cells });
    cells = [];
    cell = '';
    rowEmpty = true;
    rowLength = 0;
    mode = Mode.CellStart;
  };
  const malformed = (why: string): void => {
    out.push({ kind: 'malformed', line: startLine, why });
    cells = [];
    cell = '';
    mode = Mode.Skipping;
  };
  /** A line break outside quotes: ends the row (or the skipping). */
  const lineBreak = (): void => {
    if (mode === Mode.Skipping) {
      cells = [];
      cell = '';
      rowEmpty = true;
      rowLength = 0;
      mode = Mode.CellStart;
    } else {
      endRow();
    }
    line += 1;
    startLine = line;
  };

  return {
    push(chunk) {
      out = [];
      let text = typeof chunk === 'string' ? chunk : '';
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      for (let i = 0; i < text.length; i++) {
        const c = text[i] as string;
        if (afterCR) {
          afterCR = false;
          if (c === '\n') continue;
        }
        if (mode !== Mode.Skipping && ++rowLength > maxRowLength) {
          malformed(`the row is longer than ${maxRowLength} characters`);
        }
        switch (mode) {
          case Mode.Skipping:
            if (c === '\r' || c === '\n') {
              afterCR = c === '\r';
              lineBreak();
            }
            break;
          case Mode.CellStart:
          case Mode.Unquoted:
            if (c === ',') {
              cells.push(cell);
              cell = '';
              rowEmpty = false;
              mode = Mode.CellStart;
            } else if (c === '\r' || c === '\n') {
              afterCR = c === '\r';
              lineBreak();
            } else if (c === '"') {
              if (mode === Mode.CellStart) {
                mode = Mode.Quoted;
                rowEmpty = false;
              } else {
                malformed('a quote appears inside an unquoted field');
              }
            } else {
              cell += c;
              rowEmpty = false;
              mode = Mode.Unquoted;
            }
            break;
          case Mode.Quoted:
            if (c === '"') {
              mode = Mode.QuoteInQuoted;
            } else {
              // A line break inside quotes is data, and still a new line of the file.
              if (c === '\r' || (c === '\n' && !cell.endsWith('\r'))) line += 1;
              cell += c;
            }
            break;
          case Mode.QuoteInQuoted:
            if (c === '"') {
              cell += '"';
              mode = Mode.Quoted;
            } else if (c === ',') {
              cells.push(cell);
              cell = '';
              mode = Mode.CellStart;
            } else if (c === '\r' || c === '\n') {
              afterCR = c === '\r';
              lineBreak();
            } else {
              malformed('text follows a closing quote');
            }
            break;
          default:
            mode satisfies never;
        }
      }
      return out;
    },
    end() {
      out = [];
      switch (mode) {
        case Mode.Quoted:
          malformed('a quoted field is never closed');
          break;
        case Mode.CellStart:
          if (!rowEmpty) endRow();
          break;
        case Mode.Unquoted:
        case Mode.QuoteInQuoted:
          endRow();
          break;
        case Mode.Skipping:
          break;
        default:
          mode satisfies never;
      }
      mode = Mode.Skipping;
      return out;
    },
  };
}

/**
 * The rows of `text`, in order: {@link createCsvReader} over one chunk.
 *
 * @example
 * ```ts
 * parseCsv('code,name\r\n1234,"Acme, Inc."\r\n');
 * // [{ kind: 'cells', line: 1, cells: ['code', 'name'] },
 * //  { kind: 'cells', line: 2, cells: ['1234', 'Acme, Inc.'] }]
 * ```
 */
export function parseCsv(text: string): readonly CsvRecord[] {
  const reader = createCsvReader();
  return [...reader.push(text), ...reader.end()];
}
