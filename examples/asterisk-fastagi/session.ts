/**
 * One call through `AGI(agi://host/account-codes)`: read the AGI
 * environment, evaluate the call (`evaluateCall`: classification first), and
 * when a code is needed ask the lockout ledger (`lockoutGate`, docs/rules.md#lockout) and
 * drive the library's code-entry machine with AGI commands, each look-up
 * admitted and settled by `performLookup`. The library decides everything;
 * this file only maps its effects to Asterisk commands and Asterisk's
 * replies to its events.
 *
 * It fails closed. The dialplan dials only when `ACCOUNT_CODES_ALLOW` is
 * `yes`, and the session sets that only on `not-required`, `connected` or
 * `connected-after-max-retries`, as its last command. Every other end — a
 * wrong code, a locked line (`locked-out`), a lockout ledger that cannot
 * answer (`ledger-unavailable`), a hangup, an unknown trunk, an undialable
 * string, a prompt that fails to play, a reply that is not AGI, a
 * `510`/`520`, no reply in time, a session that runs too long — sends `HANGUP` (when the socket is still
 * open). Emergency calls are never hung up by the session (docs/rules.md#the-decision).
 *
 * Calls nobody can key (docs/rules.md#calls-nobody-can-key): a channel whose
 * redirecting information names the number it was diverted from
 * (`agi_rdnis`, which Asterisk fills from the redirecting party of a
 * forwarded, follow-me or diverted call — a SIP `Diversion` header, or
 * `REDIRECTING(from-num)` set by a Dial that forwards — and sends as `unknown`
 * otherwise) is evaluated as unattended: a gated call never prompts. The
 * dialplan may carry the code of the call that caused it in the channel
 * variable `ACCOUNT_CODES_CARRIED_CODE` (for a transfer, the transferring
 * channel's `CDR(accountcode)`); a carried code is judged without lockout, so
 * only the dialplan may set it, never anything the caller sends.
 *
 * `ACCOUNT_CODES_RESULT` carries the word for the log and the CDR:
 * `not-required`, `connected`, `connected-after-max-retries`,
 * `connected-unattended`, `ended`,
 * `locked-out`, `ledger-unavailable`, `abandoned`, `invalid-dial-string` or
 * `error`.
 */
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import {
  advance,
  type CallEvaluation,
  type CallOutcome,
  type CallRecord,
  type Classification,
  type CodeDirectory,
  type Config,
  callRecord,
  type EffectiveSettings,
  type EntryEffect,
  type EntryEvent,
  evaluateCall,
  isDtmfKey,
  isTerminal,
  type LockoutAlert,
  type LockoutStore,
  type LookupContext,
  lockoutGate,
  type PromptId,
  performLookup,
  startCodeEntry,
  type UnattendedOutcome,
  type UnattendedRule,
} from 'account-codes';
import { type CdrDraft, type CdrSink, endCdr, writeCdr } from '../cdr-sink.js';
import { type AgiEnvironment, type AgiReply, type AgiResponse, createAgiChannel } from './agi.js';
import type { CdrTokens } from './cdr-token.js';

/** How a session ended; `ACCOUNT_CODES_RESULT` carries the same word when the channel is still up. */
export type AgiSessionResult =
  | 'not-required'
  | Exclude<CallOutcome, 'incomplete'>
  | 'invalid-dial-string'
  | 'error'
  /** The call-end session (`agi://host/account-codes/end`): the CDR record was handed to the sink. */
  | 'recorded'
  /**
   * A call-end session with no record to finish (an emergency call's, written
   * at once): nothing written, nothing reported.
   */
  | 'no-record';

/** What one session did, for logs and tests. Never holds the code itself: in authorization mode it is a PIN. */
export interface AgiSessionOutcome {
  readonly result: AgiSessionResult;
  readonly uniqueId: string;
  readonly dialed: string;
  readonly trunk?: string;
  /** Code-entry attempts, when code entry ran. */
  readonly attempts?: number;
  readonly tagged?: boolean;
  /** Why the session failed, for `error`. */
  readonly problem?: string;
  /** An emergency call: allowed before anything could fail, and never hung up by the session. */
  readonly emergency?: boolean;
  /**
   * What the dialplan dials (`ACCOUNT_CODES_DIAL`): the number the library
   * read, never the raw `${EXTEN}`, so keys after it are never sent to the carrier.
   */
  readonly target?: string;
  /** A gated call nobody could key (`agi_rdnis`): what settled it. */
  readonly unattended?: UnattendedRule;
}

