/**
 * startCall (src/cli/call.ts) on a configuration that did not come through
 * parseConfig: settings the entry machines would refuse are answered as
 * `invalid-settings` with the machine's message, for a gated call and for a
 * call that may be tagged mid-call, instead of a session that would throw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startCall } from '../../src/cli/call.js';
import { parseConfig } from '../../src/config/parse.js';
import type { Config } from '../../src/config/types.js';
import { createMemoryLockoutStore } from '../../src/lockout/store.js';

const parsed = parseConfig(JSON.parse(readFileSync('examples/acme.json', 'utf8')));
if (!parsed.ok) throw new Error('examples/acme.json is not valid');
const acme = parsed.config;

const lockout = {
  store: createMemoryLockoutStore({ clock: () => Date.parse('2026-12-01T10:00:00Z') }),
  subject: { accountId: null, trunkId: 'hq', callerId: null },
  callId: 'call-1',
};
const INTERNATIONAL = '9011442079460958';
const DOMESTIC = '2125550147';

function withAccount(change: Partial<Config['account']>): Config {
  return { ...acme, account: { ...acme.account, ...change } } as Config;
}

describe('startCall on settings parseConfig would refuse', () => {
  it('a code of the wrong length: invalid-settings naming the code', async () => {
    const started = await startCall(
      withAccount({ codes: ['12'] } as never),
      'hq',
      INTERNATIONAL,
      lockout,
    );
    expect(started).toEqual({
      ok: false,
      code: 'invalid-settings',
      message: 'codes[0] must be a string of exactly 4 ASCII digits; got "12"',
    });
  });

  it.each([
    ['a gated call', INTERNATIONAL],
    ['a call tagged mid-call', DOMESTIC],
  ])('maxRetries out of range on %s: invalid-settings naming the range', async (_, dialed) => {
    const started = await startCall(withAccount({ maxRetries: 99 }), 'hq', dialed, lockout);
    expect(started).toEqual({
      ok: false,
      code: 'invalid-settings',
      message: 'maxRetries must be an integer from 1 to 9; got 99',
    });
  });

  it('the same calls on the valid account start', async () => {
    for (const dialed of [INTERNATIONAL, DOMESTIC]) {
      expect(await startCall(acme, 'hq', dialed, lockout)).toMatchObject({ ok: true });
    }
  });
});
