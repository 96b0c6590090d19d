/**
 * docs/rules.md#invariants "every function is total", pushed with junk: every public entry
 * point gets arbitrary strings, JSON (prototype-ish keys, -0, huge strings)
 * and non-JSON values (NaN, bigint, maps, null-prototype objects, sparse
 * arrays), and must answer with a value or a typed failure (a string `code`
 * and a non-empty `message`), never an exception.
 *
 * Scope of the junk, function by function:
 * - Functions documented to check their input at run time (parseConfig, the
 *   entry machines and their parsers and records, createCodeDirectory, every
 *   administrative operation, classifyCall's context) get anything at all.
 * - resolveSettings, decide and promptText take typed values and document no
 *   run-time check of their shape (stored data goes through parseConfig
 *   first), so they get every value their TypeScript types admit, however
 *   nonsensical (NaN code lengths, duplicate trunk ids, repeated call types,
 *   `active` disagreeing with `inactiveReason`), but not values that need a cast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admitLookup,
  advance,
  advanceMidCall,
  CALL_CATEGORIES,
  type CdrRecord,
  type Config,
  callRecord,
  cdrTagState,
  classifyCall,
  configJsonSchema,
  createCallReport,
  createCdrReader,
  createCodeDirectory,
  createMemoryLockoutStore,
  DEFAULT_LOCKOUT,
  decide,
  type EntryEvent,
  type EntryOptions,
  type EntryState,
  emptyLedger,
  evaluateCall,
  formatPath,
  importCodesCsv,
  isDtmfKey,
  isTerminal,
  type LockoutLedger,
  type LookupContext,
  type LookupEffect,
  listScopes,
  lockoutGate,
  lockoutStatus,
  type MidCallOptions,
  type MidCallState,
  midCallRecord,
  normaliseCallerId,
  PROMPT_IDS,
  parseCdrRecord,
  parseConfig,
  parseEntryState,
  parseLedger,
  parseMidCallState,
  performLookup,
  promptText,
  resolveSettings,
  settleLookup,
  startCodeEntry,
  startMidCallTagging,
  summarizeCalls,
  tagCallRecord,
  unblockScopes,
} from '../../src/index.js';
import { contextArb, unknownTrunkArb } from '../classify/arbitraries.js';
import {
  apply,
  corruptedConfig,
  type Operation,
  operation,
  TRUNK_IDS,
  validConfig,
} from '../settings/arbitraries.js';
import { validConfigFileArb } from '../support/arbitraries.js';
import { deepFreeze, invariantRuns } from '../support/properties.js';
import {
  anyNumberArb,
  anyStringArb,
  anyTextArb,
  eventArb,
  expectResultOrTypedFailure,
  expectTypedProblem,
  jsonJunkArb,
  junkArb,
  nearValidFileArb,
  optionsArb,
  PROTOTYPE_KEYS,
  replaceAt,
  typedJunkClassificationArb,
  typedJunkConfigArb,
  typedJunkResolvedArb,
} from './arbitraries.js';

const KINDS = ['emergency', 'internal', 'external', 'invalid'];
const OUTCOMES = ['connected', 'connected-after-max-retries', 'ended', 'abandoned', 'incomplete'];

/** A state reached by starting with some options and feeding some events; may be a failed start. */
function reachedEntryState(options: unknown, events: readonly EntryEvent[]): unknown {
  const start = startCodeEntry(options as EntryOptions);
  if (!start.ok) return options;
  let state: EntryState = start.state;
  for (const event of events) state = advance(state, event).state;
  return state;
}

function reachedMidCallState(options: unknown, events: readonly EntryEvent[]): unknown {
  const start = startMidCallTagging(options as MidCallOptions);
  if (!start.ok) return options;
  let state: MidCallState = start.state;
  for (const event of events) state = advanceMidCall(state, event).state;
  return state;
}

/** A state: junk, one reached by real events, or a reached one with a field swapped for junk. */
function stateArb(reach: (options: unknown, events: readonly EntryEvent[]) => unknown) {
  const reached = fc
    .tuple(optionsArb, fc.array(eventArb, { maxLength: 12 }))
    .map(([options, events]) => reach(options, events));
  const tampered = fc
    .tuple(
      reached,
      fc.constantFrom(
        'phase',
        'options',
        'attempts',
        'digits',
        'keys',
        'tag',
        'matched',
        'accountCode',
        'validated',
        '__proto__',
      ),
      junkArb,
    )
    .map(([state, field, junk]) => replaceAt(state, [field], junk));
  return fc.oneof(junkArb, reached, tampered);
}

