/**
 * Reports at their edges (docs/rules.md#reports-and-post-call-tagging): the typed problems of the options and
 * the records with their messages, the index of a refused record, ordering
 * ties, the category of an unrecognised destination, and warnings tallied
 * past their limit of distinct values.
 */
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

const pbx = (code: string | null, extra: Partial<CdrCall> = {}): CdrRecord => ({
  ...call,
  ...extra,
  gated: null,
  accountCode: code,
});

const INSTANT =
  'an ISO 8601 instant with a zone, such as "2026-11-02T14:05:10Z" or "2026-11-02T09:05:10-05:00"';

function builder(options: Parameters<typeof createCallReport>[1] = { asOf: 0 }) {
  const made = createCallReport(config, options);
  if (!made.ok) throw new Error(made.problem.message);
  return made.builder;
}

describe('the options’ typed problems name the field and what it allows', () => {
  it.each<[string, unknown, string, readonly string[], string]>([
    [
      'no options object',
      null,
      'invalid-type',
      ['options'],
      'options must be an object with asOf (and by, from, to); got null',
    ],
    [
      'options that are a string',
      'code',
      'invalid-type',
      ['options'],
      'options must be an object with asOf (and by, from, to); got "code"',
    ],
    [
      'an unknown grouping',
      { asOf: 0, by: 'client' },
      'invalid-value',
      ['by'],
      'by must be one of code, category, trunk; got "client"',
    ],
    ['no asOf', {}, 'invalid-value', ['asOf'], `asOf must be ${INSTANT}; got nothing`],
    [
      'a from without a zone',
      { asOf: 0, from: '2026-11-01T00:00:00' },
      'invalid-value',
      ['from'],
      `from must be ${INSTANT}; got "2026-11-01T00:00:00"`,
    ],
    [
      'a to past the last instant',
      { asOf: 0, to: 8.64e15 + 1 },
      'invalid-value',
      ['to'],
      `to must be ${INSTANT}; got 8640000000000001`,
    ],
  ])('refuses %s', (_, options, code, path, message) => {
    expect(createCallReport(config, options as never)).toEqual({
      ok: false,
      problem: { code, path, message },
    });
  });

  it('refuses a config that is not one, after the options', () => {
    expect(createCallReport({} as never, { asOf: 0 })).toEqual({
      ok: false,
      problem: {
        code: 'invalid-type',
        path: ['config'],
        message: 'config must be a configuration (parseConfig gives one); got an object',
      },
    });
    expect(createCallReport({ account: null } as never, { asOf: 0 }).ok).toBe(false);
    const bad = createCallReport(null as never, { asOf: 'x' });
    expect(!bad.ok && bad.problem.path).toEqual(['asOf']);
  });

  it('takes instants from -8.64e15 to 8.64e15 ms, epoch or ISO, and says them in ISO', () => {
    const made = createCallReport(config, {
      asOf: 8.64e15,
      from: -8.64e15,
      to: '2026-11-02T09:00:00-05:00',
    });
    expect(made.ok && made.builder.result()).toMatchObject({
      by: 'code',
      asOf: '+275760-09-13T00:00:00.000Z',
      from: '-271821-04-20T00:00:00.000Z',
      to: '2026-11-02T14:00:00.000Z',
    });
    const open = builder({ asOf: '2026-12-01T09:00:00Z', by: 'trunk' }).result();
    expect([open.by, open.asOf, open.from, open.to]).toEqual([
      'trunk',
      '2026-12-01T09:00:00.000Z',
      null,
      null,
    ]);
  });
});

describe('summarizeCalls says which record it refused', () => {
  it('gives the 0-based index of the first record refused, and no report', () => {
    const result = summarizeCalls(
      config,
      [pbx('1234'), pbx('1234', { answered: 'yes' as never }), pbx(null, { billableSeconds: -1 })],
      {
        asOf: 0,
      },
    );
    expect(result).toEqual({
      ok: false,
      index: 1,
      problem: {
        code: 'invalid-cdr-record',
        path: ['answered'],
        message: 'answered must be true or false; got "yes"',
      },
    });
  });

  it('gives index null when an option was refused, without reading a record', () => {
    expect(summarizeCalls(config, [pbx('1234')], { asOf: 'now' } as never)).toEqual({
      ok: false,
      index: null,
      problem: {
        code: 'invalid-value',
        path: ['asOf'],
        message: `asOf must be ${INSTANT}; got "now"`,
      },
    });
  });

  it('gives the index of a total past exact arithmetic', () => {
    const result = summarizeCalls(
      config,
      [
        pbx('1234', { billableSeconds: Number.MAX_SAFE_INTEGER - 1 }),
        pbx(null, { billableSeconds: 1 }),
        pbx('1234', { billableSeconds: 1 }),
      ],
      { asOf: 0 },
    );
    expect(result).toEqual({
      ok: false,
      index: 2,
      problem: {
        code: 'total-too-large',
        path: ['billableSeconds'],
        message: `billableSeconds would add up to more than ${Number.MAX_SAFE_INTEGER}, past exact arithmetic`,
      },
    });
  });

  it('reports an empty list as a report of no rows', () => {
    const result = summarizeCalls(config, [], { asOf: 0 });
    expect(result.ok && result.report).toEqual({
      by: 'code',
      asOf: '1970-01-01T00:00:00.000Z',
      from: null,
      to: null,
      rows: [],
      total: { calls: 0, answered: 0, billableSeconds: 0 },
      outsideRange: 0,
      repeated: 0,
      warnings: [],
    });
  });
});

