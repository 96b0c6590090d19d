/**
 * The Twilio Voice webhook as one request handler, free of node:http (http.ts
 * does that part). Three routes, all POST, all signed by Twilio:
 *
 * - `/voice`: the Voice URL of a number or SIP domain. `evaluateCall`
 *   classifies first (an emergency number gets `<Dial>` at once, whatever the
 *   trunk, docs/rules.md#the-decision), then resolves the trunk and decides; a code-gated call
 *   asks the lockout ledger (`lockoutGate`, docs/rules.md#lockout) and gets `<Gather>`, or
 *   the `locked-out` prompt and `<Hangup>`. A forwarded call (Twilio sets
 *   `ForwardedFrom`) has nobody to key a code: a gated one is settled at once
 *   by `evaluateCall`, `<Dial>` or `<Hangup>`, never a `<Gather>`.
 * - `/gather?state=…`: the Gather action URL (`&timeout=1` for the no-input
 *   `<Redirect>`). The state is sealed with the `CallSid` and the call's step.
 * - `/status`: the call's status callback; a call that ends mid-entry is
 *   recorded as `abandoned`.
 * - `/dialed`: with a CDR sink, the `<Dial action>`: the dialed call ended.
 *   The call's record waits in the per-call ledger, never in a URL (it holds
 *   the account code), and is written once per `CallSid`.
 *
 * Every request's `X-Twilio-Signature` is checked with Twilio's own
 * `validateRequest` before anything else is read: an unsigned or mismatched
 * request gets 403 and changes nothing. Every look-up is admitted against the
 * lockout ledger and settled (`performLookup`), so guessing over HTTP is
 * bounded across calls as on a phone; a ledger that fails fails closed.
 */
import { createHmac } from 'node:crypto';
import {
  advance,
  type CallEvaluation,
  type CallOutcome,
  type CodeDirectory,
  type Config,
  callRecord,
  createCodeDirectory,
  createMemoryLockoutStore,
  type EntryEffect,
  type EntryEvent,
  type EntryState,
  evaluateCall,
  isTerminal,
  type LockoutAlert,
  type LockoutStore,
  type LookupContext,
  type LookupEffect,
  type LookupRefusedEvent,
  type LookupResultEvent,
  lockoutGate,
  type PromptId,
  performLookup,
  promptText,
  startCodeEntry,
  type UnattendedRule,
} from 'account-codes';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { type CdrDraft, type CdrSink, endCdr, writeCdr } from '../cdr-sink.js';
import { type CallLedger, type CallProgress, createMemoryCallLedger } from './call-ledger.js';
import { sipDomain, trunkOf, userPart } from './request.js';
import { openState, sealState } from './sealed-state.js';

/** The part of an HTTP request the handler reads. */
export interface TwilioRequest {
  readonly method: string;
  /** The request target as received: path and query, e.g. `/gather?state=…`. */
  readonly url: string;
  /** The `X-Twilio-Signature` header, if any. */
  readonly signature: string | undefined;
  /** The raw `application/x-www-form-urlencoded` body, UTF-8. */
  readonly body: string;
}

/** What to answer. */
export interface TwilioResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** TwiML for 200, a short text otherwise. */
  readonly body: string;
}

/** What happened on one call, for the integrator's CDR pipeline (JSON lines or a callback). */
export interface TwilioCallRecord {
  readonly callSid: string;
  readonly dialed: string;
  readonly caller: string;
  /** Absent when no trunk mapped (emergency calls connect anyway). */
  readonly trunk?: string;
  /** The code the call is tagged with, or `null`. */
  readonly accountCode: string | null;
  readonly validated: boolean;
  readonly attempts: number;
  /**
   * Code entry's outcome (`locked-out` and `ledger-unavailable`: ended by the
   * lockout ledger, docs/rules.md#lockout), or `not-required` (no code asked), or `refused`
   * (no decision: fail closed).
   */
  readonly outcome: Exclude<CallOutcome, 'incomplete'> | 'not-required' | 'refused';
  /** An emergency or exempt number: connected before anything could fail. */
  readonly emergency?: true;
  /** A gated call nobody could key (`ForwardedFrom`): what settled it. */
  readonly unattended?: UnattendedRule;
  /** Why the call was refused. */
  readonly problem?: string;
  /** ISO-8601 instant the record was written. */
  readonly at: string;
}

