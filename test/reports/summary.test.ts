import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CdrCall,
  type CdrRecord,
  type Config,
  createCallReport,
  parseConfig,
  summarizeCalls,
} from '../../src/index.js';

const config: Config = (() => {
  const parsed = parseConfig(JSON.parse(readFileSync('examples/acme.json', 'utf8')));
  if (!parsed.ok) throw new Error('examples/acme.json');
  return parsed.config;
})();

const call: CdrCall = {
  start: '2026-11-02T14:00:00Z',
  end: '2026-11-02T14:10:00Z',
  answered: true,
  billableSeconds: 600,
  trunk: 'hq',
  dialed: '9011442079460000',
  caller: '201',
};

const tagged = (code: string | null, extra: Partial<CdrCall> = {}): CdrRecord => ({
  ...call,
  ...extra,
  gated: null,
  accountCode: code,
});

function summary(records: readonly CdrRecord[], options: Parameters<typeof summarizeCalls>[2]) {
  const made = summarizeCalls(config, records, options);
  if (!made.ok) throw new Error(made.problem.message);
  return made.report;
}

describe('summarizeCalls by code', () => {
  it('sums calls, answered calls and billable seconds per code, with the name from the config', () => {
    const report = summary(
      [
        tagged('1234'),
        tagged('1234', { answered: false, billableSeconds: 0 }),
        tagged('3100', { billableSeconds: 61 }),
      ],
      { asOf: '2026-12-01T09:00:00Z' },
    );
    expect(report.rows).toEqual([
      {
        key: '1234',
        name: 'Acme Corp',
        kind: 'tagged',
        calls: 2,
        answered: 1,
        billableSeconds: 600,
      },
      { key: '3100', name: 'Initech', kind: 'tagged', calls: 1, answered: 1, billableSeconds: 61 },
    ]);
    expect(report.total).toEqual({ calls: 3, answered: 2, billableSeconds: 661 });
    expect(report.asOf).toBe('2026-12-01T09:00:00.000Z');
  });

  it('keeps untagged and locked-out calls in rows of their own, key null', () => {
    const records: CdrRecord[] = [
      {
        ...call,
        gated: true,
        entry: {
          accountCode: null,
          validated: false,
          attempts: 3,
          outcome: 'connected-after-max-retries',
        },
      },
      {
        ...call,
        gated: true,
        entry: { accountCode: null, validated: false, attempts: 0, outcome: 'locked-out' },
        billableSeconds: 7,
      },
      { ...call, gated: false, midCall: null },
      {
        ...call,
        gated: true,
        entry: { accountCode: '2001', validated: true, attempts: 1, outcome: 'connected' },
      },
    ];
    expect(summary(records, { asOf: 0 }).rows).toEqual([
      { key: null, name: null, kind: 'untagged', calls: 2, answered: 2, billableSeconds: 1200 },
      {
        key: '2001',
        name: 'Globex: patent litigation',
        kind: 'tagged',
        calls: 1,
        answered: 1,
        billableSeconds: 600,
      },
      { key: null, name: null, kind: 'locked-out', calls: 1, answered: 1, billableSeconds: 7 },
    ]);
  });

  it('counts a call the unreachable ledger ended (ledger-unavailable) as untagged, never as locked out', () => {
    const ended = (outcome: 'ledger-unavailable' | 'locked-out'): CdrRecord => ({
      ...call,
      answered: false,
      billableSeconds: 0,
      gated: true,
      entry: { accountCode: null, validated: false, attempts: 0, outcome },
    });
    expect(summary([ended('ledger-unavailable'), ended('locked-out')], { asOf: 0 }).rows).toEqual([
      { key: null, name: null, kind: 'untagged', calls: 1, answered: 0, billableSeconds: 0 },
      { key: null, name: null, kind: 'locked-out', calls: 1, answered: 0, billableSeconds: 0 },
    ]);
  });

  it('counts the code a call carries now: the last post-call tag over the mid-call one', () => {
    const record: CdrRecord = {
      ...call,
      gated: false,
      midCall: {
        accountCode: '1234',
        validated: true,
        attempts: 1,
        lockedOut: false,
        taggedAt: { keyIndex: 6 },
      },
      postCallTags: [
        {
          previousCode: '1234',
          newCode: '3100',
          validated: true,
          at: '2026-11-02T15:00:00Z',
          by: { role: 'caller', id: '201' },
        },
      ],
    };
    expect(summary([record], { asOf: 0 }).rows.map((r) => r.key)).toEqual(['3100']);
  });

  it('counts an accountcode that is not codeLength digits as untagged, with one warning per value', () => {
    const made = createCallReport(config, { asOf: 0 });
    if (!made.ok) throw new Error(made.problem.message);
    made.builder.add(tagged('acme-sip'), 4);
    made.builder.add(tagged('acme-sip'), 9);
    made.builder.add(tagged('12345'), 11);
    const report = made.builder.result();
    expect(report.rows).toEqual([
      { key: null, name: null, kind: 'untagged', calls: 3, answered: 3, billableSeconds: 1800 },
    ]);
    expect(report.warnings).toEqual([
      {
        code: 'not-a-code',
        calls: 2,
        firstLine: 4,
        message:
          'accountcode "acme-sip" is not a string of exactly 4 ASCII digits: 2 calls counted as untagged (first on line 4)',
      },
      {
        code: 'not-a-code',
        calls: 1,
        firstLine: 11,
        message:
          'accountcode "12345" is not a string of exactly 4 ASCII digits: 1 call counted as untagged (first on line 11)',
      },
    ]);
  });

  it('names a code that is not on the list null, and still counts it (tracking mode)', () => {
    expect(summary([tagged('9999')], { asOf: 0 }).rows[0]).toMatchObject({
      key: '9999',
      name: null,
      kind: 'tagged',
    });
  });

  it('orders equal billable seconds by key, null last', () => {
    const rows = summary([tagged(null), tagged('3100'), tagged('1234')], { asOf: 0 }).rows;
    expect(rows.map((r) => r.key)).toEqual(['1234', '3100', null]);
  });

  it('counts calls that start in [from, to), and says how many it left out', () => {
    const report = summary(
      [
        tagged('1234', { start: '2026-10-31T23:59:59Z', end: '2026-11-01T00:10:00Z' }),
        tagged('1234', { start: '2026-11-01T00:00:00Z', end: '2026-11-01T00:10:00Z' }),
        tagged('1234', { start: '2026-11-30T23:59:59Z', end: '2026-12-01T00:10:00Z' }),
        tagged('1234', { start: '2026-12-01T00:00:00Z', end: '2026-12-01T00:10:00Z' }),
      ],
      { asOf: 0, from: '2026-11-01T00:00:00Z', to: Date.parse('2026-12-01T00:00:00Z') },
    );
    expect(report.total.calls).toBe(2);
    expect(report.outsideRange).toBe(2);
    expect([report.from, report.to]).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ]);
  });
});