/** What a session needs; the directory is built once per server, not per call. */
export interface AgiSessionOptions {
  readonly config: Config;
  readonly directory: CodeDirectory;
  /** The lockout ledger (docs/rules.md#lockout): failures across calls, shared by every session (and node). */
  readonly lockoutStore: LockoutStore;
  /** A scope locked, or a hit after failures: tell an administrator. Default: the log. */
  readonly onAlert?: (alert: LockoutAlert, uniqueId: string) => void;
  /** `WAIT FOR DIGIT` timeout: how long a caller may pause between keys. */
  readonly digitTimeoutMs?: number;
  /** How long to wait for Asterisk to answer one command (a prompt can take a while). */
  readonly replyTimeoutMs?: number;
  /** How long a new connection may take to send the AGI environment. */
  readonly environmentTimeoutMs?: number;
  /** The longest a whole session may run; past it the call is hung up. */
  readonly sessionTimeoutMs?: number;
  /** Sound file per prompt, without extension. Default `account-codes/<prompt id>`. */
  readonly soundFiles?: Partial<Readonly<Record<PromptId, string>>>;
  /** The channel variable naming the trunk. Default `ACCOUNT_CODES_TRUNK`. */
  readonly trunkVariable?: string;
  /**
   * The channel variable the dialplan sets to the code of the call that
   * caused a forwarded or transferred one. Default `ACCOUNT_CODES_CARRIED_CODE`.
   */
  readonly carriedCodeVariable?: string;
  /**
   * Where the code goes. Default `CDR(accountcode)`; Asterisk 12+ deprecates
   * writing it there in favour of `CHANNEL(accountcode)`.
   */
  readonly accountCodeVariable?: string;
  /** One line per call and per failure. Default: none. */
  readonly log?: (line: string) => void;
  /**
   * Where the library's JSON-lines CDR records go when a call ends, for
   * `account-codes report --cdr`: a file path (appended) or a callback. An
   * allowed call's record is finished by the call-end session the dialplan's
   * hangup handler runs (README, "Records for report"); any other is
   * written when the session ends. Default: none written.
   */
  readonly cdr?: CdrSink;
  /**
   * A CDR record that could not be written, or a call-end session's record
   * refused (not sealed by this server, another call's, already written).
   * Default: the log. The call is never affected, even when this throws.
   */
  readonly onCdrError?: (message: string, uniqueId: string) => void;
  /** Seals an allowed call's record for the dialplan and opens it at the call's end, once. One per server. */
  readonly cdrTokens: CdrTokens;
}

/** Default `WAIT FOR DIGIT` timeout (docs/rules.md#code-entry's "no key in time"). */
export const DEFAULT_DIGIT_TIMEOUT_MS = 5_000;
/** Default wait for one reply: longer than the longest prompt file. */
export const DEFAULT_REPLY_TIMEOUT_MS = 60_000;
/** Default wait for the environment: Asterisk sends it as soon as it connects. */
export const DEFAULT_ENVIRONMENT_TIMEOUT_MS = 5_000;
/**
 * Default bound on a whole session. Code entry needs at most `maxRetries` (≤ 9)
 * prompts and a few digit timeouts each; five minutes is far more, and stops a
 * peer that answers `WAIT FOR DIGIT` with keys docs/rules.md#code-entry ignores, forever.
 */
export const DEFAULT_SESSION_TIMEOUT_MS = 5 * 60_000;

