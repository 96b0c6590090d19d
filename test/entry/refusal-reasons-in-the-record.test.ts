/**
 * docs/rules.md#scoped-codes: why each look-up refused a code reaches the
 * call record, in the order of the attempts, for the administrator; the
 * caller meets exactly what a code not on the list meets. A state stored
 * before the record kept reasons still parses and goes on as it did.
 */
import { describe, expect, it } from 'vitest';
import { openState, sealState } from '../../examples/twilio/sealed-state.js';
import type { CodeRefusal } from '../../src/entry/code-scope.js';
import type { EntryEvent } from '../../src/entry/events.js';
import { advance, type EntryState, parseEntryState } from '../../src/entry/machine.js';
import { callRecord } from '../../src/entry/record.js';
import { AUTHORIZATION, events, run, started } from './drive.js';
import before from './fixtures/entry-states-before-refusals.json' with { type: 'json' };

const miss = (reason?: CodeRefusal): EntryEvent =>
  reason === undefined
    ? { type: 'lookup-result', valid: false }
    : { type: 'lookup-result', valid: false, reason };
const hit: EntryEvent = { type: 'lookup-result', valid: true };

/** A call keying 1111, 2222 and 3333, each answered in turn. */
function call(answers: readonly EntryEvent[]) {
  const keyed = ['1111', '2222', '3333'].slice(0, answers.length);
  return run(
    started(AUTHORIZATION),
    keyed.flatMap((code, i) => [...events(code), answers[i] as EntryEvent]),
  );
}

describe("a refused code's reason in the call record", () => {
  it('keeps the reasons in the order of the attempts, the connected call too', () => {
    const { state } = call([miss('expired'), miss('not-permitted-trunk'), hit]);
    expect(callRecord(state)).toEqual({
      accountCode: '3333',
      validated: true,
      attempts: 3,
      outcome: 'connected',
      refusals: ['expired', 'not-permitted-trunk'],
    });
  });

  it('is heard by nobody: the effects and the rest of the record are those of reasonless misses', () => {
    const told = call([miss('suspended'), miss('not-yet-valid'), miss('not-on-list')]);
    const plain = call([miss(), miss(), miss()]);
    expect(told.effects).toEqual(plain.effects);
    const { refusals, ...rest } = callRecord(told.state);
    expect(refusals).toEqual(['suspended', 'not-yet-valid', 'not-on-list']);
    expect(rest).toEqual(callRecord(plain.state));
    expect(callRecord(plain.state)).not.toHaveProperty('refusals');
  });

  it('keeps the reason of the miss that locked the scope', () => {
    const { state } = call([
      { type: 'lookup-result', valid: false, reason: 'not-permitted-call-type', locked: true },
    ]);
    expect(callRecord(state)).toMatchObject({
      outcome: 'locked-out',
      refusals: ['not-permitted-call-type'],
    });
  });

  it('shares nothing with the state it came from', () => {
    const { state } = call([miss('expired')]);
    const record = callRecord(state);
    expect(record.refusals).toEqual(state.refusals);
    expect(record.refusals).not.toBe(state.refusals);
  });
});

describe('a stored state with refusals', () => {
  const { state } = call([miss('expired'), miss('not-on-list')]);

  it('round-trips through JSON and parseEntryState, and continues identically', () => {
    const stored = JSON.parse(JSON.stringify(state)) as EntryState;
    expect(parseEntryState(stored)).toEqual({ ok: true, state });
    const next = [...events('4444')];
    expect(run(stored, next)).toEqual(run(state, next));
  });

  it('opens from a sealed token (the Twilio example) as it was sealed', () => {
    const key = Buffer.alloc(32, 7);
    const sid = `CA${'a'.repeat(32)}`;
    const now = Date.UTC(2026, 11, 1);
    const token = sealState({ entry: state, callSid: sid, step: 2, issuedAt: now }, key);
    const opened = openState(token, key, sid, now + 1_000, 60_000);
    expect(opened).toEqual({
      ok: true,
      contents: { entry: state, callSid: sid, step: 2, issuedAt: now },
    });
  });

  it.each([
    ['not a list', 'expired', ['refusals']],
    ['more than its incorrect attempts', ['expired', 'expired', 'expired'], ['refusals']],
    ['a reason that is not a refusal', ['expired', 'stolen'], ['refusals', 1]],
  ])('is refused when its refusals are %s, naming the field', (_, refusals, path) => {
    const result = parseEntryState({ ...state, refusals });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-entry-state');
      expect(result.error.path).toEqual(path);
      expect(result.error.message).toMatch(/^refusals/);
    }
  });

  it('awaiting a look-up or connected, has at most one refusal fewer than its attempts', () => {
    const awaiting = call([miss('expired')]);
    const pending = advance(awaiting.state, events('2')[0] as EntryEvent).state;
    const keyed = run(pending, events('222')).state;
    expect(keyed.phase).toBe('awaiting-lookup');
    expect(parseEntryState(keyed).ok).toBe(true);
    expect(parseEntryState({ ...keyed, refusals: ['expired', 'expired'] }).ok).toBe(false);
    const connected = advance(keyed, hit).state;
    expect(callRecord(connected).refusals).toEqual(['expired']);
    expect(parseEntryState({ ...connected, refusals: ['expired', 'expired'] }).ok).toBe(false);
  });
});

describe('states stored before the record kept reasons (fixture)', () => {
  it.each(Object.entries(before))('%s parses, with no refusals in its record', (_, stored) => {
    const parsed = parseEntryState(stored);
    expect(parsed.ok).toBe(true);
    expect(callRecord(stored as EntryState)).not.toHaveProperty('refusals');
  });

  it('a stored look-up goes on: its miss now keeps the reason, and the caller hears the same', () => {
    const stored = before['awaiting-lookup'] as EntryState;
    const told = advance(stored, miss('expired'));
    const plain = advance(stored, miss());
    expect(told.effects).toEqual(plain.effects);
    expect(told.state).toEqual({ ...plain.state, refusals: ['expired'] });
  });
});
