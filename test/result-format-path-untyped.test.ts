/**
 * formatPath is total for untyped callers (its documented example): a path
 * that is not an array renders as the root, never throws or splits a string.
 */
import { describe, expect, it } from 'vitest';
import { formatPath } from '../src/result.js';

describe('formatPath on a value that is not a path', () => {
  it.each([undefined, null, 'trunks', 7, { 0: 'trunks', length: 1 }])(
    'renders %j as (root)',
    (path) => {
      expect(formatPath(path as never)).toBe('(root)');
    },
  );
});
