/**
 * A generated Asterisk `Master.csv` for the report benchmarks: about 250
 * bytes a row, 18 quoted columns as cdr_csv writes them, nine account codes
 * (one empty, one a per-peer billing id), four trunks, one call every two
 * seconds from 1 November 2026 in New York (so the repeated hour is in it).
 */
import { createWriteStream } from 'node:fs';

const CODES = ['1234', '2001', '2002', '3100', '4242', '0420', '', 'acme-sip', '9999'];
const TRUNKS = ['hq', 'lab', 'legal', 'lobby'];
const START = Date.parse('2026-11-01T04:00:00Z');

/** A cdr_csv row in New York local time, quoted as cdr_csv quotes it. */
export function masterCsvRow(i: number): string {
  const start = new Date(START + i * 2_000);
  const local = start.toLocaleString('sv-SE', { timeZone: 'America/New_York' });
  const billsec = (i * 37) % 1_800;
  const answered = i % 7 !== 0;
  const trunk = TRUNKS[i % TRUNKS.length];
  const cells = [
    CODES[i % CODES.length],
    `2${String(i % 100).padStart(2, '0')}`,
    `9011442079${String(i % 1e6).padStart(6, '0')}`,
    `from-${trunk}`,
    `"Caller ${i % 100}, Esq." <2${String(i % 100).padStart(2, '0')}>`,
    `PJSIP/${trunk}-${(i % 0xffffffff).toString(16).padStart(8, '0')}`,
    'PJSIP/carrier-00000001',
    'Dial',
    'PJSIP/011442079460000@carrier,60,tT',
    local,
    answered ? local : '',
    local,
  ].map((c) => `"${(c as string).replaceAll('"', '""')}"`);
  const tail = [answered ? 'ANSWERED' : 'NO ANSWER', 'BILLING', `${1793505600 + i}.${i}`, ''].map(
    (c) => `"${c}"`,
  );
  return [...cells, String(billsec + 5), String(answered ? billsec : 0), ...tail].join(',');
}

/** Writes `rows` rows of {@link masterCsvRow} to `path`. */
export async function writeMasterCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    batch.push(masterCsvRow(i));
    if (batch.length === 10_000 || i === rows - 1) {
      if (!out.write(`${batch.join('\n')}\n`))
        await new Promise<void>((r) => out.once('drain', () => r()));
      batch.length = 0;
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}
