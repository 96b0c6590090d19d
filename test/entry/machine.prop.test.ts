/**
 * Model-based tests of code entry (docs/rules.md#code-entry) and its docs/rules.md#invariants invariants: random
 * conversations run against the machine and against a small reference model
 * written independently, step by step, with the invariants checked after
 * every step.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_REFUSALS, type CodeRefusal } from '../../src/entry/code-scope.js';
import { type CodeDirectory, createCodeDirectory } from '../../src/entry/directory.js';
import type {
  DtmfKey,
  EntryEffect,
  EntryEvent,
  LockoutGate,
  RefusalReason,
} from '../../src/entry/events.js';
import {
  advance,
  type EntryOptions,
  type EntryState,
  isTerminal,
  parseEntryState,
  startCodeEntry,
} from '../../src/entry/machine.js';
import { type CallOutcome, callRecord } from '../../src/entry/record.js';
import { deepFreeze, invariantRuns, propertyRuns } from '../support/properties.js';

// ---------------------------------------------------------------------------
// The reference model: the rules of docs/rules.md#code-entry in the plainest form.
// ---------------------------------------------------------------------------

interface Model {
  readonly options: EntryOptions;
  readonly codes: ReadonlySet<string>;
  /** The account's list as the integrator holds it, to answer look-ups. */
  readonly directory: CodeDirectory;
  outcome: CallOutcome;
  digits: string;
  pending: string | null;
  submitted: number;
  incorrect: number;
  accountCode: string | null;
  validated: boolean;
  /** docs/rules.md#scoped-codes: the reasons of the refused look-ups, in order, for the record. */
  refusals: CodeRefusal[];
}

/** The effects the model expects for `event`, updating the model. */
function modelStep(m: Model, event: EntryEvent): EntryEffect[] {
  if (m.outcome !== 'incomplete') return [];
  if (event.type === 'hangup') {
    m.outcome = 'abandoned';
    m.pending = null;
    return [];
  }
  if (m.pending !== null) {
    if (event.type === 'lookup-refused') {
      m.pending = null;
      return lockedOut(m, event.reason);
    }
    if (event.type !== 'lookup-result') return [];
    const code = m.pending;
    m.pending = null;
    if (event.valid) return accept(m, code, true);
    if (event.reason !== undefined) m.refusals.push(event.reason);
    // docs/rules.md#lockout: the miss that locks the scope ends the call, whatever allowCallAfterMaxRetries says.
    return event.locked === true ? lockedOut(m, 'locked-out') : wrong(m, 'invalid-code');
  }
  if (event.type === 'lookup-result' || event.type === 'lookup-refused') return [];
  if (event.type === 'key' && event.key === '*') {
    m.digits = '';
    return [{ type: 'play', prompt: 'enter-code' }];
  }
  if (event.type === 'key' && event.key !== '#') {
    m.digits += event.key;
    if (m.digits.length < m.options.codeLength) return [];
  }
  // '#', a timeout, or the last digit: submit.
  const keyed = m.digits;
  m.digits = '';
  m.submitted += 1;
  if (keyed.length !== m.options.codeLength) return wrong(m, 'wrong-length');
  if (!m.options.validateCodes) return accept(m, keyed, false);
  m.pending = keyed;
  return [{ type: 'lookup', code: keyed, attempt: m.submitted }];
}

function lockedOut(m: Model, reason: RefusalReason): EntryEffect[] {
  m.outcome = reason;
  return [
    { type: 'play', prompt: 'locked-out' },
    { type: 'end', reason },
  ];
}

function accept(m: Model, code: string, validated: boolean): EntryEffect[] {
  m.outcome = 'connected';
  m.accountCode = code;
  m.validated = validated;
  return [
    { type: 'play', prompt: 'accepted' },
    { type: 'connect', accountCode: code, validated },
  ];
}

function wrong(m: Model, prompt: 'invalid-code' | 'wrong-length'): EntryEffect[] {
  m.incorrect += 1;
  if (m.incorrect < m.options.maxRetries) return [{ type: 'play', prompt }];
  if (m.options.allowCallAfterMaxRetries) {
    m.outcome = 'connected-after-max-retries';
    return [
      { type: 'play', prompt: 'max-retries' },
      { type: 'connect', accountCode: null, validated: false },
    ];
  }
  m.outcome = 'ended';
  return [
    { type: 'play', prompt: 'max-retries' },
    { type: 'end', reason: 'max-retries' },
  ];
}

// ---------------------------------------------------------------------------
// The system under test, and the checks made after every event.
// ---------------------------------------------------------------------------

