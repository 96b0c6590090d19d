/**
 * The lockout setting an administrator saves is checked field by field
 * (docs/rules.md#lockout): each fault with its code, the field and a sentence
 * naming what the field allows, and the rules between its fields.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Config, parseConfig, saveAccountSettings } from '../../src/index.js';

function acme(): Config {
  const parsed = parseConfig(JSON.parse(readFileSync('examples/acme.json', 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

describe('saveAccountSettings checks the lockout setting field by field', () => {
  const save = (lockout: unknown) =>
    saveAccountSettings(acme(), { settings: { lockout } as never, enableForAllTrunks: false });

  it.each([
    {
      lockout: { maxFailures: 5, foo: 1 },
      code: 'unknown-field',
      field: 'settings.lockout.foo',
      message:
        'settings.lockout.foo is not a known field; allowed fields: maxFailures, windowMinutes, scope, unlockAfterMinutes, maxFailuresPerDay',
    },
    {
      lockout: { maxFailures: '5' },
      code: 'invalid-type',
      field: 'settings.lockout.maxFailures',
      message: 'settings.lockout.maxFailures must be an integer from 1 to 100; got "5"',
    },
    {
      lockout: { maxFailures: 0 },
      code: 'out-of-range',
      field: 'settings.lockout.maxFailures',
      message: 'settings.lockout.maxFailures must be an integer from 1 to 100; got 0',
    },
    {
      lockout: { scope: 'line' },
      code: 'invalid-value',
      field: 'settings.lockout.scope',
      message: 'settings.lockout.scope must be one of "trunk", "caller", "account"; got "line"',
    },
  ])('$code: $message', ({ lockout, code, field, message }) => {
    expect(save(lockout)).toEqual({ ok: false, error: { code, field, message } });
  });

  it.each([
    [{ maxFailures: 101 }, 'maxFailures', 'an integer from 1 to 100', '101'],
    [{ maxFailures: 2.5 }, 'maxFailures', 'an integer from 1 to 100', '2.5'],
    [
      { windowMinutes: 10_081, unlockAfterMinutes: null },
      'windowMinutes',
      'an integer from 1 to 10080',
      '10081',
    ],
    [{ windowMinutes: 0 }, 'windowMinutes', 'an integer from 1 to 10080', '0'],
    [
      { unlockAfterMinutes: 10_081 },
      'unlockAfterMinutes',
      'null (only an administrator unlocks), or an integer from 1 to 10080 and at least windowMinutes',
      '10081',
    ],
  ])('out of range: %j', (lockout, name, allowed, shown) => {
    expect(save(lockout)).toEqual({
      ok: false,
      error: {
        code: 'out-of-range',
        field: `settings.lockout.${name}`,
        message: `settings.lockout.${name} must be ${allowed}; got ${shown}`,
      },
    });
  });

  it('a lock shorter than the window is refused; as long as the window is fine', () => {
    expect(save({ windowMinutes: 30, unlockAfterMinutes: 29 })).toEqual({
      ok: false,
      error: {
        code: 'unlock-shorter-than-window',
        field: 'settings.lockout.unlockAfterMinutes',
        message:
          'settings.lockout.unlockAfterMinutes must be null or at least windowMinutes (30); got 29',
      },
    });
    expect(save({ windowMinutes: 30, unlockAfterMinutes: 30 }).ok).toBe(true);
  });

  it('the smallest and largest values are allowed, and an administrator-only unlock', () => {
    expect(
      save({ maxFailures: 1, windowMinutes: 1, unlockAfterMinutes: 1, maxFailuresPerDay: 1000 }).ok,
    ).toBe(true);
    expect(
      save({
        maxFailures: 100,
        windowMinutes: 10_080,
        unlockAfterMinutes: 10_080,
        maxFailuresPerDay: 1000,
      }).ok,
    ).toBe(true);
    expect(save({ windowMinutes: 10_080, unlockAfterMinutes: null }).ok).toBe(true);
  });

  it('fields left out take the defaults of docs/rules.md#lockout, fields given are kept', () => {
    const lockoutOf = (lockout: unknown) => {
      const saved = save(lockout);
      if (!saved.ok) throw new Error(saved.error.message);
      return saved.config.account.settings.lockout;
    };
    expect(lockoutOf({})).toEqual({
      maxFailures: 10,
      windowMinutes: 60,
      scope: 'trunk',
      unlockAfterMinutes: 60,
      maxFailuresPerDay: 30,
    });
    expect(
      lockoutOf({
        maxFailures: 7,
        windowMinutes: 15,
        scope: 'caller',
        unlockAfterMinutes: null,
        maxFailuresPerDay: 1000,
      }),
    ).toEqual({
      maxFailures: 7,
      windowMinutes: 15,
      scope: 'caller',
      unlockAfterMinutes: null,
      maxFailuresPerDay: 1000,
    });
  });
});
