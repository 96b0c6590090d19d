/**
 * One row of FreeSWITCH's `mod_cdr_csv` `Master.csv`
 * (docs/rules.md#reports-that-bill) as a {@link CdrRecord}, in either of the
 * two templates a stock install writes: the module's built-in `default`
 * (13 columns, used when no template is configured) and `example` (15
 * columns, what the stock `cdr_csv.conf.xml` sets as `default-template`).
 * Like Asterisk's, its times are local wall times without a zone.
 */
import { isCdrTime, type ZoneResolver } from './local-time.js';
import { badColumn, type PbxRowResult, pbxRow, pbxTimeColumns, readPbxTimes } from './pbx-row.js';
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
  hangupCause: 9,
  uuid: 10,
  accountcode: 12,
} as const;

const TIMES = /* @__PURE__ */ pbxTimeColumns(FREESWITCH_COLUMNS, [
  'start_stamp',
  'answer_stamp',
  'end_stamp',
  'duration',
  'billsec',
]);

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
): PbxRowResult {
  if (!FREESWITCH_COLUMN_COUNTS.includes(cells.length)) {
    return {
      ok: false,
      why: `a FreeSWITCH mod_cdr_csv row has 13 columns (the built-in default template: ${FREESWITCH_COLUMNS.slice(0, 13).join(', ')}) or 15 (the stock example template, adding read_codec, write_codec); this one has ${cells.length}`,
    };
  }
  const times = readPbxTimes(cells, TIMES, line, zone, warnings);
  if (!times.ok) return times;
  if ((cells[COLUMN.hangupCause] ?? '') === '') {
    return badColumn('hangup_cause', 'a hangup cause such as NORMAL_CLEARING', '');
  }
  const accountCode = cells[COLUMN.accountcode] ?? '';
  const caller = cells[COLUMN.callerIdNumber] ?? '';
  return pbxRow(
    cells[COLUMN.uuid] ?? '',
    times,
    times.answer !== '',
    null,
    cells[COLUMN.destinationNumber] ?? '',
    caller === '' ? null : caller,
    false,
    accountCode === '' ? null : accountCode,
  );
}

/** A first row of 13 or 15 cells whose `start_stamp` and `end_stamp` are times: a FreeSWITCH file. */
export function looksLikeFreeswitch(cells: readonly string[]): boolean {
  return (
    FREESWITCH_COLUMN_COUNTS.includes(cells.length) &&
    isCdrTime(cells[TIMES.start[0]] ?? '') &&
    isCdrTime(cells[TIMES.end[0]] ?? '')
  );
}
