/**
 * The webhook example over HTTP loopback, the way a CPaaS platform calls it:
 * every request carries the state the previous response gave.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { advance, type Config, type EntryEvent, parseConfig, startCodeEntry } from 'account-codes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookHandler, type WebhookAction } from './handler.js';
import { createWebhookServer } from './http.js';
import type { SignedState } from './signed-state.js';

const acme = parseConfig(
  JSON.parse(readFileSync(new URL('../acme.json', import.meta.url), 'utf8')),
);
if (!acme.ok) throw new Error('examples/acme.json must be valid');
const config: Config = acme.config;

const SECRET = 'test-secret-test-secret-test-secret';
/** A fixed clock, so equal requests give equal responses. */
const NOW = 1_700_000_000_000;
const MAX_BODY_BYTES = 64 * 1024;
const INTERNATIONAL = '9011442079460000';

let server: Server;
let base: string;
let clock = NOW;

beforeEach(async () => {
  clock = NOW;
  const created = createWebhookHandler({ config, secret: SECRET, now: () => clock });
  if (!created.ok) throw new Error(created.message);
  server = createWebhookServer(created.handle, { maxBodyBytes: MAX_BODY_BYTES });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  base = `http://127.0.0.1:${address.port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Answer {
  readonly status: number;
  // Parsed JSON: the tests read the fields they check.
  readonly body: {
    readonly actions?: WebhookAction[];
    readonly state?: SignedState | null;
    readonly record?: { outcome: string; accountCode: string | null; attempts: number } | null;
    readonly call?: { classification: string; required: boolean; reason: string };
    readonly error?: { code: string; message: string; path?: (string | number)[] };
  };
}

async function post(path: string, body: unknown, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    // A bound, not an expectation: a broken server fails the test instead of hanging it.
    signal: AbortSignal.timeout(5_000),
    ...init,
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const start = (trunk: string, dialed: string) => post('/calls/start', { trunk, dialed });
const key = (k: string): EntryEvent => ({ type: 'key', key: k as '0' });

/** Posts keys one request each, carrying the state, the way a per-key gather would. */
async function keyIn(state: SignedState, keys: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  let current = state;
  for (const k of keys) {
    const answer = await post('/calls/event', { state: current, event: key(k) });
    answers.push(answer);
    if (answer.body.state == null) break;
    current = answer.body.state;
  }
  return answers;
}

function types(actions: readonly WebhookAction[] | undefined): string[] {
  return (actions ?? []).map((a) => (a.type === 'say' ? `say ${a.prompt}` : a.type));
}

describe('webhook: call flows', () => {
  it('connects a domestic call at once, with no state to carry', async () => {
    const answer = await start('hq', '2125551234');
    expect(answer.status).toBe(200);
    expect(answer.body.actions).toEqual([{ type: 'connect', accountCode: null, validated: false }]);
    expect(answer.body.state).toBeNull();
    expect(answer.body.call?.required).toBe(false);
  });

  it('never prompts an emergency call', async () => {
    const answer = await start('hq', '911');
    expect(answer.body.call?.classification).toBe('emergency');
    expect(types(answer.body.actions)).toEqual(['connect']);
  });

  it('asks for a code on an international call and connects it tagged with a valid one', async () => {
    const first = await start('hq', INTERNATIONAL);
    expect(first.body.call).toMatchObject({ required: true, classification: 'external' });
    expect(first.body.actions).toEqual([
      { type: 'say', prompt: 'enter-code', text: 'Please enter a valid account code.' },
      { type: 'gather', maxDigits: 4, finishOnKey: '#', timeoutSeconds: 5 },
    ]);
    const answers = await keyIn(first.body.state as SignedState, '1234');
    const last = answers.at(-1);
    expect(types(last?.body.actions)).toEqual(['say accepted', 'connect']);
    expect(last?.body.actions?.at(-1)).toEqual({
      type: 'connect',
      accountCode: '1234',
      validated: true,
    });
    expect(last?.body.record).toEqual({
      accountCode: '1234',
      validated: true,
      attempts: 1,
      outcome: 'connected',
    });
  });

  it('takes the keys of one multi-digit gather in a single request', async () => {
    const first = await start('hq', INTERNATIONAL);
    const answer = await post('/calls/event', {
      state: first.body.state,
      events: [key('1'), key('2'), key('3'), key('4')],
    });
    expect(types(answer.body.actions)).toEqual(['say accepted', 'connect']);
  });

  it('ends the call after max retries of invalid codes', async () => {
    const first = await start('hq', INTERNATIONAL);
    const answers = await keyIn(first.body.state as SignedState, '999988887777');
    expect(answers.flatMap((a) => types(a.body.actions)).filter((t) => t !== 'gather')).toEqual([
      'say invalid-code',
      'say invalid-code',
      'say max-retries',
      'hangup',
    ]);
    expect(answers.at(-1)?.body.record).toMatchObject({ outcome: 'ended', attempts: 3 });
  });

  it('submits what was keyed on a gather timeout', async () => {
    const first = await start('hq', INTERNATIONAL);
    const [short] = await keyIn(first.body.state as SignedState, '1');
    const answer = await post('/calls/event', {
      state: short?.body.state,
      event: { type: 'timeout' },
    });
    expect(types(answer.body.actions)).toEqual(['say wrong-length', 'gather']);
  });

  it('records an abandoned call when the caller hangs up', async () => {
    const first = await start('hq', INTERNATIONAL);
    const answer = await post('/calls/event', {
      state: first.body.state,
      event: { type: 'hangup' },
    });
    expect(answer.body.actions).toEqual([]);
    expect(answer.body.record?.outcome).toBe('abandoned');
  });
});

describe('webhook: the state the client carries', () => {
  it('continues identically from a state round-tripped through the client', async () => {
    const first = await start('hq', INTERNATIONAL);
    const state = first.body.state as SignedState;
    // The same state, re-serialised by a client that reorders keys.
    const reordered = JSON.parse(
      JSON.stringify({ signature: state.signature, issuedAt: state.issuedAt, entry: state.entry }),
    ) as SignedState;
    const a = await keyIn(state, '9999');
    const b = await keyIn(reordered, '9999');
    expect(b.map((x) => x.body)).toEqual(a.map((x) => x.body));
  });

  it('gives what the library gives for the same events', async () => {
    const first = await start('hq', INTERNATIONAL);
    const answers = await keyIn(first.body.state as SignedState, '12');
    const started = startCodeEntry({
      codeLength: 4,
      maxRetries: 3,
      validateCodes: true,
      allowCallAfterMaxRetries: false,
    });
    if (!started.ok) throw new Error(started.error.message);
    const direct = advance(advance(started.state, key('1')).state, key('2')).state;
    expect(answers.at(-1)?.body.state?.entry).toEqual(direct);
  });

  it('rejects a state whose attempts were reset, though the machine could reach it', async () => {
    const first = await start('hq', INTERNATIONAL);
    const missed = await keyIn(first.body.state as SignedState, '9999');
    const state = missed.at(-1)?.body.state as SignedState;
    expect(state.entry.attempts).toBe(1);
    const answer = await post('/calls/event', {
      state: { ...state, entry: { ...state.entry, attempts: 0 } },
      event: key('1'),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'tampered-state',
      path: ['state', 'signature'],
    });
  });

  it('rejects a state that turns validation off', async () => {
    const first = await start('hq', INTERNATIONAL);
    const state = first.body.state as SignedState;
    const tampered = {
      ...state,
      entry: { ...state.entry, options: { ...state.entry.options, validateCodes: false } },
    };
    const answer = await post('/calls/event', { state: tampered, event: key('5') });
    expect(answer.body.error?.code).toBe('tampered-state');
  });

  it.each([
    ['a string', 'hello'],
    ['an empty object', {}],
    ['an impossible entry', { entry: { phase: 'collecting', attempts: 99 }, issuedAt: NOW }],
  ])('answers 400 with a typed error for %s as state', async (_what, state) => {
    const answer = await post('/calls/event', { state, event: key('1') });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid-entry-state');
    expect(answer.body.error?.path?.[0]).toBe('state');
  });

  it('rejects a state past its age', async () => {
    const first = await start('hq', INTERNATIONAL);
    clock = NOW + 11 * 60_000;
    const answer = await post('/calls/event', { state: first.body.state, event: key('1') });
    expect(answer.body.error?.code).toBe('expired-state');
  });

  it('refuses a look-up answer from the client', async () => {
    const first = await start('hq', INTERNATIONAL);
    const answer = await post('/calls/event', {
      state: first.body.state,
      event: { type: 'lookup-result', valid: true },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid-event', path: ['event'] });
  });
});

describe('webhook: HTTP edges', () => {
  it('answers 404 for an unknown path', async () => {
    const answer = await post('/nope', {});
    expect(answer.status).toBe(404);
    expect(answer.body.error?.code).toBe('not-found');
  });

  it('answers 405 with Allow for a method other than POST', async () => {
    const response = await fetch(`${base}/calls/start`, { signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(((await response.json()) as Answer['body']).error?.code).toBe('method-not-allowed');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const answer = await post('/calls/start', '{"trunk": hq');
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid-json');
  });

  it('answers 400 naming the field for a missing trunk, an unknown trunk or an undialable number', async () => {
    expect((await post('/calls/start', { dialed: '911' })).body.error).toMatchObject({
      code: 'invalid-request',
      path: ['trunk'],
    });
    expect((await start('basement', '911')).body.error?.code).toBe('unknown-trunk');
    expect((await start('hq', 'call mom')).body.error?.code).toBe('invalid-dial-string');
  });

  it('answers 413 for a body over the limit', async () => {
    const answer = await post('/calls/start', { trunk: 'hq', dialed: 'x'.repeat(MAX_BODY_BYTES) });
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe('payload-too-large');
  });

  it('answers 413 for a chunked body over the limit', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const answer = await post('/calls/start', undefined, {
      body,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(413);
  });
});