describe('rows in one order', () => {
  it('by category, orders rows equal in seconds, key and kind by their code', () => {
    const report = summarizeCalls(config, [pbx('3100'), pbx('2001'), pbx('1234'), pbx(null)], {
      by: 'category',
      asOf: 0,
    });
    expect(report.ok && report.report.rows).toEqual([
      {
        key: 'international',
        name: 'Acme Corp',
        kind: 'tagged',
        code: '1234',
        calls: 1,
        answered: 1,
        billableSeconds: 600,
      },
      {
        key: 'international',
        name: 'Globex: patent litigation',
        kind: 'tagged',
        code: '2001',
        calls: 1,
        answered: 1,
        billableSeconds: 600,
      },
      {
        key: 'international',
        name: 'Initech',
        kind: 'tagged',
        code: '3100',
        calls: 1,
        answered: 1,
        billableSeconds: 600,
      },
      {
        key: 'international',
        name: null,
        kind: 'untagged',
        code: null,
        calls: 1,
        answered: 1,
        billableSeconds: 600,
      },
    ]);
  });

  it('by category, gives the same order whatever order the codes came in', () => {
    const rows = (codes: readonly (string | null)[]) => {
      const report = summarizeCalls(
        config,
        codes.map((code) => pbx(code)),
        { by: 'category', asOf: 0 },
      );
      return report.ok ? report.report.rows.map((r) => r.code) : [];
    };
    const sorted = ['1234', '2001', '3100', null];
    expect(rows(['1234', '2001', '3100', null])).toEqual(sorted);
    expect(rows(['3100', '2001', '1234', null])).toEqual(sorted);
    expect(rows([null, '2001', '3100', '1234'])).toEqual(sorted);
  });

  it('gives a row a code field by category only', () => {
    const rows = (by: 'code' | 'category' | 'trunk') => {
      const report = summarizeCalls(config, [pbx('1234'), pbx(null)], { by, asOf: 0 });
      return report.ok ? report.report.rows.map((r) => Object.keys(r)) : [];
    };
    const counts = ['calls', 'answered', 'billableSeconds'];
    expect(rows('code')).toEqual([
      ['key', 'name', 'kind', ...counts],
      ['key', 'name', 'kind', ...counts],
    ]);
    expect(rows('trunk')).toEqual(rows('code'));
    expect(rows('category')).toEqual([
      ['key', 'name', 'kind', 'code', ...counts],
      ['key', 'name', 'kind', 'code', ...counts],
    ]);
  });

  it('orders rows equal in seconds and key by kind: tagged, untagged, then locked out', () => {
    const locked: CdrRecord = {
      ...call,
      gated: true,
      entry: { accountCode: null, validated: false, attempts: 0, outcome: 'locked-out' },
    };
    const report = summarizeCalls(config, [locked, pbx(null), pbx('1234')], {
      by: 'trunk',
      asOf: 0,
    });
    expect(report.ok && report.report.rows.map((r) => [r.key, r.kind])).toEqual([
      ['hq', 'tagged'],
      ['hq', 'untagged'],
      ['hq', 'locked-out'],
    ]);
  });

  it('orders keys by code units, not by locale, and a larger total first', () => {
    const report = summarizeCalls(
      config,
      [
        pbx('1234', { trunk: 'b' }),
        pbx('1234', { trunk: 'B' }),
        pbx('1234', { trunk: 'a', billableSeconds: 601 }),
      ],
      { by: 'trunk', asOf: 0 },
    );
    expect(report.ok && report.report.rows.map((r) => r.key)).toEqual(['a', 'B', 'b']);
  });

  it('counts an external call to a destination it does not recognise as domestic', () => {
    // 9 then 11 digits that are no NANP number: external, but in no category.
    const report = summarizeCalls(config, [pbx('1234', { dialed: '955512345678' })], {
      by: 'category',
      asOf: 0,
    });
    expect(report.ok && report.report.rows.map((r) => r.key)).toEqual(['domestic']);
  });

  it('counts an emergency and an invalid dial string under their kinds', () => {
    const report = summarizeCalls(
      config,
      [
        pbx(null, { dialed: '911', billableSeconds: 2 }),
        pbx(null, { dialed: '9+99', billableSeconds: 1 }),
      ],
      { by: 'category', asOf: 0 },
    );
    expect(report.ok && report.report.rows.map((r) => r.key)).toEqual(['emergency', 'invalid']);
  });
});

