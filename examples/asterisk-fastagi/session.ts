/**
 * One call through `AGI(agi://host/account-codes)`: read the AGI
 * environment, classify the dialed number, decide, and when a code is needed
 * drive the library's code-entry machine with AGI commands. The library
 * decides everything; this file only maps its effects to Asterisk commands
 * and Asterisk's replies to its events.
 *
 * What the dialplan sees afterwards, in `ACCOUNT_CODES_RESULT`:
 * `not-required`, `connected`, `connected-after-max-retries` (the socket
 * closes and the dialplan goes on to `Dial`), `ended` (after a `HANGUP`),
 * `invalid-dial-string` (no decision, SPEC §4: the dialplan chooses) or
 * `error` (a configuration problem: the call is hung up, failing closed).
 */
import type { Duplex } from 'node:stream';
import {
  advance,
  type CallOutcome,
  type CodeDirectory,
  type Config,
  callRecord,
  classifyCall,
  type DtmfKey,
  decide,
  type EntryEffect,
  type EntryEvent,
  isTerminal,
  type PromptId,
  resolveSettings,
  startCodeEntry,
} from 'account-codes';
import { type AgiChannel, type AgiResponse, createAgiChannel } from './agi.js';

/** How a session ended; `ACCOUNT_CODES_RESULT` carries the same word when the channel is still up. */
export type AgiSessionResult =
  | 'not-required'
  | Exclude<CallOutcome, 'incomplete'>
  | 'invalid-dial-string'
  | 'error';

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
}

/** What a session needs; the directory is built once per server, not per call. */
export interface AgiSessionOptions {
  readonly config: Config;
  readonly directory: CodeDirectory;
  /** `WAIT FOR DIGIT` timeout: how long a caller may pause between keys. Default 5000. */
  readonly digitTimeoutMs?: number;
  /** How long to wait for Asterisk to answer one command (a prompt can take a while). Default 60000. */
  readonly replyTimeoutMs?: number;
  /** Sound file per prompt, without extension. Default `account-codes/<prompt id>`. */
  readonly soundFiles?: Partial<Readonly<Record<PromptId, string>>>;
  /** The channel variable naming the trunk. Default `ACCOUNT_CODES_TRUNK`. */
  readonly trunkVariable?: string;
  /**
   * Where the code goes. Default `CDR(accountcode)`; Asterisk 12+ deprecates
   * writing it there in favour of `CHANNEL(accountcode)`.
   */
  readonly accountCodeVariable?: string;
  /** One line per call and per failure. Default: none. */
  readonly log?: (line: string) => void;
}

const RESULT_VARIABLE = 'ACCOUNT_CODES_RESULT';

/**
 * Runs one AGI session over `stream` and closes it. Never rejects: protocol
 * errors and surprises end the session cleanly with one log line.
 *
 * @example
 * ```ts
 * net.createServer((socket) => {
 *   void runAgiSession(socket, { config, directory });
 * });
 * ```
 */
export async function runAgiSession(
  stream: Duplex,
  options: AgiSessionOptions,
): Promise<AgiSessionOutcome> {
  const log = options.log ?? (() => {});
  const agi = createAgiChannel(stream, { replyTimeoutMs: options.replyTimeoutMs ?? 60_000 });
  let outcome: AgiSessionOutcome;
  try {
    outcome = await call(agi, options);
  } catch (error) {
    // The library is total, so this is a bug in this file; the caller's socket must still close.
    const problem = error instanceof Error ? error.message : String(error);
    outcome = { result: 'error', uniqueId: '', dialed: '', problem };
  }
  agi.close();
  log(describeOutcome(outcome));
  return outcome;
}

/** A protocol failure or hangup met while the session was talking to Asterisk. */
class Stop {
  constructor(readonly response: Exclude<AgiResponse, { kind: 'reply' }>) {}
}

