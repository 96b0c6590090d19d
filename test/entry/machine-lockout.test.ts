/**
 * docs/rules.md#lockout in code entry: a locked scope, a refused admission and the miss
 * that locks the scope all play `locked-out` and end the call; a code-gated
 * call never connects there, whatever `allowCallAfterMaxRetries` says.
 */
import { describe, expect, it } from 'vitest';
import type { EntryEvent, LockoutGate } from '../../src/entry/events.js';
import { advance, type EntryOptions, startCodeEntry } from '../../src/entry/machine.js';
import { callRecord } from '../../src/entry/record.js';
import { AUTHORIZATION, run, started, TRACKING } from './drive.js';

const lenient: EntryOptions = { ...AUTHORIZATION, allowCallAfterMaxRetries: true };

describe('startCodeEntry with a lockout gate', () => {
  it.each<[LockoutGate, string]>([
    ['locked-out', 'locked-out'],
    ['ledger-unavailable', 'ledger-unavailable'],
  ])('with validation on, gate %s ends the call at once, nothing collected', (gate, phase) => {
    for (const options of [AUTHORIZATION, lenient]) {
      const start = startCodeEntry(options, gate);
      expect(start).toEqual({
        ok: true,
        state: { phase, options, attempts: 0 },
        effects: [
          { type: 'play', prompt: 'locked-out' },
          { type: 'end', reason: gate },
        ],
      });
    }
  });

  it.each<LockoutGate>(['locked-out', 'ledger-unavailable'])(
    'in tracking mode gate %s does not apply: code entry starts as usual',
    (gate) => {
      expect(startCodeEntry(TRACKING, gate)).toEqual({
        ok: true,
        state: { phase: 'collecting', options: TRACKING, attempts: 0, digits: '' },
        effects: [{ type: 'play', prompt: 'enter-code' }],
      });
    },
  );

  it('with validation on and an open gate code entry starts as usual', () => {
    expect(startCodeEntry(AUTHORIZATION, 'open')).toMatchObject({
      ok: true,
      state: { phase: 'collecting', attempts: 0 },
    });
  });
});

describe('code entry: look-up answers that lock', () => {
  function answered(options: EntryOptions, answer: EntryEvent, before = '') {
    const awaiting = run(started(options), `${before}1234`).state;
    expect(awaiting.phase).toBe('awaiting-lookup');
    return advance(awaiting, answer);
  }

  it('a miss that locked the scope ends the call locked-out, even when max retries would connect', () => {
    for (const options of [AUTHORIZATION, lenient]) {
      const { state, effects } = answered(options, {
        type: 'lookup-result',
        valid: false,
        locked: true,
      });
      expect(effects).toEqual([
        { type: 'play', prompt: 'locked-out' },
        { type: 'end', reason: 'locked-out' },
      ]);
      expect(state).toEqual({ phase: 'locked-out', options, attempts: 1 });
      expect(callRecord(state)).toEqual({
        accountCode: null,
        validated: false,
        attempts: 1,
        outcome: 'locked-out',
      });
    }
  });

  it('a miss that did not lock it is an ordinary incorrect attempt', () => {
    const { state, effects } = answered(AUTHORIZATION, {
      type: 'lookup-result',
      valid: false,
      locked: false,
    });
    expect(effects).toEqual([{ type: 'play', prompt: 'invalid-code' }]);
    expect(state).toEqual({ phase: 'collecting', options: AUTHORIZATION, attempts: 1, digits: '' });
  });

  it.each(['locked-out', 'ledger-unavailable'] as const)(
    'a refused admission (%s) ends the call with that reason and never connects',
    (reason) => {
      for (const options of [AUTHORIZATION, lenient]) {
        // On the last attempt too: the refusal wins over allowCallAfterMaxRetries.
        const { state, effects } = answered(options, { type: 'lookup-refused', reason }, '##');
        expect(effects).toEqual([
          { type: 'play', prompt: 'locked-out' },
          { type: 'end', reason },
        ]);
        expect(state).toEqual({ phase: reason, options, attempts: 3 });
        expect(callRecord(state).outcome).toBe(reason);
      }
    },
  );

  it('a plain miss on the last attempt connects untagged only with allowCallAfterMaxRetries', () => {
    const miss: EntryEvent = { type: 'lookup-result', valid: false };
    expect(answered(lenient, miss, '##')).toEqual({
      state: { phase: 'connected-after-max-retries', options: lenient, attempts: 3 },
      effects: [
        { type: 'play', prompt: 'max-retries' },
        { type: 'connect', accountCode: null, validated: false },
      ],
    });
    expect(answered(AUTHORIZATION, miss, '##')).toEqual({
      state: { phase: 'ended', options: AUTHORIZATION, attempts: 3 },
      effects: [
        { type: 'play', prompt: 'max-retries' },
        { type: 'end', reason: 'max-retries' },
      ],
    });
  });

  it('terminal lockout states absorb every later event', () => {
    const { state } = answered(AUTHORIZATION, { type: 'lookup-refused', reason: 'locked-out' });
    for (const event of [
      { type: 'key', key: '1' },
      { type: 'lookup-result', valid: true },
      { type: 'hangup' },
    ] as const) {
      const next = advance(state, event);
      expect(next.state).toBe(state);
      expect(next.effects).toEqual([]);
    }
  });
});
