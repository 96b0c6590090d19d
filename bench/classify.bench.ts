/**
 * Classification throughput (issue 4): `classifyCall` against
 * libphonenumber-js `parsePhoneNumberFromString` on the same dial strings in
 * the same run. The baseline is imported through `src/phone.ts`, so both sides
 * run libphonenumber-js with the same metadata object (two metadata objects
 * in one process make its code polymorphic and slow down whichever runs second). Targets: NANP ≥ 50× (the fast path never parses), the
 * international mix ≥ 1×; plus the whole decision for one call.
 */

import { classifyCall } from '../src/classify/classify.js';
import type { ClassifyContext } from '../src/classify/types.js';
import type { Config } from '../src/config/types.js';
import { decide } from '../src/decide.js';
import { parsePhoneNumberFromString } from '../src/phone.js';
import { resolveSettings } from '../src/settings/resolve.js';
import { type BenchSuite, consume, median, opsPerSecond, row } from './harness.js';

/**
 * Measures `a` and `b` in alternation, three times each, and keeps the
 * medians: on a shared machine the load drifts, and alternating spreads the
 * drift over both sides of the ratio.
 */
function paired(a: () => void, b: () => void, opsPerCall: number): [number, number] {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < 3; i++) {
    as.push(opsPerSecond(a, { opsPerCall, rounds: 3 }));
    bs.push(opsPerSecond(b, { opsPerCall, rounds: 3 }));
  }
  return [median(as), median(bs)];
}

/** A NANP caller's day: local, long distance, Canada, the Caribbean, toll-free, premium, DA. */
const NANP_MIX = [
  '212-555-0100',
  '1 (312) 555-0199',
  '+1 416 555 0123',
  '1-876-555-0100',
  '1-800-555-0100',
  '1-900-555-0100',
  '(415) 976-1234',
  '1 212 555 1212',
  '+1 787 555 0100',
  '1.604.555.0100',
];

/** Callers elsewhere: [dial string, caller country]. */
const INTERNATIONAL_MIX: readonly (readonly [string, 'GB' | 'DE' | 'FR' | 'AU' | 'IN' | 'US'])[] = [
  ['+44 20 7946 0000', 'GB'],
  ['020 7946 0000', 'GB'],
  ['00 49 30 123456', 'GB'],
  ['0900 1234567', 'DE'],
  ['+33 1 23 45 67 89', 'DE'],
  ['01 23 45 67 89', 'FR'],
  ['0011 44 20 7946 0000', 'AU'],
  ['02 9876 5432', 'AU'],
  ['098765 43210', 'IN'],
  ['011 91 98765 43210', 'US'],
];

const CONFIG: Config = {
  account: {
    country: 'US',
    codeLength: 4,
    maxRetries: 3,
    settings: {
      enabled: true,
      requireForInternalCalls: false,
      validateCodes: true,
      allowCallAfterMaxRetries: false,
      requiredCallTypes: ['international', 'premiumToll'],
      midCallCode: '*50',
      lockout: { maxFailures: 10, windowMinutes: 60, scope: 'trunk', unlockAfterMinutes: 60 },
    },
    dialPlan: { extensionLengths: [3, 4], ownNumbers: ['+12125550100'], outsideLinePrefix: '9' },
    codes: [{ code: '1234', name: 'Acme Corp' }],
    exemptNumbers: ['988', '711'],
  },
  trunks: [
    { id: 'hq', accountCodesEnabled: true },
    { id: 'lab', accountCodesEnabled: true, customSettings: { validateCodes: false } },
  ],
};

const US: ClassifyContext = { country: 'US' };
const contexts = new Map(INTERNATIONAL_MIX.map(([, c]) => [c, { country: c }] as const));

const suite: BenchSuite = {
  title: 'classification',
  run() {
    const n = NANP_MIX.length;
    const [parseNanp, classifyNanp] = paired(
      () => {
        for (const s of NANP_MIX) consume(parsePhoneNumberFromString(s, 'US'));
      },
      () => {
        for (const s of NANP_MIX) consume(classifyCall(s, US));
      },
      n,
    );
    const m = INTERNATIONAL_MIX.length;
    const [parseIntl, classifyIntl] = paired(
      () => {
        for (const [s, c] of INTERNATIONAL_MIX) consume(parsePhoneNumberFromString(s, c));
      },
      () => {
        for (const [s, c] of INTERNATIONAL_MIX) consume(classifyCall(s, contexts.get(c)));
      },
      m,
    );
    const wholeDecision = opsPerSecond(
      () => {
        for (const s of NANP_MIX) {
          const resolved = resolveSettings(CONFIG, 'lab');
          if (resolved.ok) consume(decide(resolved, classifyCall(s, CONFIG.account)));
        }
      },
      { opsPerCall: n },
    );
    const baseline = 'parsePhoneNumberFromString, same strings';
    return [
      row('classifyCall, NANP mix', classifyNanp, 'ops/s', baseline, parseNanp, { target: 50 }),
      row('classifyCall, international mix', classifyIntl, 'ops/s', baseline, parseIntl, {
        target: 1,
      }),
      row(
        'resolveSettings + classifyCall + decide, NANP mix',
        wholeDecision,
        'ops/s',
        baseline,
        parseNanp,
      ),
    ];
  },
};

export default suite;
