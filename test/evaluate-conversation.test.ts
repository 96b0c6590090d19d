/**
 * The driver contract (issue 29): what a platform adapter needs after
 * `evaluateCall` comes with its result — the machine to start, its settings,
 * and the look-ups' context (docs/rules.md#lockout, docs/rules.md#scoped-codes,
 * docs/rules.md#mid-call-tagging).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { evaluateCall } from '../src/evaluate.js';

const parsed = parseConfig({
  account: {
    id: 'acme',
    country: 'US',
    codeLength: 4,
    maxRetries: 3,
    settings: {
      enabled: true,
      validateCodes: true,
      requiredCallTypes: ['international', 'premiumToll'],
      lockout: { maxFailures: 3 },
    },
    dialPlan: { outsideLinePrefix: '9', extensionLengths: [3] },
    codes: [{ code: '1111', name: 'Sales' }],
  },
  trunks: [
    { id: 'hq', accountCodesEnabled: true },
    { id: 'lobby', accountCodesEnabled: false },
    { id: 'tracking', accountCodesEnabled: true, customSettings: { validateCodes: false } },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const config = parsed.config;
const AT = Date.parse('2026-12-01T10:00:00Z');

describe('evaluateCall hands the driver its conversation (issue 29)', () => {
  it('a gated call: code entry, authorizing for its gating categories, on the caller line, at the call instant', () => {
    const result = evaluateCall(config, {
      trunk: 'hq',
      dialed: '9 011 44 20 7946 0958',
      caller: '(212) 555-0147',
      at: AT,
    });
    if (!result.ok || !result.required || result.unattended !== undefined) throw new Error('gated');
    expect(result.conversation).toEqual({
      machine: 'code-entry',
      settings: result.resolved.settings,
      lookups: {
        lockout: config.account.settings.lockout,
        subject: { accountId: 'acme', trunkId: 'hq', callerId: '2125550147' },
        call: { purpose: 'authorize', gatedBy: ['international'], trunk: 'hq', at: AT },
      },
    });
  });

  it('a call that needs no code on an active trunk: mid-call tagging, tagging purpose', () => {
    const result = evaluateCall(config, { trunk: 'hq', dialed: '9 212 555 0100', at: AT });
    expect(result).toMatchObject({
      ok: true,
      required: false,
      conversation: {
        machine: 'mid-call-tagging',
        lookups: { call: { purpose: 'tag', trunk: 'hq', at: AT }, subject: { callerId: null } },
      },
    });
  });

  it('no mid-call tagging on an emergency call, nor where account codes are inactive', () => {
    for (const [trunk, dialed] of [
      ['hq', '911'],
      ['lobby', '9 011 44 20 7946 0958'],
      ['nowhere', '911'],
    ] as const) {
      const result = evaluateCall(config, { trunk, dialed });
      expect(result).toMatchObject({ ok: true, required: false });
      expect(result).not.toHaveProperty('conversation');
    }
  });

  it('tracking mode looks nothing up: the lockout is off', () => {
    const result = evaluateCall(config, { trunk: 'tracking', dialed: '9 011 44 20 7946 0958' });
    if (!result.ok || !result.required || result.unattended !== undefined) throw new Error('gated');
    expect(result.conversation.lookups.lockout).toBe(false);
  });

  it('without an instant, the call has none: a code with a validity window is refused (fail closed)', () => {
    const result = evaluateCall(config, { trunk: 'hq', dialed: '9 011 44 20 7946 0958' });
    if (!result.ok || !result.required || result.unattended !== undefined) throw new Error('gated');
    expect(result.conversation.lookups.call).not.toHaveProperty('at');
  });

  it('an unattended gated call has no conversation: nothing is keyed', () => {
    const result = evaluateCall(config, {
      trunk: 'hq',
      dialed: '9 011 44 20 7946 0958',
      unattended: true,
    });
    expect(result).toMatchObject({
      ok: true,
      required: true,
      unattended: { rule: 'unattended-end' },
    });
    expect(result).not.toHaveProperty('conversation');
  });

  it('a refusal keeps the trunk it resolved, or says why the trunk did not resolve', () => {
    const invalid = evaluateCall(config, { trunk: 'hq', dialed: 'abc' });
    expect(invalid).toMatchObject({
      ok: false,
      error: { code: 'invalid-dial-string' },
      resolved: { ok: true, trunkId: 'hq' },
    });
    expect(invalid).not.toHaveProperty('trunkError');
    const unknown = evaluateCall(config, { trunk: 'nowhere', dialed: 'abc' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'invalid-dial-string' },
      trunkError: { code: 'unknown-trunk', trunkId: 'nowhere' },
    });
    const emergency = evaluateCall(config, { trunk: 'nowhere', dialed: '911' });
    expect(emergency).toMatchObject({
      ok: true,
      required: false,
      trunkError: { code: 'unknown-trunk' },
    });
  });
});