const entryStateArb = stateArb(reachedEntryState);
const midCallStateArb = stateArb(reachedMidCallState);

describe('configuration entry points are total', () => {
  it('every function is total: parseConfig answers any value with a config or typed issues', () => {
    fc.assert(
      fc.property(fc.oneof(junkArb, nearValidFileArb, anyTextArb), (input) => {
        const result = parseConfig(input);
        expectResultOrTypedFailure(result);
        if (!result.ok)
          for (const issue of result.issues) expect(Array.isArray(issue.path)).toBe(true);
      }),
      invariantRuns(),
    );
  });

  it('every function is total: configJsonSchema always returns the same JSON-serialisable schema', () => {
    const first = JSON.stringify(configJsonSchema());
    expect(JSON.parse(first)).toHaveProperty('$schema');
    expect(JSON.stringify(configJsonSchema())).toBe(first);
  });

  it('every function is total: formatPath renders any path of keys and indexes as a string', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyStringArb, anyNumberArb)), (path) => {
        expect(formatPath(path)).toBeTypeOf('string');
      }),
      invariantRuns(),
    );
  });
});

describe('classification and the decision are total', () => {
  it('every function is total: classifyCall answers any string in any context, typed or junk, with one kind', () => {
    fc.assert(
      fc.property(
        anyTextArb,
        fc.oneof(
          contextArb,
          junkArb,
          typedJunkConfigArb.map((c) => c.account),
        ),
        (dialed, context) => {
          const result = classifyCall(dialed, context as never);
          expect(KINDS).toContain(result.kind);
          for (const category of result.categories) expect(CALL_CATEGORIES).toContain(category);
          if (result.kind === 'invalid') expect(result.message).not.toBe('');
        },
      ),
      invariantRuns(),
    );
  });

  it('every function is total: resolveSettings answers any typed config and any trunk id with settings or unknown-trunk', () => {
    const configArb = fc.oneof(
      typedJunkConfigArb,
      validConfigFileArb.map((file) => {
        const parsed = parseConfig(file);
        return parsed.ok ? parsed.config : (file as unknown as Config);
      }),
    );
    const trunkIdArb = fc.oneof(anyTextArb, fc.constantFrom(...TRUNK_IDS, ...PROTOTYPE_KEYS));
    fc.assert(
      fc.property(configArb, trunkIdArb, (config, trunkId) => {
        const resolved = resolveSettings(config, trunkId);
        expectResultOrTypedFailure(resolved);
        if (resolved.ok) expect(resolved.trunkId).toBe(trunkId);
        else expect(resolved.error.code).toBe('unknown-trunk');
      }),
      invariantRuns(),
    );
  });

  it('every function is total: decide answers any typed settings and classification with a decision or a typed error', () => {
    fc.assert(
      fc.property(
        fc.oneof(typedJunkResolvedArb, unknownTrunkArb),
        typedJunkClassificationArb,
        (resolved, classification) => {
          const result = decide(resolved, classification);
          expectResultOrTypedFailure(result);
          if (result.ok) expect(result.reason).toMatch(/^(required|not required): /);
        },
      ),
      invariantRuns(),
    );
  });

  it('every function is total: promptText words every prompt for any code length', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROMPT_IDS), anyNumberArb, (prompt, codeLength) => {
        const text = promptText(prompt, codeLength);
        expect(text).toBeTypeOf('string');
        expect(text).not.toBe('');
      }),
      invariantRuns(),
    );
  });
});

