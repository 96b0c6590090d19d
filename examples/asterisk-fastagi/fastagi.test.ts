/**
 * The FastAGI example against a fake Asterisk over real TCP loopback: the
 * test sends the AGI environment, answers every command with canned replies
 * and checks the commands the server sent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, createMemoryLockoutStore, parseConfig } from 'account-codes';
import { openRedisLockoutStore, type RedisLockoutStore } from 'account-codes/redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../test/support/cli.js';
import { ALL_OPERATIONS, acmeWithLockout, brokenStore } from '../../test/support/lockout-stores.js';
import { type RedisServer, startRedisServer } from '../../test/support/redis-server.js';
import { createFastAgiServer, type FastAgiServerOptions } from './fastagi.js';
import type { AgiSessionOutcome } from './session.js';

const acme = parseConfig(
  JSON.parse(readFileSync(new URL('../acme.json', import.meta.url), 'utf8')),
);
if (!acme.ok) throw new Error('examples/acme.json must be valid');
const config: Config = acme.config;

const locking = acmeWithLockout({ maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 });

/** Bounds every wait so a broken server fails the test instead of hanging it. */
const BOUND_MS = 5_000;
/** What a measured time limit may overrun by on a loaded machine (timers, loopback, GC). */
const SLACK_MS = 1_000;

interface Running {
  readonly port: number;
  readonly logs: string[];
  nextOutcome(): Promise<AgiSessionOutcome>;
}

let server: Server;
let running: Running;
const sockets = new Set<Socket>();

/** Starts a server for `cfg` on port 0 and makes it the running one. */
async function serve(cfg: Config, extra: Partial<FastAgiServerOptions> = {}): Promise<Running> {
  const logs: string[] = [];
  const outcomes: AgiSessionOutcome[] = [];
  let waiting: ((outcome: AgiSessionOutcome) => void) | undefined;
  const created = createFastAgiServer(cfg, {
    log: (line) => logs.push(line),
    replyTimeoutMs: BOUND_MS,
    onSessionEnd: (outcome) => {
      if (waiting === undefined) outcomes.push(outcome);
      else waiting(outcome);
      waiting = undefined;
    },
    ...extra,
  });
  if (!created.ok) throw new Error(created.message);
  server = created.server;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  running = {
    port: address.port,
    logs,
    nextOutcome: () => {
      const ready = outcomes.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return bounded(new Promise((resolve) => (waiting = resolve)), 'the session outcome');
    },
  };
  return running;
}

async function close(): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

beforeEach(async () => {
  await serve(config);
});

afterEach(close);

/** What Asterisk answers to one command; `null` hangs up by closing the socket. */
type Answer = (command: string) => string | null;

interface CallScript {
  readonly extension: string;
  /** `ACCOUNT_CODES_TRUNK`; absent: the variable is not set. */
  readonly trunk?: string;
  /** Answers to `WAIT FOR DIGIT`, in order: a DTMF key, `T` a timeout, `H` a hangup (`result=-1`). */
  readonly keys?: string;
  /** Overrides the canned answers; return `undefined` to fall back to them. */
  readonly answer?: (command: string) => string | null | undefined;
  /** `agi_callerid`; default `201`. */
  readonly callerId?: string;
  /** `agi_rdnis`: the number a forwarded call came from; default `unknown` (not forwarded). */
  readonly rdnis?: string;
  /** The server to call; default the running one. */
  readonly port?: number;
}

/** Canned Asterisk replies for a script. */
function asterisk(script: CallScript): Answer {
  const keys = [...(script.keys ?? '')];
  return (command) => {
    const custom = script.answer?.(command);
    if (custom !== undefined) return custom;
    if (command === 'GET VARIABLE ACCOUNT_CODES_TRUNK') {
      return script.trunk === undefined ? '200 result=0' : `200 result=1 (${script.trunk})`;
    }
    // Any other variable is not set.
    if (command.startsWith('GET VARIABLE ')) return '200 result=0';
    if (command.startsWith('STREAM FILE ')) return '200 result=0 endpos=8000';
    if (command.startsWith('WAIT FOR DIGIT ')) {
      const key = keys.shift();
      // Keys ran out: the caller stays silent.
      if (key === undefined || key === 'T') return '200 result=0';
      if (key === 'H') return '200 result=-1';
      return `200 result=${key.charCodeAt(0)}`;
    }
    if (command.startsWith('SET VARIABLE ')) return '200 result=1';
    if (command === 'HANGUP') return '200 result=1';
    return '510 Invalid or unknown command';
  };
}

/** Plays Asterisk's side of one call; resolves with the commands the server sent once it closes. */
function dial(script: CallScript): Promise<string[]> {
  const answer = asterisk(script);
  const commands: string[] = [];
  const socket = connect(script.port ?? running.port, '127.0.0.1');
  socket.setEncoding('utf8');
  socket.write(environment(script.extension, script.callerId, script.rdnis));
  let buffer = '';
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const command = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      commands.push(command);
      const reply = answer(command);
      if (reply === null) {
        socket.end();
        return;
      }
      socket.write(`${reply}\n`);
    }
  });
  return bounded(
    new Promise<string[]>((resolve, reject) => {
      socket.on('close', () => resolve(commands));
      socket.on('error', reject);
    }),
    'the server to close the call',
    () => socket.destroy(),
  );
}

let channels = 0;
function environment(extension: string, callerId = '201', rdnis = 'unknown'): string {
  const lines = [
    'agi_network: yes',
    'agi_network_script: account-codes',
    'agi_request: agi://127.0.0.1/account-codes',
    'agi_channel: PJSIP/alice-00000001',
    'agi_language: en',
    'agi_type: PJSIP',
    // Unique per channel, as Asterisk's are: the lockout ledger's admissions are keyed by it.
    `agi_uniqueid: 1700000000.${++channels}`,
    'agi_version: 20.5.0',
    `agi_callerid: ${callerId}`,
    'agi_calleridname: Alice',
    `agi_dnid: ${extension}`,
    `agi_rdnis: ${rdnis}`,
    'agi_context: from-internal',
    `agi_extension: ${extension}`,
    'agi_priority: 2',
    'agi_accountcode: ',
  ];
  return `${lines.join('\n')}\n\n`;
}

function bounded<T>(promise: Promise<T>, what: string, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`gave up waiting for ${what}`));
    }, BOUND_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