/** What the app needs. */
export interface TwilioAppOptions {
  readonly config: Config;
  /** The account's Auth Token: signs every request Twilio sends. */
  readonly authToken: string;
  /** The origin Twilio calls, e.g. `https://codes.example.com`: signatures cover the full URL. */
  readonly publicUrl: string;
  /** SIP domain → trunk id, e.g. `{ 'acme.sip.twilio.com': 'hq' }`. */
  readonly trunks?: Readonly<Record<string, string>>;
  /** The trunk when no mapping applies. Default: none (fail closed). */
  readonly defaultTrunk?: string;
  /** A recording per prompt: `<Play>` instead of `<Say>`. */
  readonly promptUrls?: Partial<Readonly<Record<PromptId, string>>>;
  /** `<Gather timeout>`: seconds a caller may pause. Default {@link DEFAULT_GATHER_TIMEOUT_SECONDS}. */
  readonly gatherTimeoutSeconds?: number;
  /** How long a sealed state is accepted. Default {@link DEFAULT_STATE_MAX_AGE_MS}. */
  readonly stateMaxAgeMs?: number;
  /** Where call records go. Default: nowhere. */
  readonly onRecord?: (record: TwilioCallRecord) => void;
  /**
   * Where the library's JSON-lines CDR records go when a call ends, for
   * `account-codes report --cdr`: a file path (appended) or a callback.
   * With it, `<Dial>` gets an `action` (`/dialed`) that brings the dialed
   * call's status and duration. Default: none written.
   */
  readonly cdr?: CdrSink;
  /** A CDR record that could not be written. Default: `console.error`. The call is never affected. */
  readonly onCdrError?: (message: string, callSid: string) => void;
  /** Per-call progress. Default: in memory. */
  readonly ledger?: CallLedger;
  /**
   * The lockout ledger (docs/rules.md#lockout): failures across calls. Default: in this
   * process's memory; several instances share one with `openRedisLockoutStore`.
   */
  readonly lockoutStore?: LockoutStore;
  /** A scope locked, or a hit after failures: tell an administrator. Default: nowhere. */
  readonly onAlert?: (alert: LockoutAlert, callSid: string) => void;
  /** The clock. Default `Date.now`. */
  readonly now?: () => number;
}

/** Handles one request. Never rejects. */
export type TwilioHandler = (request: TwilioRequest) => Promise<TwilioResponse>;

/** {@link createTwilioApp}'s answer. */
export type CreateTwilioAppResult =
  | { readonly ok: true; readonly handle: TwilioHandler }
  | { readonly ok: false; readonly message: string };

/** Default `<Gather timeout>`, seconds (Twilio's own default). */
export const DEFAULT_GATHER_TIMEOUT_SECONDS = 5;
/** Default state lifetime: longer than any code entry (≤ 9 attempts of a few seconds each). */
export const DEFAULT_STATE_MAX_AGE_MS = 10 * 60_000;
/**
 * How long the ledger keeps a call's record for `/dialed`, and the mark that
 * it was written: Twilio's default `<Dial timeLimit>` (4 hours), and an hour
 * more for ringing and code entry.
 */
export const RECORD_HOLD_MS = 5 * 3_600_000;

/**
 * Builds the handler for one account's configuration.
 *
 * @example
 * ```ts
 * const app = createTwilioApp({ config, authToken: process.env.TWILIO_AUTH_TOKEN ?? '', publicUrl });
 * if (app.ok) createTwilioServer(app.handle).listen(8080);
 * ```
 */
