/**
 * fast-check arbitraries for the settings properties: valid configurations
 * (including stored overrides that docs/rules.md#trunks says are ignored), and administrative
 * operations with arguments that are sometimes right and sometimes wrong.
 */
import fc from 'fast-check';
import type {
  AccountCode,
  Config,
  RequiredCallType,
  Trunk,
  TrunkCustomSettings,
} from '../../src/config/types.js';
import { REQUIRED_CALL_TYPES } from '../../src/config/types.js';
import {
  disableAccountCodes,
  enableAccountCodes,
  saveAccountSettings,
} from '../../src/settings/account.js';
import { addCode, importCodesCsv, removeCode, renameCode } from '../../src/settings/codes.js';
import type { OperationResult } from '../../src/settings/errors.js';
import {
  addTrunk,
  clearTrunkCustomSettings,
  disableTrunk,
  enableTrunk,
  setTrunkCustomSettings,
} from '../../src/settings/trunks.js';

/** A few trunk ids, so operations often hit existing trunks. */
export const TRUNK_IDS = ['hq', 'lab', 'branch', 'annex'] as const;

const callTypes: fc.Arbitrary<readonly RequiredCallType[]> = fc.subarray([...REQUIRED_CALL_TYPES]);

function digits(length: number): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.constantFrom(...'0123456789'),
    minLength: length,
    maxLength: length,
  });
}

const codeName: fc.Arbitrary<string | undefined> = fc.option(fc.string({ maxLength: 64 }), {
  nil: undefined,
});

function customSettings(withCodes: boolean): fc.Arbitrary<TrunkCustomSettings> {
  return fc.record(
    {
      requireForInternalCalls: fc.boolean(),
      validateCodes: withCodes ? fc.boolean() : fc.constant(false),
      // Stored data may turn it on over an account that has it off (docs/rules.md#trunks: ignored, not an error).
      allowCallAfterMaxRetries: fc.boolean(),
      requiredCallTypes: callTypes,
    },
    { requiredKeys: [] },
  );
}

/** A configuration that `parseConfig` accepts, with every default spelled out. */
export const validConfig: fc.Arbitrary<Config> = fc
  .record({ codeLength: fc.integer({ min: 3, max: 7 }), withCodes: fc.boolean() })
  .chain(({ codeLength, withCodes }) =>
    fc.record({
      account: fc.record({
        country: fc.constantFrom('US', 'CA', 'GB', 'DE'),
        codeLength: fc.constant(codeLength),
        maxRetries: fc.integer({ min: 1, max: 9 }),
        settings: fc.record({
          enabled: fc.boolean(),
          requireForInternalCalls: fc.boolean(),
          validateCodes: withCodes ? fc.boolean() : fc.constant(false),
          allowCallAfterMaxRetries: fc.boolean(),
          requiredCallTypes: callTypes,
          unattendedCalls: fc.constantFrom('end' as const, 'connect' as const),
          midCallCode: fc.constantFrom('*50', '*7', '*123'),
          postCallTagMinutes: fc.constantFrom(0, 60, 1440, 44640),
          lockout: fc.oneof(
            fc.constant(false as const),
            fc.record({
              maxFailures: fc.integer({ min: 1, max: 100 }),
              windowMinutes: fc.integer({ min: 1, max: 60 }),
              scope: fc.constantFrom('trunk' as const, 'caller' as const, 'account' as const),
              unlockAfterMinutes: fc.option(fc.integer({ min: 60, max: 10080 }), { nil: null }),
              maxFailuresPerDay: fc.integer({ min: 100, max: 1000 }),
            }),
          ),
        }),
        dialPlan: fc.constant({ extensionLengths: [3], ownNumbers: [] }),
        codes: fc
          .uniqueArray(digits(codeLength), {
            minLength: withCodes ? 1 : 0,
            maxLength: withCodes ? 5 : 0,
          })
          .chain((codes) =>
            fc.tuple(
              ...codes.map((code) =>
                codeName.map(
                  (name): AccountCode => (name === undefined ? { code } : { code, name }),
                ),
              ),
            ),
          ),
        exemptNumbers: fc.constant(['988', '711']),
      }),
      trunks: fc.subarray([...TRUNK_IDS]).chain((ids) =>
        fc.tuple(
          ...ids.map(
            (id) =>
              fc.record(
                {
                  id: fc.constant(id),
                  accountCodesEnabled: fc.boolean(),
                  customSettings: customSettings(withCodes),
                },
                { requiredKeys: ['id', 'accountCodesEnabled'] },
              ) as fc.Arbitrary<Trunk>,
          ),
        ),
      ),
    }),
  );

