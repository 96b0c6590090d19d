/**
 * One row of Asterisk's `cdr_csv` `Master.csv` (docs/rules.md#reports-and-post-call-tagging), in its default
 * column order, as a {@link CdrRecord}. Its times carry no zone: they are
 * read in the zone given (`--cdr-timezone`).
 */
import type { ZoneResolver } from './local-time.js';
import { badColumn, type PbxRowResult, pbxRow, pbxTimeColumns, readPbxTimes } from './pbx-row.js';
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
  disposition: 14,
  uniqueid: 16,
  userfield: 17,
} as const;

const TIMES = /* @__PURE__ */ pbxTimeColumns(ASTERISK_COLUMNS, [
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
]);

/** The `userfield` that an integration writes on a call the lockout ledger refused (docs/rules.md#lockout). */
export const LOCKED_OUT_USERFIELD = 'locked-out';

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
): PbxRowResult {
  if (cells.length < MIN_COLUMNS || cells.length > ASTERISK_COLUMNS.length) {
    return {
      ok: false,
      why: `a Master.csv row has ${MIN_COLUMNS} to ${ASTERISK_COLUMNS.length} columns (${ASTERISK_COLUMNS.join(', ')}); this one has ${cells.length}`,
    };
  }
  const times = readPbxTimes(cells, TIMES, line, zone, warnings);
  if (!times.ok) return times;
  const disposition = cells[COLUMN.disposition] ?? '';
  if (disposition === '') return badColumn('disposition', 'a disposition such as ANSWERED', '');

  const accountCode = cells[COLUMN.accountcode] ?? '';
  const src = cells[COLUMN.src] ?? '';
  return pbxRow(
    cells[COLUMN.uniqueid] ?? '',
    times,
    disposition === 'ANSWERED',
    channelPeer(cells[COLUMN.channel] ?? ''),
    cells[COLUMN.dst] ?? '',
    src === '' ? null : src,
    (cells[COLUMN.userfield] ?? '') === LOCKED_OUT_USERFIELD,
    accountCode === '' ? null : accountCode,
  );
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