const RESULT_VARIABLE = 'ACCOUNT_CODES_RESULT';
/** The allowed call's record so far, sealed to the call (cdr-token.ts), for the call-end session. */
const CDR_VARIABLE = 'ACCOUNT_CODES_CDR';
/** The AGI script of the call-end session: `AGI(agi://host/account-codes/end,${DIALSTATUS},${CDR(billsec)},${ACCOUNT_CODES_CDR})`. */
const END_SCRIPT = 'account-codes/end';
/** The number to dial: E.164, or the national form, extension or emergency number the library read. */
const DIAL_VARIABLE = 'ACCOUNT_CODES_DIAL';
/** The one variable the dialplan dials on; see the module comment. */
const ALLOW_VARIABLE = 'ACCOUNT_CODES_ALLOW';

/** The ends on which the dialplan may dial. */
const ALLOWED_RESULTS: ReadonlySet<AgiSessionResult> = new Set([
  'not-required',
  'connected',
  'connected-after-max-retries',
  'connected-unattended',
]);

/**
 * Runs one AGI session over `stream` and closes it. Never rejects: protocol
 * errors and surprises end the session cleanly with one log line, and with
 * `HANGUP` unless the call was allowed.
 *
 * @example
 * ```ts
 * const sessionOptions = { config, directory, lockoutStore, cdrTokens: createCdrTokens() };
 * net.createServer((socket) => {
 *   void runAgiSession(socket, sessionOptions);
 * });
 * ```
 */
export async function runAgiSession(
  stream: Duplex,
  options: AgiSessionOptions,
): Promise<AgiSessionOutcome> {
  const log = options.log ?? (() => {});
  const agi = createAgiChannel(stream, {
    replyTimeoutMs: options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS,
    environmentTimeoutMs: options.environmentTimeoutMs ?? DEFAULT_ENVIRONMENT_TIMEOUT_MS,
  });
  const deadline = Date.now() + (options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS);
  // Every command: a reply, or a Stop thrown to the catch in `call`.
  const send = async (line: string) => {
    if (Date.now() > deadline)
      throw new Stop({ kind: 'error', message: 'the session ran too long' });
    const response = await agi.command(line);
    if (response.kind !== 'reply') throw new Stop(response);
    return response.reply;
  };
  const env = await agi.readEnvironment();
  if (!env.ok) {
    // No AGI session yet, so nothing to hang up: closing the socket makes
    // `AGI()` fail, and the dialplan, seeing no allow flag, hangs up.
    agi.close();
    const outcome: AgiSessionOutcome = {
      result: 'error',
      uniqueId: '',
      dialed: '',
      problem: env.message,
    };
    log(describeOutcome(outcome));
    return outcome;
  }
  if (env.environment.network_script === END_SCRIPT) {
    // The hangup handler's session: nothing to decide, nothing to send.
    agi.close();
    const outcome = recordCallEnd(env.environment, options);
    log(describeOutcome(outcome));
    return outcome;
  }
  const started = Date.now();
  let outcome: AgiSessionOutcome;
  let draft: CdrDraft | undefined;
  try {
    ({ draft, ...outcome } = await call(env.environment, send, options, started));
  } catch (error) {
    // The library is total, so this is a bug in this file; fail closed all the same.
    const problem = error instanceof Error ? error.message : String(error);
    outcome = { result: 'error', uniqueId: '', dialed: '', problem };
  }
  if (ALLOWED_RESULTS.has(outcome.result)) {
    outcome = await allow(send, outcome);
  }
  if (!ALLOWED_RESULTS.has(outcome.result) && !outcome.emergency) {
    // Fail closed: whatever went wrong, the dialplan must not go on to Dial.
    await agi.command('HANGUP');
  }
  if (draft !== undefined && options.cdr !== undefined) {
    // After the allow flag (or the hangup), and never for an emergency call,
    // whose Dial must not wait on one more command: it is written now.
    const allowed = ALLOWED_RESULTS.has(outcome.result) && outcome.emergency !== true;
    await handOverCdr(send, draft, allowed, options);
  }
  agi.close();
  log(describeOutcome(outcome));
  return outcome;
}

/**
 * An allowed call's record waits in a channel variable for the call-end
 * session, which knows how the dial went; any other call is over (or an
 * emergency call, never held up): its record is written now, unanswered.
 */