describe('code entry is total', () => {
  it('every function is total: startCodeEntry answers any options with a state or a typed error', () => {
    fc.assert(
      fc.property(optionsArb, (options) => {
        const start = startCodeEntry(options as EntryOptions);
        expectResultOrTypedFailure(start);
        if (start.ok) expect(parseEntryState(start.state).ok).toBe(true);
      }),
      invariantRuns(),
    );
  });

  it('every function is total: advance, parseEntryState, callRecord and isTerminal answer any state and event', () => {
    fc.assert(
      fc.property(entryStateArb, eventArb, (state, event) => {
        const next = advance(state as EntryState, event);
        expect(Array.isArray(next.effects)).toBe(true);
        const parsed = parseEntryState(state);
        expectResultOrTypedFailure(parsed);
        expect(OUTCOMES).toContain(callRecord(state as EntryState).outcome);
        expect(OUTCOMES).toContain(callRecord(next.state).outcome);
        // isTerminal reads `phase` of a typed state: only nullish values are out of its reach.
        if (state !== null && state !== undefined) {
          expect(isTerminal(state as EntryState)).toBeTypeOf('boolean');
        }
      }),
      invariantRuns(),
    );
  });

  it('every function is total: startMidCallTagging answers any options with a state or a typed error', () => {
    fc.assert(
      fc.property(optionsArb, (options) => {
        const start = startMidCallTagging(options as MidCallOptions);
        expectResultOrTypedFailure(start);
        if (start.ok) expect(parseMidCallState(start.state).ok).toBe(true);
      }),
      invariantRuns(),
    );
  });

  it('every function is total: advanceMidCall, parseMidCallState and midCallRecord answer any state and event', () => {
    fc.assert(
      fc.property(midCallStateArb, eventArb, (state, event) => {
        const next = advanceMidCall(state as MidCallState, event);
        expect(Array.isArray(next.effects)).toBe(true);
        expectResultOrTypedFailure(parseMidCallState(state));
        expect(midCallRecord(state as MidCallState)).toHaveProperty('accountCode');
        expect(midCallRecord(next.state)).toHaveProperty('accountCode');
      }),
      invariantRuns(),
    );
  });

  it('every function is total: createCodeDirectory answers any list and length, and its directory any query', () => {
    const codesArb = fc.oneof(
      junkArb,
      fc.array(fc.oneof(anyStringArb, junkArb), { maxLength: 6 }),
      fc
        .array(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 3, maxLength: 7 }), {
          maxLength: 6,
        })
        .map((codes) => codes.map((code) => ({ code }))),
    );
    const lengthArb = fc.oneof(fc.integer({ min: 2, max: 8 }), anyNumberArb);
    fc.assert(
      fc.property(codesArb, lengthArb, anyTextArb, junkArb, (codes, codeLength, query, effect) => {
        const built = createCodeDirectory(codes as Iterable<string>, codeLength);
        expectResultOrTypedFailure(built);
        if (!built.ok) return;
        expect(built.directory.has(query)).toBeTypeOf('boolean');
        expect(built.directory.answer(effect as LookupEffect).type).toBe('lookup-result');
        expect(
          built.directory.answer({ type: 'lookup', code: query, attempt: 1 }).valid,
        ).toBeTypeOf('boolean');
      }),
      invariantRuns(),
    );
  });
});

const OPERATION_KINDS: readonly Operation['kind'][] = [
  'enableAccountCodes',
  'saveAccountSettings',
  'disableAccountCodes',
  'addTrunk',
  'enableTrunk',
  'disableTrunk',
  'setTrunkCustomSettings',
  'clearTrunkCustomSettings',
  'addCode',
  'renameCode',
  'removeCode',
  'importCodesCsv',
];

/** Every argument of the operation replaced by junk. */
const junkOperationArb: fc.Arbitrary<Operation> = fc
  .tuple(fc.constantFrom(...OPERATION_KINDS), junkArb, junkArb)
  .map(
    ([kind, first, second]) =>
      ({
        kind,
        options: first,
        trunkId: first,
        code: first,
        csv: first,
        custom: second,
        name: second,
      }) as Operation,
  );

/** CSV-ish text: the header or not, quotes, commas, line breaks of every kind, any characters. */
const csvTextArb: fc.Arbitrary<string> = fc.oneof(
  anyTextArb,
  fc
    .tuple(
      fc.constantFrom('code,name', '\uFEFFcode,name', 'code', 'name,code', ''),
      fc.array(fc.string({ unit: fc.constantFrom(...'0123456789,"\r\n a'), maxLength: 12 }), {
        maxLength: 5,
      }),
      fc.constantFrom('\n', '\r\n', '\r'),
    )
    .map(([header, rows, eol]) => [header, ...rows].join(eol)),
);

/**
 * A valid config whose trunk or code list has a hole, as `trunks[2] = trunk`
 * on a shorter array makes: it type-checks as a Config, and JavaScript's
 * `every` skips holes while `find` visits them.
 */
const sparseConfigArb: fc.Arbitrary<Config> = fc
  .tuple(validConfig, fc.constantFrom('trunks' as const, 'codes' as const), fc.nat(4))
  .map(([config, which, index]) => {
    const list: readonly unknown[] = which === 'trunks' ? config.trunks : config.account.codes;
    const hole = Math.min(index, list.length);
    const holed: unknown[] = new Array(list.length + 1);
    list.forEach((item, i) => {
      holed[i < hole ? i : i + 1] = item;
    });
    return (
      which === 'trunks'
        ? { ...config, trunks: holed }
        : { ...config, account: { ...config.account, codes: holed } }
    ) as Config;
  });

