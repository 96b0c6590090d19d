/**
 * One row of FreeSWITCH's `mod_cdr_csv` `Master.csv`
 * (docs/rules.md#reports-that-bill) as a {@link CdrRecord}, in either of the
 * two templates a stock install writes: the module's built-in `default`
 * (13 columns, used when no template is configured) and `example` (15
 * columns, what the stock `cdr_csv.conf.xml` sets as `default-template`).
 * Like Asterisk's, its times are local wall times without a zone.
 */
import { describeValue } from '../result.js';
import { localInstant, pbxRecord, wholeSeconds } from './asterisk.js';
import type { CdrRecord } from './cdr.js';
import { isCdrTime, type ZoneResolver } from './local-time.js';
import type { WarningTally } from './warnings.js';

/**
 * The built-in `default` template of mod_cdr_csv.c; `example` adds
 * `read_codec` and `write_codec`.
 */
export const FREESWITCH_COLUMNS: readonly string[] = [
  'caller_id_name',
  'caller_id_number',
  'destination_number',
  'context',
  'start_stamp',
  'answer_stamp',
  'end_stamp',
  'duration',
  'billsec',
  'hangup_cause',
  'uuid',
  'bleg_uuid',
  'accountcode',
  'read_codec',
  'write_codec',
];

/** Columns of the built-in `default` template and of the stock `example` one. */
export const FREESWITCH_COLUMN_COUNTS: readonly number[] = [13, 15];

const COLUMN = {
  callerIdNumber: 1,
  destinationNumber: 2,
  start: 4,
  answer: 5,
  end: 6,
  duration: 7,
  billsec: 8,
  hangupCause: 9,
  uuid: 10,
  accountcode: 12,
} as const;

/** {@link freeswitchRecord}'s answer. */
export type FreeswitchRowResult =
  | { readonly ok: true; readonly record: CdrRecord }
  | { readonly ok: false; readonly why: string };

/**
 * The record of one row. Answered when `answer_stamp` is set (FreeSWITCH
 * writes it only for an answered call); `end` is `start` plus `duration`.
 * The templates name no channel, so the trunk is not known (`null`).
 */
export function freeswitchRecord(
  cells: readonly string[],
  line: number,
  zone: ZoneResolver,
  warnings: WarningTally,
): FreeswitchRowResult {
  if (!FREESWITCH_COLUMN_COUNTS.includes(cells.length)) {
    return {
      ok: false,
      why: `a FreeSWITCH mod_cdr_csv row has 13 columns (the built-in default template: ${FREESWITCH_COLUMNS.slice(0, 13).join(', ')}) or 15 (the stock example template, adding read_codec, write_codec); this one has ${cells.length}`,
    };
  }
  const startText = cells[COLUMN.start] ?? '';
  const start = localInstant(startText, line, zone, warnings);
  if (start === undefined) return bad('start_stamp', 'a time "YYYY-MM-DD HH:MM:SS"', startText);
  const endText = cells[COLUMN.end] ?? '';
  if (!isCdrTime(endText)) return bad('end_stamp', 'a time "YYYY-MM-DD HH:MM:SS"', endText);
  const answer = cells[COLUMN.answer] ?? '';
  if (answer !== '' && !isCdrTime(answer)) {
    return bad('answer_stamp', 'a time "YYYY-MM-DD HH:MM:SS" or empty', answer);
  }
  const durationText = cells[COLUMN.duration] ?? '';
  const duration = wholeSeconds(durationText);
  if (duration < 0) return bad('duration', 'a whole number of seconds', durationText);
  const billsecText = cells[COLUMN.billsec] ?? '';
  const billsec = wholeSeconds(billsecText);
  if (billsec < 0) return bad('billsec', 'a whole number of seconds', billsecText);
  if ((cells[COLUMN.hangupCause] ?? '') === '') {
    return bad('hangup_cause', 'a hangup cause such as NORMAL_CLEARING', '');
  }
  const accountCode = cells[COLUMN.accountcode] ?? '';
  const caller = cells[COLUMN.callerIdNumber] ?? '';
  return {
    ok: true,
    record: pbxRecord(
      cells[COLUMN.uuid] ?? '',
      start,
      start + duration * 1000,
      answer !== '',
      billsec,
      null,
      cells[COLUMN.destinationNumber] ?? '',
      caller === '' ? null : caller,
      false,
      accountCode === '' ? null : accountCode,
    ),
  };
}

/** A first row of 13 or 15 cells whose `start_stamp` and `end_stamp` are times: a FreeSWITCH file. */
export function looksLikeFreeswitch(cells: readonly string[]): boolean {
  return (
    FREESWITCH_COLUMN_COUNTS.includes(cells.length) &&
    isCdrTime(cells[COLUMN.start] ?? '') &&
    isCdrTime(cells[COLUMN.end] ?? '')
  );
}

function bad(column: string, allowed: string, got: string): FreeswitchRowResult {
  return { ok: false, why: `column ${column} must be ${allowed}; got ${describeValue(got)}` };
}
