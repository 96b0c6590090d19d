/**
 * A stateless webhook for a CPaaS call flow (think Twilio or Telnyx
 * `Gather`): the platform posts what happened, the handler answers with the
 * actions to perform next and the code-entry state, which the platform keeps
 * and posts back with the next event. The server remembers nothing between
 * requests. Plain data in, plain data out: http.ts does the node:http part.
 *
 * - `POST /calls/start` `{ trunk, dialed }` → `{ call, actions, state, record }`
 * - `POST /calls/event` `{ state, event }` (or `events: [...]`) → `{ actions, state, record }`
 *
 * Look-ups never reach the client: the server answers them from the code
 * list at once, so the client only ever sends keys, timeouts and the hangup.
 */
import {
  advance,
  type CallRecord,
  type CodeDirectory,
  type Config,
  callRecord,
  classifyCall,
  createCodeDirectory,
  type DtmfKey,
  decide,
  type EndReason,
  type EntryEffect,
  type EntryEvent,
  type EntryState,
  type JsonPath,
  type PromptId,
  promptText,
  resolveSettings,
  startCodeEntry,
} from 'account-codes';
import { openState, type SignedState, sealState } from './signed-state.js';

/** The part of an HTTP request the handler reads. */
export interface WebhookRequest {
  readonly method: string;
  /** The request target; a query string is ignored. */
  readonly path: string;
  /** The raw body, UTF-8. */
  readonly body: string;
}

/** What to answer: a status and a JSON body (plus headers such as `Allow`). */
export interface WebhookResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: StartResponse | EventResponse | ErrorResponse;
}

/** One thing for the platform to do, in order. */
export type WebhookAction =
  /** Play a prompt (SPEC §5): record `prompt` or speak `text`. */
  | { readonly type: 'say'; readonly prompt: PromptId; readonly text: string }
  /**
   * Collect DTMF, then post each key as a `key` event, in order; post a
   * `timeout` event if the gather timed out before `maxDigits` keys or `#`.
   */
  | {
      readonly type: 'gather';
      readonly maxDigits: number;
      readonly finishOnKey: '#';
      readonly timeoutSeconds: number;
    }
  /** Connect the call to the dialed number, tagged with `accountCode` (or untagged: `null`). */
  | { readonly type: 'connect'; readonly accountCode: string | null; readonly validated: boolean }
  /** End the call. */
  | { readonly type: 'hangup'; readonly reason: EndReason };

/** `POST /calls/start`'s answer. */
export interface StartResponse {
  readonly call: {
    readonly classification: string;
    readonly categories: readonly string[];
    readonly required: boolean;
    readonly reason: string;
  };
  readonly actions: readonly WebhookAction[];
  /** Post it back with the next event; `null` when no code is needed. */
  readonly state: SignedState | null;
  /** For the CDR; `null` when no code is needed. */
  readonly record: CallRecord | null;
}

/** `POST /calls/event`'s answer. */
export interface EventResponse {
  readonly actions: readonly WebhookAction[];
  readonly state: SignedState;
  /** For the CDR; `outcome` is `incomplete` until the call connects or ends. */
  readonly record: CallRecord;
}

/** Every refusal, with a stable code to branch on. */
export type WebhookErrorCode =
  | 'not-found'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'invalid-json'
  | 'invalid-request'
  | 'invalid-event'
  | 'unknown-trunk'
  | 'invalid-dial-string'
  | 'invalid-entry-state'
  | 'tampered-state'
  | 'expired-state';

/** The body of every 4xx answer. */
export interface ErrorResponse {
  readonly error: {
    readonly code: WebhookErrorCode;
    readonly message: string;
    /** Where in the request body the problem is. */
    readonly path?: JsonPath;
  };
}

/** What the handler needs. */
export interface WebhookOptions {
  readonly config: Config;
  /** Signs the state the client carries; at least 32 characters, the same on every instance. */
  readonly secret: string;
  /** The clock for state expiry. Default `Date.now`. */
  readonly now?: () => number;
  /** How long a state stays usable. Default 10 minutes: longer than any code entry. */
  readonly stateMaxAgeMs?: number;
  /** The `gather` timeout: how long a caller may pause. Default 5. */
  readonly gatherTimeoutSeconds?: number;
  /** Larger bodies get 413. Default 64 kB. */
  readonly maxBodyBytes?: number;
}

/** Handles one request. Never throws. */
export type WebhookHandler = (request: WebhookRequest) => WebhookResponse;

