import { describe, expect, it } from 'vitest';
import { type CdrItem, type CdrRecord, createCdrReader } from '../../src/index.js';

/** Every item of `text`, fed `chunk` characters at a time. */
function read(text: string, timezone = 'America/New_York', chunk = 5) {
  const made = createCdrReader({ timezone });
  if (!made.ok) throw new Error(made.problem.message);
  const items: CdrItem[] = [];
  for (let i = 0; i < text.length; i += chunk)
    items.push(...made.reader.push(text.slice(i, i + chunk)));
  items.push(...made.reader.end());
  return { items, format: made.reader.format(), warnings: made.reader.warnings() };
}

function records(text: string, timezone?: string): CdrRecord[] {
  return read(text, timezone).items.map((item) => {
    if (item.kind !== 'record') throw new Error(item.problem.message);
    return item.record;
  });
}

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

describe('reading Asterisk Master.csv (docs/rules.md#reports-and-post-call-tagging)', () => {
  it('reads a row in the default column order into a record of the PBX’s account code', () => {
    expect(records(`${row()}\n`)).toEqual([
      {
        callId: '1793632503.1',
        start: '2026-11-02T14:15:03.000Z',
        end: '2026-11-02T14:36:01.000Z',
        answered: true,
        billableSeconds: 1250,
        trunk: 'hq',
        dialed: '9011442079460000',
        caller: '201',
        gated: null,
        accountCode: '1234',
      },
    ]);
  });

  it('recognises the format from the content', () => {
    expect(read(row()).format).toBe('asterisk-csv');
    expect(read('\n  \n').format).toBeUndefined();
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF line ends and a BOM', () => {
    const text = `\uFEFF${row({ clid: '"Lee, ""KC"" Chu" <301>', lastdata: 'a\r\nb,c' })}\r\n${row({ accountcode: '', src: '' })}\r\n`;
    const got = read(text);
    expect(got.items.map((i) => [i.kind, i.line])).toEqual([
      ['record', 1],
      ['record', 3],
    ]);
    expect(records(text)[1]).toMatchObject({ accountCode: null, caller: null });
  });

  it('reads the 16-column form (no uniqueid, no userfield) and skips a header row', () => {
    const sixteen = row({ uniqueid: undefined, userfield: undefined });
    const header =
      'accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,disposition,amaflags';
    const got = records(`${header}\n${sixteen}\n`);
    expect(got).toHaveLength(1);
    expect(got[0]).not.toHaveProperty('callId');
  });

  it('counts only ANSWERED as answered, and takes billsec as the billable seconds', () => {
    const got = records(
      [
        row({ disposition: 'NO ANSWER', answer: '', billsec: '0' }),
        row({ disposition: 'BUSY', billsec: '0' }),
        row({ disposition: 'ANSWERED', billsec: '7' }),
      ].join('\n'),
    );
    expect(got.map((r) => [r.answered, r.billableSeconds])).toEqual([
      [false, 0],
      [false, 0],
      [true, 7],
    ]);
  });

  it('reads a userfield of locked-out as a gated call the lockout refused', () => {
    expect(records(row({ userfield: 'locked-out', accountcode: '' }))[0]).toMatchObject({
      gated: true,
      entry: { accountCode: null, outcome: 'locked-out' },
    });
  });

  it('takes the trunk from the caller’s channel, and none from a channel it cannot read', () => {
    const got = records(
      [row({ channel: 'SIP/lab-0000001f' }), row({ channel: 'DAHDI/1-1' })].join('\n'),
    );
    expect(got.map((r) => r.trunk)).toEqual(['lab', null]);
  });

  it.each([
    ['a stray quote', `${row()}\n"1234",x"y\n`, 2, /quote/],
    ['a quote never closed', `${row()}\n${row()}\n"1234,\n`, 3, /never closed/],
    ['too few columns', `${row()}\n"1234","201"\n`, 2, /16 to 18 columns.*has 2/],
    ['a start that is not a time', row({ start: '02/11/2026 09:15' }), 1, /column start/],
    ['30 February', row({ start: '2026-02-30 09:15:00' }), 1, /column start/],
    [
      'a billsec that is not a number',
      row({ billsec: '-5' }).replace(',-5,', ',"-5",'),
      1,
      /column billsec/,
    ],
    ['an empty disposition', row({ disposition: '' }), 1, /column disposition/],
  ])('reports %s as a malformed line with its number', (_, text, line, why) => {
    const malformed = read(text).items.filter((i) => i.kind === 'malformed');
    expect(malformed).toHaveLength(1);
    expect(malformed[0]?.line).toBe(line);
    expect(malformed[0]?.kind === 'malformed' && malformed[0].problem.message).toMatch(
      new RegExp(`^line ${line}: .*${why.source}`),
    );
  });

  it('goes on after a malformed line, so every one is reported', () => {
    const got = read(`x"\n${row()}\n"y\n`);
    expect(got.items.map((i) => [i.kind, i.line])).toEqual([
      ['malformed', 1],
      ['record', 2],
      ['malformed', 3],
    ]);
  });

  describe('times without a zone, in --cdr-timezone', () => {
    it('reads New York’s repeated hour with the earlier offset, and warns once with a count', () => {
      const text = [
        row({ start: '2026-11-01 01:30:00', duration: '60' }),
        row({ start: '2026-11-01 01:45:00', duration: '60' }),
      ].join('\n');
      const got = read(text, 'America/New_York');
      expect(records(text).map((r) => r.start)).toEqual([
        '2026-11-01T05:30:00.000Z',
        '2026-11-01T05:45:00.000Z',
      ]);
      expect(got.warnings).toEqual([
        {
          code: 'repeated-local-time',
          calls: 2,
          firstLine: 1,
          message:
            'local time 2026-11-01 01:xx America/New_York occurs twice (clocks go back): 2 calls read with the earlier offset, UTC-04:00 (first on line 1)',
        },
      ]);
    });

    it('reads a time New York skipped with the offset before the change, and warns', () => {
      const got = read(row({ start: '2026-03-08 02:30:00' }), 'America/New_York');
      expect(got.items[0]?.kind === 'record' && got.items[0].record.start).toBe(
        '2026-03-08T07:30:00.000Z',
      );
      expect(got.warnings.map((w) => [w.code, w.calls, w.firstLine])).toEqual([
        ['skipped-local-time', 1, 1],
      ]);
      expect(got.warnings[0]?.message).toMatch(/UTC-05:00.*is --cdr-timezone right\?$/);
    });

    it('reads London’s repeated and skipped hours the same way', () => {
      const text = [
        row({ start: '2026-10-25 01:10:00' }),
        row({ start: '2026-03-29 01:10:00' }),
      ].join('\n');
      expect(records(text, 'Europe/London').map((r) => r.start)).toEqual([
        '2026-10-25T00:10:00.000Z',
        '2026-03-29T01:10:00.000Z',
      ]);
      expect(read(text, 'Europe/London').warnings.map((w) => w.code)).toEqual([
        'repeated-local-time',
        'skipped-local-time',
      ]);
    });

    it('ends a call across the change of offset at start + duration, not before its start', () => {
      // 01:50 EDT, then 70 minutes: the end column says 02:00 EST; the record says so too.
      const [r] = records(
        row({ start: '2026-11-01 01:50:00', end: '2026-11-01 02:00:00', duration: '4200' }),
      );
      expect([r?.start, r?.end]).toEqual(['2026-11-01T05:50:00.000Z', '2026-11-01T07:00:00.000Z']);
    });

    it('reads times as UTC with --cdr-timezone UTC (usegmtime=yes), with no warning', () => {
      const got = read(row({ start: '2026-11-01 01:30:00' }), 'UTC');
      expect(got.items[0]?.kind === 'record' && got.items[0].record.start).toBe(
        '2026-11-01T01:30:00.000Z',
      );
      expect(got.warnings).toEqual([]);
    });

    it('refuses a zone Intl does not know, with a typed problem', () => {
      const made = createCdrReader({ timezone: 'America/Gotham' });
      expect(made.ok).toBe(false);
      expect(!made.ok && made.problem.code).toBe('unknown-time-zone');
    });
  });
});