const WAIT = 'WAIT FOR DIGIT 5000';
const ENTER = 'STREAM FILE account-codes/enter-code ""';
const INTERNATIONAL = '9011442079460000';
const GET_TRUNK = 'GET VARIABLE ACCOUNT_CODES_TRUNK';
const ALLOW = 'SET VARIABLE ACCOUNT_CODES_ALLOW yes';

/**
 * The last three commands of an allowed call: the result word, the number to
 * dial (the one the library read; any, when the test does not say), then the allow flag.
 */
function allowed(result: string, target?: string): unknown[] {
  return [
    `SET VARIABLE ACCOUNT_CODES_RESULT ${result}`,
    target === undefined
      ? expect.stringMatching(/^SET VARIABLE ACCOUNT_CODES_DIAL \+?[0-9]+$/)
      : `SET VARIABLE ACCOUNT_CODES_DIAL ${target}`,
    ALLOW,
  ];
}

/**
 * The fail-closed invariant: the dialplan dials only on `ACCOUNT_CODES_ALLOW`,
 * so a refused call never gets it, and the session hangs the channel up.
 */
function expectRefused(commands: readonly string[]): void {
  expect(commands).not.toContain(ALLOW);
  expect(commands.at(-1)).toBe('HANGUP');
}

describe('FastAGI: calls that need no code', () => {
  it('lets a domestic call on trunk hq continue without prompting', async () => {
    const commands = await dial({ extension: '2125551234', trunk: 'hq' });
    expect(commands).toEqual([GET_TRUNK, ...allowed('not-required')]);
    expect((await running.nextOutcome()).result).toBe('not-required');
  });

  it.each(['911', '9911', '933'])(
    'never prompts for emergency number %s, nor even asks for the trunk',
    async (extension) => {
      const commands = await dial({ extension, trunk: 'hq' });
      expect(commands).toEqual(allowed('not-required'));
    },
  );

  it('lets 911 through even when the dialplan forgot to set the trunk', async () => {
    const commands = await dial({ extension: '911' });
    expect(commands).toEqual(allowed('not-required'));
  });

  it('lets 911 through on a trunk the configuration does not know', async () => {
    const commands = await dial({ extension: '911', trunk: 'basement' });
    expect(commands).toEqual(allowed('not-required'));
  });

  it('never hangs up an emergency call, even when Asterisk garbles the reply', async () => {
    const commands = await dial({
      extension: '911',
      answer: (c) => (c.includes('ACCOUNT_CODES_RESULT') ? 'what?' : undefined),
    });
    expect(commands).toEqual(['SET VARIABLE ACCOUNT_CODES_RESULT not-required']);
    expect(await running.nextOutcome()).toMatchObject({ result: 'error', emergency: true });
  });

  it('does not prompt on a trunk where account codes are off', async () => {
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'lobby' });
    expect(commands.some((c) => c.startsWith('STREAM FILE'))).toBe(false);
    expect(commands.slice(-3)).toEqual(allowed('not-required'));
  });
});

describe('FastAGI: the dialplan dials what the library read, never the raw EXTEN (issue 22)', () => {
  it('a domestic call dials its E.164 form', async () => {
    const commands = await dial({ extension: '2125551234', trunk: 'hq' });
    expect(commands).toEqual([GET_TRUNK, ...allowed('not-required', '+12125551234')]);
  });

  it.each([
    ['911*', '911'],
    ['911#1', '911'],
    ['933*', '933'],
    ['9911', '911'],
  ])(
    '%s with outside-line prefix 9 is emergency: no prompt, and it dials %s',
    async (extension, target) => {
      const commands = await dial({ extension, trunk: 'legal' });
      expect(commands).toEqual(allowed('not-required', target));
      expect(await running.nextOutcome()).toMatchObject({ emergency: true, target });
    },
  );

  it('an extension dials the extension, after the keys the caller sent once it was up', async () => {
    const commands = await dial({ extension: '201#5', trunk: 'hq' });
    expect(commands).toEqual([GET_TRUNK, ...allowed('not-required', '201')]);
  });

  it.each(['00442079460958#0', '15005550100#0', '*23#0'])(
    '%s stays unrecognised: code entry on the legal trunk, never an operator call',
    async (extension) => {
      const commands = await dial({ extension, trunk: 'legal', keys: 'HHHH' });
      expect(commands.slice(0, 2)).toEqual([GET_TRUNK, ENTER]);
      expectRefused(commands);
    },
  );

  it('a call tagged with a code dials the number read, not the keys after it', async () => {
    const commands = await dial({ extension: '9011442079460958#0', trunk: 'hq', keys: '1234' });
    expect(commands.slice(-3)).toEqual(allowed('connected', '+442079460958'));
  });
});

describe('FastAGI: code entry', () => {
  it('tags an international call with a valid code keyed through WAIT FOR DIGIT', async () => {
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '1234' });
    expect(commands).toEqual([
      GET_TRUNK,
      ENTER,
      WAIT,
      WAIT,
      WAIT,
      WAIT,
      'STREAM FILE account-codes/accepted ""',
      'SET VARIABLE CDR(accountcode) 1234',
      ...allowed('connected'),
    ]);
    expect(await running.nextOutcome()).toMatchObject({
      result: 'connected',
      trunk: 'hq',
      attempts: 1,
      tagged: true,
    });
  });

  it('hangs up after max retries of wrong codes', async () => {
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '999988887777' });
    const prompts = commands.filter((c) => c.startsWith('STREAM FILE'));
    expect(prompts).toEqual([
      ENTER,
      'STREAM FILE account-codes/invalid-code ""',
      'STREAM FILE account-codes/invalid-code ""',
      'STREAM FILE account-codes/max-retries ""',
    ]);
    expect(commands.slice(-2)).toEqual(['SET VARIABLE ACCOUNT_CODES_RESULT ended', 'HANGUP']);
    expect(commands.some((c) => c.startsWith('SET VARIABLE CDR('))).toBe(false);
    expectRefused(commands);
    expect(await running.nextOutcome()).toMatchObject({ result: 'ended', attempts: 3 });
  });

  it('treats a WAIT FOR DIGIT timeout as submitting what was keyed', async () => {
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '12T1234' });
    expect(commands).toContain('STREAM FILE account-codes/wrong-length ""');
    expect(commands.slice(-4)).toEqual([
      'SET VARIABLE CDR(accountcode) 1234',
      ...allowed('connected'),
    ]);
  });

  it('accepts any code of the right length on a tracking trunk', async () => {
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'lab', keys: '5555' });
    expect(commands.slice(-4)).toEqual([
      'SET VARIABLE CDR(accountcode) 5555',
      ...allowed('connected'),
    ]);
  });

  it('ignores keys that are not DTMF digits, star or hash', async () => {
    // 65 is 'A': some phones send A–D; docs/rules.md#code-entry knows only 0–9, * and #.
    const replies = ['200 result=65', '200 result=49', '200 result=50', '200 result=51'];
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      keys: '4',
      answer: (c) => (c === WAIT ? replies.shift() : undefined),
    });
    expect(commands.at(-4)).toBe('SET VARIABLE CDR(accountcode) 1234');
  });
});

