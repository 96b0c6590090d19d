/**
 * docs/rules.md#mid-call-tagging, docs/rules.md#invariants: one call never makes more than `maxRetries` incorrect entries
 * (look-up misses included), however often and wherever the star code is
 * keyed; after a lock (docs/rules.md#lockout) nothing more is looked up; far-end keys are
 * never interpreted; states round-trip through JSON.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DtmfKey, EntryEvent } from '../../src/entry/events.js';
import {
  advanceMidCall,
  type MidCallOptions,
  type MidCallState,
  startMidCallTagging,
} from '../../src/entry/mid-call.js';
import { deepFreeze, invariantRuns } from '../support/properties.js';
import { MID_CALL_AUTHORIZATION, runMidCall, startedMidCall } from './drive.js';

type Action =
  | { kind: 'keys'; keys: string }
  | { kind: 'far-end'; keys: string }
  | { kind: 'timeout' }
  | {
      kind: 'answer';
      answer: 'hit' | 'miss' | 'miss-locked' | 'locked-out' | 'ledger-unavailable';
    };

const optionsArb: fc.Arbitrary<MidCallOptions> = fc.record({
  codeLength: fc.integer({ min: 3, max: 5 }),
  maxRetries: fc.integer({ min: 1, max: 4 }),
  validateCodes: fc.boolean(),
  midCallCode: fc.constantFrom('*50', '*7', '*123'),
});

function actionsArb(options: MidCallOptions): fc.Arbitrary<Action[]> {
  const digits = fc.string({
    unit: fc.constantFrom(...'0123456789*#'),
    maxLength: options.codeLength + 1,
  });
  return fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<Action>({ kind: 'keys', keys: options.midCallCode }) },
      { weight: 4, arbitrary: digits.map((keys): Action => ({ kind: 'keys', keys })) },
      {
        weight: 1,
        arbitrary: digits.map(
          (keys): Action => ({ kind: 'far-end', keys: options.midCallCode + keys }),
        ),
      },
      { weight: 1, arbitrary: fc.constant<Action>({ kind: 'timeout' }) },
      {
        weight: 4,
        arbitrary: fc
          .constantFrom('hit', 'miss', 'miss', 'miss-locked', 'locked-out', 'ledger-unavailable')
          .map((answer): Action => ({ kind: 'answer', answer: answer as 'hit' })),
      },
    ),
    { maxLength: 40 },
  );
}

function eventsOf(action: Action): EntryEvent[] {
  switch (action.kind) {
    case 'keys':
      return [...action.keys].map((key) => ({ type: 'key', key: key as DtmfKey }));
    case 'far-end':
      return [...action.keys].map((key) => ({ type: 'key', key: key as DtmfKey, leg: 'far-end' }));
    case 'timeout':
      return [{ type: 'timeout' }];
    case 'answer':
      switch (action.answer) {
        case 'hit':
          return [{ type: 'lookup-result', valid: true }];
        case 'miss':
          return [{ type: 'lookup-result', valid: false }];
        case 'miss-locked':
          return [{ type: 'lookup-result', valid: false, locked: true }];
        default:
          return [{ type: 'lookup-refused', reason: action.answer }];
      }
    default:
      return action satisfies never;
  }
}

describe('mid-call tagging: the per-call bound (docs/rules.md#mid-call-tagging, docs/rules.md#invariants, docs/rules.md#lockout)', () => {
  it('one call never makes more than maxRetries incorrect entries, star codes at any point; no look-up after a lock', () => {
    fc.assert(
      fc.property(
        optionsArb.chain((options) => fc.tuple(fc.constant(options), actionsArb(options))),
        ([options, actions]) => {
          const start = startMidCallTagging(options);
          if (!start.ok) throw new Error(start.error.message);
          let state: MidCallState = start.state;
          let incorrect = 0;
          let lookups = 0;
          let locked = false;
          for (const event of actions.flatMap(eventsOf)) {
            const before = JSON.parse(JSON.stringify(state)) as MidCallState;
            const next = advanceMidCall(deepFreeze(state), event);
            // Round-trips through JSON, and continuing from the copy gives the same result.
            assert.deepStrictEqual(before, state);
            assert.deepStrictEqual(advanceMidCall(before, event), next);
            if (event.type === 'key' && event.leg === 'far-end') assert.equal(next.state, state);
            const wasAwaiting = state.phase === 'awaiting-lookup';
            if (wasAwaiting && next.state.phase !== 'awaiting-lookup') {
              if (event.type === 'lookup-result' && !event.valid) incorrect++;
              if (event.type === 'lookup-result' && event.locked === true) locked = true;
              if (event.type === 'lookup-refused' && event.reason === 'locked-out') locked = true;
            }
            for (const effect of next.effects) {
              if (effect.type === 'play' && effect.prompt === 'wrong-length') incorrect++;
              if (effect.type === 'lookup') {
                lookups++;
                assert.ok(!locked, 'a look-up after the scope locked');
              }
              assert.ok(
                effect.type === 'play' || effect.type === 'lookup' || effect.type === 'tag',
              );
            }
            state = next.state;
            assert.equal(state.incorrect, Math.min(state.incorrect, options.maxRetries));
          }
          // wrong-length prompts are only heard before the last incorrect entry; count the state's own tally too.
          assert.ok(state.incorrect <= options.maxRetries);
          assert.ok(incorrect <= options.maxRetries, `${incorrect} incorrect entries`);
          assert.ok(lookups <= state.attempts);
        },
      ),
      invariantRuns(),
    );
  });

  it('issue 11: the *50 oracle sequence gets at most maxRetries look-ups, and a valid code after that is not taken', () => {
    let state = startedMidCall({ ...MID_CALL_AUTHORIZATION, maxRetries: 3 });
    let lookups = 0;
    for (const key of '*50120012021204*50120612081210*501234') {
      const next = advanceMidCall(state, { type: 'key', key: key as DtmfKey });
      state = next.state;
      for (const effect of next.effects) {
        if (effect.type !== 'lookup') continue;
        lookups++;
        state = advanceMidCall(state, {
          type: 'lookup-result',
          valid: effect.code === '1234',
        }).state;
      }
    }
    expect(lookups).toBe(3);
    expect(state).toMatchObject({ phase: 'listening', incorrect: 3, tag: null });
  });

  it('issue 12: keying the star code during entry restarts it instead of keying 50…', () => {
    const { state, effects } = runMidCall(startedMidCall(MID_CALL_AUTHORIZATION), '*50*5012');
    expect(effects).toEqual([
      { type: 'play', prompt: 'enter-code' },
      { type: 'play', prompt: 'enter-code' },
      { type: 'play', prompt: 'enter-code' },
    ]);
    expect(state).toMatchObject({ phase: 'collecting', digits: '12', incorrect: 0 });
    const done = runMidCall(state, '34');
    expect(done.effects).toEqual([{ type: 'lookup', code: '1234', attempt: 1 }]);
  });

  it('a restart spends nothing, and the budget still holds across restarts', () => {
    const { state } = runMidCall(startedMidCall(MID_CALL_AUTHORIZATION), '*50#*50#*50*50');
    expect(state).toMatchObject({ phase: 'listening', incorrect: 2 });
    const { effects } = runMidCall(state, '*50');
    expect(effects).toEqual([{ type: 'play', prompt: 'max-retries' }]);
  });

  it('on a locked scope the star code plays locked-out and takes nothing; the call goes on', () => {
    const start = startMidCallTagging(MID_CALL_AUTHORIZATION, 'locked-out');
    if (!start.ok) throw new Error('options');
    const { state, effects } = runMidCall(start.state, '*501234');
    expect(effects).toEqual([{ type: 'play', prompt: 'locked-out' }]);
    expect(state).toMatchObject({ phase: 'listening', lockedOut: true, attempts: 0 });
  });

  it('an unreachable ledger skips the look-up: nothing tagged or counted, a later star code tries again', () => {
    const awaiting = runMidCall(startedMidCall(MID_CALL_AUTHORIZATION), '*501234').state;
    const next = advanceMidCall(awaiting, { type: 'lookup-refused', reason: 'ledger-unavailable' });
    expect(next.effects).toEqual([{ type: 'play', prompt: 'locked-out' }]);
    expect(next.state).toMatchObject({
      phase: 'listening',
      lockedOut: false,
      incorrect: 0,
      tag: null,
    });
    expect(runMidCall(next.state, '*501234').effects.at(-1)).toEqual({
      type: 'lookup',
      code: '1234',
      attempt: 2,
    });
  });

  it('never interprets far-end keys: an inbound caller cannot key the star code', () => {
    const state = startedMidCall(MID_CALL_AUTHORIZATION);
    const keyed = runMidCall(
      state,
      [...'*501234'].map((key) => ({ type: 'key', key: key as DtmfKey, leg: 'far-end' }) as const),
    );
    expect(keyed.effects).toEqual([]);
    expect(keyed.state).toBe(state);
  });
});

describe('the lockout gate at start', () => {
  it('both machines reject a gate that is not one of the three, naming it', async () => {
    const { startCodeEntry } = await import('../../src/entry/machine.js');
    for (const start of [
      startCodeEntry(
        { codeLength: 4, maxRetries: 3, validateCodes: true, allowCallAfterMaxRetries: false },
        'shut' as never,
      ),
      startMidCallTagging(MID_CALL_AUTHORIZATION, 'shut' as never),
    ]) {
      expect(start).toEqual({
        ok: false,
        error: {
          code: 'invalid-value',
          path: ['gate'],
          message: 'gate must be "open", "locked-out" or "ledger-unavailable"; got "shut"',
        },
      });
    }
  });
});
