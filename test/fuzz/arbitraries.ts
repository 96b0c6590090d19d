/**
 * Arbitraries for the fuzz tests: junk of every kind (JSON and beyond),
 * values that type-check but break every run-time rule, and the check that a
 * failure is a typed value.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { CALL_CATEGORIES, type Classification } from '../../src/classify/types.js';
import { type Config, REQUIRED_CALL_TYPES } from '../../src/config/types.js';
import type { DtmfKey, EntryEvent } from '../../src/entry/events.js';
import type { ResolvedSettings } from '../../src/settings/resolve.js';
import { validConfigFileArb } from '../support/arbitraries.js';

/** Keys that trip code which treats objects as dictionaries. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
] as const;

const keyArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 6 }), weight: 3 },
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 1 },
);

/** Numbers JSON can carry, -0 and the extremes included. */
const jsonNumberArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 0, 3, 7, 9, 1e21, Number.MAX_SAFE_INTEGER + 2, 5e-324),
);

/** Numbers no JSON can carry but a JavaScript caller can pass. */
export const anyNumberArb: fc.Arbitrary<number> = fc.oneof(
  jsonNumberArb,
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

/** Any short string: ASCII, any code point, graphemes, dictionary-ish keys. */
export const anyStringArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 24 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 2 },
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, '', ' ', 'hq', '1234', '*50', '911'), weight: 2 },
);

/**
 * Any string, now and then about 10 kB of any code points or of digits and
 * separators. Huge strings cost time to generate, so only top-level inputs
 * (a dial string, a CSV text, a trunk id) draw from this one.
 */
export const anyTextArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: anyStringArb, weight: 18 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 10_000, maxLength: 10_240 }), weight: 1 },
  {
    arbitrary: fc.string({
      unit: fc.constantFrom(...'0123456789 -().+*#'),
      minLength: 10_000,
      maxLength: 10_240,
    }),
    weight: 1,
  },
);

/** A JSON value whose keys include the prototype-ish ones and whose numbers include -0. */
export const jsonJunkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      jsonNumberArb,
      anyStringArb,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
    ),
  })).value,
);

