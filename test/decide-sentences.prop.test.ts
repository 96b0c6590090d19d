/**
 * `decide` looks its reasons up in tables built on first use (docs/performance.md).
 * The invariant: every reason is byte for byte the sentence of docs/rules.md#the-decision built
 * from the inputs of that call, whatever was decided before, in any order,
 * with odd hand-built inputs too (sources, lists out of order, repeats).
 * Decisions on frozen settings are kept per category list: a kept one must be
 * what the same inputs, unfrozen, decide afresh.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_CATEGORIES, type Classification } from '../src/classify/types.js';
import { REQUIRED_CALL_TYPES } from '../src/config/types.js';
import { decide } from '../src/decide.js';
import type { ResolvedSettings } from '../src/settings/resolve.js';
import { resolvedArb } from './classify/arbitraries.js';
import { deepFreeze, invariantRuns, propertyRuns } from './support/properties.js';

const source = fc.constantFrom('account', 'trunk', 'elsewhere', '');
const words = (vocabulary: readonly string[]) =>
  fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom('x', 'international')), {
    maxLength: 7,
  });

function resolvedWith(
  types: readonly string[],
  from: string,
  internal: boolean,
  internalFrom: string,
): ResolvedSettings {
  return {
    ok: true,
    trunkId: 'hq',
    active: true,
    settings: {
      requireForInternalCalls: internal,
      validateCodes: true,
      allowCallAfterMaxRetries: false,
      requiredCallTypes: types as never,
      codeLength: 4,
      maxRetries: 3,
      midCallCode: '*50',
    },
    provenance: {
      requireForInternalCalls: internalFrom as never,
      validateCodes: 'account',
      allowCallAfterMaxRetries: 'account',
      requiredCallTypes: from as never,
      codeLength: 'account',
      maxRetries: 'account',
      midCallCode: 'account',
    },
    ignored: [],
  };
}

/** The sentences of docs/rules.md#the-decision as decide.ts documents them, built the slow way. */
function expectedReason(
  kind: 'internal' | 'external',
  categories: readonly string[],
  types: readonly string[],
  from: string,
  internal: boolean,
  internalFrom: string,
): string {
  if (kind === 'internal') {
    return `${internal ? 'required' : 'not required'}: internal call and requireForInternalCalls is ${internal} (${internalFrom})`;
  }
  if (types.length === 0) {
    return `required: requiredCallTypes is empty, so every external call needs a code (${from})`;
  }
  const hit = categories.find((c) => types.includes(c));
  if (hit !== undefined) return `required: ${hit} is a required call type (${from})`;
  if (categories.length === 0) {
    return `required: the destination is not recognised, so it cannot be shown to be none of the required call types ${types.join(', ')} (${from})`;
  }
  return `not required: the call (${categories.join(', ')}) is none of the required call types ${types.join(', ')} (${from})`;
}

describe('decide reasons', () => {
  it('are the sentence built from the inputs of that call, whatever came before', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('internal' as const, 'external' as const),
            categories: words(CALL_CATEGORIES),
            types: words(REQUIRED_CALL_TYPES),
            from: source,
            internal: fc.boolean(),
            internalFrom: source,
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (calls) => {
          for (const { kind, categories, types, from, internal, internalFrom } of calls) {
            const classification = { kind, categories, dialed: '1' } as unknown as Classification;
            const decision = decide(
              resolvedWith(types, from, internal, internalFrom),
              classification,
            );
            expect(decision.ok && decision.reason).toBe(
              expectedReason(kind, categories, types, from, internal, internalFrom),
            );
          }
        },
      ),
      propertyRuns(),
    );
  });

  it('are the same from the kept decisions of frozen settings as decided afresh', () => {
    const listArb = fc.oneof(
      fc.subarray([...CALL_CATEGORIES]), // in CALL_CATEGORIES' order, as classifyCall gives them
      words(CALL_CATEGORIES),
    );
    fc.assert(
      fc.property(
        fc.array(resolvedArb, { minLength: 1, maxLength: 3 }),
        fc.array(listArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('internal', 'external')), {
          minLength: 1,
          maxLength: 30,
        }),
        (settings, lists, calls) => {
          const frozenSettings = settings.map((r) => deepFreeze(structuredClone(r)));
          const frozenLists = lists.map((l) => Object.freeze([...l]));
          for (const [which, list, kind] of calls) {
            const at = which % settings.length;
            const categories = list % lists.length;
            const kept = decide(
              frozenSettings[at] as ResolvedSettings,
              {
                kind,
                dialed: '1',
                categories: frozenLists[categories],
              } as unknown as Classification,
            );
            const afresh = decide(
              structuredClone(settings[at]) as ResolvedSettings,
              {
                kind,
                dialed: '1',
                categories: [...(lists[categories] as string[])],
              } as unknown as Classification,
            );
            expect(JSON.stringify(kept)).toBe(JSON.stringify(afresh));
            expect(Object.isFrozen(kept)).toBe(false);
          }
        },
      ),
      invariantRuns(),
    );
  });
});