describe('administrative operations are total', () => {
  it('every function is total: every operation answers any config and any arguments with a result or a typed error', () => {
    const configArb = fc.oneof(
      validConfig,
      corruptedConfig,
      typedJunkConfigArb,
      sparseConfigArb,
      junkArb,
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(configArb, fc.oneof(operation, junkOperationArb), (config, op) => {
        expectResultOrTypedFailure(apply(config as Config, op));
      }),
      invariantRuns(),
    );
  });

  it('every function is total: importCodesCsv answers any text with the codes added or every bad row', () => {
    fc.assert(
      fc.property(validConfig, csvTextArb, (config, csv) => {
        const result = importCodesCsv(config, csv);
        expectResultOrTypedFailure(result);
        if (!result.ok)
          for (const row of result.error.rows ?? [])
            expectTypedProblem({ code: row.reason, message: row.message });
      }),
      invariantRuns(),
    );
  });
});

describe('JSON junk is what storage hands back', () => {
  it('every function is total: states and configs loaded as arbitrary JSON are refused with typed errors', () => {
    fc.assert(
      fc.property(jsonJunkArb, (value) => {
        expectResultOrTypedFailure(parseEntryState(value));
        expectResultOrTypedFailure(parseMidCallState(value));
        expectResultOrTypedFailure(parseConfig(value));
      }),
      invariantRuns(),
    );
  });
});

/**
 * The public functions of the lockout, evaluation and reports rounds (issue
 * 17): every one answers junk with a value or a typed failure, never throws,
 * and never writes to its input — the inputs are deep-frozen, so a write
 * throws in these ES modules and fails the property.
 */
