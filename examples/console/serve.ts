/**
 * A static file server for the built console on 127.0.0.1: files from
 * examples/console/dist/ and nothing else (no server logic; the console runs
 * the library in the browser). `npm run console` starts it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./dist/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A running server: its address and how to stop it. */
export interface ConsoleServer {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** Serves the built console on 127.0.0.1; port 0 picks a free one. */
export function serveConsole(port = 0): Promise<ConsoleServer> {
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(`${root}${path === '/' ? 'index.html' : path.slice(1)}`);
    const type = TYPES[extname(file)];
    // Only the known kinds of file, and only inside dist/ (no `..` escapes).
    if (
      request.method !== 'GET' ||
      type === undefined ||
      !file.startsWith(root.replace(/\/$/, sep))
    ) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 18100);
  const { url } = await serveConsole(port);
  console.log(`account-codes console: ${url}  (Ctrl-C stops it)`);
}
