/**
 * A field has one rule (docs/rules.md#configuration): a config file,
 * an administrator's operation and the code-entry machine's options refuse the
 * same values of a field with the same code and the same sentence, only the
 * path before it differing. Two known differences are left out and pinned
 * below: a number that is not whole, and a mid-call code that is not a string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Config,
  enableAccountCodes,
  parseConfig,
  saveAccountSettings,
  startCodeEntry,
} from '../../src/index.js';
import { propertyRuns } from '../support/properties.js';

const base = { account: { codeLength: 4, maxRetries: 3, codes: [{ code: '1234' }] } };
const parsedBase = parseConfig(base);
if (!parsedBase.ok) throw new Error('fixture rejected');
const config: Config = parsedBase.config;

/** A problem as [path after `account`, code, sentence after the path]. */
type Answer = readonly [string, string, string];

/** What parseConfig says of `value` at `account.<path>`, every problem. */
function fileAnswers(
  path: readonly string[],
  value: unknown,
  account: Record<string, unknown> = base.account,
): Answer[] {
  const file: Record<string, unknown> = structuredClone(account);
  let at = file;
  for (const part of path.slice(0, -1)) {
    at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[path[path.length - 1] as string] = value;
  const parsed = parseConfig({ account: file });
  if (parsed.ok) return [];
  return parsed.issues.map((issue) => {
    const where = issue.path.join('.');
    return [where.replace(/^account\./, ''), issue.code, issue.message.slice(where.length)];
  });
}

/** An operation's or the machine's refusal, as an {@link Answer}: its `field`, or its `path` written out. */
function answer(
  problem:
    | {
        readonly code: string;
        readonly message: string;
        readonly field?: string;
        readonly path?: readonly (string | number)[];
      }
    | undefined,
): Answer[] {
  if (problem === undefined) return [];
  const field = problem.field ?? problem.path?.join('.') ?? '';
  return [[field, problem.code, problem.message.slice(field.length)]];
}

/** The rules between two fields, whose sentences name the other field as each place writes it. */
const BETWEEN_FIELDS = new Set(['unlock-shorter-than-window', 'daily-budget-below-max-failures']);

/**
 * No refusal at run time where the file has no problem; else the run-time
 * refusal is the file's problem at the same field, the sentence included (for
 * a rule between two fields, the path and the code).
 */
function agree(runTime: Answer[], file: Answer[], field: string): void {
  const [first] = runTime;
  if (first === undefined) {
    expect(file).toEqual([]);
  } else if (BETWEEN_FIELDS.has(first[1])) {
    expect(file.map(([path, code]) => [path, code])).toContainEqual([first[0], first[1]]);
  } else {
    expect(runTime).toEqual(file.filter(([path]) => path === field).slice(0, 1));
  }
}

/** Values of every JSON type, the numbers whole (both sides of each range and far out). */
const values = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.integer({ min: 990, max: 1010 }),
  fc.integer({ min: 10_070, max: 10_090 }),
  fc.integer({ min: 44_630, max: 44_650 }),
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

describe('the run-time checks answer as a config file does', () => {
  it('codeLength and maxRetries: enableAccountCodes and startCodeEntry', () => {
    fc.assert(
      fc.property(fc.constantFrom('codeLength', 'maxRetries'), values, (name, value) => {
        // No codes: a code of the old length would be a problem of its own.
        const file = fileAnswers([name], value, { codeLength: 4, maxRetries: 3 });
        const options = { codeLength: 4, maxRetries: 3, [name]: value };
        const enabled = enableAccountCodes(undefined, options);
        agree(answer(enabled.ok ? undefined : enabled.error), file, name);
        const started = startCodeEntry({
          ...options,
          validateCodes: true,
          allowCallAfterMaxRetries: false,
        } as never);
        agree(answer(started.ok ? undefined : started.error), file, name);
      }),
      propertyRuns(),
    );
  });

  it('the account settings and the lockout fields: saveAccountSettings', () => {
    const names = [
      ['enabled'],
      ['validateCodes'],
      ['allowCallAfterMaxRetries'],
      ['postCallTagMinutes'],
      ['lockout', 'maxFailures'],
      ['lockout', 'windowMinutes'],
      ['lockout', 'unlockAfterMinutes'],
      ['lockout', 'maxFailuresPerDay'],
      ['lockout', 'scope'],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...names), values, (path, value) => {
        const [first, second] = path;
        const settings = { [first]: second === undefined ? value : { [second]: value } };
        const saved = saveAccountSettings(config, {
          settings: settings as never,
          enableForAllTrunks: false,
        });
        const field = ['settings', ...path].join('.');
        agree(
          answer(saved.ok ? undefined : saved.error),
          fileAnswers(['settings', ...path], value),
          field,
        );
      }),
      propertyRuns(),
    );
  });

  it('midCallCode strings: saveAccountSettings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 5 }), fc.stringMatching(/^\*\d{0,4}$/)),
        (value) => {
          const saved = saveAccountSettings(config, {
            settings: { midCallCode: value },
            enableForAllTrunks: false,
          });
          agree(
            answer(saved.ok ? undefined : saved.error),
            fileAnswers(['settings', 'midCallCode'], value),
            'settings.midCallCode',
          );
        },
      ),
      propertyRuns(),
    );
  });
});

describe('the two known differences', () => {
  it('a number that is not whole: the wrong type in a file, out of range at run time', () => {
    expect(fileAnswers(['codeLength'], 4.5)[0]?.[1]).toBe('invalid-type');
    const enabled = enableAccountCodes(undefined, { codeLength: 4.5, maxRetries: 3 });
    expect(enabled.ok ? undefined : enabled.error.code).toBe('out-of-range');
  });

  it('a mid-call code that is not a string: the wrong type in a file, an invalid value to an operation', () => {
    expect(fileAnswers(['settings', 'midCallCode'], 50)[0]?.[1]).toBe('invalid-type');
    const saved = saveAccountSettings(config, {
      settings: { midCallCode: 50 as never },
      enableForAllTrunks: false,
    });
    expect(saved.ok ? undefined : saved.error.code).toBe('invalid-value');
  });
});
