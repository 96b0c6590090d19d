/**
 * `parseConfig`: untrusted JSON in, a valid {@link Config} with its warnings
 * out, or every problem at once (docs/rules.md#configuration, docs/rules.md#the-config-file-and-the-cli). Never throws.
 */
import type * as z from 'zod/mini';
import { formatPath, type JsonPath } from '../result.js';
import { checkCrossFieldRules } from './cross-field.js';
import { mustBe } from './fields.js';
import { freezeConfig } from './freeze.js';
import type { ConfigIssue, ConfigIssueCode, ConfigWarning } from './problems.js';
import { getSchemas } from './schema.js';
import type { Config } from './types.js';
import { configWarnings } from './warnings.js';

/** What {@link parseConfig} returns. */
export type ParseConfigResult =
  | {
      /** The input is a valid configuration. */
      readonly ok: true;
      /** The configuration with the defaults of docs/rules.md#configuration applied. */
      readonly config: Config;
      /** Valid but risky choices, and stored overrides that are ignored. */
      readonly warnings: readonly ConfigWarning[];
    }
  | {
      /** The input is not a valid configuration; nothing was applied. */
      readonly ok: false;
      /** Every problem found, each with its JSON path: field problems first, then cross-field ones. */
      readonly issues: readonly ConfigIssue[];
    };

/**
 * Validates a configuration (the parsed JSON of the file of docs/rules.md#the-config-file-and-the-cli) and
 * applies the defaults of docs/rules.md#configuration. Unknown fields are errors; a trunk override
 * the account does not allow is a warning (stored data), not an error. The
 * configuration returned is a new object, frozen all the way down, which
 * lets `resolveSettings` keep its answers for it.
 *
 * @example
 * ```ts
 * const result = parseConfig(JSON.parse(text));
 * if (!result.ok) {
 *   for (const issue of result.issues) console.error(issue.message);
 *   // account.codeLength must be an integer from 3 to 7; got 9
 * }
 * ```
 */
export function parseConfig(input: unknown): ParseConfigResult {
  const crossField = checkCrossFieldRules(input);
  const parsed = getSchemas().config.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: [...parsed.error.issues.flatMap(fromZodIssue), ...crossField] };
  }
  if (crossField.length > 0) return { ok: false, issues: crossField };
  // The compile-time guard in schema.ts proves the output has the Config shape.
  // Frozen: a config is a value, and resolveSettings caches per config object.
  const config = freezeConfig(parsed.data as Config);
  return { ok: true, config, warnings: configWarnings(config) };
}

function fromZodIssue(zodIssue: z.core.$ZodIssue): ConfigIssue[] {
  const path: JsonPath = zodIssue.path.map((part) =>
    typeof part === 'symbol' ? String(part) : part,
  );
  const where = formatPath(path);
  const allowed = zodIssue.message;
  switch (zodIssue.code) {
    case 'unrecognized_keys':
      return zodIssue.keys.map((key) => {
        const at = [...path, key];
        return {
          code: 'unknown-field',
          path: at,
          message: `${formatPath(at)} is not a known field; ${allowed}`,
        };
      });
    case 'invalid_type':
      return zodIssue.input === undefined
        ? [make('required', path, `${where} is required; it must be ${allowed}`)]
        : [mustBe('invalid-type', path, allowed, zodIssue.input)];
    case 'too_small':
    case 'too_big':
      return [mustBe('out-of-range', path, allowed, zodIssue.input)];
    case 'invalid_union': {
      // `false` or an object (lockout, docs/rules.md#lockout): when the value is an object,
      // the object branch's own problems say more than "false or an object".
      const inner = zodIssue.errors.find((branch) => branch.some((i) => i.path.length > 0));
      if (inner !== undefined && typeof zodIssue.input === 'object' && zodIssue.input !== null) {
        return inner.flatMap((i) => fromZodIssue({ ...i, path: [...zodIssue.path, ...i.path] }));
      }
      return [mustBe('invalid-value', path, allowed, zodIssue.input)];
    }
    case 'custom': {
      // Our own checks carry their code and a complete sentence; refinements only the rule.
      const code = zodIssue.params?.code as ConfigIssueCode | undefined;
      return code === undefined
        ? [mustBe('invalid-value', path, allowed, zodIssue.input)]
        : [make(code, path, `${where} must be ${allowed}`)];
    }
    default:
      return [mustBe('invalid-value', path, allowed, zodIssue.input)];
  }
}

function make(code: ConfigIssueCode, path: JsonPath, message: string): ConfigIssue {
  return { code, path, message };
}
