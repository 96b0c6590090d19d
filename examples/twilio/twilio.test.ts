/**
 * The Twilio example against Twilio's side as its documentation describes it,
 * over real HTTP on 127.0.0.1: every request is signed with the helper's own
 * `getExpectedTwilioSignature`, every answer is parsed as XML and followed
 * verb by verb — `<Gather>` posts `Digits` (without the `finishOnKey`) and
 * `FinishedOnKey` to its action, or, with no keys at all, falls through to the
 * next verb (`<Redirect>`); `<Dial>` connects; `<Hangup>` ends.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Config,
  createMemoryLockoutStore,
  type LockoutAlert,
  type LockoutStore,
  parseConfig,
  promptText,
} from 'account-codes';
import { openRedisLockoutStore, type RedisLockoutStore } from 'account-codes/redis';
import { XMLParser } from 'fast-xml-parser';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../test/support/cli.js';
import { ALL_OPERATIONS, acmeWithLockout, brokenStore } from '../../test/support/lockout-stores.js';
import { type RedisServer, startRedisServer } from '../../test/support/redis-server.js';
import { createTwilioApp, type TwilioAppOptions, type TwilioCallRecord } from './app.js';
import { type CallLedger, createMemoryCallLedger } from './call-ledger.js';
import { createTwilioServer, type TwilioServerOptions } from './http.js';
import { sipDomain, userPart } from './request.js';

const acme = parseConfig(
  JSON.parse(readFileSync(new URL('../acme.json', import.meta.url), 'utf8')),
);
if (!acme.ok) throw new Error('examples/acme.json must be valid');
const config: Config = acme.config;

const LOCKOUT = { maxFailures: 5, windowMinutes: 30, unlockAfterMinutes: 30 };
const locking = acmeWithLockout(LOCKOUT);

const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
/** What Twilio calls; the test reaches it on 127.0.0.1, as behind a TLS proxy. */
const PUBLIC_URL = 'https://codes.example.test';
const DOMAIN = 'acme.sip.twilio.com';
const INTERNATIONAL = `sip:011442079460000@${DOMAIN}`;
const CALLER = `sip:201@${DOMAIN}`;
/** Bounds every wait so a broken server fails the test instead of hanging it. */
const BOUND_MS = 5_000;
/** What a measured time limit may overrun by on a loaded machine (timers, loopback, GC). */
const SLACK_MS = 1_000;

/** `promise`, or a failure after BOUND_MS. */
function bounded<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('gave up waiting')), BOUND_MS).unref(),
    ),
  ]);
}

interface Running {
  readonly port: number;
  readonly records: TwilioCallRecord[];
  readonly ledger: CallLedger;
  clock: number;
  readonly server: Server;
}
let running: Running;

async function start(
  app: Partial<TwilioAppOptions> = {},
  http: TwilioServerOptions = {},
): Promise<Running> {
  const records: TwilioCallRecord[] = [];
  const ledger = app.ledger ?? createMemoryCallLedger();
  const state = { clock: Date.UTC(2026, 11, 1, 21, 0) };
  const created = createTwilioApp({
    config,
    authToken: AUTH_TOKEN,
    publicUrl: PUBLIC_URL,
    trunks: { [DOMAIN]: 'hq', 'lab.sip.twilio.com': 'lab' },
    ledger,
    onRecord: (record) => records.push(record),
    now: () => state.clock,
    ...app,
  });
  if (!created.ok) throw new Error(created.message);
  const server = createTwilioServer(created.handle, http);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const r: Running = {
    port,
    records,
    ledger,
    server,
    get clock() {
      return state.clock;
    },
    set clock(value: number) {
      state.clock = value;
    },
  };
  return r;
}

beforeEach(async () => {
  running = await start();
});
afterEach(() => stop(running));

async function stop(r: Running): Promise<void> {
  r.server.closeAllConnections();
  await new Promise<void>((resolve) => r.server.close(() => resolve()));
}

/** Replaces the running server with one built with other app options. */
async function restart(app: Partial<TwilioAppOptions>): Promise<void> {
  await stop(running);
  running = await start(app);
}

// ---- Twilio's side -------------------------------------------------------

/** One TwiML verb: its name, attributes, text and nested verbs. */
interface Verb {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly Verb[];
}

const xml = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
});

type Node = Record<string, unknown>;

function toVerbs(nodes: readonly Node[]): Verb[] {
  const verbs: Verb[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (name === undefined) continue;
    const inner = node[name] as Node[];
    verbs.push({
      name,
      attrs: (node[':@'] ?? {}) as Record<string, string>,
      text: inner.map((n) => (typeof n['#text'] === 'string' ? n['#text'] : '')).join(''),
      children: toVerbs(inner),
    });
  }
  return verbs;
}

/** The verbs of a TwiML document, parsed as XML. */
function twiml(body: string): Verb[] {
  const root = toVerbs(xml.parse(body) as Node[]).find((v) => v.name === 'Response');
  if (root === undefined) throw new Error(`not TwiML: ${body}`);
  return [...root.children];
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly verbs: Verb[];
}

/** POSTs form params as Twilio does, signed (or with `signature` forced). */
function post(
  url: string,
  params: Record<string, string>,
  signature: string | null = getExpectedTwilioSignature(AUTH_TOKEN, url, params),
  port = running.port,
): Promise<Answer> {
  return postBody(url, new URLSearchParams(params).toString(), signature, port);
}

