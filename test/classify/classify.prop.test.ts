import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { emergencyNumbersOf } from '../../src/classify/emergency.js';
import { CALL_CATEGORIES, type Classification } from '../../src/classify/types.js';
import { decide } from '../../src/decide.js';
import { deepFreeze, invariantRuns } from '../support/properties.js';
import {
  anyStringArb,
  contextArb,
  costlyInAnyWrappingArb,
  emergencyCallArb,
  emergencyInEveryFormArb,
  nanpNumberArb,
  resolvedArb,
  withSeparators,
} from './arbitraries.js';

const KINDS = ['emergency', 'internal', 'external', 'invalid'];

/** The parts of a classification that describe the destination (not how it was typed). */
function destination(c: Classification) {
  const { dialed: _dialed, ...rest } = c;
  if (c.kind === 'invalid') return rest;
  const { number: _number, ...withoutNumber } = rest as typeof rest & { number: string };
  return withoutNumber;
}

describe('classifyCall invariants (docs/rules.md#invariants)', () => {
  it('every function is total: any string and any context give one kind, never an exception, inputs never mutated', () => {
    fc.assert(
      fc.property(anyStringArb, contextArb, (dialed, context) => {
        const frozen = deepFreeze(structuredClone(context));
        const result = classifyCall(dialed, frozen);
        expect(KINDS).toContain(result.kind);
        expect(Array.isArray(result.categories)).toBe(true);
        for (const category of result.categories) expect(CALL_CATEGORIES).toContain(category);
        if (result.kind !== 'external') expect(result.categories).toEqual([]);
        expect(typeof result.dialed).toBe('string');
        expect(frozen).toEqual(context);
      }),
      invariantRuns(),
    );
  });

  it('every function is total: contexts of the wrong shape from plain JavaScript still give a result', () => {
    fc.assert(
      fc.property(anyStringArb, fc.anything(), (dialed, context) => {
        expect(KINDS).toContain(classifyCall(dialed, context as never).kind);
      }),
      invariantRuns(),
    );
  });

  it('no emergency or exempt call is ever prompted: every one of them classifies as emergency', () => {
    fc.assert(
      fc.property(emergencyCallArb, ({ context, dialed }) => {
        expect(classifyCall(dialed, context).kind).toBe('emergency');
      }),
      invariantRuns(),
    );
  });

  it('every emergency number of every country is emergency in every form platforms send (issue 12)', () => {
    fc.assert(
      fc.property(emergencyInEveryFormArb, ({ context, dialed, number }) => {
        const result = classifyCall(dialed, context);
        expect(result.kind).toBe('emergency');
        // The form may itself spell another of the country's emergency numbers
        // (TM: prefix 0 + 01 is 001): then that one is named.
        if (result.kind === 'emergency' && result.number !== number) {
          expect(emergencyNumbersOf(context.country ?? 'US')).toContain(result.number);
        }
      }),
      invariantRuns(),
    );
  });

  it('no feature code, prefix or trailing key makes an international or premium call not required (issue 12)', () => {
    // Active settings that require exactly the costly types.
    const costly = resolvedArb.map(({ inactiveReason: _, ...resolved }) => ({
      ...resolved,
      active: true,
      settings: {
        ...resolved.settings,
        requiredCallTypes: ['international', 'premiumToll'] as const,
      },
    }));
    fc.assert(
      fc.property(costlyInAnyWrappingArb, costly, ({ context, dialed, number }, active) => {
        const result = classifyCall(dialed, context);
        const decision = decide(active, result);
        // Feature codes can read more than one way (`**67*31#011…`: GSM
        // registration of 31, then keys). The call is taken on the first
        // reading (docs/rules.md#reading-a-dial-string), and what is placed is
        // the number read: the costly number is either required or not what
        // the library read (its digits are a suffix, never dialed).
        if (result.kind !== 'invalid' && [number, number.slice(1)].includes(result.number)) {
          expect(decision).toMatchObject({ ok: true, required: true });
        } else {
          expect(result.kind).not.toBe('emergency');
          expect(decision).toMatchObject({ ok: true });
        }
      }),
      invariantRuns(),
    );
  });

  it('separators never change the result for a NANP number', () => {
    fc.assert(
      fc.property(
        nanpNumberArb.chain((n) => withSeparators(n).map((typed) => [n, typed] as const)),
        contextArb,
        ([number, typed], context) => {
          expect(destination(classifyCall(typed, context))).toEqual(
            destination(classifyCall(number, context)),
          );
        },
      ),
      invariantRuns(),
    );
  });

  it('the outside-line prefix never changes the result for a NANP number', () => {
    fc.assert(
      fc.property(
        // A `+` can only come first, so prefixed numbers are dialed bare or with 1.
        nanpNumberArb.filter((n) => n[0] !== '+'),
        fc.constantFrom('9', '8', '0', '81'),
        fc.constantFrom('US', 'CA', 'JM', 'PR'),
        fc.uniqueArray(fc.integer({ min: 2, max: 6 }), { maxLength: 3 }),
        (number, prefix, country, extensionLengths) => {
          const context = { country, dialPlan: { outsideLinePrefix: prefix, extensionLengths } };
          const result = classifyCall(prefix + number, context);
          expect(result).toMatchObject({ number });
          expect(destination(result)).toEqual(destination(classifyCall(number, context)));
        },
      ),
      invariantRuns(),
    );
  });
});
