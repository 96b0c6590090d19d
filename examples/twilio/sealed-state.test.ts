import { createHmac } from 'node:crypto';
import { startCodeEntry } from 'account-codes';
import { describe, expect, it } from 'vitest';
import { ENTRY_STATE_PURPOSE, openSealed, openState, seal, sealState } from './sealed-state.js';

const KEY = Buffer.alloc(32, 7);
const SID = `CA${'a'.repeat(32)}`;
const NOW = Date.UTC(2026, 11, 1);
const started = startCodeEntry({
  codeLength: 4,
  maxRetries: 3,
  validateCodes: true,
  allowCallAfterMaxRetries: false,
});
if (!started.ok) throw new Error(started.error.message);
const entry = started.state;
const token = sealState({ entry, callSid: SID, step: 1, issuedAt: NOW }, KEY);

describe('sealed state', () => {
  it('opens what it sealed, for the same call, within its age', () => {
    expect(openState(token, KEY, SID, NOW + 1_000, 60_000)).toEqual({
      ok: true,
      contents: { entry, callSid: SID, step: 1, issuedAt: NOW },
    });
  });

  it('refuses another CallSid', () => {
    expect(openState(token, KEY, `CA${'b'.repeat(32)}`, NOW, 60_000)).toEqual({
      ok: false,
      refusal: 'other-call',
    });
  });

  it('refuses an expired state, and one issued in the future', () => {
    expect(openState(token, KEY, SID, NOW + 60_001, 60_000)).toMatchObject({ refusal: 'expired' });
    expect(openState(token, KEY, SID, NOW - 120_000, 60_000)).toMatchObject({ refusal: 'expired' });
  });

  it('refuses a state altered in any way, or sealed with another key', () => {
    const [body, mac] = token.split('.') as [string, string];
    const better = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), step: 0 }),
    ).toString('base64url');
    expect(openState(`${better}.${mac}`, KEY, SID, NOW, 60_000)).toMatchObject({
      refusal: 'tampered',
    });
    expect(openState(token, Buffer.alloc(32, 8), SID, NOW, 60_000)).toMatchObject({
      refusal: 'tampered',
    });
  });

  it('refuses a token sealed for another purpose, and opens a state for nothing else', () => {
    const contents = { entry, callSid: SID, step: 1, issuedAt: NOW };
    expect(openState(seal('call-record', contents, KEY), KEY, SID, NOW, 60_000)).toEqual({
      ok: false,
      refusal: 'other-purpose',
    });
    expect(openSealed(token, KEY, 'call-record', SID)).toEqual({
      ok: false,
      refusal: 'other-purpose',
    });
    expect(openSealed(token, KEY, ENTRY_STATE_PURPOSE, SID)).toMatchObject({ ok: true });
  });

  it('refuses a token with no purpose, as one sealed before purposes were', () => {
    const body = Buffer.from(JSON.stringify({ entry, callSid: SID, step: 1, issuedAt: NOW }));
    const encoded = body.toString('base64url');
    const mac = createHmac('sha256', KEY).update(encoded).digest('base64url');
    expect(openState(`${encoded}.${mac}`, KEY, SID, NOW, 60_000)).toEqual({
      ok: false,
      refusal: 'other-purpose',
    });
  });

  it.each([undefined, '', 'x', '.', 'a'.repeat(5_000), 42])('refuses %j as malformed', (value) => {
    expect(openState(value, KEY, SID, NOW, 60_000)).toMatchObject({ ok: false });
  });
});
