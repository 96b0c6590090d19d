/**
 * Configurations shared by the settings tests: the docs/rules.md#the-config-file-and-the-cli example, parsed
 * and deep-frozen so any mutation by an operation throws.
 */
import { expect } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import type { Config } from '../../src/config/types.js';
import type { OperationResult, SettingsError } from '../../src/settings/errors.js';
import { deepFreeze } from '../support/properties.js';

/** The file of docs/rules.md#the-config-file-and-the-cli, plus a trunk that is off and one that turns allowCallAfterMaxRetries off. */
export const ACME_JSON = {
  account: {
    country: 'US',
    codeLength: 4,
    maxRetries: 3,
    settings: {
      enabled: true,
      requireForInternalCalls: false,
      validateCodes: true,
      allowCallAfterMaxRetries: false,
      requiredCallTypes: ['international', 'premiumToll'],
      midCallCode: '*50',
    },
    dialPlan: { extensionLengths: [3, 4], ownNumbers: ['+12125550100'], outsideLinePrefix: '9' },
    codes: [
      { code: '1234', name: 'Acme Corp' },
      { code: '0420', name: 'Globex' },
    ],
  },
  trunks: [
    { id: 'hq', accountCodesEnabled: true },
    { id: 'lab', accountCodesEnabled: true, customSettings: { validateCodes: false } },
    { id: 'branch', accountCodesEnabled: false },
  ],
};

/** A valid, deep-frozen config parsed from `json` (the docs/rules.md#the-config-file-and-the-cli example by default). */
export function configFrom(json: unknown = ACME_JSON): Config {
  const parsed = parseConfig(structuredClone(json));
  if (!parsed.ok) throw new Error(`fixture is invalid: ${JSON.stringify(parsed.issues)}`);
  return deepFreeze(parsed.config);
}

/** The error of a rejected operation; fails the test if it succeeded. */
export function errorOf(result: OperationResult<unknown>): SettingsError {
  if (result.ok)
    expect.fail(
      `expected the operation to be rejected; it returned ${JSON.stringify(result.report)}`,
    );
  expect(Object.keys(result)).toEqual(['ok', 'error']);
  return result.error;
}

/** The success of an operation; fails the test if it was rejected. */
export function successOf<R>(result: OperationResult<R>): {
  readonly config: Config;
  readonly report: R;
} {
  if (!result.ok)
    expect.fail(`expected the operation to succeed; it was rejected: ${result.error.message}`);
  return result;
}
