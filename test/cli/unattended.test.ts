/**
 * `explain`/`simulate … --unattended [--carried-code CODE]`
 * (docs/rules.md#calls-nobody-can-key): a gated call nobody can key is
 * settled at once, with no prompt and no look-up.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const ACME = 'examples/acme.json';
const INTERNATIONAL = '9011442079460958';

async function json(command: string, dial: string, ...more: string[]) {
  const run = await cli([command, ACME, '--trunk', 'hq', '--dial', dial, '--json', ...more]);
  return { ...run, json: JSON.parse(run.stdout) };
}

describe('--unattended', () => {
  it('simulate: an international call ends with no prompt, the outcome saying why', async () => {
    const { status, json: call } = await json('simulate', INTERNATIONAL, '--unattended');
    expect(status).toBe(0);
    expect(call.unattended).toEqual({
      effect: { type: 'end', reason: 'unattended' },
      rule: 'unattended-end',
      reason: 'ended: nobody can key a code and unattendedCalls is "end" (account)',
      source: 'account',
      record: { rule: 'unattended-end', carriedCode: null },
    });
    expect(call.outcome).toEqual({
      result: 'ended',
      accountCode: null,
      validated: false,
      attempts: 0,
    });
    expect(call.transcript).toEqual([{ type: 'end', reason: 'unattended' }]);
    expect(call.lockout).toBeNull();
  });

  it('simulate: a carried code on the list connects tagged; keys change nothing', async () => {
    const { json: call } = await json(
      'simulate',
      INTERNATIONAL,
      '--unattended',
      '--carried-code',
      '2001',
      '--keys',
      '1234',
    );
    expect(call.outcome).toEqual({
      result: 'connected',
      accountCode: '2001',
      validated: true,
      attempts: 0,
    });
    expect(call.transcript[0]).toEqual({ type: 'connect', accountCode: '2001', validated: true });
    expect(JSON.stringify(call.transcript)).not.toContain('"play"');
  });

  it('explain: says how the call is settled, and 911 unattended needs no code', async () => {
    const text = await cli([
      'explain',
      ACME,
      '--trunk',
      'hq',
      '--dial',
      INTERNATIONAL,
      '--unattended',
    ]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      'Unattended: ended: nobody can key a code and unattendedCalls is "end" (account) [unattended-end]',
    );
    const { json: emergency } = await json('explain', '911', '--unattended');
    expect(emergency.decision).toMatchObject({ required: false, rule: 'emergency-exempt' });
    expect(emergency).not.toHaveProperty('unattended');
  });

  it('--carried-code without --unattended is bad usage', async () => {
    const run = await cli([
      'explain',
      ACME,
      '--trunk',
      'hq',
      '--dial',
      INTERNATIONAL,
      '--carried-code',
      '1234',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--carried-code CODE goes with --unattended');
  });
});