describe('FastAGI: the caller hangs up mid-entry', () => {
  it('stops at a WAIT FOR DIGIT result of -1 and hangs up', async () => {
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '12H' });
    expect(commands).toEqual([GET_TRUNK, ENTER, WAIT, WAIT, WAIT, 'HANGUP']);
    expect(await running.nextOutcome()).toMatchObject({ result: 'abandoned', attempts: 0 });
  });

  it('stops at the HANGUP notification', async () => {
    let waits = 0;
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      answer: (c) =>
        c === WAIT && ++waits === 2
          ? 'HANGUP\n511 Command Not Permitted on a dead channel or intercept routine'
          : c === WAIT
            ? '200 result=55'
            : undefined,
    });
    expect(commands).toEqual([GET_TRUNK, ENTER, WAIT, WAIT, 'HANGUP']);
    expect((await running.nextOutcome()).result).toBe('abandoned');
  });

  it('stops when Asterisk closes the socket, sending nothing more', async () => {
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      answer: (c) => (c === WAIT ? null : undefined),
    });
    expect(commands).toEqual([GET_TRUNK, ENTER, WAIT]);
    expect((await running.nextOutcome()).result).toBe('abandoned');
  });
});

describe('FastAGI: every failure fails closed', () => {
  it('hangs up when a prompt file is missing (STREAM FILE result=-1 on a live channel)', async () => {
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      answer: (c) => (c === ENTER ? '200 result=-1 endpos=0' : undefined),
    });
    expect(commands).toEqual([GET_TRUNK, ENTER, 'HANGUP']);
    expect(await running.nextOutcome()).toMatchObject({
      result: 'abandoned',
      problem: expect.stringMatching(/enter-code did not play/),
    });
  });

  it('hangs up when the accepted prompt is missing, before tagging or allowing', async () => {
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      keys: '1234',
      answer: (c) =>
        c === 'STREAM FILE account-codes/accepted ""' ? '200 result=-1 endpos=0' : undefined,
    });
    expectRefused(commands);
    expect(commands.some((c) => c.startsWith('SET VARIABLE CDR('))).toBe(false);
  });

  it('hangs up when the trunk variable is not set on a call that may need a code', async () => {
    const commands = await dial({ extension: INTERNATIONAL });
    expect(commands).toEqual([GET_TRUNK, 'SET VARIABLE ACCOUNT_CODES_RESULT error', 'HANGUP']);
    expect((await running.nextOutcome()).problem).toMatch(/ACCOUNT_CODES_TRUNK is not set/);
  });

  it('hangs up on an unknown trunk and names it in the log', async () => {
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'basement' });
    expect(commands.slice(-2)).toEqual(['SET VARIABLE ACCOUNT_CODES_RESULT error', 'HANGUP']);
    await running.nextOutcome();
    expect(running.logs).toHaveLength(1);
    expect(running.logs[0]).toMatch(/basement/);
  });

  it('hangs up on an undialable string: no decision, no dial', async () => {
    const commands = await dial({ extension: 'alice', trunk: 'hq' });
    expect(commands).toEqual(['SET VARIABLE ACCOUNT_CODES_RESULT invalid-dial-string', 'HANGUP']);
  });

  it('hangs up when a reply is not AGI, with one log line', async () => {
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      answer: (c) => (c === WAIT ? 'what?' : undefined),
    });
    expect(commands).toEqual([GET_TRUNK, ENTER, WAIT, 'HANGUP']);
    expect(await running.nextOutcome()).toMatchObject({ result: 'error' });
    expect(running.logs).toEqual([expect.stringMatching(/not an AGI reply/)]);
  });

  it.each([
    ['510', '510 Invalid or unknown command'],
    [
      'a multi-line 520, read to its end',
      '520-Invalid command syntax.  Proper usage follows:\nUsage: STREAM FILE <filename> <escape digits>\n520 End of proper usage.',
    ],
  ])('hangs up when Asterisk rejects a command (%s)', async (_, reply) => {
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      answer: (c) => (c === ENTER ? reply : undefined),
    });
    expect(commands).toEqual([GET_TRUNK, ENTER, 'HANGUP']);
    expect((await running.nextOutcome()).problem).toMatch(/^Asterisk answered "5[12]0/);
  });

  it('hangs up when the reply to GET VARIABLE is garbled', async () => {
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      answer: (c) => (c === GET_TRUNK ? '200 hq' : undefined),
    });
    expect(commands).toEqual([GET_TRUNK, 'HANGUP']);
  });

  it('hangs up when setting the allow flag fails: a half-told dialplan must not dial', async () => {
    const commands = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      keys: '1234',
      answer: (c) => (c === ALLOW ? '510 Invalid or unknown command' : undefined),
    });
    expect(commands.slice(-2)).toEqual([ALLOW, 'HANGUP']);
    expect((await running.nextOutcome()).result).toBe('error');
  });

  it('a session cut off at any command of a valid-code call is never allowed (closed, or a truncated reply)', async () => {
    // The whole call, for reference: ten commands, ALLOW last.
    const whole = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '1234' });
    expect(whole.at(-1)).toBe(ALLOW);
    await running.nextOutcome();
    for (let cut = 0; cut < whole.length - 1; cut++) {
      for (const cutOff of [null, '200 resu']) {
        let seen = 0;
        const commands = await dial({
          extension: INTERNATIONAL,
          trunk: 'hq',
          keys: '1234',
          answer: () => (seen++ === cut ? cutOff : undefined),
        });
        expect(commands).not.toContain(ALLOW);
        const outcome = await running.nextOutcome();
        expect(outcome.result, `cut at ${whole[cut]} with ${cutOff}`).toMatch(
          /^(error|abandoned)$/,
        );
      }
    }
  });

  it('closes the session when the environment is garbage', async () => {
    const socket = connect(running.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write('GET / HTTP/1.1\r\nHost: example\r\n\r\n');
    expect(await running.nextOutcome()).toMatchObject({ result: 'error' });
    expect(running.logs).toEqual([expect.stringMatching(/not an AGI environment line/)]);
    socket.destroy();
  });

  it('keeps serving calls after a session failed', async () => {
    await dial({ extension: INTERNATIONAL, trunk: 'hq', answer: () => 'garbage' });
    const commands = await dial({ extension: '2125551234', trunk: 'hq' });
    expect(commands.slice(-3)).toEqual(allowed('not-required'));
  });
});

