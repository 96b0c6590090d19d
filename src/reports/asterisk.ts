/**
 * One row of Asterisk's `cdr_csv` `Master.csv` (docs/rules.md#reports-and-post-call-tagging), in its default
 * column order, as a {@link CdrRecord}. Its times carry no zone: they are
 * read in the zone given (`--cdr-timezone`).
 */
import { describeValue } from '../result.js';
import type { CdrRecord } from './cdr.js';
import { isoOf } from './instant.js';
import { digitsAt, isCdrTime, parseCdrTime, type ZoneResolver } from './local-time.js';
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

/** The `userfield` that an integration writes on a call the lockout ledger refused (docs/rules.md#lockout). */
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
  const startText = cells[COLUMN.start] ?? '';
  const start = localInstant(startText, line, zone, warnings);
  if (start === undefined) return bad('start', 'a time "YYYY-MM-DD HH:MM:SS"', startText);
  const endText = cells[COLUMN.end] ?? '';
  if (!isCdrTime(endText)) {
    return bad('end', 'a time "YYYY-MM-DD HH:MM:SS"', endText);
  }
  const answer = cells[COLUMN.answer] ?? '';
  if (answer !== '' && !isCdrTime(answer)) {
    return bad('answer', 'a time "YYYY-MM-DD HH:MM:SS" or empty', answer);
  }
  const durationText = cells[COLUMN.duration] ?? '';
  const duration = wholeSeconds(durationText);
  if (duration < 0) return bad('duration', 'a whole number of seconds', durationText);
  const billsecText = cells[COLUMN.billsec] ?? '';
  const billsec = wholeSeconds(billsecText);
  if (billsec < 0) return bad('billsec', 'a whole number of seconds', billsecText);
  const disposition = cells[COLUMN.disposition] ?? '';
  if (disposition === '') return bad('disposition', 'a disposition such as ANSWERED', '');

  const accountCode = cells[COLUMN.accountcode] ?? '';
  const src = cells[COLUMN.src] ?? '';
  return {
    ok: true,
    record: pbxRecord(
      cells[COLUMN.uniqueid] ?? '',
      start,
      start + duration * 1000,
      disposition === 'ANSWERED',
      billsec,
      channelPeer(cells[COLUMN.channel] ?? ''),
      cells[COLUMN.dst] ?? '',
      src === '' ? null : src,
      (cells[COLUMN.userfield] ?? '') === LOCKED_OUT_USERFIELD,
      accountCode === '' ? null : accountCode,
    ),
  };
}

/**
 * The record of a row of a PBX's own CDR: its account code as the PBX wrote
 * it (`gated: null`), or a locked-out gated call. Built as object literals of
 * one shape each (no spreads): a report builds millions of them.
 */
export function pbxRecord(
  id: string,
  startMs: number,
  endMs: number,
  answered: boolean,
  billableSeconds: number,
  trunk: string | null,
  dialed: string,
  caller: string | null,
  lockedOut: boolean,
  accountCode: string | null,
): CdrRecord {
  const start = isoOf(startMs);
  const end = isoOf(endMs);
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

/**
 * The peer of a channel name, which is the trunk id: `PJSIP/hq-0000001a` →
 * `hq`, `SIP/lab-00000002;2` → `lab` (technology, `/`, peer, `-`, eight hex
 * digits, an optional `;n`); `null` for a channel of another form.
 */
export function channelPeer(channel: string): string | null {
  const slash = channel.indexOf('/');
  if (slash < 1) return null;
  for (let i = 0; i < slash; i++) {
    const c = channel.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!alnum) return null;
  }
  let end = channel.length;
  const semicolon = channel.lastIndexOf(';');
  if (semicolon > slash && semicolon < end - 1 && digitsOnly(channel, semicolon + 1, end)) {
    end = semicolon;
  }
  const dash = end - 9;
  if (dash <= slash + 1 || channel.charCodeAt(dash) !== 0x2d) return null;
  for (let i = dash + 1; i < end; i++) {
    const c = channel.charCodeAt(i) | 0x20; // lower case
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return null;
  }
  const peer = channel.slice(slash + 1, dash);
  // The pattern this replaces read the peer with `.`, which stops at a line break.
  return /[\n\r\u2028\u2029]/.test(peer) ? null : peer;
}

function digitsOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function bad(column: string, allowed: string, got: string): AsteriskRowResult {
  return { ok: false, why: `column ${column} must be ${allowed}; got ${describeValue(got)}` };
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
