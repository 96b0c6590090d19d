/**
 * docs/rules.md#lockout, CLI: a ledger URL that is not `redis://host[:port][/db]` is
 * `invalid-ledger-url`, the message saying what is wrong; and without the
 * optional ioredis package a redis:// ledger is `redis-client-missing`,
 * telling how to install it, rather than an exception.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isRedisLedger,
  openRedisLedger,
  openRedisLockoutStore,
  parseRedisUrl,
} from '../../src/redis/index.js';

const SHAPE = 'ledger must be a redis://host[:port][/db] URL (port 1-65535, db 0-15)';

describe('parseRedisUrl says what is wrong', () => {
  it.each([
    [42, 'not a string', '42'],
    [undefined, 'not a string', 'nothing'],
    ['redis://127.0.0.1:0/0', 'the port is out of range', '"redis://127.0.0.1:0/0"'],
  ])('%j: %s', (value, why, shown) => {
    expect(parseRedisUrl(value)).toEqual({
      ok: false,
      error: {
        code: 'invalid-ledger-url',
        path: ['ledger'],
        message: `${SHAPE}; ${why}; got ${shown}`,
      },
    });
  });

  it.each([
    ['not a url', 'not a URL'],
    ['http://127.0.0.1:6379', 'the scheme is not redis'],
    ['redis:///0', 'there is no host'],
    ['redis://127.0.0.1:6379/x', 'the database is not 0-15'],
    ['redis://127.0.0.1:6379/01', 'the database is not 0-15'],
    ['redis://127.0.0.1:6379/0?tls=1', 'it has a query or a fragment'],
    ['redis://127.0.0.1:6379/0#main', 'it has a query or a fragment'],
  ])('%s: %s', (value, why) => {
    expect(parseRedisUrl(value)).toEqual({
      ok: false,
      error: {
        code: 'invalid-ledger-url',
        path: ['ledger'],
        message: `${SHAPE}; ${why}; got ${JSON.stringify(value)}`,
      },
    });
  });

  it('shows a URL without its password', () => {
    expect(parseRedisUrl('redis://admin:s3cret@127.0.0.1:6390/99')).toMatchObject({
      error: { message: `${SHAPE}; the database is not 0-15; got "redis://***@127.0.0.1:6390/99"` },
    });
  });

  it('ports 1 and 65535 are in range', () => {
    expect(parseRedisUrl('redis://127.0.0.1:1/0')).toEqual({ ok: true });
    expect(parseRedisUrl('redis://127.0.0.1:65535/15')).toEqual({ ok: true });
  });
});

describe('a --ledger argument', () => {
  it('names a Redis ledger only when it starts with redis:// or rediss://', () => {
    expect(isRedisLedger('rediss://cache:6380')).toBe(true);
    expect(isRedisLedger('ledgers/redis://x')).toBe(false);
    expect(isRedisLedger('redis:/ledger.json')).toBe(false);
  });

  it.each([null, ''])(
    'needs account.id (%j): account-id-required, saying why',
    async (accountId) => {
      expect(await openRedisLedger('redis://127.0.0.1:6379/0', accountId)).toEqual({
        ok: false,
        error: {
          code: 'account-id-required',
          path: ['account', 'id'],
          message:
            'a redis:// ledger is shared between accounts: account.id (1-64 printable characters) is required in the configuration',
        },
      });
    },
  );
});

describe('openRedisLockoutStore without ioredis', () => {
  afterEach(() => {
    vi.doUnmock('ioredis');
  });

  it('answers redis-client-missing with the command that installs it', async () => {
    vi.doMock('ioredis', () => {
      throw new Error('Cannot find package ioredis');
    });
    expect(await openRedisLockoutStore('redis://127.0.0.1:6379/0')).toEqual({
      ok: false,
      error: {
        code: 'redis-client-missing',
        path: [],
        message:
          'a redis:// ledger needs the ioredis package (an optional peer dependency): npm install ioredis@6',
      },
    });
  });

  it('once ioredis loads again, the same URL opens a store (the mock does not linger)', async () => {
    const opened = await openRedisLockoutStore('redis://127.0.0.1:1/0', { timeoutMs: 50 });
    expect(opened.ok).toBe(true);
    if (opened.ok) await opened.store.close();
  });
});