describe('the lockout, evaluation and report entry points are total', () => {
  const ledgerArb: fc.Arbitrary<unknown> = fc.oneof(
    fc.constant(emptyLedger()),
    jsonJunkArb,
    junkArb,
    fc.record({ version: fc.constant(1), scopes: fc.dictionary(anyStringArb, jsonJunkArb) }),
  );
  const subjectArb = fc.oneof(
    fc.record({
      accountId: fc.oneof(fc.constant(null), anyStringArb),
      trunkId: fc.oneof(fc.constantFrom('hq', 'lab'), anyStringArb),
      callerId: fc.oneof(fc.constant(null), fc.constantFrom('201', '+12125551234'), anyStringArb),
    }),
    junkArb,
  );
  const settingsArb = fc.oneof(
    fc.constant(DEFAULT_LOCKOUT),
    fc.record({
      maxFailures: fc.oneof(fc.integer({ min: 1, max: 5 }), anyNumberArb),
      windowMinutes: fc.oneof(fc.integer({ min: 1, max: 60 }), anyNumberArb),
      scope: fc.oneof(fc.constantFrom('trunk', 'caller', 'account'), anyStringArb),
      unlockAfterMinutes: fc.oneof(
        fc.constant(null),
        fc.integer({ min: 1, max: 60 }),
        anyNumberArb,
      ),
    }),
    junkArb,
  );
  const requestArb = fc.oneof(
    fc.record({
      settings: settingsArb,
      subject: subjectArb,
      callId: fc.oneof(fc.constant('call-1'), anyStringArb),
      attempt: fc.oneof(fc.integer({ min: 1, max: 3 }), anyNumberArb),
      hit: fc.oneof(fc.boolean(), junkArb),
      accountId: fc.oneof(fc.constant(null), anyStringArb),
      target: fc.oneof(
        fc.constant({ kind: 'all' }),
        fc.record({ kind: fc.constant('trunk'), trunkId: anyStringArb }),
        junkArb,
      ),
    }),
    junkArb,
  );
  const nowArb = fc.oneof(fc.integer({ min: 0, max: 4e12 }), anyNumberArb);

  it('every function is total: isDtmfKey and normaliseCallerId answer any value', () => {
    fc.assert(
      fc.property(junkArb, anyTextArb, (value, text) => {
        expect(isDtmfKey(deepFreeze(value))).toBeTypeOf('boolean');
        const id = normaliseCallerId(text);
        if (id !== undefined) expect(id.length).toBeLessThanOrEqual(33);
      }),
      invariantRuns(),
    );
  });

  it('every function is total: evaluateCall answers any typed config and any call', () => {
    fc.assert(
      fc.property(
        fc.oneof(validConfig, typedJunkConfigArb),
        fc.record(
          {
            trunk: anyStringArb,
            dialed: anyTextArb,
            caller: anyStringArb,
            unattended: fc.oneof(fc.boolean(), fc.record({ code: anyStringArb }), fc.anything()),
          },
          {
            requiredKeys: ['trunk', 'dialed'],
          },
        ),
        (config, call) => {
          const evaluation = evaluateCall(
            deepFreeze(config),
            deepFreeze(call) as Parameters<typeof evaluateCall>[1],
          );
          expect(KINDS).toContain(evaluation.classification.kind);
          if (evaluation.ok) {
            expect(evaluation.required).toBeTypeOf('boolean');
            // docs/rules.md#calls-nobody-can-key: a settled call has one effect, connect or end.
            if (evaluation.required && evaluation.unattended !== undefined) {
              expect(['connect', 'end']).toContain(evaluation.unattended.effect.type);
            }
          } else expectTypedProblem(evaluation.error);
        },
      ),
      invariantRuns(),
    );
  });

  it('every function is total: the pure ledger functions answer any ledger, request and time', () => {
    fc.assert(
      fc.property(ledgerArb, requestArb, nowArb, (ledger, request, now) => {
        const l = deepFreeze(ledger) as LockoutLedger;
        const r = deepFreeze(request) as never;
        for (const result of [
          parseLedger(l),
          admitLookup(l, r, now),
          settleLookup(l, r, now),
          lockoutStatus(l, r, now),
          listScopes(l, r, now),
          unblockScopes(l, r, now),
        ]) {
          expectResultOrTypedFailure(result);
        }
      }),
      invariantRuns(),
    );
  });

  it('every function is total: performLookup and lockoutGate answer any effect and context, failing closed', async () => {
    const directory = createCodeDirectory(['1234'], 4);
    if (!directory.ok) throw new Error('a valid directory');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ type: fc.constant('lookup'), code: anyStringArb, attempt: anyNumberArb }),
          junkArb,
        ),
        fc.oneof(settingsArb, fc.constant(false)),
        subjectArb,
        fc.oneof(fc.constant('call-1'), anyStringArb),
        async (effect, lockout, subject, callId) => {
          const store = createMemoryLockoutStore({ clock: () => Date.UTC(2026, 11, 1) });
          const context = deepFreeze({ lockout, subject, callId }) as Omit<LookupContext, 'store'>;
          const done = await performLookup(
            deepFreeze(effect) as LookupEffect,
            directory.directory,
            { ...context, store },
          );
          expect(['lookup-result', 'lookup-refused']).toContain(done.event.type);
          // Whatever went wrong, a listed code is only ever valid through an admitted look-up.
          if (done.problem !== null) {
            expectTypedProblem(done.problem);
            expect(done.event).not.toMatchObject({ valid: true });
          }
          const gate = await lockoutGate({ ...context, store });
          expect(['open', 'locked-out', 'ledger-unavailable']).toContain(gate.gate);
          if (gate.problem !== null) expect(gate.gate).toBe('ledger-unavailable');
        },
      ),
      invariantRuns({ numRuns: Math.max(100, Math.floor((invariantRuns().numRuns ?? 1000) / 5)) }),
    );
  });

  it('every function is total: the report functions answer any record, options and text', () => {
    const reader = createCdrReader({ timezone: 'UTC' });
    if (!reader.ok) throw new Error('UTC is a zone');
    fc.assert(
      fc.property(
        fc.oneof(validConfig, typedJunkConfigArb),
        fc.array(jsonJunkArb, { maxLength: 4 }),
        junkArb,
        junkArb,
        (config, records, options, request) => {
          const c = deepFreeze(config);
          const rs = deepFreeze(records) as CdrRecord[];
          for (const record of rs) {
            const read = parseCdrRecord(record);
            expect(read.ok).toBeTypeOf('boolean');
            if (!read.ok) expectTypedProblem(read.problem);
            else expect(cdrTagState(read.record)).toBeTypeOf('object');
            const tagged = tagCallRecord(
              record,
              deepFreeze(request) as never,
              deepFreeze(options) as never,
            );
            expect(['tagged', 'lookup', 'refused']).toContain(tagged.kind);
            if (tagged.kind === 'refused') expectTypedProblem(tagged.error);
          }
          // The report functions name their failure `problem` (the others: `error`).
          for (const made of [
            summarizeCalls(c, rs, deepFreeze(options) as never),
            createCallReport(c, deepFreeze(options) as never),
            createCdrReader(deepFreeze(options) as never),
          ]) {
            expect(made.ok).toBeTypeOf('boolean');
            if (!made.ok) expectTypedProblem(made.problem);
          }
        },
      ),
      invariantRuns(),
    );
  });
});
