/**
 * One row of Asterisk's `cdr_csv` `Master.csv` (SPEC §10), in its default
 * column order, as a {@link CdrRecord}. Its times carry no zone: they are
 * read in the zone given (`--cdr-timezone`).
 */
import { describeValue } from '../result.js';
import type { CdrRecord } from './cdr.js';
import { isoOf } from './instant.js';
import { parseWallTime, type ZoneResolver } from './local-time.js';
import type { WarningTally } from './warnings.js';

/** The default columns of `cdr_csv`; `uniqueid` and `userfield` are written only when configured. */
export const ASTERISK_COLUMNS: readonly string[] = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'uniqueid',
  'userfield',
];

const MIN_COLUMNS = 16;
/** The index of each column read, in {@link ASTERISK_COLUMNS}. */
const COLUMN = {
  accountcode: 0,
  src: 1,
  dst: 2,
  channel: 5,
  start: 9,
  answer: 10,
  end: 11,
  duration: 12,
  billsec: 13,
  disposition: 14,
  uniqueid: 16,
  userfield: 17,
} as const;

/** `2026-11-01 01:30:00`, as cdr_csv writes it (`%Y-%m-%d %T`). */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const SECONDS = /^\d{1,12}$/;
/** `PJSIP/hq-0000001a`, `SIP/lab-00000002`: the technology, the peer (our trunk id), a channel number. */
const CHANNEL = /^[A-Za-z0-9]+\/(.+)-[0-9a-fA-F]{8}(?:;\d+)?$/;

/** The `userfield` that an integration writes on a call the lockout ledger refused (SPEC §9). */
export const LOCKED_OUT_USERFIELD = 'locked-out';

/** Why a row could not be read: a sentence naming the column and what it allows. */
export type AsteriskRowResult =
  | { readonly ok: true; readonly record: CdrRecord }
  | { readonly ok: false; readonly why: string };

/** The first row is a header (some exports write one): `accountcode` in the first cell. */
export function isAsteriskHeader(cells: readonly string[]): boolean {
  return (
    cells[0]?.trim().toLowerCase() === 'accountcode' &&
    cells[13]?.trim().toLowerCase() === 'billsec'
  );
}

/**
 * The record of one row. `end` is `start` plus `duration` (Asterisk's own
 * arithmetic), so a call that spans a change of offset keeps its length.
 */
export function asteriskRecord(
  cells: readonly string[],
  line: number,
  zone: ZoneResolver,
  warnings: WarningTally,
): AsteriskRowResult {
  if (cells.length < MIN_COLUMNS || cells.length > ASTERISK_COLUMNS.length) {
    return {
      ok: false,
      why: `a Master.csv row has ${MIN_COLUMNS} to ${ASTERISK_COLUMNS.length} columns (${ASTERISK_COLUMNS.join(', ')}); this one has ${cells.length}`,
    };
  }
  const cell = (name: keyof typeof COLUMN): string => cells[COLUMN[name]] ?? '';
  const start = localInstant(cell('start'), line, zone, warnings);
  if (start === undefined) return bad('start', 'a time "YYYY-MM-DD HH:MM:SS"', cell('start'));
  if (!isCdrTime(cell('end'))) return bad('end', 'a time "YYYY-MM-DD HH:MM:SS"', cell('end'));
  const answer = cell('answer');
  if (answer !== '' && !isCdrTime(answer)) {
    return bad('answer', 'a time "YYYY-MM-DD HH:MM:SS" or empty', answer);
  }
  const duration = cell('duration');
  if (!SECONDS.test(duration)) return bad('duration', 'a whole number of seconds', duration);
  const billsec = cell('billsec');
  if (!SECONDS.test(billsec)) return bad('billsec', 'a whole number of seconds', billsec);
  if (cell('disposition') === '') return bad('disposition', 'a disposition such as ANSWERED', '');

  const uniqueid = cell('uniqueid');
  const channel = CHANNEL.exec(cell('channel'));
  const base = {
    ...(uniqueid !== '' && uniqueid.length <= 64 ? { callId: uniqueid } : {}),
    start: isoOf(start),
    end: isoOf(start + Number(duration) * 1000),
    answered: cell('disposition') === 'ANSWERED',
    billableSeconds: Number(billsec),
    trunk: channel?.[1] ?? null,
    dialed: cell('dst'),
    caller: cell('src') === '' ? null : cell('src'),
  };
  const record: CdrRecord =
    cell('userfield') === LOCKED_OUT_USERFIELD
      ? {
          ...base,
          gated: true,
          entry: { accountCode: null, validated: false, attempts: 0, outcome: 'locked-out' },
        }
      : {
          ...base,
          gated: null,
          accountCode: cell('accountcode') === '' ? null : cell('accountcode'),
        };
  return { ok: true, record };
}

function isCdrTime(text: string): boolean {
  return LOCAL_TIME.test(text) && parseWallTime(text) !== undefined;
}

function bad(column: string, allowed: string, got: string): AsteriskRowResult {
  return { ok: false, why: `column ${column} must be ${allowed}; got ${describeValue(got)}` };
}

/** Epoch ms of a cdr_csv time in `zone`, noting a repeated or skipped local time; `undefined` if not a time. */
function localInstant(
  text: string,
  line: number,
  zone: ZoneResolver,
  warnings: WarningTally,
): number | undefined {
  const wall = LOCAL_TIME.test(text) ? parseWallTime(text) : undefined;
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