export function createTwilioApp(options: TwilioAppOptions): CreateTwilioAppResult {
  if (typeof options.authToken !== 'string' || options.authToken.length < 16) {
    return { ok: false, message: 'the Twilio auth token must be at least 16 characters' };
  }
  let origin: string;
  try {
    const url = new URL(options.publicUrl);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/') {
      return {
        ok: false,
        message: `publicUrl must be an http(s) origin; got ${options.publicUrl}`,
      };
    }
    origin = url.origin;
  } catch {
    return { ok: false, message: `publicUrl must be an http(s) origin; got ${options.publicUrl}` };
  }
  const { config } = options;
  const now = options.now ?? Date.now;
  const built = createCodeDirectory(config.account.codes, config.account.codeLength);
  if (!built.ok) return { ok: false, message: built.error.message };
  const ctx: Context = {
    options,
    origin,
    directory: built.directory,
    // A key of its own, derived from the token: a state MAC is never a request signature.
    key: createHmac('sha256', options.authToken).update('account-codes twilio state').digest(),
    ledger: options.ledger ?? createMemoryCallLedger(),
    lockoutStore: options.lockoutStore ?? createMemoryLockoutStore({ clock: now }),
    now,
    gatherTimeoutSeconds: options.gatherTimeoutSeconds ?? DEFAULT_GATHER_TIMEOUT_SECONDS,
    stateMaxAgeMs: options.stateMaxAgeMs ?? DEFAULT_STATE_MAX_AGE_MS,
  };
  return { ok: true, handle: (request) => handle(ctx, request) };
}

interface Context {
  readonly options: TwilioAppOptions;
  readonly origin: string;
  readonly directory: CodeDirectory;
  readonly key: Buffer;
  readonly ledger: CallLedger;
  readonly lockoutStore: LockoutStore;
  readonly now: () => number;
  readonly gatherTimeoutSeconds: number;
  readonly stateMaxAgeMs: number;
}

type Params = Readonly<Record<string, string>>;

const ROUTES = {
  '/voice': voice,
  '/gather': gather,
  '/status': status,
  '/dialed': dialed,
} as const satisfies Record<
  string,
  (ctx: Context, params: Params, query: URLSearchParams) => Promise<TwilioResponse>
>;

/** Twilio's CallSid: `CA` and 32 hex digits. */
const CALL_SID = /^CA[0-9a-f]{32}$/;

async function handle(ctx: Context, request: TwilioRequest): Promise<TwilioResponse> {
  if (request.method !== 'POST') {
    return {
      status: 405,
      headers: { allow: 'POST', 'content-type': 'text/plain' },
      body: 'POST only',
    };
  }
  // A request target that is no path (`*`, `:99999`, `@[`) makes no URL to check a signature on.
  if (!request.url.startsWith('/') || !URL.canParse(ctx.origin + request.url)) {
    return text(400, 'the request target must be a path such as /voice');
  }
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(request.body)) params[name] = value;
  // First, before any routing or state: only Twilio, holding the token, can sign.
  const signed =
    request.signature !== undefined &&
    validateRequest(ctx.options.authToken, request.signature, ctx.origin + request.url, params);
  if (!signed) return text(403, 'Forbidden');
  const [path = '', query = ''] = request.url.split('?', 2);
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path as keyof typeof ROUTES] : undefined;
  if (route === undefined) return text(404, 'Not found');
  if (!CALL_SID.test(params.CallSid ?? ''))
    return text(400, 'CallSid must be CA and 32 hex digits');
  return route(ctx, params, new URLSearchParams(query));
}

/** Where `<Dial>` goes: a number, or `<Sip>` back into the SIP domain for an extension. */
interface DialTarget {
  readonly number: string;
  readonly sip?: string;
}

