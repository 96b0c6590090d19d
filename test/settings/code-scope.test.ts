/**
 * Administering scoped codes (docs/rules.md#scoped-codes, issue 24): set and
 * clear a scope, suspend and resume, the CSV scope columns and the export
 * that round-trips through importCodesCsv.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { type AccountCode, type Config, REQUIRED_CALL_TYPES } from '../../src/config/types.js';
import {
  clearCodeScope,
  exportCodesCsv,
  resumeCode,
  setCodeScope,
  suspendCode,
} from '../../src/settings/code-scope.js';
import { importCodesCsv, renameCode } from '../../src/settings/codes.js';
import { deepFreeze, propertyRuns } from '../support/properties.js';

function configWith(codes: readonly AccountCode[] = [{ code: '1111', name: 'Acme' }]): Config {
  const parsed = parseConfig({
    account: { codeLength: 4, maxRetries: 3, codes },
    trunks: [
      { id: 'hq', accountCodesEnabled: true },
      { id: 'branch', accountCodesEnabled: true },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return deepFreeze(parsed.config);
}

const codeOf = (config: Config, code: string) =>
  config.account.codes.find((entry) => entry.code === code);

describe('setCodeScope and clearCodeScope', () => {
  it('sets the scope, keeps the name and suspension, and clears it again', () => {
    const suspended = suspendCode(configWith(), '1111');
    if (!suspended.ok) throw new Error('suspend');
    const set = setCodeScope(suspended.config, '1111', {
      callTypes: ['domestic', 'tollFree'],
      trunks: ['hq'],
      validUntil: '2026-12-31T23:59:59Z',
    });
    if (!set.ok) throw new Error(set.error.message);
    expect(set.report).toEqual({ changed: true });
    expect(codeOf(set.config, '1111')).toEqual({
      code: '1111',
      name: 'Acme',
      callTypes: ['domestic', 'tollFree'],
      trunks: ['hq'],
      validUntil: '2026-12-31T23:59:59Z',
      suspended: true,
    });
    expect(parseConfig(set.config).ok).toBe(true);
    const cleared = clearCodeScope(set.config, '1111');
    if (!cleared.ok) throw new Error('clear');
    expect(codeOf(cleared.config, '1111')).toEqual({ code: '1111', name: 'Acme', suspended: true });
    const resumed = resumeCode(cleared.config, '1111');
    if (!resumed.ok) throw new Error('resume');
    expect(codeOf(resumed.config, '1111')).toEqual({ code: '1111', name: 'Acme' });
    expect(resumeCode(resumed.config, '1111')).toMatchObject({
      ok: true,
      report: { changed: false },
    });
  });

  it('renaming a scoped code keeps its scope', () => {
    const set = setCodeScope(configWith(), '1111', { trunks: ['branch'] });
    if (!set.ok) throw new Error('set');
    const renamed = renameCode(set.config, '1111', 'Acme Corp');
    if (!renamed.ok) throw new Error('rename');
    expect(codeOf(renamed.config, '1111')).toEqual({
      code: '1111',
      name: 'Acme Corp',
      trunks: ['branch'],
    });
  });

  it.each([
    [{ trunks: ['nowhere'] }, 'unknown-trunk', 'scope.trunks[0]'],
    [{ trunks: [] }, 'invalid-value', 'scope.trunks'],
    [{ trunks: ['hq', 'hq'] }, 'invalid-value', 'scope.trunks[1]'],
    [{ callTypes: [] }, 'invalid-value', 'scope.callTypes'],
    [{ callTypes: ['local'] }, 'invalid-value', 'scope.callTypes[0]'],
    [{ validFrom: 'tomorrow' }, 'invalid-value', 'scope.validFrom'],
    [
      { validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-11-01T00:00:00Z' },
      'invalid-validity',
      'scope.validUntil',
    ],
    [{ level: 3 }, 'unknown-field', 'scope'],
  ])('rejects %j with %s naming %s, and changes nothing', (scope, code, field) => {
    const config = configWith();
    const result = setCodeScope(config, '1111', scope as never);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) {
      expect(result.error.field.startsWith(field)).toBe(true);
      expect(result.error.message).toContain(field.replace(/\[\d+\]$/, ''));
    }
  });

  it('names the code when it is unknown or malformed', () => {
    expect(suspendCode(configWith(), '9999')).toMatchObject({ error: { code: 'unknown-code' } });
    expect(resumeCode(configWith(), '12')).toMatchObject({ error: { code: 'invalid-code' } });
    expect(clearCodeScope(null as never, '1111')).toMatchObject({
      error: { code: 'invalid-config' },
    });
  });
});

describe('the codes CSV with scope columns', () => {
  it('imports callTypes and trunks ;-separated, the window and suspended', () => {
    const csv = [
      'code,name,callTypes,trunks,validFrom,validUntil,suspended',
      '2001,Globex,domestic;tollFree,hq;branch,2026-01-01T00:00:00Z,2026-12-31T23:59:59Z,false',
      '2002,,,,,,true',
      '2003,Initech,,,,,',
    ].join('\n');
    const imported = importCodesCsv(configWith(), csv);
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    expect(imported.config.account.codes.slice(1)).toEqual([
      {
        code: '2001',
        name: 'Globex',
        callTypes: ['domestic', 'tollFree'],
        trunks: ['hq', 'branch'],
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2026-12-31T23:59:59Z',
        suspended: false,
      },
      { code: '2002', suspended: true },
      { code: '2003', name: 'Initech' },
    ]);
  });

  it('reports every bad scope cell with its line, and imports nothing', () => {
    const csv = [
      'code,name,trunks,suspended',
      '2001,A,nowhere,',
      '2002,B,hq,maybe',
      '2003,C,,',
    ].join('\n');
    const imported = importCodesCsv(configWith(), csv);
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.error.rows?.map((row) => [row.line, row.reason])).toEqual([
      [2, 'invalid-scope'],
      [3, 'invalid-scope'],
    ]);
    expect(imported.error.rows?.[0]?.message).toContain('trunks[0]');
  });

  it('still reads the two-column file, and refuses an unknown column', () => {
    expect(importCodesCsv(configWith(), 'code,name\n2001,A\n').ok).toBe(true);
    expect(importCodesCsv(configWith(), 'code,name,level\n2001,A,3\n')).toMatchObject({
      error: { code: 'invalid-csv-header' },
    });
  });

  const trunk = fc.constantFrom('hq', 'branch');
  const instant = fc
    .integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString());
  const name = fc
    .string({ minLength: 1, maxLength: 20 })
    .filter(
      (s) =>
        s.trim() === s &&
        s !== '' &&
        !/[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(s),
    );
  const entry = fc.record(
    {
      name,
      callTypes: fc.uniqueArray(fc.constantFrom(...REQUIRED_CALL_TYPES), { minLength: 1 }),
      trunks: fc.uniqueArray(trunk, { minLength: 1 }),
      suspended: fc.boolean(),
      validFrom: instant,
      validUntil: instant,
    },
    { requiredKeys: [] },
  );

  it('export then import is identity (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[0-9]{4}$/), { maxLength: 12 }),
        fc.array(entry, { minLength: 12, maxLength: 12 }),
        (digits, entries) => {
          const codes = digits.map((code, i) => {
            const fields = { ...entries[i] };
            if (
              fields.validFrom !== undefined &&
              fields.validUntil !== undefined &&
              fields.validUntil < fields.validFrom
            ) {
              [fields.validFrom, fields.validUntil] = [fields.validUntil, fields.validFrom];
            }
            return { code, ...fields };
          });
          const config = configWith(codes);
          const empty = configWith([]);
          const imported = importCodesCsv(empty, exportCodesCsv(config));
          if (!imported.ok) throw new Error(JSON.stringify(imported.error));
          expect(imported.config.account.codes).toEqual(config.account.codes);
        },
      ),
      propertyRuns(),
    );
  });
});

describe('check warnings about scopes', () => {
  it('warns of a trunk and a call type no code may serve, and of a scope on no validating trunk', async () => {
    const { configWarnings } = await import('../../src/config/warnings.js');
    const parsed = parseConfig({
      account: {
        codeLength: 4,
        maxRetries: 3,
        settings: {
          enabled: true,
          validateCodes: true,
          requiredCallTypes: ['international', 'mobile'],
        },
        codes: [
          { code: '2846', callTypes: ['international'], trunks: ['hq'] },
          { code: '7391', suspended: true },
          { code: '5082', trunks: ['lab'] },
        ],
      },
      trunks: [
        { id: 'hq', accountCodesEnabled: true },
        { id: 'branch', accountCodesEnabled: true },
        { id: 'lab', accountCodesEnabled: true, customSettings: { validateCodes: false } },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const scoped = configWarnings(parsed.config).filter((w) =>
      ['no-code-for-trunk', 'no-code-for-call-type', 'scope-without-validating-trunk'].includes(
        w.code,
      ),
    );
    expect(scoped.map((w) => [w.code, w.path])).toEqual([
      ['no-code-for-call-type', ['trunks', 0]],
      ['no-code-for-trunk', ['trunks', 1]],
      ['scope-without-validating-trunk', ['account', 'codes', 2, 'trunks']],
    ]);
    expect(scoped[0]?.message).toContain('no code may authorize mobile calls on trunk "hq"');
  });

  it('says nothing about scopes when no code has one', async () => {
    const { configWarnings } = await import('../../src/config/warnings.js');
    const codes = ['no-code-for-trunk', 'no-code-for-call-type', 'scope-without-validating-trunk'];
    const warnings = configWarnings(configWith([{ code: '2846' }, { code: '5082' }]));
    expect(warnings.filter((w) => codes.includes(w.code))).toEqual([]);
  });
});

describe('reports by code and scoped codes', () => {
  it('a suspended or scoped code keeps its name in the report by code', async () => {
    const { summarizeCalls } = await import('../../src/reports/summary.js');
    const base = configWith([
      { code: '2846', name: 'Acme' },
      { code: '5082', name: 'Globex' },
    ]);
    const suspended = suspendCode(base, '2846');
    if (!suspended.ok) throw new Error('suspend');
    const scoped = setCodeScope(suspended.config, '5082', {
      trunks: ['hq'],
      callTypes: ['domestic'],
    });
    if (!scoped.ok) throw new Error('scope');
    const call = {
      start: '2026-11-02T14:00:00Z',
      end: '2026-11-02T14:10:00Z',
      answered: true,
      billableSeconds: 600,
      trunk: 'branch',
      dialed: '2125550100',
      caller: '201',
      gated: null,
    } as const;
    const records = [
      { ...call, accountCode: '2846' },
      { ...call, accountCode: '5082' },
    ];
    const before = summarizeCalls(base, records, { asOf: 0 });
    const after = summarizeCalls(scoped.config, records, { asOf: 0 });
    if (!before.ok || !after.ok) throw new Error('report');
    expect(after.report).toEqual(before.report);
    expect(after.report.rows.map((row) => row.name)).toEqual(['Acme', 'Globex']);
  });
});
