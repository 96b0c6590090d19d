/**
 * What the rows of a PBX's own CDR (Asterisk's `cdr_csv`, FreeSWITCH's
 * `mod_cdr_csv`) have in common: local wall times without a zone, whole
 * seconds, and the record they become (docs/rules.md#reports-and-post-call-tagging).
 */
import { describeValue } from '../result.js';
import type { CdrRecord } from './cdr.js';
import { isoOf } from './instant.js';
import { digitsAt, isCdrTime, parseCdrTime, type ZoneResolver } from './local-time.js';
import type { WarningTally } from './warnings.js';

/** A row's record, or why it could not be read: a sentence naming the column and what it allows. */
export type PbxRowResult =
  | { readonly ok: true; readonly record: CdrRecord }
  | { readonly ok: false; readonly why: string };

/** Where a PBX writes each time of a call: the cell's index and the column's name, for messages. */
export interface PbxTimeColumns {
  readonly start: readonly [number, string];
  readonly answer: readonly [number, string];
  readonly end: readonly [number, string];
  readonly duration: readonly [number, string];
  readonly billsec: readonly [number, string];
}

/** The {@link PbxTimeColumns} of a PBX's column list, by the names it gives its times. */
export function pbxTimeColumns(
  columns: readonly string[],
  [start, answer, end, duration, billsec]: readonly [string, string, string, string, string],
): PbxTimeColumns {
  const at = (name: string): readonly [number, string] => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`); // a programming error, met at load
    return [index, name];
  };
  return {
    start: at(start),
    answer: at(answer),
    end: at(end),
    duration: at(duration),
    billsec: at(billsec),
  };
}

/** A row's times, read and checked. */
export interface PbxTimes {
  readonly ok: true;
  /** Epoch ms of the start, in the row's zone. */
  readonly start: number;
  /** The answer time as written; empty when the call was not answered. */
  readonly answer: string;
  readonly duration: number;
  readonly billsec: number;
}

const TIME = 'a time "YYYY-MM-DD HH:MM:SS"';
const SECONDS = 'a whole number of seconds';

/** The times of a row: start (resolved in `zone`), answer, end, duration and billsec, each checked. */
export function readPbxTimes(
  cells: readonly string[],
  columns: PbxTimeColumns,
  line: number,
  zone: ZoneResolver,
  warnings: WarningTally,
): PbxTimes | { readonly ok: false; readonly why: string } {
  const startText = cells[columns.start[0]] ?? '';
  const start = localInstant(startText, line, zone, warnings);
  if (start === undefined) return badColumn(columns.start[1], TIME, startText);
  const end = cells[columns.end[0]] ?? '';
  if (!isCdrTime(end)) return badColumn(columns.end[1], TIME, end);
  const answer = cells[columns.answer[0]] ?? '';
  if (answer !== '' && !isCdrTime(answer)) {
    return badColumn(columns.answer[1], `${TIME} or empty`, answer);
  }
  const durationText = cells[columns.duration[0]] ?? '';
  const duration = wholeSeconds(durationText);
  if (duration < 0) return badColumn(columns.duration[1], SECONDS, durationText);
  const billsecText = cells[columns.billsec[0]] ?? '';
  const billsec = wholeSeconds(billsecText);
  if (billsec < 0) return badColumn(columns.billsec[1], SECONDS, billsecText);
  return { ok: true, start, answer, duration, billsec };
}

/** A row refused for one column: what it allows and what it held. */
export function badColumn(
  column: string,
  allowed: string,
  got: string,
): { readonly ok: false; readonly why: string } {
  return { ok: false, why: `column ${column} must be ${allowed}; got ${describeValue(got)}` };
}

/**
 * The record of a row of a PBX's own CDR: its account code as the PBX wrote
 * it (`gated: null`), or a locked-out gated call. Built as object literals of
 * one shape each (no spreads): a report builds millions of them.
 */
export function pbxRow(
  id: string,
  times: PbxTimes,
  answered: boolean,
  trunk: string | null,
  dialed: string,
  caller: string | null,
  lockedOut: boolean,
  accountCode: string | null,
): PbxRowResult {
  return {
    ok: true,
    record: pbxRecord(id, times, answered, trunk, dialed, caller, lockedOut, accountCode),
  };
}

function pbxRecord(
  id: string,
  times: PbxTimes,
  answered: boolean,
  trunk: string | null,
  dialed: string,
  caller: string | null,
  lockedOut: boolean,
  accountCode: string | null,
): CdrRecord {
  const start = isoOf(times.start);
  // `end` is `start` plus `duration` (the PBX's own arithmetic), so a call that spans a change of offset keeps its length.
  const end = isoOf(times.start + times.duration * 1000);
  const billableSeconds = times.billsec;
  const hasId = id !== '' && id.length <= 64;
  if (lockedOut) {
    const entry = {
      accountCode: null,
      validated: false,
      attempts: 0,
      outcome: 'locked-out',
    } as const;
    return hasId
      ? {
          callId: id,
          start,
          end,
          answered,
          billableSeconds,
          trunk,
          dialed,
          caller,
          gated: true,
          entry,
        }
      : { start, end, answered, billableSeconds, trunk, dialed, caller, gated: true, entry };
  }
  return hasId
    ? {
        callId: id,
        start,
        end,
        answered,
        billableSeconds,
        trunk,
        dialed,
        caller,
        gated: null,
        accountCode,
      }
    : { start, end, answered, billableSeconds, trunk, dialed, caller, gated: null, accountCode };
}

/** A whole number of seconds written in 1 to 12 ASCII digits, or -1. */
export function wholeSeconds(text: string): number {
  return text.length >= 1 && text.length <= 12 ? digitsAt(text, 0, text.length) : -1;
}

/** Epoch ms of a cdr_csv time in `zone`, noting a repeated or skipped local time; `undefined` if not a time. */
export function localInstant(
  text: string,
  line: number,
  zone: ZoneResolver,
  warnings: WarningTally,
): number | undefined {
  const wall = parseCdrTime(text);
  if (wall === undefined) return undefined;
  const resolved = zone.resolve(wall);
  if (resolved.kind !== 'unique') {
    const subject = `${text.slice(0, 13)}:xx ${zone.zone}`;
    warnings.note(
      resolved.kind === 'repeated' ? 'repeated-local-time' : 'skipped-local-time',
      subject,
      `UTC${formatOffset(resolved.offsetMinutes)}`,
      line,
    );
  }
  return resolved.ms;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
