/**
 * docs/rules.md#invariants "inputs are never mutated", for the public functions whose inputs
 * no other test freezes. Each row calls one function on deep-frozen inputs
 * (a write would throw in strict mode) and checks a JSON snapshot of them.
 *
 * Where each public function's inputs are frozen:
 * - parseConfig: test/config/parse.test.ts, test/config/parse.prop.test.ts
 * - classifyCall: test/classify/classify.prop.test.ts, test/classify/classify.test.ts
 * - decide: test/decide.prop.test.ts
 * - startCodeEntry, advance: test/entry/machine.prop.test.ts, test/entry/machine.test.ts
 * - advanceMidCall: test/entry/mid-call.prop.test.ts, test/entry/mid-call.test.ts
 * - every administrative operation (enableAccountCodes, saveAccountSettings,
 *   disableAccountCodes, addTrunk, enableTrunk, disableTrunk,
 *   setTrunkCustomSettings, clearTrunkCustomSettings, addCode, renameCode,
 *   removeCode, importCodesCsv), config and arguments:
 *   test/settings/operations.prop.test.ts (and the frozen fixtures of test/settings/)
 * - here: evaluateCall, isDtmfKey, resolveSettings, parseEntryState, callRecord, isTerminal,
 *   startMidCallTagging, parseMidCallState, midCallRecord, createCodeDirectory
 *   (and its directory's answer), formatPath; configJsonSchema has no input,
 *   so here it is checked to hand out a fresh value every call
 * - tagCallRecord: test/reports/post-call.test.ts (a property over any record);
 *   tagCallRecordWithLookup: test/reports/post-call-lockout.test.ts
 * - here: summarizeCalls, createCallReport (and its builder's add), parseCdrRecord,
 *   cdrTagState, createCdrReader (it takes text, and its options object here)
 * - admitLookup, settleLookup, unblockScopes and the memory store's operations:
 *   test/lockout/ledger.prop.test.ts
 * - here: lockoutStatus, listScopes, parseLedger, scopeKeyId, lockoutExposure,
 *   exposureWarnings; performLookup and lockoutGate: test/entry/perform-lookup.test.ts
 * - the Redis store's operations (deep-frozen requests, against the memory store):
 *   test/redis/differential.test.ts
 * - promptText and normaliseCallerId take only primitives: nothing to mutate
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  advance,
  advanceMidCall,
  type CdrRecord,
  type Config,
  callRecord,
  cdrTagState,
  configJsonSchema,
  createCallReport,
  createCdrReader,
  createCodeDirectory,
  type EntryState,
  evaluateCall,
  exposureWarnings,
  formatPath,
  isTerminal,
  listScopes,
  lockoutExposure,
  lockoutStatus,
  type MidCallState,
  midCallRecord,
  parseCdrRecord,
  parseConfig,
  parseEntryState,
  parseLedger,
  parseMidCallState,
  resolveSettings,
  scopeKeyId,
  startCodeEntry,
  startMidCallTagging,
  summarizeCalls,
} from '../../src/index.js';
import { deepFreeze } from '../support/properties.js';

function acme(): Config {
  const file: unknown = JSON.parse(
    readFileSync(new URL('../../examples/acme.json', import.meta.url), 'utf8'),
  );
  const parsed = parseConfig(file);
  if (!parsed.ok) throw new Error('examples/acme.json is not a valid configuration');
  return parsed.config;
}

/** A trunk that stores an override the account does not allow: resolution reports it as ignored. */
function withIgnoredOverride(): Config {
  const config = acme();
  return {
    ...config,
    trunks: [
      ...config.trunks,
      {
        id: 'sales',
        accountCodesEnabled: true,
        customSettings: { allowCallAfterMaxRetries: true },
      },
    ],
  };
}

const VALIDATING = {
  codeLength: 4,
  maxRetries: 2,
  validateCodes: true,
  allowCallAfterMaxRetries: false,
} as const;

/** The code-entry state after `keys`, validating: collecting, awaiting the look-up, or ended. */
function entryState(keys: string, answers: readonly boolean[] = []): EntryState {
  const start = startCodeEntry(VALIDATING);
  if (!start.ok) throw new Error('options rejected');
  let state: EntryState = start.state;
  const pending = [...answers];
  for (const key of keys) {
    state = advance(state, { type: 'key', key: key as '1' }).state;
    if (state.phase === 'awaiting-lookup' && pending.length > 0) {
      state = advance(state, { type: 'lookup-result', valid: pending.shift() === true }).state;
    }
  }
  return state;
}