/** POSTs a raw form body, signed over the parameters as the server reads them (the last of a name wins). */
async function postBody(
  url: string,
  body: string,
  signature: string | null = getExpectedTwilioSignature(
    AUTH_TOKEN,
    url,
    Object.fromEntries(new URLSearchParams(body)),
  ),
  port = running.port,
): Promise<Answer> {
  const target = new URL(url);
  const response = await fetch(`http://127.0.0.1:${port}${target.pathname}${target.search}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    body,
    signal: AbortSignal.timeout(BOUND_MS),
  });
  const text = await response.text();
  const isXml = (response.headers.get('content-type') ?? '').startsWith('text/xml');
  return { status: response.status, body: text, verbs: isXml ? twiml(text) : [] };
}

let sids = 0;
function newCallSid(): string {
  sids += 1;
  return `CA${sids.toString(16).padStart(32, '0')}`;
}

/**
 * One call as Twilio runs it: the Voice URL, then each document followed
 * verb by verb with what the caller keys at each Gather.
 */
class Call {
  readonly callSid = newCallSid();
  /** The current document. */
  verbs: Verb[] = [];
  /** Every document, in order. */
  readonly documents: Verb[][] = [];

  constructor(
    readonly to: string,
    readonly from = CALLER,
    /** The instance Twilio reaches (several share one lockout ledger); default the running one. */
    readonly port?: number,
  ) {}

  async start(): Promise<this> {
    const answer = await this.post(`${PUBLIC_URL}/voice`, { To: this.to, From: this.from });
    expect(answer.status).toBe(200);
    this.show(answer.verbs);
    return this;
  }

  params(extra: Record<string, string>): Record<string, string> {
    return {
      AccountSid: `AC${'0'.repeat(32)}`,
      CallSid: this.callSid,
      CallStatus: 'in-progress',
      Direction: 'inbound',
      ...extra,
    };
  }

  /** A signed request of this call to its instance. */
  post(url: string, extra: Record<string, string>): Promise<Answer> {
    const params = this.params(extra);
    return post(url, params, getExpectedTwilioSignature(AUTH_TOKEN, url, params), this.port);
  }

  show(verbs: Verb[]): void {
    this.verbs = verbs;
    this.documents.push(verbs);
  }

  get gather(): Verb {
    const gather = this.verbs.find((v) => v.name === 'Gather');
    if (gather === undefined) throw new Error(`no Gather in ${JSON.stringify(this.verbs)}`);
    return gather;
  }

  /**
   * The caller keys `keys` at the current Gather (`#` ends it early), then
   * stays silent. Twilio posts `Digits` (without `#`) to the action when keys
   * came, else runs the next verb (the Redirect).
   */
  async key(keys: string): Promise<Answer> {
    const gather = this.gather;
    expect(gather.attrs.input).toBe('dtmf');
    expect(gather.attrs.finishOnKey).toBe('#');
    const numDigits = Number(gather.attrs.numDigits);
    const hash = keys.indexOf('#');
    const typed = hash === -1 ? keys : keys.slice(0, hash);
    const digits = typed.slice(0, numDigits);
    const finishedOnKey = hash !== -1 && typed.length < numDigits ? '#' : '';
    if (digits === '') return this.silence();
    const answer = await this.post(gather.attrs.action as string, {
      Digits: digits,
      FinishedOnKey: finishedOnKey,
    });
    this.show(answer.verbs);
    return answer;
  }

  /** No keys: Twilio falls through to the verb after the Gather. */
  async silence(): Promise<Answer> {
    const index = this.verbs.findIndex((v) => v.name === 'Gather');
    const next = this.verbs[index + 1];
    expect(next?.name).toBe('Redirect');
    const answer = await this.post((next as Verb).text, {});
    this.show(answer.verbs);
    return answer;
  }

  /** The call's status callback after the caller hung up. */
  async hangUp(): Promise<Answer> {
    return post(
      `${PUBLIC_URL}/status`,
      this.params({ CallStatus: 'completed', CallDuration: '7' }),
    );
  }

  /** What the prompts said in the current document (inside the Gather too). */
  get said(): string[] {
    const flat = (verbs: readonly Verb[]): Verb[] => verbs.flatMap((v) => [v, ...flat(v.children)]);
    return flat(this.verbs)
      .filter((v) => v.name === 'Say' || v.name === 'Play')
      .map((v) => v.text);
  }

  get names(): string[] {
    return this.verbs.map((v) => v.name);
  }
}

/** The `<Dial>` of a document: the number, or the `<Sip>` URI. */
function dialed(verbs: readonly Verb[]): string | undefined {
  const dial = verbs.find((v) => v.name === 'Dial');
  if (dial === undefined) return undefined;
  return dial.children.find((c) => c.name === 'Sip')?.text ?? dial.text;
}

function lookupsOn(call: Call): number {
  return running.ledger.get(call.callSid, running.clock)?.lookups ?? 0;
}

// ---- The calls -------------------------------------------------------------

describe('Twilio: calls that need no code', () => {
  it('dials a domestic call at once', async () => {
    const call = await new Call(`sip:2125551234@${DOMAIN}`).start();
    expect(call.names).toEqual(['Dial']);
    expect(dialed(call.verbs)).toBe('+12125551234');
    expect(running.records).toMatchObject([
      { outcome: 'not-required', trunk: 'hq', caller: '201' },
    ]);
  });

  it.each([
    [
      'on an unknown SIP domain',
      'sip:911@nowhere.sip.twilio.com',
      'sip:201@nowhere.sip.twilio.com',
    ],
    ['with no trunk at all (tel: URI)', 'tel:911', '+12125550123'],
    ['with parameters on the URI', `sip:911;phone-context=+1@${DOMAIN};user=phone`, CALLER],
    ['with the outside-line prefix', `sip:9911@${DOMAIN}`, CALLER],
  ])('dials an emergency call at once %s', async (_, to, from) => {
    const call = await new Call(to, from).start();
    expect(call.names).toEqual(['Dial']);
    expect(dialed(call.verbs)).toBe('911');
    expect(running.records).toMatchObject([{ outcome: 'not-required', emergency: true }]);
  });

  it('dials an extension back into the SIP domain with <Sip>', async () => {
    const call = await new Call(`sip:202@${DOMAIN}`).start();
    expect(dialed(call.verbs)).toBe(`sip:202@${DOMAIN}`);
  });
});

describe('Twilio: code entry, followed verb by verb', () => {
  it('prompts with <Gather> and a <Redirect> for no input, then dials on a valid code', async () => {
    const call = await new Call(INTERNATIONAL).start();
    expect(call.names).toEqual(['Gather', 'Redirect']);
    expect(call.gather.attrs).toMatchObject({
      input: 'dtmf',
      numDigits: '4',
      finishOnKey: '#',
      timeout: '5',
      method: 'POST',
    });
    expect(call.gather.attrs.action).toMatch(/^https:\/\/codes\.example\.test\/gather\?state=/);
    expect(call.said).toEqual(['Please enter a valid account code.']);
    const answer = await call.key('1234');
    expect(answer.verbs.map((v) => v.name)).toEqual(['Dial']);
    expect(dialed(answer.verbs)).toBe('+442079460000');
    expect(running.records).toMatchObject([
      {
        callSid: call.callSid,
        accountCode: '1234',
        validated: true,
        attempts: 1,
        outcome: 'connected',
      },
    ]);
  });

  it('plays a recording with <Play> when a prompt URL is configured', async () => {
    await restart({
      promptUrls: { 'enter-code': 'https://cdn.example.test/enter-code.mp3' },
    });
    const call = await new Call(INTERNATIONAL).start();
    expect(call.gather.children).toMatchObject([
      { name: 'Play', text: 'https://cdn.example.test/enter-code.mp3' },
    ]);
  });

  it('hangs up after three wrong codes, with three look-ups', async () => {
    const call = await new Call(INTERNATIONAL).start();
    await call.key('9999');
    expect(call.said).toEqual(['Invalid entry. Please enter a 4-digit account code.']);
    await call.key('8888');
    const last = await call.key('7777');
    expect(last.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(call.said).toEqual(['You have reached the maximum number of attempts.']);
    expect(lookupsOn(call)).toBe(3);
    expect(running.records).toMatchObject([{ accountCode: null, attempts: 3, outcome: 'ended' }]);
  });

  it('counts silence (the Redirect) as a timeout: a wrong-length attempt', async () => {
    const call = await new Call(INTERNATIONAL).start();
    await call.silence();
    expect(call.said).toEqual([
      'Account codes must be 4 digits. Please re-enter your 4-digit account code.',
    ]);
    await call.key('1234');
    expect(dialed(call.verbs)).toBe('+442079460000');
    expect(running.records).toMatchObject([{ attempts: 2, outcome: 'connected' }]);
  });

  it('submits early on # (FinishedOnKey) and on a pause after some keys', async () => {
    const call = await new Call(INTERNATIONAL).start();
    await call.key('12#');
    expect(call.said[0]).toMatch(/must be 4 digits/);
    await call.key('12'); // then silence: Twilio posts Digits=12 with no FinishedOnKey
    expect(call.said[0]).toMatch(/must be 4 digits/);
    await call.key('#'); // # alone: Twilio does not post; the Redirect runs
    expect(call.names).toEqual(['Say', 'Hangup']);
    expect(lookupsOn(call)).toBe(0);
    expect(running.records).toMatchObject([{ attempts: 3, outcome: 'ended' }]);
  });

  it('lets * clear the digits: the next Gather asks only for the rest', async () => {
    const call = await new Call(INTERNATIONAL).start();
    await call.key('9*12');
    expect(call.gather.attrs.numDigits).toBe('2');
    await call.key('34');
    expect(dialed(call.verbs)).toBe('+442079460000');
  });

  it('records a caller who hangs up mid-entry as abandoned (status callback)', async () => {
    const call = await new Call(INTERNATIONAL).start();
    await call.key('9999');
    const action = call.gather.attrs.action as string;
    expect((await call.hangUp()).status).toBe(200);
    expect(running.records).toMatchObject([
      { callSid: call.callSid, attempts: 1, outcome: 'abandoned' },
    ]);
    // The state the call last had is dead now.
    const late = await post(action, call.params({ Digits: '1234' }));
    expect(late.verbs.map((v) => v.name)).toEqual(['Hangup']);
    expect(running.records).toHaveLength(1);
  });

  it('fails closed on a trunk the configuration does not know', async () => {
    const call = await new Call(
      'sip:011442079460000@nowhere.sip.twilio.com',
      'sip:201@nowhere.sip.twilio.com',
    ).start();
    expect(call.names).toEqual(['Hangup']);
    expect(running.records).toMatchObject([
      { outcome: 'refused', problem: 'no trunk maps to this call' },
    ]);
  });

  it('fails closed on an undialable To', async () => {
    const call = await new Call(`sip:alice@${DOMAIN}`).start();
    expect(call.names).toEqual(['Hangup']);
  });
});

describe('Twilio: requests that must change nothing', () => {
  it('answers 403 to a forged signature, and the call goes on untouched', async () => {
    const call = await new Call(INTERNATIONAL).start();
    const action = call.gather.attrs.action as string;
    const forged = getExpectedTwilioSignature(
      'not-the-token-at-all-000000',
      action,
      call.params({ Digits: '1234' }),
    );
    const refused = await post(action, call.params({ Digits: '1234' }), forged);
    expect(refused).toMatchObject({ status: 403, body: 'Forbidden' });
    expect(lookupsOn(call)).toBe(0);
    expect(running.records).toEqual([]);
    // Twilio's own request for the same step still works.
    await call.key('1234');
    expect(dialed(call.verbs)).toBe('+442079460000');
  });

  it('answers 403 to a valid signature over other parameters (Digits changed in flight)', async () => {
    const call = await new Call(INTERNATIONAL).start();
    const action = call.gather.attrs.action as string;
    const signature = getExpectedTwilioSignature(
      AUTH_TOKEN,
      action,
      call.params({ Digits: '9999' }),
    );
    expect((await post(action, call.params({ Digits: '1234' }), signature)).status).toBe(403);
    expect(lookupsOn(call)).toBe(0);
  });

  it('refuses a state replayed under another CallSid', async () => {
    const victim = await new Call(INTERNATIONAL).start();
    const other = await new Call(INTERNATIONAL).start();
    const stolen = victim.gather.attrs.action as string;
    const replay = await post(stolen, other.params({ Digits: '1234' }));
    expect(replay.verbs.map((v) => v.name)).toEqual(['Hangup']);
    expect(lookupsOn(victim) + lookupsOn(other)).toBe(0);
    expect(running.records).toEqual([]);
  });

  it('refuses an expired state', async () => {
    const call = await new Call(INTERNATIONAL).start();
    running.clock += 10 * 60_000 + 1;
    const answer = await call.key('1234');
    expect(answer.verbs.map((v) => v.name)).toEqual(['Hangup']);
    expect(running.records).toEqual([]);
  });

  it('refuses a second Voice request for one CallSid: code entry cannot restart', async () => {
    const call = await new Call(INTERNATIONAL).start();
    await call.key('9999');
    const again = await post(`${PUBLIC_URL}/voice`, call.params({ To: call.to, From: call.from }));
    expect(again.verbs.map((v) => v.name)).toEqual(['Hangup']);
  });

  it('answers 413 to an oversized body, before reading it', async () => {
    const params = {
      CallSid: newCallSid(),
      To: INTERNATIONAL,
      From: CALLER,
      Padding: 'x'.repeat(20_000),
    };
    const answer = await post(`${PUBLIC_URL}/voice`, params);
    expect(answer.status).toBe(413);
    expect(running.records).toEqual([]);
  });

  it('answers 405 to anything but POST', async () => {
    const response = await fetch(`http://127.0.0.1:${running.port}/voice`, {
      signal: AbortSignal.timeout(BOUND_MS),
    });
    expect(response.status).toBe(405);
  });

  it('learns nothing from 1,000 unsigned or wrongly signed guesses: all 403, all alike', async () => {
    const call = await new Call(INTERNATIONAL).start();
    const action = call.gather.attrs.action as string;
    const bodies = new Set<string>();
    const statuses = new Set<number>();
    for (let batch = 0; batch < 1_000; batch += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const guess = String(batch + i).padStart(4, '0');
          const params = call.params({ Digits: guess });
          // Half unsigned, half signed with a wrong token.
          const signature =
            i % 2 === 0
              ? null
              : getExpectedTwilioSignature(`wrong-${guess}-token-000000`, action, params);
          return post(action, params, signature);
        }),
      );
      for (const answer of answers) {
        statuses.add(answer.status);
        bodies.add(answer.body);
      }
    }
    expect([...statuses]).toEqual([403]);
    expect([...bodies]).toEqual(['Forbidden']);
    expect(lookupsOn(call)).toBe(0);
    expect(running.records).toEqual([]);
  });

  it('performs at most maxRetries look-ups on one call, however the signed states are replayed', async () => {
    // The worst case: someone holding the auth token replays every state the
    // server ever issued for this call, with every guess from 0000 to 0999
    // and then the valid 1234.
    const call = await new Call(INTERNATIONAL).start();
    const issued = [call.gather.attrs.action as string];
    const guesses = [
      ...Array.from({ length: 1_000 }, (_, i) => String(i).padStart(4, '0')),
      '1234',
    ];
    let dials = 0;
    for (const guess of guesses) {
      // Every other guess goes to the very first state (no attempts spent yet), the rest to the newest.
      const state = (Number(guess) % 2 === 0 ? issued[0] : issued.at(-1)) as string;
      const answer = await post(state, call.params({ Digits: guess }));
      if (dialed(answer.verbs) !== undefined) dials += 1;
      const next = answer.verbs.find((v) => v.name === 'Gather');
      if (next !== undefined) issued.push(next.attrs.action as string);
    }
    expect(lookupsOn(call)).toBeLessThanOrEqual(config.account.maxRetries);
    expect(lookupsOn(call)).toBe(3);
    expect(dials).toBe(0);
    // 0420 is valid, but by then the call had used its three look-ups.
    expect(running.records).toMatchObject([{ outcome: 'ended', attempts: 3 }]);
  });
});

