import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const ACME = 'examples/acme.json';

async function simulateJson(trunk: string, dial: string, keys?: string) {
  const args = ['simulate', ACME, '--trunk', trunk, '--dial', dial, '--json'];
  const run = await cli(keys === undefined ? args : [...args, '--keys', keys]);
  return { ...run, json: JSON.parse(run.stdout) };
}

describe('account-codes simulate --json', () => {
  it('connects an international call tagged with a valid code', async () => {
    const { status, json } = await simulateJson('hq', '9011442079460958', '1234');
    expect(status).toBe(0);
    expect(json.classification).toMatchObject({ kind: 'external', categories: ['international'] });
    expect(json.decision).toMatchObject({ required: true, rule: 'required-call-type' });
    expect(json.decision.reason).toBe('required: international is a required call type (account)');
    expect(json.outcome).toEqual({
      result: 'connected',
      accountCode: '1234',
      validated: true,
      attempts: 1,
    });
    expect(json.transcript.map((item: { type: string }) => item.type)).toEqual([
      'play',
      'key',
      'key',
      'key',
      'key',
      'lookup',
      'lookup-result',
      'play',
      'connect',
    ]);
  });

  it('ends the call after maxRetries incorrect entries when validation is on', async () => {
    const { status, json } = await simulateJson('hq', '1-900-555-0123', '111122223333');
    expect(status).toBe(0);
    expect(json.outcome).toEqual({
      result: 'ended',
      accountCode: null,
      validated: false,
      attempts: 3,
      refusals: ['not-on-list', 'not-on-list', 'not-on-list'],
    });
    expect(json.transcript.at(-1)).toEqual({ type: 'end', reason: 'max-retries' });
  });

  it('accepts any digits of the right length on a tracking trunk, untagged as validated', async () => {
    const { json } = await simulateJson('lab', '011442079460958', '9999');
    expect(json.outcome).toEqual({
      result: 'connected',
      accountCode: '9999',
      validated: false,
      attempts: 1,
    });
  });

  it('never prompts an emergency call, whatever the trunk requires', async () => {
    const { status, json } = await simulateJson('legal', '9911', '1234');
    expect(status).toBe(0);
    expect(json.classification.kind).toBe('emergency');
    expect(json.decision.required).toBe(false);
    expect(json.transcript.filter((item: { type: string }) => item.type === 'play')).toEqual([]);
  });

  it('treats leftover keys on a call that needs no code as mid-call tagging', async () => {
    const { json } = await simulateJson('hq', '2125550147', '*504242');
    expect(json.outcome.result).toBe('not-required');
    expect(json.outcome.accountCode).toBe('4242');
    expect(json.outcome.validated).toBe(true);
  });

  it('keeps the last valid mid-call code and ignores an invalid one', async () => {
    const { json } = await simulateJson('hq', '2125550147', '*501234*509999');
    expect(json.outcome).toMatchObject({ result: 'not-required', accountCode: '1234' });
  });

  it('reports incomplete when the keys run out first', async () => {
    const { json } = await simulateJson('hq', '011442079460958', '12');
    expect(json.outcome).toEqual({
      result: 'incomplete',
      accountCode: null,
      validated: false,
      attempts: 0,
    });
  });

  it('reports abandoned when the caller hangs up during entry', async () => {
    const { json } = await simulateJson('hq', '011442079460958', '12H');
    expect(json.outcome.result).toBe('abandoned');
  });

  it('counts a timeout with too few digits as an incorrect attempt', async () => {
    const { json } = await simulateJson('hq', '011442079460958', '12T1234');
    expect(json.outcome).toEqual({
      result: 'connected',
      accountCode: '1234',
      validated: true,
      attempts: 2,
    });
    expect(json.transcript).toContainEqual({ type: 'play', prompt: 'wrong-length' });
  });

  it('needs no code on a trunk with account codes off', async () => {
    const { json } = await simulateJson('lobby', '011442079460958', '');
    expect(json.decision).toMatchObject({ required: false, rule: 'feature-inactive' });
    expect(json.outcome.result).toBe('not-required');
  });

  it('asks for a code on internal calls where the trunk requires it', async () => {
    const { json } = await simulateJson('legal', '2001', '');
    expect(json.classification.kind).toBe('internal');
    expect(json.decision).toMatchObject({
      required: true,
      rule: 'internal-calls',
      source: 'trunk',
    });
    expect(json.outcome.result).toBe('incomplete');
  });

  it('exits 1 on an invalid dial string, with classification kind invalid', async () => {
    const run = await simulateJson('hq', '1-800-FLOWERS');
    expect(run.status).toBe(1);
    expect(run.json.classification.kind).toBe('invalid');
    expect(run.json.decision).toBeNull();
    expect(run.stderr).toMatch(/^account-codes: --dial "1-800-FLOWERS": /);
  });
});