describe('reading JSON lines (docs/rules.md#reports-and-post-call-tagging)', () => {
  const gated = {
    start: '2026-11-02T14:05:10Z',
    end: '2026-11-02T14:10:10Z',
    answered: true,
    billableSeconds: 295,
    trunk: 'hq',
    dialed: '9011442079460000',
    caller: '201',
    gated: true,
    entry: { accountCode: '1234', validated: true, attempts: 1, outcome: 'connected' },
  };

  it('reads one record per line, CRLF, a BOM and blank lines included', () => {
    const text = `\uFEFF${JSON.stringify(gated)}\r\n\r\n${JSON.stringify({ ...gated, trunk: null })}\n`;
    const got = read(text);
    expect(got.format).toBe('json-lines');
    expect(got.items).toEqual([
      { kind: 'record', line: 1, record: gated },
      { kind: 'record', line: 3, record: { ...gated, trunk: null } },
    ]);
  });

  it('reads every outcome of callRecord, and a mid-call record with lockedOut', () => {
    const lines = [
      { ...gated, entry: { ...gated.entry, accountCode: null, outcome: 'locked-out' } },
      { ...gated, entry: { ...gated.entry, accountCode: null, outcome: 'ledger-unavailable' } },
      {
        ...gated,
        gated: false,
        entry: undefined,
        midCall: {
          accountCode: null,
          validated: false,
          attempts: 0,
          lockedOut: true,
          taggedAt: null,
        },
      },
    ];
    const got = read(lines.map((line) => JSON.stringify(line)).join('\n'));
    expect(got.items.map((item) => item.kind)).toEqual(['record', 'record', 'record']);
  });

  it.each([
    ['a line that is not JSON', '{"start": ', /^line 2: not JSON/],
    [
      'a mid-call record without lockedOut',
      JSON.stringify({
        ...gated,
        gated: false,
        midCall: { accountCode: '1234', validated: true, attempts: 1, taggedAt: { keyIndex: 7 } },
      }),
      /^line 2: midCall\.lockedOut must be true or false/,
    ],
    [
      'a record without billableSeconds',
      JSON.stringify({ ...gated, billableSeconds: undefined }),
      /^line 2: billableSeconds must be/,
    ],
    [
      'seconds that are not whole',
      JSON.stringify({ ...gated, billableSeconds: 1.5 }),
      /^line 2: billableSeconds/,
    ],
    [
      'a start without a zone',
      JSON.stringify({ ...gated, start: '2026-11-02T14:05:10' }),
      /^line 2: start must be an ISO 8601 instant with a zone/,
    ],
    [
      'an end before the start',
      JSON.stringify({ ...gated, end: '2026-11-02T14:00:00Z' }),
      /^line 2: end must be an instant not before start/,
    ],
    [
      'an unknown outcome',
      JSON.stringify({ ...gated, entry: { ...gated.entry, outcome: 'won' } }),
      /^line 2: entry\.outcome must be one of/,
    ],
    [
      'gated neither true, false nor null',
      JSON.stringify({ ...gated, gated: 'yes' }),
      /^line 2: gated must be/,
    ],
  ])('reports %s with its line number', (_, bad, message) => {
    const items = read(`${JSON.stringify(gated)}\n${bad}\n${JSON.stringify(gated)}\n`).items;
    expect(items.map((i) => i.kind)).toEqual(['record', 'malformed', 'record']);
    expect(items[1]?.kind === 'malformed' && items[1].problem.message).toMatch(message);
  });
});