describe('Twilio: request parsing', () => {
  it.each([
    ['sip:011442079460000@acme.sip.twilio.com', '011442079460000', 'acme.sip.twilio.com'],
    ['sips:201@ACME.sip.twilio.com:5061;transport=tls', '201', 'acme.sip.twilio.com'],
    ['sip:%2B442079460000@acme.sip.twilio.com', '+442079460000', 'acme.sip.twilio.com'],
    ['sip:+1911;phone-context=+1@carrier;user=phone', '+1911', 'carrier'],
    ['tel:911;phone-context=+1', '911', undefined],
    [' +12125551234 ', '+12125551234', undefined],
  ])('reads %s', (value, user, domain) => {
    expect(userPart(value)).toBe(user);
    expect(sipDomain(value)).toBe(domain);
  });
});

describe('Twilio: malformed form bodies never connect a code-gated call', () => {
  /** A body for the current Gather of `call`, `Digits` and all, as raw text. */
  const bodies = (call: Call): [string, string][] => {
    const base = new URLSearchParams(call.params({})).toString();
    return [
      ['fullwidth digits', `${base}&Digits=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94`],
      ['Arabic-Indic digits', `${base}&Digits=%D9%A1%D9%A2%D9%A3%D9%A4`],
      ['a broken escape', `${base}&Digits=%E0%A4%A`],
      ['a NUL among the keys', `${base}&Digits=12%003`],
      ['no Digits at all', base],
      ['a valid code, then another Digits (the last wins)', `${base}&Digits=1234&Digits=9999`],
      ['a code past numDigits', `${base}&Digits=99991234`],
      ['no CallSid', 'Digits=1234'],
      ['JSON instead of a form', JSON.stringify({ CallSid: call.callSid, Digits: '1234' })],
      ['a CallSid of another call', `${base.replace(/CA[0-9a-f]{32}/, newCallSid())}&Digits=1234`],
    ];
  };

  it('each answers a Gather, a Hangup or a 4xx: never a Dial', async () => {
    const probe = await new Call(INTERNATIONAL).start();
    for (const [what, body] of bodies(probe)) {
      // A fresh call per body: each body is the caller's first entry.
      const call = await new Call(INTERNATIONAL).start();
      const own = body.replaceAll(probe.callSid, call.callSid);
      const answer = await postBody(call.gather.attrs.action as string, own);
      expect(dialed(answer.verbs), what).toBeUndefined();
      expect([200, 400]).toContain(answer.status);
      if (answer.status === 200)
        expect(['Gather', 'Hangup', 'Say']).toContain(answer.verbs[0]?.name);
    }
    expect(running.records.filter((r) => r.outcome === 'connected')).toEqual([]);
  });
});