describe('FastAGI: time limits and the connection cap', () => {
  /** A server of its own, with short limits, on 127.0.0.1 port 0. */
  async function limitedServer(options: {
    replyTimeoutMs?: number;
    environmentTimeoutMs?: number;
    sessionTimeoutMs?: number;
    maxConnections?: number;
  }): Promise<{ port: number; outcomes: AgiSessionOutcome[]; stop: () => Promise<void> }> {
    const outcomes: AgiSessionOutcome[] = [];
    const created = createFastAgiServer(config, {
      replyTimeoutMs: BOUND_MS,
      ...options,
      onSessionEnd: (outcome) => outcomes.push(outcome),
    });
    if (!created.ok) throw new Error(created.message);
    const limited = created.server;
    const open = new Set<Socket>();
    limited.on('connection', (socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    const address = limited.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return {
      port: address.port,
      outcomes,
      stop: async () => {
        for (const socket of open) socket.destroy();
        await new Promise<void>((resolve) => limited.close(() => resolve()));
      },
    };
  }

  type Limits = Parameters<typeof limitedServer>[0];
  type Limited = Awaited<ReturnType<typeof limitedServer>>;

  /** Runs `test` against a server of its own with `limits`, and stops it. */
  async function withServer(
    limits: Limits,
    test: (limited: Limited) => Promise<void>,
  ): Promise<void> {
    const limited = await limitedServer(limits);
    try {
      await test(limited);
    } finally {
      await limited.stop();
    }
  }

  /** Opens a socket that sends `text` and then nothing; resolves when the server closes it. */
  function silentPeer(port: number, text = ''): { closed: Promise<number>; socket: Socket } {
    const opened = Date.now();
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('data', () => {});
    if (text !== '') socket.write(text);
    const closed = bounded(
      new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - opened))),
      'the server to close a silent peer',
      () => socket.destroy(),
    );
    return { closed, socket };
  }

  it('closes a connection that never sends the environment, after environmentTimeoutMs', async () => {
    await withServer({ environmentTimeoutMs: 200 }, async (limited) => {
      const peer = silentPeer(limited.port);
      const elapsed = await peer.closed;
      // At least the limit; well under the test bound (the close also waits for the peer to read).
      expect(elapsed).toBeGreaterThanOrEqual(190);
      expect(elapsed).toBeLessThan(200 + SLACK_MS);
      expect(limited.outcomes[0]?.problem).toMatch(/no answer in time to "environment"/);
    });
  });

  it('does not let a trickle of environment lines hold the connection past the limit', async () => {
    await withServer({ environmentTimeoutMs: 300 }, async (limited) => {
      const peer = silentPeer(limited.port, 'agi_network: yes\n');
      const trickle = setInterval(() => peer.socket.write('agi_x: y\n'), 50);
      const elapsed = await peer.closed.finally(() => clearInterval(trickle));
      expect(elapsed).toBeLessThan(BOUND_MS);
      expect(limited.outcomes[0]?.result).toBe('error');
    });
  });

  it('hangs up when Asterisk does not answer a command within replyTimeoutMs', async () => {
    await withServer({ replyTimeoutMs: 200 }, async (limited) => {
      const socket = connect(limited.port, '127.0.0.1');
      socket.on('error', () => {});
      const commands: string[] = [];
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => commands.push(...chunk.split('\n').filter(Boolean)));
      const started = Date.now();
      socket.write(environment(INTERNATIONAL));
      // Never answers: not GET VARIABLE, not HANGUP.
      await bounded(
        new Promise<void>((resolve) => socket.on('close', () => resolve())),
        'the server to give up',
        () => socket.destroy(),
      );
      expect(commands).toEqual([GET_TRUNK, 'HANGUP']);
      // GET VARIABLE waits replyTimeoutMs, then HANGUP waits up to replyTimeoutMs again.
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(190);
      expect(elapsed).toBeLessThan(2 * 200 + SLACK_MS);
      expect(limited.outcomes[0]?.problem).toMatch(/no answer in time/);
    });
  });

  it('hangs up a session that outlives sessionTimeoutMs, keys or not', async () => {
    await withServer({ sessionTimeoutMs: 300 }, async (limited) => {
      const started = Date.now();
      const commands = await bounded(
        (async () => {
          // 'A' forever: a key docs/rules.md#code-entry ignores, so code entry alone would never end.
          const socket = connect(limited.port, '127.0.0.1');
          socket.on('error', () => {});
          socket.setEncoding('utf8');
          const seen: string[] = [];
          const answer = asterisk({ extension: INTERNATIONAL, trunk: 'hq' });
          let buffer = '';
          socket.on('data', (chunk: string) => {
            buffer += chunk;
            for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
              const command = buffer.slice(0, nl);
              buffer = buffer.slice(nl + 1);
              seen.push(command);
              const reply = command === WAIT ? '200 result=65' : answer(command);
              setTimeout(() => socket.write(`${reply}\n`), 5);
            }
          });
          socket.write(environment(INTERNATIONAL));
          await new Promise<void>((resolve) => socket.on('close', () => resolve()));
          return seen;
        })(),
        'the session limit',
      );
      // Checked before each command: the limit, plus one command's round trip.
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(Date.now() - started).toBeLessThan(300 + SLACK_MS);
      expectRefused(commands);
      expect(limited.outcomes[0]?.problem).toBe('the session ran too long');
    });
  });

  it('closes connections beyond maxConnections at once; the dialplan then fails closed', async () => {
    await withServer({ maxConnections: 2, environmentTimeoutMs: 1_000 }, async (limited) => {
      const held = [silentPeer(limited.port), silentPeer(limited.port)];
      // Let the first two be accepted before the third arrives.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const extra = silentPeer(limited.port);
      const extraClosedAfter = await extra.closed;
      expect(extraClosedAfter).toBeLessThan(500);
      // The held ones are closed by the environment limit, not kept forever.
      for (const peer of held) expect(await peer.closed).toBeGreaterThanOrEqual(900);
    });
  });
});