async function call(agi: AgiChannel, options: AgiSessionOptions): Promise<AgiSessionOutcome> {
  const env = await agi.readEnvironment();
  if (!env.ok) return { result: 'error', uniqueId: '', dialed: '', problem: env.message };
  const uniqueId = env.environment.uniqueid ?? '';
  const dialed = env.environment.extension ?? '';
  const base = { uniqueId, dialed };

  // Every command: a reply, or a Stop thrown to the single catch below.
  const send = async (line: string) => {
    const response = await agi.command(line);
    if (response.kind !== 'reply') throw new Stop(response);
    return response.reply;
  };
  const finish = async (result: AgiSessionResult) => {
    await send(`SET VARIABLE ${RESULT_VARIABLE} ${result}`);
  };

  try {
    const { config } = options;
    const classification = classifyCall(dialed, config.account);
    // Emergency numbers first, before anything that could fail or delay (SPEC §4, Kari's Law).
    if (classification.kind === 'emergency') {
      await finish('not-required');
      return { ...base, result: 'not-required' };
    }
    if (classification.kind === 'invalid') {
      await finish('invalid-dial-string');
      return { ...base, result: 'invalid-dial-string', problem: classification.message };
    }

    const variable = options.trunkVariable ?? 'ACCOUNT_CODES_TRUNK';
    const got = await send(`GET VARIABLE ${variable}`);
    // `200 result=0` means the variable is not set.
    const trunk = got.result === 1 ? (got.data ?? '') : '';
    const resolved = resolveSettings(config, trunk);
    const decision = resolved.ok ? decide(resolved, classification) : undefined;
    if (!resolved.ok || decision === undefined || !decision.ok) {
      // Fail closed: without a trunk nobody can tell whether this costly call needs a code.
      await finish('error');
      await send('HANGUP');
      const problem = !resolved.ok
        ? trunk === ''
          ? `channel variable ${variable} is not set`
          : resolved.error.message
        : 'no decision';
      return { ...base, trunk, result: 'error', problem };
    }
    if (!decision.required) {
      await finish('not-required');
      return { ...base, trunk, result: 'not-required' };
    }

    const started = startCodeEntry(resolved.settings);
    if (!started.ok) {
      await finish('error');
      await send('HANGUP');
      return { ...base, trunk, result: 'error', problem: started.error.message };
    }
    let state = started.state;
    const queue: EntryEffect[] = [...started.effects];
    const feed = (event: EntryEvent) => {
      const next = advance(state, event);
      state = next.state;
      queue.push(...next.effects);
    };

    try {
      for (;;) {
        const effect = queue.shift();
        if (effect === undefined) {
          // Terminal with nothing left to do: the caller hung up.
          if (isTerminal(state)) break;
          const event = keyEvent(await send(`WAIT FOR DIGIT ${options.digitTimeoutMs ?? 5000}`));
          if (event !== undefined) feed(event);
          continue;
        }
        if (effect.type === 'play') {
          const played = await send(`STREAM FILE ${soundFile(options, effect.prompt)} ""`);
          if (played.result === -1) feed({ type: 'hangup' });
        } else if (effect.type === 'lookup') {
          feed(options.directory.answer(effect));
        } else if (effect.type === 'connect') {
          if (effect.accountCode !== null) {
            const target = options.accountCodeVariable ?? 'CDR(accountcode)';
            await send(`SET VARIABLE ${target} ${effect.accountCode}`);
          }
          break;
        } else if (effect.type === 'end') {
          await finish('ended');
          await send('HANGUP');
          break;
        } else {
          effect satisfies never;
        }
      }
    } catch (stop) {
      // A hangup mid-entry is an event for the machine: the record says `abandoned`.
      if (stop instanceof Stop && stop.response.kind === 'hangup') feed({ type: 'hangup' });
      else throw stop;
    }

    const record = callRecord(state);
    const result: AgiSessionResult = record.outcome === 'incomplete' ? 'error' : record.outcome;
    if (result === 'connected' || result === 'connected-after-max-retries') await finish(result);
    return {
      ...base,
      trunk,
      result,
      attempts: record.attempts,
      tagged: record.accountCode !== null,
    };
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    const response = stop.response;
    if (response.kind === 'hangup') return { ...base, result: 'abandoned' };
    return { ...base, result: 'error', problem: response.message };
  }
}

/**
 * `WAIT FOR DIGIT`'s reply as a machine event: 0 is a timeout, -1 a hangup,
 * else the key's ASCII code. `undefined` for keys SPEC §5 does not know
 * (A–D on some phones): they neither submit nor count, so wait again.
 */
function keyEvent(reply: { readonly result: number }): EntryEvent | undefined {
  if (reply.result === 0) return { type: 'timeout' };
  if (reply.result < 0) return { type: 'hangup' };
  const key = String.fromCharCode(reply.result);
  return isDtmfKey(key) ? { type: 'key', key } : undefined;
}

function isDtmfKey(key: string): key is DtmfKey {
  return /^[0-9*#]$/.test(key);
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
    ...(outcome.attempts === undefined
      ? []
      : [
          `(${outcome.tagged ? 'tagged' : 'untagged'}, ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'})`,
        ]),
    ...(outcome.problem === undefined ? [] : [`: ${outcome.problem}`]),
  ];
  return parts.join(' ');
}