/** The mid-call state after `keys` with *50 and tracking: listening, collecting, or tagged. */
function midCallState(keys: string): MidCallState {
  const start = startMidCallTagging({
    codeLength: 4,
    maxRetries: 3,
    validateCodes: false,
    midCallCode: '*50',
  });
  if (!start.ok) throw new Error('options rejected');
  let state: MidCallState = start.state;
  for (const [index, key] of [...keys].entries()) {
    state = advanceMidCall(state, { type: 'key', key: key as '1', at: 1_000 + index }).state;
  }
  return state;
}

const LOCKOUT = {
  maxFailures: 2,
  windowMinutes: 30,
  scope: 'caller',
  unlockAfterMinutes: 30,
} as const;
const SUBJECT = { accountId: 'acme', trunkId: 'hq', callerId: '201' } as const;

/** A ledger with one locked caller and its trunk's count, as a store would keep it. */
function lockedLedger(): unknown {
  const key = (kind: string, callerId: string | null) => ({
    accountId: 'acme',
    kind,
    trunkId: 'hq',
    callerId,
  });
  const failures = [
    { id: 'c1#1', at: 1_000, settled: true },
    { id: 'c2#1', at: 2_000, settled: true },
  ];
  return {
    version: 1,
    scopes: {
      '["acme","caller","hq","201"]': {
        key: key('caller', '201'),
        failures,
        lock: { at: 2_000, until: 1_802_000, minutes: 30 },
      },
      '["acme","trunk","hq",null]': { key: key('trunk', null), failures, lock: null },
    },
  };
}

interface Row {
  /** The call, as a sentence. */
  readonly name: string;
  /** The inputs, frozen before the call. */
  readonly inputs: readonly unknown[];
  readonly call: (...inputs: readonly unknown[]) => unknown;
}

