/** The FastAGI call record's seal: what opens, what does not, and how long a call is remembered. */
import { describe, expect, it } from 'vitest';
import type { CdrDraft } from '../cdr-sink.js';
import { createCdrTokens } from './cdr-token.js';

function draft(callId: string): CdrDraft {
  return {
    callId,
    start: '2026-12-08T01:00:00.000Z',
    trunk: 'hq',
    dialed: '92125551234',
    caller: 'Alice, "front desk"',
    gated: false,
    midCall: null,
  };
}

describe('cdr-token: a call record sealed for the hangup handler', () => {
  it('is one AGI argument (no spaces or commas) that opens once, for its own call', () => {
    const tokens = createCdrTokens('a secret of sixteen or more');
    const token = tokens.seal(draft('1700000000.1'));
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tokens.open(token, '1700000000.2')).toEqual({
      ok: false,
      problem: "does not hold this call's record",
    });
    expect(tokens.open(token, '1700000000.1')).toEqual({ ok: true, draft: draft('1700000000.1') });
    expect(tokens.open(token, '1700000000.1')).toEqual({
      ok: false,
      problem: 'was already recorded for this call',
    });
  });

  it('opens only under the key that sealed it; the default key is this process’s own', () => {
    const token = createCdrTokens('a secret of sixteen or more').seal(draft('1700000000.1'));
    expect(createCdrTokens('a secret of sixteen or more').open(token, '1700000000.1').ok).toBe(
      true,
    );
    expect(createCdrTokens('another secret, as long').open(token, '1700000000.1').ok).toBe(false);
    expect(createCdrTokens().open(token, '1700000000.1').ok).toBe(false);
    const local = createCdrTokens().seal(draft('1700000000.3'));
    expect(createCdrTokens().open(local, '1700000000.3').ok).toBe(true);
  });

  it('remembers the last `remember` calls recorded, forgetting the oldest first', () => {
    const tokens = createCdrTokens(undefined, 2);
    const ids = ['a.1', 'a.2', 'a.3'];
    const sealed = ids.map((id) => tokens.seal(draft(id)));
    for (const [i, id] of ids.entries()) expect(tokens.open(sealed[i] ?? '', id).ok).toBe(true);
    // a.1 was forgotten when a.3 was recorded; a.2 and a.3 are still refused.
    expect(tokens.open(sealed[0] ?? '', 'a.1').ok).toBe(true);
    expect(tokens.open(sealed[2] ?? '', 'a.3').ok).toBe(false);
  });

  it('a refused token does not use up the call’s turn', () => {
    const tokens = createCdrTokens();
    const token = tokens.seal(draft('b.1'));
    const [body = ''] = token.split('.');
    expect(tokens.open(`${body}.${'A'.repeat(43)}`, 'b.1').ok).toBe(false);
    expect(tokens.open('not a token', 'b.1').ok).toBe(false);
    expect(tokens.open(token, 'b.1').ok).toBe(true);
  });
});