async function handOverCdr(
  send: Send,
  draft: CdrDraft,
  allowed: boolean,
  options: AgiSessionOptions,
): Promise<void> {
  if (!allowed) {
    writeCdr(
      options.cdr,
      endCdr(draft, { at: Date.now(), answered: false, billableSeconds: 0 }),
      (m) => cdrError(options, m, draft.callId ?? ''),
    );
    return;
  }
  try {
    await send(`SET VARIABLE ${CDR_VARIABLE} ${options.cdrTokens.seal(draft)}`);
  } catch (stop) {
    const why = stop instanceof Stop ? stop.response.kind : String(stop);
    cdrError(options, `call record not handed to the dialplan (${why})`, draft.callId ?? '');
  }
}

/**
 * The call-end session: the hangup handler passes `DIALSTATUS`,
 * `CDR(billsec)` and the sealed record so far as arguments; the record is
 * finished and written. Anyone who reaches the port can start one, so only a
 * record this server sealed for this uniqueid, not yet written, is accepted
 * (cdr-token.ts). No record at all (an emergency call's, written at once) is
 * not an error.
 */
function recordCallEnd(environment: AgiEnvironment, options: AgiSessionOptions): AgiSessionOutcome {
  const uniqueId = environment.uniqueid ?? '';
  const outcome = { uniqueId, dialed: '' };
  const token = environment.arg_3 ?? '';
  if (token === '') return { ...outcome, result: 'no-record' };
  const opened = options.cdrTokens.open(token, uniqueId);
  if (!opened.ok) {
    const problem = `call record not written: ${CDR_VARIABLE} ${opened.problem}`;
    cdrError(options, problem, uniqueId);
    return { ...outcome, result: 'error', problem };
  }
  const { draft } = opened;
  writeCdr(
    options.cdr,
    endCdr(draft, {
      at: Date.now(),
      answered: environment.arg_1 === 'ANSWER',
      billableSeconds: Number(environment.arg_2 ?? '0'),
    }),
    (m) => cdrError(options, m, uniqueId),
  );
  return { ...outcome, dialed: draft.dialed, result: 'recorded' };
}

/** Tells the integrator; a reporter that throws must not end the session, nor the server. */
function cdrError(options: AgiSessionOptions, message: string, uniqueId: string): void {
  try {
    if (options.onCdrError !== undefined) options.onCdrError(message, uniqueId);
    else options.log?.(`account-codes: call ${uniqueId || '?'}: ${message}`);
  } catch {
    // Nobody left to tell: the call, and every other call, goes on.
  }
}

type Send = (line: string) => Promise<AgiReply>;

/**
 * Tells the dialplan it may dial: the result word, the number to dial, then
 * the allow flag, last, so a session cut short before it never reads as allowed.
 */
async function allow(send: Send, outcome: AgiSessionOutcome): Promise<AgiSessionOutcome> {
  try {
    await send(`SET VARIABLE ${RESULT_VARIABLE} ${outcome.result}`);
    // No number read: nothing to dial (an evaluation that allowed always has one).
    if (outcome.target === undefined)
      return { ...outcome, result: 'error', problem: 'no number to dial' };
    await send(`SET VARIABLE ${DIAL_VARIABLE} ${outcome.target}`);
    await send(`SET VARIABLE ${ALLOW_VARIABLE} yes`);
    return outcome;
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    const problem = stop.response.kind === 'hangup' ? 'hung up' : stop.response.message;
    return { ...outcome, result: stop.response.kind === 'hangup' ? 'abandoned' : 'error', problem };
  }
}

/** A protocol failure or hangup met while the session was talking to Asterisk. */
class Stop {
  constructor(readonly response: Exclude<AgiResponse, { kind: 'reply' }>) {}
}

/**
 * The call-evaluation step (docs/rules.md#classification and docs/rules.md#the-decision), fail-safe: `evaluateCall`
 * classifies first and exempts an emergency number whatever the trunk, so
 * one is settled before the trunk is even asked for (an unset or unknown
 * trunk, or a garbled reply, cannot refuse it); so is a string that is not
 * dialable. Only then is the trunk read and the call evaluated on it.
 */