const CDR: CdrRecord = {
  start: '2026-11-02T14:00:00Z',
  end: '2026-11-02T14:10:00Z',
  answered: true,
  billableSeconds: 600,
  trunk: 'hq',
  dialed: '9011442079460000',
  caller: '201',
  gated: false,
  midCall: {
    accountCode: '1234',
    validated: true,
    attempts: 1,
    lockedOut: false,
    taggedAt: { keyIndex: 7 },
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

const ROWS: readonly Row[] = [
  ...(['code', 'category', 'trunk'] as const).map(
    (by): Row => ({
      name: `summarizeCalls by ${by}`,
      inputs: [
        acme(),
        [CDR, { ...CDR, gated: null, accountCode: 'peer-7' }],
        { by, asOf: 0, from: 0 },
      ],
      call: (config, records, options) =>
        summarizeCalls(config as Config, records as CdrRecord[], options as never),
    }),
  ),
  {
    name: "createCallReport and its builder's add",
    inputs: [acme(), { asOf: '2026-12-01T00:00:00Z' }, CDR],
    call: (config, options, record) => {
      const made = createCallReport(config as Config, options as never);
      return made.ok ? [made.builder.add(record as CdrRecord, 1), made.builder.result()] : made;
    },
  },
  {
    name: 'parseCdrRecord on a record and on a broken one',
    inputs: [CDR, { ...CDR, billableSeconds: -1 }],
    call: (good, bad) => [parseCdrRecord(good), parseCdrRecord(bad)],
  },
  {
    name: 'cdrTagState on a post-call-tagged record',
    inputs: [CDR],
    call: (record) => cdrTagState(record as CdrRecord),
  },
  {
    name: 'createCdrReader on its options',
    inputs: [{ timezone: 'Europe/London' }],
    call: (options) => {
      const made = createCdrReader(options as never);
      return made.ok ? made.reader.push(`${JSON.stringify(CDR)}\n`) : made;
    },
  },
  {
    name: 'evaluateCall on an international call with a caller',
    inputs: [acme(), { trunk: 'hq', dialed: '9 011 44 20 7946 0958', caller: '2001' }],
    call: (config, call) => evaluateCall(config as Config, call as never),
  },
  {
    name: 'evaluateCall on 911 from an unknown trunk',
    inputs: [acme(), { trunk: 'typo', dialed: '911' }],
    call: (config, call) => evaluateCall(config as Config, call as never),
  },
  {
    name: 'resolveSettings on a trunk with custom settings',
    inputs: [acme(), 'lab'],
    call: (config, id) => resolveSettings(config as Config, id as string),
  },
  {
    name: 'resolveSettings on a trunk whose stored override is ignored',
    inputs: [withIgnoredOverride(), 'sales'],
    call: (config, id) => resolveSettings(config as Config, id as string),
  },
  {
    name: 'resolveSettings on an unknown trunk',
    inputs: [acme(), 'nope'],
    call: (config, id) => resolveSettings(config as Config, id as string),
  },
  ...(
    [
      ['a collecting state', entryState('12')],
      ['a state awaiting its look-up', entryState('1234')],
      ['a connected state', entryState('1234', [true])],
      ['an ended state', entryState('12341234', [false, false])],
      ['a tampered state', { ...entryState('12'), attempts: 99 }],
      ['not a state', { phase: 'collecting', options: [] }],
    ] as const
  ).flatMap(([what, state]): Row[] => [
    {
      name: `parseEntryState on ${what}`,
      inputs: [state],
      call: (s) => parseEntryState(s),
    },
    {
      name: `callRecord on ${what}`,
      inputs: [state],
      call: (s) => callRecord(s as EntryState),
    },
    {
      name: `isTerminal on ${what}`,
      inputs: [state],
      call: (s) => isTerminal(s as EntryState),
    },
  ]),
  {
    name: 'startMidCallTagging on valid options',
    inputs: [{ codeLength: 4, maxRetries: 3, validateCodes: true, midCallCode: '*50' }],
    call: (options) => startMidCallTagging(options as never),
  },
  {
    name: 'startMidCallTagging on options with a bad star code',
    inputs: [{ codeLength: 4, maxRetries: 3, validateCodes: true, midCallCode: '50' }],
    call: (options) => startMidCallTagging(options as never),
  },
  ...(
    [
      ['a listening state', midCallState('')],
      ['a collecting state', midCallState('*501')],
      ['a tagged state', midCallState('*501234')],
      ['a tampered state', { ...midCallState('*501234'), keys: -1 }],
    ] as const
  ).flatMap(([what, state]): Row[] => [
    {
      name: `parseMidCallState on ${what}`,
      inputs: [state],
      call: (s) => parseMidCallState(s),
    },
    {
      name: `midCallRecord on ${what}`,
      inputs: [state],
      call: (s) => midCallRecord(s as MidCallState),
    },
  ]),
  {
    name: "createCodeDirectory on the account's code list",
    inputs: [acme().account.codes, 4],
    call: (codes, length) => createCodeDirectory(codes as never, length as number),
  },
  {
    name: 'createCodeDirectory on a list with a bad code',
    inputs: [['1234', { code: '12' }], 4],
    call: (codes, length) => createCodeDirectory(codes as never, length as number),
  },
  {
    name: "a directory's answer to a look-up effect",
    inputs: [{ type: 'lookup', code: '1234' }],
    call: (effect) => {
      const built = createCodeDirectory(['1234'], 4);
      return built.ok ? built.directory.answer(effect as never) : built;
    },
  },
  {
    name: 'lockoutStatus on a locked caller',
    inputs: [lockedLedger(), { settings: LOCKOUT, subject: SUBJECT }],
    call: (ledger, request) => lockoutStatus(ledger as never, request as never, 3_000),
  },
  {
    name: 'listScopes on a ledger with a lock',
    inputs: [lockedLedger(), { settings: LOCKOUT, accountId: 'acme' }],
    call: (ledger, request) => listScopes(ledger as never, request as never, 3_000),
  },
  {
    name: 'parseLedger on a stored ledger',
    inputs: [lockedLedger()],
    call: (ledger) => parseLedger(ledger),
  },
  {
    name: 'lockoutExposure on the example account',
    inputs: [acme()],
    call: (config) => lockoutExposure(config as Config),
  },
  {
    name: 'exposureWarnings on the example account',
    inputs: [acme()],
    call: (config) => exposureWarnings(config as Config),
  },
  {
    name: 'scopeKeyId on a key',
    inputs: [{ accountId: 'acme', kind: 'trunk', trunkId: 'hq', callerId: null }],
    call: (key) => scopeKeyId(key as never),
  },
  {
    name: 'formatPath on a path of keys and indexes',
    inputs: [['trunks', 1, 'customSettings', 'validateCodes']],
    call: (path) => formatPath(path as never),
  },
];

describe('inputs are never mutated', () => {
  it.each(ROWS)(
    'inputs are never mutated: $name leaves its deep-frozen inputs as they were',
    ({ inputs, call }) => {
      const before = JSON.stringify(inputs);
      const frozen = inputs.map((input) => deepFreeze(input));
      expect(() => call(...frozen)).not.toThrow();
      expect(JSON.stringify(frozen)).toBe(before);
    },
  );

  it('configJsonSchema hands out a fresh schema: changing one result does not change the next', () => {
    const first = configJsonSchema();
    const snapshot = JSON.stringify(first);
    const properties = first.properties as Record<string, Record<string, unknown>>;
    for (const value of Object.values(properties)) value.type = 'changed';
    first.title = 'changed';
    expect(JSON.stringify(configJsonSchema())).toBe(snapshot);
  });
});
