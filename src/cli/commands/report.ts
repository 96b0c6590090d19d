/**
 * `account-codes report FILE --cdr CDR [--by code|category|trunk] [--from TIME]
 * [--to TIME] [--format table|csv|json] [--cdr-timezone ZONE] [--as-of TIME]`
 * (docs/rules.md#reports-and-post-call-tagging). The CDR streams through the reader and the summary a chunk at
 * a time, so its size does not matter. No rules live here.
 */
import { epochMs } from '../../reports/instant.js';
import { createZoneResolver, parseWallTime, type ZoneResolver } from '../../reports/local-time.js';
import { parseRateDeck, type RateDeck } from '../../reports/rate-deck.js';
import { type CdrReader, createCdrReader } from '../../reports/reader.js';
import {
  type CallReportBuilder,
  createCallReport,
  REPORT_GROUPINGS,
  type ReportGrouping,
} from '../../reports/summary.js';
import { type CliIo, EXIT, type ExitStatus } from '../io.js';
import { describeFsError, loadConfigFile, reportProblems } from '../load.js';
import {
  REPORT_FORMATS,
  type ReportFormat,
  reportCsv,
  reportJson,
  reportTable,
} from '../report-format.js';
import { usageError } from '../usage.js';

export interface ReportArguments {
  readonly cdr: string | undefined;
  readonly by: string | undefined;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly format: string | undefined;
  readonly cdrTimezone: string | undefined;
  readonly asOf: string | undefined;
  readonly rates?: string | undefined;
}

/** The options of `report`, for the dispatcher. */
export const REPORT_OPTIONS = {
  cdr: { type: 'string' },
  by: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  'cdr-timezone': { type: 'string' },
  'as-of': { type: 'string' },
  rates: { type: 'string' },
} as const;

/** The dispatcher's entry: option values in, exit status out. */
export function reportCommand(
  io: CliIo,
  [file]: readonly string[],
  values: Readonly<Record<string, unknown>>,
): Promise<ExitStatus> {
  const text = (name: keyof typeof REPORT_OPTIONS): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  return report(io, file as string, {
    cdr: text('cdr'),
    by: text('by'),
    from: text('from'),
    to: text('to'),
    format: text('format'),
    cdrTimezone: text('cdr-timezone'),
    asOf: text('as-of'),
    rates: text('rates'),
  });
}

/** Malformed lines listed before reading stops. */
const MAX_MALFORMED = 10;