interface Real {
  state: EntryState;
  /** Incorrect attempts as the caller experienced them: error prompts and max-retries. */
  incorrectHeard: number;
  connects: { accountCode: string | null; validated: boolean }[];
}

/** Sends one event to both, and checks everything the invariants promise. */
function step(m: Model, r: Real, event: EntryEvent): void {
  const before = r.state;
  const wasTerminal = isTerminal(before);
  const roundTripped = JSON.parse(JSON.stringify(before)) as EntryState;
  // Inputs are never mutated: frozen inputs would throw on a write in strict mode.
  const next = advance(deepFreeze(before), deepFreeze(event));
  const expected = modelStep(m, event);

  assert.deepStrictEqual(next.effects, expected);
  // A state round-trips through JSON unchanged, and continuing from it gives the same result.
  assert.deepStrictEqual(roundTripped, before);
  assert.deepStrictEqual(advance(roundTripped, event), next);
  // Terminal states absorb every event: the same object, no effects.
  if (wasTerminal) {
    assert.equal(next.state, before);
    assert.equal(next.effects.length, 0);
  }

  for (const effect of next.effects) {
    if (
      effect.type === 'play' &&
      effect.prompt !== 'enter-code' &&
      effect.prompt !== 'accepted' &&
      effect.prompt !== 'locked-out'
    ) {
      r.incorrectHeard += 1;
    }
    if (effect.type === 'connect') r.connects.push(effect);
  }
  r.state = next.state;

  assert.deepStrictEqual(callRecord(r.state), {
    accountCode: m.accountCode,
    validated: m.validated,
    attempts: m.submitted,
    outcome: m.outcome,
    ...(m.refusals.length === 0 ? {} : { refusals: m.refusals }),
  });
  // A caller never gets more than maxRetries incorrect attempts.
  assert.ok(r.incorrectHeard <= m.options.maxRetries, 'more incorrect attempts than maxRetries');
  assert.ok(m.incorrect <= m.options.maxRetries);
  // With validation on and no calls after max retries, nothing connects without a listed code.
  if (m.options.validateCodes && !m.options.allowCallAfterMaxRetries) {
    for (const c of r.connects) {
      assert.ok(
        c.accountCode !== null && m.codes.has(c.accountCode),
        'connected without a listed code',
      );
    }
  }
  assert.ok(r.connects.length <= 1, 'connected twice');
  // docs/rules.md#invariants, docs/rules.md#lockout: a locked scope never connects a code-gated call.
  if (m.outcome === 'locked-out' || m.outcome === 'ledger-unavailable') {
    assert.equal(r.connects.length, 0, 'connected on a locked scope');
  }
}

// ---------------------------------------------------------------------------
// Commands: what a caller and the embedding application can do.
// ---------------------------------------------------------------------------

type Cmd = fc.Command<Model, Real>;

class SendEvent implements Cmd {
  constructor(readonly event: EntryEvent) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    step(m, r, this.event);
  }
  toString(): string {
    return JSON.stringify(this.event);
  }
}

/** Keys a whole code digit by digit: a listed one, so look-ups can hit. */
class KeyCode implements Cmd {
  constructor(readonly pick: number) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const listed = [...m.codes];
    const code = listed[this.pick % listed.length] ?? '';
    for (const key of code) step(m, r, { type: 'key', key: key as DtmfKey });
  }
  toString(): string {
    return `key listed code #${this.pick}`;
  }
}

/** Answers the pending look-up truthfully from the account's list, as an honest integrator does. */
class AnswerLookup implements Cmd {
  constructor(readonly namesCode: boolean) {}
  check(m: Readonly<Model>): boolean {
    return m.pending !== null;
  }
  run(m: Model, r: Real): void {
    if (r.state.phase !== 'awaiting-lookup') throw new Error('no look-up to answer');
    const answer = m.directory.answer({
      type: 'lookup',
      code: r.state.code,
      attempt: r.state.attempts,
    });
    const { code: _code, ...withoutCode } = answer;
    step(m, r, this.namesCode ? answer : withoutCode);
  }
  toString(): string {
    return `answer look-up${this.namesCode ? ' naming the code' : ''}`;
  }
}

/** The lockout ledger answers instead (docs/rules.md#lockout): admission refused, or the miss that locks. */
class AnswerLockout implements Cmd {
  constructor(readonly how: 'miss-locked' | RefusalReason) {}
  check(m: Readonly<Model>): boolean {
    return m.pending !== null;
  }
  run(m: Model, r: Real): void {
    step(
      m,
      r,
      this.how === 'miss-locked'
        ? { type: 'lookup-result', valid: false, locked: true }
        : { type: 'lookup-refused', reason: this.how },
    );
  }
  toString(): string {
    return `lockout answer ${this.how}`;
  }
}

