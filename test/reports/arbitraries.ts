/** fast-check arbitraries for CDR records (docs/rules.md#reports-and-post-call-tagging). */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  type CdrCall,
  type CdrRecord,
  type NotGatedCdr,
  type PostCallTagOptions,
  parseConfig,
  resolveSettings,
} from '../../src/index.js';

/** A ten-minute call on trunk hq that was not code-gated and carries no code: one to tag. */
export const untaggedCall: NotGatedCdr = {
  start: '2026-11-02T14:00:00Z',
  end: '2026-11-02T14:10:00Z',
  answered: true,
  billableSeconds: 600,
  trunk: 'hq',
  dialed: '912125550123',
  caller: '201',
  gated: false,
  midCall: null,
};

const START = Date.parse('2026-10-01T00:00:00Z');
const MONTH_MS = 62 * 86_400_000;

/** Codes of the example account, codes not on it, and values that are not 4-digit codes. */
const codeArb = fc.constantFrom('1234', '2001', '3100', '9999', '0420', 'acme-sip', '12345', '');

const callArb: fc.Arbitrary<CdrCall> = fc
  .record({
    start: fc.integer({ min: START, max: START + MONTH_MS }),
    length: fc.integer({ min: 0, max: 7_200 }),
    answered: fc.boolean(),
    billableSeconds: fc.integer({ min: 0, max: 1_000_000 }),
    trunk: fc.constantFrom('hq', 'lab', 'legal', null),
    dialed: fc.constantFrom(
      '9011442079460000',
      '912125550123',
      '201',
      '911',
      '919005550123',
      '918005550199',
      'x',
    ),
    caller: fc.constantFrom('201', '202', null),
  })
  .map(({ start, length, ...rest }) => ({
    ...rest,
    start: new Date(start).toISOString(),
    end: new Date(start + length * 1000).toISOString(),
  }));

/** Any CDR record: gated (any outcome), not gated (mid-call and post-call tags), or a PBX's. */
export const cdrRecordArb: fc.Arbitrary<CdrRecord> = fc.oneof(
  fc
    .record({
      call: callArb,
      code: fc.option(codeArb, { nil: null }),
      outcome: fc.constantFrom(
        'connected',
        'connected-after-max-retries',
        'ended',
        'abandoned',
        'incomplete',
        'locked-out',
        'ledger-unavailable',
      ),
    })
    .map(
      ({ call, code, outcome }): CdrRecord => ({
        ...call,
        gated: true,
        entry: {
          accountCode: outcome === 'connected' ? code : null,
          validated: true,
          attempts: 1,
          outcome,
        },
      }),
    ),
  fc
    .record({
      call: callArb,
      midCall: fc.option(codeArb, { nil: null }),
      tags: fc.array(codeArb, { maxLength: 2 }),
    })
    .map(
      ({ call, midCall, tags }): CdrRecord => ({
        ...call,
        gated: false,
        midCall:
          midCall === null
            ? null
            : {
                accountCode: midCall,
                validated: false,
                attempts: 1,
                lockedOut: false,
                taggedAt: { keyIndex: 7 },
              },
        ...(tags.length === 0
          ? {}
          : {
              postCallTags: tags.map((newCode) => ({
                previousCode: null,
                newCode,
                validated: false,
                at: call.end,
                by: { role: 'caller' as const, id: '201' },
              })),
            }),
      }),
    ),
  fc
    .record({ call: callArb, code: fc.option(codeArb, { nil: null }) })
    .map(({ call, code }): CdrRecord => ({ ...call, gated: null, accountCode: code })),
);

/**
 * Post-call tagging's options on the example account's trunk `hq`, resolved
 * by `resolveSettings` as integrators do: validation, the tagging window,
 * whether account codes are active, and the code length as given.
 */
export function postCallOptions(
  given: {
    readonly validateCodes?: boolean;
    readonly postCallTagMinutes?: number;
    readonly active?: boolean;
    readonly codeLength?: number;
    readonly trunkId?: string;
  } = {},
): PostCallTagOptions {
  const json = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  const codeLength = given.codeLength ?? 4;
  json.account.codeLength = codeLength;
  json.account.codes = [{ code: '1234'.padEnd(codeLength, '5').slice(0, codeLength) }];
  json.account.settings.validateCodes = given.validateCodes ?? false;
  json.account.settings.enabled = given.active ?? true;
  const parsed = parseConfig(json);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  const trunk = resolveSettings(parsed.config, given.trunkId ?? 'hq');
  if (!trunk.ok) throw new Error(trunk.error.message);
  return { trunk, postCallTagMinutes: given.postCallTagMinutes ?? 1440 };
}
