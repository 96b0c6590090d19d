/**
 * The NANP fast path (`plainNanpDigits` in src/classify/normalise.ts and
 * `plainNanpCall` in src/classify/classify.ts, issue 14) is the whole of
 * docs/rules.md#classification for the numbers it takes. A trailing `#` (the send key) sends the
 * same number through the general normaliser and rules, so the two results
 * must agree in everything but `dialed`, whatever the account's own rules
 * and however the number is written (separators, `1`, `+1`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import { normaliseDialString, plainNanpDigits } from '../../src/classify/normalise.js';
import type { Classification, ClassifyContext } from '../../src/classify/types.js';
import { invariantRuns } from '../support/properties.js';
import { contextArb, nanpTenArb, withSeparators } from './arbitraries.js';

/** A number the fast path may take, as written (with or without separators). */
const writtenArb = fc
  .tuple(fc.constantFrom('', '1', '+1'), nanpTenArb)
  .map(([lead, ten]) => lead + ten)
  .chain((number) =>
    fc.tuple(fc.constant(number), fc.oneof(fc.constant(number), withSeparators(number))),
  );

/** A number the fast path may take, as written, and a context whose own rules may claim it. */
const caseArb = writtenArb
  .chain(([number, written]) =>
    fc.tuple(
      fc.constant(number),
      fc.constant(written),
      contextArb,
      fc.constantFrom('US', 'CA', 'JM', 'PR', 'us', undefined),
      fc.record(
        {
          ownNumbers: fc.constantFrom([`+1${number.slice(-10)}`], ['+12125550100']),
          exemptNumbers: fc.constantFrom([number], [number.slice(-10)], ['988']),
          extensionLengths: fc.constantFrom([number.length], [4]),
          outsideLinePrefix: fc.constantFrom('1', '9', '+', number.slice(0, 2)),
        },
        { requiredKeys: [] },
      ),
    ),
  )
  .map(([number, written, base, country, own]): [string, string, ClassifyContext] => {
    const { ownNumbers, extensionLengths, outsideLinePrefix, exemptNumbers } = own;
    const dialPlan = {
      ...base.dialPlan,
      ...(ownNumbers === undefined ? {} : { ownNumbers }),
      ...(extensionLengths === undefined ? {} : { extensionLengths }),
      ...(outsideLinePrefix === undefined ? {} : { outsideLinePrefix }),
    };
    return [
      number,
      written,
      {
        ...base,
        ...(country === undefined ? {} : { country }),
        ...(exemptNumbers === undefined ? {} : { exemptNumbers }),
        dialPlan,
      },
    ];
  });

const withoutDialed = ({ dialed: _dialed, ...rest }: Classification) => rest;

describe('the NANP fast path', () => {
  it('classifies as the general rules do (docs/rules.md#classification), for every context', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ([number, written, context], freeze) => {
        const ctx = freeze ? Object.freeze(context) : context;
        const fast = classifyCall(written, ctx);
        const general = classifyCall(`${written}#`, ctx);
        expect(fast.dialed).toBe(number);
        expect(withoutDialed(fast)).toEqual(withoutDialed(general));
      }),
      invariantRuns(),
    );
  });

  // Near misses too: a digit more or fewer, `+` elsewhere, area codes 0 and 1, other characters.
  const dialStringArb = fc.oneof(
    writtenArb.map(([, written]) => written),
    fc
      .tuple(writtenArb, fc.nat(), fc.constantFrom(...'0123456789+*#x'), fc.boolean())
      .map(([[, written], at, c, insert]) => {
        const i = at % (written.length + 1);
        return written.slice(0, i) + (insert ? c : '') + written.slice(insert ? i : i + 1);
      }),
    fc.string({ unit: fc.constantFrom(...'0123456789+ -.()'), maxLength: 18 }),
    fc.string({ unit: fc.constantFrom(...'0112+ -.()*#x\u00a0１'), maxLength: 16 }),
  );

  it('reads the digits the general normaliser reads, or leaves the string to it (docs/rules.md#classification)', () => {
    fc.assert(
      fc.property(dialStringArb, (dialed) => {
        const plain = plainNanpDigits(dialed);
        if (plain === undefined) return;
        expect(normaliseDialString(dialed)).toEqual({ kind: 'dialable', digits: plain });
        expect(plain).toMatch(/^(?:|1|\+1)[2-9]\d{9}$/);
      }),
      invariantRuns(),
    );
  });

  it('takes every NANP number a caller writes, separators or not', () => {
    fc.assert(
      fc.property(writtenArb, ([number, written]) => {
        expect(plainNanpDigits(written)).toBe(number);
      }),
      invariantRuns(),
    );
  });
});