/** A miss for a reason of the code's scope (docs/rules.md#scoped-codes): the caller hears a plain miss. */
class AnswerScopedMiss implements Cmd {
  constructor(readonly reason: CodeRefusal) {}
  check(m: Readonly<Model>): boolean {
    return m.pending !== null;
  }
  run(m: Model, r: Real): void {
    step(m, r, { type: 'lookup-result', valid: false, reason: this.reason });
  }
  toString(): string {
    return `scoped miss ${this.reason}`;
  }
}

/** A look-up answer when none is pending: a stray or replayed webhook. */
class StrayAnswer implements Cmd {
  constructor(readonly valid: boolean) {}
  check(m: Readonly<Model>): boolean {
    return m.pending === null;
  }
  run(m: Model, r: Real): void {
    step(m, r, { type: 'lookup-result', valid: this.valid });
  }
  toString(): string {
    return `stray answer ${this.valid}`;
  }
}

const keyArb = fc.constantFrom<DtmfKey>('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#');
const commandArbs = [
  keyArb.map((key): Cmd => new SendEvent({ type: 'key', key })),
  keyArb.map((key): Cmd => new SendEvent({ type: 'key', key })),
  fc.constant<Cmd>(new SendEvent({ type: 'timeout' })),
  fc.constant<Cmd>(new SendEvent({ type: 'hangup' })),
  fc.nat().map((pick): Cmd => new KeyCode(pick)),
  fc.boolean().map((namesCode): Cmd => new AnswerLookup(namesCode)),
  fc.boolean().map((valid): Cmd => new StrayAnswer(valid)),
  fc.constantFrom(...CODE_REFUSALS).map((reason): Cmd => new AnswerScopedMiss(reason)),
  fc
    .constantFrom('miss-locked' as const, 'locked-out' as const, 'ledger-unavailable' as const)
    .map((how): Cmd => new AnswerLockout(how)),
];

const optionsArb: fc.Arbitrary<EntryOptions> = fc.record({
  codeLength: fc.integer({ min: 3, max: 7 }),
  maxRetries: fc.integer({ min: 1, max: 9 }),
  validateCodes: fc.boolean(),
  allowCallAfterMaxRetries: fc.boolean(),
});

const setupArb = optionsArb.chain((options) =>
  fc.record({
    options: fc.constant(options),
    gate: fc.constantFrom<LockoutGate>('open', 'open', 'open', 'locked-out', 'ledger-unavailable'),
    codes: fc.uniqueArray(
      fc
        .integer({ min: 0, max: 10 ** options.codeLength - 1 })
        .map((n) => String(n).padStart(options.codeLength, '0')),
      { minLength: 1, maxLength: 5 },
    ),
  }),
);

/** Runs one random conversation against the model. */
function conversation(
  options: EntryOptions,
  codes: readonly string[],
  commands: Iterable<Cmd>,
  gate: LockoutGate = 'open',
): void {
  const start = startCodeEntry(options, gate);
  if (!start.ok) throw new Error(start.error.message);
  // docs/rules.md#lockout: on a locked scope, no digits are collected and nothing is looked up.
  const gated = options.validateCodes && gate !== 'open';
  assert.deepStrictEqual(
    start.effects,
    gated
      ? [
          { type: 'play', prompt: 'locked-out' },
          { type: 'end', reason: gate },
        ]
      : [{ type: 'play', prompt: 'enter-code' }],
  );
  const built = createCodeDirectory(codes, options.codeLength);
  if (!built.ok) throw new Error(built.error.message);
  const directory = built.directory;
  fc.modelRun(
    () => ({
      model: {
        outcome: (gated ? gate : 'incomplete') as CallOutcome,
        options,
        codes: new Set(codes),
        directory,
        digits: '',
        pending: null,
        submitted: 0,
        incorrect: 0,
        accountCode: null,
        validated: false,
        refusals: [],
      },
      real: { state: start.state, incorrectHeard: 0, connects: [] },
    }),
    commands,
  );
}

const commandsArb = fc.commands(commandArbs, { maxCommands: 60 });

