/**
 * The node:http wiring of the Twilio app: a bounded body, stated time limits
 * and a connection cap, then the handler. No call logic lives here; see app.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { TwilioHandler, TwilioResponse } from './app.js';

/** Limits of {@link createTwilioServer}; every default is an exported constant. */
export interface TwilioServerOptions {
  /** Larger bodies get 413 unread. Twilio's Voice webhooks are 1–2 kB. */
  readonly maxBodyBytes?: number;
  /** Time from connect to the end of the request headers (slowloris). */
  readonly headersTimeoutMs?: number;
  /** Time from connect to the end of the whole request. */
  readonly requestTimeoutMs?: number;
  /**
   * An idle kept-alive connection is closed after this plus one second: Node's
   * http server adds 1 s of grace (measured on Node 20 in twilio.test.ts).
   */
  readonly keepAliveTimeoutMs?: number;
  /** How often Node checks the two timeouts above; the bound is the timeout plus this. */
  readonly timeoutCheckIntervalMs?: number;
  /** Connections at once; more are closed on accept. */
  readonly maxConnections?: number;
  /**
   * Connections at once from one client address; more are closed on accept,
   * so one client's idle, half-sent requests cannot use up `maxConnections`
   * and starve Twilio's webhooks. Behind a proxy every connection comes from
   * the proxy: raise it to the proxy's pool, and limit per client there.
   */
  readonly maxConnectionsPerClient?: number;
  /** One line per failure the handler could not answer. Default: none. */
  readonly log?: (line: string) => void;
}

/** Default body limit. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
/** Default header deadline: Twilio sends its request at once. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 5_000;
/** Default request deadline, under Twilio's own 15 s webhook timeout. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Default keep-alive idle time. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** Default check interval for the deadlines (Node's own default is 30 s). */
export const DEFAULT_TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** Default connection cap. */
export const DEFAULT_MAX_CONNECTIONS = 256;
/** Default cap per client address: half of the whole, so one client leaves room for the rest. */
export const DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 128;

/**
 * An HTTP server around a {@link TwilioHandler}, not yet listening.
 *
 * @example
 * ```ts
 * const app = createTwilioApp({ config, authToken, publicUrl });
 * if (app.ok) createTwilioServer(app.handle).listen(8080, '127.0.0.1');
 * ```
 */
export function createTwilioServer(
  handle: TwilioHandler,
  options: TwilioServerOptions = {},
): Server {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? (() => {});
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval:
        options.timeoutCheckIntervalMs ?? DEFAULT_TIMEOUT_CHECK_INTERVAL_MS,
    },
    (request, response) => serve(handle, maxBodyBytes, request, response, log),
  );
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  capPerClient(server, options.maxConnectionsPerClient ?? DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
  return server;
}

/** Closes, on accept, a connection past `limit` open ones from the same address. */
function capPerClient(server: Server, limit: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const client = socket.remoteAddress ?? '';
    const count = (open.get(client) ?? 0) + 1;
    if (count > limit) {
      socket.destroy();
      return;
    }
    open.set(client, count);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
    });
  });
}

function serve(
  handle: TwilioHandler,
  maxBodyBytes: number,
  request: IncomingMessage,
  response: ServerResponse,
  log: (line: string) => void,
): void {
  const tooLarge = (): TwilioResponse => ({
    status: 413,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `the body must be at most ${maxBodyBytes} bytes`,
  });
  if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) {
    // Refuse before buffering, and close; what the client still sends is discarded
    // (bounded by the request timeout) so that it can read the 413.
    send(response, tooLarge(), true);
    request.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  request.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    // A chunked body declares no length: count as it comes.
    if (size > maxBodyBytes) {
      refused = true;
      chunks.length = 0;
      send(response, tooLarge(), true);
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', async () => {
    if (refused) return;
    let answer: TwilioResponse;
    try {
      const signature = request.headers['x-twilio-signature'];
      answer = await handle({
        method: request.method ?? '',
        url: request.url ?? '/',
        signature: typeof signature === 'string' ? signature : undefined,
        body: Buffer.concat(chunks).toString('utf8'),
      });
    } catch (error) {
      // The handler is total; should it reject, answer 500 (Twilio then ends the call).
      log(`account-codes twilio: ${error instanceof Error ? error.message : String(error)}`);
      answer = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' };
    }
    // The client may have gone while the ledger answered.
    if (!response.destroyed) send(response, answer, false);
  });
  request.on('error', () => response.destroy());
}

function send(response: ServerResponse, answer: TwilioResponse, close: boolean): void {
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-length': Buffer.byteLength(answer.body),
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(answer.body);
}
