/**
 * Type-level tests of the public API, checked by `tsc --noEmit` in `npm test`
 * (never run: vitest only collects *.test.ts):
 * a change that breaks how users narrow results or read data fails here.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CallOutcome,
  type Classification,
  type Config,
  classifyCall,
  type Decision,
  type DecisionResult,
  decide,
  type EntryEffect,
  type EntryEvent,
  type EntryState,
  parseConfig,
  type ResolvedSettings,
  resolveSettings,
  startCodeEntry,
} from '../../src/index.js';

declare const config: Config;

describe('the public types', () => {
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
        expectTypeOf(c.reason).toEqualTypeOf<'empty' | 'not-dialable' | 'too-long'>();
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
      'connected' | 'connected-after-max-retries' | 'ended' | 'abandoned' | 'incomplete'
    >();
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