async function evaluate(
  config: Config,
  call: { readonly dialed: string; readonly caller: string; readonly unattended: boolean },
  readTrunk: () => Promise<string>,
  readCarriedCode: () => Promise<string>,
): Promise<CallEvaluation> {
  const { unattended, ...fields } = call;
  // The call's instant: a scoped code's validity is judged at it (docs/rules.md#scoped-codes).
  const rest = { ...fields, at: Date.now() };
  const before = evaluateCall(config, { ...rest, trunk: '', unattended });
  if (before.ok || before.classification.kind === 'invalid') return before;
  const trunk = await readTrunk();
  const evaluation = evaluateCall(config, { ...rest, trunk, unattended });
  // Only a gated call nobody can key reads the carried code.
  if (!evaluation.ok || !evaluation.required || evaluation.unattended === undefined) {
    return evaluation;
  }
  const code = await readCarriedCode();
  return code === '' ? evaluation : evaluateCall(config, { ...rest, trunk, unattended: { code } });
}

/**
 * Asterisk's redirecting information: `agi_rdnis` names the number a
 * forwarded or diverted call came from; `unknown` or empty when it was not.
 */
function isRedirected(environment: AgiEnvironment): boolean {
  const rdnis = (environment.rdnis ?? '').trim();
  return rdnis !== '' && rdnis.toLowerCase() !== 'unknown';
}

async function call(
  environment: AgiEnvironment,
  send: Send,
  options: AgiSessionOptions,
  started: number,
): Promise<AgiSessionOutcome & { readonly draft?: CdrDraft }> {
  const uniqueId = environment.uniqueid ?? '';
  const dialed = environment.extension ?? '';
  const caller = environment.callerid ?? '';
  const base = { uniqueId, dialed };
  /** The CDR so far (docs/integration.md, "The record report needs"). */
  const draftOf = (code: CdrCode): CdrDraft => ({
    ...(uniqueId === '' || uniqueId.length > 64 ? {} : { callId: uniqueId }),
    start: new Date(started).toISOString(),
    trunk: trunk === undefined || trunk === '' ? null : trunk,
    dialed,
    caller: caller === '' ? null : caller,
    ...code,
  });
  const variable = options.trunkVariable ?? 'ACCOUNT_CODES_TRUNK';
  const refuse = async (result: 'ended' | 'invalid-dial-string' | 'error', problem?: string) => {
    await send(`SET VARIABLE ${RESULT_VARIABLE} ${result}`);
    return { result, ...(problem === undefined ? {} : { problem }) };
  };

  let trunk: string | undefined;
  try {
    // `200 result=0` means the variable is not set.
    const read = async (name: string) => {
      const got = await send(`GET VARIABLE ${name}`);
      return got.result === 1 ? (got.data ?? '') : '';
    };
    const evaluation = await evaluate(
      options.config,
      { dialed, caller, unattended: isRedirected(environment) },
      async () => {
        trunk = await read(variable);
        return trunk;
      },
      () => read(options.carriedCodeVariable ?? 'ACCOUNT_CODES_CARRIED_CODE'),
    );
    const withTrunk = { ...base, ...(trunk === undefined ? {} : { trunk }) };
    if (!evaluation.ok) {
      const invalid = evaluation.error.code === 'invalid-dial-string';
      const problem =
        invalid || trunk !== ''
          ? evaluation.error.message
          : `channel variable ${variable} is not set`;
      return {
        ...withTrunk,
        ...(await refuse(invalid ? 'invalid-dial-string' : 'error', problem)),
      };
    }
    const target = dialTarget(evaluation.classification, options.config.account.country);
    if (!evaluation.required) {
      // This example tags no call mid-call: the CDR's midCall is null.
      const draft = draftOf({ gated: false, midCall: null });
      return evaluation.classification.kind === 'emergency'
        ? { ...withTrunk, target, result: 'not-required', emergency: true, draft }
        : { ...withTrunk, target, result: 'not-required', draft };
    }
    if (evaluation.unattended !== undefined) {
      const draft = draftOf({ gated: true, entry: evaluation.unattended.record });
      return {
        ...withTrunk,
        target,
        ...(await settleUnattended(send, evaluation.unattended, options)),
        draft,
      };
    }
    // docs/rules.md#lockout, docs/rules.md#scoped-codes: the library's context for this call's look-ups.
    const lockout: LookupContext = {
      ...evaluation.conversation.lookups,
      store: options.lockoutStore,
      callId: uniqueId === '' ? `agi-${randomUUID()}` : uniqueId,
    };
    const { entry, ...collected } = await collectCode(
      send,
      evaluation.conversation.settings,
      lockout,
      options,
    );
    return { ...withTrunk, target, ...collected, draft: draftOf({ gated: true, entry }) };
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    const withTrunk = { ...base, ...(trunk === undefined ? {} : { trunk }) };
    const response = stop.response;
    if (response.kind === 'hangup') return { ...withTrunk, result: 'abandoned' };
    return { ...withTrunk, result: 'error', problem: response.message };
  }
}