/**
 * Anything a JavaScript caller could pass: JSON and also NaN, bigint, dates,
 * maps, sets, typed arrays, boxed values, null-prototype objects and sparse arrays.
 */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  jsonJunkArb,
  fc.anything({
    key: keyArb,
    maxDepth: 3,
    maxKeys: 4,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
);

/** A place in a configuration file, by path from the root. */
const FILE_PATHS: readonly (readonly (string | number)[])[] = [
  [],
  ['account'],
  ['account', 'country'],
  ['account', 'codeLength'],
  ['account', 'maxRetries'],
  ['account', 'settings'],
  ['account', 'settings', 'enabled'],
  ['account', 'settings', 'validateCodes'],
  ['account', 'settings', 'requiredCallTypes'],
  ['account', 'settings', 'midCallCode'],
  ['account', 'dialPlan'],
  ['account', 'dialPlan', 'extensionLengths'],
  ['account', 'dialPlan', 'ownNumbers'],
  ['account', 'dialPlan', 'outsideLinePrefix'],
  ['account', 'codes'],
  ['account', 'codes', 0],
  ['account', 'codes', 0, 'code'],
  ['account', 'exemptNumbers'],
  ['account', 'domesticCountries'],
  ['account', '__proto__'],
  ['trunks'],
  ['trunks', 0],
  ['trunks', 0, 'id'],
  ['trunks', 0, 'accountCodesEnabled'],
  ['trunks', 0, 'customSettings'],
  ['trunks', 0, 'customSettings', 'allowCallAfterMaxRetries'],
  ['trunks', 0, 'customSettings', 'codeLength'],
  ['constructor'],
];

/** `value` with the thing at `path` set to `replacement` (created where missing); `value` is not changed. */
export function replaceAt(
  value: unknown,
  path: readonly (string | number)[],
  replacement: unknown,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const container: Record<string | number, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<number, unknown>)
    : typeof value === 'object' && value !== null
      ? { ...value }
      : {};
  // defineProperty, so that `__proto__` becomes an own field as JSON.parse would make it.
  Object.defineProperty(container, head, {
    value: replaceAt(container[head], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return container;
}

/** A valid configuration file with one field, somewhere, replaced by any JSON value. */
export const nearValidFileArb: fc.Arbitrary<unknown> = fc
  .tuple(validConfigFileArb, fc.constantFrom(...FILE_PATHS), jsonJunkArb)
  .map(([file, path, junk]) => replaceAt(file, path, junk));

const bool = fc.boolean();
const callTypesArb = fc.array(fc.constantFrom(...REQUIRED_CALL_TYPES), { maxLength: 4 });

/**
 * A value that type-checks as a {@link Config} but breaks any run-time rule:
 * any numbers (NaN, Infinity, -0), any strings, duplicate trunk ids and codes,
 * repeated call types. This is the junk in scope for `resolveSettings`, which
 * takes a `Config` and documents no run-time check of its shape.
 */
export const typedJunkConfigArb: fc.Arbitrary<Config> = fc.record({
  account: fc.record(
    {
      country: anyStringArb,
      codeLength: anyNumberArb,
      maxRetries: anyNumberArb,
      settings: fc.record({
        enabled: bool,
        requireForInternalCalls: bool,
        validateCodes: bool,
        allowCallAfterMaxRetries: bool,
        requiredCallTypes: callTypesArb,
        unattendedCalls: fc.constantFrom('end' as const, 'connect' as const, { code: '1234' }),
        midCallCode: anyStringArb,
        postCallTagMinutes: anyNumberArb,
        lockout: fc.oneof(
          fc.constant(false as const),
          fc.record({
            maxFailures: anyNumberArb,
            windowMinutes: anyNumberArb,
            scope: fc.constantFrom('trunk' as const, 'caller' as const, 'account' as const),
            unlockAfterMinutes: fc.option(anyNumberArb, { nil: null }),
            maxFailuresPerDay: anyNumberArb,
          }),
        ),
      }),
      dialPlan: fc.record(
        {
          extensionLengths: fc.array(anyNumberArb, { maxLength: 3 }),
          ownNumbers: fc.array(anyStringArb, { maxLength: 3 }),
          outsideLinePrefix: anyStringArb,
        },
        { requiredKeys: ['extensionLengths', 'ownNumbers'] },
      ),
      codes: fc.array(
        fc.record({ code: anyStringArb, name: anyStringArb }, { requiredKeys: ['code'] }),
        {
          maxLength: 4,
        },
      ),
      domesticCountries: fc.array(anyStringArb, { maxLength: 3 }),
      exemptNumbers: fc.array(anyStringArb, { maxLength: 3 }),
    },
    {
      requiredKeys: [
        'country',
        'codeLength',
        'maxRetries',
        'settings',
        'dialPlan',
        'codes',
        'exemptNumbers',
      ],
    },
  ),
  trunks: fc.array(
    fc.record(
      {
        id: fc.oneof(anyStringArb, fc.constantFrom('hq', 'lab')),
        accountCodesEnabled: bool,
        customSettings: fc.record(
          {
            requireForInternalCalls: bool,
            validateCodes: bool,
            allowCallAfterMaxRetries: bool,
            requiredCallTypes: callTypesArb,
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['id', 'accountCodesEnabled'] },
    ),
    { maxLength: 4 },
  ),
});

const categoriesArb = fc.array(fc.constantFrom(...CALL_CATEGORIES), { maxLength: 7 });

/** Any value of the {@link Classification} type, whatever classifyCall would say. */
export const typedJunkClassificationArb: fc.Arbitrary<Classification> = fc.oneof(
  fc.record({
    kind: fc.constant('emergency' as const),
    dialed: anyStringArb,
    number: anyStringArb,
    why: fc.constantFrom('emergency' as const, 'exempt' as const),
    categories: categoriesArb,
  }),
  fc.record(
    {
      kind: fc.constant('internal' as const),
      dialed: anyStringArb,
      number: anyStringArb,
      via: fc.constantFrom('extension' as const, 'own-number' as const),
      e164: anyStringArb,
      categories: categoriesArb,
    },
    { requiredKeys: ['kind', 'dialed', 'number', 'via', 'categories'] },
  ),
  fc.record(
    {
      kind: fc.constant('external' as const),
      dialed: anyStringArb,
      number: anyStringArb,
      categories: categoriesArb,
      e164: anyStringArb,
      country: anyStringArb,
    },
    { requiredKeys: ['kind', 'dialed', 'number', 'categories'] },
  ),
  fc.record({
    kind: fc.constant('invalid' as const),
    dialed: anyStringArb,
    reason: fc.constantFrom('empty' as const, 'not-dialable' as const, 'too-long' as const),
    message: anyStringArb,
    categories: categoriesArb,
  }),
);

const sourceArb = fc.constantFrom('account' as const, 'trunk' as const);

/** Any value of the {@link ResolvedSettings} type: `active` and `inactiveReason` need not agree. */
export const typedJunkResolvedArb: fc.Arbitrary<ResolvedSettings> = fc.record(
  {
    ok: fc.constant(true as const),
    trunkId: anyStringArb,
    active: bool,
    inactiveReason: fc.constantFrom('account-disabled' as const, 'trunk-disabled' as const),
    settings: fc.record({
      requireForInternalCalls: bool,
      validateCodes: bool,
      allowCallAfterMaxRetries: bool,
      requiredCallTypes: callTypesArb,
      codeLength: anyNumberArb,
      maxRetries: anyNumberArb,
      midCallCode: anyStringArb,
    }),
    provenance: fc.record({
      requireForInternalCalls: sourceArb,
      validateCodes: sourceArb,
      allowCallAfterMaxRetries: sourceArb,
      requiredCallTypes: sourceArb,
      codeLength: sourceArb,
      maxRetries: sourceArb,
      midCallCode: sourceArb,
    }),
    ignored: fc.constant([]),
  },
  { requiredKeys: ['ok', 'trunkId', 'active', 'settings', 'provenance', 'ignored'] },
);

const timestampArb = fc.oneof(anyNumberArb, anyStringArb);
const DTMF_KEYS: readonly DtmfKey[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];
const dtmfArb = fc.constantFrom(...DTMF_KEYS);

/** Events of the right shape (with any timestamp), and junk. */
export const eventArb: fc.Arbitrary<EntryEvent> = fc.oneof(
  {
    arbitrary: fc.record(
      { type: fc.constant('key' as const), key: dtmfArb, at: timestampArb },
      { requiredKeys: ['type', 'key'] },
    ),
    weight: 6,
  },
  {
    arbitrary: fc.record(
      { type: fc.constant('timeout' as const), at: timestampArb },
      { requiredKeys: ['type'] },
    ),
    weight: 1,
  },
  {
    arbitrary: fc.record(
      { type: fc.constant('hangup' as const), at: timestampArb },
      { requiredKeys: ['type'] },
    ),
    weight: 1,
  },
  {
    arbitrary: fc.record(
      {
        type: fc.constant('lookup-result' as const),
        valid: bool,
        code: anyStringArb,
        at: timestampArb,
      },
      { requiredKeys: ['type', 'valid'] },
    ),
    weight: 2,
  },
  // Junk, cast: the machines read events defensively (they may come from a webhook).
  { arbitrary: junkArb as fc.Arbitrary<EntryEvent>, weight: 2 },
);

/** Plausible option values with, now and then, any value at all in a field. */
function optionField<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: plausible, weight: 8 },
    { arbitrary: junkArb, weight: 1 },
    { arbitrary: anyNumberArb, weight: 1 },
  );
}

/** Options for code entry and mid-call tagging, mostly valid, sometimes not, sometimes not an object. */
export const optionsArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.record({
      codeLength: optionField(fc.integer({ min: 3, max: 7 })),
      maxRetries: optionField(fc.integer({ min: 1, max: 9 })),
      validateCodes: optionField(bool),
      allowCallAfterMaxRetries: optionField(bool),
      midCallCode: optionField(fc.constantFrom('*50', '*7', '*123')),
    }),
    weight: 8,
  },
  { arbitrary: junkArb, weight: 2 },
);

/** A failure as docs/rules.md#invariants wants it: a value with a string `code` and a non-empty `message`. */
export function expectTypedProblem(problem: unknown): void {
  expect(problem).toBeTypeOf('object');
  const { code, message } = problem as { code?: unknown; message?: unknown };
  expect(code).toBeTypeOf('string');
  expect(code).not.toBe('');
  expect(message).toBeTypeOf('string');
  expect(message).not.toBe('');
}

/**
 * A result is `{ ok: true, ... }`, or `{ ok: false }` with a typed `error` or a
 * non-empty list of typed `issues`.
 */
export function expectResultOrTypedFailure(result: unknown): void {
  expect(result).toBeTypeOf('object');
  const { ok, error, issues } = result as { ok?: unknown; error?: unknown; issues?: unknown };
  expect(ok).toBeTypeOf('boolean');
  if (ok === true) return;
  if (issues !== undefined) {
    expect(Array.isArray(issues)).toBe(true);
    const list = issues as readonly unknown[];
    expect(list.length).toBeGreaterThan(0);
    for (const issue of list) expectTypedProblem(issue);
  } else {
    expectTypedProblem(error);
  }
}
