/**
 * Reading a CDR file a chunk at a time (docs/rules.md#reports-and-post-call-tagging): the library's JSON lines
 * or Asterisk's `Master.csv`, recognised from the content. Constant memory
 * whatever the file's size; a malformed line is reported with its number,
 * never skipped.
 */
import { type CsvReader, createCsvReader } from '../csv/read.js';
import type { Problem } from '../result.js';
import { asteriskRecord, isAsteriskHeader } from './asterisk.js';
import { type CdrRecord, parseCdrRecord } from './cdr.js';
import { freeswitchRecord, looksLikeFreeswitch } from './freeswitch.js';
import { createZoneResolver, type ZoneResolver } from './local-time.js';
import { createWarningTally, type ReportWarning } from './warnings.js';

/** The CDR formats docs/rules.md#reports-and-post-call-tagging reads. */
export type CdrFormat = 'json-lines' | 'asterisk-csv' | 'freeswitch-csv';

/** Why a line of a CDR is not a call. */
export type CdrLineProblemCode = 'malformed-cdr-line';

/** One item of a CDR: a call and the line it starts on, or a malformed line. */
export type CdrItem =
  | {
      /** A call. */
      readonly kind: 'record';
      /** The 1-based line the call starts on. */
      readonly line: number;
      /** The call. */
      readonly record: CdrRecord;
    }
  | {
      /** A line that is not a call; reading goes on with the next one. */
      readonly kind: 'malformed';
      /** The 1-based line the malformed row starts on. */
      readonly line: number;
      /** `path` is empty; the message names the line and what is wrong. */
      readonly problem: Problem<CdrLineProblemCode>;
    };

/** Reads a CDR a chunk at a time. */
export interface CdrReader {
  /** Feeds the next chunk of text; returns the items it completed. */
  push(chunk: string): CdrItem[];
  /** Ends the text; returns the last items. */
  end(): CdrItem[];
  /** The format recognised, once the first character that is not a space has been read. */
  format(): CdrFormat | undefined;
  /** The warnings so far (times repeated or skipped by a change of offset), tallied. */
  warnings(): ReportWarning[];
}

/** {@link createCdrReader}'s answer. */
export type CreateCdrReaderResult =
  | {
      /** The reader was made. */
      readonly ok: true;
      /** Feed it the CDR's text. */
      readonly reader: CdrReader;
    }
  | {
      /** The options were refused. */
      readonly ok: false;
      /** `unknown-time-zone`: `Intl` does not know the zone. */
      readonly problem: Problem<'unknown-time-zone'>;
    };

/** Characters a line may have; longer is malformed, so a broken file cannot fill memory. */
export const MAX_CDR_LINE_LENGTH = 1_000_000;

/**
 * A reader of a CDR. `timezone` is the IANA zone of Asterisk's zone-less
 * times (`UTC` when Asterisk runs with `usegmtime=yes`); JSON lines carry
 * their own zone.
 *
 * @example
 * ```ts
 * const made = createCdrReader({ timezone: 'America/New_York' });
 * if (made.ok) {
 *   for await (const chunk of createReadStream('Master.csv', 'utf8')) {
 *     for (const item of made.reader.push(chunk)) console.log(item);
 *   }
 *   made.reader.end();
 * }
 * ```
 */
export function createCdrReader(options: { readonly timezone: string }): CreateCdrReaderResult {
  // docs/rules.md#invariants: total, also for a JavaScript caller passing no options object.
  const timezone: unknown = options?.timezone;
  const zone = typeof timezone === 'string' ? createZoneResolver(timezone) : undefined;
  if (zone === undefined) {
    return {
      ok: false,
      problem: {
        code: 'unknown-time-zone',
        path: ['timezone'],
        message: `timezone must be an IANA time zone such as "America/New_York" or "UTC"; got ${JSON.stringify(timezone)}`,
      },
    };
  }
  const warnings = createWarningTally();
  let format: CdrFormat | undefined;
  let lines: ReturnType<typeof jsonLinesReader> | undefined;
  let csv: ReturnType<typeof asteriskReader> | undefined;
  let pending = '';

  const feed = (chunk: string): CdrItem[] => {
    if (format === undefined) {
      pending += chunk;
      const first = /[^\s\uFEFF]/.exec(pending);
      if (first === null) return [];
      format = first[0] === '{' ? 'json-lines' : 'asterisk-csv';
      if (format === 'json-lines') lines = jsonLinesReader();
      else csv = asteriskReader(zone, warnings);
      chunk = pending;
      pending = '';
    }
    return lines?.push(chunk) ?? csv?.push(chunk) ?? [];
  };
  return {
    ok: true,
    reader: {
      push: (chunk) => feed(typeof chunk === 'string' ? chunk : ''),
      end: () => lines?.end() ?? csv?.end() ?? [],
      format: () => (format === 'asterisk-csv' ? (csv?.format() ?? format) : format),
      warnings: () => warnings.list(),
    },
  };
}

