/**
 * Type-level tests of the public API, checked by `tsc --noEmit` in `npm test`
 * (never run: vitest only collects *.test.ts):
 * a change that breaks how users narrow results or read data fails here.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CallOutcome,
  type CallRecord,
  type CallReport,
  type CdrCodeEntry,
  type CdrRecord,
  type Classification,
  type Config,
  classifyCall,
  type Decision,
  type DecisionResult,
  type DtmfKey,
  decide,
  type EntryEffect,
  type EntryEvent,
  type EntryState,
  evaluateCall,
  isDtmfKey,
  type LockoutSettings,
  type LockoutStore,
  type LookupEffect,
  type LookupRefusedEvent,
  type LookupResultEvent,
  type MidCallRecord,
  type NotGatedCdr,
  type PostCallTag,
  type PostCallTagErrorCode,
  type PostCallTagWithLookupResult,
  parseConfig,
  type performLookup,
  type ResolvedSettings,
  resolveSettings,
  startCodeEntry,
  summarizeCalls,
  tagCallRecord,
  type tagCallRecordWithLookup,
} from '../../src/index.js';

declare const config: Config;
declare const record: CdrRecord;

describe('the public types', () => {
  it('narrow evaluateCall results: a required call always carries its resolved settings', () => {
    const result = evaluateCall(config, { trunk: 'hq', dialed: '911' });
    if (!result.ok) {
      expectTypeOf(result.error.message).toEqualTypeOf<string>();
    } else if (result.required) {
      expectTypeOf(result.resolved).toEqualTypeOf<ResolvedSettings>();
    } else {
      expectTypeOf(result.resolved).toEqualTypeOf<ResolvedSettings | undefined>();
    }
  });

  it('narrow an unattended call to what to do (docs/rules.md#calls-nobody-can-key)', () => {
    const result = evaluateCall(config, {
      trunk: 'hq',
      dialed: '011442079460958',
      unattended: true,
    });
    if (result.ok && result.required) {
      if (result.unattended !== undefined) {
        const { effect } = result.unattended;
        if (effect.type === 'connect')
          expectTypeOf(effect.accountCode).toEqualTypeOf<string | null>();
        else expectTypeOf(effect.reason).toEqualTypeOf<'unattended'>();
      } else {
        expectTypeOf(result.resolved.settings.validateCodes).toEqualTypeOf<boolean>();
      }
    }
  });

  it('narrow unknown input to a DTMF key', () => {
    const digit: unknown = '5';
    if (isDtmfKey(digit)) expectTypeOf(digit).toEqualTypeOf<DtmfKey>();
  });

  it('narrow parseConfig results on ok', () => {
    const result = parseConfig({});
    if (result.ok) {
      expectTypeOf(result.config).toEqualTypeOf<Config>();
      // @ts-expect-error issues exist only on failure
      void result.issues;
    } else {
      expectTypeOf(result.issues[0]?.code).toEqualTypeOf<
        import('../../src/index.js').ConfigIssueCode | undefined
      >();
    }
  });

  it('make configurations readonly', () => {
    // @ts-expect-error a parsed configuration cannot be changed in place
    config.account.settings.enabled = true;
    // @ts-expect-error nor can its lists
    config.trunks.push({ id: 'x', accountCodesEnabled: false });
  });

  it('accept a parsed account as the classification context and a resolved trunk for decide', () => {
    const classification = classifyCall('911', config.account);
    expectTypeOf(classification).toEqualTypeOf<Classification>();
    const resolved = resolveSettings(config, 'hq');
    expectTypeOf(decide(resolved, classification)).toEqualTypeOf<DecisionResult>();
    if (resolved.ok) expectTypeOf(resolved).toEqualTypeOf<ResolvedSettings>();
  });

  it('discriminate classifications on kind', () => {
    const c = classifyCall('911');
    switch (c.kind) {
      case 'external':
        expectTypeOf(c.e164).toEqualTypeOf<string | undefined>();
        break;
      case 'invalid':
        expectTypeOf(c.reason).toEqualTypeOf<
          'empty' | 'not-dialable' | 'too-long' | 'unknown-country'
        >();
        break;
      case 'emergency':
      case 'internal':
        break;
      default:
        expectTypeOf(c).toBeNever();
    }
  });

  it('give a decision only after narrowing on ok', () => {
    const result = decide(resolveSettings(config, 'hq'), classifyCall('911'));
    if (result.ok) expectTypeOf(result).toEqualTypeOf<Decision>();
    // @ts-expect-error required is known only on a decision
    void result.required;
  });

  it('pass resolved settings straight to startCodeEntry, and type events and effects', () => {
    const resolved = resolveSettings(config, 'hq');
    if (!resolved.ok) return;
    const started = startCodeEntry(resolved.settings);
    if (!started.ok) return;
    expectTypeOf(started.state).toEqualTypeOf<EntryState>();
    expectTypeOf(started.effects).toEqualTypeOf<readonly EntryEffect[]>();
    expectTypeOf<{ type: 'key'; key: '5' }>().toExtend<EntryEvent>();
    // @ts-expect-error 'A' is not a DTMF key the machine takes
    expectTypeOf<{ type: 'key'; key: 'A' }>().toExtend<EntryEvent>();
    expectTypeOf<CallOutcome>().toEqualTypeOf<
      | 'connected'
      | 'connected-after-max-retries'
      | 'connected-unattended'
      | 'ended'
      | 'abandoned'
      | 'locked-out'
      | 'ledger-unavailable'
      | 'incomplete'
    >();
  });

  it('narrow CDR records on gated, and post-call tagging results on kind (docs/rules.md#reports-and-post-call-tagging)', () => {
    if (record.gated === true) expectTypeOf(record.entry).toEqualTypeOf<CdrCodeEntry>();
    else if (record.gated === false)
      expectTypeOf(record.midCall).toEqualTypeOf<MidCallRecord | null>();
    else expectTypeOf(record.accountCode).toEqualTypeOf<string | null>();
    // The library's own records go into a CDR as they are.
    expectTypeOf<CallRecord>().toExtend<CdrCodeEntry>();
    const trunk = resolveSettings(config, 'hq');
    if (!trunk.ok) return;
    // Post-call tagging cannot be called without the trunk's resolved settings.
    tagCallRecord(
      record,
      { code: '1234', at: 0, by: { role: 'administrator', id: 'alice' } },
      // @ts-expect-error: the trunk's resolved settings are required
      { postCallTagMinutes: 1440 },
    );
    const result = tagCallRecord(
      record,
      { code: '1234', at: 0, by: { role: 'administrator', id: 'alice' } },
      { trunk, postCallTagMinutes: 1440 },
    );
    if (result.kind === 'tagged') {
      expectTypeOf(result.record).toEqualTypeOf<NotGatedCdr>();
      expectTypeOf(result.tag).toEqualTypeOf<PostCallTag>();
    } else if (result.kind === 'lookup') {
      expectTypeOf(result.lookup.code).toEqualTypeOf<string>();
      expectTypeOf(result.callId).toEqualTypeOf<string>();
    } else {
      expectTypeOf(result.error.code).toEqualTypeOf<PostCallTagErrorCode>();
    }
    const summary = summarizeCalls(config, [record], { asOf: 0 });
    if (summary.ok) {
      expectTypeOf(summary.report).toEqualTypeOf<CallReport>();
      expectTypeOf(summary.report.rows[0]?.key).toEqualTypeOf<string | null | undefined>();
    }
  });

  it('pin the call outcomes and post-call tagging with the look-up', () => {
    expectTypeOf<CdrCodeEntry['outcome']>().toEqualTypeOf<CallOutcome>();
    expectTypeOf<MidCallRecord['lockedOut']>().toEqualTypeOf<boolean>();
    expectTypeOf<PostCallTagErrorCode>().toExtend<string>();
    expectTypeOf<
      'locked-out' | 'ledger-unavailable' | 'no-trunk'
    >().toExtend<PostCallTagErrorCode>();
    expectTypeOf<ReturnType<typeof tagCallRecordWithLookup>>().toEqualTypeOf<
      Promise<PostCallTagWithLookupResult>
    >();
    expectTypeOf<PostCallTagWithLookupResult['result']['kind']>().toEqualTypeOf<
      'tagged' | 'refused'
    >();
  });

  it('type the lockout setting, the store and performLookup', () => {
    expectTypeOf<Config['account']['settings']['lockout']>().toEqualTypeOf<
      LockoutSettings | false
    >();
    expectTypeOf<LockoutSettings['scope']>().toEqualTypeOf<'trunk' | 'caller' | 'account'>();
    expectTypeOf<LockoutSettings['unlockAfterMinutes']>().toEqualTypeOf<number | null>();
    expectTypeOf<ReturnType<typeof performLookup>>()
      .resolves.toHaveProperty('event')
      .toEqualTypeOf<LookupResultEvent | LookupRefusedEvent>();
    expectTypeOf<LookupEffect['attempt']>().toEqualTypeOf<number>();
    expectTypeOf<LookupRefusedEvent>().toExtend<EntryEvent>();
    expectTypeOf<LockoutStore['admit']>()
      .returns.resolves.toHaveProperty('ok')
      .toEqualTypeOf<boolean>();
  });
});

describe('account-codes/redis', () => {
  it('a Redis store is a LockoutStore, and its errors narrow by code', async () => {
    const { openRedisLedger } = await import('../../src/redis/index.js');
    type Store = Extract<Awaited<ReturnType<typeof openRedisLedger>>, { ok: true }>['store'];
    expectTypeOf<Store>().toMatchTypeOf<import('../../src/index.js').LockoutStore>();
    expectTypeOf<
      Extract<Awaited<ReturnType<typeof openRedisLedger>>, { ok: false }>['error']['code']
    >().toEqualTypeOf<'invalid-ledger-url' | 'redis-client-missing' | 'account-id-required'>();
    expectTypeOf<import('../../src/index.js').LockoutStoreError['code']>().toEqualTypeOf<
      'ledger-unavailable' | 'invalid-ledger' | 'invalid-request' | 'account-id-required'
    >();
  });
});
