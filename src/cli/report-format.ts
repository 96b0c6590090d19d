/**
 * The three forms of a report (docs/rules.md#reports-and-post-call-tagging): aligned text for a person, RFC 4180
 * CSV for a spreadsheet (safe against formula injection), and JSON.
 */
import type { CallReport, ReportCounts, ReportRow } from '../reports/summary.js';

export type ReportFormat = 'table' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'csv', 'json'];

/** `--format json`: `{ rows: [{ key, name, … }], total, … }`, key and name first. */
export function reportJson(report: CallReport): string {
  return JSON.stringify(
    {
      rows: report.rows.map((row) => ({
        key: row.key,
        name: row.name,
        calls: row.calls,
        answered: row.answered,
        billableSeconds: row.billableSeconds,
        ...(row.cost === undefined ? {} : { cost: row.cost }),
        kind: row.kind,
        ...(row.code === undefined ? {} : { code: row.code }),
      })),
      total: report.total,
      by: report.by,
      asOf: report.asOf,
      from: report.from,
      to: report.to,
      outsideRange: report.outsideRange,
      repeated: report.repeated,
      warnings: report.warnings,
    },
    null,
    2,
  );
}

const KEY_HEADING = { code: 'code', category: 'category', trunk: 'trunk' } as const;

/**
 * `--format csv`: a header row, one row per report row, then the total (kind
 * `total`). Lines end in CRLF, as RFC 4180 says.
 */
export function reportCsv(report: CallReport): string {
  const byCategory = report.by === 'category';
  const priced = report.total.cost !== undefined;
  const header = [
    KEY_HEADING[report.by],
    ...(byCategory ? ['code'] : []),
    'name',
    'kind',
    'calls',
    'answered',
    'billableSeconds',
    ...(priced ? ['cost'] : []),
  ];
  const line = (texts: readonly (string | null)[], counts: readonly string[]): string =>
    [...texts.map((t) => csvText(t ?? '')), ...counts].join(',');
  const counts = (r: ReportCounts) => [
    String(r.calls),
    String(r.answered),
    String(r.billableSeconds),
    ...(priced ? [r.cost ?? ''] : []),
  ];
  const lines = [
    header.join(','),
    ...report.rows.map((row) =>
      line([row.key, ...(byCategory ? [row.code ?? null] : []), row.name, row.kind], counts(row)),
    ),
    line(['', ...(byCategory ? [''] : []), '', 'total'], counts(report.total)),
  ];
  return lines.map((l) => `${l}\r\n`).join('');
}

/**
 * One text cell. A cell a spreadsheet would run as a formula (docs/rules.md#reports-and-post-call-tagging: it
 * starts with `=`, `+`, `-` or `@`; OWASP adds tab and carriage return, which
 * some spreadsheets skip before looking for one) gets a leading `'`; then
 * RFC 4180 quoting when it holds a quote, comma or line break.
 */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const KIND_LABEL = {
  tagged: '',
  untagged: '(untagged)',
  'locked-out': '(locked out)',
  unattended: '(unattended)',
  unrated: '(unrated)',
} as const;

/** `--format table`: aligned columns, a rule, and the total. */
export function reportTable(report: CallReport): string {
  const byCategory = report.by === 'category';
  const priced = report.total.cost !== undefined;
  const title = `Calls by ${report.by === 'code' ? 'account code' : byCategory ? 'account code and call category' : 'trunk'}`;
  const range =
    report.from === null && report.to === null
      ? 'all calls'
      : `calls from ${report.from ?? 'the start'} to ${report.to ?? 'the end'}`;
  const label = (row: ReportRow): string => {
    const kind = KIND_LABEL[row.kind];
    if (report.by === 'code' && row.kind !== 'unrated') return kind || printable(row.key ?? '');
    if (row.key === null && report.by === 'code') return kind;
    const key = printable(row.key ?? '(none)');
    return kind === '' ? key : `${key} ${kind}`;
  };
  const heading = [
    byCategory ? 'category' : KEY_HEADING[report.by],
    ...(byCategory ? ['code'] : []),
    ...(report.by === 'trunk' ? [] : ['name']),
    'calls',
    'answered',
    'billable s',
    'h:mm:ss',
    ...(priced ? ['cost'] : []),
  ];
  const numbers = (r: ReportCounts) => [
    String(r.calls),
    String(r.answered),
    String(r.billableSeconds),
    clock(r.billableSeconds),
    ...(priced ? [r.cost ?? 'unrated'] : []),
  ];
  const body = report.rows.map((row) => [
    label(row),
    ...(byCategory ? [row.code ?? ''] : []),
    ...(report.by === 'trunk' ? [] : [printable(row.name ?? '')]),
    ...numbers(row),
  ]);
  const textColumns = heading.length - (priced ? 5 : 4);
  const total = [
    'total',
    ...Array.from({ length: textColumns - 1 }, () => ''),
    ...numbers(report.total),
  ];
  const all = [heading, ...body, total];
  const widths = heading.map((_, i) => Math.max(...all.map((cells) => (cells[i] ?? '').length)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < textColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  '); // the last column is a number, padded at its start: no trailing spaces
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    `${title}, ${range}, as of ${report.asOf}`,
    '',
    render(heading),
    rule,
    ...body.map(render),
    rule,
    render(total),
  ].join('\n');
}

/** Seconds as hours:minutes:seconds, `0:05:07`. */
function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** A name or key on one line of a terminal: control characters become spaces. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
