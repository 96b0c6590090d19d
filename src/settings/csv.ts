/**
 * A small RFC 4180 reader for the bulk code import (SPEC §2.5): only what
 * `importCodesCsv` needs. Quoted fields may hold commas, doubled quotes and
 * line breaks; lines end in LF, CRLF or CR; a leading byte-order mark (as
 * spreadsheets write it) is skipped. It never throws: a row with broken
 * quoting comes back marked as malformed, with its line number.
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

/**
 * The rows of `text`, in order. A final line break does not start an empty
 * row; every other empty line is a row with one empty cell.
 *
 * @example
 * ```ts
 * parseCsv('code,name\r\n1234,"Acme, Inc."\r\n');
 * // [{ kind: 'cells', line: 1, cells: ['code', 'name'] },
 * //  { kind: 'cells', line: 2, cells: ['1234', 'Acme, Inc.'] }]
 * ```
 */
export function parseCsv(text: string): readonly CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let pos = 0;
  let line = 1;

  /** Moves past the line break at `pos`, if any; true when there was one. */
  const skipLineBreak = (): boolean => {
    if (source[pos] === '\r') {
      pos += source[pos + 1] === '\n' ? 2 : 1;
    } else if (source[pos] === '\n') {
      pos += 1;
    } else {
      return false;
    }
    line += 1;
    return true;
  };

  /** Gives up on the current row: skips to the next line break. */
  const malformed = (startLine: number, why: string): void => {
    records.push({ kind: 'malformed', line: startLine, why });
    while (pos < source.length && source[pos] !== '\n' && source[pos] !== '\r') pos += 1;
    skipLineBreak();
  };

  rows: while (pos < source.length) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (source[pos] === '"') {
        // A quoted cell: runs to a quote not followed by another quote.
        pos += 1;
        for (;;) {
          if (pos >= source.length) {
            malformed(startLine, 'a quoted field is never closed');
            break rows;
          }
          const c = source[pos];
          if (c === '"') {
            if (source[pos + 1] === '"') {
              cell += '"';
              pos += 2;
              continue;
            }
            pos += 1;
            break;
          }
          if (c === '\n' || (c === '\r' && source[pos + 1] !== '\n')) line += 1;
          cell += c;
          pos += 1;
        }
        const after = source[pos];
        if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
          malformed(startLine, 'text follows a closing quote');
          continue rows;
        }
      } else {
        while (pos < source.length) {
          const c = source[pos];
          if (c === ',' || c === '\r' || c === '\n') break;
          if (c === '"') {
            malformed(startLine, 'a quote appears inside an unquoted field');
            continue rows;
          }
          cell += c;
          pos += 1;
        }
      }
      cells.push(cell);
      if (source[pos] === ',') {
        pos += 1;
        continue;
      }
      skipLineBreak();
      records.push({ kind: 'cells', line: startLine, cells });
      continue rows;
    }
  }
  return records;
}
