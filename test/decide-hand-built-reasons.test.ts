/**
 * decide keeps reasons by a key (issue 14) but promises that every reason is
 * exactly what its builder says, for hand-built values too: lists in another
 * order or with words outside the vocabulary never borrow another's reason.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { decide } from '../src/decide.js';
import { type ResolvedSettings, resolveSettings } from '../src/settings/resolve.js';

const parsed = parseConfig({
  account: {
    codeLength: 4,
    maxRetries: 3,
    settings: { enabled: true, requiredCallTypes: ['premiumToll'] },
  },
  trunks: [{ id: 'hq', accountCodesEnabled: true }],
});
if (!parsed.ok) throw new Error('fixture rejected');
const result = resolveSettings(parsed.config, 'hq');
if (!result.ok) throw new Error(result.error.message);
const resolved: ResolvedSettings = result;

function external(categories: readonly string[]) {
  return { kind: 'external', categories, e164: null, country: null } as never;
}

describe('reasons for hand-built values', () => {
  it('category lists in any order get their own reason', () => {
    const lists = [
      ['directoryAssistance', 'international'],
      ['international', 'serviceCode'],
      ['tollFree', 'domestic'],
      ['domestic', 'tollFree'],
    ];
    for (const categories of lists) {
      const decision = decide(resolved, external(categories));
      expect(decision).toMatchObject({ ok: true, rule: 'call-type-not-required' });
      expect(decision.ok && decision.reason).toBe(
        `not required: the call (${categories.join(', ')}) is none of the required call types premiumToll (account)`,
      );
    }
  });

  it('required types with a word outside the vocabulary are named as they are', () => {
    const withTypes = (requiredCallTypes: readonly string[]) =>
      ({ ...resolved, settings: { ...resolved.settings, requiredCallTypes } }) as never;
    for (const types of [
      ['international'],
      ['bogus', 'international'],
      ['international', 'bogus'],
    ]) {
      const decision = decide(withTypes(types), external([]));
      expect(decision.ok && decision.reason).toBe(
        `required: the destination is not recognised, so it cannot be shown to be none of the required call types ${types.join(', ')} (account)`,
      );
    }
  });
});