async function voice(ctx: Context, params: Params): Promise<TwilioResponse> {
  const callSid = params.CallSid as string;
  const to = params.To ?? '';
  const from = params.From ?? '';
  const domain = sipDomain(to);
  const trunk =
    trunkOf([domain, sipDomain(from)], ctx.options.trunks ?? {}) ?? ctx.options.defaultTrunk;
  const caller = userPart(from);
  // Twilio sets ForwardedFrom on a call a carrier forwarded to it: nobody is there to key a code.
  const unattended = (params.ForwardedFrom ?? '') !== '';
  // The library reads `To` as Twilio sends it (a sip:/tel: URI or E.164): classification first.
  const evaluation = evaluateCall(ctx.options.config, {
    trunk: trunk ?? '',
    dialed: to,
    caller,
    unattended,
    // The call's instant: a scoped code's validity is judged at it (docs/rules.md#scoped-codes).
    at: ctx.now(),
  });
  const base = {
    callSid,
    dialed: evaluation.classification.dialed,
    caller,
    ...(trunk === undefined ? {} : { trunk }),
  };
  const startedAt = ctx.now();
  if (!evaluation.ok) {
    const problem = trunk === undefined ? 'no trunk maps to this call' : evaluation.error.message;
    record(ctx, { ...base, ...untagged(0, 'refused'), problem });
    return hangup();
  }
  const target = targetOf(evaluation, domain, ctx.options.config.account.country);
  if (!evaluation.required) {
    const emergency =
      evaluation.classification.kind === 'emergency' ? { emergency: true as const } : {};
    record(ctx, { ...base, ...untagged(0, 'not-required'), ...emergency });
    // Twilio tags no call mid-call here: the CDR's midCall is null.
    const draft = cdrDraft(base, startedAt, { gated: false, midCall: null });
    return twiml(dial(ctx, new VoiceResponse(), target, callSid, draft));
  }
  if (evaluation.unattended !== undefined) {
    // docs/rules.md#calls-nobody-can-key: one effect, no Gather, no look-up.
    const { effect, record: settled, rule } = evaluation.unattended;
    const { accountCode, validated, attempts, outcome } = settled;
    if (outcome === 'incomplete') return hangup();
    record(ctx, { ...base, accountCode, validated, attempts, outcome, unattended: rule });
    const draft = cdrDraft(base, startedAt, { gated: true, entry: settled });
    if (effect.type === 'connect') {
      return twiml(dial(ctx, new VoiceResponse(), target, callSid, draft));
    }
    unanswered(ctx, callSid, draft);
    return hangup();
  }
  const progress: CallProgress = {
    step: 0,
    lookups: 0,
    attempts: 0,
    digits: '',
    call: { ...base, target },
    // The library's context for this call's look-ups, kept for the Gather requests that follow.
    context: evaluation.conversation.lookups,
    startedAt,
    finished: false,
    expiresAt: ctx.now() + ctx.stateMaxAgeMs,
  };
  // A second Voice request for one CallSid would restart code entry: refuse it.
  if (!ctx.ledger.begin(callSid, progress, ctx.now())) return hangup();
  const claimed = claim(ctx, progress);
  if (claimed === undefined) return hangup();
  const lockout = lockoutOf(ctx, claimed);
  // docs/rules.md#lockout: a locked scope (or a ledger that cannot answer) plays locked-out and ends, no digits collected.
  const { gate, problem } = await lockoutGate(lockout);
  const started = startCodeEntry(evaluation.conversation.settings, gate);
  if (!started.ok) {
    finish(ctx, claimed, { ...untagged(0, 'refused'), problem: started.error.message });
    return hangup();
  }
  return step(ctx, claimed, lockout, started.state, started.effects, problem?.message);
}

/**
 * The number to dial: the one the library read, never `To` as sent, so keys
 * after it (`911*`, `…#0`) are never dialed (docs/rules.md#reading-a-dial-string).
 * E.164 when the classification has it; an extension back into the SIP
 * domain; for `urn:service:sos`, 911 on +1 and 112 elsewhere.
 */
