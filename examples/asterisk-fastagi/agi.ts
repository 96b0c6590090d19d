/**
 * The AGI wire protocol over any duplex stream (a FastAGI TCP socket, or a
 * pair of in-memory streams): the `agi_*` environment Asterisk sends first,
 * then one command line out and one reply line back, in lock step. No call
 * logic lives here; see session.ts.
 *
 * Replies look like `200 result=49 (dtmf) endpos=1234`; errors like
 * `510 Invalid or unknown command`, `511 Command Not Permitted on a dead
 * channel` or a multi-line `520-…` usage text. When the channel hangs up,
 * Asterisk also writes an unsolicited `HANGUP` line to a FastAGI socket.
 */
import type { Duplex } from 'node:stream';

/** The `agi_*` header lines, without the `agi_` prefix: `extension`, `callerid`, `uniqueid`… */
export type AgiEnvironment = Readonly<Record<string, string>>;

/** A `200` reply: `result=` and the text in parentheses, if any. */
export interface AgiReply {
  readonly result: number;
  /** `dtmf` in `200 result=49 (dtmf)`, `hq` in `200 result=1 (hq)`. */
  readonly data?: string;
}

/**
 * What came back for a command. `hangup` covers every way Asterisk says the
 * caller is gone: the `HANGUP` notification, a `511` reply and a closed
 * socket. `error` is a protocol failure (a reply that is not AGI, a `510`
 * or `520`, no reply in time): the session cannot go on.
 */
export type AgiResponse =
  | { readonly kind: 'reply'; readonly reply: AgiReply }
  | { readonly kind: 'hangup' }
  | { readonly kind: 'error'; readonly message: string };

/** What {@link AgiChannel.readEnvironment} gives. */
export type EnvironmentResult =
  | { readonly ok: true; readonly environment: AgiEnvironment }
  | { readonly ok: false; readonly message: string };

/** One AGI conversation. */
export interface AgiChannel {
  /** Reads the `agi_*: value` lines up to the blank line that ends them. */
  readEnvironment(): Promise<EnvironmentResult>;
  /** Sends one command line and waits for its reply. */
  command(line: string): Promise<AgiResponse>;
  /** Ends the conversation: for FastAGI, closing the socket lets the dialplan continue. */
  close(): void;
}

/** Limits that keep a misbehaving peer from holding memory or the session forever. */
export interface AgiChannelOptions {
  /** How long to wait for any one reply to a command. */
  readonly replyTimeoutMs: number;
  /**
   * How long to wait for the whole environment after the connection opens.
   * Asterisk sends it at once; a peer that sends nothing is closed after this.
   * Default: `replyTimeoutMs`.
   */
  readonly environmentTimeoutMs?: number;
  /** Longest line accepted, complete or not; Asterisk's lines are far shorter. */
  readonly maxLineLength?: number;
  /** Most environment lines accepted (Asterisk sends about 25, plus `agi_arg_N`). */
  readonly maxEnvironmentLines?: number;
  /**
   * Most characters received and not yet read, complete lines included.
   * Asterisk talks in lock step (the environment, then one reply per
   * command), so a peer past this is flooding: the connection is closed, and
   * it costs the other sessions no more than this much work.
   */
  readonly maxQueuedChars?: number;
  /** Most lines received and not yet read. Default: the environment's limit and one reply's. */
  readonly maxQueuedLines?: number;
  /**
   * Most lines read for one command's reply (a `520-` usage text is the
   * longest, some 30 lines); blank lines count. More is a flood: closed.
   */
  readonly maxReplyLines?: number;
}

/** Default {@link AgiChannelOptions.maxQueuedChars}: room for the largest environment allowed. */
export const DEFAULT_MAX_QUEUED_CHARS = 256 * 1024;

type LineRead =
  | { readonly kind: 'line'; readonly line: string }
  | { readonly kind: 'closed' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'too-long' }
  | { readonly kind: 'flood' };

/**
 * Wraps a duplex stream as an AGI channel. Never throws: stream errors read
 * as a closed stream, and every wait is bounded by `replyTimeoutMs`.
 *
 * @example
 * ```ts
 * const agi = createAgiChannel(socket, { replyTimeoutMs: 30_000 });
 * const env = await agi.readEnvironment();
 * if (env.ok) await agi.command('WAIT FOR DIGIT 5000'); // { kind: 'reply', reply: { result: 49 } }
 * agi.close();
 * ```
 */
