/**
 * Counterexamples the fuzz tests found, shrunk, kept as plain tests.
 *
 * 1. Sparse arrays. checkConfigShape (src/settings/checks.ts) checks
 *    `trunks.every(isTrunkEntry)` and `codes.every(isCodeEntry)`, and `every`
 *    skips holes; findTrunk and findCode then use `findIndex`/`find`, which
 *    visit them, and read `.id`/`.code` of undefined. An array with a hole
 *    type-checks as a Config (`trunks[1] = trunk` on an empty array), and
 *    docs/rules.md#invariants / docs/settings.md promise `invalid-config` for a config that is
 *    not shaped like one, never an exception.
 * 2. No options object. createCallReport and summarizeCalls read
 *    `options.by`, createCdrReader `options.timezone`, before any check: a
 *    JavaScript caller passing `null` got a TypeError instead of a typed problem.
 */
import { describe, expect, it } from 'vitest';
import {
  type Config,
  clearTrunkCustomSettings,
  createCallReport,
  createCdrReader,
  disableTrunk,
  enableTrunk,
  removeCode,
  renameCode,
  setTrunkCustomSettings,
  summarizeCalls,
} from '../../src/index.js';

/** The shrunk account of the counterexample, with `codes` and `trunks` as given. */
function config(codes: readonly unknown[], trunks: readonly unknown[]): Config {
  return {
    account: {
      country: 'US',
      codeLength: 7,
      maxRetries: 1,
      settings: {
        enabled: false,
        requireForInternalCalls: false,
        validateCodes: false,
        allowCallAfterMaxRetries: false,
        requiredCallTypes: [],
        unattendedCalls: 'end',
        midCallCode: '*50',
        postCallTagMinutes: 1440,
        lockout: {
          maxFailures: 10,
          windowMinutes: 60,
          scope: 'trunk',
          unlockAfterMinutes: 60,
          maxFailuresPerDay: 1000,
        },
      },
      dialPlan: { extensionLengths: [3], ownNumbers: [] },
      codes,
      exemptNumbers: ['988', '711'],
    },
    trunks,
  } as Config;
}

/** `[<hole>]`: one empty slot, as `new Array(1)` or `list[1] = x` on an empty list makes. */
function hole(): unknown[] {
  return new Array(1);
}

describe('regressions: a hole in a list of the config is a typed error, not an exception', () => {
  it('every operation is total: renameCode on a code list with a hole answers with a result or a typed error', () => {
    // Fuzz counterexample: codes [,], renameCode(config, '0000000', '').
    const result = renameCode(config(hole(), []), '0000000', '');
    expect(result.ok ? 'ok' : result.error.code).toBeTypeOf('string');
  });

  it('every operation is total: removeCode on a code list with a hole answers with a result or a typed error', () => {
    const result = removeCode(config(hole(), []), '0000000');
    expect(result.ok ? 'ok' : result.error.code).toBeTypeOf('string');
  });

  it('every operation is total: enableTrunk on a trunk list with a hole answers with a result or a typed error', () => {
    const result = enableTrunk(config([], hole()), 'hq');
    expect(result.ok ? 'ok' : result.error.code).toBeTypeOf('string');
  });

  it('every operation is total: disableTrunk on a trunk list with a hole answers with a result or a typed error', () => {
    const result = disableTrunk(config([], hole()), 'hq');
    expect(result.ok ? 'ok' : result.error.code).toBeTypeOf('string');
  });

  it('every operation is total: setTrunkCustomSettings on a trunk list with a hole answers with a result or a typed error', () => {
    const result = setTrunkCustomSettings(config([], hole()), 'hq', { validateCodes: false });
    expect(result.ok ? 'ok' : result.error.code).toBeTypeOf('string');
  });

  it('every operation is total: clearTrunkCustomSettings on a trunk list with a hole answers with a result or a typed error', () => {
    const result = clearTrunkCustomSettings(config([], hole()), 'hq');
    expect(result.ok ? 'ok' : result.error.code).toBeTypeOf('string');
  });
});

describe('regression 2: the report functions without an options object', () => {
  it.each([null, undefined, 7])(
    'every function is total: options %s is an invalid-type or invalid-value problem',
    (options) => {
      const made = [
        createCallReport(config([], []), options as never),
        summarizeCalls(config([], []), [], options as never),
      ];
      for (const result of made) {
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(result.problem).toMatchObject({ code: 'invalid-type', path: ['options'] });
      }
      const reader = createCdrReader(options as never);
      expect(reader.ok ? 'ok' : reader.problem.code).toBe('unknown-time-zone');
    },
  );
});