// ---- The lockout ledger (docs/rules.md#lockout) ---------------------------------------------

const LOCKED_OUT = 'STREAM FILE account-codes/locked-out ""';
/** Three wrong codes, then the fourth and fifth misses on the next call. */
const THREE_MISSES = '999988887777';
const TWO_MISSES = '99998888';

/** The commands of a gated call on a locked line: the prompt, the result word, HANGUP; no digit read. */
function expectLockedOut(commands: readonly string[], result = 'locked-out'): void {
  expect(commands).toEqual([
    GET_TRUNK,
    LOCKED_OUT,
    `SET VARIABLE ACCOUNT_CODES_RESULT ${result}`,
    'HANGUP',
  ]);
}

describe('FastAGI: a flooding client cannot slow another session (issue 22)', () => {
  /** The issue's flood: a 911 environment, then 2 MB of newlines; resolves when the server closed it. */
  function flood(port: number): Promise<void> {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('data', () => {});
    socket.write(environment('911'));
    socket.write(FLOOD);
    return bounded(
      new Promise<void>((resolve) => socket.on('close', () => resolve())),
      'the server to close a flooding client',
      () => socket.destroy(),
    );
  }
  const FLOOD = Buffer.alloc(2 * 1024 * 1024, '\n');

  /** Milliseconds for `rounds` 911 sessions one after another. */
  async function sessions(rounds: number): Promise<number> {
    const started = performance.now();
    for (let i = 0; i < rounds; i++) {
      expect(await dial({ extension: '911' })).toEqual(allowed('not-required', '911'));
    }
    return performance.now() - started;
  }

  function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  }

  it('911 sessions with 4 flooding clients take at most 5x their time alone (same run)', async () => {
    await sessions(5); // warm up
    const alone: number[] = [];
    const flooded: number[] = [];
    for (let round = 0; round < 5; round++) {
      alone.push(await sessions(3));
      const floods = Array.from({ length: 4 }, () => flood(running.port));
      flooded.push(await sessions(3));
      // Each flooding connection is closed by the server on its limit (it never closes itself).
      await Promise.all(floods);
    }
    const problems = running.logs.filter((line) => line.includes('more data than the limit'));
    expect(problems.length).toBe(5 * 4);
    expect(median(flooded) / median(alone)).toBeLessThanOrEqual(5);
  });

  it('closes a connection on a complete line longer than the limit', async () => {
    const socket = connect(running.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write(`agi_network: yes\nagi_x: ${'y'.repeat(10_000)}\n`);
    await bounded(
      new Promise<void>((resolve) => socket.on('close', () => resolve())),
      'the server to close the connection',
      () => socket.destroy(),
    );
    expect((await running.nextOutcome()).problem).toBe('a line longer than the limit');
  });
});

describe('FastAGI: the lockout ledger across calls (memory store)', () => {
  it('locks the trunk on the 5th miss; the next gated call hears locked-out and is hung up, no digits read', async () => {
    await close();
    await serve(locking);
    await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: THREE_MISSES });
    expect(await running.nextOutcome()).toMatchObject({ result: 'ended', attempts: 3 });
    const second = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: TWO_MISSES });
    expect(second.slice(-3)).toEqual([
      LOCKED_OUT,
      'SET VARIABLE ACCOUNT_CODES_RESULT locked-out',
      'HANGUP',
    ]);
    expectRefused(second);
    expect(await running.nextOutcome()).toMatchObject({ result: 'locked-out', attempts: 2 });
    expect(running.logs).toContainEqual(
      expect.stringMatching(/"alert":"scope-locked".*"failures":5/),
    );
    const third = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '1234' });
    expectLockedOut(third);
    expect(third).not.toContain(WAIT);
    expect(await running.nextOutcome()).toMatchObject({ result: 'locked-out', attempts: 0 });
  });

  it('still lets 911 through on the locked trunk and on an unknown one, and a domestic call', async () => {
    await close();
    await serve(locking);
    await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: THREE_MISSES });
    await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: TWO_MISSES });
    expectLockedOut(await dial({ extension: INTERNATIONAL, trunk: 'hq' }));
    expect(await dial({ extension: '911', trunk: 'hq' })).toEqual(allowed('not-required'));
    expect(await dial({ extension: '911', trunk: 'basement' })).toEqual(allowed('not-required'));
    expect(await dial({ extension: '2125551234', trunk: 'hq' })).toEqual([
      GET_TRUNK,
      ...allowed('not-required'),
    ]);
  });

  it('counts by caller id (agi_callerid) under caller scope', async () => {
    await close();
    await serve(acmeWithLockout({ maxFailures: 5, scope: 'caller' }));
    await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: THREE_MISSES, callerId: '201' });
    await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: TWO_MISSES, callerId: '201' });
    expectLockedOut(await dial({ extension: INTERNATIONAL, trunk: 'hq', callerId: '201' }));
    const other = await dial({
      extension: INTERNATIONAL,
      trunk: 'hq',
      keys: '1234',
      callerId: '202',
    });
    expect(other.slice(-4)).toEqual([
      'SET VARIABLE CDR(accountcode) 1234',
      ...allowed('connected'),
    ]);
  });
});

describe('FastAGI: a lockout ledger that fails fails closed', () => {
  it('hangs up a gated call when the ledger cannot say whether the line is locked', async () => {
    await close();
    const store = brokenStore(createMemoryLockoutStore({ clock: Date.now }), ALL_OPERATIONS);
    await serve(locking, { lockoutStore: store });
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '1234' });
    expectLockedOut(commands, 'ledger-unavailable');
    expect(await running.nextOutcome()).toMatchObject({
      result: 'ledger-unavailable',
      problem: 'the ledger is down',
    });
    expect(await dial({ extension: '911', trunk: 'hq' })).toEqual(allowed('not-required'));
  });

  it('hangs up, never allows, when admitting the look-up fails, even for a valid code', async () => {
    await close();
    await serve(locking, {
      lockoutStore: brokenStore(createMemoryLockoutStore({ clock: Date.now }), ['admit']),
    });
    const commands = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '1234' });
    expect(commands.slice(-3)).toEqual([
      LOCKED_OUT,
      'SET VARIABLE ACCOUNT_CODES_RESULT ledger-unavailable',
      'HANGUP',
    ]);
    expectRefused(commands);
    expect(commands.some((c) => c.startsWith('SET VARIABLE CDR('))).toBe(false);
  });
});