/** {@link createWebhookHandler}'s answer. */
export type CreateWebhookHandlerResult =
  | { readonly ok: true; readonly handle: WebhookHandler; readonly maxBodyBytes: number }
  | { readonly ok: false; readonly message: string };

/** The default body limit: a start or event body is a few hundred bytes. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Keys one `gather` can return, and then some: more events in one request are refused. */
const MAX_EVENTS = 64;

/**
 * Builds the handler for one account's configuration. The code list is
 * loaded into a directory once, so a look-up costs no I/O.
 *
 * @example
 * ```ts
 * const created = createWebhookHandler({ config, secret: process.env.SECRET ?? '' });
 * if (created.ok) {
 *   created.handle({ method: 'POST', path: '/calls/start', body: '{"trunk":"hq","dialed":"911"}' });
 *   // { status: 200, body: { actions: [{ type: 'connect', accountCode: null, validated: false }], … } }
 * }
 * ```
 */
export function createWebhookHandler(options: WebhookOptions): CreateWebhookHandlerResult {
  if (typeof options.secret !== 'string' || options.secret.length < 32) {
    return { ok: false, message: 'the state secret must be at least 32 characters' };
  }
  const { config } = options;
  const built = createCodeDirectory(config.account.codes, config.account.codeLength);
  if (!built.ok) return { ok: false, message: built.error.message };
  const ctx: Context = {
    ...options,
    directory: built.directory,
    now: options.now ?? Date.now,
    stateMaxAgeMs: options.stateMaxAgeMs ?? 10 * 60_000,
    gatherTimeoutSeconds: options.gatherTimeoutSeconds ?? 5,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
  return { ok: true, handle: (request) => handle(ctx, request), maxBodyBytes: ctx.maxBodyBytes };
}

interface Context extends Required<WebhookOptions> {
  readonly directory: CodeDirectory;
}

const ROUTES = {
  '/calls/start': start,
  '/calls/event': event,
} as const satisfies Record<
  string,
  (ctx: Context, body: Record<string, unknown>) => WebhookResponse
>;

function handle(ctx: Context, request: WebhookRequest): WebhookResponse {
  const path = request.path.split('?', 1)[0] ?? '';
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path as keyof typeof ROUTES] : undefined;
  if (route === undefined) return refuse(404, 'not-found', `no route ${JSON.stringify(path)}`);
  if (request.method !== 'POST') {
    return {
      ...refuse(405, 'method-not-allowed', `${path} takes POST; got ${request.method}`),
      headers: { allow: 'POST' },
    };
  }
  if (Buffer.byteLength(request.body) > ctx.maxBodyBytes) return tooLarge(ctx.maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return refuse(400, 'invalid-json', 'the body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse(400, 'invalid-request', 'the body must be a JSON object', []);
  }
  return route(ctx, body as Record<string, unknown>);
}

/** The 413 answer; http.ts sends it too, before reading a body that is too large. */
export function tooLarge(maxBodyBytes: number): WebhookResponse {
  return refuse(413, 'payload-too-large', `the body must be at most ${maxBodyBytes} bytes`);
}

function start(ctx: Context, body: Record<string, unknown>): WebhookResponse {
  const { trunk, dialed } = body;
  if (typeof trunk !== 'string') {
    return refuse(400, 'invalid-request', 'trunk must be a trunk id (a string)', ['trunk']);
  }
  if (typeof dialed !== 'string') {
    return refuse(400, 'invalid-request', 'dialed must be the dialed number (a string)', [
      'dialed',
    ]);
  }
  const resolved = resolveSettings(ctx.config, trunk);
  if (!resolved.ok) return refuse(400, 'unknown-trunk', resolved.error.message, ['trunk']);
  const classification = classifyCall(dialed, ctx.config.account);
  const decision = decide(resolved, classification);
  // SPEC §4: an undialable string gets no decision; the platform chooses what to do with it.
  if (!decision.ok) return refuse(400, 'invalid-dial-string', decision.error.message, ['dialed']);
  const call = {
    classification: classification.kind,
    categories: classification.categories,
    required: decision.required,
    reason: decision.reason,
  };
  if (!decision.required) {
    const connect: WebhookAction = { type: 'connect', accountCode: null, validated: false };
    return ok({ call, actions: [connect], state: null, record: null });
  }
  const started = startCodeEntry(resolved.settings);
  // Settings come from a parsed config, so this is a configuration bug; refuse rather than connect.
  if (!started.ok) return refuse(400, 'invalid-request', started.error.message);
  const step = perform(ctx, started.state, started.effects);
  return ok({
    call,
    actions: step.actions,
    state: sealState(step.state, ctx.secret, ctx.now()),
    record: callRecord(step.state),
  });
}

function event(ctx: Context, body: Record<string, unknown>): WebhookResponse {
  const opened = openState(body.state, ctx.secret, ctx.now(), ctx.stateMaxAgeMs);
  if (!opened.ok) {
    const { code, message, path } = opened.error;
    return refuse(400, code, message, ['state', ...path]);
  }
  const events = readEvents(body);
  if (!events.ok) return refuse(400, 'invalid-event', events.message, events.path);
  let state = opened.entry;
  const actions: WebhookAction[] = [];
  for (const e of events.events) {
    const next = advance(state, e);
    const step = perform(ctx, next.state, next.effects);
    state = step.state;
    // Only the last gather matters: earlier ones were answered by the keys that follow them.
    if (actions.at(-1)?.type === 'gather') actions.pop();
    actions.push(...step.actions);
  }
  return ok({ actions, state: sealState(state, ctx.secret, ctx.now()), record: callRecord(state) });
}

/**
 * Performs the machine's effects: look-ups here and now (they feed the
 * machine again), the rest as actions for the platform; then a `gather`
 * while the caller still has keys to press.
 */
function perform(
  ctx: Context,
  initial: EntryState,
  effects: readonly EntryEffect[],
): { readonly state: EntryState; readonly actions: WebhookAction[] } {
  let state = initial;
  const queue = [...effects];
  const actions: WebhookAction[] = [];
  for (let effect = queue.shift(); effect !== undefined; effect = queue.shift()) {
    switch (effect.type) {
      case 'play':
        actions.push({
          type: 'say',
          prompt: effect.prompt,
          text: promptText(effect.prompt, state.options.codeLength),
        });
        break;
      case 'lookup': {
        const next = advance(state, ctx.directory.answer(effect));
        state = next.state;
        queue.push(...next.effects);
        break;
      }
      case 'connect':
        actions.push({
          type: 'connect',
          accountCode: effect.accountCode,
          validated: effect.validated,
        });
        break;
      case 'end':
        actions.push({ type: 'hangup', reason: effect.reason });
        break;
      default:
        effect satisfies never;
    }
  }
  if (state.phase === 'collecting') {
    actions.push({
      type: 'gather',
      maxDigits: state.options.codeLength - state.digits.length,
      finishOnKey: '#',
      timeoutSeconds: ctx.gatherTimeoutSeconds,
    });
  }
  return { state, actions };
}

type ReadEvents =
  | { readonly ok: true; readonly events: readonly EntryEvent[] }
  | { readonly ok: false; readonly message: string; readonly path: JsonPath };

/** `event` or `events`, each a key, a timeout or the hangup. */
function readEvents(body: Record<string, unknown>): ReadEvents {
  if ((body.event === undefined) === (body.events === undefined)) {
    return { ok: false, message: 'send either event or events', path: [] };
  }
  if (body.event !== undefined) {
    const one = readEvent(body.event);
    return one === undefined
      ? { ok: false, message: EVENT_RULE, path: ['event'] }
      : { ok: true, events: [one] };
  }
  const list = body.events;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_EVENTS) {
    return { ok: false, message: `events must be a list of 1 to ${MAX_EVENTS} events`, path: [] };
  }
  const events: EntryEvent[] = [];
  for (const [index, item] of list.entries()) {
    const one = readEvent(item);
    if (one === undefined) return { ok: false, message: EVENT_RULE, path: ['events', index] };
    events.push(one);
  }
  return { ok: true, events };
}

const EVENT_RULE =
  'an event must be { "type": "key", "key": "0"–"9" | "*" | "#" }, { "type": "timeout" } or { "type": "hangup" }';

/**
 * A caller event, rebuilt from its known fields. `lookup-result` is refused:
 * a client that could answer look-ups could declare any code valid.
 */
function readEvent(value: unknown): EntryEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, key } = value as Record<string, unknown>;
  if (type === 'timeout') return { type: 'timeout' };
  if (type === 'hangup') return { type: 'hangup' };
  if (type === 'key' && typeof key === 'string' && isDtmfKey(key)) return { type: 'key', key };
  return undefined;
}

function isDtmfKey(key: string): key is DtmfKey {
  return /^[0-9*#]$/.test(key);
}

function ok(body: StartResponse | EventResponse): WebhookResponse {
  return { status: 200, body };
}

function refuse(
  status: number,
  code: WebhookErrorCode,
  message: string,
  path?: JsonPath,
): WebhookResponse {
  return { status, body: { error: { code, message, ...(path === undefined ? {} : { path }) } } };
}
