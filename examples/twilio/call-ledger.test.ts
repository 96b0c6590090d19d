import { describe, expect, it } from 'vitest';
import type { CdrDraft } from '../cdr-sink.js';
import { type CallProgress, createMemoryCallLedger } from './call-ledger.js';

const NOW = 1_000_000;
const progress: CallProgress = {
  step: 0,
  lookups: 0,
  attempts: 0,
  digits: '',
  call: {
    callSid: 'CA1',
    dialed: '011442079460000',
    caller: '201',
    trunk: 'hq',
    target: { number: '+442079460000' },
  },
  context: {
    lockout: false,
    subject: { accountId: null, trunkId: 'hq', callerId: '201' },
    call: { trunk: 'hq', at: NOW },
  },
  startedAt: NOW,
  finished: false,
  expiresAt: NOW + 60_000,
};

describe('per-call ledger', () => {
  it('begins a CallSid once only, even after it finished', () => {
    const ledger = createMemoryCallLedger();
    expect(ledger.begin('CA1', progress, NOW)).toBe(true);
    expect(ledger.begin('CA1', progress, NOW)).toBe(false);
    expect(ledger.advance('CA1', 0, { ...progress, step: 1, finished: true }, NOW)).toBe(true);
    expect(ledger.begin('CA1', progress, NOW)).toBe(false);
  });

  it('advances only from the current step: an earlier step is a replay', () => {
    const ledger = createMemoryCallLedger();
    ledger.begin('CA1', progress, NOW);
    expect(ledger.advance('CA1', 0, { ...progress, step: 1, lookups: 1 }, NOW)).toBe(true);
    expect(ledger.advance('CA1', 0, { ...progress, step: 1, lookups: 0 }, NOW)).toBe(false);
    expect(ledger.get('CA1', NOW)).toMatchObject({ step: 1, lookups: 1 });
  });

  it('does not advance a finished call, and forgets calls past their expiry', () => {
    const ledger = createMemoryCallLedger();
    ledger.begin('CA1', progress, NOW);
    ledger.advance('CA1', 0, { ...progress, step: 1, finished: true }, NOW);
    expect(ledger.advance('CA1', 1, { ...progress, step: 2 }, NOW)).toBe(false);
    expect(ledger.get('CA1', NOW + 60_000)).toBeUndefined();
  });

  it('refuses new calls when full, and makes room as calls expire', () => {
    const ledger = createMemoryCallLedger(2);
    expect(ledger.begin('CA1', progress, NOW)).toBe(true);
    expect(ledger.begin('CA2', progress, NOW)).toBe(true);
    expect(ledger.begin('CA3', progress, NOW)).toBe(false);
    expect(ledger.begin('CA3', { ...progress, expiresAt: NOW + 120_000 }, NOW + 60_000)).toBe(true);
  });

  const draft: CdrDraft = {
    callId: 'CA1',
    start: new Date(NOW).toISOString(),
    trunk: 'hq',
    dialed: '011442079460000',
    caller: '201',
    gated: true,
    entry: { accountCode: '1234', validated: true, attempts: 1, outcome: 'connected' },
  };
  const held = { draft, expiresAt: NOW + 60_000 };

  it('hands a held record out once: later takes answer written, and it cannot be held again', () => {
    const ledger = createMemoryCallLedger();
    expect(ledger.take('CA1', NOW)).toEqual({ ok: false, reason: 'unknown' });
    expect(ledger.hold('CA1', held, NOW)).toBe('held');
    expect(ledger.hold('CA1', held, NOW)).toBe('seen');
    expect(ledger.take('CA1', NOW)).toEqual({ ok: true, draft });
    expect(ledger.take('CA1', NOW)).toEqual({ ok: false, reason: 'written' });
    expect(ledger.hold('CA1', held, NOW)).toBe('seen');
    expect(ledger.take('CA1', NOW)).toEqual({ ok: false, reason: 'written' });
  });

  it('holds records apart from calls in progress, bounded, and forgets them past their expiry', () => {
    const ledger = createMemoryCallLedger(1);
    expect(ledger.begin('CA1', progress, NOW)).toBe(true);
    expect(ledger.hold('CA1', held, NOW)).toBe('held');
    expect(ledger.hold('CA2', held, NOW)).toBe('full');
    expect(ledger.take('CA1', NOW + 60_000)).toEqual({ ok: false, reason: 'unknown' });
    expect(ledger.hold('CA2', { draft, expiresAt: NOW + 120_000 }, NOW + 60_000)).toBe('held');
  });
});