describe('FastAGI: two servers share one lockout ledger on a real redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  }, 15_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('lock the trunk together: misses on either server count, and both then hang up', async () => {
    const stores: RedisLockoutStore[] = [];
    const others: Server[] = [];
    try {
      const open = async () => {
        const opened = await openRedisLockoutStore(redis.url);
        if (!opened.ok) throw new Error(opened.error.message);
        stores.push(opened.store);
        return opened.store;
      };
      await close();
      const a = await serve(locking, { lockoutStore: await open() });
      const created = createFastAgiServer(locking, {
        lockoutStore: await open(),
        replyTimeoutMs: BOUND_MS,
      });
      if (!created.ok) throw new Error(created.message);
      const b = created.server;
      others.push(b);
      await new Promise<void>((resolve) => b.listen(0, '127.0.0.1', resolve));
      const bPort = (b.address() as { port: number }).port;
      // Calls alternate between the nodes, as Asterisk with two AGI hosts would send them.
      await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: THREE_MISSES, port: a.port });
      const second = await dial({
        extension: INTERNATIONAL,
        trunk: 'hq',
        keys: THREE_MISSES,
        port: bPort,
      });
      expect(second.slice(-2)).toEqual(['SET VARIABLE ACCOUNT_CODES_RESULT locked-out', 'HANGUP']);
      for (const port of [a.port, bPort]) {
        expectLockedOut(await dial({ extension: INTERNATIONAL, trunk: 'hq', port }));
        expect(await dial({ extension: '911', trunk: 'hq', port })).toEqual(
          allowed('not-required'),
        );
      }
    } finally {
      for (const other of others) {
        other.close();
      }
      for (const store of stores) await store.close();
    }
  });
});

describe('FastAGI: calls nobody can key (docs/rules.md#calls-nobody-can-key)', () => {
  const FORWARDED = { extension: INTERNATIONAL, trunk: 'hq', rdnis: '2125550142' };
  const GET_CARRIED = 'GET VARIABLE ACCOUNT_CODES_CARRIED_CODE';

  it('ends a forwarded international call with unattendedCalls at its default: no prompt, no digits', async () => {
    const commands = await dial(FORWARDED);
    expect(commands).toEqual([
      GET_TRUNK,
      GET_CARRIED,
      'SET VARIABLE ACCOUNT_CODES_RESULT ended',
      'HANGUP',
    ]);
    expectRefused(commands);
    expect(commands).not.toContain(ENTER);
    expect(commands).not.toContain(WAIT);
    const outcome = await running.nextOutcome();
    expect(outcome).toMatchObject({ result: 'ended', unattended: 'unattended-end', attempts: 0 });
    expect(running.logs.at(-1)).toContain('-> ended [unattended: unattended-end]');
  });

  it('connects a forwarded call tagged with the code the dialplan carried, when it is on the list', async () => {
    const commands = await dial({
      ...FORWARDED,
      answer: (command) => (command === GET_CARRIED ? '200 result=1 (2001)' : undefined),
    });
    expect(commands).toEqual([
      GET_TRUNK,
      GET_CARRIED,
      'SET VARIABLE CDR(accountcode) 2001',
      ...allowed('connected'),
    ]);
    expect(await running.nextOutcome()).toMatchObject({
      result: 'connected',
      tagged: true,
      unattended: 'carried-code',
    });
  });

  it('refuses a carried code not on the list: the setting decides, and nothing is guessed', async () => {
    const commands = await dial({
      ...FORWARDED,
      answer: (command) => (command === GET_CARRIED ? '200 result=1 (9999)' : undefined),
    });
    expectRefused(commands);
    expect((await running.nextOutcome()).result).toBe('ended');
  });

  it('connects untagged with unattendedCalls "connect" on the trunk', async () => {
    await close();
    const file = JSON.parse(readFileSync(new URL('../acme.json', import.meta.url), 'utf8'));
    file.trunks[0].customSettings = { unattendedCalls: 'connect' };
    const parsed = parseConfig(file);
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    await serve(parsed.config);
    const commands = await dial(FORWARDED);
    expect(commands).toEqual([GET_TRUNK, GET_CARRIED, ...allowed('connected-unattended')]);
    expect(await running.nextOutcome()).toMatchObject({
      result: 'connected-unattended',
      tagged: false,
    });
  });

  it('lets a forwarded 911 through before anything is read', async () => {
    const commands = await dial({ ...FORWARDED, extension: '911' });
    expect(commands).toEqual(allowed('not-required'));
  });

  it('prompts as ever when agi_rdnis is unknown or empty (not forwarded)', async () => {
    for (const rdnis of ['unknown', '']) {
      const commands = await dial({ ...FORWARDED, rdnis, keys: 'H' });
      expect(commands).toContain(ENTER);
      expect(commands).not.toContain(GET_CARRIED);
      await running.nextOutcome();
    }
  });
});

describe('FastAGI: a scoped code is judged against the call (docs/rules.md#scoped-codes)', () => {
  /** acme.json with 5555 that may authorize only premium calls on hq, within a window around now. */
  function withScopedCode(): Config {
    const file = JSON.parse(readFileSync(new URL('../acme.json', import.meta.url), 'utf8'));
    file.account.codes.push({
      code: '5555',
      name: 'Premium only',
      callTypes: ['premiumToll'],
      trunks: ['hq'],
      validFrom: '2020-01-01T00:00:00Z',
      validUntil: '2099-01-01T00:00:00Z',
    });
    const parsed = parseConfig(file);
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    return parsed.config;
  }

  it('authorizes a call it permits: a premium call on hq is tagged and allowed', async () => {
    await close();
    await serve(withScopedCode());
    const commands = await dial({ extension: '919005550100', trunk: 'hq', keys: '5555' });
    expect(commands).toContain('SET VARIABLE CDR(accountcode) 5555');
    expect(commands).toContain(ALLOW);
    expect(await running.nextOutcome()).toMatchObject({ result: 'connected', attempts: 1 });
  });

  it('is refused on a call it does not permit, exactly as a code not on the list', async () => {
    await close();
    await serve(withScopedCode());
    const scoped = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '555555555555' });
    const scopedOutcome = await running.nextOutcome();
    const unknown = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '999999999999' });
    const unknownOutcome = await running.nextOutcome();
    expect(scoped).toEqual(unknown);
    expect(scoped.filter((c) => c.startsWith('STREAM FILE'))).toEqual([
      ENTER,
      'STREAM FILE account-codes/invalid-code ""',
      'STREAM FILE account-codes/invalid-code ""',
      'STREAM FILE account-codes/max-retries ""',
    ]);
    expectRefused(scoped);
    expect(scopedOutcome).toMatchObject({ result: 'ended', attempts: 3 });
    expect(unknownOutcome).toMatchObject({ result: 'ended', attempts: 3 });
  });
});

