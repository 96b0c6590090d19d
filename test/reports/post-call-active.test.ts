/**
 * Every path that looks a code up is counted (docs/rules.md#lockout): post-call
 * tagging is an account-codes feature of the call's trunk, refused where
 * account codes are not active (`not-active`), like mid-call tagging, and it
 * takes the trunk's settings as resolveSettings gives them.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createCodeDirectory,
  createMemoryLockoutStore,
  lockoutExposure,
  type NotGatedCdr,
  parseConfig,
  resolveSettings,
  tagCallRecord,
  tagCallRecordWithLookup,
} from '../../src/index.js';
import { validConfig } from '../settings/arbitraries.js';
import { invariantRuns } from '../support/properties.js';
import { postCallOptions, untaggedCall } from './arbitraries.js';

const END = Date.parse(untaggedCall.end);
const request = {
  code: '1234',
  at: END + 60_000,
  by: { role: 'administrator', id: 'alice' },
} as const;

function acme(
  change: (json: { account: Record<string, any>; trunks: Record<string, any>[] }) => void,
) {
  const json = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  json.account.id = 'acme';
  change(json);
  const parsed = parseConfig(json);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return parsed.config;
}

describe('post-call tagging where account codes are not active', () => {
  it('is refused on a trunk with account codes off, before any look-up: nothing admitted, nothing counted', async () => {
    // examples/acme.json: trunk "lobby" has account codes off; its inherited settings validate.
    const config = acme(() => {});
    const trunk = resolveSettings(config, 'lobby');
    if (!trunk.ok) throw new Error(trunk.error.message);
    expect(trunk.active).toBe(false);
    expect(trunk.settings.validateCodes).toBe(true);
    const store = createMemoryLockoutStore({ clock: () => END });
    const built = createCodeDirectory(config.account.codes, config.account.codeLength);
    if (!built.ok) throw new Error(built.error.message);
    let lookedUp = 0;
    const directory = {
      ...built.directory,
      has: (code: string) => (lookedUp++, built.directory.has(code)),
    };
    const record: NotGatedCdr = { ...untaggedCall, trunk: 'lobby' };
    const done = await tagCallRecordWithLookup(
      record,
      { ...request, code: '9999' },
      { trunk, postCallTagMinutes: config.account.settings.postCallTagMinutes },
      { directory, store, lockout: config.account.settings.lockout, accountId: 'acme' },
    );
    expect(done.result).toEqual({
      kind: 'refused',
      error: {
        code: 'not-active',
        path: ['trunk', 'active'],
        message:
          'account codes are not active on trunk "lobby" (trunk-disabled), so its calls are not tagged after the call either (docs/rules.md#reports-and-post-call-tagging)',
      },
    });
    expect(lookedUp).toBe(0);
    expect(store.snapshot().scopes).toEqual({});
  });

  it('is refused everywhere when the account is disabled, though its trunks validate', () => {
    const off = postCallOptions({ validateCodes: true, active: false });
    expect(off.trunk.settings.validateCodes).toBe(true);
    const result = tagCallRecord(untaggedCall, request, off);
    expect(result).toMatchObject({ kind: 'refused', error: { code: 'not-active' } });
    expect(result.kind === 'refused' && result.error.message).toMatch(/\(account-disabled\)/);
  });

  it("refuses the settings of another trunk than the record's (trunk-mismatch)", () => {
    const lab = postCallOptions({ trunkId: 'lab' });
    expect(tagCallRecord(untaggedCall, request, lab)).toEqual({
      kind: 'refused',
      error: {
        code: 'trunk-mismatch',
        path: ['trunk', 'trunkId'],
        message:
          'options.trunk holds the settings of trunk "lab", but the call was on trunk "hq": pass resolveSettings(config, record.trunk)',
      },
    });
  });

  it('refuses options without the resolved settings, as a typed error', () => {
    for (const options of [
      { postCallTagMinutes: 60 },
      { trunk: { ok: false }, postCallTagMinutes: 60 },
    ]) {
      expect(tagCallRecord(untaggedCall, request, options as never)).toMatchObject({
        kind: 'refused',
        error: { code: 'invalid-type', path: ['trunk'] },
      });
    }
  });

  it('with the account disabled, exposure is null and no path can look a code up', () => {
    const config = acme((json) => {
      json.account.settings.enabled = false;
    });
    expect(lockoutExposure(config)).toBeNull();
    for (const { id } of config.trunks) {
      const trunk = resolveSettings(config, id);
      if (!trunk.ok) throw new Error(trunk.error.message);
      const result = tagCallRecord({ ...untaggedCall, trunk: id }, request, {
        trunk,
        postCallTagMinutes: 1440,
      });
      expect(result).toMatchObject({ kind: 'refused', error: { code: 'not-active' } });
    }
  });
});

describe('exposure counts every path (docs/rules.md#lockout)', () => {
  it('for any configuration, every trunk on which code entry, mid-call or post-call tagging can look a code up is one lockoutExposure counts', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const exposure = lockoutExposure(config);
        for (const { id } of config.trunks) {
          const trunk = resolveSettings(config, id);
          if (!trunk.ok) throw new Error(trunk.error.message);
          // Code entry and mid-call tagging look codes up where account codes are active and validated.
          const entryOrMidCall = trunk.active && trunk.settings.validateCodes;
          const postCall =
            tagCallRecord(
              { ...untaggedCall, trunk: id },
              { ...request, code: '0'.repeat(config.account.codeLength) },
              {
                trunk,
                postCallTagMinutes: Math.max(1, config.account.settings.postCallTagMinutes),
              },
            ).kind === 'lookup';
          if (!entryOrMidCall && !postCall) continue;
          expect(exposure).not.toBeNull();
          expect(exposure?.validatingTrunks).toContain(id);
        }
        if (exposure?.basis === 'lockout' && config.account.settings.lockout !== false) {
          const { scope } = config.account.settings.lockout;
          expect(exposure.parallelScopes).toBe(
            scope === 'account' ? 1 : exposure.validatingTrunks.length,
          );
        }
      }),
      invariantRuns(),
    );
  });
});
