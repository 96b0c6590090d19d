/**
 * The CDR reader at its edges (docs/rules.md#reports-and-post-call-tagging): over-long JSON lines, blank and
 * one-cell rows, header rows, every Master.csv column it checks, and the
 * warnings of times in zones whose offsets are not whole hours.
 */
import { describe, expect, it } from 'vitest';
import { type CdrItem, createCdrReader, MAX_CDR_LINE_LENGTH } from '../../src/index.js';

function reader(timezone = 'America/New_York') {
  const made = createCdrReader({ timezone });
  if (!made.ok) throw new Error(made.problem.message);
  return made.reader;
}

/** Every item of `chunks`, fed one after the other. */
function read(chunks: readonly string[], timezone?: string) {
  const r = reader(timezone);
  const items: CdrItem[] = [];
  for (const chunk of chunks) items.push(...r.push(chunk));
  items.push(...r.end());
  return { items, warnings: r.warnings(), format: r.format() };
}

const shape = (items: readonly CdrItem[]) =>
  items.map((i) =>
    i.kind === 'record' ? ['record', i.line] : ['malformed', i.line, i.problem.message],
  );

const json = JSON.stringify({
  start: '2026-11-02T14:05:10Z',
  end: '2026-11-02T14:10:10Z',
  answered: true,
  billableSeconds: 295,
  trunk: 'hq',
  dialed: '9011442079460000',
  caller: '201',
  gated: null,
  accountCode: '1234',
});

/** A record line of exactly `length` characters, padded in a field of its own. */
const jsonOfLength = (length: number): string => {
  const line = `${json.slice(0, -1)},"pad":""}`;
  return `${line.slice(0, -2)}${'x'.repeat(length - line.length)}"}`;
};

describe('JSON lines at their edges', () => {
  it('takes a line of exactly MAX_CDR_LINE_LENGTH characters', () => {
    const long = jsonOfLength(MAX_CDR_LINE_LENGTH);
    expect(long).toHaveLength(MAX_CDR_LINE_LENGTH);
    expect(shape(read([long, '\n', json]).items)).toEqual([
      ['record', 1],
      ['record', 2],
    ]);
  });

  it('reports a longer line once, with its number, skips the rest of it and goes on', () => {
    const long = jsonOfLength(MAX_CDR_LINE_LENGTH + 10);
    const half = MAX_CDR_LINE_LENGTH / 2 + 5;
    const got = read([
      `${json}\n`,
      long.slice(0, half),
      long.slice(half, 2 * half - 3),
      `${long.slice(2 * half - 3)}\n${json}\n`,
      `${json}\n`,
    ]);
    expect(shape(got.items)).toEqual([
      ['record', 1],
      ['malformed', 2, `line 2: the line is longer than ${MAX_CDR_LINE_LENGTH} characters`],
      ['record', 3],
      ['record', 4],
    ]);
    expect(got.items[1]).toMatchObject({ problem: { code: 'malformed-cdr-line', path: [] } });
  });

  it('skips every chunk of an over-long line to its end, however long, reporting it once', () => {
    const part = 'x'.repeat(600_000);
    const got = read([`${json}\n{"a":"`, part, part, part, part, `"}\n${json}`]);
    expect(shape(got.items)).toEqual([
      ['record', 1],
      ['malformed', 2, `line 2: the line is longer than ${MAX_CDR_LINE_LENGTH} characters`],
      ['record', 3],
    ]);
  });

  it('quotes JSON.parse’s own reason for a line that is not JSON', () => {
    let reason = '';
    try {
      JSON.parse('{"start": ');
    } catch (error) {
      reason = (error as Error).message;
    }
    const [, bad] = read([`${json}\n{"start": \n`]).items;
    expect(bad?.kind === 'malformed' && bad.problem.message).toBe(`line 2: not JSON (${reason})`);
  });

  it('reports an over-long last line without a line break once, and nothing more at the end', () => {
    const long = jsonOfLength(MAX_CDR_LINE_LENGTH + 1);
    expect(shape(read([`${json}\n`, long]).items)).toEqual([
      ['record', 1],
      ['malformed', 2, `line 2: the line is longer than ${MAX_CDR_LINE_LENGTH} characters`],
    ]);
  });

  it('ends without an item when the last line holds only spaces', () => {
    const r = reader();
    expect(shape(r.push(`${json}\n  \t`))).toEqual([['record', 1]]);
    expect(r.end()).toEqual([]);
  });

  it('skips a byte-order mark on the first line only', () => {
    const got = read([`\uFEFF${json}\n\uFEFF${json}\n`]);
    expect(got.items.map((i) => [i.kind, i.line])).toEqual([
      ['record', 1],
      ['malformed', 2],
    ]);
  });

  it('quotes a CRLF line that is not JSON without its carriage return', () => {
    const [, bad] = read([`${json}\r\nnope\r\n`]).items;
    expect(bad?.kind === 'malformed' && bad.problem.message).toMatch(/^line 2: not JSON \(/);
    expect(bad?.kind === 'malformed' && bad.problem.message).not.toContain('\r');
  });

  it('reads nothing from a chunk that is not a string, and still recognises the format after it', () => {
    const r = reader();
    expect(r.push(42 as never)).toEqual([]);
    expect(r.push(undefined as never)).toEqual([]);
    expect(r.format()).toBeUndefined();
    expect(shape(r.push(`${json}\n`))).toEqual([['record', 1]]);
    expect(r.format()).toBe('json-lines');
  });

  it('recognises the format across chunks of spaces before the first character', () => {
    const got = read(['  ', '\n', ' ', `${json}\n`]);
    expect(got.format).toBe('json-lines');
    expect(shape(got.items)).toEqual([['record', 2]]);
  });

  it('ends with nothing when nothing was read', () => {
    const r = reader();
    expect(r.end()).toEqual([]);
    expect(r.warnings()).toEqual([]);
  });
});

/** A Master.csv row in cdr_csv's own quoting: strings quoted, duration and billsec bare. */
function row(fields: Partial<Record<string, string>> = {}): string {
  const f = {
    accountcode: '1234',
    src: '201',
    dst: '9011442079460000',
    dcontext: 'from-hq',
    clid: '"Jane Doe" <201>',
    channel: 'PJSIP/hq-00000001',
    dstchannel: 'PJSIP/carrier-00000002',
    lastapp: 'Dial',
    lastdata: 'PJSIP/011442079460000@carrier,60,tT',
    start: '2026-11-02 09:15:03',
    answer: '2026-11-02 09:15:11',
    end: '2026-11-02 09:36:01',
    duration: '1258',
    billsec: '1250',
    disposition: 'ANSWERED',
    amaflags: 'BILLING',
    uniqueid: '1793632503.1',
    userfield: '',
    ...fields,
  };
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return Object.entries(f)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) =>
      name === 'duration' || name === 'billsec' ? value : q(value as string),
    )
    .join(',');
}