function targetOf(
  evaluation: Extract<CallEvaluation, { ok: true }>,
  domain: string | undefined,
  country: string,
): DialTarget {
  const c = evaluation.classification;
  // An evaluation that decided never holds an invalid classification; its digits, all the same.
  const number =
    c.kind === 'external'
      ? (c.e164 ?? c.number)
      : c.kind === 'invalid'
        ? c.dialed
        : c.kind === 'emergency' && !/^\+?[0-9]+$/.test(c.number)
          ? country === 'US' || country === 'CA'
            ? '911'
            : '112'
          : c.number;
  return c.kind === 'internal' && c.via === 'extension' && domain !== undefined
    ? { number, sip: `sip:${number}@${domain}` }
    : { number };
}

async function gather(
  ctx: Context,
  params: Params,
  query: URLSearchParams,
): Promise<TwilioResponse> {
  const callSid = params.CallSid as string;
  const now = ctx.now();
  const opened = openState(query.get('state'), ctx.key, callSid, now, ctx.stateMaxAgeMs);
  // Refused states end the call: fail closed, and nothing is recorded against a call it may not be.
  if (!opened.ok) return hangup();
  const progress = ctx.ledger.get(callSid, now);
  // A replayed (earlier) state, or one after the record was written: the ledger has moved on.
  if (progress === undefined || progress.finished || progress.step !== opened.contents.step) {
    return hangup();
  }
  const sealed = opened.contents.entry;
  if (sealed.phase !== 'collecting') return hangup();
  // The digits keyed so far are the ledger's: a URL never holds part of a code.
  const entry = { ...sealed, digits: progress.digits };
  // Before the first await: a second request for this step (a replay racing this one) is refused.
  const claimed = claim(ctx, progress);
  if (claimed === undefined) return hangup();
  const events = gatherEvents(
    entry,
    query.get('timeout') === '1',
    params.Digits ?? '',
    params.FinishedOnKey ?? '',
  );
  let state: EntryState = entry;
  const effects: EntryEffect[] = [];
  for (const event of events) {
    const next = advance(state, event);
    state = next.state;
    effects.push(...next.effects);
  }
  return step(ctx, claimed, lockoutOf(ctx, claimed), state, effects);
}

/** The call's look-up context: the library's (`evaluateCall`), with the ledger and the `CallSid`. */
function lockoutOf(ctx: Context, progress: CallProgress): LookupContext {
  return { ...progress.context, store: ctx.lockoutStore, callId: progress.call.callSid };
}

/**
 * Moves the call to its next step at once, so that no sealed state names the
 * step while this request is in flight: of two requests answering one step,
 * only the first acts. `undefined`: another request got there first.
 */
function claim(ctx: Context, progress: CallProgress): CallProgress | undefined {
  const claimed = { ...progress, step: progress.step + 1 };
  return ctx.ledger.advance(progress.call.callSid, progress.step, claimed, ctx.now())
    ? claimed
    : undefined;
}

/**
 * Twilio's Gather in docs/rules.md#code-entry events. `Digits` never holds the `finishOnKey`;
 * Twilio posts when `numDigits` keys came (no more event), when `#` ended it
 * (`FinishedOnKey=#`), or when the caller paused after some keys (a timeout).
 * With no keys at all — silence, or `#` alone — Twilio does not post: it runs
 * the `<Redirect>` after the Gather, which is a timeout here. Either way an
 * early end submits what was keyed, as docs/rules.md#code-entry says for both.
 */
function gatherEvents(
  entry: Extract<EntryState, { phase: 'collecting' }>,
  noInput: boolean,
  digits: string,
  finishedOnKey: string,
): EntryEvent[] {
  if (noInput) return [{ type: 'timeout' }];
  const asked = entry.options.codeLength - entry.digits.length;
  const keys = [...digits].filter(isKey).map((key): EntryEvent => ({ type: 'key', key }));
  // More keys than asked for is not what Twilio sends: keep the ones asked for.
  keys.length = Math.min(keys.length, asked);
  if (keys.length === asked) return keys;
  return [...keys, finishedOnKey === '#' ? { type: 'key', key: '#' } : { type: 'timeout' }];
}

function isKey(
  key: string,
): key is '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' {
  return /^[0-9*]$/.test(key);
}

