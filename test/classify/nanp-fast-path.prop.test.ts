/**
 * The NANP fast path (`plainNanpCall` in src/classify/classify.ts, issue 14)
 * is the whole of SPEC §3 for the numbers it takes. A trailing `#` (the send
 * key) sends the same number through the general rules, so the two results
 * must agree in everything but `dialed`, whatever the account's own rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import type { Classification, ClassifyContext } from '../../src/classify/types.js';
import { invariantRuns } from '../support/properties.js';
import { contextArb, nanpTenArb } from './arbitraries.js';

/** A number the fast path may take, and a context whose own rules may claim it. */
const caseArb = fc
  .tuple(fc.constantFrom('', '1', '+1'), nanpTenArb)
  .map(([lead, ten]) => lead + ten)
  .chain((number) =>
    fc.tuple(
      fc.constant(number),
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
  .map(([number, base, country, own]): [string, ClassifyContext] => {
    const { ownNumbers, extensionLengths, outsideLinePrefix, exemptNumbers } = own;
    const dialPlan = {
      ...base.dialPlan,
      ...(ownNumbers === undefined ? {} : { ownNumbers }),
      ...(extensionLengths === undefined ? {} : { extensionLengths }),
      ...(outsideLinePrefix === undefined ? {} : { outsideLinePrefix }),
    };
    return [
      number,
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
  it('classifies as the general rules do (SPEC §3), for every context', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ([number, context], freeze) => {
        const ctx = freeze ? Object.freeze(context) : context;
        const fast = classifyCall(number, ctx);
        const general = classifyCall(`${number}#`, ctx);
        expect(fast.dialed).toBe(number);
        expect(withoutDialed(fast)).toEqual(withoutDialed(general));
      }),
      invariantRuns(),
    );
  });
});
