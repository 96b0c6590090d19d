/**
 * Calls nobody can key in CDRs and reports
 * (docs/rules.md#calls-nobody-can-key): the record `evaluateCall` gives is a
 * CDR's code-entry record as it is; `connected-unattended` calls get their
 * own row; a carried code bills like a keyed one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CdrCall,
  type CdrRecord,
  type Config,
  evaluateCall,
  type GatedCdr,
  parseCdrRecord,
  parseConfig,
  summarizeCalls,
} from '../../src/index.js';

function acme(settings: object = {}): Config {
  const file = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  file.account.settings = { ...file.account.settings, ...settings };
  const parsed = parseConfig(file);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return parsed.config;
}

const call: CdrCall = {
  start: '2026-11-02T14:00:00Z',
  end: '2026-11-02T14:10:00Z',
  answered: true,
  billableSeconds: 600,
  trunk: 'hq',
  dialed: '9011442079460000',
  caller: '201',
};

/** The CDR of one call, with the record evaluateCall settled it with. */
function unattendedCdr(config: Config, unattended: true | { code: string }): GatedCdr {
  const evaluation = evaluateCall(config, { trunk: 'hq', dialed: call.dialed, unattended });
  if (!evaluation.ok || !evaluation.required || evaluation.unattended === undefined) {
    throw new Error('a gated unattended call');
  }
  return { ...call, gated: true, entry: evaluation.unattended.record };
}

describe('unattended calls in reports', () => {
  it('stores the record of an unattended call as a CDR, carried code and all', () => {
    const record = unattendedCdr(acme(), { code: '9999' });
    expect(parseCdrRecord(JSON.parse(JSON.stringify(record)))).toMatchObject({ ok: true });
    expect(record).toMatchObject({
      entry: {
        outcome: 'ended',
        unattended: {
          rule: 'unattended-end',
          carriedCode: '9999',
          carriedCodeRefused: 'not-on-list',
        },
      },
    });
    expect(
      parseCdrRecord({ ...record, entry: { ...record.entry, unattended: { rule: 'guess' } } }),
    ).toMatchObject({ ok: false, problem: { path: ['entry', 'unattended'] } });
  });

  it('gives connected-unattended calls their own row, and bills a carried code like a keyed one', () => {
    const connecting = acme({ unattendedCalls: 'connect' });
    const keyed: CdrRecord = {
      ...call,
      gated: true,
      entry: { accountCode: '1234', validated: true, attempts: 1, outcome: 'connected' },
    };
    const made = summarizeCalls(
      connecting,
      [
        keyed,
        unattendedCdr(connecting, { code: '1234' }),
        unattendedCdr(connecting, true),
        { ...unattendedCdr(connecting, true), billableSeconds: 30 },
      ],
      { asOf: '2026-12-01T09:00:00Z' },
    );
    if (!made.ok) expect.fail(made.problem.message);
    expect(made.report.rows).toEqual([
      {
        key: '1234',
        name: 'Acme Corp',
        kind: 'tagged',
        calls: 2,
        answered: 2,
        billableSeconds: 1200,
      },
      { key: null, name: null, kind: 'unattended', calls: 2, answered: 2, billableSeconds: 630 },
    ]);
  });
});
