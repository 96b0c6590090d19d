/**
 * Calls nobody can key (docs/rules.md#calls-nobody-can-key): forwarded,
 * follow-me and transferred calls, fax legs. `evaluateCall` settles a gated
 * one without code entry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import type { Config } from '../src/config/types.js';
import { carriedCodeAuthorizes } from '../src/entry/directory.js';
import { evaluateCall } from '../src/evaluate.js';
import { emergencyInEveryFormArb } from './classify/arbitraries.js';
import { validConfigFileArb } from './support/arbitraries.js';
import { invariantRuns, propertyRuns } from './support/properties.js';

const INTERNATIONAL = '9 011 44 20 7946 0958';

function configWith(settings: object, trunk: object = {}): Config {
  const parsed = parseConfig({
    account: {
      codeLength: 4,
      maxRetries: 3,
      settings: {
        enabled: true,
        validateCodes: true,
        requiredCallTypes: ['international', 'premiumToll'],
        ...settings,
      },
      dialPlan: { outsideLinePrefix: '9', extensionLengths: [3] },
      codes: [{ code: '1234' }, { code: '2001' }],
    },
    trunks: [
      { id: 'hq', accountCodesEnabled: true },
      { id: 'fax', accountCodesEnabled: true, customSettings: trunk },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return parsed.config;
}

const byDefault = configWith({});

describe('evaluateCall with unattended: true', () => {
  it('ends a gated call with unattendedCalls at its default, no prompt, the record saying why', () => {
    const result = evaluateCall(byDefault, {
      trunk: 'hq',
      dialed: INTERNATIONAL,
      unattended: true,
    });
    expect(result).toMatchObject({
      ok: true,
      required: true,
      decision: { rule: 'required-call-type' },
      unattended: {
        effect: { type: 'end', reason: 'unattended' },
        rule: 'unattended-end',
        reason: 'ended: nobody can key a code and unattendedCalls is "end" (account)',
        source: 'account',
        record: {
          accountCode: null,
          validated: false,
          attempts: 0,
          outcome: 'ended',
          unattended: { rule: 'unattended-end', carriedCode: null },
        },
      },
    });
  });

  it('connects a gated call tagged with a carried code on the list, validated', () => {
    const result = evaluateCall(byDefault, {
      trunk: 'hq',
      dialed: INTERNATIONAL,
      unattended: { code: '2001' },
    });
    expect(result.ok && result.required && result.unattended).toEqual({
      effect: { type: 'connect', accountCode: '2001', validated: true },
      rule: 'carried-code',
      reason:
        'connected: nobody can key a code, and the code the call carries authorizes it (on the list)',
      record: {
        accountCode: '2001',
        validated: true,
        attempts: 0,
        outcome: 'connected',
        unattended: { rule: 'carried-code', carriedCode: '2001' },
      },
    });
  });

  it('falls back to the setting when the carried code is not on the list, and says so', () => {
    const result = evaluateCall(byDefault, {
      trunk: 'hq',
      dialed: INTERNATIONAL,
      unattended: { code: '9999' },
    });
    expect(result.ok && result.required && result.unattended).toMatchObject({
      effect: { type: 'end', reason: 'unattended' },
      reason:
        'ended: nobody can key a code and unattendedCalls is "end"; the code it carries is not on the list (account)',
      record: {
        outcome: 'ended',
        unattended: {
          rule: 'unattended-end',
          carriedCode: '9999',
          carriedCodeRefused: 'not-on-list',
        },
      },
    });
  });

  it('tracking: any carried code of the right length connects tagged, not validated', () => {
    const tracking = configWith({ validateCodes: false });
    const result = evaluateCall(tracking, {
      trunk: 'hq',
      dialed: INTERNATIONAL,
      unattended: { code: '5555' },
    });
    expect(result.ok && result.required && result.unattended).toMatchObject({
      effect: { type: 'connect', accountCode: '5555', validated: false },
      record: { outcome: 'connected', validated: false },
    });
    const short = evaluateCall(tracking, {
      trunk: 'hq',
      dialed: INTERNATIONAL,
      unattended: { code: '55' },
    });
    expect(short.ok && short.required && short.unattended).toMatchObject({
      effect: { type: 'end' },
      record: { unattended: { carriedCodeRefused: 'wrong-length' } },
    });
  });

  it('connect: untagged, validated false, outcome connected-unattended, the level it came from', () => {
    const config = configWith({}, { unattendedCalls: 'connect' });
    const result = evaluateCall(config, { trunk: 'fax', dialed: INTERNATIONAL, unattended: true });
    expect(result.ok && result.required && result.unattended).toEqual({
      effect: { type: 'connect', accountCode: null, validated: false },
      rule: 'unattended-connect',
      reason: 'connected untagged: nobody can key a code and unattendedCalls is "connect" (trunk)',
      source: 'trunk',
      record: {
        accountCode: null,
        validated: false,
        attempts: 0,
        outcome: 'connected-unattended',
        unattended: { rule: 'unattended-connect', carriedCode: null },
      },
    });
    // The other trunk inherits the account's "end".
    const hq = evaluateCall(config, { trunk: 'hq', dialed: INTERNATIONAL, unattended: true });
    expect(hq.ok && hq.required && hq.unattended?.effect.type).toBe('end');
  });

  it('{ code }: tagged with that code, outcome connected', () => {
    const config = configWith({ unattendedCalls: { code: '1234' } });
    const result = evaluateCall(config, { trunk: 'hq', dialed: INTERNATIONAL, unattended: true });
    expect(result.ok && result.required && result.unattended).toMatchObject({
      effect: { type: 'connect', accountCode: '1234', validated: true },
      rule: 'unattended-code',
      source: 'account',
      record: { accountCode: '1234', validated: true, outcome: 'connected' },
    });
  });

  it('a carried code that authorizes the call wins over the setting', () => {
    const config = configWith({ unattendedCalls: { code: '1234' } });
    const result = evaluateCall(config, {
      trunk: 'hq',
      dialed: INTERNATIONAL,
      unattended: { code: '2001' },
    });
    expect(result.ok && result.required && result.unattended).toMatchObject({
      effect: { accountCode: '2001' },
      rule: 'carried-code',
    });
  });

  it('{ code } that is not on the list (a hand-built config) ends the call: fail closed', () => {
    const config: Config = {
      ...byDefault,
      account: {
        ...byDefault.account,
        settings: { ...byDefault.account.settings, unattendedCalls: { code: '7777' } },
      },
    };
    const result = evaluateCall(config, { trunk: 'hq', dialed: INTERNATIONAL, unattended: true });
    expect(result.ok && result.required && result.unattended).toMatchObject({
      effect: { type: 'end', reason: 'unattended' },
      rule: 'unattended-code-refused',
    });
  });

  it('hand-built settings without unattendedCalls end the call (the default)', () => {
    const { unattendedCalls: _, ...settings } = byDefault.account.settings;
    const config = {
      ...byDefault,
      account: { ...byDefault.account, settings },
    } as unknown as Config;
    const result = evaluateCall(config, { trunk: 'hq', dialed: INTERNATIONAL, unattended: true });
    expect(result.ok && result.required && result.unattended).toMatchObject({
      effect: { type: 'end' },
      rule: 'unattended-end',
    });
  });

  it('leaves emergency, exempt and not-gated calls as they are', () => {
    for (const dialed of ['911', '9 911', '988', '212 555 0100', '101']) {
      const result = evaluateCall(byDefault, { trunk: 'hq', dialed, unattended: true });
      expect(result).toMatchObject({ ok: true, required: false });
      expect(result).not.toHaveProperty('unattended');
    }
    // 911 unattended connects, even on a trunk the configuration does not have.
    expect(
      evaluateCall(byDefault, { trunk: 'nope', dialed: '911', unattended: true }),
    ).toMatchObject({
      ok: true,
      required: false,
      decision: { rule: 'emergency-exempt' },
    });
  });

  it('unattended: false is an attended call', () => {
    const result = evaluateCall(byDefault, {
      trunk: 'hq',
      dialed: INTERNATIONAL,
      unattended: false,
    });
    expect(result).toMatchObject({ ok: true, required: true });
    expect(result).not.toHaveProperty('unattended');
  });

  it('refuses a gated call whose unattended is malformed (fail closed), never an emergency call', () => {
    for (const unattended of ['yes', 1, null, { code: 1234 }, [], {}]) {
      const call = { trunk: 'hq', dialed: INTERNATIONAL, unattended } as never;
      expect(evaluateCall(byDefault, call)).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument', field: 'unattended' },
      });
      const emergency = { trunk: 'hq', dialed: '911', unattended } as never;
      expect(evaluateCall(byDefault, emergency)).toMatchObject({ ok: true, required: false });
    }
  });
});

describe('carriedCodeAuthorizes: the one place a carried code is judged', () => {
  const classification = { kind: 'external', categories: ['international'] } as never;
  const codes = [{ code: '1234' }];
  it('validating: on the list', () => {
    const settings = { codeLength: 4, validateCodes: true };
    const call = { codes, settings, trunkId: 'hq', classification };
    expect(carriedCodeAuthorizes('1234', call)).toEqual({
      ok: true,
      accountCode: '1234',
      validated: true,
    });
    expect(carriedCodeAuthorizes('4321', call)).toEqual({ ok: false, reason: 'not-on-list' });
    expect(carriedCodeAuthorizes('123', call)).toEqual({ ok: false, reason: 'wrong-length' });
    expect(carriedCodeAuthorizes('12a4', call)).toEqual({ ok: false, reason: 'wrong-length' });
  });
  it('tracking: any code of the right length', () => {
    const call = {
      codes,
      settings: { codeLength: 4, validateCodes: false },
      trunkId: 'hq',
      classification,
    };
    expect(carriedCodeAuthorizes('0000', call)).toEqual({
      ok: true,
      accountCode: '0000',
      validated: false,
    });
    expect(carriedCodeAuthorizes('00000', call)).toEqual({ ok: false, reason: 'wrong-length' });
  });
  it('is total: anything malformed is refused, never thrown', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (code, call) => {
        const verdict = carriedCodeAuthorizes(code, call as never);
        expect(typeof verdict.ok).toBe('boolean');
      }),
      propertyRuns(),
    );
    expect(
      carriedCodeAuthorizes('1234', {
        codes: 'x',
        settings: { codeLength: 4, validateCodes: 'yes' },
      } as never),
    ).toEqual({ ok: false, reason: 'not-on-list' });
  });
});

describe('property: a gated unattended call never prompts and never looks a code up', () => {
  const dialedArb = fc.constantFrom(
    INTERNATIONAL,
    '011 33 1 42 68 53 00',
    '1 900 555 0100',
    '411',
    '212 555 0100',
    '9 212 555 0100',
    '101',
    '1234',
    '+44 20 7946 0958',
  );
  const unattendedArb = fc.oneof(
    fc.constant(true as const),
    fc.record({ code: fc.stringMatching(/^[0-9]{2,8}$/) }),
  );

  it('for every configuration: settled at once, the effect and the record agree', () => {
    let settledCalls = 0;
    fc.assert(
      fc.property(validConfigFileArb, dialedArb, unattendedArb, (file, dialed, unattended) => {
        const parsed = parseConfig(file);
        if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
        const { config } = parsed;
        for (const trunk of config.trunks) {
          const attended = evaluateCall(config, { trunk: trunk.id, dialed });
          const result = evaluateCall(config, { trunk: trunk.id, dialed, unattended });
          // The same decision as an attended call.
          expect(result.ok).toBe(attended.ok);
          if (!result.ok || !attended.ok) continue;
          expect(result.decision).toEqual(attended.decision);
          if (!result.required) {
            expect(result).not.toHaveProperty('unattended');
            continue;
          }
          const settled = result.unattended;
          if (settled === undefined) throw new Error('a gated unattended call must be settled');
          settledCalls += 1;
          // No prompt, no look-up: the one effect is connect or end.
          const serialised = JSON.stringify(result);
          expect(serialised).not.toContain('enter-code');
          expect(serialised).not.toContain('"lookup"');
          const { effect, record } = settled;
          expect(['connect', 'end']).toContain(effect.type);
          expect(record.attempts).toBe(0);
          if (effect.type === 'end') {
            expect(record.outcome).toBe('ended');
            expect(record.accountCode).toBeNull();
          } else {
            expect(record.accountCode).toBe(effect.accountCode);
            expect(record.validated).toBe(effect.validated);
            expect(record.outcome).toBe(
              effect.accountCode === null ? 'connected-unattended' : 'connected',
            );
          }
          const { settings } = result.resolved;
          // Untagged only with unattendedCalls "connect"; a tag is always a code that authorizes the call.
          if (effect.type === 'connect' && effect.accountCode === null) {
            expect(settings.unattendedCalls).toBe('connect');
          }
          if (effect.type === 'connect' && effect.accountCode !== null) {
            expect(effect.accountCode).toHaveLength(settings.codeLength);
            expect(effect.validated).toBe(settings.validateCodes);
            if (settings.validateCodes) {
              expect(config.account.codes.map((c) => c.code)).toContain(effect.accountCode);
            }
          }
        }
      }),
      invariantRuns(),
    );
    expect(settledCalls).toBeGreaterThan(0);
  });

  it('an emergency number connects unattended, in every form', () => {
    fc.assert(
      fc.property(emergencyInEveryFormArb, unattendedArb, ({ context, dialed }, unattended) => {
        const account = {
          ...byDefault.account,
          ...context,
          dialPlan: { ...byDefault.account.dialPlan, ...context.dialPlan },
        };
        const config = { ...byDefault, account } as Config;
        const result = evaluateCall(config, { trunk: 'hq', dialed, unattended });
        expect(result).toMatchObject({ ok: true, required: false });
      }),
      propertyRuns(),
    );
  });
});