/**
 * The look-up step (docs/rules.md#code-entry, docs/rules.md#mid-call-tagging, docs/rules.md#lockout): at most `maxRetries` look-ups per
 * CallSid, whatever the state says (`undefined`: refused, the call ends);
 * each one admitted against the lockout ledger, performed, settled
 * (`performLookup`: a ledger that fails answers `ledger-unavailable`).
 */
async function lookUp(
  ctx: Context,
  progress: { lookups: number },
  maxRetries: number,
  effect: LookupEffect,
  lockout: LookupContext,
): Promise<{ event: LookupResultEvent | LookupRefusedEvent; problem?: string } | undefined> {
  if (progress.lookups >= maxRetries) return undefined;
  progress.lookups += 1;
  const done = await performLookup(effect, ctx.directory, lockout);
  for (const alert of done.alerts) ctx.options.onAlert?.(alert, lockout.callId);
  return {
    event: done.event,
    ...(done.problem === null ? {} : { problem: done.problem.message }),
  };
}

/**
 * Performs the machine's effects into TwiML, and moves the ledger to the next
 * step. `progress` is claimed (see {@link claim}); `problem` is a ledger
 * failure met before, for the record.
 */
async function step(
  ctx: Context,
  progress: CallProgress,
  lockout: LookupContext,
  initial: EntryState,
  initialEffects: readonly EntryEffect[],
  problem?: string,
): Promise<TwilioResponse> {
  const response = new VoiceResponse();
  const prompts: PromptId[] = [];
  const queue = [...initialEffects];
  const spent = { lookups: progress.lookups };
  let state = initial;
  let why = problem;
  let ending: 'connect' | 'end' | 'refused' | undefined;
  for (let effect = queue.shift(); effect !== undefined; effect = queue.shift()) {
    switch (effect.type) {
      case 'play':
        prompts.push(effect.prompt);
        break;
      case 'lookup': {
        const answer = await lookUp(ctx, spent, state.options.maxRetries, effect, lockout);
        if (answer === undefined) {
          ending = 'refused';
          queue.length = 0;
          break;
        }
        why = answer.problem ?? why;
        const next = advance(state, answer.event);
        state = next.state;
        queue.push(...next.effects);
        break;
      }
      case 'connect':
        ending = 'connect';
        break;
      case 'end':
        ending = 'end';
        break;
      default:
        effect satisfies never;
    }
  }
  const record = callRecord(state);
  const finished = ending !== undefined || isTerminal(state);
  const nextProgress: CallProgress = {
    ...progress,
    lookups: spent.lookups,
    attempts: record.attempts,
    digits: state.phase === 'collecting' ? state.digits : '',
    finished,
  };
  // The claimed step, unless a status callback ended the call meanwhile.
  if (!ctx.ledger.advance(progress.call.callSid, progress.step, nextProgress, ctx.now())) {
    return hangup();
  }
  if (finished) {
    const outcome: TwilioCallRecord['outcome'] =
      ending === 'refused' || record.outcome === 'incomplete' ? 'refused' : record.outcome;
    writeRecord(ctx, progress.call, record, outcome, why);
    for (const prompt of prompts) say(ctx, response, prompt, state);
    const { callSid } = progress.call;
    const draft = cdrDraft(progress.call, progress.startedAt, { gated: true, entry: record });
    if (ending === 'connect' && outcome !== 'refused')
      return twiml(dial(ctx, response, progress.call.target, callSid, draft));
    unanswered(ctx, callSid, draft);
    response.hangup();
    return twiml(response);
  }
  // Still collecting: the prompts play inside the Gather, so a caller may key over them.
  // Signed, not encrypted: the digits keyed so far stay in the ledger (nextProgress).
  const entry = state.phase === 'collecting' ? { ...state, digits: '' } : state;
  const token = sealState(
    { entry, callSid: progress.call.callSid, step: progress.step, issuedAt: ctx.now() },
    ctx.key,
  );
  const action = `${ctx.origin}/gather?state=${token}`;
  const collecting = state.phase === 'collecting' ? state : undefined;
  const g = response.gather({
    input: ['dtmf'],
    numDigits: state.options.codeLength - (collecting?.digits.length ?? 0),
    finishOnKey: '#',
    timeout: ctx.gatherTimeoutSeconds,
    action,
    method: 'POST',
  });
  for (const prompt of prompts) say(ctx, g, prompt, state);
  // Twilio runs the next verb when the Gather got no keys: that is a timeout.
  response.redirect({ method: 'POST' }, `${action}&timeout=1`);
  return twiml(response);
}

