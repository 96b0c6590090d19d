/**
 * The node:http wiring of the webhook: read a bounded body, call the
 * handler, write JSON. No call logic lives here; see handler.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tooLarge, type WebhookHandler, type WebhookResponse } from './handler.js';

/** Options of {@link createWebhookServer}. */
export interface WebhookServerOptions {
  /** Bodies larger than this get 413 without being buffered. */
  readonly maxBodyBytes: number;
  /** One line per failure the handler could not answer. Default: none. */
  readonly log?: (line: string) => void;
}

/**
 * An HTTP server around a {@link WebhookHandler}, not yet listening.
 *
 * @example
 * ```ts
 * const created = createWebhookHandler({ config, secret });
 * if (created.ok) createWebhookServer(created.handle, { maxBodyBytes: created.maxBodyBytes }).listen(8080);
 * ```
 */
export function createWebhookServer(handle: WebhookHandler, options: WebhookServerOptions): Server {
  const log = options.log ?? (() => {});
  const server = createServer((request, response) => {
    serve(handle, options.maxBodyBytes, request, response, log);
  });
  // A slow client must not hold a connection for Node's default five minutes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  return server;
}

function serve(
  handle: WebhookHandler,
  maxBodyBytes: number,
  request: IncomingMessage,
  response: ServerResponse,
  log: (line: string) => void,
): void {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBodyBytes) {
    // Refuse before reading; drain what the client still sends so it can read the 413.
    send(response, tooLarge(maxBodyBytes), true);
    request.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  request.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    // Chunked bodies declare no length: count as they come.
    if (size > maxBodyBytes) {
      refused = true;
      chunks.length = 0;
      send(response, tooLarge(maxBodyBytes), true);
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (refused) return;
    let answer: WebhookResponse;
    try {
      answer = handle({
        method: request.method ?? '',
        path: request.url ?? '/',
        body: Buffer.concat(chunks).toString('utf8'),
      });
    } catch (error) {
      // The handler is total; should it ever throw, answer 500 rather than drop the connection.
      log(`account-codes webhook: ${error instanceof Error ? error.message : String(error)}`);
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"internal","message":"internal error"}}');
      return;
    }
    send(response, answer, false);
  });
  request.on('error', () => response.destroy());
}

function send(response: ServerResponse, answer: WebhookResponse, close: boolean): void {
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(text);
}
