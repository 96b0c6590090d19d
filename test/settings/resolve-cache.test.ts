/**
 * resolveSettings keeps its answer per frozen config object (docs/performance.md).
 * The invariant: a kept answer is exactly what resolving afresh gives, and a
 * config that can still change is never answered from the cache.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import type { Config } from '../../src/config/types.js';
import { resolveSettings } from '../../src/settings/resolve.js';
import { deepFreeze, invariantRuns } from '../support/properties.js';
import { validConfig } from './arbitraries.js';
import { ACME_JSON } from './fixtures.js';

function parsed(input: unknown): Config {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.issues[0]?.message);
  return result.config;
}

describe('resolveSettings on frozen configs', () => {
  it('answers a frozen config exactly as it answers an unfrozen copy, every time', () => {
    fc.assert(
      fc.property(validConfig, fc.string(), (config, unknownId) => {
        const frozen = deepFreeze(structuredClone(config));
        for (const id of [...config.trunks.map((t) => t.id), unknownId]) {
          const fresh = resolveSettings(structuredClone(config), id);
          expect(resolveSettings(frozen, id)).toEqual(fresh);
          expect(resolveSettings(frozen, id)).toEqual(fresh);
        }
      }),
      invariantRuns(),
    );
  });

  it('returns the same frozen answer for a parsed config, so nobody can change it for the next caller', () => {
    const config = parsed(ACME_JSON);
    const first = resolveSettings(config, 'hq');
    expect(resolveSettings(config, 'hq')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.ok && Object.isFrozen(first.settings)).toBe(true);
  });

  it('resolves a config that is not frozen afresh, so a change made after resolving shows', () => {
    const config = structuredClone(parsed(ACME_JSON)) as {
      account: { settings: { validateCodes: boolean } };
    } & Config;
    const before = resolveSettings(config, 'hq');
    config.account.settings.validateCodes = !config.account.settings.validateCodes;
    const after = resolveSettings(config, 'hq');
    expect(after).not.toBe(before);
    expect(after.ok && after.settings.validateCodes).toBe(config.account.settings.validateCodes);
  });

  it('does not keep answers for unknown trunks', () => {
    const config = parsed(ACME_JSON);
    const a = resolveSettings(config, 'nope');
    expect(a.ok).toBe(false);
    expect(resolveSettings(config, 'nope')).not.toBe(a);
  });
});