function say(
  ctx: Context,
  into: { say(message: string): unknown; play(url: string): unknown },
  prompt: PromptId,
  state: EntryState,
): void {
  const url = ctx.options.promptUrls?.[prompt];
  if (url !== undefined) into.play(url);
  // `accepted` is a tone (docs/rules.md#code-entry): without a recording there is nothing to say.
  else if (prompt !== 'accepted') into.say(promptText(prompt, state.options.codeLength));
}

async function status(ctx: Context, params: Params): Promise<TwilioResponse> {
  const callSid = params.CallSid as string;
  const ended = ['completed', 'busy', 'no-answer', 'canceled', 'failed'].includes(
    params.CallStatus ?? '',
  );
  const progress = ended ? ctx.ledger.get(callSid, ctx.now()) : undefined;
  if (progress !== undefined && !progress.finished) {
    const done: CallProgress = { ...progress, step: progress.step + 1, finished: true };
    if (ctx.ledger.advance(callSid, progress.step, done, ctx.now())) {
      const entry = {
        accountCode: null,
        validated: false,
        attempts: progress.attempts,
        outcome: 'abandoned' as const,
      };
      writeRecord(ctx, progress.call, entry, 'abandoned');
      unanswered(ctx, callSid, cdrDraft(progress.call, progress.startedAt, { gated: true, entry }));
    }
  }
  return twiml(new VoiceResponse());
}

function writeRecord(
  ctx: Context,
  call: CallProgress['call'],
  tags: Pick<TwilioCallRecord, 'accountCode' | 'validated' | 'attempts'>,
  outcome: TwilioCallRecord['outcome'],
  problem?: string,
): void {
  const { target: _, ...fields } = call;
  const { accountCode, validated, attempts } = tags;
  record(ctx, {
    ...fields,
    accountCode,
    validated,
    attempts,
    outcome,
    ...(problem === undefined ? {} : { problem }),
  });
}

/** Ends a claimed call before code entry started, with its record. */
function finish(
  ctx: Context,
  progress: CallProgress,
  fields: Pick<TwilioCallRecord, 'accountCode' | 'validated' | 'attempts' | 'outcome' | 'problem'>,
): void {
  if (
    ctx.ledger.advance(
      progress.call.callSid,
      progress.step,
      { ...progress, finished: true },
      ctx.now(),
    )
  ) {
    writeRecord(ctx, progress.call, fields, fields.outcome, fields.problem);
  }
}

function untagged(attempts: number, outcome: TwilioCallRecord['outcome']) {
  return { accountCode: null, validated: false, attempts, outcome };
}

function record(ctx: Context, fields: Omit<TwilioCallRecord, 'at'>): void {
  ctx.options.onRecord?.({ ...fields, at: new Date(ctx.now()).toISOString() });
}

/**
 * `<Dial>` the target. With a CDR sink, the call's record so far waits in the
 * per-call ledger, and `<Dial action>` (`/dialed`, no query: nothing of the
 * record is in any URL) brings the dialed call's status and duration when it
 * ends. A record the ledger cannot keep leaves the `<Dial>` as it is: the call
 * is dialed all the same, with no record.
 */
function dial(
  ctx: Context,
  response: VoiceResponse,
  target: DialTarget,
  callSid: string,
  draft: CdrDraft,
): VoiceResponse {
  const attributes = keep(ctx, callSid, draft)
    ? { action: `${ctx.origin}/dialed`, method: 'POST' as const }
    : {};
  if (target.sip === undefined) response.dial(attributes, target.number);
  else response.dial(attributes).sip(target.sip);
  return response;
}