function csvRecords(text: string, timezone?: string) {
  return read([text], timezone).items.map((item) => {
    if (item.kind !== 'record') throw new Error(item.problem.message);
    return item.record;
  });
}

const COLUMNS =
  'accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags, uniqueid, userfield';

describe('Master.csv at its edges', () => {
  it('skips blank lines between rows, and reports a row of one cell', () => {
    expect(shape(read([`${row()}\n\n${row()}\n`]).items)).toEqual([
      ['record', 1],
      ['record', 3],
    ]);
    expect(shape(read([`${row()}\n"1234"\n`]).items)).toEqual([
      ['record', 1],
      [
        'malformed',
        2,
        `line 2: a Master.csv row has 16 to 18 columns (${COLUMNS}); this one has 1`,
      ],
    ]);
  });

  it('takes 16, 17 and 18 columns, and refuses 15 and 19', () => {
    const eighteen = row();
    const seventeen = row({ userfield: undefined });
    const sixteen = row({ uniqueid: undefined, userfield: undefined });
    expect(csvRecords([sixteen, seventeen, eighteen].join('\n')).map((r) => r.callId)).toEqual([
      undefined,
      '1793632503.1',
      '1793632503.1',
    ]);
    const fifteen = row({ amaflags: undefined, uniqueid: undefined, userfield: undefined });
    const nineteen = `${eighteen},"extra"`;
    expect(shape(read([`${fifteen}\n${nineteen}\n`]).items)).toEqual([
      [
        'malformed',
        1,
        `line 1: a Master.csv row has 16 to 18 columns (${COLUMNS}); this one has 15`,
      ],
      [
        'malformed',
        2,
        `line 2: a Master.csv row has 16 to 18 columns (${COLUMNS}); this one has 19`,
      ],
    ]);
  });

  it.each([
    [
      'an end that is not a time',
      { end: '2026-11-02 9:36:01' },
      'column end must be a time "YYYY-MM-DD HH:MM:SS"; got "2026-11-02 9:36:01"',
    ],
    [
      'an end on a day that does not exist',
      { end: '2026-02-30 09:36:01' },
      'column end must be a time "YYYY-MM-DD HH:MM:SS"; got "2026-02-30 09:36:01"',
    ],
    [
      'an answer that is not a time',
      { answer: 'soon' },
      'column answer must be a time "YYYY-MM-DD HH:MM:SS" or empty; got "soon"',
    ],
    [
      'an answer at hour 24',
      { answer: '2026-11-02 24:00:00' },
      'column answer must be a time "YYYY-MM-DD HH:MM:SS" or empty; got "2026-11-02 24:00:00"',
    ],
    [
      'a duration that is not a number',
      { duration: '1258.5' },
      'column duration must be a whole number of seconds; got "1258.5"',
    ],
    [
      'a duration of 13 digits',
      { duration: '1234567890123' },
      'column duration must be a whole number of seconds; got "1234567890123"',
    ],
    [
      'an empty billsec',
      { billsec: '' },
      'column billsec must be a whole number of seconds; got ""',
    ],
    [
      'a start with a T',
      { start: '2026-11-02T09:15:03' },
      'column start must be a time "YYYY-MM-DD HH:MM:SS"; got "2026-11-02T09:15:03"',
    ],
    [
      'a start without seconds',
      { start: '2026-11-02 09:15' },
      'column start must be a time "YYYY-MM-DD HH:MM:SS"; got "2026-11-02 09:15"',
    ],
    [
      'an empty disposition',
      { disposition: '' },
      'column disposition must be a disposition such as ANSWERED; got ""',
    ],
  ])('reports %s, naming the column and what it allows', (_, fields, why) => {
    expect(shape(read([row(fields)]).items)).toEqual([['malformed', 1, `line 1: ${why}`]]);
  });

  it('warns of nothing for a time that occurs once in its zone', () => {
    const got = read([`${row()}\n${row({ start: '2026-07-01 12:00:00' })}\n`], 'America/New_York');
    expect(got.items.map((i) => i.kind)).toEqual(['record', 'record']);
    expect(got.warnings).toEqual([]);
  });

  it('takes an empty answer (a call never answered) and 12-digit durations', () => {
    const [r] = csvRecords(
      row({ answer: '', disposition: 'NO ANSWER', duration: '000000000060', billsec: '0' }),
      'UTC',
    );
    expect(r).toMatchObject({
      start: '2026-11-02T09:15:03.000Z',
      end: '2026-11-02T09:16:03.000Z',
      answered: false,
      billableSeconds: 0,
    });
  });

  it('keeps a uniqueid of up to 64 characters as the call id, and drops a longer one', () => {
    const got = csvRecords(
      [
        row({ uniqueid: 'u'.repeat(64) }),
        row({ uniqueid: 'u'.repeat(65) }),
        row({ uniqueid: '' }),
      ].join('\n'),
    );
    expect(got.map((r) => r.callId)).toEqual(['u'.repeat(64), undefined, undefined]);
    expect(got.map((r) => Object.hasOwn(r, 'callId'))).toEqual([true, false, false]);
  });

  it('reads the trunk from channels with a sub-channel suffix, and none from other forms', () => {
    const got = csvRecords(
      [
        'Local/hq-0000abcd;2',
        'PJSIP/my-trunk-0000ABCD',
        'PJSIP/hq-0000001',
        'PJSIP/hq-0000001g',
        '/hq-00000001',
        'PJSIP/-00000001',
      ]
        .map((channel) => row({ channel }))
        .join('\n'),
    );
    expect(got.map((r) => r.trunk)).toEqual(['hq', 'my-trunk', null, null, null, null]);
  });

  it('reads a locked-out userfield as a gated call with no code, whatever its accountcode', () => {
    const [r] = csvRecords(row({ userfield: 'locked-out', accountcode: '1234', src: '' }));
    expect(r).toEqual({
      callId: '1793632503.1',
      start: '2026-11-02T14:15:03.000Z',
      end: '2026-11-02T14:36:01.000Z',
      answered: true,
      billableSeconds: 1250,
      trunk: 'hq',
      dialed: '9011442079460000',
      caller: null,
      gated: true,
      entry: { accountCode: null, validated: false, attempts: 0, outcome: 'locked-out' },
    });
    // Any other userfield is the integrator's own.
    expect(csvRecords(row({ userfield: 'Locked-Out' }))[0]).toMatchObject({
      gated: null,
      accountCode: '1234',
    });
  });

  it('skips a header only on the first row, whatever its case and spaces', () => {
    const header = COLUMNS.split(', ')
      .map((c) => (c === 'accountcode' ? ' AccountCode ' : c === 'billsec' ? 'BILLSEC ' : c))
      .join(',');
    expect(shape(read([`${header}\n${row()}\n`]).items)).toEqual([['record', 2]]);
    const got = read([`${row()}\n${header}\n`]).items;
    expect(got.map((i) => [i.kind, i.line])).toEqual([
      ['record', 1],
      ['malformed', 2],
    ]);
    expect(got[1]?.kind === 'malformed' && got[1].problem.message).toMatch(/^line 2: column start/);
  });

  it('reads a first row of one accountcode cell as a row, not a header', () => {
    expect(shape(read(['accountcode\n']).items)).toEqual([
      [
        'malformed',
        1,
        `line 1: a Master.csv row has 16 to 18 columns (${COLUMNS}); this one has 1`,
      ],
    ]);
  });

  it.each([
    ['end', { end: '2026-11-02T09:36:01' }, 'a time "YYYY-MM-DD HH:MM:SS"'],
    ['end', { end: '2026-11-02' }, 'a time "YYYY-MM-DD HH:MM:SS"'],
    ['answer', { answer: '2026-11-02 09:15' }, 'a time "YYYY-MM-DD HH:MM:SS" or empty'],
  ])('refuses a %s column in another form of date and time: %j', (column, fields, allowed) => {
    const value = Object.values(fields)[0];
    expect(shape(read([row(fields)]).items)).toEqual([
      ['malformed', 1, `line 1: column ${column} must be ${allowed}; got "${value}"`],
    ]);
  });

  it('reads a first row with accountcode first but no billsec column as a row', () => {
    const notHeader = COLUMNS.split(', ')
      .map((c) => (c === 'billsec' ? 'seconds' : c))
      .join(',');
    const got = read([`${notHeader}\n${row()}\n`]).items;
    expect(got.map((i) => [i.kind, i.line])).toEqual([
      ['malformed', 1],
      ['record', 2],
    ]);
  });

  it('reports broken quoting with the reader’s reason and goes on', () => {
    expect(shape(read([`"1234"x\n${row()}`]).items)).toEqual([
      ['malformed', 1, 'line 1: text follows a closing quote'],
      ['record', 2],
    ]);
  });

  it('refuses a zone that is not a string, naming it', () => {
    for (const timezone of [undefined, 5, 'Nowhere/Land']) {
      const made = createCdrReader({ timezone } as never);
      expect(made).toEqual({
        ok: false,
        problem: {
          code: 'unknown-time-zone',
          path: ['timezone'],
          message: `timezone must be an IANA time zone such as "America/New_York" or "UTC"; got ${JSON.stringify(timezone)}`,
        },
      });
    }
    expect(createCdrReader(undefined as never).ok).toBe(false);
  });
});