describe('counting', () => {
  it('counts an unanswered call, and its billable seconds, in its row and the total', () => {
    const b = builder();
    expect(b.add(pbx('1234', { answered: false, billableSeconds: 3 }))).toBeUndefined();
    expect(b.add(pbx('1234'))).toBeUndefined();
    const report = b.result();
    expect(report.rows).toEqual([
      {
        key: '1234',
        name: 'Acme Corp',
        kind: 'tagged',
        calls: 2,
        answered: 1,
        billableSeconds: 603,
      },
    ]);
    expect(report.total).toEqual({ calls: 2, answered: 1, billableSeconds: 603 });
  });

  it('returns a copy of the total: a later add does not change a report already read', () => {
    const b = builder();
    b.add(pbx('1234'));
    const first = b.result();
    b.add(pbx('1234'));
    expect(first.total.calls).toBe(1);
    expect(b.result().total.calls).toBe(2);
  });

  it('leaves out calls starting before from or at to, counting them, and adds nothing of them', () => {
    const b = builder({ asOf: 0, from: '2026-11-02T14:00:00Z', to: '2026-11-02T14:00:01Z' });
    expect(b.add(pbx('1234', { start: '2026-11-02T13:59:59.999Z' }))).toBeUndefined();
    expect(b.add(pbx('1234'))).toBeUndefined();
    expect(
      b.add(pbx('1234', { start: '2026-11-02T14:00:01Z', end: '2026-11-02T14:00:01Z' })),
    ).toBeUndefined();
    const report = b.result();
    expect([report.total.calls, report.outsideRange]).toEqual([1, 2]);
  });

  it('with only a lower bound, counts every later call; with only an upper one, every earlier', () => {
    const late = pbx('1234', { start: '2030-01-01T00:00:00Z', end: '2030-01-01T00:00:00Z' });
    const early = pbx('1234', { start: '2000-01-01T00:00:00Z', end: '2000-01-01T00:00:00Z' });
    const from = builder({ asOf: 0, from: call.start });
    from.add(late);
    from.add(early);
    expect([from.result().total.calls, from.result().outsideRange]).toEqual([1, 1]);
    const to = builder({ asOf: 0, to: call.start });
    to.add(late);
    to.add(early);
    expect([to.result().total.calls, to.result().outsideRange]).toEqual([1, 1]);
  });

  it('refuses a record that is not one, and counts nothing of it, not even as outside the range', () => {
    const b = builder({ asOf: 0, from: '2030-01-01T00:00:00Z' });
    expect(b.add(pbx('1234', { start: 'then' }))).toMatchObject({
      code: 'invalid-cdr-record',
      path: ['start'],
    });
    expect(b.result().outsideRange).toBe(0);
  });
});

describe('warnings of codes that are not codes', () => {
  it('says a call without a line number without “first on line”', () => {
    const result = summarizeCalls(config, [pbx('12a4')], { asOf: 0 });
    expect(result.ok && result.report.warnings).toEqual([
      {
        code: 'not-a-code',
        calls: 1,
        firstLine: null,
        message:
          'accountcode "12a4" is not a string of exactly 4 ASCII digits: 1 call counted as untagged',
      },
    ]);
  });

  it('keeps 20 distinct values, then tallies the others together', () => {
    const b = builder();
    for (let i = 0; i < 25; i++) b.add(pbx(`peer-${i}`), 100 + i);
    b.add(pbx('peer-3'), 200);
    b.add(pbx('peer-24'), 201);
    const warnings = b.result().warnings;
    expect(warnings).toHaveLength(21);
    expect(warnings[3]).toMatchObject({ calls: 2, firstLine: 103 });
    expect(warnings[3]?.message).toBe(
      'accountcode "peer-3" is not a string of exactly 4 ASCII digits: 2 calls counted as untagged (first on line 103)',
    );
    expect(warnings[20]).toEqual({
      code: 'not-a-code',
      calls: 6,
      firstLine: 120,
      message:
        'accountcode other values is not a string of exactly 4 ASCII digits: 6 calls counted as untagged (first on line 120)',
    });
    expect(b.result().rows).toEqual([
      { key: null, name: null, kind: 'untagged', calls: 27, answered: 27, billableSeconds: 16200 },
    ]);
  });
});
