/**
 * What the CLI commands print (docs/rules.md#the-config-file-and-the-cli), in-process: `check`'s summary and
 * warning count, `check --json` on an unreadable file, `explain --json`
 * fields (active, inactiveReason, source, the no-settings case of an unknown
 * trunk), explain's failures in one line, `lockout --json`'s lockout flag,
 * `demo`'s layout, and the calls `simulate` drives: keys T/t and H/h, a call
 * with no gate (keys echoed, ended by a hang-up), the interactive prompt
 * ending with the call, mid-call tagging's `taggedAtKey`, a trunk that does
 * not validate codes touching no ledger, and a look-up the ledger refuses.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseKeys, startCall } from '../../src/cli/call.js';
import { parseConfig } from '../../src/config/parse.js';
import { createMemoryLockoutStore } from '../../src/lockout/store.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-command-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

type Acme = {
  account: { id?: string; codes: { code: string }[]; settings: Record<string, unknown> };
  trunks: Record<string, unknown>[];
};
function acmeWith(change: (acme: Acme) => void): string {
  const acme = JSON.parse(readFileSync('examples/acme.json', 'utf8'));
  change(acme);
  const path = join(dir, `acme-${files++}.json`);
  writeFileSync(path, JSON.stringify(acme));
  return path;
}

const INTERNATIONAL = '9011442079460958';
const DOMESTIC = '2125550147';
const count = (text: string, part: string) => text.split(part).length - 1;

describe('check', () => {
  it('the summary line counts codes, digits and enabled trunks', async () => {
    const run = await cli(['check', 'examples/acme.json']);
    expect(run.stdout.split('\n')[0]).toBe(
      'examples/acme.json: valid. Account codes on; 6 codes of 4 digits; 3 of 4 trunks enabled.',
    );
    expect(run.stdout.split('\n')[2]).toBe('3 warnings:');
  });

  it('one warning is "1 warning:"; none prints no warning line', async () => {
    const noValidation = (acme: Acme) => {
      acme.account.settings.validateCodes = false;
      for (const trunk of acme.trunks) delete trunk.customSettings;
      acme.account.codes = acme.account.codes.filter((c) => c.code !== '1234');
    };
    const one = await cli(['check', acmeWith(noValidation)]);
    expect(one.stdout.split('\n')[2]).toBe('1 warning:');
    expect(one.stdout.split('\n')).toHaveLength(4);
    const none = await cli([
      'check',
      acmeWith((acme) => {
        noValidation(acme);
        acme.account.settings.requiredCallTypes = [];
      }),
    ]);
    expect(none.status).toBe(0);
    expect(none.stdout.split('\n')).toHaveLength(2);
  });

  it('--json on a file it cannot read: one unreadable-file issue, exit 1', async () => {
    const missing = join(dir, 'missing.json');
    const run = await cli(['check', missing, '--json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      issues: [
        {
          code: 'unreadable-file',
          path: [],
          message: `cannot read ${missing}: no such file`,
        },
      ],
      warnings: [],
      exposure: null,
    });
  });
});

describe('explain', () => {
  const explainJson = async (trunk: string, dial: string) => {
    const run = await cli([
      'explain',
      'examples/acme.json',
      '--trunk',
      trunk,
      '--dial',
      dial,
      '--json',
    ]);
    return { run, json: JSON.parse(run.stdout) };
  };

  it('--json on an active trunk: active true, no inactiveReason, the decision with its source', async () => {
    const { json } = await explainJson('hq', INTERNATIONAL);
    expect(json.active).toBe(true);
    expect(json).not.toHaveProperty('inactiveReason');
    expect(json.decision).toMatchObject({ required: true, source: 'account' });
  });

  it('--json on a disabled trunk: active false with the reason', async () => {
    const { json } = await explainJson('lobby', DOMESTIC);
    expect(json.active).toBe(false);
    expect(typeof json.inactiveReason).toBe('string');
  });

  it('--json for 911 on an unknown trunk: no settings, nothing ignored', async () => {
    const { run, json } = await explainJson('nowhere', '911');
    expect(run.status).toBe(0);
    expect(json).toMatchObject({ active: null, settings: null, provenance: null, ignored: [] });
  });

  it('a configuration it cannot read is reported in one line, exit 1', async () => {
    const missing = join(dir, 'missing.json');
    const run = await cli(['explain', missing, '--trunk', 'hq', '--dial', '911']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`account-codes: cannot read ${missing}: no such file`);
  });

  it('an unknown trunk for a gated call is reported in one line, exit 1', async () => {
    const run = await cli([
      'explain',
      'examples/acme.json',
      '--trunk',
      'nowhere',
      '--dial',
      INTERNATIONAL,
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain('unexpected error');
  });

  it('an undialable string gets no decision line, only the reason, exit 1', async () => {
    const run = await cli(['explain', 'examples/acme.json', '--trunk', 'hq', '--dial', 'abc']);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('Decision');
    expect(run.stderr).toMatch(/^account-codes: --dial "abc": [^\n]+$/);
  });
});

describe('lockout --json', () => {
  it.each([
    [false, false],
    [{ maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 }, true],
  ])('with lockout %j says lockout: %s', async (lockout, on) => {
    const config = acmeWith((acme) => {
      acme.account.id = 'acme';
      acme.account.settings.lockout = lockout;
    });
    const run = await cli([
      'lockout',
      config,
      '--ledger',
      join(dir, `l-${files++}.json`),
      '--json',
    ]);
    expect(JSON.parse(run.stdout)).toEqual({ lockout: on, scopes: [] });
  });
});

describe('demo', () => {
  it('numbers its calls, shows each command, prints settings only for the first, a blank line between', async () => {
    const run = await cli(['demo']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Account Codes demo on examples/acme.json');
    const headings = lines.flatMap((line, i) => (line.startsWith('── ') ? [i] : []));
    expect(headings.map((i) => lines[i]?.slice(0, 6))).toEqual([
      '── 1. ',
      '── 2. ',
      '── 3. ',
      '── 4. ',
      '── 5. ',
    ]);
    for (const i of headings) {
      expect(lines[i + 1]).toMatch(
        /^ {3}\$ account-codes simulate examples\/acme\.json --trunk \w+ --dial '[^']+' --keys '[^']*'$/,
      );
      expect(lines[i - 1]).toBe('');
    }
    expect(count(run.stdout, 'Trunk "hq": account codes active')).toBe(1);
  });
});

describe('simulate: the calls it drives', () => {
  it('parseKeys reads T or t as a timeout and H or h as a hang-up', () => {
    expect(parseKeys('Tt1Hh')).toEqual({
      ok: true,
      actions: [
        { type: 'timeout' },
        { type: 'timeout' },
        { type: 'key', key: '1' },
        { type: 'hangup' },
        { type: 'hangup' },
      ],
    });
    expect(parseKeys('1x')).toEqual({ ok: false, letter: 'x', index: 1 });
  });

  it('an unknown trunk refuses a gated call as unknown-trunk', async () => {
    const parsed = parseConfig(JSON.parse(readFileSync('examples/acme.json', 'utf8')));
    if (!parsed.ok) throw new Error('examples/acme.json is not valid');
    const started = await startCall(parsed.config, 'nowhere', INTERNATIONAL, {
      store: createMemoryLockoutStore({ clock: Date.now }),
      subject: { accountId: null, trunkId: 'nowhere', callerId: null },
      callId: 'c',
    });
    expect(started).toMatchObject({ ok: false, code: 'unknown-trunk' });
  });

  it('an undialable string has an empty transcript', async () => {
    const run = await cli([
      'simulate',
      'examples/acme.json',
      '--trunk',
      'hq',
      '--dial',
      'abc',
      '--json',
    ]);
    expect(JSON.parse(run.stdout)).toMatchObject({ transcript: [], outcome: null, decision: null });
  });

  it('911 connects untagged and unvalidated; keys after it are echoed as DTMF', async () => {
    const base = [
      'simulate',
      'examples/acme.json',
      '--trunk',
      'hq',
      '--dial',
      '911',
      '--keys',
      '12',
    ];
    const text = await cli(base);
    expect(text.stdout).toContain('\n  < key 1\n  < key 2\n');
    const json = JSON.parse((await cli([...base, '--json'])).stdout);
    expect(json.outcome).toEqual({
      result: 'not-required',
      accountCode: null,
      validated: false,
      attempts: 0,
    });
  });

  it('on a terminal, a 911 call takes keys until the caller hangs up', async () => {
    const run = await cli(['simulate', 'examples/acme.json', '--trunk', 'hq', '--dial', '911'], {
      typed: ['1', 'H', '2'],
    });
    expect(count(run.stdout, 'keys> ')).toBe(2);
    expect(run.stdout).toContain('< key 1');
    expect(run.stdout).not.toContain('< key 2');
  });

  it('on a terminal, a gated call stops prompting once it connects', async () => {
    const run = await cli(
      ['simulate', 'examples/acme.json', '--trunk', 'hq', '--dial', INTERNATIONAL],
      {
        typed: ['1234', '5'],
      },
    );
    expect(count(run.stdout, 'keys> ')).toBe(1);
    expect(run.stdout).toMatch(/Outcome: connected, account code 1234/);
  });

  it('on a terminal, a domestic call takes mid-call keys until the caller hangs up', async () => {
    const run = await cli(['simulate', 'examples/acme.json', '--trunk', 'hq', '--dial', DOMESTIC], {
      typed: ['1', 'H', '2'],
    });
    expect(count(run.stdout, 'keys> ')).toBe(2);
    expect(run.stdout).not.toContain('< key 2');
  });

  it('a mid-call tag records at which key it was entered; an untagged call has no taggedAtKey', async () => {
    const run = async (keys: string) =>
      JSON.parse(
        (
          await cli([
            'simulate',
            'examples/acme.json',
            '--trunk',
            'hq',
            '--dial',
            DOMESTIC,
            '--keys',
            keys,
            '--json',
          ])
        ).stdout,
      ).outcome;
    const tagged = await run('7*501234');
    expect(tagged).toMatchObject({ result: 'not-required', accountCode: '1234', validated: true });
    expect(typeof tagged.taggedAtKey).toBe('number');
    expect(await run('7')).not.toHaveProperty('taggedAtKey');
  });

  it('a trunk that does not validate codes neither reads nor writes the ledger', async () => {
    const config = acmeWith((acme) => {
      acme.account.settings.lockout = { maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 };
    });
    const ledger = join(dir, `unused-${files++}.json`);
    const run = await cli([
      'simulate',
      config,
      '--trunk',
      'lab',
      '--dial',
      INTERNATIONAL,
      '--keys',
      '9999',
      '--json',
      '--ledger',
      ledger,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).outcome).toMatchObject({ result: 'connected', validated: false });
    expect(existsSync(ledger)).toBe(false);
  });

  it('a look-up the ledger refuses fails closed and is reported, exit 1', async () => {
    const config = acmeWith((acme) => {
      acme.account.settings.lockout = { maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 };
    });
    // Readable (missing: empty), but its lock file's name is too long to create.
    const ledger = join(dir, `${'k'.repeat(249)}.json`);
    const run = await cli([
      'simulate',
      config,
      '--trunk',
      'hq',
      '--dial',
      INTERNATIONAL,
      '--keys',
      '1234',
      '--json',
      '--ledger',
      ledger,
    ]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).outcome.result).not.toBe('connected');
    expect(run.stderr).toMatch(/^account-codes: cannot lock the ledger .* \[ledger-unavailable\]$/);
  });
});