function malformed(line: number, why: string): CdrItem {
  return {
    kind: 'malformed',
    line,
    problem: { code: 'malformed-cdr-line', path: [], message: `line ${line}: ${why}` },
  };
}

function jsonLinesReader(): { push(chunk: string): CdrItem[]; end(): CdrItem[] } {
  let rest = '';
  let line = 0;
  let skipping = false;
  const item = (text: string): CdrItem | undefined => {
    line += 1;
    const body = text.endsWith('\r') ? text.slice(0, -1) : text;
    return parseLine(line === 1 && body.charCodeAt(0) === 0xfeff ? body.slice(1) : body);
  };
  const parseLine = (body: string): CdrItem | undefined => {
    if (body.trim() === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      return malformed(
        line,
        `not JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const parsed = parseCdrRecord(value);
    return parsed.ok
      ? { kind: 'record', line, record: parsed.record }
      : malformed(line, parsed.problem.message);
  };
  return {
    push(chunk) {
      const out: CdrItem[] = [];
      let from = 0;
      for (;;) {
        const nl = chunk.indexOf('\n', from);
        if (nl === -1) break;
        const text = rest + chunk.slice(from, nl);
        rest = '';
        from = nl + 1;
        if (skipping) {
          skipping = false;
          line += 1;
          continue;
        }
        const it = item(text);
        if (it !== undefined) out.push(it);
      }
      if (!skipping) rest += chunk.slice(from);
      if (rest.length > MAX_CDR_LINE_LENGTH) {
        out.push(malformed(line + 1, `the line is longer than ${MAX_CDR_LINE_LENGTH} characters`));
        rest = '';
        skipping = true;
      }
      return out;
    },
    end() {
      if (skipping || rest === '') return [];
      const it = item(rest);
      rest = '';
      return it === undefined ? [] : [it];
    },
  };
}

/**
 * A PBX's CSV: Asterisk's `Master.csv`, or FreeSWITCH's `mod_cdr_csv` one,
 * told apart by the first row (13 or 15 cells with times where FreeSWITCH
 * writes them; Asterisk writes 16 to 18).
 */
function asteriskReader(
  zone: ZoneResolver,
  warnings: ReturnType<typeof createWarningTally>,
): {
  push(chunk: string): CdrItem[];
  end(): CdrItem[];
  format(): 'asterisk-csv' | 'freeswitch-csv';
} {
  const csv: CsvReader = createCsvReader({
    maxRowLength: MAX_CDR_LINE_LENGTH,
    spacesBeforeQuote: true,
  });
  let first = true;
  let freeswitch = false;
  const items = (records: ReturnType<CsvReader['push']>): CdrItem[] => {
    const out: CdrItem[] = [];
    for (const row of records) {
      if (row.kind === 'malformed') {
        out.push(malformed(row.line, row.why));
        continue;
      }
      const isFirst = first;
      first = false;
      if (isFirst && isAsteriskHeader(row.cells)) continue;
      if (isFirst) freeswitch = looksLikeFreeswitch(row.cells);
      // A blank line carries no call.
      if (row.cells.length === 1 && row.cells[0] === '') continue;
      const read = freeswitch
        ? freeswitchRecord(row.cells, row.line, zone, warnings)
        : asteriskRecord(row.cells, row.line, zone, warnings);
      out.push(
        read.ok
          ? { kind: 'record', line: row.line, record: read.record }
          : malformed(row.line, read.why),
      );
    }
    return out;
  };
  return {
    push: (chunk) => items(csv.push(chunk)),
    end: () => items(csv.end()),
    format: () => (freeswitch ? 'freeswitch-csv' : 'asterisk-csv'),
  };
}