export async function report(io: CliIo, file: string, args: ReportArguments): Promise<ExitStatus> {
  if (args.cdr === undefined) return usageError(io, 'missing --cdr CDR', 'report');
  const by = (args.by ?? 'code') as ReportGrouping;
  if (!REPORT_GROUPINGS.includes(by)) {
    return usageError(
      io,
      `--by must be one of ${REPORT_GROUPINGS.join(', ')}; got ${JSON.stringify(args.by)}`,
      'report',
    );
  }
  const format = (args.format ?? 'table') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    return usageError(
      io,
      `--format must be one of ${REPORT_FORMATS.join(', ')}; got ${JSON.stringify(args.format)}`,
      'report',
    );
  }
  const timezone = args.cdrTimezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = createZoneResolver(timezone);
  if (zone === undefined) {
    return usageError(
      io,
      `--cdr-timezone must be an IANA time zone such as America/New_York or UTC; got ${JSON.stringify(timezone)}`,
      'report',
    );
  }
  const times: Record<'from' | 'to' | 'asOf', number | undefined> = {
    from: undefined,
    to: undefined,
    asOf: undefined,
  };
  for (const [name, flag] of [
    ['from', '--from'],
    ['to', '--to'],
    ['asOf', '--as-of'],
  ] as const) {
    const text = args[name];
    if (text === undefined) continue;
    const ms = parseTime(text, zone);
    if (ms === undefined) {
      return usageError(
        io,
        `${flag} must be an ISO 8601 time such as 2026-11-01, 2026-11-01T09:00 (in the --cdr-timezone) or 2026-11-01T14:00:00Z; got ${JSON.stringify(text)}`,
        'report',
      );
    }
    times[name] = ms;
  }

  const loaded = loadConfigFile(io, file);
  if (!loaded.ok) {
    reportProblems(io, loaded.problems);
    return EXIT.invalid;
  }
  let rates: RateDeck | undefined;
  if (args.rates !== undefined) {
    let text: string;
    try {
      text = io.readFile(args.rates);
    } catch (error) {
      io.stderr(`account-codes: cannot read ${args.rates}: ${describeFsError(error)}`);
      return EXIT.invalid;
    }
    const deck = parseRateDeck(text);
    if (!deck.ok) {
      reportProblems(io, [
        `${args.rates} is not a rate deck; nothing was reported:`,
        ...deck.problems.map((p) => `  ${p.message} [${p.code}]`),
      ]);
      return EXIT.invalid;
    }
    rates = deck.deck;
  }
  // The CLI is the edge: the one place that reads the clock.
  const made = createCallReport(loaded.config, {
    by,
    ...(rates === undefined ? {} : { rates }),
    asOf: times.asOf ?? Date.now(),
    ...(times.from === undefined ? {} : { from: times.from }),
    ...(times.to === undefined ? {} : { to: times.to }),
  });
  const reader = createCdrReader({ timezone });
  if (!made.ok || !reader.ok) {
    io.stderr(
      `account-codes: ${made.ok ? (reader.ok ? '' : reader.problem.message) : made.problem.message}`,
    );
    return EXIT.invalid;
  }
  const read = await readCdr(io, args.cdr, reader.reader, made.builder);
  if (read.length > 0) {
    reportProblems(io, read);
    return EXIT.invalid;
  }
  const result = made.builder.result();
  const warnings = [...reader.reader.warnings(), ...result.warnings];
  for (const warning of warnings)
    io.stderr(`account-codes: warning: ${warning.message} [${warning.code}]`);
  const out = { ...result, warnings };
  switch (format) {
    case 'table':
      io.stdout(reportTable(out));
      break;
    case 'csv':
      // io.stdout ends the text with LF; every line before it ends in CRLF.
      io.stdout(reportCsv(out).slice(0, -1));
      break;
    case 'json':
      io.stdout(reportJson(out));
      break;
    default:
      return format satisfies never;
  }
  return EXIT.ok;
}

/** Streams the CDR into the report; the problems found (none when it read cleanly). */
async function readCdr(
  io: CliIo,
  path: string,
  reader: CdrReader,
  builder: CallReportBuilder,
): Promise<string[]> {
  const problems: string[] = [];
  const take = (items: ReturnType<typeof reader.push>): boolean => {
    for (const item of items) {
      const problem =
        item.kind === 'malformed' ? item.problem : builder.add(item.record, item.line);
      if (problem !== undefined) {
        problems.push(
          item.kind === 'malformed' ? problem.message : `line ${item.line}: ${problem.message}`,
        );
        if (problems.length >= MAX_MALFORMED) return false;
      }
    }
    return true;
  };
  try {
    const chunks = io.readFileChunks?.(path) ?? [io.readFile(path)];
    for await (const chunk of chunks) if (!take(reader.push(chunk))) break;
    if (problems.length < MAX_MALFORMED) take(reader.end());
  } catch (error) {
    return [`cannot read ${path}: ${describeFsError(error)}`];
  }
  if (problems.length === 0) return [];
  const stopped = problems.length >= MAX_MALFORMED ? `; stopped after ${MAX_MALFORMED}` : '';
  return [
    `${path} has malformed lines${stopped}; nothing was reported:`,
    ...problems.map((p) => `  ${p}`),
  ];
}

/** An instant with a zone, or a date or date-time without one, read in the CDR's zone. */
function parseTime(text: string, zone: ZoneResolver): number | undefined {
  const instant = epochMs(text);
  if (instant !== undefined) return instant;
  const wall = parseWallTime(text);
  if (wall === undefined) return undefined;
  return zone.resolve(wall).ms;
}