/** One administrative operation and its arguments, as data so counterexamples print well. */
export type Operation =
  | { readonly kind: 'enableAccountCodes'; readonly options: unknown }
  | { readonly kind: 'saveAccountSettings'; readonly options: unknown }
  | { readonly kind: 'disableAccountCodes'; readonly options: unknown }
  | { readonly kind: 'addTrunk'; readonly options: unknown }
  | { readonly kind: 'enableTrunk'; readonly trunkId: unknown }
  | { readonly kind: 'disableTrunk'; readonly trunkId: unknown }
  | { readonly kind: 'setTrunkCustomSettings'; readonly trunkId: unknown; readonly custom: unknown }
  | { readonly kind: 'clearTrunkCustomSettings'; readonly trunkId: unknown }
  | { readonly kind: 'addCode'; readonly code: unknown }
  | { readonly kind: 'renameCode'; readonly code: unknown; readonly name: unknown }
  | { readonly kind: 'removeCode'; readonly code: unknown }
  | { readonly kind: 'importCodesCsv'; readonly csv: unknown };

/**
 * Runs `operation` on `config`. Arguments are passed as the untyped JSON an
 * admin UI might send, hence the casts.
 */
export function apply(config: Config, operation: Operation): OperationResult<unknown> {
  switch (operation.kind) {
    case 'enableAccountCodes':
      return enableAccountCodes(config, operation.options as never);
    case 'saveAccountSettings':
      return saveAccountSettings(config, operation.options as never);
    case 'disableAccountCodes':
      return disableAccountCodes(config, operation.options as never);
    case 'addTrunk':
      return addTrunk(config, operation.options as never);
    case 'enableTrunk':
      return enableTrunk(config, operation.trunkId as never);
    case 'disableTrunk':
      return disableTrunk(config, operation.trunkId as never);
    case 'setTrunkCustomSettings':
      return setTrunkCustomSettings(config, operation.trunkId as never, operation.custom as never);
    case 'clearTrunkCustomSettings':
      return clearTrunkCustomSettings(config, operation.trunkId as never);
    case 'addCode':
      return addCode(config, operation.code as never);
    case 'renameCode':
      return renameCode(config, operation.code as never, operation.name as never);
    case 'removeCode':
      return removeCode(config, operation.code as never);
    case 'importCodesCsv':
      return importCodesCsv(config, operation.csv as never);
    default:
      return operation satisfies never;
  }
}

/** Mostly plausible values, sometimes anything at all. */
function mostly<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: plausible, weight: 9 }, { arbitrary: fc.anything(), weight: 1 });
}