describe('summarizeCalls by category and by trunk', () => {
  it('by category: the call’s first category (or kind), with the code beside it', () => {
    const records = [
      tagged('1234'),
      tagged('1234', { dialed: '919005550123' }),
      tagged(null, { dialed: '201' }),
      tagged('1234', { dialed: '912125550123' }),
    ];
    expect(
      summary(records, { by: 'category', asOf: 0 }).rows.map((r) => [r.key, r.code, r.kind]),
    ).toEqual([
      ['domestic', '1234', 'tagged'],
      ['internal', null, 'untagged'],
      ['international', '1234', 'tagged'],
      ['premiumToll', '1234', 'tagged'],
    ]);
  });

  it('by trunk: one row per trunk and kind, the trunk null when the CDR does not say', () => {
    const records = [
      tagged('1234'),
      tagged(null),
      tagged('1234', { trunk: 'lab' }),
      tagged('1234', { trunk: null }),
    ];
    expect(
      summary(records, { by: 'trunk', asOf: 0 }).rows.map((r) => [r.key, r.kind, r.name]),
    ).toEqual([
      ['hq', 'tagged', null],
      ['hq', 'untagged', null],
      ['lab', 'tagged', null],
      [null, 'tagged', null],
    ]);
  });
});

describe('typed problems, never exceptions', () => {
  it.each([
    [{ asOf: 'yesterday' }, 'asOf'],
    [{ asOf: 0, from: '2026-11-01' }, 'from'],
    [{ asOf: 0, to: Number.NaN }, 'to'],
    [{ asOf: 0, by: 'client' as never }, 'by'],
  ])('refuses options %j, naming %s', (options, field) => {
    const made = createCallReport(config, options);
    expect(made.ok).toBe(false);
    expect(!made.ok && made.problem.path).toEqual([field]);
  });

  it('refuses a record that is not a CDR record, and counts nothing of it', () => {
    const made = createCallReport(config, { asOf: 0 });
    if (!made.ok) throw new Error('options');
    expect(made.builder.add({ ...tagged('1234'), billableSeconds: -1 })?.code).toBe(
      'invalid-cdr-record',
    );
    expect(made.builder.result().total.calls).toBe(0);
  });

  it('refuses a sum past exact integer arithmetic rather than round it', () => {
    const made = createCallReport(config, { asOf: 0 });
    if (!made.ok) throw new Error('options');
    expect(
      made.builder.add(tagged('1234', { billableSeconds: Number.MAX_SAFE_INTEGER })),
    ).toBeUndefined();
    expect(made.builder.add(tagged('1234', { billableSeconds: 1 }))?.code).toBe('total-too-large');
    expect(made.builder.result().total).toEqual({
      calls: 1,
      answered: 1,
      billableSeconds: Number.MAX_SAFE_INTEGER,
    });
  });

  it('refuses a config that is not one', () => {
    expect(createCallReport(null as never, { asOf: 0 }).ok).toBe(false);
  });
});