describe('warnings of local times in zones with half-hour offsets', () => {
  it('names the offset with its minutes: St John’s repeated and skipped hours', () => {
    // America/St_Johns: -02:30 in summer, -03:30 in winter; back on 2026-11-01, forward on 2026-03-08.
    const got = read(
      [
        [
          row({ start: '2026-11-01 01:30:00', duration: '60' }),
          row({ start: '2026-03-08 02:30:00', duration: '60' }),
        ].join('\n'),
      ],
      'America/St_Johns',
    );
    expect(got.items.map((i) => i.kind === 'record' && i.record.start)).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-03-08T06:00:00.000Z',
    ]);
    expect(got.warnings).toEqual([
      {
        code: 'repeated-local-time',
        calls: 1,
        firstLine: 1,
        message:
          'local time 2026-11-01 01:xx America/St_Johns occurs twice (clocks go back): 1 call read with the earlier offset, UTC-02:30 (first on line 1)',
      },
      {
        code: 'skipped-local-time',
        calls: 1,
        firstLine: 2,
        message:
          'local time 2026-03-08 02:xx America/St_Johns does not exist (clocks go forward): 1 call read with the offset before the change, UTC-03:30 (first on line 2); is --cdr-timezone right?',
      },
    ]);
  });

  it('names an offset of zero with a plus: London’s hours', () => {
    const got = read(
      [[row({ start: '2026-10-25 01:10:00' }), row({ start: '2026-03-29 01:10:00' })].join('\n')],
      'Europe/London',
    );
    expect(got.warnings.map((w) => w.message)).toEqual([
      'local time 2026-10-25 01:xx Europe/London occurs twice (clocks go back): 1 call read with the earlier offset, UTC+01:00 (first on line 1)',
      'local time 2026-03-29 01:xx Europe/London does not exist (clocks go forward): 1 call read with the offset before the change, UTC+00:00 (first on line 2); is --cdr-timezone right?',
    ]);
  });

  it('names an offset east of UTC with a plus: Lord Howe Island’s half-hour change', () => {
    // Australia/Lord_Howe: +11:00 in summer, +10:30 in winter; back at 02:00 on 2026-04-05.
    const got = read([row({ start: '2026-04-05 01:45:00' })], 'Australia/Lord_Howe');
    expect(got.items[0]?.kind === 'record' && got.items[0].record.start).toBe(
      '2026-04-04T14:45:00.000Z',
    );
    expect(got.warnings.map((w) => w.message)).toEqual([
      'local time 2026-04-05 01:xx Australia/Lord_Howe occurs twice (clocks go back): 1 call read with the earlier offset, UTC+11:00 (first on line 1)',
    ]);
  });
});