/**
 * The number the library read, to dial instead of `${EXTEN}`: E.164 when the
 * classification has it, else the number after the outside-line prefix (an
 * extension, a national or short number). Keys after it (`911#1`, `…,123`)
 * are a suffix and never dialed (docs/rules.md#reading-a-dial-string). An
 * RFC 5031 `urn:service:sos` has no digits: 911 on +1, 112 elsewhere (every
 * GSM network routes it); give your carrier the URN instead if it takes one.
 */
export function dialTarget(classification: Classification, country: string): string {
  const c = classification;
  if (c.kind === 'emergency' && !/^\+?[0-9]+$/.test(c.number)) {
    return country === 'US' || country === 'CA' ? '911' : '112';
  }
  if (c.kind === 'external' || c.kind === 'internal') return c.e164 ?? c.number;
  return c.kind === 'invalid' ? c.dialed : c.number;
}

/**
 * A gated call nobody can key, settled by `evaluateCall`: no prompt, no
 * digits. Tag the CDR when it connects tagged; the allow flag is set by the
 * caller of `call` for the connecting outcomes only.
 */
async function settleUnattended(
  send: Send,
  unattended: UnattendedOutcome,
  options: AgiSessionOptions,
): Promise<Pick<AgiSessionOutcome, 'result' | 'attempts' | 'tagged' | 'unattended'>> {
  const { effect, record, rule } = unattended;
  if (effect.type === 'connect' && effect.accountCode !== null) {
    await send(
      `SET VARIABLE ${options.accountCodeVariable ?? 'CDR(accountcode)'} ${effect.accountCode}`,
    );
  }
  if (effect.type === 'end') await send(`SET VARIABLE ${RESULT_VARIABLE} ${record.outcome}`);
  const result: AgiSessionResult = record.outcome === 'incomplete' ? 'error' : record.outcome;
  return { result, attempts: 0, tagged: record.accountCode !== null, unattended: rule };
}

/** Code entry (docs/rules.md#code-entry) driven over AGI; the allow flag is set by the caller of `call`. */
async function collectCode(
  send: Send,
  settings: EffectiveSettings,
  lockout: LookupContext,
  options: AgiSessionOptions,
): Promise<
  Pick<AgiSessionOutcome, 'result' | 'attempts' | 'tagged' | 'problem'> & {
    readonly entry: CallRecord;
  }
