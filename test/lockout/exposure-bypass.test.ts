/**
 * With allowCallAfterMaxRetries on where codes are validated, the exposure
 * is zero (docs/rules.md#lockout): `check` and its short-exposure warning say so in a
 * sentence that reads, and the warning's advice is the one that helps
 * (longer codes do nothing against a bypass).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exposureWarnings, lockoutExposure, parseConfig } from '../../src/index.js';
import { cli } from '../support/cli.js';

const bypass = (() => {
  const file = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  file.account.settings.allowCallAfterMaxRetries = true;
  return JSON.stringify(file);
})();

describe('the exposure with the max-retries bypass', () => {
  it('the short-exposure warning advises turning the bypass off', () => {
    const parsed = parseConfig(JSON.parse(bypass));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const short = exposureWarnings(parsed.config).find((w) => w.code === 'short-exposure');
    expect(short?.message).toBe(
      'account.settings.lockout: an attacker who can place calls finds a valid code in no time at all: allowCallAfterMaxRetries is on where codes are validated, so 3 wrong entries connect the call anyway: turn allowCallAfterMaxRetries off',
    );
  });

  it('check prints it as a sentence', async () => {
    const run = await cli(['check', 'bypass.json'], { files: { 'bypass.json': bypass } });
    expect(run.stdout.split('\n')[1]).toBe(
      'Exposure: an attacker finds a valid code in no time at all: allowCallAfterMaxRetries is on where codes are validated, so 3 wrong entries connect the call anyway.',
    );
  });
});

describe('exposure and unattendedCalls "connect" (docs/rules.md#calls-nobody-can-key)', () => {
  it('names the validating trunks where a forwarded call needs no code at all', () => {
    const parsed = parseConfig({
      account: {
        codeLength: 4,
        maxRetries: 3,
        settings: { enabled: true, validateCodes: true },
        codes: [{ code: '1234' }, { code: '2001' }],
      },
      trunks: [
        { id: 'hq', accountCodesEnabled: true },
        { id: 'fwd', accountCodesEnabled: true, customSettings: { unattendedCalls: 'connect' } },
        {
          id: 'lab',
          accountCodesEnabled: true,
          customSettings: { validateCodes: false, unattendedCalls: 'connect' },
        },
      ],
    });
    if (!parsed.ok) expect.fail(parsed.issues[0]?.message);
    expect(lockoutExposure(parsed.config)?.unattendedConnects).toEqual(['fwd']);
    const ends = parseConfig({
      ...parsed.config,
      trunks: [{ id: 'hq', accountCodesEnabled: true }],
    });
    if (!ends.ok) expect.fail(ends.issues[0]?.message);
    expect(lockoutExposure(ends.config)).not.toHaveProperty('unattendedConnects');
  });
});