describe('FastAGI: CDR records that report reads (docs/integration.md, issue 27)', () => {
  const CDR_SET = 'SET VARIABLE ACCOUNT_CODES_CDR ';

  /** The record so far the session left in ACCOUNT_CODES_CDR, after the allow flag. */
  function handedOver(commands: readonly string[]): string {
    const set = commands.find((c) => c.startsWith(CDR_SET));
    if (set === undefined) throw new Error(`no ${CDR_SET}in ${commands.join(' | ')}`);
    expect(commands.indexOf(set)).toBeGreaterThan(commands.indexOf(ALLOW));
    return set.slice(CDR_SET.length);
  }

  /** The uniqueid a sealed record names: its body is base64url JSON, before the dot and the MAC. */
  function sealedFor(token: string): string {
    return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'))
      .uniqueId;
  }

  /** Asterisk's hangup handler: `AGI(agi://…/account-codes/end,${DIALSTATUS},${CDR(billsec)},${ACCOUNT_CODES_CDR})`. */
  function callEnds(
    token: string,
    status: string,
    billsec: number,
    uniqueId: string = sealedFor(token),
  ): Promise<string[]> {
    const lines = [
      'agi_network: yes',
      'agi_network_script: account-codes/end',
      'agi_request: agi://127.0.0.1/account-codes/end',
      'agi_channel: PJSIP/alice-00000001',
      `agi_uniqueid: ${uniqueId}`,
      'agi_callerid: 201',
      'agi_extension: h',
      `agi_arg_1: ${status}`,
      `agi_arg_2: ${billsec}`,
      `agi_arg_3: ${token}`,
    ];
    const socket = connect(running.port, '127.0.0.1');
    socket.setEncoding('utf8');
    const commands: string[] = [];
    socket.on('data', (chunk: string) => commands.push(...chunk.split('\n').filter(Boolean)));
    socket.write(`${lines.join('\n')}\n\n`);
    return bounded(
      new Promise<string[]>((resolve, reject) => {
        socket.on('close', () => resolve(commands));
        socket.on('error', reject);
      }),
      'the call-end session',
      () => socket.destroy(),
    );
  }

  it('writes one record per call, and report counts and bills them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fastagi-cdr-'));
    const file = join(dir, 'records.jsonl');
    try {
      await close();
      await serve(config, { cdr: file });
      const tagged = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '1234' });
      expect(await callEnds(handedOver(tagged), 'ANSWER', 42)).toEqual([]);
      const domestic = await dial({ extension: '92125551234', trunk: 'hq' });
      expect(await callEnds(handedOver(domestic), 'ANSWER', 30)).toEqual([]);
      const busy = await dial({ extension: '92125559876', trunk: 'hq' });
      await callEnds(handedOver(busy), 'BUSY', 0);
      // An emergency call's record is written at once: its Dial waits on nothing more.
      const emergency = await dial({ extension: '911', trunk: 'hq' });
      expect(emergency.some((c) => c.startsWith(CDR_SET))).toBe(false);
      expect(emergency.at(-1)).toBe(ALLOW);
      const wrong = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '999988887777' });
      expectRefused(wrong);
      await bounded(
        (async () => {
          while (!existsSync(file) || readFileSync(file, 'utf8').split('\n').length < 6)
            await new Promise((resolve) => setTimeout(resolve, 5));
        })(),
        'five records',
      );
      const records = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(records).toHaveLength(5);
      expect(records).toContainEqual(
        expect.objectContaining({
          trunk: 'hq',
          dialed: INTERNATIONAL,
          caller: '201',
          answered: true,
          billableSeconds: 42,
          gated: true,
          entry: { accountCode: '1234', validated: true, attempts: 1, outcome: 'connected' },
        }),
      );
      expect(records).toContainEqual(
        expect.objectContaining({
          dialed: '92125551234',
          gated: false,
          midCall: null,
          answered: true,
        }),
      );
      expect(records).toContainEqual(
        expect.objectContaining({ dialed: '911', answered: false, billableSeconds: 0 }),
      );
      expect(records).toContainEqual(
        expect.objectContaining({
          gated: true,
          answered: false,
          entry: expect.objectContaining({ outcome: 'ended' }),
        }),
      );

      const run = await cli([
        'report',
        'examples/acme.json',
        '--cdr',
        file,
        '--by',
        'code',
        '--format',
        'json',
      ]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.rows).toContainEqual(
        expect.objectContaining({ key: '1234', calls: 1, answered: 1, billableSeconds: 42 }),
      );
      expect(report.total).toMatchObject({ calls: 5, answered: 2, billableSeconds: 72 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a writer that fails is reported, and the emergency call is still allowed', async () => {
    const problems: string[] = [];
    await close();
    await serve(config, {
      cdr: () => {
        throw new Error('disk full');
      },
      onCdrError: (message) => problems.push(message),
    });
    const emergency = await dial({ extension: '911', trunk: 'hq' });
    expect(emergency.slice(-3)).toEqual(allowed('not-required', '911'));
    expect(problems).toEqual(['call record not written: disk full']);
  });

  it('refuses a record that is not the call-end session’s own channel', async () => {
    const problems: string[] = [];
    await close();
    const written: unknown[] = [];
    await serve(config, {
      cdr: (record) => {
        written.push(record);
      },
      onCdrError: (message) => problems.push(message),
    });
    const domestic = await dial({ extension: '92125551234', trunk: 'hq' });
    // Another channel's hangup handler, handed this call's record.
    await callEnds(handedOver(domestic), 'ANSWER', 10, 'another.1');
    await bounded(
      (async () => {
        while (problems.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      })(),
      'the refusal',
    );
    expect(problems[0]).toMatch(/does not hold this call's record/);
    expect(written).toEqual([]);
  });

  /** A server writing records to `written` and reporting refusals to `problems`. */
  async function recording(
    extra: Partial<FastAgiServerOptions> = {},
  ): Promise<{ written: unknown[]; problems: string[] }> {
    const written: unknown[] = [];
    const problems: string[] = [];
    await close();
    await serve(config, {
      cdr: (record) => {
        written.push(record);
      },
      onCdrError: (message) => problems.push(message),
      ...extra,
    });
    return { written, problems };
  }

  /** A record anyone reaching the port could make up: someone else's line, a validated code, a day billed. */
  const madeUp = {
    callId: 'forged.1',
    start: '2026-12-07T10:00:00.000Z',
    trunk: 'hq',
    dialed: INTERNATIONAL,
    caller: '202',
    gated: true,
    entry: { accountCode: '1234', validated: true, attempts: 1, outcome: 'connected' },
  };

  it('an unsigned record (base64url JSON) writes nothing, and is reported', async () => {
    const { written, problems } = await recording();
    const token = Buffer.from(JSON.stringify(madeUp)).toString('base64url');
    expect(await callEnds(token, 'ANSWER', 86_400, 'forged.1')).toEqual([]);
    expect(await running.nextOutcome()).toMatchObject({ result: 'error', uniqueId: 'forged.1' });
    expect(written).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/is not a sealed call record/)]);
  });

  it('a sealed record altered, moved to another call, or with a made-up MAC writes nothing', async () => {
    const { written, problems } = await recording();
    const domestic = await dial({ extension: '92125551234', trunk: 'hq' });
    const { uniqueId } = await running.nextOutcome();
    const [body = '', mac = ''] = handedOver(domestic).split('.');
    const sealed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const reseal = (value: unknown, withMac: string) =>
      `${Buffer.from(JSON.stringify(value)).toString('base64url')}.${withMac}`;
    const { midCall: _, ...draft } = sealed.draft;
    // Gated and validated, under the real MAC.
    const altered = reseal({ ...sealed, draft: { ...draft, ...madeUp, callId: uniqueId } }, mac);
    // The same record bound to another uniqueid, under the real MAC.
    const moved = reseal(
      { ...sealed, uniqueId: 'other.1', draft: { ...draft, callId: 'other.1' } },
      mac,
    );
    // A MAC of the right length that this server never made.
    const guessed = reseal(sealed, 'A'.repeat(mac.length));
    for (const [token, id] of [
      [altered, uniqueId],
      [moved, 'other.1'],
      [guessed, uniqueId],
    ] as const) {
      await callEnds(token, 'ANSWER', 86_400, id);
      expect(await running.nextOutcome()).toMatchObject({ result: 'error', uniqueId: id });
    }
    expect(written).toEqual([]);
    expect(problems).toEqual(
      Array.from({ length: 3 }, () => expect.stringMatching(/has a seal that does not match/)),
    );
  });

  it('a record presented again (a captured token replayed) writes no second row', async () => {
    const { written, problems } = await recording();
    const tagged = await dial({ extension: INTERNATIONAL, trunk: 'hq', keys: '1234' });
    const { uniqueId } = await running.nextOutcome();
    const token = handedOver(tagged);
    await callEnds(token, 'ANSWER', 42);
    expect(await running.nextOutcome()).toMatchObject({ result: 'recorded', uniqueId });
    await callEnds(token, 'ANSWER', 86_400);
    expect(await running.nextOutcome()).toMatchObject({ result: 'error', uniqueId });
    expect(written).toEqual([expect.objectContaining({ callId: uniqueId, billableSeconds: 42 })]);
    expect(problems).toEqual([expect.stringMatching(/already recorded/)]);
  });

  it('nodes that share cdrKey open each other’s records; another key is refused', async () => {
    const key = 'a shared secret for the cdr seal';
    await recording({ cdrKey: key });
    const first = handedOver(await dial({ extension: '92125551234', trunk: 'hq' }));
    const second = handedOver(await dial({ extension: '92125559876', trunk: 'hq' }));
    const sibling = await recording({ cdrKey: key });
    await callEnds(first, 'ANSWER', 30);
    expect(await running.nextOutcome()).toMatchObject({ result: 'recorded' });
    const stranger = await recording({ cdrKey: 'another secret, another node' });
    await callEnds(second, 'ANSWER', 30);
    expect(await running.nextOutcome()).toMatchObject({ result: 'error' });
    expect(sibling.written).toHaveLength(1);
    expect(stranger.written).toEqual([]);
    expect(stranger.problems).toEqual([expect.stringMatching(/has a seal that does not match/)]);
    expect(createFastAgiServer(config, { cdrKey: 'short' })).toEqual({
      ok: false,
      message: 'cdrKey must be at least 16 characters (got 5)',
    });
  });

  it('an onCdrError that throws stops neither the server nor the next 911 call', async () => {
    await recording({
      onCdrError: () => {
        throw new Error('alerting is down');
      },
    });
    await callEnds('not-a-record', 'ANSWER', 30, 'stray.1');
    expect(await running.nextOutcome()).toMatchObject({ result: 'error', uniqueId: 'stray.1' });
    // The record cannot be handed to the dialplan: reported, and the reporter throws again.
    const domestic = await dial({
      extension: '92125551234',
      trunk: 'hq',
      answer: (c) => (c.startsWith('SET VARIABLE ACCOUNT_CODES_CDR ') ? '510 no' : undefined),
    });
    expect(domestic).toContain(ALLOW);
    expect(await running.nextOutcome()).toMatchObject({ result: 'not-required' });
    const emergency = await dial({ extension: '911', trunk: 'hq' });
    expect(emergency).toEqual(allowed('not-required', '911'));
    expect(await running.nextOutcome()).toMatchObject({ result: 'not-required', emergency: true });
  });

  it('the hangup handler of an emergency call (no record left) writes and reports nothing', async () => {
    const { written, problems } = await recording();
    // 9911: an emergency number the AGI recognised; its record is written at once.
    const emergency = await dial({ extension: '9911', trunk: 'hq' });
    expect(emergency.at(-1)).toBe(ALLOW);
    const { uniqueId } = await running.nextOutcome();
    expect(written).toHaveLength(1);
    expect(await callEnds('', 'ANSWER', 30, uniqueId)).toEqual([]);
    expect(await running.nextOutcome()).toMatchObject({ result: 'no-record', uniqueId });
    expect(written).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
