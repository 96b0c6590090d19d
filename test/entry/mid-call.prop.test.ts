/**
 * Properties of mid-call tagging (docs/rules.md#mid-call-tagging) and the docs/rules.md#invariants invariants that apply
 * to it, over random key sequences that include the star code often.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodeDirectory } from '../../src/entry/directory.js';
import type { DtmfKey, EntryEvent } from '../../src/entry/events.js';
import {
  advanceMidCall,
  type MidCallOptions,
  type MidCallState,
  midCallRecord,
  startMidCallTagging,
} from '../../src/entry/mid-call.js';
import { deepFreeze, invariantRuns } from '../support/properties.js';

const keyArb = fc.constantFrom<DtmfKey>('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#');

const setupArb = fc
  .record({
    codeLength: fc.integer({ min: 3, max: 7 }),
    maxRetries: fc.integer({ min: 1, max: 9 }),
    validateCodes: fc.boolean(),
    midCallCode: fc.integer({ min: 0, max: 999 }).map((n) => `*${n}`),
  })
  .chain((options: MidCallOptions) =>
    fc.record({
      options: fc.constant(options),
      codes: fc.uniqueArray(
        fc
          .integer({ min: 0, max: 10 ** options.codeLength - 1 })
          .map((n) => String(n).padStart(options.codeLength, '0')),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  );

/** What the caller does: keys, the star code, a listed code, a pause, a hangup. */
type Step =
  | { readonly do: 'key'; readonly key: DtmfKey }
  | { readonly do: 'star-code' }
  | { readonly do: 'listed-code'; readonly pick: number }
  | { readonly do: 'timeout' }
  | { readonly do: 'hangup' }
  | { readonly do: 'stray-answer'; readonly valid: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: keyArb.map((key) => ({ do: 'key', key }) as const) },
  { weight: 3, arbitrary: fc.constant({ do: 'star-code' } as const) },
  { weight: 3, arbitrary: fc.nat().map((pick) => ({ do: 'listed-code', pick }) as const) },
  { weight: 1, arbitrary: fc.constant({ do: 'timeout' } as const) },
  { weight: 1, arbitrary: fc.constant({ do: 'stray-answer', valid: true } as const) },
  { weight: 1, arbitrary: fc.constant({ do: 'hangup' } as const) },
);

/**
 * Plays a call. Look-ups are answered truthfully from the list right away,
 * as an honest integrator does. Every event goes through `check`.
 */
function playCall(
  options: MidCallOptions,
  codes: readonly string[],
  steps: readonly Step[],
  check: (
    before: MidCallState,
    event: EntryEvent,
    after: ReturnType<typeof advanceMidCall>,
  ) => void,
): MidCallState {
  const start = startMidCallTagging(options);
  const built = createCodeDirectory(codes, options.codeLength);
  if (!start.ok || !built.ok) throw new Error('bad setup');
  let state = start.state;
  const send = (event: EntryEvent): void => {
    const next = advanceMidCall(deepFreeze(state), deepFreeze(event));
    check(state, event, next);
    state = next.state;
    for (const effect of next.effects) {
      if (effect.type === 'lookup') send(built.directory.answer(effect));
    }
  };
  const keys = (text: string): void => {
    for (const key of text) send({ type: 'key', key: key as DtmfKey });
  };
  for (const step of steps) {
    switch (step.do) {
      case 'key':
        send({ type: 'key', key: step.key });
        break;
      case 'star-code':
        keys(options.midCallCode);
        break;
      case 'listed-code':
        keys(codes[step.pick % codes.length] ?? '');
        break;
      case 'timeout':
        send({ type: 'timeout' });
        break;
      case 'hangup':
        send({ type: 'hangup' });
        break;
      case 'stray-answer':
        send({ type: 'lookup-result', valid: step.valid });
        break;
      default:
        step satisfies never;
    }
  }
  return state;
}

const stepsArb = fc.array(stepArb, { maxLength: 40 });

describe('mid-call tagging (docs/rules.md#mid-call-tagging, docs/rules.md#invariants)', () => {
  it('the call continues whatever happens: no connect or end effect, ever', () => {
    fc.assert(
      fc.property(setupArb, stepsArb, ({ options, codes }, steps) => {
        playCall(options, codes, steps, (_before, _event, next) => {
          for (const effect of next.effects) {
            assert.ok(effect.type === 'play' || effect.type === 'lookup' || effect.type === 'tag');
          }
        });
      }),
      invariantRuns(),
    );
  });

  it('the last valid code wins, and with validation on it is a code from the list', () => {
    fc.assert(
      fc.property(setupArb, stepsArb, ({ options, codes }, steps) => {
        let lastTag: string | null = null;
        const final = playCall(options, codes, steps, (_before, _event, next) => {
          for (const effect of next.effects)
            if (effect.type === 'tag') lastTag = effect.accountCode;
          assert.equal(midCallRecord(next.state).accountCode, lastTag);
        });
        const record = midCallRecord(final);
        if (options.validateCodes && record.accountCode !== null) {
          assert.ok(codes.includes(record.accountCode));
          assert.equal(record.validated, true);
        }
      }),
      invariantRuns(),
    );
  });

  it('a state after any event sequence round-trips through JSON and continues identically', () => {
    fc.assert(
      fc.property(setupArb, stepsArb, ({ options, codes }, steps) => {
        playCall(options, codes, steps, (before, event, next) => {
          const roundTripped = JSON.parse(JSON.stringify(before)) as MidCallState;
          assert.deepStrictEqual(roundTripped, before);
          assert.deepStrictEqual(advanceMidCall(roundTripped, event), next);
        });
      }),
      invariantRuns(),
    );
  });

  it('every function is total: advanceMidCall over arbitrary JSON states and events never throws', () => {
    const eventArb = fc.oneof(
      fc.jsonValue(),
      fc.record({
        type: fc.constantFrom('key', 'timeout', 'hangup', 'lookup-result'),
        key: fc.oneof(keyArb, fc.jsonValue()),
        valid: fc.jsonValue(),
        at: fc.jsonValue(),
      }),
    );
    const stateArb = fc.oneof(
      fc.jsonValue(),
      fc
        .tuple(
          setupArb,
          stepsArb,
          fc.constantFrom(
            'phase',
            'options',
            'keys',
            'attempts',
            'tag',
            'matched',
            'digits',
            'tries',
          ),
          fc.jsonValue(),
        )
        .map(([{ options, codes }, steps, field, value]) => ({
          ...playCall(options, codes, steps, () => {}),
          [field]: value,
        })),
    );
    fc.assert(
      fc.property(stateArb, eventArb, (state, event) => {
        const frozen = deepFreeze(state) as unknown as MidCallState;
        const next = advanceMidCall(frozen, deepFreeze(event) as EntryEvent);
        expect(Array.isArray(next.effects)).toBe(true);
        expect(midCallRecord(next.state)).toHaveProperty('accountCode');
      }),
      invariantRuns(),
    );
  });
});
