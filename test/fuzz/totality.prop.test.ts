/**
 * docs/rules.md#invariants, "every function is total", over the whole public
 * API at once: every function exported from src/index.ts (and from
 * src/redis/index.ts, those that need no server, and from
 * src/lockout/file-store.ts) is found at run time, so an
 * export added later is covered without touching this file, and is called
 * with anything at all (fast-check `anything()`, null-prototype objects,
 * bigints, maps, sparse arrays…) for every argument. It must return a value
 * (a typed error is a value) or resolve: never throw, never reject.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as fileLedger from '../../src/lockout/file-store.js';
import * as redis from '../../src/redis/index.js';
import { invariantRuns } from '../support/properties.js';

/** Redis entry points that open a connection: they need a server, and are tested with one (test/redis). */
const NEEDS_A_SERVER = new Set(['openRedisLockoutStore', 'openRedisLedger']);

type AnyFunction = (...args: unknown[]) => unknown;

const FUNCTIONS: readonly (readonly [string, AnyFunction])[] = [
  ...Object.entries(api as Record<string, unknown>),
  ...Object.entries(redis as Record<string, unknown>)
    .filter(([name]) => !NEEDS_A_SERVER.has(name))
    .map(([name, value]): [string, unknown] => [`redis.${name}`, value]),
  ...Object.entries(fileLedger as Record<string, unknown>).map(
    ([name, value]): [string, unknown] => [`fileLedger.${name}`, value],
  ),
].filter((entry): entry is [string, AnyFunction] => typeof entry[1] === 'function');

const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Values that broke functions before (issue 22), tried on every argument of every function. */
const KNOWN_BAD: readonly unknown[] = [
  undefined,
  null,
  Object.create(null),
  {},
  [],
  '',
  'x',
  0,
  Number.NaN,
  -1,
  true,
  Symbol('s'),
  10n,
  () => {},
  Object.fromEntries([['then', 1]]), // a thenable that is not one
  [Object.create(null)],
  { account: Object.create(null), trunks: Object.create(null) },
];

/** `f(...args)`, and what it resolves to when it returns a promise; a throw or rejection fails. */
async function call(name: string, f: AnyFunction, args: readonly unknown[]): Promise<void> {
  let result: unknown;
  try {
    result = f(...args);
  } catch (error) {
    throw new Error(`${name}(${shown(args)}) threw: ${String(error)}`);
  }
  if (result instanceof Promise) {
    const settled = await Promise.race([
      result.then(
        () => 'resolved',
        (error: unknown) => `rejected: ${String(error)}`,
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve('resolved'), 2_000).unref()),
    ]);
    if (settled !== 'resolved') throw new Error(`${name}(${shown(args)}) ${settled}`);
  }
}

function shown(args: readonly unknown[]): string {
  return args.map((a) => fc.stringify(a)).join(', ');
}

describe('every exported function is total on untyped input', () => {
  it('finds the public API at run time (every function of src/index.ts)', () => {
    const names = FUNCTIONS.map(([name]) => name);
    for (const name of ['classifyCall', 'evaluateCall', 'cdrTagState', 'lockoutGate']) {
      expect(names).toContain(name);
    }
    expect(names.length).toBeGreaterThan(40);
  });

  it.each(FUNCTIONS.map(([name, f]) => [name, f] as const))(
    '%s: the known bad values on every argument',
    async (name, f) => {
      for (let arity = 0; arity <= f.length + 1; arity++) {
        for (const value of KNOWN_BAD) {
          await call(
            name,
            f,
            Array.from({ length: arity }, () => value),
          );
        }
      }
    },
  );

  it('any function, anything for every argument: a value or a typed error, never a throw or a rejection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...FUNCTIONS)
          .chain(([name, f]) =>
            fc.tuple(
              fc.constant(name),
              fc.constant(f),
              fc.array(anyValue, { maxLength: f.length + 1 }),
            ),
          ),
        async ([name, f, args]) => {
          await call(name, f, args);
        },
      ),
      invariantRuns(),
    );
  });
});
