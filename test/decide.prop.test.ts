import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../src/classify/classify.js';
import { decide } from '../src/decide.js';
import {
  anyStringArb,
  contextArb,
  emergencyCallArb,
  resolvedArb,
  unknownTrunkArb,
} from './classify/arbitraries.js';
import { deepFreeze, invariantRuns } from './support/properties.js';

describe('decide invariants (docs/rules.md#invariants)', () => {
  it('no emergency or exempt call is ever prompted, for every configuration', () => {
    fc.assert(
      fc.property(
        fc.oneof(resolvedArb, unknownTrunkArb),
        emergencyCallArb,
        (resolved, { context, dialed }) => {
          const result = decide(deepFreeze(resolved), classifyCall(dialed, context));
          expect(result).toMatchObject({ ok: true, required: false, rule: 'emergency-exempt' });
        },
      ),
      invariantRuns(),
    );
  });

  it('every function is total: any settings and any dial string give a decision or a typed error, inputs never mutated', () => {
    fc.assert(
      fc.property(resolvedArb, anyStringArb, contextArb, (resolved, dialed, context) => {
        const classification = deepFreeze(classifyCall(dialed, context));
        const frozen = deepFreeze(structuredClone(resolved));
        const result = decide(frozen, classification);
        expect(frozen).toEqual(resolved);
        if (classification.kind === 'invalid') {
          expect(result).toMatchObject({ ok: false, error: { code: 'invalid-dial-string' } });
        } else {
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(typeof result.required).toBe('boolean');
            expect(result.reason).toMatch(/^(required|not required): /);
            // docs/rules.md#the-decision: nothing is prompted where the feature is inactive.
            if (!resolved.active) expect(result.required).toBe(false);
          }
        }
      }),
      invariantRuns(),
    );
  });
});