/** The CDR of a call that is over before anything was dialed: unanswered, nothing billed. */
function unanswered(ctx: Context, callSid: string, draft: CdrDraft): void {
  if (keep(ctx, callSid, draft)) {
    written(ctx, callSid, { at: ctx.now(), answered: false, billableSeconds: 0 });
  }
}

/**
 * Puts the call's record in the ledger, once per `CallSid` (a replayed
 * `/voice` keeps none). Never throws: the call, an emergency call above all,
 * must not depend on its record. `false`: no record will be written.
 */
function keep(ctx: Context, callSid: string, draft: CdrDraft): boolean {
  if (ctx.options.cdr === undefined) return false;
  try {
    const now = ctx.now();
    const held = ctx.ledger.hold(callSid, { draft, expiresAt: now + RECORD_HOLD_MS }, now);
    if (held === 'full') report(ctx, 'call record not kept: the call ledger is full', callSid);
    return held === 'held';
  } catch (error) {
    report(ctx, `call record not kept: ${messageOf(error)}`, callSid);
    return false;
  }
}

/**
 * Writes the call's held record, ended as `end` says, if it was not written
 * already: of a `/dialed` and its replays, only the first writes.
 */
function written(ctx: Context, callSid: string, end: Parameters<typeof endCdr>[1]): void {
  try {
    const taken = ctx.ledger.take(callSid, ctx.now());
    if (taken.ok) {
      writeCdr(ctx.options.cdr, endCdr(taken.draft, end), (message) =>
        report(ctx, message, callSid),
      );
    } else if (taken.reason === 'unknown') {
      // Another instance answered the call (README.md, sticky routing), or the record expired.
      report(ctx, 'call record not written: this instance holds no record of the call', callSid);
    }
  } catch (error) {
    report(ctx, `call record not written: ${messageOf(error)}`, callSid);
  }
}

/** Tells `onCdrError` (default: stderr). A reporter that throws is not the call's problem. */
function report(ctx: Context, message: string, callSid: string): void {
  try {
    (ctx.options.onCdrError ?? ((m: string) => console.error(m)))(message, callSid);
  } catch {
    // Nobody is left to tell.
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the CDR knows when the call is decided (docs/integration.md, "The record report needs"). */
function cdrDraft(
  call: {
    readonly callSid: string;
    readonly dialed: string;
    readonly caller: string;
    readonly trunk?: string;
  },
  startedAt: number,
  code:
    | Pick<Extract<CdrDraft, { gated: true }>, 'gated' | 'entry'>
    | Pick<Extract<CdrDraft, { gated: false }>, 'gated' | 'midCall'>,
): CdrDraft {
  return {
    callId: call.callSid,
    start: new Date(startedAt).toISOString(),
    trunk: call.trunk ?? null,
    dialed: call.dialed,
    caller: call.caller === '' ? null : call.caller,
    ...code,
  };
}

/**
 * `<Dial action>`: the dialed call ended. `DialCallStatus` says whether it
 * was answered, `DialCallDuration` the seconds billed; the record held in the
 * ledger says the rest. The call is over either way.
 */
async function dialed(ctx: Context, params: Params): Promise<TwilioResponse> {
  // No sink: no <Dial> had an action, so there is no record to finish.
  if (ctx.options.cdr === undefined) return hangup();
  const status = params.DialCallStatus ?? '';
  written(ctx, params.CallSid as string, {
    at: ctx.now(),
    answered: status === 'completed' || status === 'answered',
    billableSeconds: Number(params.DialCallDuration ?? '0'),
  });
  return hangup();
}

function hangup(): TwilioResponse {
  const response = new VoiceResponse();
  response.hangup();
  return twiml(response);
}

function twiml(response: VoiceResponse): TwilioResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: response.toString(),
  };
}

function text(status: number, body: string): TwilioResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}
