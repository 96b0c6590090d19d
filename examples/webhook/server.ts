/**
 * Runs the webhook example: `npx tsx examples/webhook/server.ts [PORT] [CONFIG]`.
 * PORT defaults to $PORT or 8080, CONFIG to $ACCOUNT_CODES_CONFIG or
 * examples/acme.json; binds to $HOST or 127.0.0.1. The state secret comes
 * from $ACCOUNT_CODES_STATE_SECRET; without it a random one is made, and
 * calls in progress do not survive a restart.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig } from 'account-codes';
import { createWebhookHandler } from './handler.js';
import { createWebhookServer } from './http.js';

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const file =
  process.argv[3] ??
  process.env.ACCOUNT_CODES_CONFIG ??
  fileURLToPath(new URL('../acme.json', import.meta.url));

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`not a port: ${process.argv[2]}`);
let json: unknown;
try {
  json = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
const parsed = parseConfig(json);
if (!parsed.ok) fail(parsed.issues.map((issue) => issue.message).join('\n'));
for (const warning of parsed.warnings) console.error(`warning: ${warning.message}`);

let secret = process.env.ACCOUNT_CODES_STATE_SECRET;
if (secret === undefined) {
  secret = randomBytes(32).toString('base64url');
  console.error('ACCOUNT_CODES_STATE_SECRET is not set: using a random one for this process');
}
const created = createWebhookHandler({ config: parsed.config, secret });
if (!created.ok) fail(created.message);
const server = createWebhookServer(created.handle, {
  maxBodyBytes: created.maxBodyBytes,
  log: (line) => console.error(line),
});
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  console.error(`account-codes webhook listening on http://${host}:${bound}/calls/start (${file})`);
});

function fail(message: string): never {
  console.error(`account-codes: ${message}`);
  process.exit(1);
}