describe('account-codes simulate errors', () => {
  it('exits 1 on an unknown trunk, naming it', async () => {
    const run = await cli(['simulate', ACME, '--trunk', 'attic', '--dial', '2125550147']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('"attic"');
    expect(run.stdout).toBe('');
  });

  it('exits 2 on an unknown key letter, naming it and the allowed letters', async () => {
    const run = await cli(['simulate', ACME, '--trunk', 'hq', '--dial', '911', '--keys', '12x']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'account-codes: --keys has "x" at position 3; keys are 0-9, *, # (DTMF), T (timeout) and H (hangup) (see account-codes simulate --help)',
    );
  });

  it.each([
    [['simulate', ACME, '--dial', '911'], 'missing --trunk ID'],
    [['simulate', ACME, '--trunk', 'hq'], 'missing --dial DIGITS'],
    [['explain', ACME, '--trunk', 'hq'], 'missing --dial DIGITS'],
    [['simulate', '--trunk', 'hq', '--dial', '911'], 'missing FILE'],
    [['simulate', ACME, '--trunk'], '--trunk needs a value'],
  ])('exits 2 on %j: %s', async (argv, message) => {
    const run = await cli(argv);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 1 on a missing configuration file', async () => {
    const run = await cli(['simulate', 'missing.json', '--trunk', 'hq', '--dial', '911']);
    expect(run).toMatchObject({
      status: 1,
      stderr: 'account-codes: cannot read missing.json: no such file',
    });
  });
});

describe('account-codes simulate, human output', () => {
  it('prints the decision, each prompt and key, and the outcome', async () => {
    const run = await cli([
      'simulate',
      ACME,
      '--trunk',
      'hq',
      '--dial',
      '011 44 20 7946 0958',
      '--keys',
      '1234',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'Decision: required: international is a required call type (account)',
    );
    expect(run.stdout).toContain('> play enter-code: "Please enter a valid account code."');
    expect(run.stdout).toContain('< key 4');
    expect(run.stdout).toContain('Outcome: connected, account code 1234 (validated), 1 attempt');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('colours only when the terminal wants colour', async () => {
    const run = await cli(['simulate', ACME, '--trunk', 'hq', '--dial', '911'], { color: true });
    expect(run.stdout).toContain('\u001b[');
  });

  it('asks interactively on a terminal without --keys', async () => {
    const run = await cli(['simulate', ACME, '--trunk', 'hq', '--dial', '011442079460958'], {
      typed: ['12', '', '4242'],
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('keys> ');
    expect(run.stdout).toContain('> play wrong-length');
    expect(run.stdout).toContain('Outcome: connected, account code 4242 (validated), 2 attempts');
  });

  it('stops at the end of typed input and reports the call incomplete', async () => {
    const run = await cli(['simulate', ACME, '--trunk', 'hq', '--dial', '011442079460958'], {
      typed: ['1'],
    });
    expect(run.stdout).toContain('Outcome: incomplete');
  });
});

describe('account-codes explain', () => {
  it('prints effective settings with provenance, the classification and the decision', async () => {
    const run = await cli(['explain', ACME, '--trunk', 'lab', '--dial', '1-876-555-0100']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/validateCodes\s+false \(trunk\)/);
    expect(run.stdout).toMatch(/requiredCallTypes\s+international, premiumToll \(account\)/);
    expect(run.stdout).toContain('external: international (JM, +18765550100)');
    expect(run.stdout).toContain(
      'Decision: required: international is a required call type (account)',
    );
  });

  it('prints the same as JSON with --json, and no outcome', async () => {
    const run = await cli(['explain', ACME, '--trunk', 'lab', '--dial', '18765550100', '--json']);
    const json = JSON.parse(run.stdout);
    expect(json.provenance.validateCodes).toBe('trunk');
    expect(json.settings.validateCodes).toBe(false);
    expect(json.classification).toMatchObject({ kind: 'external', country: 'JM' });
    expect(json.decision.required).toBe(true);
    expect(json).not.toHaveProperty('outcome');
  });

  it('reports an ignored trunk override and uses the account value', async () => {
    const file = JSON.stringify({
      account: { codeLength: 4, maxRetries: 3, settings: { enabled: true } },
      trunks: [
        { id: 't', accountCodesEnabled: true, customSettings: { allowCallAfterMaxRetries: true } },
      ],
    });
    const run = await cli(['explain', 'f.json', '--trunk', 't', '--dial', '911', '--json'], {
      files: { 'f.json': file },
    });
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.settings.allowCallAfterMaxRetries).toBe(false);
    expect(json.ignored).toEqual([
      expect.objectContaining({ setting: 'allowCallAfterMaxRetries' }),
    ]);
  });

  it('exits 1 on an invalid dial string', async () => {
    const run = await cli(['explain', ACME, '--trunk', 'hq', '--dial', '']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('invalid');
  });
});

describe('account-codes demo', () => {
  it('runs its calls on the embedded example account', async () => {
    const run = await cli(['demo']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Outcome: connected, account code 1234 (validated), 1 attempt');
    expect(run.stdout).toContain('Outcome: ended, no account code, 3 attempts');
    expect(run.stdout).toContain('emergency number 911');
    expect(run.stdout).toContain('> tag the call 4242 (validated)');
  });
});

describe('account-codes with a trunk the configuration does not have (docs/rules.md#the-decision, docs/rules.md#the-config-file-and-the-cli)', () => {
  it.each(['simulate', 'explain'])(
    '%s connects 911 on an unknown trunk, with a warning naming the trunk, exit 0',
    async (command) => {
      const run = await cli([command, ACME, '--trunk', 'typo', '--dial', '911', '--json']);
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/^account-codes: warning: .*"typo".*the emergency call connects/);
      const json = JSON.parse(run.stdout);
      expect(json.classification.kind).toBe('emergency');
      expect(json.decision).toMatchObject({ required: false, rule: 'emergency-exempt' });
      expect(json.settings).toBeNull();
      if (command === 'simulate') {
        expect(json.outcome).toMatchObject({ result: 'not-required', attempts: 0 });
        expect(json.transcript[0]).toEqual({
          type: 'connect',
          accountCode: null,
          validated: false,
        });
      } else expect(json.outcome).toBeUndefined();
    },
  );

  it.each(['+1 911', 'sip:911@pbx.example', '9911'])(
    'connects the emergency form %s on an unknown trunk (text output too)',
    async (dial) => {
      const run = await cli([
        'simulate',
        ACME,
        '--trunk',
        'typo',
        '--dial',
        dial,
        '--keys',
        '1234',
      ]);
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('"typo"');
      expect(run.stdout).toMatch(/emergency/i);
    },
  );

  it.each([
    ['simulate', '9011442079460958'],
    ['simulate', '2125550147'],
    ['explain', '9011442079460958'],
    ['simulate', 'alice'],
  ])(
    '%s of any other dial string %s on an unknown trunk exits 1 naming it',
    async (command, dial) => {
      const run = await cli([command, ACME, '--trunk', 'typo', '--dial', dial]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('"typo"');
      expect(run.stdout).toBe('');
    },
  );
});
