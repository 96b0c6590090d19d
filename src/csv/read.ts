/**
 * The project's one RFC 4180 reader, for the bulk code import (docs/rules.md#administrative-operations) and
 * Asterisk's `Master.csv` (docs/rules.md#reports-and-post-call-tagging). Quoted fields may hold commas, doubled
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

const BOM = 0xfeff;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;

const UNQUOTED_STOPS = (c: number): boolean => c === COMMA || c === LF || c === CR || c === QUOTE;
const QUOTED_STOPS = (c: number): boolean => c === QUOTE || c === LF || c === CR;

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
 * other empty line is a row with one empty cell. With `spacesBeforeQuote`,
 * spaces before a quoted field are skipped (`"a", "b"`), as FreeSWITCH writes.
 *
 * @example
 * ```ts
 * const reader = createCsvReader();
 * reader.push('a,"b\r\n'); // []
 * reader.push('c"\r\nd'); // [{ kind: 'cells', line: 1, cells: ['a', 'b\r\nc'] }]
 * reader.end(); // [{ kind: 'cells', line: 3, cells: ['d'] }]
 * ```
 */
export function createCsvReader(
  options: { readonly maxRowLength?: number; readonly spacesBeforeQuote?: boolean } = {},
): CsvReader {
  const spacesBeforeQuote = options.spacesBeforeQuote === true;
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
  /** The last character of the quoted cell being read is a CR: an LF right after it is the same line break. */
  let quotedCR = false;
  let first = true;
  let out: CsvRecord[] = [];

  /**
   * Past the character at `i`, the characters that need no decision (not a
   * stop, and within the row's length): counted, and the index of the last
   * one returned, so the loop goes on after it. Cells are sliced, not built.
   */
  const plainRun = (text: string, i: number, stops: (c: number) => boolean): number => {
    const limit = Math.min(text.length, i + 1 + (maxRowLength - rowLength));
    let j = i + 1;
    while (j < limit && !stops(text.charCodeAt(j))) j++;
    rowLength += j - i - 1;
    return j - 1;
  };

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
        if (text.charCodeAt(0) === BOM) text = text.slice(1);
      }
      const n = text.length;
      // The current cell is `cell` (what earlier chunks and doubled quotes
      // gave) followed by text[from, i): slices, not a string grown a
      // character at a time.
      let from = 0;
      const take = (to: number): string => {
        const value = from === to ? cell : cell + text.slice(from, to);
        cell = '';
        return value;
      };
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (afterCR) {
          afterCR = false;
          if (c === LF) {
            from = i + 1;
            continue;
          }
        }
        if (mode !== Mode.Skipping && ++rowLength > maxRowLength) {
          malformed(`the row is longer than ${maxRowLength} characters`);
        }
        switch (mode) {
          case Mode.Skipping:
            if (c === CR || c === LF) {
              afterCR = c === CR;
              lineBreak();
            }
            from = i + 1;
            break;
          case Mode.CellStart:
          case Mode.Unquoted:
            if (c === COMMA) {
              cells.push(take(i));
              from = i + 1;
              rowEmpty = false;
              mode = Mode.CellStart;
            } else if (c === CR || c === LF) {
              cell = take(i);
              afterCR = c === CR;
              lineBreak();
              from = i + 1;
            } else if (c === QUOTE) {
              if (mode === Mode.CellStart) {
                mode = Mode.Quoted;
                rowEmpty = false;
                quotedCR = false;
                from = i + 1;
              } else if (spacesBeforeQuote && (cell + text.slice(from, i)).trim() === '') {
                // `"a", "b"`: spaces, then a quoted field (FreeSWITCH's built-in template writes one).
                cell = '';
                mode = Mode.Quoted;
                quotedCR = false;
                from = i + 1;
              } else {
                malformed('a quote appears inside an unquoted field');
                from = i + 1;
              }
            } else {
              rowEmpty = false;
              mode = Mode.Unquoted;
              i = plainRun(text, i, UNQUOTED_STOPS);
            }
            break;
          case Mode.Quoted:
            if (c === QUOTE) {
              cell = take(i);
              from = i + 1;
              quotedCR = false;
              mode = Mode.QuoteInQuoted;
            } else {
              // A line break inside quotes is data, and still a new line of the file.
              if (c === CR || (c === LF && !quotedCR)) line += 1;
              quotedCR = c === CR;
              const last = plainRun(text, i, QUOTED_STOPS);
              if (last > i) quotedCR = false;
              i = last;
            }
            break;
          case Mode.QuoteInQuoted:
            if (c === QUOTE) {
              // The second quote of a doubled pair is the quote itself.
              from = i;
              mode = Mode.Quoted;
            } else if (c === COMMA) {
              cells.push(take(i));
              from = i + 1;
              mode = Mode.CellStart;
            } else if (c === CR || c === LF) {
              afterCR = c === CR;
              lineBreak();
              from = i + 1;
            } else {
              malformed('text follows a closing quote');
              from = i + 1;
            }
            break;
          default:
            mode satisfies never;
        }
      }
      // A cell that goes on into the next chunk keeps what it has so far.
      if (mode === Mode.Unquoted || mode === Mode.Quoted) cell = take(n);
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
  return [...csvRows(text)];
}

/**
 * The rows of `text`, in order, a chunk of them at a time: a long text is
 * read without holding every row at once (its rows die young, which the
 * collector finds cheap).
 */
export function* csvRows(text: string): Generator<CsvRecord, void, undefined> {
  const reader = createCsvReader();
  for (let at = 0; at < text.length; at += ROWS_CHUNK) {
    yield* reader.push(text.slice(at, at + ROWS_CHUNK));
  }
  yield* reader.end();
}

/** Characters {@link csvRows} reads at a time. */
const ROWS_CHUNK = 1 << 16;
