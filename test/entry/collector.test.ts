import { describe, expect, it } from 'vitest';
import { keyInto, startKeying } from '../../src/entry/collector.js';
import type { Stimulus } from '../../src/entry/events.js';

const rules = { codeLength: 4, maxRetries: 3, validateCodes: true };

describe('keyInto', () => {
  it('starts an entry with no digits and no part of the restart code keyed', () => {
    expect(startKeying()).toEqual({ digits: '', matched: 0 });
    // A fresh entry takes a first digit as the start of a code.
    expect(keyInto(rules, startKeying(), { kind: 'digit', digit: '5' }, '*50')).toEqual({
      kind: 'keyed',
      keying: { digits: '5', matched: 0 },
    });
  });

  it.each<Stimulus>([
    { kind: 'hangup' },
    { kind: 'lookup-hit', locked: false },
    { kind: 'lookup-miss', locked: true },
    { kind: 'lookup-refused', reason: 'locked-out' },
    { kind: 'lookup-refused', code: '1234', reason: 'ledger-unavailable' },
  ])('leaves an entry alone on a stimulus that is not a key: $kind', (stimulus) => {
    const keying = { digits: '12', matched: 0 };
    expect(keyInto(rules, keying, stimulus)).toEqual({ kind: 'ignored' });
    expect(keyInto(rules, keying, stimulus, '*50')).toEqual({ kind: 'ignored' });
  });
});