export function createAgiChannel(stream: Duplex, options: AgiChannelOptions): AgiChannel {
  const maxLineLength = options.maxLineLength ?? 8192;
  const maxEnvironmentLines = options.maxEnvironmentLines ?? 512;
  const maxQueuedChars = options.maxQueuedChars ?? DEFAULT_MAX_QUEUED_CHARS;
  const maxReplyLines = options.maxReplyLines ?? 256;
  const maxQueuedLines = options.maxQueuedLines ?? maxEnvironmentLines + 1 + maxReplyLines;
  // A queue read from `head` (Array.shift is O(n) a line: a flood made it quadratic).
  const lines: string[] = [];
  let head = 0;
  let queuedChars = 0;
  let buffer = '';
  let closed = false;
  let failure: 'too-long' | 'flood' | undefined;
  let wake: (() => void) | undefined;

  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  /** Stops reading a peer that broke a limit: closed at once, no more work for its data. */
  const refuse = (why: 'too-long' | 'flood') => {
    failure = why;
    buffer = '';
    stream.destroy();
    notify();
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    if (failure !== undefined) return;
    const text = buffer + chunk;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      // The limit holds for complete lines too, not only for the unfinished rest.
      if (newline - start > maxLineLength) return refuse('too-long');
      // Asterisk ends lines with \n; tolerate \r\n from other peers.
      const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      const line = text.slice(start, end);
      lines.push(line);
      queuedChars += line.length + 1;
      start = newline + 1;
      if (queuedChars > maxQueuedChars || lines.length - head > maxQueuedLines) {
        return refuse('flood');
      }
    }
    buffer = text.slice(start);
    if (buffer.length > maxLineLength) return refuse('too-long');
    notify();
  });
  /** The oldest unread line, in O(1). */
  const shift = (): string | undefined => {
    if (head === lines.length) return undefined;
    const line = lines[head] as string;
    head += 1;
    queuedChars -= line.length + 1;
    if (head === lines.length) {
      lines.length = 0;
      head = 0;
    } else if (head >= 1024 && head * 2 >= lines.length) {
      // Drop the read half now and then: amortised O(1), memory bounded.
      lines.splice(0, head);
      head = 0;
    }
    return line;
  };
  const onGone = () => {
    closed = true;
    notify();
  };
  stream.on('end', onGone);
  stream.on('close', onGone);
  // Without a listener a reset connection would crash the process.
  stream.on('error', onGone);

  /** The next line, waiting at most until `deadline` (epoch ms). */
  const nextLineBy = (deadline: number): Promise<LineRead> => {
    if (failure !== undefined) return Promise.resolve({ kind: failure });
    const line = shift();
    if (line !== undefined) return Promise.resolve({ kind: 'line', line });
    if (closed) return Promise.resolve({ kind: 'closed' });
    return new Promise<LineRead>((resolve) => {
      const timer = setTimeout(
        () => {
          wake = undefined;
          resolve({ kind: 'timeout' });
        },
        Math.max(0, deadline - Date.now()),
      );
      wake = () => {
        clearTimeout(timer);
        resolve(nextLineBy(deadline));
      };
    });
  };

  return {
    async readEnvironment() {
      const environment: Record<string, string> = {};
      // One deadline for the whole environment: a trickle of lines cannot hold the socket.
      const deadline = Date.now() + (options.environmentTimeoutMs ?? options.replyTimeoutMs);
      for (let count = 0; count <= maxEnvironmentLines; count++) {
        const read = await nextLineBy(deadline);
        if (read.kind !== 'line')
          return { ok: false, message: describeFailure(read, 'environment') };
        if (read.line === '') return { ok: true, environment };
        const match = /^agi_([a-z0-9_]+):\s?(.*)$/i.exec(read.line);
        if (match === null) {
          return { ok: false, message: `not an AGI environment line: ${quote(read.line)}` };
        }
        environment[(match[1] as string).toLowerCase()] = match[2] as string;
      }
      return { ok: false, message: `more than ${maxEnvironmentLines} environment lines` };
    },

    async command(line) {
      // A newline would smuggle a second command onto the channel.
      if (/[\r\n]/.test(line)) return { kind: 'error', message: 'a command must be one line' };
      if (closed || !stream.writable) return { kind: 'hangup' };
      stream.write(`${line}\n`);
      // One deadline per command, however many lines the reply takes.
      const deadline = Date.now() + options.replyTimeoutMs;
      let linesRead = 0;
      const next = (): Promise<LineRead> => {
        linesRead += 1;
        if (linesRead > maxReplyLines && failure === undefined) refuse('flood');
        return nextLineBy(deadline);
      };
      for (;;) {
        const read = await next();
        if (read.kind === 'closed') return { kind: 'hangup' };
        if (read.kind !== 'line') return { kind: 'error', message: describeFailure(read, line) };
        const response = await parseReply(read.line, next);
        if (response !== undefined) return response;
      }
    },

    close() {
      stream.end();
      // A peer that never reads must not keep the socket open.
      setTimeout(() => stream.destroy(), options.replyTimeoutMs).unref();
    },
  };
}

/**
 * Reads one reply starting at `line`; `undefined` for a line to skip. The
 * `HANGUP` notification counts as the answer: once the caller is gone the
 * session sends nothing more, so the `511` that may follow is never read.
 */
async function parseReply(
  line: string,
  nextLine: () => Promise<LineRead>,
): Promise<AgiResponse | undefined> {
  if (line === 'HANGUP') return { kind: 'hangup' };
  if (line === '') return undefined;
  const match = /^(\d{3})([ -])(.*)$/.exec(line);
  if (match === null) return { kind: 'error', message: `not an AGI reply: ${quote(line)}` };
  const status = match[1] as string;
  const rest = match[3] as string;
  if (status === '200') {
    const result = /^result=(-?\d+)(?: \(([^)]*)\))?/.exec(rest);
    if (result === null) return { kind: 'error', message: `not an AGI reply: ${quote(line)}` };
    const data = result[2];
    return {
      kind: 'reply',
      reply: { result: Number(result[1]), ...(data === undefined ? {} : { data }) },
    };
  }
  if (status === '511') return { kind: 'hangup' };
  if (match[2] === '-') {
    // A multi-line reply (`520-Invalid command syntax…` … `520 End of proper usage.`): read it all.
    for (;;) {
      const more = await nextLine();
      if (more.kind !== 'line') break;
      if (more.line.startsWith(`${status} `)) break;
    }
  }
  return { kind: 'error', message: `Asterisk answered ${quote(line)}` };
}

function describeFailure(read: Exclude<LineRead, { kind: 'line' }>, waitingFor: string): string {
  switch (read.kind) {
    case 'closed':
      return `connection closed while waiting for the ${waitingFor}`;
    case 'timeout':
      return `no answer in time to ${quote(waitingFor)}`;
    case 'too-long':
      return 'a line longer than the limit';
    case 'flood':
      return 'more data than the limit, unread: the connection was closed';
    default:
      return read satisfies never;
  }
}

function quote(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}