const trunkId = mostly(fc.constantFrom<string>(...TRUNK_IDS, 'new', ' bad'));
/** Codes of every length the configs use, so some fit and some do not; few digits, so some repeat. */
const code = mostly(
  fc
    .integer({ min: 2, max: 8 })
    .chain((length) =>
      fc.string({ unit: fc.constantFrom('0', '1', '2'), minLength: length, maxLength: length }),
    ),
);
const plausibleSettingValue = fc.oneof(fc.boolean(), callTypes, fc.constantFrom('*50', '*9', '50'));
const settingsPatch = fc.dictionary(
  fc.constantFrom(
    'enabled',
    'requireForInternalCalls',
    'validateCodes',
    'allowCallAfterMaxRetries',
    'requiredCallTypes',
    'midCallCode',
    'codeLength',
  ),
  plausibleSettingValue,
  { maxKeys: 3 },
);
const customPatch = fc.dictionary(
  fc.constantFrom(
    'requireForInternalCalls',
    'validateCodes',
    'allowCallAfterMaxRetries',
    'requiredCallTypes',
    'midCallCode',
  ),
  plausibleSettingValue,
  { maxKeys: 3 },
);
const csvCell = fc.oneof(
  fc.string({ unit: fc.constantFrom('0', '1', '2'), minLength: 2, maxLength: 8 }),
  fc.string({ maxLength: 8 }),
);
const csv = mostly(
  fc
    .array(fc.tuple(csvCell, fc.option(csvCell, { nil: undefined })), { maxLength: 4 })
    .map(
      (rows) =>
        `code,name\n${rows.map(([c, n]) => (n === undefined ? c : `${c},"${n.replaceAll('"', '""')}"`)).join('\n')}`,
    ),
);

/** Any operation, with arguments that are right often enough for sequences to go somewhere. */
export const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('enableAccountCodes' as const),
    options: mostly(
      fc.record({
        codeLength: fc.integer({ min: 2, max: 8 }),
        maxRetries: fc.integer({ min: 0, max: 10 }),
      }),
    ),
  }),
  fc.record({
    kind: fc.constant('saveAccountSettings' as const),
    options: mostly(fc.record({ settings: settingsPatch, enableForAllTrunks: fc.boolean() })),
  }),
  fc.record({
    kind: fc.constant('disableAccountCodes' as const),
    options: mostly(fc.record({ keepCustomSettings: fc.boolean() })),
  }),
  fc.record({
    kind: fc.constant('addTrunk' as const),
    options: mostly(fc.record({ id: trunkId })),
  }),
  fc.record({ kind: fc.constant('enableTrunk' as const), trunkId }),
  fc.record({ kind: fc.constant('disableTrunk' as const), trunkId }),
  fc.record({
    kind: fc.constant('setTrunkCustomSettings' as const),
    trunkId,
    custom: mostly(customPatch),
  }),
  fc.record({ kind: fc.constant('clearTrunkCustomSettings' as const), trunkId }),
  fc.record({
    kind: fc.constant('addCode' as const),
    code: mostly(
      fc.record({ code, name: fc.string({ maxLength: 70 }) }, { requiredKeys: ['code'] }),
    ),
  }),
  fc.record({
    kind: fc.constant('renameCode' as const),
    code,
    name: mostly(fc.string({ maxLength: 70 })),
  }),
  fc.record({ kind: fc.constant('removeCode' as const), code }),
  fc.record({ kind: fc.constant('importCodesCsv' as const), csv }),
);

/** Places in a config where a corrupted value could crash a careless reader. */
const CORRUPTIBLE_PATHS: readonly (readonly (string | number)[])[] = [
  ['account'],
  ['account', 'codeLength'],
  ['account', 'settings'],
  ['account', 'settings', 'requiredCallTypes'],
  ['account', 'settings', 'validateCodes'],
  ['account', 'codes'],
  ['account', 'codes', 0],
  ['trunks'],
  ['trunks', 0],
  ['trunks', 0, 'customSettings'],
  ['trunks', 0, 'customSettings', 'requiredCallTypes'],
];

/** A valid config with one value somewhere replaced by anything at all: not a Config any more. */
export const corruptedConfig: fc.Arbitrary<unknown> = fc
  .tuple(validConfig, fc.constantFrom(...CORRUPTIBLE_PATHS), fc.anything())
  .map(([config, path, value]) => {
    const copy: unknown = structuredClone(config);
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) {
      parent = (parent as Record<string | number, unknown> | undefined)?.[key];
    }
    const last = path.at(-1);
    if (typeof parent === 'object' && parent !== null && last !== undefined) {
      (parent as Record<string | number, unknown>)[last] = value;
    }
    return copy;
  });