> {
  // docs/rules.md#lockout: a locked line (or a ledger that cannot answer) plays locked-out and ends: no digits read.
  const gated = await lockoutGate(lockout);
  const started = startCodeEntry(settings, gated.gate);
  if (!started.ok) {
    await send(`SET VARIABLE ${RESULT_VARIABLE} error`);
    const entry: CallRecord = {
      accountCode: null,
      validated: false,
      attempts: 0,
      outcome: 'ended',
    };
    return { result: 'error', problem: started.error.message, entry };
  }
  let state = started.state;
  const queue: EntryEffect[] = [...started.effects];
  const feed = (event: EntryEvent) => {
    const next = advance(state, event);
    state = next.state;
    queue.push(...next.effects);
  };
  let problem: string | undefined;
  let note: string | undefined;
  // A lockout ledger failure, for the log; the machine already ended the call.
  let ledger = gated.problem?.message;
  try {
    for (;;) {
      const effect = queue.shift();
      if (effect === undefined) {
        // Terminal with nothing left to do: the caller hung up.
        if (isTerminal(state)) break;
        const timeout = options.digitTimeoutMs ?? DEFAULT_DIGIT_TIMEOUT_MS;
        const event = keyEvent(await send(`WAIT FOR DIGIT ${timeout}`));
        if (event !== undefined) feed(event);
        continue;
      }
      if (effect.type === 'play') {
        const played = await send(`STREAM FILE ${soundFile(options, effect.prompt)} ""`);
        // -1: the channel is gone *or* the file could not be played (a missing
        // prompt answers `200 result=-1 endpos=0` on a live channel). Either way
        // the caller did not hear the prompt: stop, and fail closed.
        if (played.result === -1) {
          note = `${soundFile(options, effect.prompt)} did not play (gone, or the file is missing)`;
          feed({ type: 'hangup' });
          break;
        }
      } else if (effect.type === 'lookup') {
        const done = await performLookup(effect, options.directory, lockout);
        for (const alert of done.alerts) options.onAlert?.(alert, lockout.callId);
        ledger = done.problem?.message ?? ledger;
        feed(done.event);
      } else if (effect.type === 'connect') {
        if (effect.accountCode !== null) {
          const target = options.accountCodeVariable ?? 'CDR(accountcode)';
          await send(`SET VARIABLE ${target} ${effect.accountCode}`);
        }
        break;
      } else if (effect.type === 'end') {
        // `ended` (max retries), `locked-out` or `ledger-unavailable`: never allowed.
        await send(`SET VARIABLE ${RESULT_VARIABLE} ${callRecord(state).outcome}`);
        break;
      } else {
        effect satisfies never;
      }
    }
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    // The machine's record says `abandoned`; the session says why, for an error.
    feed({ type: 'hangup' });
    if (stop.response.kind === 'error') problem = stop.response.message;
  }

  const record = callRecord(state);
  // A prompt that did not play ends the session unallowed, even after an accepted code.
  const result: AgiSessionResult =
    problem !== undefined || record.outcome === 'incomplete'
      ? 'error'
      : note !== undefined
        ? 'abandoned'
        : record.outcome;
  const why = problem ?? note ?? ledger;
  return {
    result,
    attempts: record.attempts,
    tagged: record.accountCode !== null,
    ...(why === undefined ? {} : { problem: why }),
    entry: record,
  };
}

/** What a CDR says of the call's code: code entry's record, or mid-call tagging's. */
type CdrCode =
  | Pick<Extract<CdrDraft, { gated: true }>, 'gated' | 'entry'>
  | Pick<Extract<CdrDraft, { gated: false }>, 'gated' | 'midCall'>;

/**
 * `WAIT FOR DIGIT`'s reply as a machine event: 0 is a timeout, -1 a hangup,
 * else the key's ASCII code. `undefined` for keys docs/rules.md#code-entry does not know
 * (A–D on some phones): they neither submit nor count, so wait again.
 */
function keyEvent(reply: { readonly result: number }): EntryEvent | undefined {
  if (reply.result === 0) return { type: 'timeout' };
  if (reply.result < 0) return { type: 'hangup' };
  const key = String.fromCharCode(reply.result);
  return isDtmfKey(key) ? { type: 'key', key } : undefined;
}

function soundFile(options: AgiSessionOptions, prompt: PromptId): string {
  return options.soundFiles?.[prompt] ?? `account-codes/${prompt}`;
}

function describeOutcome(outcome: AgiSessionOutcome): string {
  const parts = [
    `account-codes: call ${outcome.uniqueId || '?'}`,
    `dialed ${JSON.stringify(outcome.dialed)}`,
    ...(outcome.trunk === undefined ? [] : [`trunk ${JSON.stringify(outcome.trunk)}`]),
    `-> ${outcome.result}`,
    ...(outcome.unattended === undefined ? [] : [`[unattended: ${outcome.unattended}]`]),
    ...(outcome.attempts === undefined
      ? []
      : [
          `(${outcome.tagged ? 'tagged' : 'untagged'}, ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'})`,
        ]),
    ...(outcome.problem === undefined ? [] : [`: ${outcome.problem}`]),
  ];
  return parts.join(' ');
}
