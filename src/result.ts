/**
 * Shapes shared by every fallible operation: problems are readonly data with
 * a stable `code`, never exceptions.
 */

/** A location in a JSON document: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/**
 * One problem found in a configuration, or a warning about it.
 *
 * @typeParam Code - the stable identifier to branch on; the message is for people.
 */
export interface Problem<Code extends string = string> {
  /** Stable identifier, safe to branch on and to translate. */
  readonly code: Code;
  /** Where the problem is, from the root of the configuration. */
  readonly path: JsonPath;
  /** A sentence naming the field and what it allows. */
  readonly message: string;
}

/**
 * Renders a path the way people write it: `trunks[1].customSettings.validateCodes`.
 *
 * @example
 * ```ts
 * formatPath(['trunks', 1, 'id']); // 'trunks[1].id'
 * formatPath([]); // '(root)'
 * formatPath(undefined as never); // '(root)': total, for untyped callers too
 * ```
 */
export function formatPath(path: JsonPath): string {
  if (!Array.isArray(path) || path.length === 0) return '(root)';
  let out = '';
  for (const part of path as readonly unknown[]) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string') out += out === '' ? part : `.${part}`;
    else out += `[${describeValue(part)}]`;
  }
  return out;
}

/**
 * A short rendering of an offending value for an error message. Cheap and
 * total: it never serialises a large or cyclic value, and never throws.
 *
 * @example
 * ```ts
 * describeValue(9); // '9'
 * describeValue('a very long string indeed, longer than forty'); // '"a very long string indeed, longer than f…"'
 * describeValue([1, 2]); // 'an array'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