describe('code entry against its reference model (docs/rules.md#code-entry, docs/rules.md#invariants)', () => {
  it('a caller never gets more than maxRetries incorrect attempts', () => {
    fc.assert(
      fc.property(setupArb, commandsArb, ({ options, codes, gate }, commands) =>
        conversation(options, codes, commands, gate),
      ),
      invariantRuns(),
    );
  });

  it('with validation on and allowCallAfterMaxRetries off, no call connects without a code from the list', () => {
    const gated = setupArb.map(({ options, codes, gate }) => ({
      options: { ...options, validateCodes: true, allowCallAfterMaxRetries: false },
      codes,
      gate,
    }));
    fc.assert(
      fc.property(gated, commandsArb, ({ options, codes, gate }, commands) =>
        conversation(options, codes, commands, gate),
      ),
      invariantRuns(),
    );
  });

  it('terminal states absorb every event', () => {
    // Short maxRetries and many hangups reach every terminal phase often.
    const shortCalls = setupArb.map(({ options, codes, gate }) => ({
      options: { ...options, maxRetries: Math.min(options.maxRetries, 2) },
      codes,
      gate,
    }));
    fc.assert(
      fc.property(shortCalls, commandsArb, ({ options, codes, gate }, commands) =>
        conversation(options, codes, commands, gate),
      ),
      invariantRuns(),
    );
  });

  it('a state after any event sequence round-trips through JSON and continues identically', () => {
    fc.assert(
      fc.property(setupArb, commandsArb, ({ options, codes, gate }, commands) =>
        conversation(options, codes, commands, gate),
      ),
      invariantRuns(),
    );
  });
});

// ---------------------------------------------------------------------------
// Totality over arbitrary input (docs/rules.md#invariants: every function is total).
// ---------------------------------------------------------------------------

const reachableArb = fc
  .tuple(
    optionsArb,
    fc.array(fc.oneof(keyArb, fc.constantFrom('T', 'H', 'Y', 'N')), { maxLength: 20 }),
  )
  .map(([options, script]) => {
    const start = startCodeEntry(options);
    if (!start.ok) throw new Error(start.error.message);
    let state = start.state;
    for (const c of script) {
      const event: EntryEvent =
        c === 'T'
          ? { type: 'timeout' }
          : c === 'H'
            ? { type: 'hangup' }
            : c === 'Y' || c === 'N'
              ? { type: 'lookup-result', valid: c === 'Y' }
              : { type: 'key', key: c };
      state = advance(state, event).state;
    }
    return state;
  });

/** A reachable state with one field replaced by arbitrary JSON. */
const tamperedArb = fc
  .tuple(
    reachableArb,
    fc.constantFrom('phase', 'options', 'attempts', 'digits', 'code', 'accountCode', 'validated'),
    fc.jsonValue(),
  )
  .map(([state, field, value]) => ({ ...state, [field]: value }));

const eventArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.record({
    type: fc.constantFrom('key', 'timeout', 'hangup', 'lookup-result', 'other'),
    key: fc.oneof(keyArb, fc.string(), fc.jsonValue()),
    valid: fc.oneof(fc.boolean(), fc.jsonValue()),
    code: fc.oneof(fc.string(), fc.jsonValue()),
  }),
);

describe('advance is total', () => {
  it('every function is total: advance over arbitrary JSON states and events never throws nor mutates', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), tamperedArb, reachableArb), eventArb, (state, event) => {
        const frozenState = deepFreeze(JSON.parse(JSON.stringify(state ?? null)) as unknown);
        const frozenEvent = deepFreeze(event);
        const next = advance(frozenState as EntryState, frozenEvent as EntryEvent);
        expect(Array.isArray(next.effects)).toBe(true);
        expect(callRecord(next.state).outcome).toBeTypeOf('string');
      }),
      invariantRuns(),
    );
  });

  it('every function is total: startCodeEntry over arbitrary options yields a state or a typed error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          optionsArb,
          fc.record({
            codeLength: fc.jsonValue(),
            maxRetries: fc.jsonValue(),
            validateCodes: fc.jsonValue(),
            allowCallAfterMaxRetries: fc.jsonValue(),
          }),
        ),
        (options) => {
          const start = startCodeEntry(deepFreeze(options) as EntryOptions);
          if (!start.ok) {
            expect(start.error.code).toMatch(/^(invalid-type|out-of-range)$/);
            expect(start.error.message).toMatch(/must be/);
          }
        },
      ),
      invariantRuns(),
    );
  });

  it('a malformed state yields the same state object and no effects', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom<EntryEvent>({ type: 'key', key: '1' }, { type: 'hangup' }),
        (value, event) => {
          const state = value as unknown as EntryState;
          fc.pre(!parseEntryState(state).ok);
          const next = advance(state, event);
          expect(next.state).toBe(state);
          expect(next.effects).toEqual([]);
        },
      ),
      propertyRuns(),
    );
  });
});