describe('Twilio: slow and abandoned clients', () => {
  /** Runs `test` against a server of its own with `http` limits, and stops it. */
  async function withServer(
    http: TwilioServerOptions,
    test: (limited: Running) => Promise<void>,
  ): Promise<void> {
    const limited = await start({}, http);
    try {
      await test(limited);
    } finally {
      limited.server.closeAllConnections();
      await new Promise<void>((resolve) => limited.server.close(() => resolve()));
    }
  }

  /** Opens a raw TCP connection that sends `text`, then nothing; resolves with ms until the server closed it. */
  function slowClient(port: number, text: string): Promise<number> {
    const opened = Date.now();
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('data', () => {});
    socket.write(text);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('the server kept a slow client open'));
      }, BOUND_MS);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(Date.now() - opened);
      });
    });
  }

  it('closes a client that never finishes its headers, within headersTimeout + the check interval', async () => {
    await withServer(
      { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 100 },
      async (limited) => {
        const elapsed = await slowClient(limited.port, 'POST /voice HTTP/1.1\r\nHost: x\r\n');
        expect(elapsed).toBeGreaterThanOrEqual(250);
        expect(elapsed).toBeLessThan(300 + 100 + 1_000);
      },
    );
  });

  it('closes a client that never finishes its body, within requestTimeout + the check interval', async () => {
    await withServer(
      { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 100 },
      async (limited) => {
        const elapsed = await slowClient(
          limited.port,
          'POST /voice HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nCallSid=',
        );
        expect(elapsed).toBeGreaterThanOrEqual(550);
        expect(elapsed).toBeLessThan(600 + 100 + 1_000);
      },
    );
  });

  it('closes an idle kept-alive connection after keepAliveTimeout + 1 s', async () => {
    await withServer({ keepAliveTimeoutMs: 300, timeoutCheckIntervalMs: 100 }, async (limited) => {
      const socket = connect(limited.port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write('GET /voice HTTP/1.1\r\nHost: x\r\n\r\n');
      const answered = await bounded(
        new Promise<number>((resolve) => socket.once('data', () => resolve(Date.now()))),
      );
      const closed = await bounded(
        new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now()))),
      );
      // Node's http server adds 1 s of grace to keepAliveTimeout (http.ts says so).
      expect(closed - answered).toBeGreaterThanOrEqual(300 + 1_000 - 50);
      expect(closed - answered).toBeLessThan(300 + 1_000 + SLACK_MS);
    });
  });

  it('a caller who abandons mid-Gather: a body cut short of its Content-Length is never acted upon, even a whole signed form with a valid code', async () => {
    const call = await new Call(INTERNATIONAL).start();
    const action = call.gather.attrs.action as string;
    const params = call.params({ Digits: '1234', FinishedOnKey: '' });
    const body = new URLSearchParams(params).toString();
    const target = new URL(action);
    const socket = connect(running.port, '127.0.0.1');
    socket.on('error', () => {});
    let answered = '';
    socket.on('data', (chunk) => {
      answered += chunk;
    });
    socket.write(
      `POST ${target.pathname}${target.search} HTTP/1.1\r\nHost: x\r\n` +
        'Content-Type: application/x-www-form-urlencoded\r\n' +
        `X-Twilio-Signature: ${getExpectedTwilioSignature(AUTH_TOKEN, action, params)}\r\n` +
        `Content-Length: ${Buffer.byteLength(body) + 10}\r\n\r\n${body}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe('');
    expect(lookupsOn(call)).toBe(0);
    // Twilio then reports the call completed: it is recorded abandoned, never connected.
    await call.hangUp();
    expect(running.records).toMatchObject([{ callSid: call.callSid, outcome: 'abandoned' }]);
  });

  it('closes connections beyond maxConnections at once', async () => {
    await withServer(
      { maxConnections: 2, headersTimeoutMs: 1_000, timeoutCheckIntervalMs: 100 },
      async (limited) => {
        const held = [slowClient(limited.port, 'POST'), slowClient(limited.port, 'POST')];
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await slowClient(limited.port, 'POST')).toBeLessThan(500);
        // The two held connections are themselves bounded by the header deadline.
        for (const elapsed of await Promise.all(held)) expect(elapsed).toBeLessThan(BOUND_MS);
      },
    );
  });
});

describe('Twilio: a full per-call ledger fails closed', () => {
  it('refuses new code-gated calls, and still dials emergency and not-required calls', async () => {
    await restart({ ledger: createMemoryCallLedger(1) });
    await new Call(INTERNATIONAL).start();
    const refused = await new Call(INTERNATIONAL).start();
    expect(refused.names).toEqual(['Hangup']);
    expect(dialed((await new Call(`sip:911@${DOMAIN}`).start()).verbs)).toBe('911');
    expect(dialed((await new Call(`sip:2125551234@${DOMAIN}`).start()).verbs)).toBe('+12125551234');
  });
});

// ---- The lockout ledger (docs/rules.md#lockout) ---------------------------------------------

/** A store that wraps another and counts the look-ups that missed (settled as misses, first time). */
function countingMisses(store: LockoutStore): LockoutStore & { misses: number } {
  const counted = {
    ...store,
    misses: 0,
    async settle(request: Parameters<LockoutStore['settle']>[0]) {
      const settled = await store.settle(request);
      if (settled.ok && settled.value.recorded && !request.hit) counted.misses += 1;
      return settled;
    },
  };
  return counted;
}

/** Keys `codes` at each Gather of a code-gated call, and returns it. */
async function guess(codes: readonly string[], port?: number): Promise<Call> {
  const call = await new Call(INTERNATIONAL, CALLER, port).start();
  for (const code of codes) {
    if (!call.names.includes('Gather')) break;
    await call.key(code);
  }
  return call;
}

describe('Twilio: the lockout ledger across calls (memory store)', () => {
  it('locks the trunk on the 5th miss; the next gated call hears locked-out and hangs up, with no Gather', async () => {
    const alerts: LockoutAlert[] = [];
    await restart({ config: locking, onAlert: (alert) => alerts.push(alert) });
    await guess(['9999', '8888', '7777']);
    const second = await guess(['9999', '8888', '7777']);
    // The 5th miss (the second call's 2nd) locks: the call ends at once.
    expect(second.names).toEqual(['Say', 'Hangup']);
    expect(second.said).toEqual([promptText('locked-out', 4)]);
    expect(alerts).toMatchObject([{ type: 'scope-locked', failures: 5 }]);
    const third = await new Call(INTERNATIONAL).start();
    expect(third.names).toEqual(['Say', 'Hangup']);
    expect(third.verbs.some((v) => v.name === 'Gather')).toBe(false);
    expect(running.records.at(-1)).toMatchObject({
      callSid: third.callSid,
      outcome: 'locked-out',
      attempts: 0,
      accountCode: null,
    });
    // Even the valid code cannot be keyed: there is no Gather to key it at.
    expect(lookupsOn(third)).toBe(0);
  });

  it('still connects 911 on the locked trunk and on an unknown one, and a domestic call', async () => {
    await restart({ config: locking });
    await guess(['9999', '8888', '7777']);
    await guess(['9999', '8888']);
    expect((await new Call(INTERNATIONAL).start()).names).toEqual(['Say', 'Hangup']);
    expect(dialed((await new Call(`sip:911@${DOMAIN}`).start()).verbs)).toBe('911');
    expect(
      dialed(
        (await new Call('sip:911@nowhere.sip.twilio.com', 'sip:201@nowhere.sip.twilio.com').start())
          .verbs,
      ),
    ).toBe('911');
    expect(dialed((await new Call(`sip:2125551234@${DOMAIN}`).start()).verbs)).toBe('+12125551234');
  });

  it('counts by caller under caller scope: one caller locked, another still asked for a code', async () => {
    await restart({ config: acmeWithLockout({ ...LOCKOUT, scope: 'caller' }) });
    const from = (ext: string) => `sip:${ext}@${DOMAIN}`;
    for (const codes of [
      ['9999', '8888', '7777'],
      ['9999', '8888'],
    ]) {
      const call = await new Call(INTERNATIONAL, from('201')).start();
      for (const code of codes) await call.key(code);
    }
    expect((await new Call(INTERNATIONAL, from('201')).start()).names).toEqual(['Say', 'Hangup']);
    const other = await new Call(INTERNATIONAL, from('202')).start();
    expect(other.names).toEqual(['Gather', 'Redirect']);
    await other.key('1234');
    expect(dialed(other.verbs)).toBe('+442079460000');
  });

  it('a loop of signed requests across 40 calls performs no more missed look-ups than the lockout allows', async () => {
    const store = countingMisses(createMemoryLockoutStore({ clock: () => running.clock }));
    await restart({ config: locking, lockoutStore: store });
    let gathers = 0;
    for (let n = 0; n < 40; n += 1) {
      const call = await guess([0, 1, 2].map((i) => String(5000 + n * 3 + i)));
      gathers += call.documents.filter((d) => d.some((v) => v.name === 'Gather')).length;
    }
    expect(store.misses).toBe(LOCKOUT.maxFailures);
    expect(running.records.filter((r) => r.outcome === 'locked-out').length).toBe(39);
    // Two calls asked for codes (3 + 2 Gathers answered); every later one hung up at once.
    expect(gathers).toBe(5);
  });

  it('unlocks after unlockAfterMinutes: a valid code connects again', async () => {
    await restart({ config: locking });
    await guess(['9999', '8888', '7777']);
    await guess(['9999', '8888']);
    running.clock += 31 * 60_000;
    const call = await guess(['1234']);
    expect(dialed(call.verbs)).toBe('+442079460000');
  });
});

describe('Twilio: a lockout ledger that fails fails closed', () => {
  it('hangs up a gated call when the ledger cannot say whether the line is locked', async () => {
    const store = brokenStore(createMemoryLockoutStore({ clock: Date.now }), ALL_OPERATIONS);
    await restart({ config: locking, lockoutStore: store });
    const call = await new Call(INTERNATIONAL).start();
    expect(call.names).toEqual(['Say', 'Hangup']);
    expect(running.records).toMatchObject([
      { outcome: 'ledger-unavailable', attempts: 0, problem: 'the ledger is down' },
    ]);
    // Emergency and not-gated calls never ask the ledger.
    expect(dialed((await new Call(`sip:911@${DOMAIN}`).start()).verbs)).toBe('911');
    expect(dialed((await new Call(`sip:2125551234@${DOMAIN}`).start()).verbs)).toBe('+12125551234');
  });

  it('hangs up, never dials, when the ledger fails at admitting the look-up (even for a valid code)', async () => {
    const store = brokenStore(createMemoryLockoutStore({ clock: Date.now }), ['admit']);
    await restart({ config: locking, lockoutStore: store });
    const call = await new Call(INTERNATIONAL).start();
    expect(call.names).toEqual(['Gather', 'Redirect']);
    await call.key('1234');
    expect(call.names).toEqual(['Say', 'Hangup']);
    expect(dialed(call.verbs)).toBeUndefined();
    expect(running.records).toMatchObject([{ outcome: 'ledger-unavailable', attempts: 1 }]);
  });
});

describe('Twilio: two instances share one lockout ledger on a real redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  }, 15_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('lock the trunk together: misses on either instance count, and both then hang up', async () => {
    const stores: RedisLockoutStore[] = [];
    const instances: Running[] = [];
    try {
      for (let i = 0; i < 2; i += 1) {
        const opened = await openRedisLockoutStore(redis.url);
        if (!opened.ok) throw new Error(opened.error.message);
        stores.push(opened.store);
        instances.push(await start({ config: locking, lockoutStore: opened.store }));
      }
      const [a, b] = instances as [Running, Running];
      // Calls alternate between the nodes, as a load balancer would send them.
      await guess(['9999', '8888', '7777'], a.port);
      const second = await guess(['9999', '8888', '7777'], b.port);
      expect(second.names).toEqual(['Say', 'Hangup']);
      for (const node of [a, b]) {
        const call = await new Call(INTERNATIONAL, CALLER, node.port).start();
        expect(call.names).toEqual(['Say', 'Hangup']);
        expect(node.records.at(-1)).toMatchObject({ outcome: 'locked-out', attempts: 0 });
      }
      expect(b.records.filter((r) => r.outcome === 'locked-out')).toHaveLength(2);
      // 911 still connects on both.
      for (const node of [a, b]) {
        const call = await new Call(`sip:911@${DOMAIN}`, CALLER, node.port).start();
        expect(dialed(call.verbs)).toBe('911');
      }
    } finally {
      for (const node of instances) await stop(node);
      for (const store of stores) await store.close();
    }
  });
});

describe('Twilio: <Dial> dials what the library read, never To as sent (issue 22)', () => {
  it.each([
    [`sip:911*@${DOMAIN}`, '911'],
    [`sip:911%231@${DOMAIN}`, '911'],
    [`sip:9,911@${DOMAIN}`, '911'],
    [`sip:%39%31%31@${DOMAIN}`, '911'],
    ['urn:service:sos', '911'],
    ['urn:service:sos.police', '911'],
  ])('%s is emergency: no Gather, and it dials %s', async (to, number) => {
    const call = await new Call(to).start();
    expect(call.names).toEqual(['Dial']);
    expect(dialed(call.verbs)).toBe(number);
    expect(running.records).toMatchObject([{ outcome: 'not-required', emergency: true }]);
  });

  it('a domestic number with keys after it dials the number alone', async () => {
    const call = await new Call(`sip:2125551234%230@${DOMAIN}`).start();
    expect(dialed(call.verbs)).toBe('+12125551234');
  });

  it.each([`sip:15005550100%230@${DOMAIN}`, `sip:*23%230@${DOMAIN}`])(
    '%s stays unrecognised: a Gather for a code on the legal trunk, never an operator call',
    async (to) => {
      await restart({ trunks: { [DOMAIN]: 'legal' } });
      const call = await new Call(to).start();
      expect(call.names).toContain('Gather');
      expect(dialed(call.verbs)).toBeUndefined();
    },
  );

  it('a call tagged with a code dials the number read, not the keys after it', async () => {
    const call = await new Call(`sip:9011442079460958%230@${DOMAIN}`).start();
    await call.key('1234');
    expect(dialed(call.verbs)).toBe('+442079460958');
  });
});

describe('Twilio: a request target that is no URL gets a 400 (issue 22)', () => {
  it.each(['*', ':99999/voice', '@[', '%'])('%j: 400, not a 500', async (url) => {
    const app = createTwilioApp({ config, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL });
    if (!app.ok) throw new Error(app.message);
    const answer = await app.handle({ method: 'POST', url, signature: 'x', body: 'CallSid=CA1' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/request target must be a path/);
  });
});

describe('Twilio: idle connections from one client cannot starve signed webhooks (issue 22)', () => {
  /** A raw connection from `localAddress` that sends half a request, then nothing. */
  function idleClient(port: number, localAddress: string): Promise<void> {
    return new Promise((resolve) => {
      const socket = connect({ port, host: '127.0.0.1', localAddress });
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
      socket.on('connect', () => {
        socket.write('POST /voice HTTP/1.1\r\nHost: x\r\n');
        resolve();
      });
      idle.push(socket);
    });
  }
  const idle: ReturnType<typeof connect>[] = [];
  afterEach(() => {
    for (const socket of idle.splice(0)) socket.destroy();
  });

  it('signed 911 webhooks succeed 40/40 under 300 idle, half-sent connections from one client', async () => {
    // The flooding client on 127.0.0.2 (loopback), Twilio on 127.0.0.1; default limits.
    const opened: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) opened.push(idleClient(running.port, '127.0.0.2'));
    await bounded(Promise.all(opened));
    let ok = 0;
    for (let i = 0; i < 40; i++) {
      const call = await new Call(`sip:911@${DOMAIN}`).start();
      if (dialed(call.verbs) === '911') ok += 1;
    }
    expect(ok).toBe(40);
  });
});

describe('Twilio: forwarded calls nobody can key (docs/rules.md#calls-nobody-can-key)', () => {
  /** A call a carrier forwarded to Twilio: `ForwardedFrom` names the number it was forwarded from. */
  async function forwarded(to: string): Promise<Call> {
    const call = new Call(to);
    const answer = await call.post(`${PUBLIC_URL}/voice`, {
      To: call.to,
      From: call.from,
      ForwardedFrom: '+12125550142',
    });
    expect(answer.status).toBe(200);
    call.show(answer.verbs);
    return call;
  }

  it('hangs up a forwarded international call with unattendedCalls at its default: no Gather', async () => {
    const call = await forwarded(`sip:9011442079460000@${DOMAIN}`);
    expect(call.names).toEqual(['Hangup']);
    expect(running.records).toMatchObject([
      {
        outcome: 'ended',
        accountCode: null,
        attempts: 0,
        unattended: 'unattended-end',
        trunk: 'hq',
      },
    ]);
    expect(lookupsOn(call)).toBe(0);
  });

  it('dials it untagged with unattendedCalls "connect" on the trunk, and records it so', async () => {
    const file = JSON.parse(readFileSync(new URL('../acme.json', import.meta.url), 'utf8'));
    file.trunks[0].customSettings = { unattendedCalls: 'connect' };
    const parsed = parseConfig(file);
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    await restart({ config: parsed.config });
    const call = await forwarded(`sip:9011442079460000@${DOMAIN}`);
    expect(call.names).toEqual(['Dial']);
    expect(dialed(call.verbs)).toBe('+442079460000');
    expect(running.records).toMatchObject([
      { outcome: 'connected-unattended', accountCode: null, unattended: 'unattended-connect' },
    ]);
  });

  it('dials a forwarded 911 and a forwarded domestic call as ever', async () => {
    expect((await forwarded(`sip:911@${DOMAIN}`)).names).toEqual(['Dial']);
    expect((await forwarded(`sip:2125551234@${DOMAIN}`)).names).toEqual(['Dial']);
  });
});

describe('Twilio: a scoped code is judged against the call (docs/rules.md#scoped-codes)', () => {
  /** acme.json with 5555 that may authorize only premium calls on hq, within a window around the clock. */
  async function withScopedCode(): Promise<void> {
    const file = JSON.parse(readFileSync(new URL('../acme.json', import.meta.url), 'utf8'));
    file.account.codes.push({
      code: '5555',
      name: 'Premium only',
      callTypes: ['premiumToll'],
      trunks: ['hq'],
      validFrom: '2026-11-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
    });
    const parsed = parseConfig(file);
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    await restart({ config: parsed.config });
  }

  it('authorizes a call it permits: a premium call on hq dials, tagged with it', async () => {
    await withScopedCode();
    const call = await new Call(`sip:19005550100@${DOMAIN}`).start();
    expect(call.names).toEqual(['Gather', 'Redirect']);
    const answer = await call.key('5555');
    expect(answer.verbs.map((v) => v.name)).toEqual(['Dial']);
    expect(running.records).toMatchObject([
      { accountCode: '5555', validated: true, attempts: 1, outcome: 'connected' },
    ]);
  });

  it('is refused on a call it does not permit with the wrong-code prompt of a code not on the list', async () => {
    await withScopedCode();
    const scoped = await new Call(INTERNATIONAL).start();
    const unknown = await new Call(INTERNATIONAL).start();
    const a = await scoped.key('5555');
    const b = await unknown.key('9999');
    expect(scoped.said).toEqual(['Invalid entry. Please enter a 4-digit account code.']);
    expect(scoped.said).toEqual(unknown.said);
    expect(a.verbs.map((v) => v.name)).toEqual(b.verbs.map((v) => v.name));
    expect(lookupsOn(scoped)).toBe(1);
    expect(lookupsOn(unknown)).toBe(1);
  });
});

describe('Twilio: CDR records that report reads (docs/integration.md, issue 27)', () => {
  /** Twilio ends the dialed call: it posts the dial's status and duration to `<Dial action>`. */
  async function dialEnds(call: Call, status: string, seconds: number): Promise<Answer> {
    const dial = call.verbs.find((v) => v.name === 'Dial');
    expect(dial?.attrs.method).toBe('POST');
    const answer = await call.post(dial?.attrs.action as string, {
      DialCallStatus: status,
      DialCallDuration: String(seconds),
    });
    expect(answer.verbs.map((v) => v.name)).toEqual(['Hangup']);
    return answer;
  }

  /** Waits until `count` records are in, or fails. */
  async function collected<T>(records: readonly T[], count: number): Promise<readonly T[]> {
    await bounded(
      (async () => {
        while (records.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
      })(),
    );
    return records;
  }

  it('writes one record per call, and report counts and bills them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twilio-cdr-'));
    const file = join(dir, 'records.jsonl');
    try {
      await restart({ cdr: file });
      const tagged = await new Call(INTERNATIONAL).start();
      await tagged.key('1234');
      running.clock += 60_000;
      await dialEnds(tagged, 'completed', 42);
      const domestic = await new Call(`sip:2125551234@${DOMAIN}`).start();
      expect(domestic.names).toEqual(['Dial']);
      running.clock += 30_000;
      await dialEnds(domestic, 'completed', 30);
      const emergency = await new Call(`sip:911@${DOMAIN}`).start();
      await dialEnds(emergency, 'completed', 10);
      const busy = await new Call(`sip:2125559876@${DOMAIN}`).start();
      await dialEnds(busy, 'busy', 0);
      const wrong = await new Call(INTERNATIONAL).start();
      await wrong.key('9999');
      await wrong.key('8888');
      await wrong.key('7777');
      // Records are appended without waiting: wait for the five lines.
      await bounded(
        (async () => {
          while (!existsSync(file) || readFileSync(file, 'utf8').split('\n').length < 6)
            await new Promise((resolve) => setTimeout(resolve, 5));
        })(),
      );
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      const records = lines.map((line) => JSON.parse(line));
      expect(records).toMatchObject([
        {
          callId: tagged.callSid,
          trunk: 'hq',
          caller: '201',
          answered: true,
          billableSeconds: 42,
          gated: true,
          entry: { accountCode: '1234', validated: true, attempts: 1, outcome: 'connected' },
        },
        { callId: domestic.callSid, gated: false, midCall: null, billableSeconds: 30 },
        { callId: emergency.callSid, gated: false, answered: true, billableSeconds: 10 },
        { callId: busy.callSid, answered: false, billableSeconds: 0 },
        { callId: wrong.callSid, gated: true, answered: false, entry: { outcome: 'ended' } },
      ]);
      expect(Date.parse(records[0].end) - Date.parse(records[0].start)).toBe(60_000);

      const run = await cli(
        ['report', 'examples/acme.json', '--cdr', file, '--by', 'code', '--format', 'json'],
        { now: () => running.clock },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.rows).toContainEqual(
        expect.objectContaining({ key: '1234', calls: 1, answered: 1, billableSeconds: 42 }),
      );
      expect(report.total).toMatchObject({ calls: 5, answered: 3, billableSeconds: 82 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a writer that fails is reported, and the emergency call still connects', async () => {
    const problems: string[] = [];
    await restart({
      cdr: () => {
        throw new Error('disk full');
      },
      onCdrError: (message, callSid) => problems.push(`${callSid}: ${message}`),
    });
    const emergency = await new Call(`sip:911@${DOMAIN}`).start();
    expect(dialed(emergency.verbs)).toBe('911');
    await dialEnds(emergency, 'completed', 10);
    expect(problems).toEqual([`${emergency.callSid}: call record not written: disk full`]);

    await restart({
      cdr: async () => Promise.reject(new Error('network down')),
      onCdrError: (message, callSid) => problems.push(`${callSid}: ${message}`),
    });
    const again = await new Call(`sip:911@${DOMAIN}`).start();
    expect(dialed(again.verbs)).toBe('911');
    await dialEnds(again, 'completed', 10);
    await collected(problems, 2);
    expect(problems[1]).toBe(`${again.callSid}: call record not written: network down`);
  });

  /** Every URL a call's TwiML gave Twilio, as sent and with each query value's base64url pieces decoded. */
  function urlsOf(call: Call): string[] {
    const flat = (verbs: readonly Verb[]): Verb[] => verbs.flatMap((v) => [v, ...flat(v.children)]);
    const urls = call.documents
      .flatMap((document) => flat(document))
      .flatMap((v) => [...Object.values(v.attrs), v.text])
      .filter((value) => value.startsWith(PUBLIC_URL));
    return urls.flatMap((url) => [
      url,
      ...[...new URL(url).searchParams.values()].flatMap((value) =>
        value.split('.').map((piece) => Buffer.from(piece, 'base64url').toString('utf8')),
      ),
    ]);
  }

  it('puts no account code in any URL of a call keyed with one: the record waits in the ledger', async () => {
    const records: unknown[] = [];
    await restart({ cdr: (record) => void records.push(record) });
    const call = await new Call(INTERNATIONAL).start();
    await call.key('9999');
    // `*` clears: 1 and 2 count toward the next attempt, and the Gather asks for two more.
    await call.key('9*12');
    expect(call.gather.attrs.numDigits).toBe('2');
    await call.key('34');
    expect(dialed(call.verbs)).toBe('+442079460000');
    const urls = urlsOf(call);
    expect(urls.length).toBeGreaterThan(6);
    for (const text of urls) {
      expect(text).not.toContain('1234');
      expect(text).not.toContain('9999');
      expect(text).not.toContain('accountCode');
      expect(text).not.toMatch(/"digits":"[^"]/);
    }
    expect(call.verbs.find((v) => v.name === 'Dial')?.attrs.action).toBe(`${PUBLIC_URL}/dialed`);
    await dialEnds(call, 'completed', 42);
    expect(await collected(records, 1)).toMatchObject([
      { callId: call.callSid, billableSeconds: 42, entry: { accountCode: '1234' } },
    ]);
  });

  it('writes one record per CallSid: a replayed /dialed, or a replayed /voice and /dialed, writes nothing', async () => {
    const records: unknown[] = [];
    const problems: string[] = [];
    await restart({
      cdr: (record) => void records.push(record),
      onCdrError: (message) => problems.push(message),
    });
    const tagged = await new Call(INTERNATIONAL).start();
    await tagged.key('1234');
    await dialEnds(tagged, 'completed', 42);
    await dialEnds(tagged, 'completed', 42);
    await dialEnds(tagged, 'completed', 600);
    const domestic = await new Call(`sip:2125551234@${DOMAIN}`).start();
    await dialEnds(domestic, 'completed', 30);
    // The captured signed /voice again: it still dials (no code needed), but keeps no second record.
    await domestic.start();
    expect(dialed(domestic.verbs)).toBe('+12125551234');
    await domestic.post(`${PUBLIC_URL}/dialed`, {
      DialCallStatus: 'completed',
      DialCallDuration: '30',
    });
    await collected(records, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(records).toMatchObject([
      { callId: tagged.callSid, billableSeconds: 42 },
      { callId: domestic.callSid, billableSeconds: 30 },
    ]);
    expect(problems).toEqual([]);
  });

  it('dials an emergency call whatever the ledger does with its record', async () => {
    const problems: string[] = [];
    const ledger = createMemoryCallLedger();
    await restart({
      cdr: () => {},
      ledger: {
        ...ledger,
        hold: () => {
          throw new Error('ledger broken');
        },
      },
      onCdrError: (message) => {
        problems.push(message);
        throw new Error('reporter broken too');
      },
    });
    const emergency = await new Call(`sip:911@${DOMAIN}`).start();
    expect(dialed(emergency.verbs)).toBe('911');
    expect(emergency.verbs.find((v) => v.name === 'Dial')?.attrs.action).toBeUndefined();
    expect(problems).toEqual(['call record not kept: ledger broken']);

    await restart({
      cdr: () => {},
      ledger: createMemoryCallLedger(1),
      onCdrError: (message) => problems.push(message),
    });
    await new Call(`sip:2125551234@${DOMAIN}`).start();
    const full = await new Call(`sip:911@${DOMAIN}`).start();
    expect(dialed(full.verbs)).toBe('911');
    expect(full.verbs.find((v) => v.name === 'Dial')?.attrs.action).toBeUndefined();
    expect(problems[1]).toBe('call record not kept: the call ledger is full');
  });

  it('writes nothing, and dials as before, without a sink', async () => {
    const call = await new Call(`sip:911@${DOMAIN}`).start();
    expect(call.verbs.find((v) => v.name === 'Dial')?.attrs.action).toBeUndefined();
  });
});
