import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import type { Config } from '../../src/config/types.js';
import { disableAccountCodes, saveAccountSettings } from '../../src/settings/account.js';
import type { SettingsErrorCode } from '../../src/settings/errors.js';
import { resolveSettings } from '../../src/settings/resolve.js';
import { deepFreeze, invariantRuns } from '../support/properties.js';
import { apply, corruptedConfig, type Operation, operation, validConfig } from './arbitraries.js';

const ERROR_CODES: readonly SettingsErrorCode[] = [
  'invalid-config',
  'invalid-type',
  'out-of-range',
  'invalid-value',
  'unknown-field',
  'code-length-immutable',
  'no-codes-to-validate',
  'unknown-trunk',
  'duplicate-trunk-id',
  'override-not-allowed',
  'not-customisable',
  'invalid-code',
  'duplicate-code',
  'unknown-code',
  'name-too-long',
  'last-code-while-validating',
  'invalid-csv-header',
  'invalid-csv-rows',
];

/** Runs `operations` in order, keeping the config of each success; checks `after` at every step. */
function runSequence(
  start: Config,
  operations: readonly Operation[],
  after: (config: Config) => void,
): void {
  let config = start;
  for (const op of operations) {
    const result = apply(deepFreeze(config), op);
    if (result.ok) {
      config = result.config;
      after(config);
    }
  }
}

describe('administrative operation properties', () => {
  it('inputs are never mutated: operations on deep-frozen inputs leave them as they were', () => {
    fc.assert(
      fc.property(validConfig, operation, (config, op) => {
        const before = structuredClone(config);
        const frozenOp = deepFreeze(structuredClone(op));
        apply(deepFreeze(config), frozenOp);
        expect(config).toEqual(before);
        expect(frozenOp).toEqual(op);
      }),
      invariantRuns(),
    );
  });

  it('every operation is total: any arguments, even any config, give a result, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(validConfig, corruptedConfig, fc.anything()),
        operation,
        (config, op) => {
          const result = apply(config as Config, op);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      invariantRuns(),
    );
  });

  it('a rejected operation returns a typed error and nothing else', () => {
    fc.assert(
      fc.property(validConfig, operation, (config, op) => {
        const result = apply(deepFreeze(config), op);
        if (result.ok) return;
        expect(Object.keys(result)).toEqual(['ok', 'error']);
        expect(ERROR_CODES).toContain(result.error.code);
        expect(result.error.field).not.toBe('');
        expect(result.error.message).toContain(result.error.field);
        expect(result.error.message.length).toBeGreaterThan(20);
        expect(result.error.rows === undefined).toBe(result.error.code !== 'invalid-csv-rows');
      }),
      invariantRuns(),
    );
  });

  it('after any sequence of successful operations the config still passes parseConfig', () => {
    fc.assert(
      fc.property(validConfig, fc.array(operation, { maxLength: 12 }), (start, operations) => {
        runSequence(start, operations, (config) => {
          const parsed = parseConfig(JSON.parse(JSON.stringify(config)));
          if (!parsed.ok) expect.fail(JSON.stringify(parsed.issues));
          expect(parsed.config).toEqual(config);
        });
      }),
      invariantRuns(),
    );
  });

  it('a resolved trunk never has allowCallAfterMaxRetries on when the account has it off', () => {
    const check = (config: Config): void => {
      if (config.account.settings.allowCallAfterMaxRetries) return;
      for (const trunk of config.trunks) {
        const resolved = resolveSettings(config, trunk.id);
        expect(resolved.ok && resolved.settings.allowCallAfterMaxRetries).toBe(false);
      }
    };
    fc.assert(
      fc.property(validConfig, fc.array(operation, { maxLength: 12 }), (start, operations) => {
        check(start);
        runSequence(start, operations, check);
      }),
      invariantRuns(),
    );
  });

  it('disable keeping custom settings, then re-enable, restores every trunk’s effective settings exactly', () => {
    fc.assert(
      fc.property(validConfig, (generated) => {
        const config = deepFreeze({
          ...generated,
          account: {
            ...generated.account,
            settings: { ...generated.account.settings, enabled: true },
          },
        });
        const off = disableAccountCodes(config, { keepCustomSettings: true });
        if (!off.ok) expect.fail(off.error.message);
        const on = saveAccountSettings(off.config, {
          settings: { enabled: true },
          enableForAllTrunks: false,
        });
        if (!on.ok) expect.fail(on.error.message);
        for (const trunk of config.trunks) {
          expect(resolveSettings(on.config, trunk.id)).toEqual(resolveSettings(config, trunk.id));
        }
      }),
      invariantRuns(),
    );
  });

  it('a bulk import is all or nothing: it adds every row or changes nothing', () => {
    fc.assert(
      fc.property(
        validConfig,
        operation.filter((op) => op.kind === 'importCodesCsv'),
        (config, op) => {
          const result = apply(deepFreeze(config), op);
          if (!result.ok) return;
          const added = (result.report as { added: number }).added;
          expect(result.config.account.codes.slice(0, config.account.codes.length)).toEqual(
            config.account.codes,
          );
          expect(result.config.account.codes.length).toBe(config.account.codes.length + added);
        },
      ),
      invariantRuns(),
    );
  });
});
